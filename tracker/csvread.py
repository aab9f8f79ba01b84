"""Read a CSV file as text records that remember the line they start on and where they sit in the text.

The csv module (not pandas) reads here because a maintainer's error must be reported at the line an editor
shows, including after quoted fields that span lines, and because ragged rows must be caught rather than
padded. Rows come out in chunks so that a very large file is checked in bounded memory.

This is the careful reader, the one that locates and words every structural problem: `add` uses it, so the record
boundaries `add` inserts at are the ones the validator counts, and the validator falls back on it whenever the
bulk reader (`csvbulk`, pandas' C parser after a byte scan) cannot vouch for a file; a clean file gives the same
records at the same lines through either. Lines end at LF, CRLF or a lone CR, as the csv module counts them.
"""

from __future__ import annotations

import csv
import errno
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracker.problems import Problem

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
MAX_FIELD_CHARS = 100_000  # a longer field almost always means an unterminated quote swallowed the file


# Characters a text cell may not hold: a lone CR (a spreadsheet or editor starts a new row there; CRLF is an
# ordinary line break), other C0 and C1 controls except tab and LF, and the bidi embeddings, overrides and
# isolates that make text display in another order than it is stored ("Trojan Source"), and the invisible
# zero-width space, word joiner and zero-width no-break space (a byte order mark inside the text), which make two
# values that look equal differ (a link with one at its end leads elsewhere).
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069" + "\u200b\u2060\ufeff"
BAD_CHARACTERS = re.compile(f"\r(?!\n)|[{_CONTROLS}]")
_CONTROL = re.compile(f"[{_CONTROLS}]")  # a plain character class: about three times faster to scan
_NAMES = {"\r": "a carriage return", "\x00": "a NUL character", "\x1b": "an escape character"}
_INVISIBLE = {"\u200b": "a zero-width space", "\u2060": "a word joiner",
              "\ufeff": "a zero-width no-break space (a byte order mark inside the text)"}


def has_bad_characters(text: str) -> bool:
    """Fast for large text without a CR: that is the common case, checked once per chunk."""
    if "\r" in text:
        return BAD_CHARACTERS.search(text) is not None
    return _CONTROL.search(text) is not None


def character_problem(value: str) -> str | None:
    """Why a cell's characters are refused (the first bad one), or None."""
    match = BAD_CHARACTERS.search(value)
    if match is None:
        return None
    char = match.group()[0]
    code = f"U+{ord(char):04X}"
    if char == "\r":
        return f"contains a carriage return ({code}); use a plain line break"
    if char in _INVISIBLE:
        return f"contains {_INVISIBLE[char]} ({code}), an invisible character; remove it"
    if "\u202a" <= char <= "\u2069":
        return (f"contains a bidirectional control character ({code}), which can make text display in a "
                "different order than it is stored; remove it")
    return f"contains {_NAMES.get(char, 'a control character')} ({code}); remove it"


@dataclass
class Chunk:
    lines: list[int]  # the line each record starts on
    rows: list[list[str]]
    spans: list[tuple[int, int]] = field(default_factory=list)  # character offsets [start, end) in the text


def read_error(exc: OSError) -> str:
    """The message for a file the operating system will not let us read."""
    if isinstance(exc, PermissionError):
        reason = "permission denied"
    elif isinstance(exc, IsADirectoryError):
        reason = "it is a folder, not a file"
    else:
        reason = (exc.strerror or errno.errorcode.get(exc.errno or 0, "") or str(exc)).lower()
    return f"cannot read the file: {reason}"


@dataclass
class CsvFile:
    """A CSV file being read; `problems` fills up as chunks are consumed.

    `text` (already decoded, without the BOM) is read instead of the file when given. `max_columns` refuses
    an absurd header before any row is read."""

    path: Path
    label: str
    text: str | None = None
    max_columns: int | None = None
    header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True  # False when reading stopped early (missing, unreadable, undecodable file, bad header)
    newline: str = "\n"  # how the header line ends: "\n", "\r\n" or "\r"
    header_end: int = 0  # character offset just after the header record
    _offset: int = 0
    _last_line: str = ""

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.label, line, column, message))

    def chunks(self, size: int = 50_000) -> Iterator[Chunk]:
        if self.text is not None:
            yield from self._records(io.StringIO(self.text, newline=""), size)
            return
        try:
            if self.path.stat().st_size == 0 and self.path.is_file():
                self._stop(1, "file is empty: it needs at least the header row")
                return
            with open(self.path, encoding="utf-8-sig", newline="") as handle:
                yield from self._records(handle, size)
        except FileNotFoundError:
            self._stop(1, "file not found")
        except OSError as exc:
            self._stop(1, read_error(exc))
        except UnicodeDecodeError:
            self.complete = False
            self._report_encoding()

    def _stop(self, column: int, message: str) -> None:
        """A problem that ends the reading of the file (always about the file or its header: line 1)."""
        self.complete = False
        self.problem(1, column, message)

    def _lines(self, handle) -> Iterator[str]:
        """The physical lines, keeping count of the characters handed to the csv reader."""
        for line in handle:
            self._offset += len(line)
            self._last_line = line
            yield line

    def _records(self, handle, size: int) -> Iterator[Chunk]:
        reader = csv.reader(self._lines(handle), strict=True)
        chunk = Chunk([], [])
        width = 0
        while True:
            start, start_offset = reader.line_num + 1, self._offset
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
                if not self._take_header(row):
                    return
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
            chunk.spans.append((start_offset, self._offset))
            if len(chunk.rows) >= size:
                yield chunk
                chunk = Chunk([], [])
        if not self.header and not self.problems:
            self.problem(1, 1, "file has no header row")
        if chunk.rows:
            yield chunk

    def _take_header(self, row: list[str]) -> bool:
        """Keep the header; False (and the file is incomplete) when it is too wide, names a column twice, or is
        UTF-16 text without a byte order mark (valid UTF-8 bytes, with a NUL beside every ASCII character)."""
        if any("\x00" in name for name in row):
            order = "big" if row[0].startswith("\x00") else "little"
            self._stop(1, f"not UTF-8: the file looks like UTF-16 ({order}-endian) text without a byte order mark "
                          "(a NUL byte beside every letter); save the file as UTF-8")
            return False
        if self.max_columns is not None and len(row) > self.max_columns:
            self._stop(self.max_columns + 1,
                          f"header has {len(row)} columns; at most {self.max_columns} are allowed")
            return False
        header = [name.strip() for name in row]
        seen: dict[str, int] = {}
        for index, name in enumerate(header, start=1):
            if name in seen:
                self._stop(index, f"column '{name}' appears twice (first as column {seen[name]})")
                return False
            seen[name] = index
        self.header = header
        self.header_end = self._offset
        last = self._last_line
        self.newline = "\r\n" if last.endswith("\r\n") else "\r" if last.endswith("\r") else "\n"
        return True

    def _report_quote(self, start: int, end: int, error: str) -> None:
        if "end of data" in error or "field larger" in error:
            self.problem(start, 1, f"unterminated quote: a quoted field opened here runs to line {end}"
                                   " without its closing quote")
        else:
            self.problem(start, 1, "stray quote: a field with a quote must be wholly quoted,"
                                   ' with inner quotes doubled ("")')

    def _report_encoding(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            self.problem(1, 1, read_error(exc))
            return
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            data.decode("utf-8")
            offset = len(data)
        except UnicodeDecodeError as exc:
            offset = exc.start
        breaks = [m.end() for m in re.finditer(rb"\r\n|\r|\n", data[:offset])]  # as the reader counts lines
        line_start, line = (breaks[-1] if breaks else 0), len(breaks) + 1
        column = data.count(b",", line_start, offset) + 1
        self.problem(line, column, f"not UTF-8: byte 0x{data[offset]:02x} at byte {offset - line_start + 1}"
                                   " of this line; save the file as UTF-8")
