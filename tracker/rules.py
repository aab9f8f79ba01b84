"""Counting rules that tie one column to another (data-rules.md), applied to typed rows."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from tracker.schema import ACTIONS, LAUNCHES, Table

KIND_CLASSES = {
    "nuclear_test": {"nuclear"},
    "space_launch": {"SLV"},
    "cruise_missile": {"cruise"},
    "ballistic_missile": {"SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "HGV", "unknown"},
}
KNOWN_CLASSES = set().union(*KIND_CLASSES.values())
VOTED_KINDS = {"resolution", "vetoed_draft"}


def split_list(value) -> list[str]:
    """`a; b;c` -> ['a', 'b', 'c']; empty or missing -> []."""
    if not isinstance(value, str):
        return []
    return [item.strip() for item in value.split(";") if item.strip()]


def row_problems(table: Table, rows: pd.DataFrame, launch_ids: set[str] | None) -> Iterator[tuple[int, str, str]]:
    """Yield (row index, column, message) for each broken cross-column rule."""
    if table is LAUNCHES:
        yield from _launch_rules(rows)
    elif table is ACTIONS:
        yield from _action_rules(rows, launch_ids)


def _launch_rules(rows: pd.DataFrame) -> Iterator[tuple[int, str, str]]:
    for index, kind, cls in rows[["kind", "missile_class"]].itertuples():
        allowed = KIND_CLASSES.get(kind)
        if allowed and cls in KNOWN_CLASSES and cls not in allowed:
            yield index, "missile_class", (f"missile_class: {cls!r} does not fit kind {kind!r} "
                                           f"(allowed: {', '.join(sorted(allowed))})")
    monthly = rows[(rows["date_precision"] == "month") & rows["date"].notna()]
    for index in monthly.index[monthly["date"].dt.day != 1]:
        yield index, "date", "date: a month-precision date must be the 1st of the month"


def _action_rules(rows: pd.DataFrame, launch_ids: set[str] | None) -> Iterator[tuple[int, str, str]]:
    votes = rows[["votes_for", "votes_against", "abstentions"]].astype("Float64").fillna(0).sum(axis=1)
    for index in rows.index[votes > 15]:
        yield index, "votes_for", f"votes_for: for + against + abstentions is {int(votes[index])}, over 15"
    for index, kind, votes_for, vetoed in rows[["kind", "votes_for", "vetoed_by"]].itertuples():
        if kind in VOTED_KINDS and pd.isna(votes_for):
            yield index, "votes_for", f"votes_for: a {kind} needs its vote"
        if kind not in VOTED_KINDS and kind in ACTIONS.field("kind").choices and pd.notna(votes_for):
            yield index, "votes_for", f"votes_for: a {kind} is not voted on; leave the votes empty"
        if kind == "vetoed_draft" and not split_list(vetoed):
            yield index, "vetoed_by", "vetoed_by: a vetoed_draft needs the members that vetoed it"
        if kind in ("resolution", "presidential_statement", "press_statement") and split_list(vetoed):
            yield index, "vetoed_by", f"vetoed_by: only a vetoed_draft can have vetoes, this is a {kind}"
    if launch_ids is None:
        return
    for index, targets in rows["responds_to"].items():
        unknown = [t for t in split_list(targets) if t not in launch_ids]
        if unknown:
            yield index, "responds_to", (f"responds_to: no launch has the id {', '.join(map(repr, unknown))} "
                                         f"(check {LAUNCHES.filename})")
