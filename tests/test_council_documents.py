"""Council document symbols, meeting records and press releases: the validator's format and kind rules."""

from __future__ import annotations

import pytest

from tests.conftest import rows_of, set_cell
from tests.test_validate_corpus import accepted, expect

A = "council_actions.csv"


def line_of(data, action_id: str) -> int:
    return next(i for i, row in enumerate(rows_of(data / A), start=1) if row[0] == action_id)


@pytest.mark.parametrize("value", ["S/RES/2397(2017)", "S/RES/2397", "s/res/2397 (2017)", "RES/2397 (2017)",
                                   "S/RES/2397 (17)"])
def test_a_badly_written_resolution_symbol_is_refused(data, value):
    line = line_of(data, "C-2017-12-22-01")
    column = set_cell(data / A, line, "symbol", value)
    expect(data, (A, line, column, "symbol: must be written like S/RES/2397 (2017), S/PRST/2017/16, S/2022/431 or "
                                   f"S/25562, got {value!r}"))


def test_a_resolution_with_a_statement_symbol_is_refused(data):
    line = line_of(data, "C-2017-12-22-01")
    column = set_cell(data / A, line, "symbol", "S/PRST/2017/16")
    expect(data, (A, line, column, "symbol: a resolution's symbol is written S/RES/n (yyyy), got 'S/PRST/2017/16'"))


def test_a_vetoed_draft_with_a_resolution_symbol_is_refused(data):
    line = line_of(data, "C-2022-05-26-01")
    column = set_cell(data / A, line, "symbol", "S/RES/2397 (2017)")
    expect(data, (A, line, column, "symbol: a vetoed_draft's symbol is written S/yyyy/n, got 'S/RES/2397 (2017)'"))


def test_a_meeting_has_no_document_symbol(data):
    line = line_of(data, "C-2022-11-04-01")
    column = set_cell(data / A, line, "symbol", "S/2022/800")
    expect(data, (A, line, column, "symbol: a meeting has no document symbol (put a press release number in "
                                   "press_release)"))


@pytest.mark.parametrize("column_name, value, example", [("meeting_record", "S/PV 9183", "S/PV.9048"),
                                                         ("meeting_record", "9183", "S/PV.9048"),
                                                         ("press_release", "SC 15098", "SC/14911"),
                                                         ("press_release", "SC/15098-CD/3607", "SC/14911")])
def test_meeting_record_and_press_release_formats(data, column_name, value, example):
    line = line_of(data, "C-2022-11-04-01")
    column = set_cell(data / A, line, column_name, value)
    expect(data, (A, line, column, f"{column_name}: must be written like {example}, got {value!r}"))


def test_pre_1994_presidential_statement_symbols_and_all_real_symbols_pass(data):
    line = line_of(data, "C-1993-04-08-01")
    assert rows_of(data / A)[line - 1][3] == "S/25562"
    accepted(data)
