"""The figures in a real terminal: from launch to the first screen showing "N of M met", against a bare app.

    .venv/bin/python tests/benchmarks/tmux_start.py [--repeats 7] [--years 1 10] [--before /tmp/old-tree]

Each run starts a detached tmux session (120 × 40) holding a shell that waits; the clock starts
when Enter lets it `exec` the program, and stops at the first `tmux capture-pane` showing the
figures' heading ("N of M met"; the bare app paints one line of the same shape), when the program's CPU
time so far is read from /proc as well (a loaded machine stretches the wall time, not the CPU). Three programs
take turns, run by run, so the machine's load falls on all alike:

- the bare Textual app painting one Static (`tui_child.py bare-stay`);
- `sendfolio` on a folio opened before today (its figures kept beside it: the everyday start);
- `sendfolio` on the same folio with its kept figures deleted first (how every start was before).

sendfolio's modules are byte-compiled first, as an installed sendfolio is (`measure.byte_compiled`;
`--source` runs them from source). The folios are generated (`sendfolio generate`, seeded) and opened once through the app
(`tui_child.py warm`, with today's date) so their figures are kept. Nothing is asserted: the
medians, their ratios to the bare app and the load average are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from measure import byte_compiled  # noqa: E402  (the runner's tools, beside this script)

PYTHON = sys.executable
FIGURES = re.compile(r"\d+ of \d+ met")
"""The figures' heading on the Dashboard (and the bare app's one line)."""


def time_to_figures(argv: list[str], timeout: float = 60.0) -> tuple[float, float]:
    """Seconds from Enter (the shell `exec`s the program) to the pane first showing the figures, and the CPU
    seconds the program had used by then (its user and system time, read from /proc as the figures are seen:
    what a loaded machine stretches least)."""
    name = f"bench-{os.getpid()}-{time.monotonic_ns()}"
    waiting = f"read go; exec {shlex.join(argv)}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", "sh", "-c", waiting], check=True)
    try:
        pid = subprocess.run(
            ["tmux", "display-message", "-p", "-t", name, "#{pane_pid}"], capture_output=True, text=True, check=True
        ).stdout.strip()
        time.sleep(0.3)  # the shell is up and reading
        started = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", name, "Enter"], check=True)
        while time.perf_counter() - started < timeout:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if FIGURES.search(shown):
                return time.perf_counter() - started, cpu_seconds(pid)
            time.sleep(0.002)
        raise RuntimeError(f"no figures within {timeout} s: {shown[-400:]}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
        time.sleep(0.2)  # the program ends and lets go of the folio's lock


def cpu_seconds(pid: str) -> float:
    """The user and system CPU seconds of process `pid` so far (from /proc/PID/stat; 0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def folio(work: Path, years: int, tree: Path | None = None) -> Path:
    """A generated folio of `years` years, opened once through the app today (sealed, its figures kept), by
    this checkout's code or an older `tree`'s."""
    folder = work / f"folio-{years}y{'-before' if tree else ''}"
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree else None
    home = tree or HERE.parents[1]
    command = [PYTHON, "-m", "sendfolio", "--data-dir", str(folder), "generate", "--years", str(years)]
    subprocess.run(
        [*command, "--seed", "20250601", "--today", "2025-06-01"], check=True, capture_output=True, env=env, cwd=home
    )
    warm = [PYTHON, str(home / "tests" / "benchmarks" / "tui_child.py"), "warm", str(folder), date.today().isoformat()]
    subprocess.run(warm, check=True, capture_output=True, env=env, cwd=home)
    return folder


def main(argv: list[str] | None = None) -> int:
    """Measure, then print one line per program and folio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--source", action="store_true", help="run sendfolio from source, not byte-compiled first")
    parser.add_argument("--before", type=Path, help="an older source tree, measured in the same turns (kept figures)")
    options = parser.parse_args(argv)
    before = [options.before.resolve()] if options.before else []
    if not options.source:
        print(byte_compiled(*before))
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="sendfolio-tmux-") as scratch:
        folders = {years: folio(Path(scratch), years) for years in options.years}
        older = {years: folio(Path(scratch), years, tree) for tree in before for years in options.years}
        app = [PYTHON, "-m", "sendfolio", "--data-dir"]
        samples: dict[str, list[tuple[float, float]]] = {"bare": []}
        for _ in range(options.repeats):
            samples["bare"].append(time_to_figures([PYTHON, str(HERE / "tui_child.py"), "bare-stay"]))
            for years, folder in folders.items():
                samples.setdefault(f"kept {years}y", []).append(time_to_figures([*app, str(folder)]))
                (folder / "figures.cache").unlink(missing_ok=True)
                samples.setdefault(f"none {years}y", []).append(time_to_figures([*app, str(folder)]))
                subprocess.run([PYTHON, str(HERE / "tui_child.py"), "warm", str(folder), date.today().isoformat()])
            for years, folder in older.items():
                # from the old tree's folder: `python -m` puts the working folder first on the path
                then = ["env", "-C", str(before[0]), f"PYTHONPATH={before[0]}", *app, str(folder)]
                samples.setdefault(f"before, kept {years}y", []).append(time_to_figures(then))
    bare = statistics.median(wall for wall, _ in samples["bare"])
    bare_cpu = statistics.median(cpu for _, cpu in samples["bare"])
    for label, pairs in samples.items():
        values = [wall for wall, _ in pairs]
        middle, cpu = statistics.median(values), statistics.median(used for _, used in pairs)
        print(
            f"{label}: median {middle * 1000:.0f} ms (n={len(values)}, {min(values) * 1000:.0f}-"
            f"{max(values) * 1000:.0f}), {middle / bare:.2f}x the bare app; CPU to the figures "
            f"{cpu * 1000:.0f} ms, {cpu / bare_cpu:.2f}x the bare app's"
        )
    print(f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
