"""Shared fixtures: a real folio in a temporary folder, and a fixed 'today'."""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.dates import FIXED_TODAY


def _bytecode_written() -> None:
    """Python keeps the compiled modules of sendfolio and the tests beside their sources, as it does by default.

    With `PYTHONDONTWRITEBYTECODE` set (it is, on the reference machine), every test worker and every
    `python -m sendfolio` a test starts would compile sendfolio (and pytest each test module) from
    source again: a tenth of the CPU of the command-line and reliability tests. This conftest is read
    by pytest before it starts its workers, so the workers and their children inherit the setting.
    The `__pycache__` folders are ignored by git.
    """
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def _fewer_collections() -> None:
    """The young objects are collected every 50,000 allocations instead of 700.

    A Pilot test makes and drops objects by the hundred thousand (styles, strips, messages), and
    CPython's default young-generation threshold walks them hundreds of times a test, most of it
    finding nothing to free (its share of the TUI tests' CPU: tests/benchmarks/README.md). The app's own pauses and
    freezes (`tui/support/memory.py`) are unchanged; only how often the collector runs between them.
    """
    gc.set_threshold(50_000, 20, 100)


_bytecode_written()
_fewer_collections()


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: unknown under -p no:xdist
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: two pytest-xdist workers more than the cores this process may run on.

    A TUI test waits for the app to go still after each key and pause (Textual's Pilot sleeps
    20 ms at a time until the process is idle): over half of a TUI test's time on an idle machine
    uses no processor, so with one worker per core the cores stand idle for much of the run. The
    extra workers compute meanwhile (three against four workers on the idle 2-core machine:
    tests/benchmarks/README.md). `PYTEST_XDIST_AUTO_NUM_WORKERS` still decides when set.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    return len(os.sched_getaffinity(0)) + 2


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """`-n` without `--dist` hands the tests out with pytest-xdist's `worksteal`.

    Each worker starts on its own run of neighbouring tests, so a module's fixtures (a compiled
    portfolio) are built once rather than once on every worker, and a worker that runs out takes
    half of what another still has queued. `--dist load` and the others still work as given.
    """
    if getattr(config.option, "numprocesses", None) and getattr(config.option, "dist", "no") == "no":
        config.option.dist = "worksteal"


@pytest.fixture(autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own: the default output folder (`~/Documents/sendfolio`) and the file
    picker's starting folder are in it, never in the real home. It is made beside the test's `tmp_path`,
    not inside it, so a test that lists its own folder finds only what it made. Caches stay where they were (fonts)."""
    folder = tmp_path_factory.mktemp("home")
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    monkeypatch.setenv("XDG_CACHE_HOME", cache)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return folder


@pytest.fixture
def today() -> date:
    """A fixed date for tests."""
    return FIXED_TODAY


@pytest.fixture
def folio_dir(tmp_path):
    """An empty folder for a folio."""
    path = tmp_path / "folio"
    path.mkdir()
    return path


@pytest.fixture
def demo_folio(folio_dir, today):
    """A real folio on disk filled with the demo records; closed after the test."""
    from sendfolio.samples.demo import write_demo
    from sendfolio.store import Folio

    folio = Folio.open(folio_dir)
    write_demo(folio, today)
    yield folio
    folio.close()
