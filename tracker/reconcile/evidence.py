"""Where the evidence ends: how far the databases reached at the newest recorded reconcile run, and its date.

The page footer shows this sentence beside the newest row's date, so a reader can tell "no launch after X in the
data" from "the sources were not read after X".
"""

from __future__ import annotations

import pandas as pd

from tracker.values import day


def where_evidence_ends(runs: pd.DataFrame | None) -> str:
    """'Sources reach: CNS 19 Apr 2026, CSIS 20 Aug 2026; rows last reconciled with them on 3 Dec 2026.' from the
    newest recorded run (one row per database); '' before any run is recorded."""
    if runs is None or not len(runs):
        return ""
    latest = runs[runs["date"] == runs["date"].max()].drop_duplicates("source", keep="last")
    reach = ", ".join(f"{r['source'].upper()} {day(r['source_newest'])}" for r in latest.to_dict("records"))
    return f"Sources reach: {reach}; rows last reconciled with them on {day(latest['date'].max())}."
