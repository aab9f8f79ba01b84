"""Add one row to a dataset file: validated with the whole dataset, locked, atomic, existing lines untouched.

The new line goes where the sort rule (date, then id) puts it, so `git diff` shows exactly one added line.
Writers take a lock file beside the CSV, write a temporary file in the same folder, fsync it and rename it
over the original (`tracker/atomic.py`): a reader or a crash sees either the old file or the new one, never a
half-written one. A table that is a symlink is written through when its target is inside the data folder, and
refused otherwise, so the lock and temporary files never land (or get cleaned up) outside it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from tracker import schema
from tracker.atomic import replace_file
from tracker.csvread import CsvFile
from tracker.problems import DatasetError, Problem
from tracker.schema import Table
from tracker.validate import MAX_COLUMNS_FACTOR, check_dataset
from tracker.values import canonical_number

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LINE_MENTION = re.compile(r"(\bline )(\d+)")  # "is already used on line 12", "comes after line 40"


@dataclass
class Added:
    row: dict[str, str]
    line: int
    text: str  # the CSV line as written


class CannotWrite(Exception):
    """The file cannot be changed safely (a link out of the data folder, a lock file that is a link)."""


def lock_for(path: Path) -> FileLock:
    return FileLock(str(path.parent / f".{path.name}.lock"), timeout=60)


def writable_target(data_dir: Path, path: Path) -> Path:
    """The file a write to `path` changes: `path` itself, or where its symlink points if that stays inside the
    data folder, so the lock and temporary files, kept beside it, stay there too."""
    target = path.resolve()
    folder = data_dir.resolve()
    if target.parent != folder and folder not in target.parents:
        raise CannotWrite(f"{path} is a link to {target}, outside the data folder {folder}; add writes only there")
    lock = Path(lock_for(target).lock_file)
    if lock.is_symlink():
        raise CannotWrite(f"the lock file {lock} is a symbolic link; add only uses a plain lock file (remove it)")
    return target


def next_id(table: Table, date: str, existing: set[str]) -> str:
    number = 1
    while f"{table.id_prefix}-{date}-{number:02d}" in existing:
        number += 1
    return f"{table.id_prefix}-{date}-{number:02d}"


def _format(row: list[str], newline: str) -> str:
    """One CSV record. Written with CRLF so the csv module quotes a field holding a CR or an LF (it quotes only
    the characters of its line terminator), then ended the way the file ends its lines."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(row)
    return buffer.getvalue()[:-2] + newline


def _line_breaks(text: str) -> int:
    """Line breaks as the csv reader and the validator count them: LF, CRLF or a lone CR."""
    return len(LINE_BREAK.findall(text))


@dataclass
class _File:
    bom: bytes
    text: str
    source: CsvFile
    records: list[tuple[int, int, str, str]]  # (start offset, end offset, date, id) of each record


def _read(path: Path, label: str, table: Table) -> _File:
    """The file as text and its records, found by the validator's own reader; DatasetError if it is unreadable."""
    try:
        raw = path.read_bytes()
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        text = raw[len(bom):].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raw = b""
    if not raw:  # missing, unreadable, empty or not UTF-8: let the reader say which, where
        source = CsvFile(path, label)
        for _ in source.chunks():
            pass
        raise DatasetError(source.problems or [Problem(label, 1, 1, "cannot read the file")])
    source = CsvFile(path, label, text=text, max_columns=MAX_COLUMNS_FACTOR * len(table.fields))
    records = []
    for chunk in source.chunks():
        date_at = source.header.index("date") if "date" in source.header else None
        id_at = source.header.index("id") if "id" in source.header else None
        for row, (start, end) in zip(chunk.rows, chunk.spans):
            records.append((start, end, row[date_at].strip() if date_at is not None else "",
                            row[id_at].strip() if id_at is not None else ""))
    if source.problems:  # records cannot be trusted: refuse before placing anything
        raise DatasetError(source.problems)
    return _File(bom, text, source, records)


def add_row(data_dir: Path, table: Table, values: dict[str, str], dry_run: bool = False,
            tables: tuple[Table, ...] | None = None) -> Added:
    """Validate `values` as a new row of `table` together with the whole dataset, then write it."""
    data_dir = Path(data_dir)
    path = data_dir / table.filename
    target = writable_target(data_dir, path)  # through a symlink: the link stays a link and its target gets the row
    with lock_for(target):
        for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a writer killed mid-write
            stale.unlink(missing_ok=True)
        file = _read(target, str(path), table)
        header, text = file.source.header, file.text
        row = {name: str(values.get(name) or "").strip() for name in header}
        for f in table.fields:  # numbers written one way, the way the Data Package reads them too
            if f.type in ("int", "float") and row.get(f.name):
                row[f.name] = canonical_number(row[f.name], integer=f.type == "int")
        if not row.get("id"):
            row["id"] = next_id(table, row.get("date", ""), {r[3] for r in file.records})
        key = (row.get("date", ""), row["id"])
        later = [start for start, _, date, rid in file.records if (date, rid) > key]
        if later:  # before the first record that sorts after the new one: always a record boundary
            offset, before = min(later), ""
        else:  # after the last record (or the header), ending that line first if the file did not
            offset = file.records[-1][1] if file.records else file.source.header_end
            before = "" if text[:offset].endswith(("\n", "\r")) else file.source.newline
        new_record = _format([row[name] for name in header], file.source.newline)
        content = file.bom + (text[:offset] + before + new_record + text[offset:]).encode("utf-8")
        line = _line_breaks(text[:offset] + before) + 1
        _validate_with(data_dir, path, content, line, _line_breaks(new_record), tables or schema.TABLES)
        if not dry_run:
            replace_file(target, content)
    return Added(row, line, new_record.rstrip("\r\n"))


def _validate_with(data_dir: Path, path: Path, content: bytes, new_line: int, new_lines: int,
                   tables: tuple[Table, ...]) -> None:
    """Check the dataset as it would be (every other table file linked in unchanged); report each problem at the
    line it has now (the new row at its own)."""
    with tempfile.TemporaryDirectory(prefix="tracker-add-") as scratch:
        for table in tables:
            source = data_dir / table.filename
            if source.exists() and source != path:
                os.symlink(source.resolve(), Path(scratch) / table.filename)
        (Path(scratch) / path.name).write_bytes(content)
        result = check_dataset(scratch, tables=tables)

    def on_disk(line: int) -> int:
        return line - new_lines if line >= new_line + new_lines else line

    problems = []
    for p in result.problems:
        name = Path(p.file).name
        if name == path.name:
            line = on_disk(p.line)
            message = LINE_MENTION.sub(lambda m: f"{m.group(1)}{on_disk(int(m.group(2)))}", p.message)
        else:
            line, message = p.line, p.message
        problems.append(Problem(str(data_dir / name), line, p.column, message))
    if problems:
        raise DatasetError(sorted(problems, key=lambda p: (p.line != new_line, p)))
