""""Did you mean" for every closed choice, and one launch group written twice, from `validate` and from `add`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.conftest import rows_of, set_cell, validate, write_rows
from tracker import schema
from tracker.cli import main
from tracker.columns import check_columns, pandera_schema
from tracker.suggest import did_you_mean, nearest


@pytest.mark.parametrize("file, column, typo, meant", [
    ("launches.csv", "missile_class", "SRMB", "SRBM"),
    ("launches.csv", "missile_class", "icbm", "ICBM"),
    ("launches.csv", "kind", "balistic_missile", "ballistic_missile"),
    ("launches.csv", "outcome", "sucess", "success"),
    ("council_actions.csv", "kind", "press_statment", "press_statement"),
    ("context_events.csv", "kind", "sumit", "summit"),
])
def test_validator_names_the_nearest_allowed_value(data, file, column, typo, meant):
    number = set_cell(data / file, 3, column, typo)
    code, output = validate(data)
    assert code == 1
    assert f"{file}:3:{number}: {column}: must be one of: " in output
    assert f"got {typo!r}; did you mean {meant!r}?" in output


def test_validator_names_the_nearest_member_in_a_list(data):
    rows = rows_of(data / "council_actions.csv")
    line = next(n for n, row in enumerate(rows, start=1) if row[rows[0].index("kind")] == "vetoed_draft")
    number = set_cell(data / "council_actions.csv", line, "vetoed_by", "China;Rusia")
    code, output = validate(data)
    assert f"council_actions.csv:{line}:{number}: vetoed_by: names must be among: " in output
    assert "did you mean 'Russia' for 'Rusia'?" in output


def test_no_guess_when_nothing_is_close():
    assert nearest("zzzz", schema.MISSILE_CLASSES) is None
    assert did_you_mean("zzzz", schema.MISSILE_CLASSES) == ""


def test_guesses_read_the_schema_so_a_newly_declared_choice_is_suggested():
    kind = replace(schema.ACTIONS.field("kind"), choices=(*schema.ACTION_KINDS, "emergency_session"))
    table = replace(schema.ACTIONS, fields=tuple(kind if f.name == "kind" else f for f in schema.ACTIONS.fields))
    raw = pd.DataFrame({"kind": ["emergency_sesion"]}, dtype="str")
    _, problems = check_columns(raw, table, pandera_schema(table, ["kind"], dt.date.today()), set())
    assert [message for _, _, message in problems] == [
        f"kind: must be one of: {', '.join(kind.choices)}, got 'emergency_sesion'; did you mean 'emergency_session'?"]


def test_flag_add_names_the_nearest_class(data):
    before = (data / "launches.csv").read_bytes()
    result = CliRunner().invoke(main, ["add", "launch", "--data", str(data), "--date", "2026-11-29", "--kind",
                                       "ballistic_missile", "--missile-name", "KN-23", "--missile-class", "SRMB",
                                       "--count", "1", "--outcome", "success", "--source-url", "https://example.org/"])
    assert result.exit_code == 1 and "got 'SRMB'; did you mean 'SRBM'?" in result.output
    assert (data / "launches.csv").read_bytes() == before


def test_the_same_launch_group_twice_is_refused_naming_both_rows(data):
    path = data / "launches.csv"
    rows = rows_of(path)
    header = rows[0]
    first = next(n for n, row in enumerate(rows, start=1) if row[0] == "L-2022-05-25-02")
    copy = list(rows[first - 1])
    copy[0] = "L-2022-05-25-03"
    copy[header.index("count")] = "1"
    copy[header.index("missile_name")] = copy[header.index("missile_name")].upper()  # case does not hide it
    rows.insert(first, copy)
    write_rows(path, rows)
    code, output = validate(data)
    assert code == 1
    assert (f"launches.csv:{first + 1}:2: date: the same launch as line {first}: same date, "
            "missile_class, missile_name and launch_site") in output


def test_two_groups_of_one_day_that_differ_in_site_are_fine(data):
    path = data / "launches.csv"
    rows = rows_of(path)
    header = rows[0]
    first = next(n for n, row in enumerate(rows, start=1) if row[0] == "L-2022-05-25-02")
    copy = list(rows[first - 1])
    copy[0], copy[header.index("launch_site")] = "L-2022-05-25-03", "Wonsan"
    rows.insert(first, copy)
    write_rows(path, rows)
    assert validate(data)[0] == 0


def test_the_published_dataset_has_no_launch_group_twice():
    from tests.conftest import DATASETS

    code, output = validate(DATASETS)
    assert code == 0 and "the same launch" not in output
