"""Every figure next to its floor, measured on this machine in this run.

python -m benchmarks [--sizes 1,10,100,1000] [--quick]
--quick runs each benchmark at 1x only, fewer repeats (tests/test_benchmarks_run.py proves the script runs).
Each figure is printed next to its floor, measured in the same run: a bare Dash app (cold start, first graph,
second visit), the app's own offline HTML export of the whole timeline (first graph, first-load bytes),
a plain pandas.read_csv of the same three files (validation), the cached callback (server), Plotly.react of the
same figures in the same page (redraw). The load test is support/load.py (gunicorn, 2 workers, 50 clients).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from benchmarks.browser_bench import first_graph, redraw
from support.browser import ROOT, free_port
from support.dash_requests import summary_request, views_request
from support.load import run_load
from support.process import timed_process
from support.synth import make_dataset
from tracker import schema

ROWS: list[tuple[str, str, str, str, str]] = []  # benchmark, size, value, floor, ratio / goal


def report(name: str, size: str, value: str, floor: str = "", ratio: str = "") -> None:
    ROWS.append((name, size, value, floor, ratio))
    print(f"{name:<34} {size:>6} {value:>18} {floor:>18} {ratio:>22}", flush=True)


def time_to_first_page(command: list[str], port: int, path: str = "/") -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}{path}", timeout=1).status_code == 200:
                    return time.perf_counter() - started
            except requests.ConnectionError:
                pass
            time.sleep(0.02)
    finally:
        process.terminate()
        process.wait(timeout=10)


def cold_start(data: Path, runs: int) -> None:
    """Launch to the first 200 of `/`: with the validated snapshot (the usual restart), without it, and hello."""
    serve = [sys.executable, "-m", "tracker", "serve", "--data", str(data), "--port"]
    hit, miss, floor, ready, hello_ready = [], [], [], [], []
    from tracker.load import read_dataset

    read_dataset(data)  # validates once and saves the snapshot the "hit" starts reuse
    for _ in range(runs):
        port = free_port()
        os.environ["TRACKER_CACHE"] = "off"
        miss.append(time_to_first_page([*serve, str(port)], port))
        del os.environ["TRACKER_CACHE"]
        port = free_port()
        hit.append(time_to_first_page([*serve, str(port)], port))  # the first run of main() saved it
        port = free_port()
        floor.append(time_to_first_page([sys.executable, "benchmarks/hello_app.py", str(port)], port))
        port = free_port()  # the whole app built and its data read: the layout answers
        ready.append(time_to_first_page([*serve, str(port)], port, "/_dash-layout"))
        port = free_port()
        hello_ready.append(time_to_first_page([sys.executable, "benchmarks/hello_app.py", str(port)], port,
                                              "/_dash-layout"))
    a, b, c = statistics.median(hit), statistics.median(floor), statistics.median(miss)
    d, e = statistics.median(ready), statistics.median(hello_ready)
    report("cold start to first 200", "1x", f"{a:.2f} s", f"{b:.2f} s hello", f"{a / b:.2f}x (goal <= 1.5x)")
    report("cold start, no snapshot (validates)", "1x", f"{c:.2f} s", f"{b:.2f} s hello", f"{c / b:.2f}x")
    report("cold start to app ready (layout)", "1x", f"{d:.2f} s", f"{e:.2f} s hello", f"{d / e:.2f}x")


def validate_at(data: Path, size: str) -> None:
    ours, peak = timed_process([sys.executable, "-m", "tracker", "validate", "--data", str(data)])
    names = tuple(t.filename for t in schema.TABLES)
    plain_code = f"import pandas, sys; [pandas.read_csv(sys.argv[-1] + '/' + n) for n in {names!r}]"
    floor, floor_peak = timed_process([sys.executable, "-c", plain_code, str(data)])
    report("validate (fresh interpreter)", size, f"{ours:.2f} s {peak // 1024} MB",
           f"{floor:.2f} s {floor_peak // 1024} MB", f"{ours / floor:.2f}x (goal <= 3x at 1000x)")


def callback_at(data: Path, size: str, repeats: int = 15) -> None:
    """Server time for a filter change: the headline (the only request a timeline click sends), the server-drawn
    views' callback (Response shown; cache defeated by distinct filters), and the timeline's program, built once
    per data version (the page filters it itself)."""
    from tracker.app import create_app
    from tracker.figures.timeline_program import timeline_program
    from tracker.load import load_dataset

    client = create_app(data).server.test_client()
    years = list(range(1990, 2027))
    times, sizes = [], []
    for i in range(repeats):
        body = views_request("response", start=f"{years[i % len(years)]}-01-01", end="2026-12-31")
        started = time.perf_counter()
        response = client.post("/_dash-update-component", json=body)
        times.append(time.perf_counter() - started)
        sizes.append(len(response.data))
    body = views_request("response")
    client.post("/_dash-update-component", json=body)
    started = time.perf_counter()
    client.post("/_dash-update-component", json=body)
    cached = time.perf_counter() - started
    p50 = 1000 * statistics.median(times)
    headline = []
    for i in range(repeats):
        body = summary_request(start=f"{years[i % len(years)]}-01-01", end="2026-12-31")
        started = time.perf_counter()
        client.post("/_dash-update-component", json=body)
        headline.append(time.perf_counter() - started)
    report("headline callback p50 (server)", size, f"{1000 * statistics.median(headline):.0f} ms", "",
           "the one request of a timeline click")
    report("server views callback p50", size, f"{p50:.0f} ms {max(sizes) // 1024} KB",
           f"{1000 * cached:.1f} ms cached", "goal p50 < 50 ms at 10x")
    dataset = load_dataset(data)
    builds = []
    for _ in range(3):
        timeline_program.cache_clear()
        started = time.perf_counter()
        program = timeline_program(dataset)
        builds.append(time.perf_counter() - started)
    weight = len(json.dumps(program, default=str).encode())
    report("timeline program (once per version)", size, f"{1000 * statistics.median(builds):.0f} ms",
           f"{weight // 1024} KB JSON", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = [1] if args.quick else [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cpus, python {platform.python_version()}, "
          f"{subprocess.run(['/usr/bin/chromium', '--version'], capture_output=True, text=True).stdout.strip()}")
    print(f"{'benchmark':<34} {'size':>6} {'value':>18} {'floor':>18} {'ratio / goal':>22}")
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as scratch:
        os.environ["TRACKER_CACHE_DIR"] = str(Path(scratch) / "cache")  # never the user's own snapshot cache
        folders = {n: make_dataset(Path(scratch) / f"x{n}", n) for n in sizes}
        cold_start(folders[1], runs=1 if args.quick else 3)
        for n in sizes:
            validate_at(folders[n], f"{n}x")
        for n in sizes:
            if n <= 100:
                callback_at(folders[n], f"{n}x", repeats=5 if args.quick else 15)
        first_graph(folders[1], "1x", 3 if args.quick else 9, report)  # and the page weights
        for n in sizes:
            if n in (1, 100):
                redraw(folders[n], f"{n}x", 3 if args.quick else 9, report)
        load = run_load(folders[10 if 10 in folders else 1], workers=2, clients=50, total=500 if args.quick else 2000)
        report("load test, 50 clients (gunicorn)", "10x" if 10 in folders else "1x",
               f"{load['errors']} errors / {load['requests']}", f"{load['throughput_rps']:.0f} req/s",
               f"p50 {load['p50_ms']:.0f} ms p99 {load['p99_ms']:.0f} ms")


if __name__ == "__main__":
    main()
