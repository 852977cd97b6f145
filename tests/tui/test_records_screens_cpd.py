"""The CPD diary screen, driven with keys through the real app on a real folio file."""

from __future__ import annotations

from sendfolio.domain.records import CPDEntry
from sendfolio.tui.app import SendfolioApp
from sendfolio.tui.screens.cpd import CPDScreen
from tests.helpers.tui import enter, saved, settle

SIZE = (80, 24)
"""The smallest terminal the app must be readable in."""


async def open_cpd(pilot) -> CPDScreen:
    """Go to the CPD area with its key and return the screen."""
    await pilot.pause()
    await pilot.press("5")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CPDScreen)
    return pilot.app.screen


async def test_add_cpd_entry_saves_it_to_the_file(folio, folio_dir, today):
    """a opens the form; a valid entry is in the folio file at once."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await open_cpd(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")
        await enter(pilot, "2.5")
        await pilot.press("tab", "enter", "down", "down", "down", "enter")
        await pilot.press("tab")
        await enter(pilot, "Read the SEND Code of Practice")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CPDScreen)
        assert "2.5 of 20 h" in str(app.screen.query_one("#cpd-total").render())
    entries = saved(folio).cpd()
    assert [(e.date, e.hours, e.method, e.title) for e in entries] == [
        (today, 2.5, "reading", "Read the SEND Code of Practice")
    ]


async def test_bad_hours_shows_the_error_and_saves_nothing(folio, folio_dir, today):
    """Hours that are not a number are refused under the field, and nothing reaches the file."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await open_cpd(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")
        await enter(pilot, "lots")
        await pilot.press("tab", "enter", "down", "enter", "tab")
        await enter(pilot, "Course")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-hours")
        assert error.display
        assert "'lots' is not a number" in str(error.render())
        await pilot.press("escape")
        await settle(pilot)  # the question is asked from a worker: wait until it is up
        await pilot.press("d")  # Discard
        await settle(pilot)
        assert isinstance(app.screen, CPDScreen)
    assert saved(folio).cpd() == ()


async def test_delete_asks_then_removes_the_entry(folio, folio_dir, today):
    """d asks first; y deletes the entry from the file."""
    folio.put(CPDEntry.from_dict({"date": "2026-10-01", "hours": "3", "method": "training", "title": "Old course"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await open_cpd(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert "Old course" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await pilot.pause()
    assert saved(folio).cpd() == ()


async def test_year_keys_show_the_previous_registration_year(folio, folio_dir, today):
    """[ steps back a registration year, showing only that year's entries and total."""
    folio.put(CPDEntry.from_dict({"date": "2025-06-01", "hours": "4", "method": "reading", "title": "Last year"}))
    folio.put(CPDEntry.from_dict({"date": "2026-06-01", "hours": "1", "method": "reading", "title": "This year"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cpd(pilot)
        assert screen.table.row_count == 1
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "2025: 1 Apr 2025 – 31 Mar 2026" in str(screen.query_one("#cpd-year").render())
        assert "4 of 20 h" in str(screen.query_one("#cpd-total").render())
        assert str(screen.table.get_row_at(0)[3]) == "Last year"


async def test_square_brackets_in_titles_are_shown_as_typed(folio, folio_dir, today):
    """A title like `[/ref] notes` is plain text in the table and messages, never style markup."""
    folio.put(CPDEntry.from_dict({"date": "2026-10-01", "hours": "1", "method": "reading", "title": "[/ref] [b]notes"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cpd(pilot)
        assert str(screen.table.get_row_at(0)[3]) == "[/ref] [b]notes"
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.is_running
    assert saved(folio).cpd() == ()


async def test_an_entry_saved_outside_the_year_on_screen_says_where_it_went(folio, folio_dir, today):
    """A CPD entry dated 05/03/2025 (registration year 2024–25) saved while 2026–27 shows: asked, then shown."""
    from sendfolio.tui.dialogs.confirm import ConfirmScreen

    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cpd(pilot)
        assert screen.chosen_year() == 2026
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")
        await enter(pilot, "05/03/2025")
        await pilot.press("tab")
        await enter(pilot, "2")
        await pilot.press("tab", "enter", "down", "down", "down", "enter", "tab")
        await enter(pilot, "Reading on mediation ethics")
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "dated 5 Mar 2025 is saved in registration year 2024–25" in question.question
        assert "(1 Apr 2024 – 31 Mar 2025)" in question.question and "Go to 2024–25?" in question.question
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen and screen.chosen_year() == 2024
        table = screen.table
        assert table.row_count == 1 and str(table.get_row_at(0)[3]) == "Reading on mediation ethics"
        assert "2 of 20 h" in str(screen.query_one("#cpd-total").render())


async def test_an_entry_in_the_year_on_screen_asks_nothing(folio, folio_dir, today):
    """Saving within the year on show asks no question."""
    from sendfolio.tui.dialogs.confirm import ConfirmScreen

    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cpd(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")
        await enter(pilot, "1")
        await pilot.press("tab", "enter", "down", "down", "down", "enter", "tab")
        await enter(pilot, "Reading")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and not isinstance(app.screen, ConfirmScreen)


async def test_q_quits_from_the_cpd_diary(folio, folio_dir, today):
    """q on the CPD diary's table quits the app."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await open_cpd(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_the_highlighted_entry_is_shown_in_full_under_a_narrow_table(folio, folio_dir, today):
    """At 80 columns the provider column is cut off; the line under the table names every column."""
    folio.put(
        CPDEntry.from_dict(
            {
                "date": "2026-05-03",
                "hours": "3",
                "method": "role-play",
                "title": "Role play: summarising in a heated joint meeting",
                "provider": "Riverside SEND Mediation Academy",
            }
        )
    )
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cpd(pilot)
        await pilot.pause()
        detail = str(screen.query_one("#record-detail").render())
        assert detail == (
            "Date: 3 May 2026 · Hours: 3 · Method: Role play · "
            "Title: Role play: summarising in a heated joint meeting · Provider: Riverside SEND Mediation Academy"
        )
        assert screen.query_one("#record-detail").region.bottom <= 24
