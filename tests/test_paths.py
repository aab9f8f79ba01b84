"""Which data folder and assets folder a command uses, in a checkout and (simulated here) in an installed package;
tests/test_install.py checks the same with a real `pip install`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import DATASETS, ROOT
from tracker import paths
from tracker.cli import main
from tracker.schema import TABLES

ADD_LAUNCH = ["add", "launch", "--date", "2026-05-27", "--kind", "ballistic_missile", "--missile-name", "KN-23",
              "--missile-class", "SRBM", "--count", "1", "--outcome", "success", "--source-url", "https://example.org/r"]


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch) -> Path:
    """A current directory without datasets/, and no $TRACKER_DATA."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    return tmp_path


@pytest.fixture
def installed_layout(tmp_path: Path, monkeypatch) -> Path:
    """`tracker.paths` as an installed package sees itself: bundled_assets and bundled_data inside the package."""
    package = tmp_path / "site-packages" / "tracker"
    shutil.copytree(ROOT / "assets", package / "bundled_assets")
    (package / "bundled_data").mkdir(parents=True)
    for table in TABLES:
        shutil.copy(DATASETS / table.filename, package / "bundled_data" / table.filename)
    monkeypatch.setattr(paths, "PACKAGE", package)
    return package


def test_checkout_uses_its_own_assets_and_datasets(elsewhere):
    assert paths.assets_folder() == ROOT / "assets"
    chosen = paths.choose_data_folder()
    assert (chosen.path, chosen.shipped) == (DATASETS, True)
    assert not paths.is_installed_copy(DATASETS)  # a maintainer's checkout is writable


def test_data_option_beats_environment_beats_local_datasets_beats_shipped(elsewhere, monkeypatch):
    (elsewhere / "datasets").mkdir()
    (elsewhere / "datasets" / TABLES[0].filename).write_text("", encoding="utf-8")
    assert paths.choose_data_folder() == paths.DataFolder(elsewhere / "datasets", "datasets/ in the current directory")
    monkeypatch.setenv(paths.DATA_ENV, "/srv/mine")
    assert paths.choose_data_folder() == paths.DataFolder(Path("/srv/mine"), "$TRACKER_DATA")
    assert paths.choose_data_folder("given") == paths.DataFolder(Path("given"), "--data")


def test_a_datasets_folder_without_our_tables_is_not_taken(elsewhere):
    (elsewhere / "datasets").mkdir()
    (elsewhere / "datasets" / "images.csv").write_text("a\n1\n", encoding="utf-8")
    assert paths.choose_data_folder().shipped


def test_commands_say_when_they_use_the_shipped_dataset(elsewhere):
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert f"Using the dataset that came with the code ({DATASETS})" in result.stderr
    assert result.stdout.startswith("ok: ")
    explicit = CliRunner().invoke(main, ["validate", "--data", str(DATASETS)])
    assert explicit.exit_code == 0 and explicit.stderr == ""


def test_installed_package_finds_its_bundled_assets_and_data(elsewhere, installed_layout):
    assert paths.assets_folder() == installed_layout / "bundled_assets"
    assert paths.choose_data_folder().path == installed_layout / "bundled_data"
    assert paths.is_installed_copy(installed_layout / "bundled_data" / ".")


def test_add_and_datapackage_refuse_the_installed_dataset(elsewhere, installed_layout):
    bundled = installed_layout / "bundled_data"
    before = {p.name: p.read_bytes() for p in bundled.iterdir()}
    for args in (ADD_LAUNCH, ADD_LAUNCH + ["--data", str(bundled)], ["datapackage"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, args
        assert f"{bundled} is the dataset installed with the package; it is read-only" in result.stderr, args
    assert {p.name: p.read_bytes() for p in bundled.iterdir()} == before
    copy = elsewhere / "copy"
    shutil.copytree(bundled, copy)
    result = CliRunner().invoke(main, ADD_LAUNCH + ["--data", str(copy)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stdout and "KN-23" in (copy / "launches.csv").read_text(encoding="utf-8")
