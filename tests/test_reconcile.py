"""`python -m tracker reconcile`: every kind of difference, each output format, the decisions file and the exit code.

The fixtures (tests/fixtures/reconcile) are small excerpts in the shape of the real files: nagix's test.en.json and
missile.en.json, NTI's CSV export, the CSIS provocations table, and a seven-row launch table. Between them they hold
one difference of each kind (listed in EXPECTED) and three matches that must not be differences: a UTC time that
moves a launch to the next Korea date, a CSIS day filed under the US date (a day's tolerance), and a cruise missile
day (CNS does not cover cruise missiles; CSIS holds it).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reconcile"
NAGIX = FIXTURES / "cns" / "test.en.json"
NTI = FIXTURES / "nti.csv"
CSIS = FIXTURES / "csis.csv"
EXPECTED = [  # (source, date, kind)
    ("cns", "1984-04-01", "outcome"),  # CNS codes the 1984 tests success; our month row says unknown
    ("dataset", "2012-01-11", "ours_only"),
    ("csis", "2016-04-01", "source_only"),  # a surface-to-air missile
    ("cns", "2016-04-15", "source_only"),  # 14 Apr 20:33 UTC is 15 Apr in Korea
    ("cns", "2022-01-05", "class"),  # HGV vs MRBM
    ("cns", "2022-05-25", "count"),  # 2 vs 3
]
DECISIONS_HEADER = "id,date,source,differences,decision,reason,source_url\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


def run(data: Path, *args: str, cns: Path = NAGIX, csis: Path = CSIS):
    result = CliRunner().invoke(main, ["reconcile", "--cns", str(cns), "--csis", str(csis), "--data", str(data),
                                       *args])
    return result.exit_code, result.output


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def keys(rows: list[dict]) -> list[tuple[str, str, str]]:
    return [(r["source"], r["date"], r["difference"]) for r in rows]


@pytest.mark.parametrize("cns", [NAGIX, NTI], ids=["nagix-json", "nti-csv"])
def test_every_kind_of_difference_is_found_and_nothing_else(data, cns):
    code, output = run(data, "--format", "csv", cns=cns)
    assert code == 1
    assert keys(csv_rows(output)) == EXPECTED


def test_what_each_difference_says(data):
    rows = {(r["source"], r["date"], r["difference"]): r for r in csv_rows(run(data, "--format", "csv")[1])}
    sam = rows[("csis", "2016-04-01", "source_only")]
    assert sam["theirs"] == "Long-range Surface-to-Air Missile Launch" and sam["link"] == "https://example.org/csis-sam"
    assert "not a ballistic one" in sam["detail"]
    musudan = rows[("cns", "2016-04-15", "source_only")]
    assert musudan["theirs"] == "1 x Musudan [IRBM] failure" and "Korea date" in musudan["ours"]
    count = rows[("cns", "2022-05-25", "count")]
    assert count["ours"].startswith("2: L-2022-05-25-01") and count["theirs"].startswith("3: ")
    assert (rows[("cns", "2022-01-05", "class")]["ours"], rows[("cns", "2022-01-05", "class")]["theirs"]) == \
        ("HGV", "MRBM")
    assert (rows[("cns", "1984-04-01", "outcome")]["ours"], rows[("cns", "1984-04-01", "outcome")]["theirs"]) == \
        ("unknown", "success")
    assert rows[("dataset", "2012-01-11", "ours_only")]["ours"].startswith("L-2012-01-11-01 3 x KN-02")


def test_a_day_tolerance_only_for_a_source_without_a_time(data, tmp_path):
    """CSIS's 24 May 2022 (US date) matches our 25 May; a timed CNS record one day off does not."""
    shifted = tmp_path / "cns"
    shutil.copytree(NAGIX.parent, shifted)
    path = shifted / "test.en.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"2017-07-04", "time": "00:40 (UTC)"',
                                                             '"2017-07-04", "time": "15:40 (UTC)"'), encoding="utf-8")
    found = keys(csv_rows(run(data, "--format", "csv", cns=path)[1]))
    assert ("cns", "2017-07-05", "source_only") in found  # 15:40 UTC is the next Korea day: no tolerance
    assert ("csis", "2022-05-24", "source_only") not in found


def test_unknown_in_cns_is_no_claim_but_unknown_in_ours_is_a_difference(data, tmp_path):
    """CNS "Unknown" type and "unknown" outcome against our ICBM success: no difference. The other way round (our
    1984 row says unknown, CNS says success) is one: CNS knows something our row does not."""
    edited = tmp_path / "cns"
    shutil.copytree(NAGIX.parent, edited)
    path = edited / "test.en.json"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '"missile": "hwasong-14", "facility": "panghyon", "outcome": "success"',
        '"missile": "unknown", "facility": "panghyon", "outcome": "unknown"'), encoding="utf-8")
    assert keys(csv_rows(run(data, "--format", "csv", cns=path)[1])) == EXPECTED
    path.write_text(path.read_text(encoding="utf-8").replace('"missile": "unknown", "facility": "panghyon"',
                                                             '"missile": "hwasong-12a", "facility": "panghyon"'))
    found = keys(csv_rows(run(data, "--format", "csv", cns=path)[1]))
    assert ("cns", "2017-07-04", "class") in found and ("cns", "2017-07-04", "outcome") not in found


def test_text_and_markdown_formats(data):
    code, text = run(data)
    assert code == 1
    assert "6 differences: 0 explained by a decision, 6 unexplained" in text
    assert "2016-04-01 csis    source_only UNEXPLAINED" in text and "link:   https://example.org/csis-sam" in text
    assert "cns test.en.json reaches 2022-05-25; csis csis.csv reaches 2023-03-12" in text
    code, markdown = run(data, "--format", "markdown")
    assert code == 1 and markdown.startswith("## Reconciliation")
    assert "| 2022-05-25 | cns | count | 2: L-2022-05-25-01" in markdown
    assert "| cns source_only | 1 |" in markdown and "**unexplained**" in markdown


def write_decisions(data: Path, rows: list[str]) -> None:
    (data / "reconciliation_decisions.csv").write_text(DECISIONS_HEADER + "".join(r + "\n" for r in rows),
                                                       encoding="utf-8")


ALL_EXPLAINED = [
    "D-1984-04-01-01,1984-04-01,cns,outcome,ours_follows_evidence,CNS says it cannot tell which failed,https://example.org/a",
    "D-2012-01-11-01,2012-01-11,dataset,ours_only,kept_on_evidence,Reported by Yonhap,https://example.org/b",
    "D-2016-04-01-01,2016-04-01,csis,source_only,out_of_scope,Surface-to-air missile,https://example.org/c",
    "D-2016-04-15-01,2016-04-15,cns,source_only,not_confirmed,Not confirmed,https://example.org/d",
    "D-2022-01-05-01,2022-01-05,cns,class,ours_follows_evidence,Hypersonic per JCS,https://example.org/e",
    "D-2022-05-25-01,2022-05-25,cns,count,ours_follows_evidence,Count per JCS,https://example.org/f",
]


def test_exit_0_when_every_difference_is_explained(data):
    write_decisions(data, ALL_EXPLAINED)
    code, output = run(data)
    assert code == 0, output
    assert "6 differences: 6 explained by a decision, 0 unexplained; 0 stale decisions" in output
    assert "explained by D-2016-04-01-01 (out_of_scope)" in output
    rows = csv_rows(run(data, "--format", "csv")[1])
    assert [r["decision_id"] for r in rows] == [line.split(",")[0] for line in ALL_EXPLAINED]


def test_exit_1_when_one_difference_is_unexplained(data):
    write_decisions(data, ALL_EXPLAINED[:-1])
    code, output = run(data)
    assert code == 1 and "1 unexplained" in output
    assert "2022-05-25 cns     count       UNEXPLAINED" in output


def test_a_decision_covers_only_the_kinds_it_names(data):
    """A decision for the 2022-05-25 count does not explain a class difference on that day."""
    write_decisions(data, [*ALL_EXPLAINED[:-1], ALL_EXPLAINED[-1].replace(",count,", ",class,")])
    code, output = run(data)
    assert code == 1 and "2022-05-25 cns     count       UNEXPLAINED" in output
    assert "stale decision D-2022-05-25-01 (cns 2022-05-25 class)" in output


def test_a_stale_decision_fails(data):
    write_decisions(data, [*ALL_EXPLAINED[:4],
                           "D-2020-03-02-01,2020-03-02,csis,source_only,out_of_scope,No such day,https://example.org/g",
                           *ALL_EXPLAINED[4:]])
    code, output = run(data)
    assert code == 1 and "stale decision D-2020-03-02-01" in output and "0 unexplained; 1 stale" in output


def test_a_second_decision_for_the_same_difference_is_stale(data):
    twice = ALL_EXPLAINED[-1].replace("D-2022-05-25-01", "D-2022-05-25-02")
    write_decisions(data, [*ALL_EXPLAINED, twice])
    code, output = run(data)
    assert code == 1 and "stale decision D-2022-05-25-02" in output and "stale decision D-2022-05-25-01" not in output


def test_the_decisions_file_is_validated_like_the_other_tables(data):
    write_decisions(data, ["D-2016-04-01-01,2016-04-01,csis,source_only;typo,out_of_scope,Surface-to-air,"
                           "https://example.org/c"])
    code, output = run(data)
    assert code == 2
    assert "reconciliation_decisions.csv:2:4: differences: names must be among" in output
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1 and "reconciliation_decisions.csv:2:4" in result.output


def test_bad_input_is_located(data, tmp_path):
    broken = tmp_path / "csis.csv"
    broken.write_text(CSIS.read_text(encoding="utf-8").replace("2022-01-05,", "2022-13-05,"), encoding="utf-8")
    code, output = run(data, csis=broken)
    assert code == 2 and f"{broken}:4:1: date: not a date YYYY-MM-DD, got '2022-13-05'" in output
    cns = tmp_path / "cns"
    shutil.copytree(NAGIX.parent, cns)
    (cns / "test.en.json").write_text(NAGIX.read_text(encoding="utf-8").replace('"missile": "musudan"',
                                                                                 '"missile": "musudan-x"'))
    code, output = run(data, cns=cns / "test.en.json")
    assert code == 2 and f"{cns / 'test.en.json'}:11:5: missile: 'musudan-x' is not in missile.en.json" in output
    (cns / "test.en.json").write_text('{"timeBins": [\n  {"data": [}\n]}', encoding="utf-8")
    code, output = run(data, cns=cns / "test.en.json")
    assert code == 2 and f"{cns / 'test.en.json'}:2:13: not valid JSON" in output
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(NAGIX, alone / "test.en.json")
    code, output = run(data, cns=alone / "test.en.json")
    assert code == 2 and "missile names and types are read from missile.en.json beside it: not found" in output
    nti = tmp_path / "nti.csv"
    nti.write_text(NTI.read_text(encoding="utf-8").replace("Launch Time (UTC)", "Time"), encoding="utf-8")
    code, output = run(data, cns=nti)
    assert code == 2 and f"{nti}:1:1: missing column(s) 'Launch Time (UTC)'" in output


def test_record_writes_one_validated_run_row_per_database(data):
    write_decisions(data, ALL_EXPLAINED)
    code, output = run(data, "--record", "--cns-url", "https://example.org/cns-copy")
    assert code == 0, output
    rows = list(csv.DictReader((data / "reconciliation_runs.csv").open(encoding="utf-8")))
    assert [(r["source"], r["source_newest"], r["rows_newest"], r["differences"], r["unexplained"], r["source_url"])
            for r in rows] == [("cns", "2022-05-25", "2023-03-12", "5", "0", "https://example.org/cns-copy"),
                               ("csis", "2023-03-12", "2023-03-12", "2", "0",
                                "https://github.com/stiles/north-korea-provocations/blob/main/data/raw/"
                                "north_korea_provocations_1958_present.csv")]
    assert CliRunner().invoke(main, ["validate", "--data", str(data)]).exit_code == 0


def test_where_the_evidence_ends_sentence(data):
    from tracker.load import load_dataset
    from tracker.reconcile.evidence import where_evidence_ends

    assert where_evidence_ends(load_dataset(data)["reconciliation_runs"]) == ""
    write_decisions(data, ALL_EXPLAINED)
    run(data, "--record")
    sentence = where_evidence_ends(load_dataset(data)["reconciliation_runs"])
    assert sentence.startswith("Sources reach: CNS 25 May 2022, CSIS 12 Mar 2023; rows last reconciled with them on ")


def test_the_page_footer_says_where_the_evidence_ends(data):
    from tracker.layout import page_layout
    from tracker.load import load_dataset

    def footer_text() -> str:
        found = [c for c in page_layout(load_dataset(data)).children if getattr(c, "className", "") == "footer"]
        return "".join(str(part.children) for part in found[0].children)

    assert "Sources reach" not in footer_text()  # no run recorded yet: nothing claimed
    write_decisions(data, ALL_EXPLAINED)
    run(data, "--record")
    assert "Data as of 12 Mar 2023 (latest row). Sources reach: CNS 25 May 2022, CSIS 12 Mar 2023; rows last " \
           "reconciled with them on " in footer_text()  # the run's own date is not the data's


def test_reconcile_does_not_import_dash():
    code = ("import sys; from click.testing import CliRunner; from tracker.cli import main; "
            f"r = CliRunner().invoke(main, ['reconcile', '--cns', {str(NAGIX)!r}, '--csis', {str(CSIS)!r}, "
            f"'--data', {str(FIXTURES / 'data')!r}]); "
            "assert r.exit_code == 1, r.output; assert 'dash' not in sys.modules and 'plotly' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_readme_states_where_the_evidence_ends_as_the_newest_run_records_it():
    from tracker.load import load_dataset
    from tracker.reconcile.evidence import where_evidence_ends

    dataset = load_dataset(FIXTURES.parent.parent.parent / "datasets")
    sentence = where_evidence_ends(dataset["reconciliation_runs"])
    readme = " ".join((FIXTURES.parent.parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert sentence and sentence in readme
    assert f"The newest launch row is {dataset.launches['date'].max():%-d %B %Y}" in readme


MIRRORS = Path("/work/.mirror")
CNS_REPO, CSIS_REPO = MIRRORS / "nagix+nk-missile-tests" / "repo", MIRRORS / "stiles+north-korea-provocations" / "repo"


@pytest.mark.slow
@pytest.mark.skipif(not (CNS_REPO.exists() and CSIS_REPO.exists()), reason="the fetched CNS and CSIS copies are absent")
def test_the_shipped_rows_reconcile_with_the_fetched_databases(tmp_path):
    """The release bar: every difference with the fetched copies is explained (the commits the decisions read)."""
    def extract(repo: Path, commit: str, path: str, target: Path) -> Path:
        target.write_bytes(subprocess.run(["git", "--git-dir", str(repo), "show", f"{commit}:{path}"],
                                          check=True, capture_output=True).stdout)
        return target

    cns_commit, csis_commit = "a0cc65874d36a4a0fdf16b73919d23a3a8f5dac5", "523c75b849cb8862ad5edeea1844dff3390f21e1"
    try:
        cns = extract(CNS_REPO, cns_commit, "data/test.en.json", tmp_path / "test.en.json")
        extract(CNS_REPO, cns_commit, "data/missile.en.json", tmp_path / "missile.en.json")
        csis = extract(CSIS_REPO, csis_commit, "data/raw/north_korea_provocations_1958_present.csv",
                       tmp_path / "provocations.csv")
    except subprocess.CalledProcessError:
        pytest.skip("the fetched copies do not hold the commits the decisions were made on")
    code, output = run(FIXTURES.parent.parent.parent / "datasets", cns=cns, csis=csis)
    assert code == 0, output
    assert "0 unexplained; 0 stale decisions" in output
