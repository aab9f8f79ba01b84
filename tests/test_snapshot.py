"""The validated-snapshot cache: a hit only for the same bytes and code, never for a broken file; corrupt or
unwritable caches fall back to validating."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tracker import snapshot
from tracker.load import fingerprint, read_dataset
from tracker.schema import TABLES


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(folder))
    monkeypatch.delenv("TRACKER_CACHE", raising=False)
    return folder


def test_default_folder_is_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("TRACKER_CACHE_DIR", raising=False)
    monkeypatch.delenv("TRACKER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert snapshot.cache_dir() == tmp_path / "dprk-tracker"
    monkeypatch.setenv("TRACKER_CACHE", "off")
    assert snapshot.cache_dir() is None


def test_second_read_is_a_hit_with_equal_frames(data, cache, monkeypatch):
    first, problems = read_dataset(data)
    assert not problems and len(list(cache.glob("dataset-*.pickle"))) == 1
    monkeypatch.setitem(sys.modules, "tracker.validate", None)  # a hit must not import the validator
    second, problems = read_dataset(data)
    assert not problems and second.version == first.version
    for name, frame in first.frames.items():
        assert second[name].equals(frame) and (second[name].dtypes == frame.dtypes).all()


def test_a_broken_file_is_never_served_from_the_cache(data, cache):
    read_dataset(data)
    path = data / TABLES[0].filename
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(text[0] + "not,a,valid,row\n" + "".join(text[1:]), encoding="utf-8")
    dataset, problems = read_dataset(data)
    assert dataset is None and problems


def test_a_corrupt_cache_file_falls_back_to_validating(data, cache):
    read_dataset(data)
    (saved,) = cache.glob("dataset-*.pickle")
    saved.write_bytes(b"not a pickle")
    dataset, problems = read_dataset(data)
    assert dataset is not None and not problems
    assert snapshot.load(fingerprint(data), tuple(t.name for t in TABLES)) is not None  # rewritten, readable


def test_an_unwritable_cache_only_costs_a_validation(data, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: mkdir fails
    dataset, problems = read_dataset(data)
    assert dataset is not None and not problems
