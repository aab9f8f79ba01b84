"""Read a CSV file in bulk with pandas' C parser, once a scan of its bytes has shown that nothing needs reporting.

pandas parses several times faster than the csv module, but forgives what the validator must report: it pads a
short row, drops a long first row, reads `"a"b` as `ab` and skips a line of spaces. So each block of bytes is first
scanned with numpy: valid UTF-8 without control or bidi characters (see `csvread`), every quote where the csv
module in strict mode expects one, every record as wide as the header and shorter than the field size limit.
A line break or comma is part of the structure when an even number of quotes comes before it; the line breaks
also give the line each record starts on, quoted line breaks included.

Anything the scan cannot vouch for raises `NotClean`, and the validator reads the file again with `csvread`, the
reader that finds, locates and words every problem. A clean file gives the same rows at the same lines either way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tracker.csvread import BAD_CHARACTERS, MAX_FIELD_CHARS
from tracker.problems import Problem

QUOTE, COMMA, LF, CR = b'"'[0], b","[0], b"\n"[0], b"\r"[0]
BLOCK_BYTES = 1 << 22
MAX_RECORD_BYTES = MAX_FIELD_CHARS  # a record this short cannot hold a field over the limit
# The ASCII characters csvread refuses (C0 controls, DEL; a lone CR is told apart later), from its one definition.
_CONTROL_BYTES = bytes(b for b in range(0x80) if b != CR and BAD_CHARACTERS.match(chr(b)))
_UNSUSPECTED = bytes(b for b in range(256) if b not in _CONTROL_BYTES + b"\r")  # what translate() deletes


class NotClean(Exception):
    """The scan cannot vouch for the file: read it with csvread, which says what is wrong and where."""


@dataclass
class FrameChunk:
    lines: np.ndarray  # the line each row starts on
    frame: pd.DataFrame  # the rows as text (dtype str), columns named by the header


@dataclass
class _Records:
    """The whole records of a piece of text: byte offsets [start, end), first lines (1-based within the piece),
    commas outside quotes, and how many bytes they take up to the end of the last one."""

    starts: np.ndarray
    ends: np.ndarray
    lines: np.ndarray
    commas: np.ndarray
    consumed: int
    consumed_lines: int  # line breaks in the bytes consumed

    def drop_first(self) -> None:
        self.starts, self.ends, self.lines, self.commas = (a[1:] for a in (self.starts, self.ends, self.lines,
                                                                             self.commas))


def check_characters(data: bytes) -> None:
    """NotClean unless `data` is UTF-8 without the characters csvread refuses (a lone CR, controls, bidi)."""
    suspects = data.translate(None, _UNSUSPECTED)
    if suspects.replace(b"\r", b""):
        raise NotClean("control character")
    if suspects and data.count(b"\r") != data.count(b"\r\n"):
        raise NotClean("carriage return without a line feed")
    if data.isascii():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotClean("not UTF-8") from exc
    octets = np.frombuffer(data, np.uint8)
    lead = np.flatnonzero(octets == 0xC2)  # U+0080..U+009F (C1 controls) are C2 80..C2 9F
    if lead.size and (octets[lead + 1] <= 0x9F).any():
        raise NotClean("C1 control character")
    lead = np.flatnonzero(octets == 0xE2)  # U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069 are E2 81 A6..A9
    if lead.size:
        second, third = octets[lead + 1], octets[lead + 2]
        if (((second == 0x80) & (third >= 0xAA) & (third <= 0xAE))
                | ((second == 0x81) & (third >= 0xA6) & (third <= 0xA9))).any():
            raise NotClean("bidirectional control character")
        if (((second == 0x80) & (third == 0x8B)) | ((second == 0x81) & (third == 0xA0))).any():
            raise NotClean("zero-width space or word joiner")  # U+200B is E2 80 8B, U+2060 is E2 81 A0
    if b"\xef\xbb\xbf" in data:  # U+FEFF; a byte order mark at the start of the file was taken off before
        raise NotClean("zero-width no-break space")


def _check_quotes(octets: np.ndarray, quotes: np.ndarray) -> None:
    """Every run of quotes must sit where strict csv reading accepts it. Outside a quoted field (an even number of
    quotes before the run) a run opens a field, so it must start the field; a run that leaves a quoted field must
    end it. Runs inside a quoted field are doubled quotes. Then no quote is ever read as part of an unquoted field,
    and parity tells inside from outside everywhere."""
    if not quotes.size:
        return
    first = np.ones(quotes.size, dtype=bool)
    first[1:] = np.diff(quotes) != 1
    index = np.flatnonzero(first)  # quotes before each run
    start = quotes[index]
    length = np.diff(np.append(index, quotes.size))
    end = start + length
    before = np.where(start > 0, octets[np.maximum(start - 1, 0)], LF)
    after = np.where(end < octets.size, octets[np.minimum(end, octets.size - 1)], LF)  # the end of the text
    outside = index % 2 == 0
    closes = outside == (length % 2 == 0)
    starts_field = (before == COMMA) | (before == LF)
    ends_field = (after == COMMA) | (after == LF) | (after == CR)
    if (outside & ~starts_field).any() or (closes & ~ends_field).any():
        raise NotClean("quote out of place")


def find_records(data: bytes, final: bool) -> _Records:
    """The records of `data`, which starts where a record starts (and ends at a line break unless `final`)."""
    octets = np.frombuffer(data, np.uint8)
    quotes = np.flatnonzero(octets == QUOTE)
    newlines = np.flatnonzero(octets == LF)
    _check_quotes(octets, quotes)
    breaks = newlines[np.searchsorted(quotes, newlines) % 2 == 0]  # line breaks outside quotes end records
    bounds = np.concatenate(([0], breaks + 1))
    if final:
        if quotes.size % 2:
            raise NotClean("unterminated quote")
        if bounds[-1] < len(data):
            bounds = np.append(bounds, len(data))
    starts, ends = bounds[:-1], bounds[1:]
    sizes = ends - starts
    if (sizes > MAX_RECORD_BYTES).any():
        raise NotClean("record too long")
    # Commas outside quotes: all of a record's commas less those between quote 2k and quote 2k+1 (a quoted span).
    commas = np.flatnonzero(octets == COMMA)
    opening, closing = quotes[0:-1:2], quotes[1::2]
    quoted = np.searchsorted(commas, closing) - np.searchsorted(commas, opening[:closing.size])
    record_of_span = np.searchsorted(bounds, opening[:closing.size], side="right") - 1
    counts = (np.searchsorted(commas, ends) - np.searchsorted(commas, starts)
              - np.bincount(record_of_span, weights=quoted, minlength=bounds.size)[:starts.size].astype(np.int64))
    last = octets[ends - 1] if ends.size else ends  # a record ends with its line break, except at the end of data
    blank = (last == LF) & ((sizes == 1) | ((sizes == 2) & (octets[np.maximum(ends - 2, 0)] == CR)))
    keep = ~blank  # both readers skip blank lines
    return _Records(starts[keep], ends[keep], np.searchsorted(newlines, starts[keep]) + 1, counts[keep],
                    int(bounds[-1]), int(np.searchsorted(newlines, bounds[-1])))


def _parse(data: bytes, width: int) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), header=None, names=range(width), index_col=False, dtype=str,
                       na_filter=False, engine="c", encoding="utf-8", low_memory=False)


@dataclass
class BulkCsv:
    """A CSV file read through pandas when clean; `chunks` raises NotClean otherwise (then nothing is reported)."""

    path: Path
    label: str
    max_columns: int | None = None
    header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # always empty: a file with problems is not clean
    complete: bool = True

    def chunks(self, size: int = 50_000) -> Iterator[FrameChunk]:
        try:
            handle = open(self.path, "rb")
        except OSError as exc:
            raise NotClean("cannot open") from exc
        with handle:
            yield from self._chunks(handle, size)

    def _take_header(self, record: bytes, commas: int) -> None:
        if self.max_columns is not None and commas + 1 > self.max_columns:
            raise NotClean("header too wide")
        row = next(csv.reader(io.StringIO(record.decode("utf-8"), newline="")))
        names = [name.strip() for name in row]
        if len(names) != commas + 1 or len(names) < 2 or len(set(names)) != len(names):
            raise NotClean("header")
        self.header = names

    def _chunks(self, handle, size: int) -> Iterator[FrameChunk]:
        carry, line_base, pending, waiting = b"", 0, [], 0
        new = handle.read(BLOCK_BYTES)
        if new.startswith(b"\xef\xbb\xbf"):
            new = new[3:]
        while True:
            final = not new
            data = carry + new
            rest = b""
            if not final:
                cut = data.rfind(b"\n") + 1
                if cut == 0:
                    if len(data) > MAX_RECORD_BYTES:
                        raise NotClean("line too long")
                    carry, new = data, handle.read(BLOCK_BYTES)
                    continue
                data, rest = data[:cut], data[cut:]
            check_characters(data)
            records = find_records(data, final)
            records.lines += line_base
            line_base += records.consumed_lines
            carry = data[records.consumed:]
            if len(carry) > MAX_RECORD_BYTES:
                raise NotClean("record too long")
            carry += rest
            if not self.header and records.starts.size:
                self._take_header(data[records.starts[0]:records.ends[0]], int(records.commas[0]))
                records.drop_first()
            if (records.commas != len(self.header) - 1).any():
                raise NotClean("row width")
            if records.starts.size:
                pending.append((data, records))
                waiting += records.starts.size
            while waiting >= size or (final and waiting):
                chunk, pending = _take(pending, size)
                waiting -= len(chunk[1])
                yield self._frame_chunk(*chunk)
            if final:
                if not self.header:
                    raise NotClean("no header")
                return
            new = handle.read(BLOCK_BYTES)

    def _frame_chunk(self, data: bytes, lines: np.ndarray) -> FrameChunk:
        frame = _parse(data, len(self.header))
        if len(frame) != len(lines):
            raise NotClean("pandas read another number of rows")
        frame.columns = self.header
        return FrameChunk(lines, frame)


def _take(pending: list[tuple[bytes, _Records]], size: int) -> tuple[tuple[bytes, np.ndarray], list]:
    """The bytes and lines of the first `size` pending records (or all of them), and what is left pending."""
    parts, lines = [], []
    while pending and size > 0:
        data, records = pending[0]
        count = min(size, records.starts.size)
        parts.append(data[records.starts[0]:records.ends[count - 1]])
        lines.append(records.lines[:count])
        size -= count
        if count == records.starts.size:
            pending = pending[1:]
        else:
            rest = _Records(records.starts[count:], records.ends[count:], records.lines[count:],
                            records.commas[count:], records.consumed, records.consumed_lines)
            pending = [(data, rest), *pending[1:]]
    return (b"".join(parts), np.concatenate(lines)), pending
