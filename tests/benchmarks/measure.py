"""Measuring tools of the benchmark runner: timed child processes, medians, the report table.

Every measure is a pair run side by side -- sendfolio's and a baseline doing the least
the same job needs -- alternated run by run so that load on the machine hits both alike.
A benchmark reports ratios and whether each meets its target; it never fails on slowness.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The repository root."""

PYTHON = sys.executable
"""The interpreter of the project's venv (the one running the benchmarks)."""

SENDFOLIO = [PYTHON, "-m", "sendfolio"]
"""How to run the sendfolio command in a child process."""


@dataclass
class ChildRun:
    """One finished child process: wall time, peak RSS and what it printed."""

    seconds: float
    max_rss_mb: float
    stdout: str
    tree_rss_mb: float = 0.0
    """Peak of the summed RSS of the child and all its descendants (sampled), when asked for."""
    started: float = 0.0
    """`time.monotonic()` just before the child was spawned (the clock is the same in every process)."""
    cpu_seconds: float = 0.0
    """User and system CPU time of the child and the children it waited for (its workers)."""


@dataclass
class Pair:
    """One measure: sendfolio's samples against a baseline's, with a target ratio (or limit)."""

    number: str
    what: str
    ours_label: str
    base_label: str
    target: float | None
    ours: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        """Median of ours over median of the baseline (None without a baseline)."""
        if not self.base or not self.ours:
            return None
        return statistics.median(self.ours) / statistics.median(self.base)

    @property
    def met(self) -> bool | None:
        """True when the ratio (or, without a baseline, the value) is within the target."""
        if self.target is None or not self.ours:
            return None
        value = self.ratio if self.base else statistics.median(self.ours)
        return value is not None and value <= self.target


def tree_rss_mb(root: int) -> float:
    """The summed RSS (MB) of process `root` and all its descendants now (from /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        sizes[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    wanted, total = [root], 0
    while wanted:
        pid = wanted.pop()
        total += sizes.get(pid, 0)
        wanted += [child for child, parent in parents.items() if parent == pid]
    return total / 2**20


def run_child(
    argv: list[str], *, cwd: Path | None = None, check: bool = True, env: dict | None = None, tree: bool = False
) -> ChildRun:
    """Run a child to the end: wall time from spawn to exit, its own peak RSS (ru_maxrss).

    With `tree`, the summed RSS of the child and its descendants (worker processes) is sampled
    every 0.2 s and its peak reported too.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        spawned = time.monotonic()
        started = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd or REPO, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        peak = 0.0
        while tree:
            done, status, usage = os.wait4(child.pid, os.WNOHANG)
            if done:
                break
            peak = max(peak, tree_rss_mb(child.pid))
            time.sleep(0.2)
        else:
            _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        printed, complaint = out.read().decode(), err.read().decode()
    if check and child.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(map(str, argv))} failed ({child.returncode}): {complaint[-800:]}")
    return ChildRun(
        seconds,
        usage.ru_maxrss / 1024,
        printed,
        max(peak, usage.ru_maxrss / 1024),
        spawned,
        usage.ru_utime + usage.ru_stime,
    )


def alternate(pair: Pair, repeats: int, ours: Callable[[], float], base: Callable[[], float]) -> Pair:
    """Fill a pair with `repeats` samples of each, taken turn about (ours, base, ours, ...)."""
    for _ in range(repeats):
        pair.ours.append(ours())
        pair.base.append(base())
    return pair


def median(values: list[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")


def show(value: float, unit: str) -> str:
    """A measured value with its unit."""
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def table(pairs: list[Pair]) -> str:
    """The Markdown report table: medians, ratio, target, met."""
    lines = [
        "| # | measure | sendfolio (median) | baseline (median) | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for pair in pairs:
        ours = f"{show(median(pair.ours), pair.unit)} ({pair.ours_label}, n={len(pair.ours)})"
        base = f"{show(median(pair.base), pair.unit)} ({pair.base_label}, n={len(pair.base)})" if pair.base else "–"
        ratio = f"{pair.ratio:.2f}×" if pair.ratio is not None else "–"
        target = (
            "–"
            if pair.target is None
            else (f"≤ {pair.target:g}×" if pair.base else f"≤ {show(pair.target, pair.unit)}")
        )
        met = {True: "yes", False: "**no**", None: "–"}[pair.met]
        lines.append(f"| {pair.number} | {pair.what} | {ours} | {base} | {ratio} | {target} | {met} |")
    return "\n".join(lines)


def byte_compiled(*trees: Path) -> str:
    """Compile sendfolio's modules (of this checkout, and of each older tree) to bytecode, as an installed
    sendfolio is; return a note saying so.

    pip byte-compiles a package it installs, and Python keeps the bytecode of what it imports, unless
    `PYTHONDONTWRITEBYTECODE` is set, as on the reference machine: there every child compiled sendfolio's
    modules from source at each start (tests/benchmarks/README.md), while Textual, the bare app's only
    code, was installed compiled. The bytecode goes to each package's `__pycache__` (ignored by git).
    """
    import compileall

    for tree in (REPO, *trees):
        compileall.compile_dir(tree / "sendfolio", quiet=2)
    return "sendfolio's modules byte-compiled before measuring, as an installed sendfolio is (pip compiles at install)"
