"""Add one row to a dataset file: validated with the whole dataset, locked, atomic, existing lines untouched.

The new line goes where the sort rule (date, then id) puts it, so `git diff` shows exactly one added line.
Writers take a lock file beside the CSV, write a temporary file in the same folder, fsync it and rename it
over the original: a reader or a crash sees either the old file or the new one, never a half-written one.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from tracker import schema
from tracker.problems import DatasetError, Problem
from tracker.schema import Table
from tracker.validate import check_dataset

PAUSE_ENV = "TRACKER_ADD_PAUSE_BEFORE_RENAME"  # seconds; lets fault tests kill a writer mid-commit


@dataclass
class Added:
    row: dict[str, str]
    line: int
    text: str  # the CSV line as written


def lock_for(path: Path) -> FileLock:
    return FileLock(str(path.parent / f".{path.name}.lock"), timeout=60)


def next_id(table: Table, date: str, existing: set[str]) -> str:
    number = 1
    while f"{table.id_prefix}-{date}-{number:02d}" in existing:
        number += 1
    return f"{table.id_prefix}-{date}-{number:02d}"


def _format(row: list[str], newline: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow(row)
    return buffer.getvalue()


def _records(text: str) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Header and (start line index, date, id) of each record, from the text as it is on disk."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header, records = [], []
    while True:
        start = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            break
        if not row:
            continue
        if not header:
            header = [name.strip() for name in row]
            continue
        values = dict(zip(header, row))
        records.append((start, values.get("date", "").strip(), values.get("id", "").strip()))
    return header, records


def add_row(data_dir: Path, table: Table, values: dict[str, str], dry_run: bool = False,
            tables: tuple[Table, ...] | None = None) -> Added:
    """Validate `values` as a new row of `table` together with the whole dataset, then write it."""
    data_dir = Path(data_dir)
    path = data_dir / table.filename
    with lock_for(path):
        for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a writer killed mid-write
            stale.unlink(missing_ok=True)
        raw = path.read_bytes()
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        text = raw[len(bom):].decode("utf-8")
        newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
        header, records = _records(text)
        row = {name: str(values.get(name) or "").strip() for name in header}
        if not row.get("id"):
            row["id"] = next_id(table, row.get("date", ""), {r[2] for r in records})
        key = (row.get("date", ""), row["id"])
        lines = re.findall(r"[^\n]*\n|[^\n]+$", text)
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        position = next((start for start, date, rid in records if (date, rid) > key), len(lines))
        new_line = _format([row[name] for name in header], newline)
        lines.insert(position, new_line)
        content = bom + "".join(lines).encode("utf-8")
        _validate_with(data_dir, path, content, position + 1, tables or schema.TABLES)
        if not dry_run:
            _replace_atomically(path, content)
    return Added(row, position + 1, new_line.rstrip("\r\n"))


def _validate_with(data_dir: Path, path: Path, content: bytes, new_line: int, tables: tuple[Table, ...]) -> None:
    """The whole dataset as it would be after the write: every other table file linked in unchanged."""
    with tempfile.TemporaryDirectory(prefix="tracker-add-") as scratch:
        for table in tables:
            source = data_dir / table.filename
            if source.exists() and source != path:
                os.symlink(source.resolve(), Path(scratch) / table.filename)
        (Path(scratch) / path.name).write_bytes(content)
        result = check_dataset(scratch, tables=tables)
    problems = [Problem(str(data_dir / Path(p.file).name), p.line, p.column, p.message) for p in result.problems]
    if problems:
        raise DatasetError(sorted(problems, key=lambda p: (p.line != new_line, p)))


def _replace_atomically(path: Path, content: bytes) -> None:
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(content)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, path.stat().st_mode & 0o777)
        if os.environ.get(PAUSE_ENV):
            time.sleep(float(os.environ[PAUSE_ENV]))
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
