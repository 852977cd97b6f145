"""Files built once per test run and read by many tests, whichever pytest-xdist worker runs them.

The first worker to ask builds the folder under a lock in the run's temporary folder; the others
wait for it and read what it built. Tests only read these files: a test that changes one copies it
first (`shutil.copytree`).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

import pytest


def worker() -> str:
    """The pytest-xdist worker this process is ("gw0", ...), or "master" when xdist is not running (`-p no:xdist`,
    where xdist's own `worker_id` fixture does not exist)."""
    return os.environ.get("PYTEST_XDIST_WORKER", "master")


def built_once(factory: pytest.TempPathFactory, worker: str, name: str, build: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `build(folder)` the first time any worker of this run asks for it."""
    root = factory.getbasetemp()
    if worker != "master":
        root = root.parent  # the run's folder, above each worker's own
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".built").exists():
            folder.mkdir(exist_ok=True)
            build(folder)
            (folder / ".built").touch()
    return folder
