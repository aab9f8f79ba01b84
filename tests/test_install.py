"""`pip install <checkout>` into a fresh virtual environment gives a `dprk-tracker` command that works from any folder,
with the page's assets and the curated dataset inside the package.

Slow: one `python -m venv` and one `pip install` of the checkout with its whole dependency tree (pandas, dash, ...).
The dependencies come from a wheelhouse kept between runs (~/.cache/dprk-tracker/test-wheels/, one folder per
requirements.txt, build requirements and Python): `pip wheel` fills it once from the package index that
scripts/test installs from, then every run installs with `--no-index --find-links` (no network, and the same
versions as the pins). `--no-compile` skips byte-compiling the dependencies (Python does it on first import).
The checkout is copied first (its tracked and new files, as a clean clone would have them) so that no build folder
left in the working tree can slip stale files into the package.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from filelock import FileLock

from support.browser import free_port, wait_for
from tests.conftest import DATASETS, ROOT, set_cell
from tracker.cli import main
from tracker.schema import TABLES

pytestmark = pytest.mark.slow
SHIPPED_NOTE = "Using the dataset that came with the code"
# What the checkout's own environment sets and an installed command must not lean on.
LEAKS = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "TRACKER_DATA", "PYTHONSTARTUP")


@dataclass(frozen=True)
class Installed:
    bindir: Path
    package: Path  # the installed `tracker` package folder
    workdir: Path  # a folder with no datasets/ in it

    def run(self, *args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bindir / "dprk-tracker"), *args], cwd=self.workdir, capture_output=True,
                              text=True, timeout=300, env=env or clean_env(), stdin=subprocess.DEVNULL, **kwargs)


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LEAKS}
    return {**env, **extra}


def copy_checkout(target: Path) -> None:
    """The files a clone of this working tree would hold: tracked ones and new ones git does not ignore."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # tracked but deleted in the working tree: not there
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def wheelhouse() -> Path:
    """Wheels of every pin in requirements.txt and of the build backend, downloaded (or built) once."""
    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    pins = (ROOT / "requirements.txt").read_bytes()
    key = hashlib.sha256(pins + repr((build_requires, sys.version, sys.platform)).encode()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = cache / "dprk-tracker" / "test-wheels" / key
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder) + ".lock", timeout=900):
        if not (folder / "complete").exists():
            subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(folder), "-r",
                            str(ROOT / "requirements.txt"), *build_requires], check=True, env=clean_env(), timeout=900)
            (folder / "complete").touch()
    return folder


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("install")
    clone, venv, workdir = base / "clone", base / "venv", base / "elsewhere"
    workdir.mkdir()
    copy_checkout(clone)
    wheels = wheelhouse()
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=clean_env(), timeout=300)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    done = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--quiet", "--no-compile", "--no-index",
                           "--find-links", str(wheels), str(clone)], cwd=workdir, capture_output=True, text=True,
                          env=clean_env(), timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(f"\nfresh venv + pip install of the checkout: {time.monotonic() - started:.1f} s")
    where = subprocess.run([str(bindir / "python"), "-c", "import tracker; print(tracker.__file__)"], cwd=workdir,
                           capture_output=True, text=True, check=True, env=clean_env())
    package = Path(where.stdout.strip()).parent
    assert package.is_relative_to(venv)  # the installed copy, not the checkout
    return Installed(bindir, package, workdir)


def test_package_carries_every_module_asset_and_registered_table(installed):
    modules = sorted(p.relative_to(ROOT / "tracker") for p in (ROOT / "tracker").rglob("*.py"))
    assert modules and all((installed.package / m).is_file() for m in modules)
    assets = [p for p in (ROOT / "assets").rglob("*") if p.is_file()]
    assert ROOT / "assets" / "vendor" / "plotly-core.min.js" in assets
    assert ROOT / "assets" / "vendor" / "plotly-bundles.json" in assets
    for path in assets:
        copy = installed.package / "bundled_assets" / path.relative_to(ROOT / "assets")
        assert copy.read_bytes() == path.read_bytes(), copy
    for name in [t.filename for t in TABLES] + ["datapackage.json", "LICENSE", "README.md"]:
        assert (installed.package / "bundled_data" / name).read_bytes() == (DATASETS / name).read_bytes(), name


def test_installed_dependencies_are_the_pins_of_requirements_txt(installed):
    pins = [line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    listed = subprocess.run([str(installed.bindir / "python"), "-c", "from importlib.metadata import requires; "
                             "print('\\n'.join(requires('dprk-tracker')))"], cwd=installed.workdir,
                            capture_output=True, text=True, check=True, env=clean_env())
    normal = [re.sub(r"\s*;\s*", "; ", pin).replace("'", '"') for pin in pins]
    assert listed.stdout.splitlines() == normal


def test_console_command_has_the_commands_of_python_m_tracker(installed):
    command = installed.run("--help")
    module = subprocess.run([str(installed.bindir / "python"), "-m", "tracker", "--help"], cwd=installed.workdir,
                            capture_output=True, text=True, env=clean_env())
    assert command.returncode == module.returncode == 0
    assert command.stdout.split("\n", 1)[1] == module.stdout.split("\n", 1)[1]  # all but the "Usage: NAME" line
    listed = re.findall(r"^  (\S+)", command.stdout.split("Commands:", 1)[1], re.MULTILINE)
    assert listed == sorted(main.commands)


def test_validate_and_stats_use_the_shipped_dataset_from_another_folder(installed):
    assert not (installed.workdir / "datasets").exists()
    checked = installed.run("validate")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: ")
    assert f"in {installed.package / 'bundled_data'} are valid" in checked.stdout
    assert SHIPPED_NOTE in checked.stderr
    stats = installed.run("stats", "--markdown")
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout == CliRunner().invoke(main, ["stats", "--markdown", "--data", str(DATASETS)]).stdout


def test_environment_and_local_datasets_folder_point_at_a_maintainers_copy(installed, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    for table in TABLES:
        shutil.copy(DATASETS / table.filename, mine / table.filename)
    column = set_cell(mine / "launches.csv", 4, "count", "many")
    expected = f"{mine / 'launches.csv'}:4:{column}: count: must be a whole number, got 'many'"
    done = installed.run("validate", env=clean_env(TRACKER_DATA=str(mine)))  # --data: every other test uses it
    assert done.returncode == 1
    assert expected in done.stderr
    assert SHIPPED_NOTE not in done.stderr
    here = tmp_path / "project"
    shutil.copytree(mine, here / "datasets")
    local = subprocess.run([str(installed.bindir / "dprk-tracker"), "validate"], cwd=here, capture_output=True,
                           text=True, env=clean_env(), timeout=300)
    assert local.returncode == 1
    assert f"{here / 'datasets' / 'launches.csv'}:4:{column}:" in local.stderr


def test_add_and_datapackage_refuse_to_write_into_the_installed_dataset(installed):
    bundled = installed.package / "bundled_data"
    before = {p.name: p.read_bytes() for p in bundled.iterdir()}
    for args in (["add", "launch", "--date", "2026-05-27", "--kind", "ballistic_missile", "--missile-name", "KN-23",
                  "--missile-class", "SRBM", "--count", "1", "--outcome", "success",
                  "--source-url", "https://example.org/r"], ["datapackage"]):
        done = installed.run(*args)
        assert done.returncode == 1, args
        assert f"{bundled} is the dataset installed with the package; it is read-only" in done.stderr, args
    assert {p.name: p.read_bytes() for p in bundled.iterdir()} == before  # no row, no lock file, no temp file


def test_html_export_from_another_folder_inlines_the_bundled_plotly_and_topojson(installed, tmp_path):
    out = tmp_path / "map.html"
    done = installed.run("export-html", str(out), "--view", "map")
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "<!-- plotly.js: core bundle plotly-core.min.js + plotly-geo.min.js -->" in page
    geo = re.search(r'<script type="application/json" id="geo-data">(.*?)</script>', page, re.DOTALL)
    topojson = ROOT / "assets" / "topojson" / "asia_50m.json"
    assert json.loads(geo.group(1)) == {"asia_50m": json.loads(topojson.read_text(encoding="utf-8"))}


def test_serve_from_another_folder_serves_the_page_and_its_assets(installed, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as output:
        process = subprocess.Popen([str(installed.bindir / "dprk-tracker"), "serve", "--port", str(port)],
                                   cwd=installed.workdir, stdout=output, stderr=subprocess.STDOUT,
                                   env=clean_env(PYTHONUNBUFFERED="1"))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/_dash-layout", process)
        page = requests.get(url + "/", timeout=30)
        assert page.status_code == 200
        linked = re.findall(r'(?:src|href)="(/assets/[^"?]+)', page.text)
        assert "/assets/vendor/plotly-core.min.js" in linked and "/assets/style.css" in linked
        for path in linked:
            served = requests.get(url + path, timeout=30)
            assert served.status_code == 200, path
            assert served.content == (ROOT / path.removeprefix("/")).read_bytes(), path
        assert requests.get(url + "/assets/topojson/asia_50m.json", timeout=30).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert SHIPPED_NOTE in log.read_text()
