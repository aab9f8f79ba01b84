"""Rules that tie one column to another (data-rules.md), applied to typed rows, per table.

Foreign keys are declared in the schema and checked generically by the validator; the rules here are the
ones a declaration cannot say. A table without rules simply has no entry in `TABLE_RULES`.
Vectorised: numeric rules compare whole columns; rules about lists and names run once per distinct combination
of the values involved (`distinct.per_distinct`), never once per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from tracker.distinct import per_distinct
from tracker.schema import (DOCUMENT_SYMBOL, KIND_CLASSES, PERMANENT_MEMBERS, PRST_SYMBOL, RESOLUTION_SYMBOL,
                            SYMBOL_PATTERN, VOTED_KINDS)
from tracker.values import split_list

RowProblems = Iterator[tuple[int, str, str]]  # (row index, column, message)


def _where(rows: pd.DataFrame, column: str, answers: np.ndarray) -> RowProblems:
    """A problem for each row whose answer is a message (None means the row keeps the rule)."""
    for position in np.flatnonzero(np.not_equal(answers, None)):
        yield rows.index[position], column, answers[position]


def _class_misfit(kind, cls) -> str | None:
    allowed = KIND_CLASSES.get(kind) if isinstance(kind, str) else None
    if allowed and isinstance(cls, str) and cls not in allowed and any(cls in c for c in KIND_CLASSES.values()):
        return f"missile_class: {cls!r} does not fit kind {kind!r} (allowed: {', '.join(sorted(allowed))})"
    return None


def _launch_rules(rows: pd.DataFrame) -> RowProblems:
    yield from _where(rows, "missile_class", per_distinct(_class_misfit, rows["kind"], rows["missile_class"]))
    monthly = rows[(rows["date_precision"] == "month") & rows["date"].notna()]
    for index in monthly.index[monthly["date"].dt.day != 1]:
        yield index, "date", "date: a month-precision date must be the 1st of the month"


def _vote_problem(kind, no_vote: bool) -> str | None:
    if kind in VOTED_KINDS and no_vote:
        return f"votes_for: a {kind} needs its vote"
    if kind not in VOTED_KINDS and isinstance(kind, str) and not no_vote:
        return f"votes_for: a {kind} is not voted on; leave the votes empty"
    return None


def _veto_problem(kind, vetoed) -> str | None:
    if kind == "vetoed_draft" and not split_list(vetoed):
        return "vetoed_by: a vetoed_draft needs the members that vetoed it"
    if kind != "vetoed_draft" and isinstance(kind, str) and split_list(vetoed):
        return f"vetoed_by: only a vetoed_draft can have vetoes, this is a {kind}"
    return None


# Which symbol each kind carries (the format itself is checked by the schema's pattern); a kind not named here
# (press statements, blocked statements, meetings) has no document symbol.
KIND_SYMBOLS = {"resolution": (RESOLUTION_SYMBOL, "S/RES/n (yyyy)"),
                "presidential_statement": (f"{PRST_SYMBOL}|{DOCUMENT_SYMBOL}", "S/PRST/yyyy/n (S/nnnnn before 1994)"),
                "vetoed_draft": (DOCUMENT_SYMBOL, "S/yyyy/n")}


def _symbol_problem(kind, symbol) -> str | None:
    """A symbol that is no symbol at all is the schema pattern's problem; here, whether it fits the kind."""
    if not isinstance(kind, str):
        return None
    expected = KIND_SYMBOLS.get(kind)
    if expected is None:
        if isinstance(symbol, str):
            return f"symbol: a {kind} has no document symbol (put a press release number in press_release)"
        return None
    if isinstance(symbol, str) and re.fullmatch(SYMBOL_PATTERN, symbol) and not re.fullmatch(expected[0], symbol):
        return f"symbol: a {kind}'s symbol is written {expected[1]}, got {symbol!r}"
    return None


def _count_problem(count_column: str, names_column: str) -> Callable[[object, object], str | None]:
    def problem(count, names) -> str | None:
        named = split_list(names)
        if named and (pd.isna(count) or len(named) != count):
            return (f"{names_column}: names {len(named)} member(s) but {count_column} "
                    f"is {'empty' if pd.isna(count) else int(count)}")
        return None
    return problem


def _veto_not_against(vetoed, against) -> str | None:
    missing = (set(split_list(vetoed)) & set(PERMANENT_MEMBERS)) - set(split_list(against))
    if split_list(against) and missing:
        return f"against_members: a veto is a vote against; add {', '.join(sorted(missing))}"
    return None


def _action_rules(rows: pd.DataFrame) -> RowProblems:
    votes = rows[["votes_for", "votes_against", "abstentions"]].astype("Float64").fillna(0).sum(axis=1)
    for index in rows.index[votes > 15]:
        yield index, "votes_for", f"votes_for: for + against + abstentions is {int(votes[index])}, over 15"
    yield from _where(rows, "votes_for", per_distinct(_vote_problem, rows["kind"], rows["votes_for"].isna()))
    yield from _where(rows, "vetoed_by", per_distinct(_veto_problem, rows["kind"], rows["vetoed_by"]))
    yield from _where(rows, "symbol", per_distinct(_symbol_problem, rows["kind"], rows["symbol"]))
    for count_column, names_column in (("votes_against", "against_members"), ("abstentions", "abstaining_members")):
        yield from _where(rows, names_column, per_distinct(_count_problem(count_column, names_column),
                                                           rows[count_column], rows[names_column]))
    yield from _where(rows, "against_members",
                      per_distinct(_veto_not_against, rows["vetoed_by"], rows["against_members"]))


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
