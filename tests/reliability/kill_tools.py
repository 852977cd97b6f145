"""Shared tools of the fault-injection suite: fictional records, folio snapshots, killed children.

Set SENDFOLIO_FAULT_SEED to replay a failing sequence of kill times. (A module of its own, not
conftest.py: `from conftest import` would be ambiguous beside the other test folders' conftests.)
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sendfolio.domain.records import CPDEntry

HERE = Path(__file__).resolve().parent
"""This folder (the child programs live here)."""

FAULT_CHILD = HERE / "fault_child.py"
"""The child program that prepares an operation, waits for "go", does it, and waits to be killed."""

SEED = int(os.environ.get("SENDFOLIO_FAULT_SEED", "20250601"))
"""Seed of the kill times."""

PASSPHRASES = ("first fictional passphrase", "second fictional passphrase")
"""The passphrases the encryption children switch between."""


def cpd(title: str = "Fictional reading", **changes) -> CPDEntry:
    """A valid, fictional CPD entry."""
    values = {"date": "2025-03-01", "hours": "1.5", "method": "reading", "title": title, "learning": "Notes."}
    return CPDEntry.from_dict({**values, **changes})


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (not the lock) by name, with its bytes."""
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.is_file() and path.name != "folio.lock"
    }


def rng(name: str) -> random.Random:
    """A random generator for one test, from the suite's seed and the test's name."""
    return random.Random(f"{SEED}-{name}")


@dataclass
class Killed:
    """What a killed child had reported: whether it started the operation and whether it finished."""

    started: bool
    finished: bool
    seconds: float | None


class Child:
    """A fault child process: prepared, told to go, then killed with SIGKILL."""

    def __init__(self, *args: str):
        """Start the child and wait until it has prepared its operation."""
        self.process = subprocess.Popen(
            [sys.executable, str(FAULT_CHILD), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline().strip()
        if line != "ready":
            self.process.kill()
            raise AssertionError(f"child did not get ready: {line!r} {self.process.stderr.read()[-2000:]}")

    def go_and_kill(self, delay: float | None) -> Killed:
        """Start the operation, SIGKILL the child `delay` seconds later (None: let it finish first)."""
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        if delay is None:
            return self._finish()
        time.sleep(delay)
        self.process.kill()
        out, err = self.process.communicate()
        lines = out.split()
        return Killed("started" in lines, "done" in lines, None)

    def _finish(self) -> Killed:
        """Wait for "done <seconds>", then kill the waiting child."""
        line = ["started"]
        while line and line[0] == "started":
            line = self.process.stdout.readline().split()
        self.process.kill()
        _, err = self.process.communicate()
        assert line and line[0] == "done", f"child failed: {err[-2000:]}"
        return Killed(True, True, float(line[1]))


def kill_times(name: str, runs: int, duration: float) -> list[float]:
    """Kill delays over the operation's measured duration: every other one in its last part (the save)."""
    chooser = rng(name)
    spans = ((0.0, duration * 1.3), (duration * 0.75, duration * 1.3))
    return [chooser.uniform(*spans[run % 2]) + 0.001 for run in range(runs)]


def copy_folder(source: Path, target: Path) -> Path:
    """A fresh copy of a folio folder (replacing whatever was there)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target
