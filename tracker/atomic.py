"""Replace a file all at once: a reader, a kill -9 or a full disk leaves the old file or the new one, never a part.

The new content goes to a new temporary file in the target's own folder (so the rename stays on one file system),
is flushed to disk, gets the old file's permissions, and is renamed over the target; then the folder is flushed.
On any error the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

PAUSE_ENV = "TRACKER_PAUSE_BEFORE_RENAME"  # seconds; lets fault tests kill a writer inside its write window


def temporary_prefix(path: Path) -> str:
    """Temporary files of `path` are `.<name>.<random>.tmp` beside it."""
    return f".{path.name}."


def replace_file(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(content)
            output.flush()
            os.fsync(output.fileno())
        os.chmod(temporary, _mode_for(path))
        if os.environ.get(PAUSE_ENV):
            time.sleep(float(os.environ[PAUSE_ENV]))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _mode_for(path: Path) -> int:
    """The permissions the file has now; for a new file, what open() would give it (0o666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)  # read by setting: there is no other portable way; set straight back
        os.umask(umask)
        return 0o666 & ~umask
