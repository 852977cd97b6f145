"""The first run: an empty folio welcomes the mediator; the profile or the demo follow."""

from __future__ import annotations

from textual.widgets import Label

from sendfolio.tui.dialogs.firstrun import WelcomeScreen, demo_dir
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.screens.dashboard import DashboardScreen
from tests.helpers.tui import SIZE, choose, enter, make_app, reopen, settle


async def test_start_my_folio_saves_the_profile(folio_dir, today):
    """Start my folio saves the profile."""
    app = make_app(folio_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditRecordScreen)
        await enter(pilot, "Alex Example")
        await pilot.press("tab")
        await choose(pilot, "COM")
        await pilot.press("tab")
        await enter(pilot, "COM-1234")
        await pilot.press("tab")
        await enter(pilot, "31/02/2025")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-registration_anniversary", Label)
        assert error.display and "not a real calendar date" in str(error.render())
        await pilot.press("ctrl+a", "ctrl+k")
        await enter(pilot, "01/04/2025")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    with reopen(folio_dir) as folio:
        profile = folio.profile()
        assert (profile.name, profile.membership_body, profile.membership_number) == ("Alex Example", "COM", "COM-1234")
        assert profile.registration_anniversary.isoformat() == "2025-04-01" and profile.route == "new"


async def test_explore_the_demo_opens_a_separate_demo_folio(folio_dir, today):
    """Explore the demo opens a separate demo folio."""
    app = make_app(folio_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.is_demo and isinstance(app.screen, DashboardScreen)
        assert app.folio.data_dir == demo_dir(folio_dir)
        assert app.folio.cases()
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.query_one("#case-table").row_count == len(app.folio.cases())
    with reopen(folio_dir) as folio:
        assert folio.is_empty()
    with reopen(demo_dir(folio_dir)) as folio:
        assert folio.cases()


async def test_escape_leaves_the_folio_empty_on_the_dashboard(folio_dir, today):
    """Escape leaves the folio empty on the dashboard."""
    app = make_app(folio_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
