"""Run a command and sample its whole process tree from /proc: peak memory and CPU time.

Shared by `throughput.py` and `memory.py`. The tree matters: `--jobs N` workers are started by a
fork server, so they are grandchildren that `getrusage(RUSAGE_CHILDREN)` never accounts for.
CPU time is the figure to trust on a machine shared with other work (wall time stretches with
the load average, CPU time barely does).
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Sample:
    returncode: int
    stderr: str
    wall: float
    cpu: float  # seconds, the command and all its descendants
    peak_main_mb: float
    peak_worker_mb: float  # the largest single descendant
    peak_total_mb: float  # the whole tree at one moment


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return 0


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            kids = [int(k) for t in Path(f"/proc/{p}/task").iterdir()
                    for k in (t / "children").read_text().split()]
        except OSError:
            continue
        found += kids
        stack += kids
    return found


def run_sampled(cmd: list[str], interval: float = 0.05) -> Sample:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    last_ticks: dict[int, int] = {}
    peak_main = peak_worker = peak_total = 0
    while proc.poll() is None:
        main = rss_kb(proc.pid)
        kids = descendants(proc.pid)
        sizes = [rss_kb(p) for p in kids]
        peak_main = max(peak_main, main)
        peak_worker = max(peak_worker, *sizes, 0)
        peak_total = max(peak_total, main + sum(sizes))
        for p in (proc.pid, *kids):
            ticks = cpu_ticks(p)
            if ticks:
                last_ticks[p] = ticks
        time.sleep(interval)
    stderr = proc.stderr.read() if proc.stderr else ""
    return Sample(proc.returncode, stderr, time.perf_counter() - started,
                  sum(last_ticks.values()) / TICKS, peak_main / 1024, peak_worker / 1024,
                  peak_total / 1024)
