"""Bounded load test: gunicorn with several workers on loopback, many clients sending filter callbacks.

python -m support.load [--workers 2] [--clients 50] [--requests 2000] [--data DIR]
Traffic goes only to 127.0.0.1; the loop stops after --requests.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from support.browser import ROOT, free_port, wait_for
from support.dash_requests import summary_request, views_request

VARIANTS = [views_request("response"), views_request("response", classes=("ICBM",)), summary_request(),
            views_request("yearly", "2017-01-01", "2017-12-31"), summary_request("2022-01-01", "2022-12-31"),
            views_request("map", "2022-01-01", "2022-12-31", classes=("SRBM", "ICBM"))]


def run_load(data: Path, workers: int, clients: int, total: int) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--timeout", "60", "tracker.app:server"], cwd=ROOT, env={**os.environ, "TRACKER_DATA": str(data)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    latencies, errors, lock = [], [], threading.Lock()
    tickets = itertools.count()
    try:
        wait_for(url + "/", server)
        for body in VARIANTS:  # warm every worker's caches a little
            requests.post(url + "/_dash-update-component", json=body, timeout=60)

        def client() -> None:
            session = requests.Session()
            while (n := next(tickets)) < total:
                started = time.perf_counter()
                try:
                    response = session.post(url + "/_dash-update-component", json=VARIANTS[n % len(VARIANTS)],
                                            timeout=60)
                    ok = response.status_code == 200 and bool(response.json().get("response"))
                except (requests.RequestException, ValueError) as exc:
                    ok, response = False, exc
                with lock:
                    latencies.append(time.perf_counter() - started)
                    if not ok:
                        errors.append(str(getattr(response, "status_code", response)))

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=20)
    latencies.sort()
    return {"workers": workers, "clients": clients, "requests": len(latencies), "errors": len(errors),
            "seconds": elapsed, "throughput_rps": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies), "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=ROOT / "datasets")
    args = parser.parse_args()
    result = run_load(args.data, args.workers, args.clients, args.requests)
    print(" ".join(f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()))
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
