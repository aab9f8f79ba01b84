"""The response ladder: `derive.ladder` on small hand-built frames and on the real data, and the `responses` CLI."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.conftest import DATASETS, set_cell, validate
from tracker.cli import main
from tracker.derive import LADDER_COLUMNS, RUNGS, answered_mask, ladder
from tracker.load import load_dataset
from tracker.schema import ACTION_KINDS, PRODUCT_KINDS


def launches(*rows: tuple[str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", "date", "missile_class"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def actions(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", "date", "kind", "responds_to"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["responds_to"] = frame["responds_to"].replace("", None)
    return frame


def row_of(table: pd.DataFrame, launch_id: str) -> dict:
    return table.set_index("launch_id").loc[launch_id].to_dict()


ONE_LAUNCH = launches(("L-1", "2020-01-01", "ICBM"))


@pytest.mark.parametrize("kind", [k for k in RUNGS if k != "none"])
def test_each_rung_is_reached_by_its_kind(kind):
    table = ladder(ONE_LAUNCH, actions(("C-1", "2020-01-03", kind, "L-1")))
    assert row_of(table, "L-1") == {"date": pd.Timestamp("2020-01-01"), "missile_class": "ICBM", "rung": kind,
                                    "action_id": "C-1", "action_date": pd.Timestamp("2020-01-03"), "lag_days": 2}


def test_the_furthest_rung_wins_over_an_earlier_lower_one():
    table = ladder(ONE_LAUNCH, actions(("C-1", "2020-01-01", "meeting", "L-1"),
                                       ("C-2", "2020-01-02", "blocked_statement", "L-1"),
                                       ("C-3", "2020-02-01", "resolution", "L-1"),
                                       ("C-4", "2020-01-10", "press_statement", "L-1")))
    assert (row_of(table, "L-1")["rung"], row_of(table, "L-1")["action_id"], row_of(table, "L-1")["lag_days"]) \
        == ("resolution", "C-3", 31)


def test_a_vetoed_draft_ranks_below_any_adopted_text_and_above_a_blocked_statement():
    draft_and_statement = actions(("C-1", "2020-01-02", "vetoed_draft", "L-1"),
                                  ("C-2", "2020-01-05", "press_statement", "L-1"),
                                  ("C-3", "2020-01-01", "blocked_statement", "L-1"))
    assert row_of(ladder(ONE_LAUNCH, draft_and_statement), "L-1")["rung"] == "press_statement"
    assert row_of(ladder(ONE_LAUNCH, draft_and_statement.iloc[[0, 2]]), "L-1")["rung"] == "vetoed_draft"


def test_ties_on_the_furthest_rung_go_to_the_earliest_action_then_the_lowest_id():
    later_first = actions(("C-9", "2020-01-09", "meeting", "L-1"), ("C-5", "2020-01-04", "meeting", "L-1"))
    assert row_of(ladder(ONE_LAUNCH, later_first), "L-1")["action_id"] == "C-5"
    same_day = actions(("C-2020-01-04-02", "2020-01-04", "meeting", "L-1"),
                       ("C-2020-01-04-01", "2020-01-04", "meeting", "L-1"))
    assert row_of(ladder(ONE_LAUNCH, same_day), "L-1")["action_id"] == "C-2020-01-04-01"


def test_a_launch_no_action_names_is_on_rung_none_with_empty_action_columns():
    two = launches(("L-1", "2020-01-01", "ICBM"), ("L-2", "2020-03-01", "SRBM"))
    table = ladder(two, actions(("C-1", "2020-01-03", "meeting", "L-1"), ("C-2", "2020-01-04", "resolution", "")))
    assert list(table.columns) == list(LADDER_COLUMNS)
    assert list(table["launch_id"]) == ["L-1", "L-2"]
    none = row_of(table, "L-2")
    assert none["rung"] == "none"
    assert pd.isna(none["action_id"]) and pd.isna(none["action_date"]) and pd.isna(none["lag_days"])


def test_no_actions_at_all():
    table = ladder(ONE_LAUNCH, actions())
    assert table["rung"].tolist() == ["none"]


def test_an_action_on_several_launches_counts_for_each_with_its_own_lag():
    two = launches(("L-1", "2020-01-01", "ICBM"), ("L-2", "2020-01-05", "SRBM"))
    table = ladder(two, actions(("C-1", "2020-01-06", "press_statement", "L-1;L-2")))
    assert table["lag_days"].tolist() == [5, 1]
    assert table["action_id"].tolist() == ["C-1", "C-1"]


def test_the_rungs_are_every_action_kind_plus_none():
    assert sorted(RUNGS) == sorted(("none", *ACTION_KINDS))
    assert RUNGS[0] == "none" and RUNGS[-1] == "resolution"


def test_meetings_and_blocked_statements_do_not_count_as_answers():
    two = launches(("L-1", "2020-01-01", "ICBM"), ("L-2", "2020-01-05", "ICBM"))
    steps = actions(("C-1", "2020-01-02", "meeting", "L-1"), ("C-2", "2020-01-06", "blocked_statement", "L-2"))
    assert answered_mask(two, steps).tolist() == [False, False]
    product = actions(("C-3", "2020-01-06", "vetoed_draft", "L-2"))
    assert answered_mask(two, product).tolist() == [False, True]
    assert "vetoed_draft" in PRODUCT_KINDS and "meeting" not in PRODUCT_KINDS


# The real data ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    dataset = load_dataset(DATASETS)
    return ladder(dataset.launches, dataset.actions)


def test_real_data_2022_icbm_reached_the_vetoed_draft_a_day_later(real):
    row = row_of(real, "L-2022-05-25-01")
    assert (row["rung"], row["action_id"], row["action_date"], row["lag_days"]) == \
        ("vetoed_draft", "C-2022-05-26-01", pd.Timestamp("2022-05-26"), 1)


def test_real_data_2017_icbm_reached_resolution_2397(real):
    row = row_of(real, "L-2017-11-29-01")
    assert (row["rung"], row["action_id"], row["action_date"], row["lag_days"]) == \
        ("resolution", "C-2017-12-22-01", pd.Timestamp("2017-12-22"), 23)


def test_real_data_2022_hwasong_17_reached_only_a_blocked_statement(real):
    row = row_of(real, "L-2022-11-18-01")
    assert (row["rung"], row["action_date"], row["lag_days"]) == ("blocked_statement", pd.Timestamp("2022-11-21"), 3)


def test_real_data_every_launch_row_is_on_the_ladder_once(real):
    dataset = load_dataset(DATASETS)
    assert real["launch_id"].tolist() == dataset.launches["id"].tolist()
    assert set(real["rung"]) <= set(RUNGS)


# The command ------------------------------------------------------------------------------------------------------

def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["responses", "--data", str(DATASETS), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_csv_is_the_default_one_line_per_launch_row():
    text = run()
    assert text == run("--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(LADDER_COLUMNS)
    assert len(rows) - 1 == len(load_dataset(DATASETS).launches)
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["L-2022-05-25-01"] == ["L-2022-05-25-01", "2022-05-25", "ICBM", "vetoed_draft", "C-2022-05-26-01",
                                        "2022-05-26", "1"]
    assert by_id["L-1984-04-01-01"][3:] == ["none", "", "", ""]


def test_cli_markdown_is_a_table_with_the_same_rows():
    lines = run("--format", "markdown").splitlines()
    assert lines[0] == "| " + " | ".join(LADDER_COLUMNS) + " |"
    assert lines[1] == "|" + "---|" * len(LADDER_COLUMNS)
    assert len(lines) - 2 == len(load_dataset(DATASETS).launches)
    assert "| L-2017-11-29-01 | 2017-11-29 | ICBM | resolution | C-2017-12-22-01 | 2017-12-22 | 23 |" in lines


def test_cli_refuses_an_unknown_format():
    result = CliRunner().invoke(main, ["responses", "--data", str(DATASETS), "--format", "json"])
    assert result.exit_code == 2 and "csv" in result.output and "markdown" in result.output


def test_cli_on_broken_data_prints_the_problems_and_exits_1(data):
    column = set_cell(data / "council_actions.csv", 2, "kind", "meeting_no_outcome")
    result = CliRunner().invoke(main, ["responses", "--data", str(data)])
    assert result.exit_code == 1
    assert f"council_actions.csv:2:{column}: kind: must be one of" in result.output
    assert validate(data)[0] == 1


def test_responses_does_not_import_dash():
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from tracker.cli import main; "
            f"r = CliRunner().invoke(main, ['responses', '--data', {str(DATASETS)!r}]); "
            "assert r.exit_code == 0, r.output; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('dash', 'plotly')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
