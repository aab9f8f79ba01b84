"""What a shared file says about itself: file names from the view and filters, and the address it links to."""

from __future__ import annotations

from click.testing import CliRunner

from tests.conftest import DATASETS
from tracker.cli import main
from tracker.filters import Filters
from tracker.schema import TABLES
from tracker.sharing import file_stem, filters_suffix, public_url


def test_file_names_come_from_the_view_and_the_filters():
    assert file_stem("dprk-launches", Filters(start="2017-01-01", end="2017-12-31", classes=("IRBM", "ICBM"))) \
        == "dprk-launches-2017-irbm-icbm"
    assert file_stem("dprk-launches", Filters()) == "dprk-launches"
    assert filters_suffix(Filters(start="2016-01-01", end="2017-12-31")) == "-2016-2017"
    assert filters_suffix(Filters(start="2022-05-15", end="2022-06-06")) == "-2022-05-15-to-2022-06-06"
    assert filters_suffix(Filters(start="2022-05-15")) == "-from-2022-05-15"
    everything_but_srbm = tuple(c for c in Filters().classes if c != "SRBM")
    assert filters_suffix(Filters(classes=everything_but_srbm)) == "-no-srbm"
    assert filters_suffix(Filters(event_kinds=())) == "-no-event"
    assert filters_suffix(Filters(action_kinds=("vetoed_draft",))) == "-vetoed-draft"


def test_a_long_filter_state_still_gives_a_short_file_name():
    f = Filters(classes=("SRBM", "MRBM"), kinds=("missile",), outcomes=("success",), action_kinds=("resolution",),
                event_kinds=("summit",), start="2001-02-03", end="2019-08-07")
    stem = file_stem("dprk-council-response-lag", f)
    assert len(stem) <= 120 and not stem.endswith("-") and stem.startswith("dprk-council-response-lag-2001-02-03")


def test_public_url_only_for_http_addresses(monkeypatch):
    monkeypatch.delenv("TRACKER_PUBLIC_URL", raising=False)
    assert public_url() is None
    assert public_url("https://tracker.example.org") == "https://tracker.example.org/"
    assert public_url("javascript:alert(1)") is None and public_url("") is None
    monkeypatch.setenv("TRACKER_PUBLIC_URL", "https://env.example.org/dprk/")
    assert public_url() == "https://env.example.org/dprk/"


def test_export_html_links_to_the_public_url_or_says_the_address_is_local(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for table in TABLES:
        (data / table.filename).write_bytes((DATASETS / table.filename).read_bytes())
    monkeypatch.delenv("TRACKER_PUBLIC_URL", raising=False)
    out = tmp_path / "local.html"
    assert CliRunner().invoke(main, ["export-html", str(out), "--data", str(data), "--view", "yearly"]).exit_code == 0
    text = out.read_text()
    assert 'href="http://127.0.0.1:8050/?view=yearly"' in text and "(a local address" in text
    monkeypatch.setenv("TRACKER_PUBLIC_URL", "https://tracker.example.org/")
    result = CliRunner().invoke(main, ["export-html", str(out), "--data", str(data), "--view", "yearly"])
    assert result.exit_code == 0
    text = out.read_text()
    assert 'href="https://tracker.example.org/?view=yearly"' in text and "(a local address" not in text
    bad = CliRunner().invoke(main, ["export-html", str(out), "--data", str(data), "--public-url", "ftp://x"])
    assert bad.exit_code == 1 and "not an http(s) address" in bad.output
