"""Keep Python's garbage collector from holding the screen: long-lived objects are frozen out of its way.

API: `freeze_long_lived(key)`, once per key (later calls with the same key do nothing);
`with collector_paused():` around a burst that makes many objects meant to live (opening a folio);
`paused_until_first_paint()` as `sendfolio` starts, and `collect_again()` once the first screen is painted.

CPython's full collections walk every object the collector tracks. With a ten-year folio open
and a few of its long tables drawn, that is hundreds of thousands of objects, walked while
the screen's thread answers no key, at moments no one chooses (tests/benchmarks/README.md). `gc.freeze()` moves everything alive into a generation the collector never walks, so
its collections cost only what was made since. It is called at a few moments: once the
Dashboard is up and the areas imported, and once after each table's first fill (the rows
live as long as the screen). The young generations are collected first (they are small),
so little garbage is frozen with them. Frozen objects are still freed when nothing refers to
them; only reference cycles among them would stay, and each key freezes once, so a session
freezes a bounded number of times.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_DONE: set[str] = set()
"""The keys already frozen after."""

_PAUSED_AT_START: list[bool] = []
"""Holds True while the collector waits for the first screen to be painted (`paused_until_first_paint`)."""


def freeze_long_lived(key: str) -> None:
    """Freeze the objects alive now out of the collector's way, the first time for this key."""
    if key in _DONE:
        return
    _DONE.add(key)
    gc.collect(1)
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection while the block runs (in any thread), then as before.

    Reading a long folio makes hundreds of thousands of objects that all stay alive: the collector
    would walk them again and again as they are made, finding nothing to free.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def paused_until_first_paint() -> None:
    """At start (`sendfolio` opening the app): no collection until the first screen is painted (`collect_again`).

    Everything made while the app starts (the modules, classes, styles and widgets) stays alive, so the
    collector, walking it again and again as it is made, would find nothing to free; its walks were a
    sizeable part of the start-up (tests/benchmarks/README.md).
    """
    gc.disable()
    _PAUSED_AT_START.append(True)


def collect_again() -> None:
    """The first screen is painted: what the start made is frozen out of the collector's way, which works again."""
    if _PAUSED_AT_START:
        _PAUSED_AT_START.clear()
        freeze_long_lived("first paint")
        gc.enable()
