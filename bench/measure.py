"""Run a command as a child process and measure its wall time and peak memory (ru_maxrss)."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Measured:
    label: str
    seconds: float
    peak_mb: float


def measure(label: str, argv: list[str], *, env: dict[str, str] | None = None) -> Measured:
    """Wall time and the child's own peak RSS (from wait4, so other processes do not count)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{label} failed: {err[-2000:]}")
    return Measured(label, seconds, usage.ru_maxrss / 1024)
