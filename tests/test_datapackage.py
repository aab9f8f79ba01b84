"""datasets/datapackage.json: in sync with the schema, valid for Frictionless, and matching the CSV headers."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import DATASETS, ROOT, rows_of, set_cell
from tracker.cli import main
from tracker.datapackage import VERSION, package_json
from tracker.schema import TABLES

FRICTIONLESS = Path(sys.executable).parent / "frictionless"
PACKAGE = DATASETS / "datapackage.json"


def frictionless_validate(descriptor: Path) -> subprocess.CompletedProcess:
    assert FRICTIONLESS.exists(), f"{FRICTIONLESS} missing: pip install -r requirements-test.txt"
    return subprocess.run([str(FRICTIONLESS), "validate", str(descriptor)], capture_output=True, text=True,
                          timeout=120)


def test_committed_package_matches_the_schema():
    result = CliRunner().invoke(main, ["datapackage", "--check", "--data", str(DATASETS)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_package_json_is_deterministic_json():
    text = package_json()
    assert text == package_json() and text.endswith("}\n")
    descriptor = json.loads(text)
    assert descriptor["version"] == VERSION
    assert [r["name"] for r in descriptor["resources"]] == [t.name for t in TABLES]


def test_frictionless_validates_the_shipped_package():
    result = frictionless_validate(PACKAGE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_resource_fields_equal_the_csv_headers():
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        with open(DATASETS / resource["path"], newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["path"]


def test_frictionless_catches_a_broken_cell(data: Path):
    (data / "datapackage.json").write_text(package_json(), encoding="utf-8")
    rows = rows_of(data / "council_actions.csv")
    line = next(n for n, row in enumerate(rows, start=1) if row[0] == "C-2024-03-28-01")
    set_cell(data / "council_actions.csv", line, "vetoed_by", "Russia;Germany")
    result = frictionless_validate(data / "datapackage.json")
    assert result.returncode != 0
    assert "Russia;Germany" in result.stdout


def test_release_version_is_the_same_everywhere():
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf"^version: \"?{re.escape(VERSION)}\"?$", citation, re.M), "CITATION.cff version"
    changelog = (DATASETS / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(VERSION)}\b", changelog, re.M), "datasets/CHANGELOG.md has no entry"
