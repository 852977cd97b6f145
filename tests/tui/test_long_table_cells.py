"""`LongTable` keeps the cells it has drawn while rows are added at its end, and draws afresh what changed.

The real widget in a real app (Pilot); what it shows is read back from its drawn lines.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from sendfolio.tui.widgets.long_table import LongTable


class OneLongTable(App):
    """One LongTable of two columns."""

    def compose(self) -> ComposeResult:
        """The table."""
        table = LongTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("Ref", "Note")
        yield table


def shown(table: DataTable) -> list[str]:
    """The table's lines as drawn (header first)."""
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


def drawn_cells(counted: list[int]):
    """Count the cells Textual's DataTable draws through Rich."""
    draw = DataTable._render_cell

    def counting(self, *args, **kwargs):
        """Textual's draw of one cell, counted."""
        counted.append(1)
        return draw(self, *args, **kwargs)

    return draw, counting


async def test_rows_added_at_the_end_do_not_redraw_the_cells_in_sight():
    """30 rows drawn; 200 more of the same widths added: the cells in sight are not drawn again; the new rows show."""
    app = OneLongTable()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(LongTable)
        for number in range(30):
            table.add_row(f"r{number:03}", f"note {number:03}", key=f"r{number}")
        await pilot.pause()
        assert "r000" in shown(table)[1]
        counted: list[int] = []
        draw, counting = drawn_cells(counted)
        DataTable._render_cell = counting
        try:
            for number in range(30, 230):
                table.add_row(f"r{number:03}", f"note {number:03}", key=f"r{number}")
            await pilot.pause()
            lines = shown(table)
        finally:
            DataTable._render_cell = draw
        assert counted == []
        assert "r000" in lines[1] and "note 000" in lines[1]
        table.move_cursor(row=229)
        await pilot.pause()
        assert any("r229" in line and "note 229" in line for line in shown(table))


async def test_a_changed_cell_a_sort_and_a_wider_column_are_drawn_afresh():
    """update_cell, sort and a wider cell each show at once."""
    app = OneLongTable()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(LongTable)
        for number in range(5):
            table.add_row(f"r{number}", f"n{number}", key=f"r{number}")
        await pilot.pause()
        assert "n1" in shown(table)[2]
        table.update_cell("r1", table.ordered_columns[1].key, "changed", update_width=True)
        await pilot.pause()
        assert "changed" in shown(table)[2]
        table.sort(table.ordered_columns[0].key, reverse=True)
        await pilot.pause()
        assert "r4" in shown(table)[1] and "r0" in shown(table)[5]
        table.add_row("r9", "a note far wider than any before it", key="r9")
        await pilot.pause()
        assert any("a note far wider than any before it" in line for line in shown(table))
        assert "r4" in shown(table)[1]
        table.clear()
        table.add_row("only", "one", key="only")
        await pilot.pause()
        lines = shown(table)
        assert "only" in lines[1] and not any("r4" in line or "wider" in line for line in lines)


PLAIN_CELLS = ("", " ", "a", "SM-2025-014", "12 Mar 2025", "1.5", "x" * 80, "two  spaces  ", "  led", "[bold]no[/]")
"""Plain cells of every shape: empty, blank, short, exactly a column's width, far wider, spaced, markup-like."""

OTHER_CELLS = ("café", "中文", "tab\there", "line\nbreak")
"""Cells left to Rich: not ASCII, wide letters, a tab, a line break."""


async def test_a_plain_cell_is_drawn_as_rich_draws_it():
    """Every cell in sight, drawn the quick way where it is plain, is segment for segment what Textual draws through
    Rich: on the cursor's row, under the hover, zebra rows, a fixed column, focused and not, narrow and wide."""
    from rich.text import Text

    from sendfolio.tui.support.textual_internals import CellHookTable

    app = OneLongTable()
    async with app.run_test(size=(70, 30)) as pilot:
        table = app.query_one(LongTable)
        table.add_column("Third", width=11)
        table.add_column("Narrow", width=1)
        table.add_column(Text("Styled"), width=6)
        cells = [*PLAIN_CELLS, *OTHER_CELLS]
        for number, cell in enumerate(cells):
            styled = Text(cell, style="bold") if number % 3 == 0 else Text(cell)
            table.add_row(cell, Text(cell), cells[-number - 1], cell, styled, key=f"r{number}")
        table.fixed_columns = 1
        table.focus()
        table.move_cursor(row=3)
        await pilot.hover(LongTable, offset=(5, 6))
        await pilot.pause()
        compared = quick = 0
        for focused in (True, False):
            assert table.has_focus == focused
            for row in range(len(cells)):
                for column, spec in enumerate(table.ordered_columns):
                    for cursor, hover in ((False, False), (True, False), (False, True)):
                        base = table.rich_style
                        width = spec.get_render_width(table)
                        plain = table.draw_plain_cell(row, column, base, width, cursor, hover)
                        rich = CellHookTable.draw_cell(table, row, column, base, width, cursor, hover)
                        compared += 1
                        if plain is not None:
                            quick += 1
                            assert plain == rich, (row, column, cursor, hover, cells[row])
            table.blur()
            await pilot.pause()
        assert quick > compared / 2
        lines = shown(table)
        assert "SM-2025-014" in "\n".join(lines) and "café" in "\n".join(lines)
