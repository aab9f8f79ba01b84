"""`add` when the file cannot be written: a full disk (a real tmpfs), a file-size limit (RLIMIT_FSIZE), a lock
file that is a symlink, a table linked out of the data folder. Each is one line and exit status 1, the data
intact, and no lock or temporary file outside the data folder."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import DATASETS, ROOT
from tests.fulldisk import full_tmpfs
from tracker.cli import main
from tracker.schema import TABLES

ROW = ["--date", "2026-05-27", "--kind", "ballistic_missile", "--missile-name", "KN-23", "--missile-class", "SRBM",
       "--count", "2", "--outcome", "success", "--source-url", "https://www.mod.go.jp/en/"]


def add(data: Path):
    return CliRunner().invoke(main, ["add", "launch", "--data", str(data), *ROW])


def one_error_line(result) -> str:
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and line.endswith("; nothing was written")
    return line


@pytest.fixture
def full_disk(tmp_path: Path):
    """The dataset on a 1 MiB tmpfs whose free space is filled."""
    def copy_tables(disk: Path) -> None:
        for table in TABLES:
            shutil.copy(DATASETS / table.filename, disk / table.filename)

    with full_tmpfs(tmp_path / "disk", copy_tables) as disk:
        yield disk


def test_a_full_disk_is_one_line_and_the_file_is_intact(full_disk):
    before = (full_disk / "launches.csv").read_bytes()
    line = one_error_line(add(full_disk))
    assert line == f"error: {full_disk / 'launches.csv'}: No space left on device; nothing was written"
    assert (full_disk / "launches.csv").read_bytes() == before
    assert not list(full_disk.glob(".launches.csv.*.tmp"))


def test_a_file_size_limit_is_one_line_and_the_file_is_intact(data):
    before = (data / "launches.csv").read_bytes()
    limit = len(before) + 16  # the file as it is fits; with one more row it does not

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "tracker", "add", "launch", "--data", str(data), *ROW],
                            cwd=ROOT, capture_output=True, text=True, preexec_fn=limited)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: {data / 'launches.csv'}: File too large; nothing was written"]
    assert (data / "launches.csv").read_bytes() == before
    assert not list(data.glob(".launches.csv.*.tmp"))


@pytest.mark.parametrize("points_to", ["a-file", "nowhere"])
def test_a_lock_file_that_is_a_symlink_is_refused(data, tmp_path, points_to):
    victim = tmp_path / "a-file"
    victim.write_text("precious\n")
    (data / ".launches.csv.lock").symlink_to(tmp_path / points_to)
    before = (data / "launches.csv").read_bytes()
    line = one_error_line(add(data))
    assert line == (f"error: the lock file {data.resolve() / '.launches.csv.lock'} is a symbolic link; add only "
                    "uses a plain lock file (remove it); nothing was written")
    assert (data / "launches.csv").read_bytes() == before and victim.read_text() == "precious\n"


def test_a_table_linked_out_of_the_data_folder_is_refused_and_nothing_lands_beside_its_target(data, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target = outside / "passwd"
    shutil.move(data / "launches.csv", target)
    (data / "launches.csv").symlink_to(target)
    bystander = outside / ".passwd.1234.tmp"  # someone else's file, matching add's old stale-file pattern
    bystander.write_text("not add's\n")
    before = target.read_bytes()
    line = one_error_line(add(data))
    assert line == (f"error: {data / 'launches.csv'} is a link to {target}, outside the data folder "
                    f"{data.resolve()}; add writes only there; nothing was written")
    assert target.read_bytes() == before
    assert sorted(p.name for p in outside.iterdir()) == [".passwd.1234.tmp", "passwd"]  # no lock, not cleaned up


def test_a_table_linked_inside_the_data_folder_is_written_through(data):
    archive = data / "archive"
    archive.mkdir()
    shutil.move(data / "launches.csv", archive / "launches-2026.csv")
    (data / "launches.csv").symlink_to(Path("archive") / "launches-2026.csv")
    result = add(data)
    assert result.exit_code == 0, result.output
    assert (data / "launches.csv").is_symlink()
    assert "L-2026-05-27-01" in (archive / "launches-2026.csv").read_text(encoding="utf-8")
    assert sorted(p.name for p in archive.iterdir()) == [".launches-2026.csv.lock", "launches-2026.csv"]
