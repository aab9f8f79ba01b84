"""The one way from files to a typed `Dataset`: the data store, the CLI, the exports and the tests use it.

Validation (pandera, every rule) runs here and nowhere else; a `Dataset` holds only the data, keyed by table
name from the schema registry, plus the fingerprint of the files it was read from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from tracker import schema
from tracker.problems import DatasetError, Problem
from tracker.schema import Table


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, so figure caches can key on a dataset
class Dataset:
    frames: Mapping[str, pd.DataFrame]
    version: str = ""  # fingerprint of the files' bytes; equal versions mean equal data
    problems: tuple[Problem, ...] = field(default=())  # of newer files on disk that this dataset stands in for
    origin: Dataset | None = None  # the unfiltered dataset this one was cut from

    @property
    def whole(self) -> Dataset:
        return self.origin or self

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    @property
    def launches(self) -> pd.DataFrame:
        return self.frames["launches"]

    @property
    def actions(self) -> pd.DataFrame:
        return self.frames["council_actions"]

    @property
    def events(self) -> pd.DataFrame:
        return self.frames["context_events"]

    @property
    def data_date(self) -> pd.Timestamp | None:
        """The latest date in any table of events (not the records kept about the data): the honest 'data as of'."""
        records = {t.name for t in schema.TABLES if t.about_the_data}
        dates = [frame["date"].max() for name, frame in self.frames.items()
                 if name not in records and "date" in frame and len(frame)]
        dates = [d for d in dates if pd.notna(d)]
        return max(dates) if dates else None

    def subset(self, frames: Mapping[str, pd.DataFrame]) -> Dataset:
        """The same data with fewer rows (a filter): figures still know the whole it was cut from."""
        return replace(self, frames={**self.frames, **frames}, origin=self.whole)

    def with_frames(self, frames: Mapping[str, pd.DataFrame]) -> Dataset:
        """Different data: a new whole (no origin), e.g. a test that edits a row."""
        return replace(self, frames={**self.frames, **frames}, origin=None, version=self.version + "+edited")

    def with_problems(self, problems) -> Dataset:
        return replace(self, problems=tuple(problems))


def fingerprint(data_dir: Path | str, tables: tuple[Table, ...] | None = None) -> str:
    """A hash of every table file's bytes (a missing file hashes as missing)."""
    digest = hashlib.sha256()
    for table in tables or schema.TABLES:
        path = Path(data_dir) / table.filename
        digest.update(table.filename.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            digest.update(f"unreadable:{type(exc).__name__}".encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def stat_stamp(data_dir: Path | str, tables: tuple[Table, ...] | None = None) -> tuple:
    """Cheap change detector for the table files: changes on any write, rename, truncation or chmod (ctime)."""
    stamps = []
    for table in tables or schema.TABLES:
        try:
            stat = (Path(data_dir) / table.filename).stat()
            stamps.append((stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def empty_dataset(tables: tuple[Table, ...] | None = None) -> Dataset:
    from tracker.columns import empty_frame

    return Dataset({t.name: empty_frame(t) for t in tables or schema.TABLES}, version="empty")


def read_dataset(data_dir: Path | str, tables: tuple[Table, ...] | None = None) -> tuple[Dataset | None, list[Problem]]:
    """(dataset, []) when every file is valid; (None, problems) otherwise.

    Files whose exact bytes were validated before by this code come from the snapshot cache (tracker/snapshot.py)."""
    from tracker import snapshot

    tables = tables or schema.TABLES
    before = stat_stamp(data_dir, tables)
    version = fingerprint(data_dir, tables)
    frames = snapshot.load(version, tuple(t.name for t in tables))  # same bytes, same code: validated before
    if frames is not None:
        return Dataset(frames, version=version), []
    from tracker.validate import check_dataset  # pandera is imported only when validation runs

    result = check_dataset(data_dir, tables=tables)
    if result.problems:
        return None, result.problems
    frames = {name: r.frame for name, r in result.tables.items()}
    if stat_stamp(data_dir, tables) == before:  # the files did not change while they were checked
        snapshot.save(version, frames)
    return Dataset(frames, version=version), []


def load_dataset(data_dir: Path | str, tables: tuple[Table, ...] | None = None) -> Dataset:
    """Typed, validated frames; raise DatasetError listing every problem when the files are not valid."""
    dataset, problems = read_dataset(data_dir, tables)
    if dataset is None:
        raise DatasetError(problems)
    return dataset
