"""Fill a DataTable in batches, so a long table (ten years of records) never holds up the keys.

`fill_rows(table, rows, select=..., then=...)` clears the table and adds the first batch at
once (a short table is filled before the call returns); the rest follow from a worker, one
batch per turn of the event loop, so a key pressed meanwhile is answered after at most one
batch. A newer fill of the same table supersedes one still running (the older one stops at
its next turn; it is not cancelled, which would make `wait_for_complete` raise), and
`app.workers.wait_for_complete()` waits for a fill to finish.

The turns must be real turns of asyncio's loop: a Textual message pump handles every message
already in its queue without giving the loop a turn, so batches posted with `call_later`
(as this module first did) all ran in one go. `DataTable` measures the cells of new rows when
its queue runs dry (`on_idle`); yielding after each batch lets it measure that batch alone.

`select` (a row key) puts the cursor on that row as soon as it is in, unless the cursor was
moved meanwhile; `then` runs once every row is in. After a table's first long fill its rows are
frozen out of the garbage collector's way (`sendfolio.tui.support.memory`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from sendfolio.tui.support.loop import let_keys_in
from sendfolio.tui.support.memory import freeze_long_lived

BATCH = 100
"""Rows added per turn of the event loop (a table of few columns)."""

CELLS = 1_000
"""At most about this many cells are added per turn (a wide table gets fewer rows a turn)."""


def batch_size(columns: int, batch: int = BATCH) -> int:
    """Rows a turn for a table of `columns` columns: `batch`, fewer when the rows are wide."""
    return max(1, min(batch, CELLS // max(1, columns)))


def fill_rows(
    table: DataTable,
    rows: Sequence[Any],
    *,
    make: Callable[[Any], tuple[Sequence[Any], str | None]] | None = None,
    select: str | None = None,
    then: Callable[[], None] | None = None,
    batch: int | None = None,
) -> None:
    """Replace the table's rows with `rows`, a batch per turn; cursor to `select`; `then` when done.

    `rows` are (cells, key) pairs, or any items when `make` turns an item into its pair: then
    each item's cells are worked out in the turn that adds it, so costly cells are spread too.
    """
    size = batch or batch_size(len(table.columns))
    table.clear()
    fill = _Fill(table, select, make)
    _FILLS[table] = fill
    fill.add(rows[:size])
    if len(rows) <= size:
        _filled(table, then)
        return

    async def rest() -> None:
        """Add the other batches, giving the loop a turn after each; stop if a newer fill began."""
        for start in range(size, len(rows), size):
            await let_keys_in()
            if _FILLS.get(table) is not fill or not table.is_attached:
                return
            fill.add(rows[start : start + size])
        _filled(table, then)

    # Not exclusive: a cancelled worker would make `wait_for_complete` raise; a superseded fill stops itself.
    table.run_worker(rest(), group="fill-rows", exit_on_error=True)


def _filled(table: DataTable, then: Callable[[], None] | None) -> None:
    """A fill is done: run `then`; after a table's first long fill, freeze its rows out of the collector's way.

    The rows live as long as the screen; the collector's full collections walked them all
    (see `sendfolio.tui.support.memory`). A short table is not worth it.
    """
    if then is not None:
        then()
    if table.is_attached and table.row_count * max(1, len(table.columns)) > CELLS:
        freeze_long_lived(f"table:{type(table.screen).__name__}#{table.id}")


_FILLS: WeakKeyDictionary[DataTable, _Fill] = WeakKeyDictionary()
"""The latest fill of each table (an older one still running stops at its next turn)."""


class _Fill:
    """One fill in progress: adds rows and moves the cursor to the selected row once it is in."""

    def __init__(self, table: DataTable, select: str | None, make: Callable[[Any], Any] | None) -> None:
        """Fill `table`; `select` is the row key to put the cursor on (None: leave it)."""
        self.table = table
        self.select = select
        self.make = make
        self.count = 0

    def add(self, rows: Sequence[Any]) -> None:
        """Add `rows`; put the cursor on the selected one if it came and the cursor was not moved."""
        table = self.table
        make = self.make
        for item in rows:
            cells, key = make(item) if make is not None else item
            table.add_row(*cells, key=key)
            if self.select is not None and key == self.select:
                if table.cursor_coordinate == Coordinate(0, 0):
                    table.move_cursor(row=self.count)
                self.select = None
            self.count += 1
