"""A validated dataset kept on disk, so an unchanged data folder starts without pandera or validation.

Keyed by the files' content hash (`load.fingerprint`) and the code version (a hash of the modules that parse and
check the data, plus the pandas and Python versions): a changed byte in a table file, or in the rules, misses and
validates again, so a broken file never gets a hit. Lives outside the repository: $TRACKER_CACHE_DIR, else
$XDG_CACHE_HOME/dprk-tracker, else ~/.cache/dprk-tracker; TRACKER_CACHE=off disables it. Written atomically
(temporary file, then rename) with owner-only permissions; an unreadable or corrupt file is ignored (and the data
validated), never trusted halfway.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("tracker.snapshot")
FORMAT = 1
CODE = ("schema.py", "rules.py", "distinct.py", "validate.py", "columns.py", "csvbulk.py", "csvread.py", "values.py",
        "load.py", "snapshot.py", "suggest.py", "repeats.py")
_code_version: str | None = None


def cache_dir() -> Path | None:
    if os.environ.get("TRACKER_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("TRACKER_CACHE_DIR"):
        return Path(os.environ["TRACKER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dprk-tracker"


def code_version() -> str:
    global _code_version
    if _code_version is None:
        import pandas

        digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{pandas.__version__}".encode())
        here = Path(__file__).resolve().parent
        for name in CODE:
            digest.update((here / name).read_bytes())
        _code_version = digest.hexdigest()[:16]
    return _code_version


def _path(key: str, table_names: tuple[str, ...]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    tables = hashlib.sha256(",".join(table_names).encode()).hexdigest()[:8]
    return folder / f"dataset-{key}-{tables}-{code_version()}.pickle"


def load(key: str, table_names: tuple[str, ...]) -> dict | None:
    """The frames saved for this content hash and code version, or None (missing, unreadable or corrupt)."""
    try:
        path = _path(key, table_names)
        if path is None or not path.is_file():
            return None
        with path.open("rb") as handle:
            saved = pickle.load(handle)  # noqa: S301 - our own file, in the user's own cache folder
        if (not isinstance(saved, dict) or saved.get("key") != key or saved.get("code") != code_version()
                or set(saved.get("frames", {})) != set(table_names)):
            raise ValueError("snapshot does not match its name")
        return saved["frames"]
    except Exception as exc:  # noqa: BLE001 - any failure means: validate instead
        log.warning("ignoring the dataset snapshot (%s: %s); validating", type(exc).__name__, exc)
        return None


def save(key: str, frames: dict) -> None:
    """Best effort: a read-only or full disk only costs the next start a validation."""
    try:
        path = _path(key, tuple(frames))
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in path.parent.glob(f"dataset-*-{path.name.split('-')[2]}-*.pickle"):
            old.unlink(missing_ok=True)  # one snapshot per table set: the cache never grows
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".snapshot-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump({"key": key, "code": code_version(), "frames": dict(frames)}, handle,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception as exc:  # noqa: BLE001
        log.warning("could not save the dataset snapshot: %s", exc)
