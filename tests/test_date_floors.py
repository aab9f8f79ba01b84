"""One date floor per table (tracker/schema.py): a year typo is an error in `validate` and `add`, and the date
filters start at the earliest floor, so no valid row is out of every window."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import DATASETS, rows_of, set_cell, validate
from tracker import schema
from tracker.cli import main
from tracker.datastore import DataStore
from tracker.filters import Filters, clean_date, date_limits
from tracker.load import load_dataset


def _floor_message(table: schema.Table, value: str) -> str:
    return (f"is before {table.date_floor.isoformat()}, the earliest date {table.filename} accepts (a typo in the "
            f"year?), got {value!r}")


@pytest.mark.parametrize("table, column, value", [
    (schema.LAUNCHES, "date", "0222-05-25"),
    (schema.LAUNCHES, "date", "0001-01-01"),
    (schema.LAUNCHES, "date", "1983-12-31"),
    (schema.ACTIONS, "date", "1992-12-31"),
    (schema.EVENTS, "date", "1949-10-01"),
    (schema.EVENTS, "end_date", "1984-12-31"),
])
def test_a_date_before_its_tables_floor_is_reported_where_it_is(data, table, column, value):
    number = set_cell(data / table.filename, 2, column, value)  # the first row: the earliest date keeps the order
    code, output = validate(data)
    assert code == 1
    assert f"{data / table.filename}:2:{number}: {column}: {_floor_message(table, value)}" in output.splitlines()


def test_each_floor_itself_is_accepted(data):
    for table in schema.TABLES:
        if "date" not in [f.name for f in table.fields]:
            continue  # tables without dates (the site gazetteer) have no floor to test
        set_cell(data / table.filename, 2, "date", table.date_floor.isoformat())
    code, output = validate(data)
    assert code == 0, output


def test_add_refuses_a_year_typo_and_writes_nothing(data):
    before = (data / "launches.csv").read_bytes()
    result = CliRunner().invoke(main, [
        "add", "launch", "--data", str(data), "--date", "0222-05-25", "--kind", "ballistic_missile",
        "--missile-name", "KN-23", "--missile-class", "SRBM", "--count", "1", "--outcome", "success",
        "--source-url", "https://www.mod.go.jp/en/"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{data / 'launches.csv'}:2:2: date: {_floor_message(schema.LAUNCHES, '0222-05-25')}" in result.output
    assert (data / "launches.csv").read_bytes() == before


def test_export_html_of_a_year_typo_is_a_located_error_not_a_crash(data, tmp_path):
    set_cell(data / "launches.csv", 2, "date", "0001-01-01")
    result = CliRunner().invoke(main, ["export-html", str(tmp_path / "out.html"), "--data", str(data)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{data / 'launches.csv'}:2:2: date: {_floor_message(schema.LAUNCHES, '0001-01-01')}" in result.output
    assert not (tmp_path / "out.html").exists()


def test_the_dashboard_keeps_the_last_good_data_and_names_the_typo(data):
    store = DataStore(data)
    good = store.current()
    set_cell(data / "launches.csv", 2, "date", "0222-04-01")  # the row is known to the month: the 1st
    current = store.current()
    assert current.launches is good.launches
    assert [str(p) for p in current.problems] == [
        f"{data / 'launches.csv'}:2:2: date: {_floor_message(schema.LAUNCHES, '0222-04-01')}"]


def test_the_date_filters_start_at_the_earliest_floor():
    low = min(t.date_floor for t in schema.TABLES).isoformat()
    assert date_limits()[0] == low
    assert clean_date("0001-01-01") == clean_date("1949-12-31") == low
    assert Filters.from_query("?from=0001-01-01").start == low


def test_every_shipped_row_fits_in_the_widest_date_window():
    dataset = load_dataset(DATASETS)
    widest = Filters.from_query("?from=0001-01-01&to=9999-12-31").apply(dataset)
    for name, frame in dataset.frames.items():
        assert len(widest[name]) == len(frame)
    earliest = min(row[1] for t in schema.TABLES for row in rows_of(DATASETS / t.filename)[1:])
    assert earliest >= date_limits()[0]
