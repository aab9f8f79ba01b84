"""Fixtures: a fresh copy of the shipped dataset per test, and helpers to break it one cell at a time."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.schema import TABLES

# Validated snapshots (tracker/snapshot.py) of this test run go to a scratch folder, not the user's cache; app
# processes started by the tests inherit it.
os.environ.setdefault("TRACKER_CACHE_DIR", tempfile.mkdtemp(prefix="tracker-test-cache-"))

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


# Browser fixtures: a real app process and one Chromium per test module, strict pages. -------------

@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("served-data")
    for table in TABLES:
        shutil.copy(DATASETS / table.filename, target / table.filename)
    return target


@pytest.fixture(scope="module")
def app_url(data_dir):
    from support.browser import running_app

    with running_app(data_dir) as url:
        yield url


@pytest.fixture(scope="module")  # module: a test module may start its own Playwright (one per thread at a time)
def browser():
    from support.browser import chromium

    with chromium() as instance:
        yield instance


def _strict_page(browser, app_url, width: int, height: int):
    """A page that fails its test on any console error, uncaught page error or request to another host."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"off-site request: {r.url}")
            if not r.url.startswith((app_url, "data:", "blob:")) else None)
    return context, page, problems


@pytest.fixture(params=[(1400, 1000), (390, 844)], ids=["laptop", "phone"])
def any_page(request, browser, app_url):
    context, page, problems = _strict_page(browser, app_url, *request.param)
    yield page
    context.close()
    assert problems == []


@pytest.fixture
def page(browser, app_url):
    context, page, problems = _strict_page(browser, app_url, 1400, 1000)
    yield page
    context.close()
    assert problems == []
