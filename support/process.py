"""Run a fresh interpreter and measure it: wall time and peak memory (VmHWM)."""

from __future__ import annotations

import subprocess
import time

from support.browser import ROOT

PEAK_WRAPPER = ("import resource, runpy, sys; sys.argv = sys.argv[1:]\n"
                "try:\n    runpy.run_module(sys.argv[0], run_name='__main__') if sys.argv[0] != '-c' "
                "else exec(sys.argv[1])\nexcept SystemExit as exit_:\n    code = exit_.code\nelse:\n    code = 0\n"
                "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
                "print('peak_kib', hwm[0].split()[1] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
                " file=sys.stderr)\n"
                "sys.exit(code)")


def timed_process(command: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of a fresh interpreter running `-m module ...` or `-c code ...`.

    Peak is VmHWM, which exec resets (ru_maxrss would carry over this process's own peak)."""
    args = command[2:] if command[1] == "-m" else command[1:]
    started = time.perf_counter()
    done = subprocess.run([command[0], "-c", PEAK_WRAPPER, *args], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stdout + done.stderr)
    return elapsed, int(done.stderr.strip().splitlines()[-1].split()[-1])
