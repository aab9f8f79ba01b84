"""Read a CSV file as text records that remember the line they start on.

The csv module (not pandas) reads here because a maintainer's error must be reported at the line an editor
shows, including after quoted fields that span lines, and because ragged rows must be caught rather than
padded. Rows come out in chunks so that a very large file is checked in bounded memory.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracker.problems import Problem

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
MAX_FIELD_CHARS = 100_000  # a longer field almost always means an unterminated quote swallowed the file


@dataclass
class Chunk:
    lines: list[int]
    rows: list[list[str]]


@dataclass
class CsvFile:
    """A CSV file being read; `problems` fills up as chunks are consumed."""

    path: Path
    label: str
    header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True  # False when reading stopped early (missing, empty or undecodable file)

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.label, line, column, message))

    def chunks(self, size: int = 50_000) -> Iterator[Chunk]:
        if not self.path.is_file():
            self.complete = False
            self.problem(1, 1, "file not found")
            return
        if self.path.stat().st_size == 0:
            self.complete = False
            self.problem(1, 1, "file is empty: it needs at least the header row")
            return
        try:
            with open(self.path, encoding="utf-8-sig", newline="") as handle:
                yield from self._records(handle, size)
        except UnicodeDecodeError:
            self.complete = False
            self._report_encoding()

    def _records(self, handle, size: int) -> Iterator[Chunk]:
        reader = csv.reader(handle, strict=True)
        chunk = Chunk([], [])
        width = 0
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self._report_quote(start, reader.line_num, str(exc))
                continue
            if not row or row == [""]:
                continue  # blank line
            if not self.header:
                self._take_header(row)
                width = len(self.header)
                continue
            if len(row) != width:
                self.problem(start, min(len(row), width) + 1,
                             f"row has {len(row)} fields but the header has {width}"
                             " (a missing or extra comma, or an unquoted comma in a value?)")
                continue
            if max(map(len, row)) > MAX_FIELD_CHARS:
                long_field = next(i for i, v in enumerate(row) if len(v) > MAX_FIELD_CHARS)
                self.problem(start, long_field + 1, f"field is over {MAX_FIELD_CHARS} characters long")
                continue
            chunk.lines.append(start)
            chunk.rows.append(row)
            if len(chunk.rows) >= size:
                yield chunk
                chunk = Chunk([], [])
        if not self.header and not self.problems:
            self.problem(1, 1, "file has no header row")
        if chunk.rows:
            yield chunk

    def _take_header(self, row: list[str]) -> None:
        self.header = [name.strip() for name in row]
        seen: dict[str, int] = {}
        for index, name in enumerate(self.header, start=1):
            if name in seen:
                self.problem(1, index, f"column '{name}' appears twice (first as column {seen[name]})")
            seen.setdefault(name, index)

    def _report_quote(self, start: int, end: int, error: str) -> None:
        if "end of data" in error or "field larger" in error:
            self.problem(start, 1, f"unterminated quote: a quoted field opened here runs to line {end}"
                                   " without its closing quote")
        else:
            self.problem(start, 1, "stray quote: a field with a quote must be wholly quoted,"
                                   ' with inner quotes doubled ("")')

    def _report_encoding(self) -> None:
        data = self.path.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            data.decode("utf-8")
            offset = len(data)
        except UnicodeDecodeError as exc:
            offset = exc.start
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        column = data.count(b",", line_start, offset) + 1
        self.problem(line, column, f"not UTF-8: byte 0x{data[offset]:02x} at byte {offset - line_start + 1}"
                                   " of this line; save the file as UTF-8")
