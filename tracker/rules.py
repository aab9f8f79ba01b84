"""Rules that tie one column to another (data-rules.md), applied to typed rows, per table.

Foreign keys are declared in the schema and checked generically by the validator; the rules here are the
ones a declaration cannot say. A table without rules simply has no entry in `TABLE_RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from tracker.schema import KIND_CLASSES, PERMANENT_MEMBERS, VOTED_KINDS
from tracker.values import split_list

RowProblems = Iterator[tuple[int, str, str]]  # (row index, column, message)


def _launch_rules(rows: pd.DataFrame) -> RowProblems:
    for index, kind, cls in rows[["kind", "missile_class"]].itertuples():
        allowed = KIND_CLASSES.get(kind)
        if allowed and isinstance(cls, str) and cls not in allowed and any(cls in c for c in KIND_CLASSES.values()):
            yield index, "missile_class", (f"missile_class: {cls!r} does not fit kind {kind!r} "
                                           f"(allowed: {', '.join(sorted(allowed))})")
    monthly = rows[(rows["date_precision"] == "month") & rows["date"].notna()]
    for index in monthly.index[monthly["date"].dt.day != 1]:
        yield index, "date", "date: a month-precision date must be the 1st of the month"


def _action_rules(rows: pd.DataFrame) -> RowProblems:
    votes = rows[["votes_for", "votes_against", "abstentions"]].astype("Float64").fillna(0).sum(axis=1)
    for index in rows.index[votes > 15]:
        yield index, "votes_for", f"votes_for: for + against + abstentions is {int(votes[index])}, over 15"
    for index, kind, votes_for, vetoed in rows[["kind", "votes_for", "vetoed_by"]].itertuples():
        if kind in VOTED_KINDS and pd.isna(votes_for):
            yield index, "votes_for", f"votes_for: a {kind} needs its vote"
        if kind not in VOTED_KINDS and isinstance(kind, str) and pd.notna(votes_for):
            yield index, "votes_for", f"votes_for: a {kind} is not voted on; leave the votes empty"
        if kind == "vetoed_draft" and not split_list(vetoed):
            yield index, "vetoed_by", "vetoed_by: a vetoed_draft needs the members that vetoed it"
        if kind != "vetoed_draft" and isinstance(kind, str) and split_list(vetoed):
            yield index, "vetoed_by", f"vetoed_by: only a vetoed_draft can have vetoes, this is a {kind}"
    for count_column, names_column in (("votes_against", "against_members"), ("abstentions", "abstaining_members")):
        for index, count, names in rows[[count_column, names_column]].itertuples():
            named = split_list(names)
            if named and (pd.isna(count) or len(named) != count):
                yield index, names_column, (f"{names_column}: names {len(named)} member(s) but {count_column} "
                                            f"is {'empty' if pd.isna(count) else int(count)}")
    for index, vetoed, against in rows[["vetoed_by", "against_members"]].itertuples():
        missing = (set(split_list(vetoed)) & set(PERMANENT_MEMBERS)) - set(split_list(against))
        if split_list(against) and missing:
            yield index, "against_members", (f"against_members: a veto is a vote against; add "
                                             f"{', '.join(sorted(missing))}")


def _event_rules(rows: pd.DataFrame) -> RowProblems:
    ends = rows[rows["end_date"].notna() & rows["date"].notna()]
    for index in ends.index[ends["end_date"] < ends["date"]]:
        yield index, "end_date", "end_date: a period cannot end before it starts"


TABLE_RULES: dict[str, Callable[[pd.DataFrame], RowProblems]] = {
    "launches": _launch_rules, "council_actions": _action_rules, "context_events": _event_rules}


def row_problems(table_name: str, rows: pd.DataFrame) -> RowProblems:
    """Yield (row index, column, message) for each broken cross-column rule of this table."""
    rule = TABLE_RULES.get(table_name)
    if rule is not None:
        yield from rule(rows)
