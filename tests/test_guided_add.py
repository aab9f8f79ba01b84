"""The guided `add` driven as a maintainer drives it: answers typed on stdin, one per line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, rows_of, validate
from tests.test_append import added_lines
from tracker.cli import main
from tracker.schema import TABLES

# Launch columns in schema order, after the id (derived): date, date_precision, time_kst, kind, missile_name,
# missile_class, count, outcome, launch_site, [lat, lon when the site is unknown], apogee_km, range_km, yield_kt,
# dprk_claim, source_url, notes; then "write it?".
TYPO_SESSION = [
    "29/11/2026", "2026-11-29",  # a date in the wrong format, asked again
    "", "07:12",
    "balistic_missile", "ballistic_missile",
    "KN-23",
    "SRMB", "SRBM",
    "two", "2",
    "sucess", "success",
    "Wonsan area",  # in the gazetteer: lat and lon are not asked
    "", "350", "", "",
    "https://example.org/jcs-2026-11-29", "JCS: two SRBMs toward the East Sea",
    "y",
]


def in_order(table: str, answers: dict[str, list[str]], skip: tuple[str, ...] = ("id",)) -> list[str]:
    """Answers in the order the session asks (the schema's column order); Enter for every column not named."""
    fields = next(t for t in TABLES if _command(t) == table).fields
    return [answer for f in fields if f.name not in skip for answer in answers.get(f.name, [""])]


def _command(table) -> str:
    return table.noun.split()[-1].lower()


def run(data: Path, table: str, answers: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["add", table, "--data", str(data)], input="\n".join(answers) + "\n")
    return result.exit_code, result.output


def folder(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.iterdir()) if not p.name.endswith(".lock")}


def row_of(path: Path, row_id: str) -> dict[str, str]:
    rows = rows_of(path)
    return dict(zip(rows[0], next(r for r in rows if r[0] == row_id)))


def test_each_answer_is_checked_as_it_is_given_and_one_row_is_written(data):
    before = (data / "launches.csv").read_text(encoding="utf-8")
    code, output = run(data, "launch", TYPO_SESSION)
    assert code == 0, output
    assert "date: must be a real date written YYYY-MM-DD, got '29/11/2026'" in output
    assert "got 'balistic_missile'; did you mean 'ballistic_missile'?" in output
    assert "got 'SRMB'; did you mean 'SRBM'?" in output
    assert "count: must be a whole number, got 'two'" in output
    assert "got 'sucess'; did you mean 'success'?" in output
    assert "lat -" not in output  # coordinates come from sites.csv
    assert output.index("The new launch row:") < output.index("write it?")
    new = added_lines(before, (data / "launches.csv").read_text(encoding="utf-8"))
    assert new == ["L-2026-11-29-01,2026-11-29,,07:12,ballistic_missile,KN-23,SRBM,2,success,Wonsan area,,,,350,,,"
                   "https://example.org/jcs-2026-11-29,JCS: two SRBMs toward the East Sea"]
    assert "L-29/11/2026" not in output
    assert validate(data)[0] == 0


def test_a_future_date_is_refused_at_once(data):
    code, output = run(data, "launch", ["2099-01-01"])
    assert "date: is in the future" in output
    assert output.count("date - ") == 2 and code == 1  # asked again, then the input ended


def test_rows_of_the_same_day_are_shown_after_the_date(data):
    story = row_of(data / "launches.csv", "L-2022-05-25-01")
    code, output = run(data, "launch", ["2022-05-25"])
    assert "Already on 2022-05-25 (" in output and f"L-2022-05-25-01  2022-05-25  ICBM  {story['missile_name']}" in output


def test_an_exact_repeat_is_refused_before_the_row_is_shown(data):
    row = row_of(data / "launches.csv", "L-2022-05-25-02")
    before = folder(data)
    answers = in_order("launch", {"date": ["2022-05-25"], "kind": [row["kind"]], "missile_name": [row["missile_name"]],
                                  "missile_class": [row["missile_class"]], "count": ["1"], "outcome": ["success"],
                                  "launch_site": [row["launch_site"].upper()],
                                  "source_url": ["https://example.org/again"]}, skip=("id", "lat", "lon")) + ["y"]
    code, output = run(data, "launch", answers)
    assert code == 1
    assert "this repeats L-2022-05-25-02 (same date, missile_class, missile_name, launch_site)" in output
    assert "nothing was written" in output and "The new launch row:" not in output
    assert folder(data) == before


def test_an_unknown_site_is_accepted_and_the_maintainer_told_it_will_not_be_mapped(data):
    answers = in_order("launch", {"date": ["2026-11-28"], "kind": ["ballistic_missile"], "missile_name": ["unknown"],
                                  "missile_class": ["unknown"], "count": ["1"], "outcome": ["unknown"],
                                  "launch_site": ["Wonsn area"], "source_url": ["https://example.org/x"]}) + ["y"]
    code, output = run(data, "launch", answers)
    assert code == 0, output
    assert "Not in sites.csv: the row will not be on the map" in output and "Did you mean 'Wonsan area'?" in output
    assert "lat - " in output  # asked, since no site gives the coordinates


def test_an_action_is_asked_which_launches_it_answers(data):
    answers = in_order("action", {"date": ["2022-05-27"], "kind": ["press_statement"],
                                  "summary": ["Council members condemn the launches"],
                                  "responds_to": ["13", "0;11", "11;12"],
                                  "source_url": ["https://press.un.org/en/2022/example"]}) + ["y"]
    code, output = run(data, "action", answers)
    assert code == 0, output
    assert "Which launches does it answer?" in output
    assert " 11. L-2022-05-25-01  2022-05-25  ICBM" in output and " 12. L-2022-05-25-02  2022-05-25  SRBM" in output
    assert "responds_to: 13: not a number in the list (1 to 12)" in output
    assert "responds_to: 0: not a number in the list" in output
    assert row_of(data / "council_actions.csv", "C-2022-05-27-01")["responds_to"] == "L-2022-05-25-01;L-2022-05-25-02"


def test_an_unknown_launch_id_gets_the_nearest_one(data):
    answers = in_order("action", {"date": ["2022-05-27"], "kind": ["press_statement"], "summary": ["x"],
                                  "responds_to": ["L-2022-05-25-1"]})
    code, output = run(data, "action", answers)
    assert "no launch has the id 'L-2022-05-25-1' (check launches.csv); did you mean 'L-2022-05-25-01'?" in output


def test_a_vote_rule_is_checked_when_its_answer_is_given(data):
    code, output = run(data, "action", ["2022-05-27", "press_statement", "", "x", "15"])
    assert "votes_for: a press_statement is not voted on; leave the votes empty" in output


@pytest.mark.parametrize("cut", [1, 5, len(TYPO_SESSION) - 1])
def test_end_of_input_midway_writes_nothing_and_leaves_no_file(data, cut):
    before = folder(data)
    code, output = run(data, "launch", TYPO_SESSION[:cut])
    assert code == 1 and "stopped: nothing was written" in output
    assert folder(data) == before


def test_answering_no_writes_nothing(data):
    before = folder(data)
    code, output = run(data, "launch", [*TYPO_SESSION[:-1], "n"])
    assert code == 1 and "not confirmed; nothing was written" in output
    assert folder(data) == before


def test_guided_session_through_a_real_pipe(data):
    before = (data / "launches.csv").read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tracker", "add", "launch", "--data", str(data)], cwd=ROOT,
                          input="\n".join(TYPO_SESSION) + "\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "did you mean 'SRBM'?" in done.stdout and "wrote " in done.stdout
    assert len(added_lines(before, (data / "launches.csv").read_text(encoding="utf-8"))) == 1


def _read_until(stream, text: str) -> str:
    seen = b""
    while text.encode() not in seen:
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
    return seen.decode()


def test_ctrl_c_at_a_prompt_writes_nothing_and_leaves_no_file(data):
    before = folder(data)
    process = subprocess.Popen([sys.executable, "-m", "tracker", "add", "launch", "--data", str(data)], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdin.write(b"2026-11-29\n\n\n")
    process.stdin.flush()
    shown = _read_until(process.stdout, "kind - ")  # waiting at the kind question
    assert "time_kst - " in shown
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1 and b"stopped: nothing was written" in err
    assert folder(data) == before


def test_flag_add_shows_rows_of_the_same_day_and_refuses_an_exact_repeat(data):
    row = row_of(data / "launches.csv", "L-2022-05-25-02")
    line = next(n for n, r in enumerate(rows_of(data / "launches.csv"), start=1) if r[0] == "L-2022-05-25-02")
    before = (data / "launches.csv").read_bytes()
    result = CliRunner().invoke(main, [
        "add", "launch", "--data", str(data), "--date", "2022-05-25", "--kind", row["kind"], "--missile-name",
        row["missile_name"], "--missile-class", row["missile_class"], "--count", "1", "--outcome", "success",
        "--launch-site", row["launch_site"], "--source-url", "https://example.org/again"])
    assert result.exit_code == 1
    assert "already on 2022-05-25: L-2022-05-25-02" in result.output
    assert f"the same launch as line {line}: same date" in result.output
    assert (data / "launches.csv").read_bytes() == before


def test_flags_with_a_required_one_missing_fail_fast_without_a_terminal(data):
    result = CliRunner().invoke(main, ["add", "launch", "--data", str(data), "--date", "2026-11-29"])
    assert result.exit_code == 2 and "--kind is required" in result.output


def test_a_site_is_added_with_its_names_checked_against_the_gazetteer(data):
    answers = in_order("site", {"id": ["sohae", "ragwon"], "name": ["Ragwon County"],
                                "aliases": ["Ragwon;Tongchang-ri", "Ragwon"], "lat": ["39.9"], "lon": ["127.7"],
                                "source_url": ["https://example.org/ragwon"]}, skip=()) + ["y"]
    code, output = run(data, "site", answers)
    assert code == 0, output
    assert "id: 'sohae' is already used" in output
    assert "aliases: 'Tongchang-ri' already names sohae" in output
    assert row_of(data / "sites.csv", "ragwon")["aliases"] == "Ragwon"
    assert validate(data)[0] == 0
