"""The observer forms and documents reached from the command palette, from any area."""

from __future__ import annotations

from sendfolio.tui.dialogs.observer_forms import ImportFormScreen
from tests.helpers.tui import SIZE, enter, make_app, settle


async def choose_in_palette(pilot, words: str) -> None:
    """Open the palette, type `words` and take the first match, as a newcomer would."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await enter(pilot, words)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(pilot)


async def test_import_a_returned_form_opens_from_the_dashboard(started_dir, today):
    """ "Import a returned observer form" opens the import dialog without going to the case log."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "returned observer")
        assert isinstance(app.screen, ImportFormScreen)


async def test_forms_for_the_observer_and_documents_open_their_areas(started_dir, today):
    """ "Forms for the observer" opens the case log (where f writes them); "Attach" opens Documents."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "Forms for the observer")
        assert app.current_mode == "cases"
        await choose_in_palette(pilot, "Attach a certificate")
        assert app.current_mode == "documents"
