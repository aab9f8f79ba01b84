"""Check a dataset folder against the schema and the counting rules; report every problem at once.

Flow per file: csvread (structure, line numbers) -> typed parse (one pass per column) -> pandera checks built
from `schema.py` -> row rules and cross-file rules (unique ids, sort order, `responds_to` targets).
Imports neither dash nor plotly, so the CLI's `validate` stays fast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from tracker import rules, schema
from tracker.csvread import CsvFile, character_problem, has_bad_characters
from tracker.problems import Problem
from tracker.schema import Field, Table
from tracker.values import URL_PATTERN, URL_USERINFO, split_list

MAX_COLUMNS_FACTOR = 10  # a header wider than 10x the schema is refused before any row is read
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@dataclass
class TableResult:
    table: Table
    frame: pd.DataFrame | None
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    complete: bool = True  # every row was read, so `ids` is the whole id set
    partial: bool = False  # the header was read but some rows were lost (quote errors, ragged rows)


@dataclass
class DatasetResult:
    tables: dict[str, TableResult]

    @property
    def problems(self) -> list[Problem]:
        return [p for result in self.tables.values() for p in result.problems]

    @property
    def ok(self) -> bool:
        return not self.problems

    def __getitem__(self, name: str) -> TableResult:
        return self.tables[name]


def latest_allowed_date() -> dt.date:
    """Today where the calendar is furthest ahead (UTC+14), so no same-day row is called future."""
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=14)).date()


def _pandera_checks(f: Field, today: dt.date) -> list[pa.Check]:
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
    if f.type == "url":
        checks.append(pa.Check(lambda s: ~s.str.match(URL_USERINFO),
                               error="must not contain user info ('@' before the host)"))
    if f.type == "date":
        limit = pd.Timestamp(today)
        checks.append(pa.Check.le(limit, error=f"is in the future (after {today.isoformat()})"))
    if f.type == "memberlist":
        members = set(f.choices)
        checks.append(pa.Check(lambda s: s.map(lambda v: set(split_list(v)) <= members),
                               error=f"names must be among: {', '.join(f.choices)}"))
    return checks


def pandera_schema(table: Table, present: list[str], today: dt.date) -> pa.DataFrameSchema:
    columns = {f.name: pa.Column(checks=_pandera_checks(f, today), nullable=not f.required, required=False)
               for f in table.fields if f.name in present}
    return pa.DataFrameSchema(columns)


def _parse_column(raw: pd.Series, f: Field) -> tuple[pd.Series, pd.Series, str]:
    """Typed values, a mask of values that did not parse, and the message for them."""
    empty = raw == ""
    if f.type == "int":
        number = pd.to_numeric(raw.mask(empty), errors="coerce")
        bad = ~empty & (number.isna() | (number % 1 != 0))
        return number.mask(bad).astype("Int64"), bad, "must be a whole number"
    if f.type == "float":
        number = pd.to_numeric(raw.mask(empty), errors="coerce").astype("float64")
        return number, ~empty & number.isna(), "must be a number"
    if f.type == "date":
        stamp = pd.to_datetime(raw.mask(empty), format="%Y-%m-%d", errors="coerce")
        bad = ~empty & (stamp.isna() | ~raw.str.match(DATE_PATTERN))
        return stamp.mask(bad), bad, "must be a real date written YYYY-MM-DD"
    return raw.mask(empty), pd.Series(False, index=raw.index), ""


def empty_frame(table: Table) -> pd.DataFrame:
    """A table with no rows but the same dtypes a parsed file gets (a header-only file, or no data yet)."""
    empty = pd.Series([], dtype="str")
    return pd.DataFrame({f.name: _parse_column(empty, f)[0] for f in table.fields})


class TableChecker:
    """Checks one file chunk by chunk, carrying ids and sort order across chunks."""

    def __init__(self, table: Table, path: Path, label: str, today: dt.date, known: dict[str, TableResult]):
        """`known`: results of the tables read before, for foreign keys."""
        self.table, self.today, self.known = table, today, known
        self.source = CsvFile(path, label, max_columns=MAX_COLUMNS_FACTOR * len(table.fields))
        self.unchecked_links: dict[str, tuple[int, int]] = {}  # column -> (ids not checkable, first line)
        self.first_line: dict[str, int] = {}
        self.last_key: tuple[str, str, int] | None = None
        self.problems: list[Problem] = []
        self.missing_columns: list[str] = []
        self.known_tables: list[Table] = []

    def run(self, keep: bool, chunk_rows: int = 50_000) -> TableResult:
        frames, rows = [], 0
        for chunk in self.source.chunks(chunk_rows):
            if not self._header_ok():
                break
            frame = self._check_chunk(chunk.lines, chunk.rows)
            rows += len(frame)
            if keep:
                frames.append(frame)
        header_ok = self._header_ok()
        for column, (count, line) in self.unchecked_links.items():
            target = schema.table_named(self._key(column).table, tuple(self.known_tables))
            self._add(line, self._column_number(column),
                      f"{column}: {count} {target.noun} ids named in this file could not be checked: "
                      f"{target.filename} could not be read completely (see above)")
        problems = sorted(set(self.source.problems + self.problems))
        frame = pd.concat(frames, ignore_index=True) if frames else empty_frame(self.table)
        read = self.source.complete and header_ok
        return TableResult(self.table, frame if keep else None, rows, problems, set(self.first_line),
                           complete=read and not self.source.problems, partial=read and bool(self.source.problems))

    def _header_ok(self) -> bool:
        header = self.source.header
        if not header:
            return False
        missing = [f.name for f in self.table.fields if f.contract and f.name not in header]
        for name in missing:
            if name not in self.missing_columns:
                self.missing_columns.append(name)
                self._add(1, 1, f"missing required column '{name}'")
        return not missing

    def _add(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.source.label, line, column, message))

    def _column_number(self, name: str) -> int:
        return self.source.header.index(name) + 1

    def _check_characters(self, lines: list[int], rows: list[list[str]]) -> set[tuple[int, str]]:
        """Control and bidi characters, in any column, before values are trimmed; one fast scan per chunk."""
        if not has_bad_characters(",".join(map(",".join, rows))):  # "," can neither make nor hide a match
            return set()
        header, found = self.source.header, set()
        for index, row in enumerate(rows):
            if not has_bad_characters(",".join(row)):
                continue
            for number, value in enumerate(row, start=1):
                message = character_problem(value)
                if message:
                    found.add((index, header[number - 1]))
                    self._add(lines[index], number, f"{header[number - 1]}: {message}")
        return found

    def _check_chunk(self, lines: list[int], rows: list[list[str]]) -> pd.DataFrame:
        header = self.source.header
        reported = self._check_characters(lines, rows)
        raw = pd.DataFrame(rows, columns=header, dtype="str")
        for f in self.table.fields:  # free text keeps its spaces; coded values are trimmed before checking
            if f.name in header and f.type != "text":
                raw[f.name] = raw[f.name].str.strip()
        typed = pd.DataFrame(index=raw.index)
        for f in self.table.fields:
            if f.name not in header:
                typed[f.name] = pd.Series(pd.NA, index=raw.index, dtype="object")
                continue
            values, bad, message = _parse_column(raw[f.name], f)
            typed[f.name] = values
            for index in bad[bad].index:
                if (index, f.name) in reported:
                    continue
                reported.add((index, f.name))
                self._add(lines[index], self._column_number(f.name),
                          f"{f.name}: {message}, got {raw.at[index, f.name]!r}")
        self._run_pandera(typed, raw, lines, reported)
        for index, name, message in rules.row_problems(self.table.name, typed):
            self._add(lines[index], self._column_number(name) if name in header else 1, message)
        self._check_foreign_keys(typed, lines)
        self._check_ids_and_order(typed, lines)
        return typed

    def _run_pandera(self, typed, raw, lines, reported) -> None:
        schema = pandera_schema(self.table, list(self.source.header), self.today)
        try:
            schema.validate(typed.drop(columns=[c for c in typed if c not in self.source.header]), lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases.dropna(subset=["index"])
            for index, column, check in cases[["index", "column", "check"]].itertuples(index=False):
                index = int(index)
                if (index, column) in reported:
                    continue
                reported.add((index, column))
                message = "is required but empty" if check == "not_nullable" else check
                got = raw.at[index, column]
                suffix = f", got {got!r}" if got else ""
                self._add(lines[index], self._column_number(column), f"{column}: {message}{suffix}")

    def _key(self, column: str):
        return next(k for k in self.table.foreign_keys if k.column == column)

    def _check_foreign_keys(self, typed: pd.DataFrame, lines: list[int]) -> None:
        """Each declared foreign key must name ids of its table. If that table was not read at all, its own problems
        say why; if it lost rows, the ids that cannot be checked are summed in one line, not one error per row."""
        for key in self.table.foreign_keys:
            if key.column not in self.source.header:
                continue
            target = schema.table_named(key.table, tuple(self.known_tables))
            result = self.known.get(key.table)
            if result is None or not (result.complete or result.partial):
                continue  # that file could not be read at all: its own problems say why; no knock-on errors here
            for index, value in typed[key.column].dropna().items():
                values = split_list(value) if key.many else [value]
                unknown = [v for v in values if v not in result.ids]
                if not unknown:
                    continue
                if result.partial:
                    count, first = self.unchecked_links.get(key.column, (0, 0))
                    self.unchecked_links[key.column] = (count + len(unknown), first or lines[index])
                    continue
                self._add(lines[index], self._column_number(key.column),
                          f"{key.column}: no {target.noun} has the id {', '.join(map(repr, unknown))} "
                          f"(check {target.filename})")

    def _check_ids_and_order(self, typed: pd.DataFrame, lines: list[int]) -> None:
        """Vectorised: duplicates within the chunk and against earlier chunks, then the (date, id) order."""
        id_column, date_column = self._column_number("id"), self._column_number("date")
        line_of = pd.Series(lines, index=typed.index)
        ids = typed["id"]
        present = ids.notna()
        seen_before = present & ids.isin(list(self.first_line)) if self.first_line else pd.Series(False, ids.index)
        repeated = present & ids.duplicated() & ~seen_before
        first_in_chunk = ids[present & ~ids.duplicated() & ~seen_before]
        self.first_line.update(zip(first_in_chunk, line_of[first_in_chunk.index]))
        for index in ids.index[seen_before | repeated]:
            self._add(lines[index], id_column,
                      f"id: {ids[index]!r} is already used on line {self.first_line[ids[index]]}")
        keyed = typed[present & typed["date"].notna()]
        if keyed.empty:
            return
        keys = pd.DataFrame({"date": keyed["date"].dt.strftime("%Y-%m-%d"), "id": keyed["id"],
                             "line": line_of[keyed.index]})
        if self.last_key:
            keys = pd.concat([pd.DataFrame([self.last_key], columns=["date", "id", "line"]), keys], ignore_index=True)
        previous = keys.shift(1)
        broken = (keys["date"] < previous["date"]) | ((keys["date"] == previous["date"]) & (keys["id"] < previous["id"]))
        if not broken.any():
            self.last_key = tuple(keys.iloc[-1])
            return
        last = None  # slow path, only for files that are out of order: compare with the last row in order
        for row in keys.itertuples(index=False):
            key = (row.date, row.id, row.line)
            if last and key[:2] < last[:2]:
                self._add(key[2], date_column, f"rows must be sorted by date, then id: ({key[0]}, {key[1]}) "
                                               f"comes after line {last[2]} ({last[0]}, {last[1]})")
            else:
                last = key
        self.last_key = last


def check_dataset(data_dir: Path | str, keep: bool = True, chunk_rows: int = 50_000,
                  tables: tuple[Table, ...] | None = None) -> DatasetResult:
    """Validate every table of the registry in order; foreign keys are checked against tables read before."""
    data_dir = Path(data_dir)
    tables = tables or schema.TABLES
    today = latest_allowed_date()
    results: dict[str, TableResult] = {}
    for table in tables:
        checker = TableChecker(table, data_dir / table.filename, str(data_dir / table.filename), today, results)
        checker.known_tables = list(tables)
        results[table.name] = checker.run(keep, chunk_rows)
    return DatasetResult(results)
