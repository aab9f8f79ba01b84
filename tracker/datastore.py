"""The dashboard's data: reloaded when a CSV changes, the last good copy kept while an edit is broken."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from tracker.figures.timeline import with_hover_text
from tracker.load import Dataset
from tracker.problems import Problem
from tracker.schema import ACTIONS, LAUNCHES
from tracker.validate import check_dataset, empty_frame


def empty_dataset() -> Dataset:
    return Dataset(empty_frame(LAUNCHES), empty_frame(ACTIONS))


@dataclass
class Snapshot:
    dataset: Dataset
    problems: list[Problem]
    version: int  # changes whenever a new good dataset is taken


@dataclass
class DataStore:
    data_dir: Path
    _stamp: tuple | None = None
    _snapshot: Snapshot = field(default_factory=lambda: Snapshot(empty_dataset(), [], 0))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _file_stamp(self) -> tuple:
        stamps = []
        for table in (LAUNCHES, ACTIONS):
            try:
                stat = (Path(self.data_dir) / table.filename).stat()
                stamps.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def current(self) -> Snapshot:
        """Cheap when nothing changed (two stat calls); revalidates both files when one did."""
        stamp = self._file_stamp()
        if stamp == self._stamp:
            return self._snapshot
        with self._lock:
            if stamp != self._stamp:
                result = check_dataset(self.data_dir)
                old = self._snapshot
                if result.ok:
                    dataset = Dataset(*with_hover_text(result.launches.frame, result.actions.frame))
                    self._snapshot = Snapshot(dataset, [], old.version + 1)
                else:
                    self._snapshot = Snapshot(old.dataset, result.problems, old.version)
                self._stamp = stamp
        return self._snapshot
