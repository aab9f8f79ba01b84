"""`export-html` as a maintainer meets it: replaced all at once (kill -9, full disk), every error one line with
exit status 1, options checked by the URL's own code, and a base URL with a query string joined correctly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.fulldisk import full_tmpfs
from tracker.atomic import PAUSE_ENV
from tracker.cli import main
from tracker.filters import Filters
from tracker.html_export import live_url
from tracker.schema import MISSILE_CLASSES
from tracker.views import VIEW_IDS

GOOD = b"<!doctype html><p>the good export</p></html>\n"


def export(data: Path, out: Path, *options: str):
    return CliRunner().invoke(main, ["export-html", str(out), "--data", str(data), *options])


def one_error_line(result) -> str:
    """The single line an error prints (no traceback, no usage text), after checking the exit status."""
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ")
    return line


def wait_for(condition, what: str, timeout: float = 60.0):
    """Poll a condition (never a fixed sleep deciding the outcome)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_kill_inside_the_write_window_leaves_the_previous_file(data, tmp_path):
    out = tmp_path / "timeline.html"
    out.write_bytes(GOOD)
    process = subprocess.Popen([sys.executable, "-m", "tracker", "export-html", str(out), "--data", str(data)],
                               cwd=ROOT, env={**os.environ, PAUSE_ENV: "120"}, stdout=subprocess.DEVNULL)
    try:
        def written_temporary():  # the whole new page is on disk, not yet renamed: the window a kill must survive
            return [p for p in tmp_path.glob(".timeline.html.*.tmp") if p.read_bytes().endswith(b"</html>\n")]

        (temporary,) = wait_for(written_temporary, "the export to be written to its temporary file")
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        process.kill()
    assert out.read_bytes() == GOOD
    assert temporary.exists()  # what a kill leaves: a hidden temporary file, never a cut or empty export


def test_without_a_kill_the_same_export_replaces_the_file(data, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "timeline.html"
    out.write_bytes(GOOD)
    out.chmod(0o640)
    result = export(data, out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().endswith(b"</html>\n") and (out.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in out.parent.iterdir()] == ["timeline.html"]


@pytest.fixture
def full_disk(tmp_path: Path):
    """A 1 MiB tmpfs holding a good export, the rest filled: the next write fails with ENOSPC."""
    with full_tmpfs(tmp_path / "disk", lambda disk: (disk / "timeline.html").write_bytes(GOOD)) as disk:
        yield disk


def test_a_full_disk_is_one_line_and_leaves_the_previous_file(data, full_disk):
    out = full_disk / "timeline.html"
    line = one_error_line(export(data, out))
    assert line == f"error: cannot write {out}: No space left on device"
    assert out.read_bytes() == GOOD
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "timeline.html"]  # no temporary file left


@pytest.mark.parametrize("target, reason", [
    ("missing/x.html", "the folder {folder} does not exist"),
    ("a-folder", "Is a directory"),
])
def test_write_errors_are_one_line(data, tmp_path, target, reason):
    (tmp_path / "a-folder").mkdir()
    out = tmp_path / target
    line = one_error_line(export(data, out))
    assert line == f"error: cannot write {out}: {reason.format(folder=out.parent)}"


def test_a_read_only_file_system_is_one_line(data, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)]).returncode:
        pytest.fail("mounting a tmpfs failed: this test needs root (or CAP_SYS_ADMIN)")
    try:
        line = one_error_line(export(data, folder / "x.html"))
    finally:
        subprocess.run(["umount", str(folder)], check=True)
    assert line == f"error: cannot write {folder / 'x.html'}: Read-only file system"


@pytest.mark.parametrize("option, value, message", [
    ("--from", "2022-02-30", "--from: '2022-02-30' is not a real date written YYYY-MM-DD"),
    ("--to", "yesterday", "--to: 'yesterday' is not a real date written YYYY-MM-DD"),
    ("--class", "ICMB", f"--class: unknown choice 'ICMB'; valid: {', '.join(MISSILE_CLASSES)}"),
    ("--class", "ICBM,SLMB", f"--class: unknown choice 'SLMB'; valid: {', '.join(MISSILE_CLASSES)}"),
    ("--view", "yearlly", f"--view: unknown choice 'yearlly'; valid: {', '.join(VIEW_IDS)}"),
])
def test_a_bad_filter_option_is_named_with_the_valid_choices(data, tmp_path, option, value, message):
    out = tmp_path / "x.html"
    assert one_error_line(export(data, out, option, value)) == f"error: {message}"
    assert not out.exists()
    problems: list[str] = []
    Filters.from_query(f"?{option[2:]}={value}", problems=problems)  # the URL's code finds the same problem
    assert [f"--{p}" for p in problems] == [message]


def test_the_page_still_opens_a_url_with_the_same_mistakes():
    f = Filters.from_query("?from=2022-02-30&class=ICBM,SLMB&view=yearlly")
    assert (f.start, f.classes, f.view) == (None, ("ICBM",), "timeline")


@pytest.mark.parametrize("base, joined", [
    ("https://ok.example/?a=1&b=2", "https://ok.example/?a=1&b=2&view=yearly"),
    ("https://ok.example/?", "https://ok.example/?view=yearly"),
    ("https://ok.example/?a=1&", "https://ok.example/?a=1&view=yearly"),
    ("https://ok.example/tracker/#top", "https://ok.example/tracker/?view=yearly#top"),
    ("https://ok.example/?a=1#top", "https://ok.example/?a=1&view=yearly#top"),
    ("https://ok.example/", "https://ok.example/?view=yearly"),
])
def test_a_base_url_with_a_query_string_is_joined_with_an_ampersand(base, joined):
    assert live_url(base, "?view=yearly") == joined


def test_the_exported_back_link_keeps_the_base_query(data, tmp_path):
    out = tmp_path / "x.html"
    result = export(data, out, "--view", "yearly", "--base-url", "https://ok.example/?a=1&b=2")
    assert result.exit_code == 0, result.output
    assert 'href="https://ok.example/?a=1&amp;b=2&amp;view=yearly"' in out.read_text(encoding="utf-8")
