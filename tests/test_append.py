"""`python -m tracker add`: one added line, validated first, atomic under kill -9, serialised across writers."""

from __future__ import annotations

import difflib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, rows_of, validate
from tracker.atomic import PAUSE_ENV
from tracker.cli import main

NEW_LAUNCH = ["--date", "2026-05-27", "--kind", "ballistic_missile", "--missile-name", "KN-23",
              "--missile-class", "SRBM", "--count", "2", "--outcome", "success",
              "--source-url", "https://example.org/report", "--notes", "test row"]


def add(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["add", *args, "--data", str(data)])
    return result.exit_code, result.output


def launch_after_newest(data: Path) -> list[str]:
    """NEW_LAUNCH dated the day after the newest launch row, so that the new row sorts last."""
    newest = rows_of(data / "launches.csv")[-1][1]
    after = (date.fromisoformat(newest) + timedelta(days=1)).isoformat()
    return [a if a != "2026-05-27" else after for a in NEW_LAUNCH]


def added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    assert not [line for line in diff[2:] if line.startswith("-")], "an existing line changed"
    return [line[1:] for line in diff[2:] if line.startswith("+")]


def test_add_launch_appends_exactly_one_line(data):
    before = (data / "launches.csv").read_text(encoding="utf-8")
    code, output = add(data, "launch", *NEW_LAUNCH)
    assert code == 0, output
    new = added_lines(before, (data / "launches.csv").read_text(encoding="utf-8"))
    assert new == ["L-2026-05-27-01,2026-05-27,,,ballistic_missile,KN-23,SRBM,2,success,,,,,,,,"
                   "https://example.org/report,test row"]
    assert new[0] in output
    assert validate(data)[0] == 0


def test_back_dated_row_goes_where_the_sort_rule_puts_it(data):
    before = (data / "launches.csv").read_text(encoding="utf-8")
    args = [a if a != "2026-05-27" else "2017-01-02" for a in NEW_LAUNCH]
    code, output = add(data, "launch", *args)
    assert code == 0, output
    after = (data / "launches.csv").read_text(encoding="utf-8")
    assert len(added_lines(before, after)) == 1
    dates = [row[1] for row in rows_of(data / "launches.csv")[1:]]
    assert dates == sorted(dates)


def test_generated_ids_do_not_collide(data):
    for site in ("Wonsan", "Sinpo"):  # two launch groups of one day
        assert add(data, "launch", *NEW_LAUNCH, "--launch-site", site)[0] == 0
    ids = [row[0] for row in rows_of(data / "launches.csv")]
    assert {"L-2026-05-27-01", "L-2026-05-27-02"} <= set(ids)


def test_dry_run_writes_nothing(data):
    before = (data / "launches.csv").read_bytes()
    code, output = add(data, "launch", *NEW_LAUNCH, "--dry-run")
    assert code == 0 and output.startswith("would write")
    assert (data / "launches.csv").read_bytes() == before


def test_duplicate_id_is_refused_with_a_located_message(data):
    existing = rows_of(data / "launches.csv")[-1][0]
    before = (data / "launches.csv").read_bytes()
    code, output = add(data, "launch", *launch_after_newest(data), "--id", existing)
    lines = len(rows_of(data / "launches.csv"))
    assert code == 1
    assert f"{data / 'launches.csv'}:{lines + 1}:1: id: {existing!r} is already used on line {lines}" in output
    assert "nothing was written" in output
    assert (data / "launches.csv").read_bytes() == before


def test_unknown_responds_to_is_refused(data):
    before = (data / "council_actions.csv").read_bytes()
    code, output = add(data, "action", "--date", "2026-05-28", "--kind", "press_statement",
                       "--summary", "Members condemn the launch.", "--responds-to", "L-1900-01-01-01",
                       "--source-url", "https://example.org/press")
    assert code == 1
    assert "responds_to: no launch has the id 'L-1900-01-01-01' (check launches.csv)" in output
    assert (data / "council_actions.csv").read_bytes() == before


def test_add_action_linked_to_a_launch(data):
    launch_id = rows_of(data / "launches.csv")[-1][0]
    code, output = add(data, "action", "--date", "2026-05-28", "--kind", "press_statement",
                       "--summary", "Members condemn the launch.", "--responds-to", launch_id,
                       "--source-url", "https://example.org/press")
    assert code == 0, output
    assert rows_of(data / "council_actions.csv")[-1][:3] == ["C-2026-05-28-01", "2026-05-28", "press_statement"]


def test_bad_value_is_refused_with_file_line_column(data):
    code, output = add(data, "launch", *[a if a != "2" else "0" for a in launch_after_newest(data)])
    lines = len(rows_of(data / "launches.csv"))
    assert code == 1
    assert f"{data / 'launches.csv'}:{lines + 1}:8: count: must be at least 1, got '0'" in output


def test_crlf_file_gets_a_crlf_line(data):
    path = data / "council_actions.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    launch_id = rows_of(data / "launches.csv")[-1][0]
    assert add(data, "action", "--date", "2026-05-28", "--kind", "press_statement", "--summary", "x",
               "--responds-to", launch_id, "--source-url", "https://example.org/p")[0] == 0
    assert b"\n" not in path.read_bytes().replace(b"\r\n", b"")


def _spawn_add(data: Path, notes: str, pause: str | None = None) -> subprocess.Popen:
    env = {**os.environ, **({PAUSE_ENV: pause} if pause else {})}
    args = [a if a != "test row" else notes for a in NEW_LAUNCH] + ["--launch-site", notes]  # each its own group
    return subprocess.Popen([sys.executable, "-m", "tracker", "add", "launch", *args, "--data", str(data)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_kill_9_never_leaves_a_half_written_file(data):
    """Kill writers at random moments, some inside the write-fsync-rename window: old rows, or old rows + one."""
    original = rows_of(data / "launches.csv")
    rng = random.Random(1718)
    outcomes = {"old": 0, "old+1": 0}
    for attempt in range(16):
        process = _spawn_add(data, f"kill test {attempt}", pause="0.3" if attempt % 2 else None)
        time.sleep(rng.uniform(0.2, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert validate(data)[0] == 0
        rows = rows_of(data / "launches.csv")
        extra = [row for row in rows if row not in original]
        if extra:  # exactly the old rows plus this writer's one row, nothing else changed or lost
            assert len(extra) == 1 and [row for row in rows if row != extra[0]] == original
        else:
            assert rows == original
        if extra:
            outcomes["old+1"] += 1
            assert extra[0][-1] == f"kill test {attempt}"
            shutil.copy(ROOT / "datasets" / "launches.csv", data / "launches.csv")
        else:
            outcomes["old"] += 1
    assert add(data, "launch", *NEW_LAUNCH)[0] == 0  # the next writer clears what killed writers left
    assert not list(data.glob(".launches.csv.*.tmp"))
    assert outcomes["old"] > 0


@pytest.mark.slow
def test_twenty_concurrent_writers_lose_no_row(data):
    before = len(rows_of(data / "launches.csv"))
    processes = [_spawn_add(data, f"writer {i}") for i in range(20)]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    rows = rows_of(data / "launches.csv")
    assert len(rows) == before + 20
    assert {row[-1] for row in rows} >= {f"writer {i}" for i in range(20)}
    assert len({row[0] for row in rows}) == len(rows)
    assert validate(data)[0] == 0
