"""Hardening of the CSV path: control characters, record boundaries for `add`, odd headers, unreadable files.

Each test is a repro that failed before the fix it names (see the git log of this file).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, rows_of, validate
from tracker.cli import main
from tracker.export import to_safe_csv

L, A = "launches.csv", "council_actions.csv"
NOTES = 18  # column number of `notes` in launches.csv
URL = 17
CR_MESSAGE = "notes: contains a carriage return (U+000D); use a plain line break"
LAUNCH = ["--kind", "ballistic_missile", "--missile-name", "KN-23", "--missile-class", "SRBM", "--count", "2",
          "--outcome", "success", "--source-url", "https://example.org/report", "--notes", "test row"]


# helpers ------------------------------------------------------------------------------------------------------

def write_quoted(path: Path, rows: list[list[str]], newline: str = "\n", bom: bool = False) -> None:
    """Like an editor or Excel: a field holding a comma, a quote or any line-break character is quoted."""
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if re.search(r'[,"\r\n]', value) else value
    text = "".join(",".join(map(cell, row)) + newline for row in rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def records(path: Path) -> list[list[str]]:
    return [row for row in rows_of(path) if row]


def spreadsheet_rows(text: str) -> list[list[str]]:
    """Split CSV text the way a spreadsheet does: quotes respected, and \\r, \\n or \\r\\n outside quotes end a row."""
    rows, row, cell, quoted, i = [], [], [], False, 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"' and text[i + 1:i + 2] == '"':
                cell.append('"')
                i += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and not cell:
            quoted = True
        elif char == ",":
            row.append("".join(cell))
            cell = []
        elif char in "\r\n":
            if char == "\r" and text[i + 1:i + 2] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
        else:
            cell.append(char)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


def add(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["add", *args, "--data", str(data)])
    return result.exit_code, result.output


def problems(output: str) -> list[str]:
    return [line for line in output.strip().splitlines() if line != "nothing was written"]


# 1. control characters: refused by the validator, and neutralised on export --------------------------------------

def test_carriage_return_in_a_quoted_notes_cell_is_refused(data):
    rows = rows_of(data / L)
    rows[4][NOTES - 1] = "JCS report\r=cmd|' /C calc'!A0"
    write_quoted(data / L, rows)
    code, output = validate(data)
    assert code == 1
    assert problems(output) == [f"{data / L}:5:{NOTES}: {CR_MESSAGE}", "1 problem found"]


@pytest.mark.parametrize("value,name", [
    ("a\x00b", "a NUL character (U+0000); remove it"),
    ("a\x1b[31mred", "an escape character (U+001B); remove it"),
    ("a\x07b", "a control character (U+0007); remove it"),
    ("KN-23 \u202egpj.exe", "a bidirectional control character (U+202E), which can make text display in a "
                            "different order than it is stored; remove it"),
    ("x\u2066y\u2069", "a bidirectional control character (U+2066), which can make text display in a "
                       "different order than it is stored; remove it"),
])
@pytest.mark.parametrize("column", ["notes", "missile_name", "source_url"])
def test_control_and_bidi_characters_are_refused(data, value, name, column):
    rows = rows_of(data / L)
    index = rows[0].index(column)
    rows[4][index] = ("https://example.org/" + value) if column == "source_url" else value
    write_quoted(data / L, rows)
    code, output = validate(data)
    assert code == 1
    assert problems(output) == [f"{data / L}:5:{index + 1}: {column}: contains {name}", "1 problem found"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_multi_line_notes_are_accepted_in_lf_and_crlf_files(data, newline):
    rows = rows_of(data / L)
    rows[4][NOTES - 1] = f"first line{newline}second line\tafter a tab"
    write_quoted(data / L, rows, newline=newline)
    assert validate(data)[0] == 0


def test_export_quotes_line_breaks_and_neutralises_every_line():
    notes = ["JCS report\r=cmd|' /C calc'!A0", " =1+1", "\t=2", "ok\n  @SUM(A1)", "a\r\n+3", "-x", "fine",
             "\u00a0=HYPERLINK(\"http://evil.example\")", "line\n\t-4"]
    frame = pd.DataFrame({"id": [f"L-{i}" for i in range(len(notes))],
                          "date": pd.to_datetime(["2020-01-01"] * len(notes)),
                          "lon": [-120.5] * len(notes), "notes": notes})
    text = to_safe_csv(frame)
    rows = spreadsheet_rows(text)
    assert len(rows) == len(notes) + 1 and all(len(row) == 4 for row in rows)
    for row in rows:
        for cell in row[:2] + row[3:]:  # lon is a number: a spreadsheet reads -120.5 as a number, not a formula
            for line in re.split(r"\r\n|\r|\n", cell):
                assert not line.lstrip()[:1] in ("=", "+", "-", "@"), (cell, text)
                assert not line.startswith("\t"), cell
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back[1][3] == "JCS report\r'=cmd|' /C calc'!A0" and back[2][3] == "' =1+1"
    assert back[7][3] == "fine"


# 2. `add` inserts at a record boundary found by the same CSV reader ----------------------------------------------

def test_add_never_writes_inside_another_records_notes(data):
    """The repro: a lone CR in row 10's notes and a two-line last row; `add` used to write inside the last row."""
    rows = rows_of(data / L)
    rows[9][NOTES - 1] = "JCS said\rKCNA said"
    rows[-1][NOTES - 1] = "first line\nsecond line"
    write_quoted(data / L, rows)
    before = (data / L).read_bytes()
    code, output = add(data, "launch", "--date", "2026-05-25", *LAUNCH)
    assert code == 1, output
    assert f"{data / L}:10:{NOTES}: {CR_MESSAGE}" in output
    assert "nothing was written" in output
    assert (data / L).read_bytes() == before


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("date", ["2017-01-02", "2026-05-25", "2026-05-27"])
def test_add_keeps_records_whole_in_every_newline_style(data, newline, date):
    rows = rows_of(data / L)
    if newline != "\r":  # in a CR-only file a line break inside a cell would be a lone CR, which is refused
        rows[9][NOTES - 1] = f"JCS said{newline}KCNA said"
        rows[-1][NOTES - 1] = f"first line{newline}second line"
    write_quoted(data / L, rows, newline=newline, bom=newline == "\r\n")
    before = (data / L).read_bytes()
    code, output = add(data, "launch", "--date", date, *LAUNCH)
    assert code == 0, output
    after = (data / L).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") == (newline == "\r\n")
    new_records = records(data / L)
    assert len(new_records) == len(rows) + 1
    added = [row for row in new_records if row not in rows]
    assert len(added) == 1 and added[0][1] == date and added[0][-1] == "test row"
    assert [r for r in new_records if r is not None and r != added[0]] == rows  # every old record intact, in order
    keys = [(r[1], r[0]) for r in new_records[1:]]
    assert keys == sorted(keys)
    # exactly one line was inserted, at a record boundary, in the file's own newline style
    new_line = next(line for line in after.decode("utf-8-sig").split(newline) if line.startswith(added[0][0]))
    assert after.replace((new_line + newline).encode(), b"", 1) == before
    line = int(re.search(r"line (\d+)", output).group(1))
    text = after.decode("utf-8-sig")
    assert re.split(r"\r\n|\r|\n", text)[line - 1] == new_line
    assert validate(data)[0] == 0


def test_add_notes_with_a_carriage_return_gets_the_control_character_message(data):
    before = (data / L).read_bytes()
    rows = rows_of(data / L)
    last = len(rows)
    after_newest = (date.fromisoformat(rows[-1][1]) + timedelta(days=1)).isoformat()  # the new row sorts last
    code, output = add(data, "launch", "--date", after_newest, *LAUNCH[:-1], "a\rb")
    assert code == 1, output
    assert problems(output)[0] == f"{data / L}:{last + 1}:{NOTES}: {CR_MESSAGE}"
    assert "fields but the header" not in output
    assert (data / L).read_bytes() == before


def test_add_reports_existing_problems_at_the_line_on_disk(data):
    """A problem after the insert point is reported where the maintainer's editor shows it, not one line lower."""
    rows = rows_of(data / L)
    rows[-1][rows[0].index("count")] = "0"
    write_quoted(data / L, rows)
    code, output = add(data, "launch", "--date", "2017-01-02", *LAUNCH)
    assert code == 1
    assert f"{data / L}:{len(rows)}:8: count: must be at least 1, got '0'" in output


def test_add_through_a_symlink_writes_the_target(data, tmp_path):
    real = data / "real"  # inside the data folder; a link out of it is refused (tests/test_add_failures.py)
    real.mkdir()
    shutil.move(data / L, real / L)
    (data / L).symlink_to(real / L)
    before = len(rows_of(real / L))
    code, output = add(data, "launch", "--date", "2026-05-27", *LAUNCH)
    assert code == 0, output
    assert (data / L).is_symlink() and (data / L).resolve() == (real / L).resolve()
    assert len(rows_of(real / L)) == before + 1
    assert not list(data.glob(".launches.csv.*.tmp"))


# 3. a duplicated header column ---------------------------------------------------------------------------------

def _duplicate_notes_header(data: Path) -> None:
    rows = rows_of(data / L)
    rows[0][rows[0].index("dprk_claim")] = "notes"
    write_quoted(data / L, rows)


def test_duplicated_header_column_is_one_problem_not_a_traceback(data):
    _duplicate_notes_header(data)
    code, output = validate(data)
    assert code == 1, output
    assert problems(output) == [f"{data / L}:1:{NOTES}: column 'notes' appears twice (first as column 16)",
                                "1 problem found"]


def test_duplicated_header_column_refuses_add_and_keeps_serving(data):
    _duplicate_notes_header(data)
    before = (data / L).read_bytes()
    code, output = add(data, "launch", "--date", "2026-05-27", *LAUNCH)
    assert code == 1
    assert f"{data / L}:1:{NOTES}: column 'notes' appears twice (first as column 16)" in output
    assert (data / L).read_bytes() == before
    from tracker.datastore import DataStore

    snapshot = DataStore(data).current()
    assert [p.message for p in snapshot.problems] == ["column 'notes' appears twice (first as column 16)"]


# 4. an unreadable file -----------------------------------------------------------------------------------------

@pytest.fixture
def denied(monkeypatch):
    """Make open() on one path fail the way it does for a file without read permission."""
    import builtins

    real_open = builtins.open
    blocked: list[str] = []

    def fake_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.path.realpath(file) in blocked:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    return lambda path: blocked.append(os.path.realpath(path))


def test_unreadable_file_is_a_located_problem(data, denied):
    denied(data / L)
    code, output = validate(data)
    assert code == 1, output
    assert problems(output) == [f"{data / L}:1:1: cannot read the file: permission denied", "1 problem found"]


def test_unreadable_file_refuses_add(data, denied):
    denied(data / L)
    code, output = add(data, "launch", "--date", "2026-05-27", *LAUNCH)
    assert code == 1, output
    assert f"{data / L}:1:1: cannot read the file: permission denied" in output


def test_folder_in_place_of_the_file(data):
    (data / L).unlink()
    (data / L).mkdir()
    code, output = validate(data)
    assert code == 1
    assert problems(output) == [f"{data / L}:1:1: cannot read the file: it is a folder, not a file",
                                "1 problem found"]


def test_chmod_000_really_refused_by_the_os(data):
    """The real thing, in a separate process. Root reads through chmod 000, so as root the process runs without
    the capabilities that bypass file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: chmod 000 cannot stop a read")
        drop = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}"]
    os.chmod(data / L, 0)
    try:
        done = subprocess.run([*prefix, sys.executable, "-m", "tracker", "validate", "--data", str(data)],
                              cwd=ROOT, capture_output=True, text=True)
    finally:
        os.chmod(data / L, 0o644)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{data / L}:1:1: cannot read the file: permission denied" in done.stderr


# 5. smaller ones ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["https://press.un.org@evil.example/en/2022/sc14911.doc.htm",
                                 "https://user:secret@example.org/", "http://a@b@example.org/x"])
def test_source_url_with_user_info_is_refused(data, url):
    rows = rows_of(data / L)
    rows[4][URL - 1] = url
    write_quoted(data / L, rows)
    code, output = validate(data)
    assert problems(output) == [f"{data / L}:5:{URL}: source_url: must not contain user info ('@' before the "
                                f"host), got {url!r}", "1 problem found"]


def test_at_sign_in_the_path_is_still_a_url(data):
    rows = rows_of(data / L)
    rows[4][URL - 1] = "https://example.org/@user/status/1?q=a@b#x@y"
    write_quoted(data / L, rows)
    assert validate(data)[0] == 0


def test_unterminated_quote_is_reported_once_without_knock_on_link_problems(data):
    """A quote opened on line 5 and never closed swallows every later row (none of them holds a quote)."""
    rows = [[cell.replace(",", ";").replace('"', "'") for cell in row] for row in rows_of(data / L)]
    rows[4][NOTES - 1] = '"' + rows[4][NOTES - 1]
    (data / L).write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    code, output = validate(data)
    found = problems(output)
    assert code == 1
    assert found[0].startswith(f"{data / L}:5:1: unterminated quote: a quoted field opened here runs to line ")
    assert len(found) == 3, found
    assert re.fullmatch(rf"{re.escape(str(data / A))}:\d+:10: responds_to: \d+ launch ids named in this file "
                        rf"could not be checked: {L} could not be read completely \(see above\)", found[1])
    assert found[2] == "2 problems found"


def test_absurdly_wide_header_is_refused_before_reading_rows(data):
    (data / L).write_text(",".join(f"c{i}" for i in range(5000)) + "\n" + "x," * 4999 + "x\n", encoding="utf-8")
    code, output = validate(data)
    assert code == 1
    assert problems(output) == [f"{data / L}:1:181: header has 5000 columns; at most 180 are allowed",
                                "1 problem found"]


@pytest.mark.slow
def test_million_column_file_is_refused_fast_in_little_memory(tmp_path):
    from benchmarks.run import timed_process

    data = tmp_path / "wide"
    data.mkdir()
    shutil.copy(ROOT / "datasets" / A, data / A)
    real = rows_of(ROOT / "datasets" / L)
    width = 1_000_000
    with open(data / L, "w", encoding="utf-8") as handle:  # the real columns, then 999,982 more
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(real[0] + [f"c{i}" for i in range(len(real[0]), width)])
        for row in real[1:41]:
            writer.writerow(row + [""] * (width - len(row)))
    done = subprocess.run([sys.executable, "-m", "tracker", "validate", "--data", str(data)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{data / L}:1:181: header has 1000000 columns; at most 180 are allowed" in done.stderr
    seconds, peak_kib = timed_process([sys.executable, "-c", "from tracker.validate import check_dataset; "
                                       f"check_dataset({str(data)!r}, keep=False)"])
    assert seconds < 5 and peak_kib / 1024 < 250, (seconds, peak_kib)
