"""Fill a DataTable in batches, so a long table (ten years of records) never holds up the keys.

`fill_rows(table, rows, then=...)` clears the table and adds the first `BATCH` rows at once
(a short table is filled before the call returns, as before); the rest follow a batch per
turn of the event loop, so a key pressed meanwhile is answered after at most one batch.
A newer fill of the same table supersedes one still running. `then` runs once every row
is in (to put the cursor back on the row it was on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from textual.widgets import DataTable

BATCH = 100
"""Rows added per turn of the event loop."""

_FILLS: WeakKeyDictionary[DataTable, object] = WeakKeyDictionary()
"""The fill in progress of each table (a newer one wins)."""


def fill_rows(
    table: DataTable,
    rows: Sequence[tuple[Sequence[Any], str | None]],
    *,
    then: Callable[[], None] | None = None,
    batch: int = BATCH,
) -> None:
    """Replace the table's rows with `rows` ((cells, key) pairs), a batch per turn; `then` when done."""
    fill = object()
    _FILLS[table] = fill
    table.clear()

    def add(start: int) -> None:
        """Add one batch, then ask for a turn for the next (unless a newer fill took over)."""
        if _FILLS.get(table) is not fill or not table.is_attached:
            return
        for cells, key in rows[start : start + batch]:
            table.add_row(*cells, key=key)
        if start + batch < len(rows):
            table.call_later(add, start + batch)
        elif then is not None:
            then()

    add(0)
