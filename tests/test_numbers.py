"""Numbers: a value no column can hold (2**63 and more) is a located error from both readers and every command;
`add` writes numbers in one canonical form; our validator and Frictionless agree on what a number is."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, rows_of, set_cell, write_rows
from tracker.cli import main
from tracker.datastore import DataStore

L, A = "launches.csv", "council_actions.csv"
HUGE = "100000000000000000000"
NEW_LAUNCH = ["--date", "2026-05-27", "--kind", "ballistic_missile", "--missile-name", "KN-23",
              "--missile-class", "SRBM", "--count", "2", "--outcome", "success",
              "--source-url", "https://www.mod.go.jp/en/"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def located(result, *messages: str) -> None:
    """Exit 1 through sys.exit (no exception escaped) and these exact FILE:LINE:COLUMN lines."""
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    lines = result.output.splitlines()
    for message in messages:
        assert message in lines, result.output


@pytest.mark.parametrize("file, column, value, allowed", [
    (L, "count", HUGE, "1 to 1000"),
    (L, "count", str(2**63), "1 to 1000"),
    (L, "count", str(-(2**63) - 1), "1 to 1000"),
    (L, "count", "9" * 5000, "1 to 1000"),  # past Python's int() digit limit
    (A, "votes_for", str(2**63), "0 to 15"),
])
def test_an_integer_no_column_can_hold_is_located_with_the_range(data, file, column, value, allowed):
    number = set_cell(data / file, 5, column, value)
    located(run("validate", "--data", str(data)),
            f"{data / file}:5:{number}: {column}: must be a whole number from {allowed}, got {value!r}")


def test_the_careful_reader_reports_it_the_same_way(data):
    """A control character elsewhere sends the file to tracker/csvread.py instead of the bulk reader."""
    number = set_cell(data / L, 5, "count", HUGE)
    notes = set_cell(data / L, 7, "notes", "bell \x07 here")
    located(run("validate", "--data", str(data)),
            f"{data / L}:5:{number}: count: must be a whole number from 1 to 1000, got '{HUGE}'")
    output = run("validate", "--data", str(data)).output
    assert f"{data / L}:7:{notes}: notes:" in output  # only the careful reader words control characters


@pytest.mark.parametrize("command", [["stats"], ["export-html", "{tmp}/out.html"]])
def test_every_command_gives_the_located_error_instead_of_a_traceback(data, tmp_path, command):
    number = set_cell(data / L, 5, "count", HUGE)
    args = [part.format(tmp=tmp_path) for part in command]
    located(run(*args, "--data", str(data)),
            f"{data / L}:5:{number}: count: must be a whole number from 1 to 1000, got '{HUGE}'")


def test_add_with_a_huge_count_is_refused_and_writes_nothing(data):
    before = (data / L).read_bytes()
    arguments = [a if a != "2" else HUGE for a in NEW_LAUNCH]
    result = run("add", "launch", "--data", str(data), *arguments)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert f"count: must be a whole number from 1 to 1000, got '{HUGE}'" in result.output
    assert (data / L).read_bytes() == before


def test_the_dashboard_banner_names_the_file_and_line(data):
    from tracker.app import create_app

    app = create_app(data, maintainer=True)  # the page quotes the validator only in maintainer mode
    client = app.server.test_client()
    assert client.get("/_dash-layout").status_code == 200
    number = set_cell(data / L, 5, "count", HUGE)
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert f"launches.csv:5:{number}: count: must be a whole number from 1 to 1000, got '{HUGE}'" in layout
    assert "could not read the data" not in layout
    assert [str(p) for p in DataStore(data).current().problems] == [
        f"{data / L}:5:{number}: count: must be a whole number from 1 to 1000, got '{HUGE}'"]


# add writes canonical numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("option, typed, written", [
    ("--count", "1e2", "100"), ("--count", "1.0", "1"), ("--count", "+3", "3"), ("--count", "003", "3"),
    ("--lat", "-0", "0"), ("--lat", "40.850", "40.85"), ("--apogee-km", "6.0e3", "6000"), ("--lon", "-0.0", "0"),
])
def test_add_writes_the_canonical_form(data, option, typed, written):
    arguments = [*NEW_LAUNCH, f"{option}={typed}"]
    if option == "--count":
        arguments = [a for a in NEW_LAUNCH if a not in ("--count", "2")] + [f"--count={typed}"]
    result = run("add", "launch", "--data", str(data), *arguments)
    assert result.exit_code == 0, result.output
    header, *rows = rows_of(data / L)
    (row,) = [r for r in rows if r[0] == "L-2026-05-27-01"]
    assert row[header.index(option[2:].replace("-", "_"))] == written


@pytest.mark.parametrize("option, typed, message", [
    ("--count", "1e-400", "count: must be a whole number, got '1e-400'"),
    ("--count", "1.5", "count: must be a whole number, got '1.5'"),
    ("--lat", "1e-400", "lat: is too close to zero to be a number (write 0 for zero), got '1e-400'"),
    ("--apogee-km", "1e400", "apogee_km: is too large to be a number, got '1e400'"),
])
def test_add_refuses_a_number_it_cannot_write_as_typed(data, option, typed, message):
    before = (data / L).read_bytes()
    arguments = [a for a in NEW_LAUNCH if a not in ("--count", "2")] + (
        [f"{option}={typed}"] if option == "--count" else ["--count", "2", f"{option}={typed}"])
    result = run("add", "launch", "--data", str(data), *arguments)
    assert result.exit_code == 1 and message in result.output, result.output
    assert (data / L).read_bytes() == before


# our validator and Frictionless, fed the same odd values -------------------------------------------------------

INTEGERS = ["1", "+1", "005", "-0", "1.0", "1e2", "0x10", "1,000", "1.", HUGE, str(2**63), str(-(2**63) - 1),
            "1_000", "\u0665", "1e-400", "٣٠"]
NUMBERS = ["-0", "40.850", ".5", "5.", "+1.5", "1e2", "1e1", "1e-400", "1e400", "inf", "nan", "NaN", "1_0.5",
           "0x10", "1,5", "1.5e", "\u0661\u066b\u0665"]
STRICTER = {("count", "1_000"), ("count", "\u0665"), ("count", "٣٠"),  # Python's int() takes these; we do not
            ("lat", "1e-400"), ("lat", "1_0.5")}


def test_the_validator_never_accepts_a_number_frictionless_refuses(data):
    """One odd value per row, in `count` and in `lat`; one run of each tool. Where the verdicts differ, it is
    only because ours is stricter, for the forms listed in STRICTER (see datasets/README.md)."""
    shutil.copy(ROOT / "datasets" / "datapackage.json", data)
    rows = rows_of(data / L)
    header = rows[0]
    count, lat = header.index("count"), header.index("lat")
    cases = {}  # (column, value) -> line
    for offset, value in enumerate(INTEGERS):
        rows[1 + offset][count] = value
        cases[("count", value)] = 2 + offset
    for offset, value in enumerate(NUMBERS):
        rows[1 + offset][lat] = value
        cases[("lat", value)] = 2 + offset
    write_rows(data / L, rows)

    ours = run("validate", "--data", str(data)).output
    refused_by_us = {case for case, line in cases.items()
                     if f"{data / L}:{line}:{header.index(case[0]) + 1}: {case[0]}:" in ours}
    report = subprocess.run([str(Path(sys.executable).parent / "frictionless"), "validate", "--json",
                             str(data / "datapackage.json")], capture_output=True, text=True, cwd=data)
    errors = [e for task in json.loads(report.stdout)["tasks"] if task["name"] == "launches" for e in task["errors"]]
    refused_by_frictionless = {(e["fieldName"], value) for e in errors for (column, value), line in cases.items()
                               if e.get("rowNumber") == line and e.get("fieldName") == column}
    assert refused_by_frictionless <= refused_by_us, "our validator accepts what Frictionless refuses"
    assert refused_by_us - refused_by_frictionless == STRICTER
    assert ("count", "1e2") in refused_by_us and ("count", HUGE) in refused_by_us  # the cases
