"""The figures in a real terminal: from launch to the first screen showing "N of M met", against a bare app.

    .venv/bin/python tests/benchmarks/tmux_start.py [--repeats 7] [--years 1 10]

Each run starts a detached tmux session (120 × 40) holding a shell that waits; the clock starts
when Enter lets it `exec` the program, and stops at the first `tmux capture-pane` showing the
figures' heading ("N of M met"; the bare app paints one line of the same shape). Three programs
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


def time_to_figures(argv: list[str], timeout: float = 60.0) -> float:
    """Seconds from Enter (the shell `exec`s the program) to the pane first showing the figures."""
    name = f"bench-{os.getpid()}-{time.monotonic_ns()}"
    waiting = f"read go; exec {shlex.join(argv)}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", "sh", "-c", waiting], check=True)
    try:
        time.sleep(0.3)  # the shell is up and reading
        started = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", name, "Enter"], check=True)
        while time.perf_counter() - started < timeout:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if FIGURES.search(shown):
                return time.perf_counter() - started
            time.sleep(0.002)
        raise RuntimeError(f"no figures within {timeout} s: {shown[-400:]}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
        time.sleep(0.2)  # the program ends and lets go of the folio's lock


def folio(work: Path, years: int) -> Path:
    """A generated folio of `years` years, opened once through the app today (sealed, its figures kept)."""
    folder = work / f"folio-{years}y"
    command = [PYTHON, "-m", "sendfolio", "--data-dir", str(folder), "generate", "--years", str(years)]
    subprocess.run([*command, "--seed", "20250601", "--today", "2025-06-01"], check=True, capture_output=True)
    subprocess.run([PYTHON, str(HERE / "tui_child.py"), "warm", str(folder), date.today().isoformat()], check=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    """Measure, then print one line per program and folio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--source", action="store_true", help="run sendfolio from source, not byte-compiled first")
    options = parser.parse_args(argv)
    if not options.source:
        print(byte_compiled())
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="sendfolio-tmux-") as scratch:
        folders = {years: folio(Path(scratch), years) for years in options.years}
        app = [PYTHON, "-m", "sendfolio", "--data-dir"]
        samples: dict[str, list[float]] = {"bare": []}
        for _ in range(options.repeats):
            samples["bare"].append(time_to_figures([PYTHON, str(HERE / "tui_child.py"), "bare-stay"]))
            for years, folder in folders.items():
                samples.setdefault(f"kept {years}y", []).append(time_to_figures([*app, str(folder)]))
                (folder / "figures.cache").unlink(missing_ok=True)
                samples.setdefault(f"none {years}y", []).append(time_to_figures([*app, str(folder)]))
                subprocess.run([PYTHON, str(HERE / "tui_child.py"), "warm", str(folder), date.today().isoformat()])
    bare = statistics.median(samples["bare"])
    for label, values in samples.items():
        middle = statistics.median(values)
        print(
            f"{label}: median {middle * 1000:.0f} ms (n={len(values)}, {min(values) * 1000:.0f}-"
            f"{max(values) * 1000:.0f}), {middle / bare:.2f}x the bare app"
        )
    print(f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
