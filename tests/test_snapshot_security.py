"""The snapshot cache as an attacker finds it: files planted by another user (uid 65534 via `setpriv`) in a shared
1777 folder, through symlinks, and in a folder that user owns. `python -m tracker stats` then runs as root: the
planted code must not run and the output must be the output without any cache."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from tracker import snapshot
from tracker.load import fingerprint, read_dataset
from tests.conftest import DATASETS
from tracker.schema import TABLES

NOBODY = 65534
AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
NAMES = tuple(t.name for t in TABLES)

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                                reason="planting as another user needs root and setpriv")


class _Payload:
    """What an attacker pickles: unpickling it runs a shell command that leaves a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def _as_nobody(*command: str, stdin: bytes | None = None) -> None:
    subprocess.run([*AS_NOBODY, *command], input=stdin, check=True, stdout=subprocess.DEVNULL)


def _stats(data: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_CACHE")} | env
    return subprocess.run([sys.executable, "-m", "tracker", "stats", "--data", str(data)], env=environment,
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)


@pytest.fixture
def shared():
    """A cache folder in /tmp that anyone may write to (mode 1777), as a shared $TRACKER_CACHE_DIR would be."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-shared-cache-", dir="/tmp"))
    folder.chmod(0o1777)
    yield folder
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def clean() -> str:
    """`stats` of the shipped data (which the `data` fixture copies) without any cache."""
    return _stats(DATASETS, TRACKER_CACHE="off").stdout


@pytest.fixture
def attack(data: Path, tmp_path: Path, clean: str):
    """(the name the app reads for `data`, the pickled payload, the marker it would create, the clean output)."""
    marker = tmp_path / "planted-code-ran"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_CACHE_DIR", "/nonexistent")
        patch.delenv("TRACKER_CACHE", raising=False)
        name = snapshot.cache_path(fingerprint(data), NAMES).name
    return name, pickle.dumps(_Payload(marker)), marker, clean


def _assert_safe(data: Path, folder: Path, marker: Path, clean: str) -> None:
    planted = sorted((path.name, path.lstat().st_mtime_ns) for path in folder.iterdir())
    result = _stats(data, TRACKER_CACHE_DIR=str(folder))
    assert not marker.exists(), "the planted code ran"
    assert result.stdout == clean
    assert result.stderr.count(f"not using the cache folder {folder}") == 1
    assert sorted((path.name, path.lstat().st_mtime_ns) for path in folder.iterdir()) == planted  # nothing written


def test_a_file_planted_in_a_shared_folder_is_never_read(data, shared, attack):
    name, payload, marker, clean = attack
    _as_nobody("tee", str(shared / name), stdin=payload)
    _assert_safe(data, shared, marker, clean)
    assert (shared / name).read_bytes() == payload  # refused, not overwritten: the evidence stays


def test_a_symlink_planted_in_a_shared_folder_is_never_followed(data, shared, attack):
    name, payload, marker, clean = attack
    _as_nobody("tee", str(shared / "elsewhere"), stdin=payload)
    _as_nobody("ln", "-s", str(shared / "elsewhere"), str(shared / name))
    _assert_safe(data, shared, marker, clean)


def test_a_folder_owned_by_another_user_is_refused(data, shared, attack):
    name, payload, marker, clean = attack
    theirs = shared / "theirs"
    _as_nobody("mkdir", "-m", "755", str(theirs))
    _as_nobody("tee", str(theirs / "payload"), stdin=payload)
    _as_nobody("ln", "-s", str(theirs / "payload"), str(theirs / name))
    _assert_safe(data, theirs, marker, clean)


def test_a_shared_folder_is_warned_about_once_per_process(data, shared, monkeypatch, caplog):
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(shared))
    monkeypatch.setattr(snapshot, "_refused", set())
    for _ in range(3):
        dataset, problems = read_dataset(data)
        assert dataset is not None and not problems
    assert [r.getMessage() for r in caplog.records].count(
        f"not using the cache folder {shared}: it is writable by others (mode drwxrwxrwt); running without the "
        "cache") == 1
    assert list(shared.iterdir()) == []


# Inside a folder of our own: each file is opened without following symlinks, and checked. ---------------------

@pytest.fixture
def tampered(data: Path, tmp_path: Path, monkeypatch) -> tuple[Path, bytes, pd.DataFrame]:
    """Our own cache folder holding a well-formed snapshot of `data` with one wrong count (the launches frame as
    validated is returned for comparison): if it were trusted, the data would be wrong."""
    folder = tmp_path / "own-cache"
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(folder))
    validated, _ = read_dataset(data)
    path = snapshot.cache_path(fingerprint(data), NAMES)
    saved = json.loads(path.read_bytes())
    count = next(c for c in saved["frames"]["launches"]["columns"] if c["name"] == "count")
    count["values"][0] += 100
    return path, json.dumps(saved).encode(), validated.launches


def _assert_validated(data: Path, expected: pd.DataFrame) -> None:
    dataset, problems = read_dataset(data)
    assert not problems
    pd.testing.assert_frame_equal(dataset.launches, expected, check_exact=True)


def test_a_snapshot_file_of_another_owner_is_ignored(data, tampered):
    path, forged, expected = tampered
    path.write_bytes(forged)
    os.chown(path, NOBODY, NOBODY)
    _assert_validated(data, expected)


def test_a_snapshot_file_writable_by_others_is_ignored(data, tampered):
    path, forged, expected = tampered
    path.write_bytes(forged)
    path.chmod(0o666)
    _assert_validated(data, expected)


def test_a_symlink_in_the_own_folder_is_not_followed(data, tampered, tmp_path):
    path, forged, expected = tampered
    target = tmp_path / "forged.json"
    target.write_bytes(forged)
    target.chmod(0o600)
    path.unlink()
    path.symlink_to(target)
    _assert_validated(data, expected)
    assert target.read_bytes() == forged  # the save replaced the link, never wrote through it
    assert not path.is_symlink()


def test_a_snapshot_file_of_our_own_is_trusted(data, tampered):
    path, forged, expected = tampered
    path.write_bytes(forged)  # proof that the three tests above could fail: a file of ours is trusted
    dataset, _ = read_dataset(data)
    assert dataset.launches["count"].iloc[0] == expected["count"].iloc[0] + 100
