"""Saving a large folio off the screen's thread, so that no key waits for a save.

Every change of the folio is saved at once, atomically: the whole file is written, synced and
renamed into place. On a folio of many years that is a wait the mediator should never feel, so a
screen saves with `await saving(folio, change, ...)` from its `@work` coroutine: a folio file
larger than `INLINE_BYTES` is changed and saved in a thread while the screen answers keys, and
the coroutine goes on (saying "Saved", redrawing) once the save stands; what the save raises
(`FolioError`: nothing was changed) is raised there, as before. A small folio saves in a few
milliseconds and is saved at once, in the coroutine.

Saves made here run one at a time. The folio replaces (never changes in place) the dicts its
readers walk, so the screen may read it while a save runs.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sendfolio.store import Folio

T = TypeVar("T")

INLINE_BYTES = 2 * 1024 * 1024
"""A folio file up to this size (about three years of records) is saved on the screen's thread."""

ONE_AT_A_TIME = threading.Lock()
"""Held while a save made here runs in its thread."""

_RUNNING = [0]
"""How many saves made here are under way in a thread (from the moment each is asked for)."""


def under_way() -> bool:
    """True while a save asked for here runs in its thread (a form keeps its draft until that save stands)."""
    return _RUNNING[0] > 0


def large(folio: Folio) -> bool:
    """True when the folio's file is larger than `INLINE_BYTES` (a save of it then runs in a thread)."""
    try:
        return os.stat(folio.path).st_size > INLINE_BYTES
    except OSError:
        return False


def _one_at_a_time(change: Callable[..., T], args: tuple[Any, ...]) -> T:
    """Run the change while no other save made here runs."""
    with ONE_AT_A_TIME:
        return change(*args)


async def saving(folio: Folio, change: Callable[..., T], *args: Any) -> T:
    """`change(*args)` (a put, a delete, a batch of `folio`), in a thread when the folio is large; its result."""
    if not large(folio):
        return _one_at_a_time(change, args)
    _RUNNING[0] += 1
    try:
        return await asyncio.to_thread(_one_at_a_time, change, args)
    finally:
        _RUNNING[0] -= 1
