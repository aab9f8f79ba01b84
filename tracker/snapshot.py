"""A validated dataset kept on disk, so an unchanged data folder starts without pandera or validation.

Keyed by the files' content hash (`load.fingerprint`) and the code version (a hash of every tracker module the
loader can import, found by reading their import statements, plus the Python, pandas and NumPy versions):
a changed byte in a table file, or in the code that reads and checks it, misses and validates again, so a broken
file never gets a hit. Lives outside the repository: $TRACKER_CACHE_DIR, else $XDG_CACHE_HOME/dprk-tracker, else
~/.cache/dprk-tracker; TRACKER_CACHE=off disables it.

The cache is data, never code: frames are written as JSON (`frame_json.py`), never pickled. Whoever can write in
the cache folder could still plant wrong data, so the folder must belong to the user running the program and be
writable by nobody else (otherwise a warning, once, and no cache at all); files are opened relative to the opened
folder without following symlinks, and a file that is not a regular file of that user, writable only by them, is
ignored. Written the same way (a new owner-only temporary file in the folder, then a rename). Whatever is wrong
with a snapshot, it is ignored and the data validated: never trusted halfway.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import stat
import sys
from contextlib import contextmanager
from pathlib import Path

from tracker.frame_json import decode_frame, encode_frame

log = logging.getLogger("tracker.snapshot")
FORMAT = 2  # 1 was pickle: never read again
SUFFIX = ".json"
PACKAGE = Path(__file__).resolve().parent
_code_version: str | None = None
_refused: set[str] = set()  # folders already warned about: one warning per folder and process


class FolderRefused(Exception):
    """A cache folder that others could have written to."""


def cache_dir() -> Path | None:
    if os.environ.get("TRACKER_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("TRACKER_CACHE_DIR"):
        return Path(os.environ["TRACKER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dprk-tracker"


_FROM_IMPORT = re.compile(rb"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)", re.M)
_IMPORT = re.compile(rb"^[ \t]*import[ \t]+([^\n#;]*)", re.M)


def _module_file(name: str) -> Path | None:
    """The source of a module of the tracker package; None for a name that is not one (a class, a function)."""
    parts = name.split(".")[1:]
    candidates = [PACKAGE.joinpath(*parts, "__init__.py")]
    if parts:
        candidates.append(PACKAGE.joinpath(*parts).with_suffix(".py"))
    return next((path for path in candidates if path.is_file()), None)


def _imported_names(source: bytes, module: str, is_package: bool) -> set[str]:
    """Every module name an import statement in `source` may load, at any depth (imports inside functions too).
    Read with two patterns instead of a parser (ast takes ~6 ms a file, at every start); text that only looks
    like an import (in a docstring) can only add a module to the hash, never leave one out."""
    names: set[str] = set()
    for match in _IMPORT.finditer(source):
        names.update(part.split()[0] for part in match[1].decode().split(",") if part.strip())
    for match in _FROM_IMPORT.finditer(source):
        base = match[1].decode()
        level = len(base) - len(base.lstrip("."))
        if level:  # relative: from the module's own package, then up one package per extra dot
            anchor = module.split(".")[: len(module.split(".")) - level + is_package]
            base = ".".join(anchor + ([base[level:]] if base[level:] else []))
        names.add(base)
        imported = match[2].decode().strip("() \t\n").replace("\\", " ")
        names.update(f"{base}.{part.split()[0]}" for part in imported.split(",") if part.strip())
    expanded = set()
    for name in names:  # importing a.b.c imports a and a.b first
        parts = name.split(".")
        expanded.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return expanded


def loader_modules() -> dict[str, Path]:
    """The tracker modules `tracker.load` imports, directly or through others, now or lazily inside a function:
    the code whose change must invalidate a snapshot. Derived from the import statements, never listed."""
    found: dict[str, Path] = {}
    todo = ["tracker.load"]
    while todo:
        name = todo.pop()
        path = None if name in found else _module_file(name)
        if path is None:
            continue
        found[name] = path
        todo += [n for n in _imported_names(path.read_bytes(), name, path.name == "__init__.py")
                 if n == "tracker" or n.startswith("tracker.")]
    return dict(sorted(found.items()))


def code_version() -> str:
    global _code_version
    if _code_version is None:
        import numpy
        import pandas

        versions = f"{FORMAT}|{sys.version}|{pandas.__version__}|{numpy.__version__}"
        digest = hashlib.sha256(versions.encode())
        for name, path in loader_modules().items():
            digest.update(f"\0{name}\0".encode() + path.read_bytes())
        _code_version = digest.hexdigest()[:16]
    return _code_version


def _name(key: str, table_names: tuple[str, ...]) -> str:
    return f"dataset-{key}-{_tables_tag(table_names)}-{code_version()}{SUFFIX}"


def _tables_tag(table_names) -> str:
    return hashlib.sha256(",".join(table_names).encode()).hexdigest()[:8]


def cache_path(key: str, table_names: tuple[str, ...]) -> Path | None:
    """Where the snapshot of these files and tables is kept (None: the cache is off)."""
    folder = cache_dir()
    return None if folder is None else folder / _name(key, table_names)


def _not_own(info: os.stat_result) -> str:
    """Why a file or folder may hold what someone else wrote ('' when only this user can have written it)."""
    if info.st_uid != os.geteuid():
        return f"it belongs to user id {info.st_uid}, not to this user ({os.geteuid()})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"it is writable by others (mode {stat.filemode(info.st_mode)})"
    return ""


@contextmanager
def _open_folder(folder: Path, create: bool):
    """The cache folder's descriptor, once it is known to be this user's own and writable by nobody else."""
    if create:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        reason = _not_own(os.fstat(fd))
        if reason:
            raise FolderRefused(reason)
        yield fd
    finally:
        os.close(fd)


def _refuse(folder: Path, reason: FolderRefused) -> None:
    if str(folder) not in _refused:
        _refused.add(str(folder))
        log.warning("not using the cache folder %s: %s; running without the cache", folder, reason)


def _read_file(folder_fd: int, name: str) -> bytes:
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # a symlink fails; a FIFO does not block
    fd = os.open(name, flags, dir_fd=folder_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if _not_own(info):
            raise ValueError(_not_own(info))
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read()
    finally:
        os.close(fd)


def load(key: str, table_names: tuple[str, ...]) -> dict | None:
    """The frames saved for this content hash and code version, or None (missing, refused, unreadable, corrupt)."""
    folder = cache_dir()
    if folder is None:
        return None
    name = None
    try:
        name = _name(key, table_names)
        with _open_folder(folder, create=False) as folder_fd:
            saved = json.loads(_read_file(folder_fd, name))
        if (not isinstance(saved, dict) or saved.get("format") != FORMAT or saved.get("key") != key
                or saved.get("code") != code_version() or list(saved.get("frames", {})) != list(table_names)):
            raise ValueError("snapshot does not match its name")
        return {table: decode_frame(saved["frames"][table]) for table in table_names}
    except FileNotFoundError:
        return None  # no folder yet, or nothing saved for these bytes
    except FolderRefused as exc:
        _refuse(folder, exc)
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means: validate instead
        log.warning("ignoring the dataset snapshot %s (%s: %s); validating", name, type(exc).__name__, exc)
        return None


def save(key: str, frames: dict) -> None:
    """Best effort: a refused, read-only or full cache only costs the next start a validation."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        data = json.dumps({"format": FORMAT, "key": key, "code": code_version(),
                           "frames": {table: encode_frame(frame) for table, frame in frames.items()}},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        name = _name(key, tuple(frames))
        with _open_folder(folder, create=True) as folder_fd:
            _write_file(folder_fd, name, data)
            stale = f"-{_tables_tag(tuple(frames))}-"
            for old in os.listdir(folder_fd):  # one snapshot per table set (and none of format 1): it never grows
                if old != name and old.startswith("dataset-") and stale in old and old.endswith((SUFFIX, ".pickle")):
                    os.unlink(old, dir_fd=folder_fd)
    except FolderRefused as exc:
        _refuse(folder, exc)
    except Exception as exc:  # noqa: BLE001
        log.warning("could not save the dataset snapshot: %s", exc)


def _write_file(folder_fd: int, name: str, data: bytes) -> None:
    """A new owner-only temporary file (never an existing one, never through a symlink), then a rename."""
    temporary = f".snapshot-{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(temporary, flags, 0o600, dir_fd=folder_fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        os.unlink(temporary, dir_fd=folder_fd)
        raise
