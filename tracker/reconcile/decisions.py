"""Which differences the reviewed decisions file explains, and which decisions explain nothing any more.

A decision names a source, a date and the kinds of difference it settles (`differences`): it explains exactly the
differences with that source, date and kind. One that explains none is stale (the row was fixed, or the database
changed) and must be removed, so the file only ever holds decisions about differences that exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from tracker.reconcile.match import Difference
from tracker.values import split_list


@dataclass(frozen=True)
class Decision:
    id: str
    date: dt.date
    source: str
    differences: tuple[str, ...]
    decision: str
    reason: str
    source_url: str


@dataclass(frozen=True)
class Checked:
    difference: Difference
    decision: Decision | None


def decisions_from(frame: pd.DataFrame) -> list[Decision]:
    return [Decision(r["id"], r["date"].date(), r["source"], tuple(split_list(r["differences"])), r["decision"],
                     r["reason"], r["source_url"]) for r in frame.to_dict("records")]


def explain(found: list[Difference], decisions: list[Decision]) -> tuple[list[Checked], list[Decision]]:
    """(each difference with the decision that explains it, or None), and the decisions that explain nothing."""
    by_key: dict[tuple, Decision] = {}
    for d in decisions:
        for kind in d.differences:
            by_key.setdefault((d.source, d.date, kind), d)  # a second decision for the same difference is stale
    checked = [Checked(diff, by_key.get((diff.source, diff.date, diff.kind))) for diff in found]
    used = {(c.difference.source, c.difference.date, c.difference.kind): c.decision for c in checked if c.decision}
    stale = [d for d in decisions if not all(used.get((d.source, d.date, kind)) is d for kind in d.differences)]
    return checked, stale
