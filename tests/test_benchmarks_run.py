"""Benchmarks are not tests; this only proves the script still runs end to end at the smallest size."""

import subprocess
import sys

import pytest

from support.browser import ROOT


@pytest.mark.slow
def test_benchmark_script_runs_quick():
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    for name in ("cold start to first 200", "validate (fresh interpreter)", "timeline callback p50",
                 "filter -> timeline redrawn p50", "page weight, first load"):
        assert name in done.stdout
