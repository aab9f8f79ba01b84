"""Every figure next to its floor, measured on this machine in this run.

python -m benchmarks [--sizes 1,10,100,1000] [--quick]
--quick runs each benchmark at 1x only (CI uses it to prove the script still runs).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from benchmarks.page_weight import weigh
from support.browser import ROOT, chromium, free_port, running_app
from support.dash_requests import timeline_request
from support.process import timed_process
from support.synth import make_dataset

ROWS: list[tuple[str, str, str, str, str]] = []  # benchmark, size, value, floor, ratio / goal


def report(name: str, size: str, value: str, floor: str = "", ratio: str = "") -> None:
    ROWS.append((name, size, value, floor, ratio))
    print(f"{name:<34} {size:>6} {value:>18} {floor:>18} {ratio:>22}", flush=True)


def time_to_first_page(command: list[str], port: int) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                    return time.perf_counter() - started
            except requests.ConnectionError:
                time.sleep(0.02)
    finally:
        process.terminate()
        process.wait(timeout=10)


def cold_start(data: Path, runs: int) -> None:
    ours, floor = [], []
    for _ in range(runs):
        port = free_port()
        ours.append(time_to_first_page([sys.executable, "-m", "tracker", "serve", "--data", str(data), "--port",
                                        str(port)], port))
        port = free_port()
        floor.append(time_to_first_page([sys.executable, "benchmarks/hello_app.py", str(port)], port))
    a, b = statistics.median(ours), statistics.median(floor)
    report("cold start to first 200", "1x", f"{a:.2f} s", f"{b:.2f} s hello", f"{a / b:.2f}x (goal <= 1.5x)")


def validate_at(data: Path, size: str) -> None:
    ours, peak = timed_process([sys.executable, "-m", "tracker", "validate", "--data", str(data)])
    plain_code = ("import pandas, sys; [pandas.read_csv(sys.argv[-1] + '/' + n) "
                  "for n in ('launches.csv', 'council_actions.csv')]")
    floor, floor_peak = timed_process([sys.executable, "-c", plain_code, str(data)])
    report("validate (fresh interpreter)", size, f"{ours:.2f} s {peak // 1024} MB",
           f"{floor:.2f} s {floor_peak // 1024} MB", f"{ours / floor:.2f}x (goal <= 3x at 1000x)")


def callback_at(data: Path, size: str, repeats: int = 15) -> None:
    """Server time for the timeline callback on a filter change (cache defeated by distinct filters)."""
    from tracker.app import create_app

    client = create_app(data).server.test_client()
    years = list(range(1990, 2027))
    times, sizes = [], []
    for i in range(repeats):
        start = f"{years[i % len(years)]}-01-01"
        body = timeline_request(start=start, end="2026-12-31")
        started = time.perf_counter()
        response = client.post("/_dash-update-component", json=body)
        times.append(time.perf_counter() - started)
        sizes.append(len(response.data))
    body = timeline_request()
    client.post("/_dash-update-component", json=body)
    started = time.perf_counter()
    client.post("/_dash-update-component", json=body)
    cached = time.perf_counter() - started
    p50 = 1000 * statistics.median(times)
    report("timeline callback p50 (server)", size, f"{p50:.0f} ms {max(sizes) // 1024} KB",
           f"{1000 * cached:.1f} ms cached", "goal p50 < 50 ms at 10x")


BROWSER_SCRIPT = """async ([check]) => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  const box = document.querySelector(`#classes input[value="SRBM"]`);
  const redraw = () => new Promise(resolve => gd.once('plotly_afterplot', resolve));
  let t0 = performance.now(); let done = redraw(); box.click(); await done;
  const interaction = performance.now() - t0;
  const figure = JSON.parse(JSON.stringify({data: gd.data, layout: gd.layout}));
  t0 = performance.now(); await window.Plotly.newPlot(gd, figure.data, figure.layout);
  const floor = performance.now() - t0;
  return [interaction, floor];
}"""


def browser_at(data: Path, size: str, repeats: int = 7) -> None:
    with running_app(data) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url + "/")
        page.wait_for_selector("#timeline .js-plotly-plot .main-svg", timeout=120_000)
        page.wait_for_function("() => document.querySelector('#counts').textContent.startsWith('Showing')")
        page.wait_for_timeout(500)
        interactions, floors = [], []
        for _ in range(repeats):
            interaction, floor = page.evaluate(BROWSER_SCRIPT, [True])
            interactions.append(interaction)
            floors.append(floor)
        a, b = statistics.median(interactions), statistics.median(floors)
        report("filter -> timeline redrawn p50", size, f"{a:.0f} ms", f"{b:.0f} ms newPlot",
               f"{a / b:.2f}x (goal <= 2x)")
        if size == "1x":
            weight = weigh(browser, url).total  # a fresh context: bytes on the wire of a cold first load
            report("page weight, first load", size, f"{weight / 1e6:.2f} MB", "", "goal < 2 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = [1] if args.quick else [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, python {platform.python_version()}")
    print(f"{'benchmark':<34} {'size':>6} {'value':>18} {'floor':>18} {'ratio / goal':>22}")
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as scratch:
        folders = {n: make_dataset(Path(scratch) / f"x{n}", n) for n in sizes}
        cold_start(folders[1], runs=1 if args.quick else 3)
        for n in sizes:
            validate_at(folders[n], f"{n}x")
        for n in sizes:
            if n <= 100:
                callback_at(folders[n], f"{n}x", repeats=5 if args.quick else 15)
        for n in sizes:
            if n in (1, 100):
                browser_at(folders[n], f"{n}x", repeats=3 if args.quick else 7)


if __name__ == "__main__":
    main()
