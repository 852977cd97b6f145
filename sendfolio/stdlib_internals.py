"""The one part of the standard library's inside that sendfolio uses, in one place.

A cancelled or failed chunked compile stops its worker processes at once instead of waiting
for the chunk each is laying out: `ProcessPoolExecutor` has no public way to reach its workers,
so they are read from a private attribute, listed in `RELIES_ON`; nothing else in sendfolio
touches it. `tests/portfolio/test_framework_internals.py` fails, naming it, when a Python
upgrade moves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

RELIES_ON = (
    "ProcessPoolExecutor._processes (private): a dict of the pool's worker processes by pid, or None once "
    "the pool has shut down; a cancelled compile terminates them rather than wait for their chunks",
)
"""Every part of the standard library's inside that sendfolio uses, and why (all of them in this module)."""


def pool_processes(executor: ProcessPoolExecutor) -> list[BaseProcess]:
    """The worker processes of `executor` now running (none once it has shut down, or if Python hides them)."""
    processes: dict[int, BaseProcess] | None = getattr(executor, "_processes", None)
    return list((processes or {}).values())
