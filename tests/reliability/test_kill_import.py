"""Kill -9 a process in the middle of a big CSV import: the folio holds all of it or none of it.

Kills during ordinary saves are tests/store/test_storage_crash.py's (the store's); not repeated here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kill_tools import Child, copy_folder, cpd, kill_times, snapshot

from sendfolio.store import Folio

ROWS = 2000
"""Rows of the big CSV file (one CPD entry each)."""


def big_csv(path: Path, rows: int = ROWS) -> Path:
    """A CPD diary CSV file of many fictional rows."""
    lines = ["date,hours,method,title,learning"]
    lines += [
        f"2024-{row % 12 + 1:02d}-{row % 28 + 1:02d},1.5,reading,Imported entry {row},Fictional learning {row}"
        for row in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path) -> Path:
    """A small folio to import into, kept pristine (each run works on a copy)."""
    folder = tmp_path / "base"
    with Folio.open(folder) as folio:
        for number in range(5):
            folio.put(cpd(f"Existing entry {number}"))
    return folder


def imported_titles(folder: Path) -> set[str]:
    """The titles of imported CPD entries the folio holds."""
    with Folio.open(folder) as folio:
        return {entry.title for entry in folio.cpd() if entry.title.startswith("Imported")}


def kill_loop(tmp_path: Path, base: Path, runs: int, name: str) -> dict[str, int]:
    """Import, killing the child at spread-out instants; check all-or-nothing after each; tally outcomes."""
    csv = big_csv(tmp_path / "cpd.csv")
    work = tmp_path / "run"
    before = snapshot(base)["folio.json"]
    calibration = Child("import", str(copy_folder(base, work)), str(csv)).go_and_kill(None)
    assert len(imported_titles(work)) == ROWS
    tally = {"none": 0, "all": 0}
    for delay in kill_times(name, runs, calibration.seconds):
        Child("import", str(copy_folder(base, work)), str(csv)).go_and_kill(delay)
        held = imported_titles(work)
        assert len(held) in (0, ROWS), f"killed after {delay:.3f} s: {len(held)} of {ROWS} rows were saved"
        if not held:
            assert snapshot(work)["folio.json"] == before, "nothing imported, yet the folio file changed"
        tally["all" if held else "none"] += 1
        assert not list(work.glob(".folio.json.*.tmp")), "a temporary file survived opening the folio"
    return tally


def test_killed_import_saves_all_or_nothing(tmp_path, base, loops):
    """About a dozen kills during a 2,000-row import: never part of it."""
    kill_loop(tmp_path, base, loops, "import")


@pytest.mark.slow
def test_killed_import_many_times(tmp_path, base, loops):
    """Hundreds of kills: never part of the import; both outcomes are seen."""
    tally = kill_loop(tmp_path, base, loops, "import-slow")
    assert tally["none"] and tally["all"], f"the kills did not land on both sides of the save: {tally}"
