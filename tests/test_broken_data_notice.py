"""A broken data file: viewers see a short notice and the last valid data; maintainers also see the validator."""

from __future__ import annotations

import shutil

import pytest
import requests

from support.browser import LOGS, running_app
from tests.conftest import DATASETS, set_cell
from tests.pagekit import open_view
from tracker.load import load_dataset
from tracker.schema import TABLES
from tracker.values import day


@pytest.fixture
def broken(tmp_path):
    """A copy of the published data folder (broken by `_break` once the app has loaded it)."""
    data = tmp_path / "data"
    data.mkdir()
    for table in TABLES:
        shutil.copy(DATASETS / table.filename, data / table.filename)
    return data


def _break(data) -> str:
    column = set_cell(data / "launches.csv", 5, "count", "zero")
    return f"launches.csv:5:{column}: count: must be a whole number, got 'zero'"


def _layout(url: str) -> str:
    return requests.get(url + "/_dash-layout", timeout=30).text


def test_viewers_get_a_dated_notice_and_the_log_gets_the_messages(broken):
    as_of = day(load_dataset(broken).data_date)
    with running_app(broken) as url:
        assert "data-error" not in _layout(url)
        message = _break(broken)
        layout = _layout(url)
        assert f"this page shows the last valid version of the data (as of {as_of})." in layout
        assert "must be a whole number" not in layout and "Maintainer mode" not in layout
        assert message in LOGS[url].read_text()


def test_maintainer_mode_by_environment_quotes_the_validator(broken, monkeypatch):
    monkeypatch.setenv("TRACKER_MAINTAINER", "1")
    with running_app(broken) as url:
        message = _break(broken)
        layout = _layout(url)
        assert "Maintainer mode. The validator says:" in layout and message in layout
        assert str(broken) not in layout  # file names only, never server paths


def test_maintainer_mode_flag_in_a_browser(broken, browser):
    with running_app(broken, ("--maintainer",)) as url:
        message = _break(broken)
        context = browser.new_context()
        page = context.new_page()
        open_view(page, url)
        banner = page.text_content("#data-error")
        context.close()
    assert "shows the last valid version of the data" in banner and message in banner
