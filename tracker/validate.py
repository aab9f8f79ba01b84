"""Check a dataset folder against the schema and the counting rules; report every problem at once.

Flow per file: reading (csvbulk when the bytes are clean, else csvread, which locates every structural problem)
-> typed parse and pandera checks, once per distinct value (`columns.py`, built from `schema.py`) -> row rules and
cross-file rules (unique ids, sort order, `responds_to` targets).
Imports neither dash nor plotly, so the CLI's `validate` stays fast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tracker import rules, schema
from tracker.columns import check_columns, empty_frame, pandera_schema
from tracker.csvbulk import BulkCsv, NotClean
from tracker.csvread import CsvFile, character_problem, has_bad_characters
from tracker.distinct import per_distinct
from tracker.problems import Problem
from tracker.repeats import Repeats
from tracker.schema import Table
from tracker.values import split_list

MAX_COLUMNS_FACTOR = 10  # a header wider than 10x the schema is refused before any row is read


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


class TableChecker:
    """Checks one file chunk by chunk, carrying ids and sort order across chunks."""

    def __init__(self, table: Table, path: Path, label: str, today: dt.date, known: dict[str, TableResult],
                 careful: bool = False):
        """`known`: results of the tables read before, for foreign keys. `careful`: read with csvread."""
        self.table, self.today, self.known = table, today, known
        reader = CsvFile if careful else BulkCsv
        self.source = reader(path, label, max_columns=MAX_COLUMNS_FACTOR * len(table.fields))
        self.unchecked_links: dict[str, tuple[int, int]] = {}  # column -> (ids not checkable, first line)
        self.first_line: dict[str, int] = {}
        self.first_by_lowercase: dict[str, tuple[str, int]] = {}  # lowercased id -> (the id, its line)
        self.last_key: tuple[np.datetime64, str, str, int] | None = None  # date, its text, id, line
        self.problems: list[Problem] = []
        self.missing_columns: list[str] = []
        self.known_tables: list[Table] = []
        self.column_schema = None  # the pandera schema of the columns in the header, built with the first chunk
        self.last_id: tuple[str, int] | None = None  # tables without dates: the last id in order, and its line
        self.repeats = Repeats(table)

    def run(self, keep: bool, chunk_rows: int = 50_000) -> TableResult:
        frames, rows = [], 0
        for chunk in self.source.chunks(chunk_rows):
            if not self._header_ok():
                break
            if isinstance(self.source, CsvFile):
                lines = np.asarray(chunk.lines)
                raw = pd.DataFrame(chunk.rows, columns=self.source.header, dtype="str")
                reported = self._check_characters(lines, chunk.rows)
            else:
                lines, raw, reported = chunk.lines, chunk.frame, set()
            frame = self._check_chunk(lines, raw, reported)
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
        frame = None
        if keep:
            frame = pd.concat(frames, ignore_index=True) if frames else empty_frame(self.table)
        read = self.source.complete and header_ok
        return TableResult(self.table, frame, rows, problems, set(self.first_line),
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
        self.problems.append(Problem(self.source.label, int(line), column, message))

    def _column_number(self, name: str) -> int:
        return self.source.header.index(name) + 1

    def _check_characters(self, lines: np.ndarray, rows: list[list[str]]) -> set[tuple[int, str]]:
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

    def _check_chunk(self, lines: np.ndarray, raw: pd.DataFrame, reported: set[tuple[int, str]]) -> pd.DataFrame:
        header = self.source.header
        if self.column_schema is None:
            self.column_schema = pandera_schema(self.table, list(header), self.today)
        typed, cell_problems = check_columns(raw, self.table, self.column_schema, reported)
        for row, name, message in cell_problems:
            self._add(lines[row], self._column_number(name), message)
        for index, name, message in rules.row_problems(self.table.name, typed):
            self._add(lines[index], self._column_number(name) if name in header else 1, message)
        self._check_foreign_keys(typed, lines)
        self._check_ids_and_order(typed, lines)
        for line, name, message in self.repeats.check(typed, lines, self.source.header):
            self._add(line, self._column_number(name), message)
        return typed

    def _key(self, column: str):
        return next(k for k in self.table.foreign_keys if k.column == column)

    def _check_foreign_keys(self, typed: pd.DataFrame, lines: np.ndarray) -> None:
        """Each declared foreign key must name ids of its table. If that table was not read at all, its own problems
        say why; if it lost rows, the ids that cannot be checked are summed in one line, not one error per row.
        Each distinct value is looked up once."""
        for key in self.table.foreign_keys:
            if key.column not in self.source.header:
                continue
            target = schema.table_named(key.table, tuple(self.known_tables))
            result = self.known.get(key.table)
            if result is None or not (result.complete or result.partial):
                continue  # that file could not be read at all: its own problems say why; no knock-on errors here

            def unknown_ids(value, many=key.many, ids=result.ids) -> tuple[str, ...]:
                if not isinstance(value, str):
                    return ()
                return tuple(v for v in (split_list(value) if many else [value]) if v not in ids)

            unknown = per_distinct(unknown_ids, typed[key.column])
            rows = np.flatnonzero(np.fromiter(map(len, unknown), dtype=np.int64, count=len(unknown)))
            if not rows.size:
                continue
            if result.partial:
                count, first = self.unchecked_links.get(key.column, (0, 0))
                added = sum(len(unknown[row]) for row in rows)
                self.unchecked_links[key.column] = (count + added, first or int(lines[rows[0]]))
                continue
            for row in rows:
                self._add(lines[row], self._column_number(key.column),
                          f"{key.column}: no {target.noun} has the id {', '.join(map(repr, unknown[row]))} "
                          f"(check {target.filename})")

    def _check_case_twins(self, names: np.ndarray, lines: np.ndarray, column: int) -> None:
        """New ids that differ from an earlier one only in case (`L-2022-05-25-01`, `l-2022-05-25-01`): a link
        typed with the other case would look right and point nowhere. Set operations; a loop only on a clash."""
        names, lines = names.tolist(), lines.tolist()
        lowered = [name.lower() for name in names]
        known = self.first_by_lowercase
        if len(set(lowered)) == len(lowered) and not known.keys() & set(lowered):
            known.update(zip(lowered, zip(names, lines)))
            return
        for name, line, key in zip(names, lines, lowered):
            if key in known:
                other, first = known[key]
                self._add(line, column, f"id: {name!r} differs from {other!r} on line {first} only in case; "
                                        "ids must differ in more than case")
            else:
                known[key] = (name, line)

    def _check_ids_and_order(self, typed: pd.DataFrame, lines: np.ndarray) -> None:
        """Vectorised: duplicates within the chunk and against earlier chunks, then the (date, id) order."""
        id_column = self._column_number("id")
        ids = typed["id"]
        names = ids.to_numpy(dtype=object)
        present, duplicated = ids.notna().to_numpy(), ids.duplicated().to_numpy()
        earlier = self.first_line.keys() & set(names[present]) if self.first_line else set()
        seen_before = present & ids.isin(earlier).to_numpy() if earlier else np.zeros(len(ids), dtype=bool)
        first_in_chunk = present & ~duplicated & ~seen_before
        self.first_line.update(zip(names[first_in_chunk].tolist(), lines[first_in_chunk].tolist()))
        self._check_case_twins(names[first_in_chunk], lines[first_in_chunk], id_column)
        for row in np.flatnonzero(seen_before | (present & duplicated)):
            name = names[row]
            self._add(lines[row], id_column, f"id: {name!r} is already used on line {self.first_line[name]}")
        if not self.table.dated:
            self._check_id_order(names[present].tolist(), lines[present].tolist())
            return
        date_column = self._column_number("date")
        keyed = present & typed["date"].notna().to_numpy()
        if not keyed.any():
            return
        dates, names, at = typed["date"].to_numpy()[keyed], names[keyed], lines[keyed]
        broken = (dates[1:] < dates[:-1]) | ((dates[1:] == dates[:-1]) & (names[1:] < names[:-1]))
        if self.last_key and (dates[0], names[0]) < (self.last_key[0], self.last_key[2]):
            broken = np.append(broken, True)
        if not broken.any():
            text = pd.Series(dates[-1:]).dt.strftime("%Y-%m-%d").iloc[0]
            self.last_key = (dates[-1], text, names[-1], int(at[-1]))
            return
        text = pd.Series(dates).dt.strftime("%Y-%m-%d").tolist()
        rows = list(zip(dates, text, names.tolist(), at.tolist()))
        if self.last_key:
            rows.insert(0, self.last_key)
        last = None  # slow path, only for files that are out of order: compare with the last row in order
        for row in rows:
            if last and row[1:3] < last[1:3]:
                self._add(row[3], date_column, f"rows must be sorted by date, then id: ({row[1]}, {row[2]}) "
                                               f"comes after line {last[3]} ({last[1]}, {last[2]})")
            else:
                last = row
        self.last_key = last


    def _check_id_order(self, names: list[str], lines: list[int]) -> None:
        for name, line in zip(names, lines):
            if self.last_id and name < self.last_id[0]:
                self._add(line, 1, f"rows must be sorted by id: {name!r} comes after line {self.last_id[1]} "
                                   f"({self.last_id[0]!r})")
            else:
                self.last_id = (name, line)

def check_table(table: Table, data_dir: Path, today: dt.date, known: dict[str, TableResult],
                tables: tuple[Table, ...], keep: bool, chunk_rows: int) -> TableResult:
    """Read in bulk when the file is clean; otherwise start again with the careful reader, which reports why."""
    def checker(careful: bool) -> TableChecker:
        path = data_dir / table.filename
        made = TableChecker(table, path, str(path), today, known, careful=careful)
        made.known_tables = list(tables)
        return made

    try:
        return checker(careful=False).run(keep, chunk_rows)
    except NotClean:
        return checker(careful=True).run(keep, chunk_rows)


def check_dataset(data_dir: Path | str, keep: bool = True, chunk_rows: int = 50_000,
                  tables: tuple[Table, ...] | None = None) -> DatasetResult:
    """Validate every table of the registry in order; foreign keys are checked against tables read before."""
    data_dir = Path(data_dir)
    tables = tables or schema.TABLES
    today = latest_allowed_date()
    results: dict[str, TableResult] = {}
    for table in tables:
        results[table.name] = check_table(table, data_dir, today, results, tables, keep, chunk_rows)
    return DatasetResult(results)
