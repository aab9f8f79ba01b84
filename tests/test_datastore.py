"""The data store: last good data while an edit is broken, one consistent snapshot of all files, logged reloads."""

from __future__ import annotations

import logging
import os

from tests.conftest import set_cell
from tracker import datastore
from tracker.datastore import DataStore
from tracker.schema import ACTIONS

_VALUES = {"id": "C-2026-05-27-01", "date": "2026-05-27", "kind": "press_statement", "summary": "A test statement.",
           "source_url": "https://press.un.org/en/2026/test.htm"}
ROW = ",".join(_VALUES.get(name, "") for name in ACTIONS.columns) + "\n"  # one field per column of the schema


def test_broken_edit_keeps_the_last_good_data_and_logs_why(data, caplog):
    caplog.set_level(logging.INFO, logger="tracker.data")
    store = DataStore(data)
    good = store.current()
    column = set_cell(data / "launches.csv", 5, "count", "zero")
    broken = store.current()
    assert broken.launches is good.launches and broken.version == good.version
    assert [str(p).split("/")[-1] for p in broken.problems] == [
        f"launches.csv:5:{column}: count: must be a whole number, got 'zero'"]
    assert "serving the last good data" in caplog.text and "count: must be a whole number" in caplog.text


def test_a_folder_in_place_of_a_file_is_a_problem_not_an_exception(data):
    store = DataStore(data)
    rows = len(store.current().actions)
    (data / "council_actions.csv").unlink()
    (data / "council_actions.csv").mkdir()
    current = store.current()
    assert len(current.actions) == rows and current.problems


def test_chmod_alone_is_noticed(data, caplog):
    caplog.set_level(logging.INFO, logger="tracker.data")
    store = DataStore(data)
    store.current()
    os.chmod(data / "launches.csv", 0o600)  # changes ctime only
    store.current()
    assert caplog.text.count("loaded ") == 2


def test_a_file_replaced_during_a_read_is_read_again(data, monkeypatch):
    """Repro: rewrites paired a launches file with an actions file that never existed together on disk."""
    real = datastore.read_dataset
    calls = []

    def racing_read(*args, **kwargs):
        result = real(*args, **kwargs)
        if not calls:  # a writer replaces council_actions.csv while the first read is under way
            with open(data / "council_actions.csv", "a", encoding="utf-8") as handle:
                handle.write(ROW)
        calls.append(1)
        return result

    monkeypatch.setattr(datastore, "read_dataset", racing_read)
    before = sum(1 for _ in open(data / "council_actions.csv", encoding="utf-8"))
    current = DataStore(data).current()
    assert len(calls) == 2 and not current.problems
    assert "C-2026-05-27-01" in set(current.actions["id"]) and before > 0


def test_maintainer_banner_names_the_file_not_the_folder_and_keeps_the_whole_message(data):
    from tracker.layout import banner

    store = DataStore(data)
    store.current()
    column = set_cell(data / "launches.csv", 5, "source_url", "javascript:x")
    message = f"launches.csv:5:{column}: source_url: must be an http:// or https:// URL, got 'javascript:x'"
    text = str(banner(store.current(), maintainer=True).to_plotly_json())
    assert message in text and str(data) not in text
    viewer = str(banner(store.current()).to_plotly_json())
    assert "shows the last valid version of the data" in viewer and "source_url" not in viewer
