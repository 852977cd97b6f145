"""A DataTable that keeps the cells it has drawn while rows are added at its end.

Textual's `DataTable` keys every drawn cell by a count bumped on each added row, so each
batch of a long fill (`sendfolio.tui.widgets.batches`) redrew every cell in sight through
Rich, a long turn of the event loop for each batch while a long archive's cases came in. `LongTable` keeps a drawn cell for as long as
what it shows cannot have changed: the same row in the same place, the same width, style,
cursor and hover; anything else that changes the cells (new content, columns, clearing, a
style or theme change, Textual's own cache clearing) starts afresh.

Built on `CellHookTable` (`tui/support/textual_internals.py`, where Textual's private names are kept).
"""

from __future__ import annotations

from typing import Any

from rich.style import Style

from sendfolio.tui.support.textual_internals import CellHookTable

KEPT = 20_000
"""At most this many drawn cells are kept (then they are all dropped and drawn again)."""


class LongTable(CellHookTable):
    """A DataTable whose drawn cells survive rows being added (see the module's docstring)."""

    _cells_version = 0
    """Bumped whenever a kept cell might no longer be right."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """As `DataTable`."""
        self._kept_cells: dict[tuple, Any] = {}
        super().__init__(*args, **kwargs)

    def _forget_cells(self) -> None:
        """Draw every cell afresh from now on."""
        self._cells_version += 1
        self._kept_cells.clear()

    def caches_cleared(self) -> None:
        """Textual clears its caches (rows cleared, a watched setting changed): so do we."""
        self._forget_cells()

    def notify_style_update(self) -> None:
        """Restyled (a theme, a class): draw afresh."""
        self._forget_cells()
        super().notify_style_update()

    def update_cell(self, *args: Any, **kwargs: Any) -> None:
        """A cell's content changed: draw afresh."""
        self._forget_cells()
        super().update_cell(*args, **kwargs)

    def add_column(self, *args: Any, **kwargs: Any) -> Any:
        """Columns changed: draw afresh."""
        self._forget_cells()
        return super().add_column(*args, **kwargs)

    def remove_column(self, *args: Any, **kwargs: Any) -> None:
        """Columns changed: draw afresh."""
        self._forget_cells()
        super().remove_column(*args, **kwargs)

    def draw_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> Any:
        """The drawn cell, kept while nothing it shows has changed."""
        if row_index < 0:
            row_key = height = None
        else:
            row_key = self.row_key_at(row_index)
            row = self.rows.get(row_key) if row_key is not None else None
            height = None if row is None else row.height
        key = (
            row_index,
            column_index,
            row_key,
            height,
            base_style,
            width,
            cursor,
            hover,
            self.show_cursor,
            self.cursor_type,
            self.drawing_state(),
            self._cells_version,
        )
        kept = self._kept_cells.get(key)
        if kept is None:
            if len(self._kept_cells) >= KEPT:
                self._kept_cells.clear()
            plain = self.draw_plain_cell(row_index, column_index, base_style, width, cursor, hover)
            kept = self._kept_cells[key] = (
                plain
                if plain is not None
                else super().draw_cell(row_index, column_index, base_style, width, cursor, hover)
            )
        return kept
