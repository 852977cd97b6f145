"""Kill a saving process at random instants: the folio always opens and holds every save that returned."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sendfolio.store import Folio

CHILD = Path(__file__).with_name("store_crash_child.py")
"""The program that saves until it is killed."""

SLOTS = 8
"""Entries shared by the runs, as in the child program."""

SEED = int(os.environ.get("SENDFOLIO_CRASH_SEED", "20250302"))
"""Seed of the kill times (set SENDFOLIO_CRASH_SEED to replay a failure)."""


def run_and_kill(data_dir: Path, run: int, delay: float) -> list[int]:
    """Start the child, SIGKILL it `delay` seconds after it has opened the folio; the save numbers it printed.

    The clock starts when the child says "open", not when it is started: on a loaded machine
    the interpreter's start-up alone can take longer than the longest delay.
    """
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(run)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    if first.strip() == "open":
        time.sleep(delay)
    child.kill()
    out, err = child.communicate()
    assert child.returncode == -9, f"child ended by itself: {err}"
    return [int(line) for line in (first + out).split() if line.isdigit()]


def saved_seq(folio: Folio, run: int) -> int | None:
    """The save number held for this run's entry, if any."""
    entry = next((item for item in folio.cpd() if item.id == f"run-{run % SLOTS}"), None)
    return int(entry.title.split()[1]) if entry else None


def check_run(data_dir: Path, run: int, printed: list[int], expected: dict[int, tuple]) -> None:
    """The folio opens, holds the last reported save (or one more), and other runs' entries are intact."""
    slot = run % SLOTS
    before = expected.pop(slot, (None, None))
    with Folio.open(data_dir) as folio:
        held, batched = saved_seq(folio, run), folio.get_setting(f"seq-{slot}")
        allowed = (printed[-1], printed[-1] + 1) if printed else (before[0], 0)
        assert held in allowed, f"run {run}: last reported save {printed[-1:]}, folio holds {held}"
        assert batched == before[1] or (held is not None and batched <= held), f"run {run}: setting {batched}"
        for other, (seq, setting) in expected.items():
            assert (saved_seq(folio, other), folio.get_setting(f"seq-{other}")) == (seq, setting), f"slot {other}"
        expected[slot] = (held, batched)
    assert not list(data_dir.glob(".folio.json.*.tmp")), "a temporary file was left after opening"


def crash_loop(data_dir: Path, runs: int) -> int:
    """Kill the child `runs` times at random instants, checking the folio after each; kills that hit a save."""
    rng = random.Random(SEED)
    expected: dict[int, tuple] = {}
    reported = mid_save = 0
    for run in range(runs):
        printed = run_and_kill(data_dir, run, rng.uniform(0.02, 0.5))
        reported += len(printed)
        mid_save += bool(list(data_dir.glob(".folio.json.*.tmp")))
        check_run(data_dir, run, printed, expected)
    assert reported > runs, "the child hardly ever saved: the kills tested nothing"
    return mid_save


def test_killed_saves_never_lose_a_returned_save(tmp_path):
    """About 30 kills at random instants: the folio always opens and holds every reported save."""
    crash_loop(tmp_path / "folio", runs=30)


@pytest.mark.slow
def test_killed_saves_many_times(tmp_path):
    """Three hundred kills; at least one of them lands inside a save."""
    assert crash_loop(tmp_path / "folio", runs=300) > 0, "no kill landed inside a save"
