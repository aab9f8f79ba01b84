"""Typed parsing and pandera's column checks for a chunk of rows, done once per distinct value of each column.

Coded columns repeat a few values over many rows (kinds, classes, dates, links), so each column is factorized:
its distinct values are trimmed (free text keeps its spaces), parsed and checked with the pandera schema built from
`schema.py`, and the outcome is spread back to the rows through the codes. A value that fails is reported on
every row that holds it, with the same message as if each row had been checked on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from tracker.schema import Field, Table
from tracker.suggest import did_you_mean
from tracker.values import (INT64, INTEGER_PATTERN, NUMBER_PATTERN, URL_PATTERN, URL_PUBLIC_HOST, URL_USERINFO,
                            exact_integer, split_list)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

CellProblem = tuple[int, str, str]  # (row position in the chunk, column, message)
FEW_VALUES = 1_000  # columns with at most this many distinct values in a chunk are checked in one frame


def _pandera_checks(f: Field, today: dt.date, table: Table) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if f.choices and f.type == "enum":
        checks.append(pa.Check.isin(list(f.choices), error=f"must be one of: {', '.join(f.choices)}"))
    if f.type in ("int", "float"):
        if f.min is not None:
            checks.append(pa.Check.ge(f.min, error=f"must be at least {f.min:g}"))
        if f.max is not None:
            checks.append(pa.Check.le(f.max, error=f"must be at most {f.max:g}"))
    patterns = {"url": (URL_PATTERN, "must be an http:// or https:// URL"),
                "id": (ID_PATTERN, "may hold only letters, digits, '.', '_' and '-'"),
                "time": (TIME_PATTERN, "must be a time HH:MM (24-hour)")}
    if f.type in patterns:
        pattern, message = patterns[f.type]
        checks.append(pa.Check.str_matches(pattern, error=message))
    if f.pattern:
        checks.append(pa.Check.str_matches(f.pattern, error=f"must be written like {f.example or f.pattern}"))
    if f.type == "url":
        checks.append(pa.Check(lambda s: ~s.str.match(URL_USERINFO),
                               error="must not contain user info ('@' before the host)"))
        checks.append(pa.Check.str_matches(URL_PUBLIC_HOST, error="must name a public host such as press.un.org "
                                                                  "(not an IP address, a local name or no host)"))
    if f.type == "date":
        floor = table.date_floor.isoformat()
        checks.append(pa.Check.ge(pd.Timestamp(floor), error=f"is before {floor}, the earliest date {table.filename} "
                                                             "accepts (a typo in the year?)"))
        checks.append(pa.Check.le(pd.Timestamp(today), error=f"is in the future (after {today.isoformat()})"))
    if f.type == "memberlist":
        members = set(f.choices)
        checks.append(pa.Check(lambda s: s.map(lambda v: set(split_list(v)) <= members),
                               error=f"names must be among: {', '.join(f.choices)}"))
    return checks


def pandera_schema(table: Table, present: list[str], today: dt.date) -> pa.DataFrameSchema:
    """The checks of each present column. Missing values pass: the frame of distinct values that pandera checks
    pads its shorter columns with them, and `check_columns` reports a required cell left empty itself."""
    columns = {f.name: pa.Column(checks=_pandera_checks(f, today, table), nullable=True, required=False)
               for f in table.fields if f.name in present}
    return pa.DataFrameSchema(columns)


def parse_column(raw: pd.Series, f: Field) -> tuple[pd.Series, np.ndarray]:
    """Typed values and, for each value, why it did not parse (None where it did)."""
    empty = (raw == "").to_numpy(dtype=bool)
    failed = np.full(len(raw), None, dtype=object)
    if f.type == "int":
        plain = raw.str.fullmatch(INTEGER_PATTERN).fillna(False).to_numpy(dtype=bool)
        failed[~empty & ~plain] = "must be a whole number"
        exact = [exact_integer(text) if ok else None for text, ok in zip(raw.tolist(), plain)]
        beyond = np.array([value is not None and not INT64[0] <= value <= INT64[1] for value in exact], dtype=bool)
        low, high = (INT64[0] if f.min is None else f.min), (INT64[1] if f.max is None else f.max)
        failed[beyond] = f"must be a whole number from {int(low)} to {int(high)}"  # the range the schema declares
        return pd.Series(pd.array([None if out else value for value, out in zip(exact, beyond)], dtype="Int64"),
                         index=raw.index), failed
    if f.type == "float":
        plain = raw.str.fullmatch(NUMBER_PATTERN).fillna(False).to_numpy(dtype=bool)
        number = pd.to_numeric(raw.where(plain), errors="coerce").astype("float64")
        failed[~empty & ~plain] = "must be a number"
        infinite = plain & ~np.isfinite(number.to_numpy())
        failed[infinite] = "is too large to be a number"
        nonzero = raw.str.replace(r"[eE].*", "", regex=True).str.contains(r"[1-9]").fillna(False).to_numpy(dtype=bool)
        vanished = plain & nonzero & (number.to_numpy() == 0)  # 1e-400 reads as 0: not what was written
        failed[vanished] = "is too close to zero to be a number (write 0 for zero)"
        return number.mask(infinite | vanished), failed
    if f.type == "date":
        stamp = pd.to_datetime(raw.mask(raw == ""), format="%Y-%m-%d", errors="coerce")
        bad = (~empty & (stamp.isna() | ~raw.str.match(DATE_PATTERN))).to_numpy(dtype=bool)
        failed[bad] = "must be a real date written YYYY-MM-DD"
        return stamp.mask(bad), failed
    return raw.mask(raw == ""), failed


def empty_frame(table: Table) -> pd.DataFrame:
    """A table with no rows but the same dtypes a parsed file gets (a header-only file, or no data yet)."""
    empty = pd.Series([], dtype="str")
    return pd.DataFrame({f.name: parse_column(empty, f)[0] for f in table.fields})


@dataclass
class _Distinct:
    codes: np.ndarray  # row -> position in `text`
    text: list[str]  # each distinct value as checked (trimmed: two values may be the same once trimmed)
    typed: pd.Series  # each distinct value parsed


def _distinct(raw: pd.Series) -> _Distinct:
    """Coded values are trimmed before checking."""
    codes, uniques = raw.factorize()
    text = [value.strip() for value in uniques.tolist()]
    return _Distinct(codes, text, pd.Series(text, dtype="str"))


def check_columns(raw: pd.DataFrame, table: Table, schema: pa.DataFrameSchema,
                  reported: set[tuple[int, str]]) -> tuple[pd.DataFrame, list[CellProblem]]:
    """The chunk's typed frame (every column of the table) and its cell problems: values that do not parse, required
    values left empty, then pandera's failures. A cell in `reported` (or reported here) gets no second problem."""
    problems: list[CellProblem] = []
    typed: dict[str, pd.Series] = {}
    distinct: dict[str, _Distinct] = {}
    for f in table.fields:
        if f.name not in raw:
            typed[f.name] = pd.Series(pd.NA, index=raw.index, dtype="object")
            continue
        if f.type == "text" and not f.pattern:  # free text keeps its spaces and has no checks but this one
            empty = raw[f.name] == ""
            typed[f.name] = raw[f.name].mask(empty)
            if f.required and empty.any():
                problems += _required(np.flatnonzero(empty.to_numpy()), f.name, reported)
            continue
        column = distinct[f.name] = _distinct(raw[f.name])
        values, failed = parse_column(column.typed, f)
        column.typed = values
        typed[f.name] = pd.Series(values.array.take(column.codes), index=raw.index)
        problems += _spread(column, f.name, failed, reported, always_quote=True)
        if f.required and "" in column.text:  # "" and "  " are two distinct values, both empty once trimmed
            empty = np.array([value == "" for value in column.text])
            problems += _required(np.flatnonzero(empty[column.codes]), f.name, reported)
    cases = []
    for group in _groups(distinct):
        try:
            schema.validate(pd.DataFrame({name: distinct[name].typed for name in group}), lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases.append(exc.failure_cases)
    if cases:
        problems += _pandera_problems(pd.concat(cases, ignore_index=True), distinct, reported, table)
    return pd.DataFrame(typed, index=raw.index), problems


def _groups(distinct: dict[str, _Distinct]) -> list[list[str]]:
    """Columns checked together (one frame, shorter columns padded with missing values): those with few distinct
    values share one; a column with many (ids) is checked alone, so that it pads no other."""
    many = [[name] for name, column in distinct.items() if len(column.text) > FEW_VALUES]
    few = [name for name, column in distinct.items() if len(column.text) <= FEW_VALUES]
    return [few, *many] if few else many


def _pandera_problems(cases: pd.DataFrame, distinct: dict[str, _Distinct],
                      reported: set[tuple[int, str]], table: Table) -> list[CellProblem]:
    """The first failed check of each distinct value, then every row holding it."""
    failed = {name: np.full(len(column.text), None, dtype=object) for name, column in distinct.items()}
    cases = cases.dropna(subset=["index"])
    for index, name, check in cases[["index", "column", "check"]].itertuples(index=False):
        index = int(index)
        if failed[name][index] is None:
            failed[name][index] = check
    problems: list[CellProblem] = []
    for name, column in distinct.items():
        problems += _spread(column, name, failed[name], reported, always_quote=False, field=table.field(name))
    return problems


def _required(rows: np.ndarray, name: str, reported: set[tuple[int, str]]) -> list[CellProblem]:
    problems = []
    for row in rows.tolist():
        if (row, name) not in reported:
            reported.add((row, name))
            problems.append((row, name, f"{name}: is required but empty"))
    return problems


def _spread(column: _Distinct, name: str, failed: np.ndarray, reported: set[tuple[int, str]],
            always_quote: bool, field: Field | None = None) -> list[CellProblem]:
    """A problem for each row whose distinct value has a message in `failed`, unless its cell was reported; a
    value outside a closed choice gets the nearest allowed one ("did you mean")."""
    has_message = np.not_equal(failed, None)
    if not has_message.any():
        return []
    problems = []
    for row in np.flatnonzero(has_message[column.codes]).tolist():
        if (row, name) in reported:
            continue
        reported.add((row, name))
        value = column.text[column.codes[row]]
        suffix = f", got {value!r}" if value or always_quote else ""
        if field is not None and field.choices and value:
            suffix += did_you_mean(value, field.choices, many=field.type == "memberlist")
        problems.append((row, name, f"{name}: {failed[column.codes[row]]}{suffix}"))
    return problems
