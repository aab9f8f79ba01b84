"""Shared by the browser tests and the screenshot script: a real app process and Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PROCESSES: dict[str, subprocess.Popen] = {}
LOGS: dict[str, Path] = {}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = LOGS.get(url.split("/_dash")[0].rstrip("/"), Path("/dev/null"))
            raise RuntimeError(f"app exited with {process.returncode}: {output.read_text()[-2000:]}")
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            if requests.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def running_app(data_dir: Path, extra_args: tuple[str, ...] = ()):
    """`python -m tracker serve` on a free loopback port; yields its base URL. Its output goes to a file (a pipe
    nobody reads would fill up and stall the server); `PROCESSES[url]` gives the process and `LOGS[url]` the file."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="tracker-serve-", suffix=".log", delete=False)
    process = subprocess.Popen([sys.executable, "-m", "tracker", "serve", "--data", str(data_dir), "--port",
                                str(port), *extra_args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    PROCESSES[url], LOGS[url] = process, Path(log.name)
    try:
        wait_for(url + "/_dash-layout", process)  # `/` answers at once with a loading page; this needs the app
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
