"""Fixtures: a fresh copy of the shipped dataset per test, and helpers to break it one cell at a time."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    for table in TABLES:
        shutil.copy(DATASETS / table.filename, target / table.filename)
    return target


def rows_of(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path: Path, line: int, column: str, value: str) -> int:
    """Set one cell (line as an editor counts it; the files have no multi-line fields); return its column number."""
    rows = rows_of(path)
    index = rows[0].index(column)
    rows[line - 1][index] = value
    write_rows(path, rows)
    return index + 1


def validate(data_dir: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--data", str(data_dir)])
    return result.exit_code, result.output
