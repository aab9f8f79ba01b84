"""Benchmarks are not tests; this only proves `python -m benchmarks --quick` still runs end to end (1x, few
repeats) and prints every figure. No timing is asserted."""

import subprocess
import sys

import pytest

from support.browser import ROOT

FIGURES = ("cold start to first 200", "cold start, no snapshot (validates)", "validate (fresh interpreter)",
           "headline callback p50 (server)", "server views callback p50", "timeline program (once per version)", "first graph drawn p50", "filter -> timeline redrawn p50",
           "react floor with range slider", "redraws per filter click", "page weight, first load",
           "first graph drawn vs export p50", "page weight, second visit", "export-html, whole timeline",
           "load test, 50 clients (gunicorn)")


@pytest.mark.browser
@pytest.mark.slow
def test_benchmark_script_runs_quick():
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick"], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    for name in FIGURES:
        assert name in done.stdout, f"{name!r} not printed:\n{done.stdout}"
