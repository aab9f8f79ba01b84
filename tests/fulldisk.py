"""A real full disk for write-failure tests: a 1 MiB tmpfs, filled after the caller has put its files there."""

from __future__ import annotations

import contextlib
import errno
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


@contextlib.contextmanager
def full_tmpfs(disk: Path, prepare: Callable[[Path], None]):
    """Mount a tmpfs at `disk`, let `prepare` write into it, fill what is left (the next write fails with ENOSPC),
    and unmount afterwards. Needs root (or CAP_SYS_ADMIN): fails the test otherwise, never skips it."""
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)]).returncode:
        pytest.fail("mounting a tmpfs failed: this test needs root (or CAP_SYS_ADMIN)")
    try:
        prepare(disk)
        with open(disk / "filler", "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)
