"""Real HTTP against `python -m tracker serve`: headers, compression, callbacks, no debugger, broken data."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time

import pytest
import requests

from support.dash_requests import summary_request, views_request
from support.browser import LOGS, ROOT, free_port, running_app
from tests.conftest import set_cell
from tracker.schema import TABLES


def post(url: str, body: dict) -> dict:
    response = requests.post(url + "/_dash-update-component", json=body, timeout=30)
    assert response.status_code == 200, response.text[:500]
    return response.json()["response"]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    data = tmp_path_factory.mktemp("http-data")
    for table in TABLES:
        shutil.copy(ROOT / "datasets" / table.filename, data / table.filename)
    with running_app(data) as url:
        yield url


def test_page_has_security_headers(app_url):
    response = requests.get(app_url + "/", timeout=10)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_headers_on_every_response(app_url):
    for path in ("/_dash-layout", "/_dash-dependencies", "/assets/style.css", "/no-such-page"):
        response = requests.get(app_url + path, timeout=10)
        assert "Content-Security-Policy" in response.headers, path


def test_responses_are_compressed(app_url):
    response = requests.get(app_url + "/_dash-layout", headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert response.headers.get("Content-Encoding") in ("gzip", "br", "zstd", "deflate")


def test_filter_callback_answers_over_http(app_url):
    count_all = post(app_url, summary_request())["counts"]["children"]
    count_icbm = post(app_url, summary_request(classes=("ICBM",)))["counts"]["children"]
    assert count_all.startswith("Showing ") and count_icbm != count_all
    points = {}
    for classes in (("ICBM",), ("ICBM", "SRBM")):
        figure = post(app_url, views_request("response", classes=classes))["graph-response"]["figure"]
        points[classes] = sum(len(t.get("x") or []) for t in figure["data"])
    assert 0 < points[("ICBM",)] < points[("ICBM", "SRBM")]
    assert post(app_url, views_request("timeline")) == {}  # the page draws the timeline itself: nothing to send


def test_no_debugger_on_errors(app_url):
    response = requests.post(app_url + "/_dash-update-component", json={"output": "nonsense"}, timeout=10)
    assert response.status_code >= 400
    assert "Werkzeug" not in response.text and "Traceback" not in response.text


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of sockets listening on `port`, read from the kernel (/proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as handle:
            for line in handle.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                    found.add(address)
    return found


def _non_loopback_address() -> str | None:
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only asks the kernel which address it would use
        address = probe.getsockname()[0]
        return None if address.startswith("127.") else address
    return None


def test_binds_loopback_only_by_default(app_url):
    port = int(app_url.rsplit(":", 1)[1])
    assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and nothing else
    other = _non_loopback_address()
    if other:
        with pytest.raises(OSError):
            socket.create_connection((other, port), timeout=3).close()


def test_warns_when_serving_on_other_hosts(tmp_path):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tracker", "serve", "--host", "0.0.0.0", "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    process.terminate()
    _, err = process.communicate(timeout=20)
    assert b"warning: serving on 0.0.0.0" in err
    out = subprocess.run([sys.executable, "-m", "tracker", "serve", "--help"], cwd=ROOT, capture_output=True,
                         text=True).stdout
    assert "[default: 127.0.0.1]" in out


def test_broken_edit_keeps_last_good_data_and_shows_banner(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for table in TABLES:
        shutil.copy(ROOT / "datasets" / table.filename, data / table.filename)
    good = (data / "launches.csv").read_bytes()
    with running_app(data) as url:
        before = post(url, summary_request())
        column = set_cell(data / "launches.csv", 5, "count", "zero")
        layout = requests.get(url + "/_dash-layout", timeout=30).text
        assert "shows the last valid version of the data" in layout
        assert "must be a whole number" not in layout  # viewers get the notice; the log gets the messages
        assert f"launches.csv:5:{column}: count: must be a whole number, got 'zero'" in LOGS[url].read_text()
        during = post(url, summary_request())
        assert during["counts"] == before["counts"]
        (data / "launches.csv").write_bytes(good)
        assert "data-error" not in requests.get(url + "/_dash-layout", timeout=30).text
        subprocess.run([sys.executable, "-m", "tracker", "add", "launch", "--data", str(data), "--date", "2026-05-27",
                        "--kind", "ballistic_missile", "--missile-name", "KN-23", "--missile-class", "SRBM",
                        "--count", "1", "--outcome", "success", "--source-url", "https://example.org/r"],
                       cwd=ROOT, check=True, capture_output=True)
        after = post(url, summary_request())
        assert after["counts"] != before["counts"]
