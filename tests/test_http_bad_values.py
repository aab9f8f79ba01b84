"""Requests of the right shape with wrong values get a short 4xx, never a 500 with a traceback in the log
(in-process through Flask's test client: no real server is needed to see a status code and the log)."""

from __future__ import annotations

import csv
import io
import json
import logging

import pytest

from tracker.app import create_app
from tracker.filters import Filters
from tracker.schema import TABLES
from tracker.views import view_named


WIDGETS = [{"id": w, "property": "value", "value": v} for w, v in zip(Filters.widget_ids(), Filters().to_widgets())]


@pytest.fixture(scope="module")
def client():
    from tests.conftest import DATASETS

    return create_app(DATASETS).server.test_client()


@pytest.mark.parametrize("path", [
    "/_dash-component-suites/dash/dash.py",
    "/_dash-component-suites/os/passwd.js",
    "/_dash-component-suites/dash/%2e%2e/%2e%2e/etc/passwd.js",
    "/_dash-component-suites/dash/..%2f..%2f..%2fapp.py",
    "/_dash-component-suites/dash/deps/not-there.js",
    "/_dash-component-suites/dash/%0aforged%20log%20line.js",
])
def test_a_path_dash_does_not_serve_is_404_with_one_short_log_line(client, caplog, path):
    caplog.set_level(logging.DEBUG)
    response = client.get(path)
    assert response.status_code == 404
    assert len(caplog.records) <= 1
    for record in caplog.records:
        assert record.exc_info is None and "\n" not in record.getMessage() and len(record.getMessage()) < 300


def test_a_served_component_file_still_loads(client):
    assert client.get("/_dash-component-suites/dash_ag_grid/dash_ag_grid.min.js").status_code == 200


def _grid_csv(table: str, rows) -> dict:
    """The body the page sends for a table's "Download CSV" button, naming `table`, every grid showing `rows`."""
    return {"output": "download-table.data", "outputs": {"id": "download-table", "property": "data"},
            "inputs": [[{"id": {"kind": "grid-csv", "table": table}, "property": "n_clicks", "value": 1}]],
            "state": [[{"id": {"kind": "grid", "table": t.name}, "property": "virtualRowData", "value": rows}
                       for t in TABLES]] + WIDGETS,
            "changedPropIds": [json.dumps({"kind": "grid-csv", "table": table}, separators=(",", ":"),
                                          sort_keys=True) + ".n_clicks"]}


def _download(kind: str, view: str) -> dict:
    ids = {"kind": kind, "view": view}
    return {"output": "download.data", "outputs": {"id": "download", "property": "data"},
            "inputs": [[{"id": ids, "property": "n_clicks", "value": 1}] if kind == "csv" else [],
                       [{"id": ids, "property": "n_clicks", "value": 1}] if kind == "html" else []],
            "state": WIDGETS,
            "changedPropIds": [json.dumps(ids, separators=(",", ":"), sort_keys=True) + ".n_clicks"]}


@pytest.mark.parametrize("body", [
    _grid_csv("bogus", None),
    _grid_csv("launches", [{"id": {"nested": "dict"}}]),
    _grid_csv("launches", [{"id": ["a list"]}]),
    _grid_csv("launches", ["not a row"]),
    _download("csv", "bogus"),
])
def test_a_callback_with_bad_values_is_a_400(client, caplog, body):
    caplog.set_level(logging.DEBUG)
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("rows", [None, [{"id": "L-2022-05-25-01"}]])
def test_the_grid_download_with_good_values_answers_those_rows(client, rows):
    from tests.conftest import DATASETS, rows_of

    response = client.post("/_dash-update-component", json=_grid_csv("launches", rows))
    assert response.status_code == 200
    csv_text = response.get_json()["response"]["download-table"]["data"]["content"]
    ids = [row[0] for row in csv.reader(io.StringIO(csv_text))][1:]
    assert ids == ([r[0] for r in rows_of(DATASETS / "launches.csv")[1:]] if rows is None else ["L-2022-05-25-01"])


def test_the_chart_download_of_a_known_view_answers(client):
    response = client.post("/_dash-update-component", json=_download("csv", "timeline"))
    assert response.status_code == 200
    assert response.get_json()["response"]["download"]["data"]["filename"] == f"{view_named('timeline').slug}-data.zip"
