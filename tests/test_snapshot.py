"""The validated-snapshot cache: a hit only for the same bytes and code, never for a broken file; corrupt or
unwritable caches fall back to validating."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tracker import snapshot
from tracker.frame_json import decode_frame, encode_frame
from tracker.load import fingerprint, read_dataset
from tests.conftest import DATASETS, rows_of, write_rows
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
    assert not problems and len(list(cache.glob("dataset-*.json"))) == 1
    monkeypatch.setitem(sys.modules, "tracker.validate", None)  # a hit must not import the validator
    second, problems = read_dataset(data)
    assert not problems and second.version == first.version
    assert list(second.frames) == list(first.frames)
    for name, frame in first.frames.items():
        pd.testing.assert_frame_equal(second[name], frame, check_exact=True)


def test_the_snapshot_of_the_shipped_data_is_json_equal_to_the_validated_frames(cache, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE", "off")
    validated, _ = read_dataset(DATASETS)
    monkeypatch.delenv("TRACKER_CACHE")
    snapshot.save(validated.version, dict(validated.frames))
    (saved,) = cache.glob("dataset-*.json")
    assert json.loads(saved.read_bytes())["format"] == snapshot.FORMAT  # plain JSON: nothing to unpickle
    frames = snapshot.load(validated.version, tuple(validated.frames))
    for name, frame in validated.frames.items():
        pd.testing.assert_frame_equal(frames[name], frame, check_exact=True)


def test_a_missing_optional_column_round_trips(data, cache):
    path = data / "launches.csv"
    rows = rows_of(path)
    notes = rows[0].index("notes")
    write_rows(path, [row[:notes] + row[notes + 1:] for row in rows])
    first, problems = read_dataset(data)  # validated: `notes` is an object column of pd.NA
    assert not problems and first.launches["notes"].dtype == object
    second, _ = read_dataset(data)
    assert len(list(cache.glob("dataset-*.json"))) == 1
    pd.testing.assert_frame_equal(second.launches, first.launches, check_exact=True)


def test_every_kept_dtype_round_trips_exactly():
    frame = pd.DataFrame({
        "text": pd.Series(["a", None, "ü\u200b\"'"], dtype="str"),
        "absent": pd.Series([pd.NA, pd.NA, "x"], dtype=object),
        "count": pd.array([1, None, 2**62], dtype="Int64"),
        "flag": pd.array([True, None, False], dtype="boolean"),
        "plain_bool": np.array([True, False, True]),
        "plain_int": np.array([-(2**63), 0, 2**63 - 1], dtype=np.int64),
        "number": [0.1, np.nan, -np.inf],
        "date": pd.Series(["1984-04-01", None, "2262-04-11"], dtype="datetime64[us]"),
        "stamp": pd.Series([pd.Timestamp("1677-09-22"), None, pd.Timestamp("2024-01-01") + pd.Timedelta(1, "ns")]),
    })
    text = json.dumps(encode_frame(frame))
    pd.testing.assert_frame_equal(decode_frame(json.loads(text)), frame, check_exact=True)


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"kind": pd.Categorical(["a"])}),
    pd.DataFrame({"mixed": pd.Series([1, "a"], dtype=object)}),
    pd.DataFrame({"a": [1]}, index=[5]),
])
def test_a_frame_the_codec_cannot_restore_exactly_is_refused(frame):
    with pytest.raises(TypeError):
        encode_frame(frame)


@pytest.mark.parametrize("rows, column", [
    (1, {"name": "a", "dtype": "object", "values": [{"__reduce__": "os.system"}]}),
    (1, {"name": "a", "dtype": "numpy.ndarray", "values": [1]}),
    (2, {"name": "a", "dtype": "str", "values": ["only one"]}),
])
def test_a_malformed_snapshot_is_rejected(rows, column):
    with pytest.raises(ValueError):
        decode_frame({"rows": rows, "columns": [column]})


def test_a_broken_file_is_never_served_from_the_cache(data, cache):
    read_dataset(data)
    path = data / TABLES[0].filename
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(text[0] + "not,a,valid,row\n" + "".join(text[1:]), encoding="utf-8")
    dataset, problems = read_dataset(data)
    assert dataset is None and problems


def test_a_corrupt_cache_file_falls_back_to_validating(data, cache):
    read_dataset(data)
    (saved,) = cache.glob("dataset-*.json")
    saved.write_bytes(b"not json")
    dataset, problems = read_dataset(data)
    assert dataset is not None and not problems
    assert snapshot.load(fingerprint(data), tuple(t.name for t in TABLES)) is not None  # rewritten, readable


def test_an_unwritable_cache_only_costs_a_validation(data, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: mkdir fails
    dataset, problems = read_dataset(data)
    assert dataset is not None and not problems


def test_the_code_version_covers_exactly_the_modules_validation_imports(data):
    """Derived from the import statements: the same set a real validation loads (here in a fresh interpreter)."""
    script = ("import sys; from tracker.load import read_dataset; read_dataset(sys.argv[1]); "
              "print(' '.join(sorted(m for m in sys.modules if m == 'tracker' or m.startswith('tracker.'))))")
    env = {"TRACKER_CACHE": "off", "PATH": "/usr/bin:/bin"}
    loaded = subprocess.run([sys.executable, "-c", script, str(data)], capture_output=True, text=True, check=True,
                            env=env, cwd=DATASETS.parent).stdout.split()
    assert loaded == list(snapshot.loader_modules())


def test_a_new_module_imported_by_the_rules_changes_the_code_version(tmp_path, monkeypatch):
    package = tmp_path / "tracker"
    shutil.copytree(snapshot.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(snapshot, "PACKAGE", package)
    monkeypatch.setattr(snapshot, "_code_version", None)
    before = snapshot.code_version()
    (package / "new_rule.py").write_text("LIMIT = 1\n")
    rules = package / "rules.py"
    rules.write_text(rules.read_text() + "\n\ndef later():\n    from tracker import new_rule\n    return new_rule\n")
    monkeypatch.setattr(snapshot, "_code_version", None)
    assert "tracker.new_rule" in snapshot.loader_modules()
    with_module = snapshot.code_version()
    (package / "new_rule.py").write_text("LIMIT = 2\n")
    monkeypatch.setattr(snapshot, "_code_version", None)
    assert len({before, with_module, snapshot.code_version()}) == 3
