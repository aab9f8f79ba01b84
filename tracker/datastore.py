"""The dashboard's data: reloaded when a table file changes, the last good copy kept while an edit is broken.

The files are taken as one consistent snapshot: their stat signatures are read before and after loading, and a
load that raced a writer is retried, so a page never pairs a launches file with an actions file that never
existed together on disk.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from tracker import schema
from tracker.load import Dataset, empty_dataset, read_dataset, stat_stamp
from tracker.problems import Problem
from tracker.schema import Table

log = logging.getLogger("tracker.data")
RETRIES = 5


@dataclass
class DataStore:
    data_dir: Path
    tables: tuple[Table, ...] = field(default_factory=lambda: schema.TABLES)
    _stamp: tuple | None = None
    _dataset: Dataset | None = None  # set by the first current(); empty_dataset() imports pandera
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self) -> Dataset:
        """Cheap when nothing changed (one stat per file); reloads when a file did. Read it once per request."""
        stamp = stat_stamp(self.data_dir, self.tables)
        if stamp == self._stamp:
            return self._dataset
        with self._lock:
            if stat_stamp(self.data_dir, self.tables) != self._stamp:
                self._reload()
        return self._dataset

    def _reload(self) -> None:
        for _ in range(RETRIES):
            before = stat_stamp(self.data_dir, self.tables)
            try:
                dataset, problems = read_dataset(self.data_dir, self.tables)
            except Exception as exc:  # noqa: BLE001 - a broken file must never take the page down
                log.exception("reading %s failed", self.data_dir)
                dataset, problems = None, [Problem(str(self.data_dir), 1, 1, f"could not read the data: {exc}")]
            if stat_stamp(self.data_dir, self.tables) == before:
                break
            log.info("a table file changed while it was read; reading again")
        old = self._dataset
        if dataset is not None:
            self._dataset = dataset
            counts = ", ".join(f"{len(frame)} {name}" for name, frame in dataset.frames.items())
            log.info("loaded %s from %s (version %s)", counts, self.data_dir, dataset.version)
        else:
            old = old if old is not None else empty_dataset(self.tables)
            self._dataset = old.with_problems(problems)
            log.warning("%d problem(s) in %s; serving the last good data (version %s):\n%s", len(problems),
                        self.data_dir, old.version, "\n".join(str(p) for p in problems))
        self._stamp = before
