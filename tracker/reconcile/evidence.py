"""Where the evidence ends: how far the databases reached at the newest recorded reconcile run, and its date.

The page footer shows this sentence beside the newest row's date, so a reader can tell "no launch after X in the
data" from "the sources were not read after X".
"""

from __future__ import annotations

import pandas as pd

from tracker.values import day


def latest_runs(runs: pd.DataFrame) -> pd.DataFrame:
    """The rows of the newest recorded run date, one per database."""
    if runs is None or not len(runs):
        return runs.iloc[0:0] if runs is not None else pd.DataFrame()
    latest = runs[runs["date"] == runs["date"].max()]
    return latest.drop_duplicates("source", keep="last")


def where_evidence_ends(runs: pd.DataFrame | None) -> str:
    """'CNS reaches 19 Apr 2026, CSIS 20 Aug 2026; rows last reconciled 3 Dec 2026.' or '' before any run."""
    latest = latest_runs(runs) if runs is not None else None
    if latest is None or not len(latest):
        return ""
    reach = ", ".join(f"{r['source'].upper()} {day(r['source_newest'])}" for r in latest.to_dict("records"))
    return f"Databases checked: {reach}; rows last reconciled with them {day(latest['date'].max())}."
