"""Long tables fill a batch per turn of the event loop: keys are answered while they fill, and every row arrives.

A generated archive of several years (60 cases, 60 reflections and 40 CPD entries a year) is
opened in the real app; the fill of a bare DataTable shows that the loop really turns between
batches (a message pump alone handles its whole queue in one turn).
"""

from __future__ import annotations

import asyncio
from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from sendfolio.tui.widgets.batches import BATCH, batch_size, fill_rows
from tests.helpers.tui import SIZE, settle

YEARS = 4
"""Years of the generated archive (240 cases, 240 reflections: several batches each)."""


class OneTable(App):
    """One DataTable of three columns."""

    def compose(self) -> ComposeResult:
        """The table."""
        table: DataTable = DataTable(cursor_type="row")
        table.add_columns("A", "B", "C")
        yield table


async def test_the_loop_turns_between_batches_and_every_row_arrives():
    """1,000 rows: the first batch at once, then the loop turns between batches; the cursor goes to its row."""
    rows = [((f"a{number}", f"b{number}", number), f"row-{number}") for number in range(1_000)]
    app = OneTable()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        turns: list[int] = []

        async def count_turns() -> None:
            """Note the row count at every turn the loop gives this task."""
            while True:
                turns.append(table.row_count)
                await asyncio.sleep(0)

        counter = asyncio.create_task(count_turns())
        fill_rows(table, rows, select="row-750")
        assert table.row_count == BATCH
        await settle(pilot)
        counter.cancel()
        assert table.row_count == len(rows)
        seen = {count for count in turns if count < len(rows)}
        assert len(seen) >= len(rows) // BATCH - 1, f"the loop turned only at row counts {sorted(seen)}"
        assert table.cursor_row == 750
        assert table.get_row_at(999) == ["a999", "b999", 999]


async def test_a_newer_fill_replaces_one_still_running():
    """A second fill (a filter typed, a sort) wins: the table ends with its rows only, the cursor left alone."""
    app = OneTable()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        fill_rows(table, [((n, n, n), f"old-{n}") for n in range(800)])
        fill_rows(table, [((n, n, n), f"new-{n}") for n in range(300)], select="old-5")
        await settle(pilot)
        assert table.row_count == 300
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "new-0"
        fill_rows(table, [((n, n, n), f"short-{n}") for n in range(3)])
        await settle(pilot)
        assert table.row_count == 3


def test_wide_rows_come_fewer_at_a_time():
    """A matrix of 600 columns adds one or two rows a turn; a narrow table its full batch."""
    assert batch_size(8) == BATCH
    assert batch_size(602) == 1
    assert batch_size(200) * 200 <= 1_000


def generated(folio_dir, today: date):
    """A generated archive of `YEARS` years in the folder."""
    from sendfolio.samples.generate import generate_folio
    from sendfolio.store import Folio

    with Folio.open(folio_dir) as folio:
        generate_folio(folio, years=YEARS, seed=7, today=today)
        return len(folio.cases()), len(folio.reflections())


async def test_cases_answer_keys_while_filling_and_keep_the_case_across_a_sort(folio_dir):
    """Cases of four years: the table fills to the last case; a case far down stays highlighted after a sort."""
    from sendfolio.tui.app import SendfolioApp

    today = date(2025, 6, 1)
    cases, _ = generated(folio_dir, today)
    app = SendfolioApp(folio_dir, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#case-table", DataTable)
        assert table.row_count == cases > 2 * BATCH
        table.move_cursor(row=cases - 3)
        await pilot.pause()
        ref = app.screen.selected_ref()
        await pilot.press("s")
        await settle(pilot)
        assert table.row_count == cases
        assert app.screen.selected_ref() == ref
        assert ref in app.screen.query_one("#case-detail").render().plain


async def test_reflections_of_four_years_are_all_listed_and_the_newest_previewed(folio_dir):
    """Reflections of four years: every one listed once the fill ends, the newest first and previewed."""
    from textual.widgets import Markdown

    from sendfolio.tui.app import SendfolioApp

    today = date(2025, 6, 1)
    _, reflections = generated(folio_dir, today)
    app = SendfolioApp(folio_dir, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#reflections-table", DataTable)
        assert table.row_count == reflections > 2 * BATCH
        newest = app.screen.reflections()[0]
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == newest.id
        assert app.screen.highlighted() == newest
        assert newest.title in app.screen.query_one("#reflection-preview", Markdown).source
        oldest = app.screen.reflections()[-1]
        assert table.coordinate_to_cell_key((reflections - 1, 0)).row_key.value == oldest.id


async def test_coverage_of_a_long_archive_shows_a_year_of_cases_at_a_time(folio_dir):
    """Coverage of four years: one registration year's practice cases as columns, [ and ] step years, all counted."""
    from sendfolio import rules
    from sendfolio.tui.app import SendfolioApp
    from sendfolio.tui.screens.checklist import ChecklistScreen
    from sendfolio.tui.screens.coverage import MAX_CASE_COLUMNS, CoverageScreen

    today = date(2025, 6, 1)
    generated(folio_dir, today)
    app = SendfolioApp(folio_dir, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        data = rules.dated_until(app.current_folio.data(), today)
        profile = data.profile
        practice = rules.coverage(data).cases
        assert len(practice) > MAX_CASE_COLUMNS
        years = sorted({rules.current_registration_year(profile, case.date) for case in practice})
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one("#coverage-table", DataTable)
        latest = [case.ref for case in practice if rules.current_registration_year(profile, case.date) == years[-1]]
        assert [column.label.plain for column in table.ordered_columns[2:]] == latest
        summary = screen.query_one("#coverage-summary").render().plain
        assert f"over {len(practice)} practice cases" in summary
        assert f"the {len(latest)} cases of registration year {years[-1]}" in summary
        assert "([ ] other years)" in summary
        detail = screen.query_one("#coverage-detail").render().plain
        assert "more practice cases" in detail and len(detail) < 400
        assert screen.check_action("year", (-1,)) is True

        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.year == years[-2]
        earlier = [case.ref for case in practice if rules.current_registration_year(profile, case.date) == years[-2]]
        assert [column.label.plain for column in table.ordered_columns[2:]] == earlier
        table.cursor_coordinate = table.cursor_coordinate._replace(row=0, column=2)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        assert app.screen.ref == earlier[0]


async def test_coverage_draws_the_columns_scrolled_into_sight(folio_dir):
    """The matrix draws only the columns in sight: scrolled to the last case, its heading and marks are there."""
    from sendfolio.tui.app import SendfolioApp
    from sendfolio.tui.screens.coverage import CoverageScreen

    today = date(2025, 6, 1)
    generated(folio_dir, today)
    app = SendfolioApp(folio_dir, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one("#coverage-table", DataTable)
        last = len(table.columns) - 1
        assert table.get_column_index(screen.shown.cases[-1].ref) == last
        table.cursor_coordinate = table.cursor_coordinate._replace(row=0, column=1)
        await pilot.pause()
        moves = [("cursor", last), ("cursor", 2), ("scroll", last), ("scroll", 0), ("cursor", last)]
        for how, column in moves:  # the cursor moved there, or the table scrolled with the cursor left alone
            if how == "cursor":
                table.cursor_coordinate = table.cursor_coordinate._replace(row=0, column=column)
            else:
                table.scroll_to(x=table.max_scroll_x if column else 0, animate=False)
            await pilot.pause(0.1)
            await pilot.pause()
            if how == "scroll" and not column:
                column = 2
            start = sum(item.get_render_width(table) for item in table.ordered_columns[:column])
            width = table.ordered_columns[column].get_render_width(table)
            left = start - table.scroll_offset.x
            assert 0 <= left < table.size.width
            heading = table.render_line(0).text[left : left + width].strip()
            mark = table.render_line(1).text[left : left + width].strip()
            assert heading == str(table.ordered_columns[column].label)
            assert mark == str(table.get_cell_at((0, column)))


async def test_compile_works_out_a_long_archive_off_the_screen_thread(folio_dir):
    """Compile on four years: contents and unmet requirements come from a worker, after the first paint, and say what the rules say."""
    from textual.screen import Screen
    from textual.widgets import Static

    from sendfolio.tui.app import SendfolioApp
    from sendfolio.tui.screens.compile import INLINE_RECORDS, CompileScreen, summary

    today = date(2025, 6, 1)
    generated(folio_dir, today)
    app = SendfolioApp(folio_dir, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        data = app.current_folio.data()
        assert len(data.cases) + len(data.reflections) + len(data.cpd) > INLINE_RECORDS
        painted_beside: list[list[str]] = []
        paint = Screen._compositor_refresh

        def noted(screen) -> None:
            """Textual's paint of a screen, noting the compile screen's workers running meanwhile."""
            if isinstance(screen, CompileScreen):
                painted_beside.append([worker.group for worker in app.workers if not worker.is_finished])
            paint(screen)

        Screen._compositor_refresh = noted
        try:
            await pilot.press("8")
            await settle(pilot)
        finally:
            Screen._compositor_refresh = paint
        assert painted_beside and "compile-summary" not in painted_beside[0]  # the first paint does not share the GIL
        screen = app.screen
        assert isinstance(screen, CompileScreen)
        holds, still_unmet = summary("portfolio", data, screen.year, today)
        assert str(screen.query_one("#compile-contents", Static).render()) == holds
        assert str(screen.query_one("#compile-unmet", Static).render()) == still_unmet
        await pilot.press("r")
        await settle(pilot)
        holds, still_unmet = summary("renewal", data, screen.year, today)
        assert str(screen.query_one("#compile-contents", Static).render()) == holds
        assert "Renewal" in str(screen.query_one("#compile-year", Static).render())


async def test_a_long_fill_sets_its_rows_aside_from_the_garbage_collector():
    """After a table's first long fill, its rows are frozen out of the collector's full collections."""
    import gc

    rows = [((f"a{number}", f"b{number}", number), f"row-{number}") for number in range(1_000)]
    app = OneTable()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        table.id = "frozen-after-fill"
        frozen = gc.get_freeze_count()
        fill_rows(table, rows)
        await settle(pilot)
        assert table.row_count == len(rows)
        assert gc.get_freeze_count() >= frozen + len(rows)  # at least one object a row now frozen


async def test_an_area_is_restyled_on_resume_only_after_it_was_hidden(folio_dir):
    """A first visit is not restyled (its widgets were styled as they mounted); a visit after one is, as Textual does.

    On a first visit Textual restyled the whole case log twice on resume; a key waited for it.
    """
    from textual.screen import Screen

    from sendfolio.tui.app import SendfolioApp

    today = date(2025, 6, 1)
    cases, _ = generated(folio_dir, today)
    app = SendfolioApp(folio_dir, today=today)
    restyled: list[str] = []
    restyle = Screen.update_node_styles

    def counted(screen, animate: bool = True) -> None:
        """Textual's restyle of a whole screen, noted."""
        restyled.append(type(screen).__name__)
        restyle(screen, animate=animate)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        Screen.update_node_styles = counted
        try:
            await pilot.press("2")
            await settle(pilot)
            assert "CaseLogScreen" not in restyled
            table = app.screen.query_one("#case-table", DataTable)
            assert table.row_count == cases
            assert table.region.height > 10  # laid out as styled
            await pilot.press("4")
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            assert restyled.count("CaseLogScreen") == 1
            assert app.screen.selected_ref() in app.screen.query_one("#case-detail").render().plain
        finally:
            Screen.update_node_styles = restyle


async def test_the_case_table_has_the_keys_from_its_first_paint(folio_dir):
    """The case table is focused when first drawn (focused after it, every cell in sight was drawn twice)."""
    from sendfolio.tui.app import SendfolioApp

    today = date(2025, 6, 1)
    generated(folio_dir, today)
    app = SendfolioApp(folio_dir, today=today)
    focused_when_drawn: list[bool] = []
    draw = DataTable.render_lines

    def noted(table, crop):
        """Textual's drawing of a table, noting whether the case table had the focus."""
        if table.id == "case-table":
            focused_when_drawn.append(table.has_focus)
        return draw(table, crop)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        DataTable.render_lines = noted
        try:
            await pilot.press("2")
            await settle(pilot)
        finally:
            DataTable.render_lines = draw
        assert focused_when_drawn and all(focused_when_drawn)
        assert app.screen.focused is app.screen.query_one("#case-table", DataTable)
