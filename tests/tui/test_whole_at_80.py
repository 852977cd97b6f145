"""Whole at 80×24 (issue 20, item 9): footers show the main keys whole, tables their key columns, nothing cut."""

from __future__ import annotations

from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from sendfolio.domain.records import CPDEntry
from sendfolio.tui.screens.restore import RestoreScreen
from sendfolio.tui.widgets.footer import AppFooter
from tests.helpers.tui import make_app, settle

SMALL, LARGE = (80, 24), (120, 40)
"""The smallest terminal the app must be whole in, and a roomy one."""


def footer_keys(app) -> tuple[list[str], list[str]]:
    """The keys the footer shows (each drawn whole, before the help and palette keys) and those it leaves out."""
    footer = app.screen.query_one(AppFooter)
    right = footer.query_one(".-right-keys")
    shown, hidden = [], []
    for key in footer.query(FooterKey):
        if key.display and key.region.width:
            assert key.region.right <= right.region.x, f"{key.key} is cut by the help key"
            shown.append(key.key)
        else:
            hidden.append(key.key)
    return shown, hidden


def visible_columns(table: DataTable) -> list[str]:
    """The headings of the columns drawn whole within the table's width (not scrolled)."""
    room = table.scrollable_content_region.width
    edge, whole = 0, []
    for column in table.ordered_columns:
        edge += column.get_render_width(table)
        if edge <= room:
            whole.append(str(column.label))
    return whole


async def test_the_case_log_footer_shows_its_main_keys_whole_at_80_and_more_at_120(demo_folio, folio_dir, today):
    """At 80 columns: add, edit, timeline, checklist, de-brief, forms; at 120 import and filter too; `?` lists all."""
    from textual.screen import Screen

    from sendfolio.tui.dialogs.help import HelpScreen, class_bindings

    seen = {}
    for size in (SMALL, LARGE):
        app = make_app(folio_dir, today, folio=demo_folio)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            seen[size] = footer_keys(app)
            if size == SMALL:
                await pilot.press("question_mark")
                await settle(pilot)
                assert isinstance(app.screen, HelpScreen)
                listed = [binding.description for binding in class_bindings(app.screen.about_screen, Screen)]
                listed += [binding.description for binding in app.screen._app_bindings()]
                for words in ("Delete", "Sort", "Filter", "Import form", "Contrast"):
                    assert words in listed
    small, hidden = seen[SMALL]
    assert small[:6] == ["a", "e", "t", "c", "b", "f"] and "d" in hidden
    assert {"i", "slash"} <= set(seen[LARGE][0])


async def test_every_area_footer_draws_whole_keys_at_80_columns(demo_folio, folio_dir, today):
    """No key is cut in the middle on any area; F2 (contrast) is left to help, never taking a main key's room."""
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for key in "1234567890p":
            await pilot.press(key)
            await settle(pilot)
            shown, _ = footer_keys(app)
            assert shown and "f2" not in shown, key
        await pilot.press("2")
        await settle(pilot)
        assert "slash" not in footer_keys(app)[0]
        await pilot.resize_terminal(*LARGE)  # a wider terminal shows the keys it holds
        await settle(pilot)
        assert "slash" in footer_keys(app)[0]


async def test_tables_show_their_key_columns_at_80_columns(demo_folio, folio_dir, today):
    """Training: Date, Hours, Recognised, Covers; Cases: De-brief and Observed; Documents: Added, Form, Size and
    Evidence for; practice screens their dates and state."""
    wanted = {
        "7": ("training-table", ["Date", "Hours", "Recognised", "Covers"]),
        "2": ("case-table", ["Ref", "Date", "De-brief", "Observed"]),
        "0": ("attachments-table", ["Added", "Form", "Size", "Evidence for"]),
        "p": ("governance-table", ["Duty", "Standing"]),
    }
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for key, (table_id, headings) in wanted.items():
            await pilot.press("1", key)
            await settle(pilot)
            whole = visible_columns(app.screen.query_one(f"#{table_id}", DataTable))
            assert set(headings) <= set(whole), (key, whole)
        await pilot.press("f")  # from the register: feedback
        await settle(pilot)
        assert {"Received", "Response due", "Response"} <= set(visible_columns(app.screen.query_one("#feedback-table")))
        await pilot.press("v")
        await settle(pilot)
        assert {"Review by", "Status"} <= set(visible_columns(app.screen.query_one("#development-table")))


async def test_a_long_criterion_wraps_whole_in_the_coverage_detail(demo_folio, folio_dir, today):
    """The criterion column is cut; the line under the matrix shows the whole criterion, wrapped within 80 columns."""
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        longest = max(range(len(screen.matrix.rows)), key=lambda index: len(screen.matrix.rows[index].criterion.text))
        screen.query_one(DataTable).move_cursor(row=longest)
        await settle(pilot)
        detail = screen.query_one("#coverage-detail", Static)
        text = screen.matrix.rows[longest].criterion.text
        drawn = " ".join(line.text.strip() for line in detail.render_lines(detail.region.reset_offset)).split()
        assert " ".join(text.split()) in " ".join(drawn)
        assert detail.size.height >= 2 and detail.size.width <= SMALL[0]


async def test_the_restore_list_wraps_what_each_backup_holds(started_dir, today):
    """Each backup's counts wrap within 80 columns, none cut; Enter is shown as the key that restores."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for day in range(1, 4):
            app.folio.put(
                CPDEntry.from_dict({"date": f"2026-11-0{day}", "hours": 1, "method": "reading", "title": "R"})
            )
        app.push_screen(RestoreScreen())
        await settle(pilot)
        table = app.screen.query_one("#restore-table", DataTable)
        holds = table.ordered_columns[-1]
        assert sum(column.get_render_width(table) for column in table.ordered_columns) <= SMALL[0]
        for index, info in enumerate(app.screen.backups):
            cell = table.get_row_at(index)[-1]
            lines = cell.wrap(app.console, holds.width)
            assert " ".join(line.plain.strip() for line in lines) == info.counts_text()
            assert table.rows[table.coordinate_to_cell_key((index, 0)).row_key].height == len(lines)
        assert "enter" in footer_keys(app)[0]
