"""Bad-input corpus: the real files, each broken in one small way, and the exact message the validator gives.

Every case runs `python -m tracker validate --data DIR` (through click's runner) and checks the exit code and
the complete list of FILE:LINE:COLUMN messages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import rows_of, set_cell, validate, write_rows
from tracker.export import to_safe_csv
from tracker.load import load_dataset
from tracker.validate import latest_allowed_date

L, A = "launches.csv", "council_actions.csv"
LINE = 5  # a launch row in the middle of the file


def expect(data: Path, *problems: tuple[str, int, int, str]) -> None:
    code, output = validate(data)
    lines = output.strip().splitlines()
    wanted = [f"{data / name}:{line}:{column}: {message}" for name, line, column, message in problems]
    assert code == 1, output
    assert lines[:-1] == wanted
    assert lines[-1] == f"{len(wanted)} problem{'s' if len(wanted) != 1 else ''} found"


def accepted(data: Path) -> str:
    code, output = validate(data)
    assert code == 0, output
    return output


def launch_cell(data: Path, column: str, value: str, line: int = LINE) -> int:
    return set_cell(data / L, line, column, value)


def test_duplicate_id(data):
    previous = rows_of(data / L)[LINE - 2][0]
    column = launch_cell(data, "id", previous)
    expect(data, (L, LINE, column, f"id: {previous!r} is already used on line {LINE - 1}"))


@pytest.mark.parametrize("value", ["2022-02-30", "2022-13-01", "22-05-25", "25/05/2022", "2022-5-25"])
def test_impossible_or_malformed_date(data, value):
    column = launch_cell(data, "date", value)
    expect(data, (L, LINE, column, f"date: must be a real date written YYYY-MM-DD, got {value!r}"))


def test_future_date(data):
    last = len(rows_of(data / L))
    column = launch_cell(data, "date", "2099-01-01", line=last)
    expect(data, (L, last, column, f"date: is in the future (after {latest_allowed_date().isoformat()}), "
                                   "got '2099-01-01'"))


@pytest.mark.parametrize("column_name,value,allowed,guess", [
    ("kind", "rocket", "ballistic_missile, cruise_missile, space_launch, nuclear_test", ""),
    ("missile_class", "XRBM", "SRBM, MRBM, IRBM, ICBM, SLBM, HGV, SLV, cruise, nuclear, unknown",
     "; did you mean 'SRBM', 'MRBM' or 'IRBM'?"),  # equally close: all three offered
    ("outcome", "partial", "success, failure, unknown", ""),
])
def test_unknown_allowed_value(data, column_name, value, allowed, guess):
    column = launch_cell(data, column_name, value)
    expect(data, (L, LINE, column, f"{column_name}: must be one of: {allowed}, got {value!r}{guess}"))


@pytest.mark.parametrize("value,message", [
    ("0", "must be at least 1"), ("-3", "must be at least 1"), ("2.5", "must be a whole number"),
    ("three", "must be a whole number"),
])
def test_bad_count(data, value, message):
    column = launch_cell(data, "count", value)
    expect(data, (L, LINE, column, f"count: {message}, got {value!r}"))


def test_latitude_out_of_range(data):
    column = launch_cell(data, "lat", "200")
    expect(data, (L, LINE, column, "lat: must be at most 90, got '200'"))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "ftp://x.org/a",
                                 "www.example.org/page"])
def test_non_http_url(data, url):
    column = launch_cell(data, "source_url", url)
    expect(data, (L, LINE, column, f"source_url: must be an http:// or https:// URL, got {url!r}"))


def test_empty_required_field(data):
    column = launch_cell(data, "missile_name", "")
    expect(data, (L, LINE, column, "missile_name: is required but empty"))


def test_empty_and_blank_required_codes_are_both_empty(data):
    column = launch_cell(data, "kind", "")
    launch_cell(data, "kind", "   ", line=LINE + 2)
    expect(data, (L, LINE, column, "kind: is required but empty"), (L, LINE + 2, column, "kind: is required but empty"))


def test_bad_time(data):
    column = launch_cell(data, "time_kst", "25:00")
    expect(data, (L, LINE, column, "time_kst: must be a time HH:MM (24-hour), got '25:00'"))


def test_class_that_does_not_fit_kind(data):
    launch_cell(data, "kind", "cruise_missile")
    column = launch_cell(data, "missile_class", "ICBM")
    expect(data, (L, LINE, column, "missile_class: 'ICBM' does not fit kind 'cruise_missile' (allowed: cruise)"))


def test_missing_required_column(data):
    rows = rows_of(data / L)
    index = rows[0].index("outcome")
    write_rows(data / L, [row[:index] + row[index + 1:] for row in rows])
    expect(data, (L, 1, 1, "missing required column 'outcome'"))


def test_unknown_responds_to(data):
    column = set_cell(data / A, 3, "responds_to", "L-1900-01-01-01")
    expect(data, (A, 3, column, "responds_to: no launch has the id 'L-1900-01-01-01' (check launches.csv)"))


def test_vetoed_draft_needs_vetoes(data):
    rows = rows_of(data / A)
    line = next(i for i, row in enumerate(rows, start=1) if row[rows[0].index("kind")] == "vetoed_draft")
    column = set_cell(data / A, line, "vetoed_by", "")
    expect(data, (A, line, column, "vetoed_by: a vetoed_draft needs the members that vetoed it"))


def test_vetoed_by_must_name_permanent_members(data):
    rows = rows_of(data / A)
    line = next(i for i, row in enumerate(rows, start=1) if row[rows[0].index("kind")] == "vetoed_draft")
    column = set_cell(data / A, line, "vetoed_by", "Russia;Germany")
    expect(data, (A, line, column, "vetoed_by: names must be among: China, France, Russia, United Kingdom, "
                                   "United States, got 'Russia;Germany'"))


def test_votes_over_fifteen(data):
    rows = rows_of(data / A)
    line = next(i for i, row in enumerate(rows, start=1) if row[rows[0].index("kind")] == "resolution")
    set_cell(data / A, line, "votes_against", "3")
    column = rows[0].index("votes_for") + 1
    votes = int(rows[line - 1][column - 1]) + 3 + int(rows[line - 1][rows[0].index("abstentions")] or 0)
    expect(data, (A, line, column, f"votes_for: for + against + abstentions is {votes}, over 15"))


def test_rows_out_of_order(data):
    rows = rows_of(data / L)
    rows[LINE - 1], rows[LINE] = rows[LINE], rows[LINE - 1]
    write_rows(data / L, rows)
    later, earlier = rows[LINE - 1], rows[LINE]
    column = rows[0].index("date") + 1
    expect(data, (L, LINE + 1, column, f"rows must be sorted by date, then id: ({earlier[1]}, {earlier[0]}) "
                                       f"comes after line {LINE} ({later[1]}, {later[0]})"))


def _raw_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def test_ragged_row(data):
    lines = _raw_lines(data / L)
    width = len(rows_of(data / L)[0])
    lines[LINE - 1] += ",extra"
    (data / L).write_text("\n".join(lines), encoding="utf-8")
    expect(data, (L, LINE, width + 1, f"row has {width + 1} fields but the header has {width} "
                                      "(a missing or extra comma, or an unquoted comma in a value?)"))


def test_stray_quote(data):
    lines = _raw_lines(data / L)
    lines[LINE - 1] = '"' + lines[LINE - 1].replace(",", '"x,', 1)
    (data / L).write_text("\n".join(lines), encoding="utf-8")
    expect(data, (L, LINE, 1, 'stray quote: a field with a quote must be wholly quoted, with inner quotes doubled ("")'))


def test_unterminated_quote(data):
    text = (data / L).read_text(encoding="utf-8")
    (data / L).write_text(text + '"L-2026-05-27-01,2026-05-27\nL-2026-05-28-01\n', encoding="utf-8")
    last = text.count("\n") + 1
    expect(data, (L, last, 1, f"unterminated quote: a quoted field opened here runs to line {last + 1} "
                              "without its closing quote"))


def test_non_utf8_bytes(data):
    raw = (data / L).read_bytes().split(b"\n")
    raw[LINE - 1] = b"\xff" + raw[LINE - 1]
    (data / L).write_bytes(b"\n".join(raw))
    expect(data, (L, LINE, 1, "not UTF-8: byte 0xff at byte 1 of this line; save the file as UTF-8"))


def test_utf8_bom_is_accepted(data):
    (data / L).write_bytes(b"\xef\xbb\xbf" + (data / L).read_bytes())
    accepted(data)


def test_crlf_line_ends_are_accepted(data):
    (data / A).write_bytes((data / A).read_bytes().replace(b"\n", b"\r\n"))
    accepted(data)


def test_empty_file(data):
    (data / L).write_bytes(b"")
    expect(data, (L, 1, 1, "file is empty: it needs at least the header row"))


def test_missing_file(data):
    (data / A).unlink()
    expect(data, (A, 1, 1, "file not found"))


def test_header_only_file_is_an_empty_table(data):
    """Decision (datasets/README.md): a header with no rows is a valid, empty table."""
    (data / A).write_text((data / A).read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    assert "0 Council action rows" in accepted(data)
    actions = load_dataset(data).actions
    assert actions.empty and str(actions["date"].dtype).startswith("datetime64")


def test_formula_in_notes_is_accepted_and_neutralised_on_export(data):
    launch_cell(data, "notes", '=HYPERLINK("http://evil.example","x")')
    accepted(data)
    exported = to_safe_csv(load_dataset(data).launches)
    assert "'=HYPERLINK" in exported
    assert '\n=HYPERLINK' not in exported and ',=HYPERLINK' not in exported


def test_every_problem_is_reported_at_once(data):
    count_column = launch_cell(data, "count", "0")
    url_column = launch_cell(data, "source_url", "javascript:x", line=LINE + 2)
    expect(data, (L, LINE, count_column, "count: must be at least 1, got '0'"),
           (L, LINE + 2, url_column, "source_url: must be an http:// or https:// URL, got 'javascript:x'"))


def test_fifty_megabyte_file_is_checked_in_bounded_memory(tmp_path):
    """Checked in many chunks, the 50 MB file's peak memory is well under half of the same check done in one piece."""
    import sys

    from support.process import timed_process
    from support.synth import make_large_launches

    data = make_large_launches(tmp_path / "big", megabytes=50)
    assert (data / L).stat().st_size >= 50_000_000
    command = [sys.executable, "-m", "tracker", "validate", "--data", str(data), "--chunk-rows"]
    _, chunked = timed_process([*command, "5000"])  # about 30 chunks
    _, whole = timed_process([*command, "100000000"])  # one chunk
    baseline = timed_process([sys.executable, "-c", "import pandas, pandera.pandas, tracker.validate"])[1]
    assert (chunked - baseline) < 0.5 * (whole - baseline), f"chunked {chunked // 1024} MB, whole {whole // 1024} MB"
