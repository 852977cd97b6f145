"""The PPC and Training & profile screens, driven with keys through the real app on a real folio file."""

from __future__ import annotations

from datetime import date

from sendfolio.tui.app import SendfolioApp
from sendfolio.tui.screens.ppc import PPCScreen
from sendfolio.tui.screens.profile import ProfileScreen
from tests.helpers.tui import enter, saved

SIZE = (80, 24)
"""The smallest terminal the app must be readable in."""


async def go(pilot, key: str, screen_type: type):
    """Switch area with its number key and return the screen."""
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, screen_type)
    return pilot.app.screen


async def test_ppc_contact_session_and_verification_are_saved(folio, folio_dir, today):
    """c saves the PPC's details; a adds a session (named after the PPC) and the year's hours show; v verifies."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await go(pilot, "6", PPCScreen)
        await pilot.press("c")
        await pilot.pause()
        await enter(pilot, "Dr Test Consultant")
        await pilot.press("tab")
        await enter(pilot, "COM PPC register")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", "tab")
        await enter(pilot, "1.5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PPCScreen)
        assert "1.5 h in 1 session" in str(screen.query_one("#ppc-year").render())
        assert "2026 1.5 h" in str(screen.query_one("#ppc-years").render())
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "by Dr Test Consultant" in str(screen.query_one("#ppc-verification").render())
    on_disk = saved(folio)
    assert on_disk.ppc_contact().register == "COM PPC register"
    [session] = on_disk.ppc_sessions()
    assert (session.date, session.ppc, session.hours, session.mode) == (today, "Dr Test Consultant", 1.5, "one-to-one")
    assert (on_disk.verification().name, on_disk.verification().date) == ("Dr Test Consultant", today)


async def test_profile_edit_is_saved(folio, folio_dir, today):
    """p opens the profile; a new name, body and number are in the file after ctrl+s."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await go(pilot, "7", ProfileScreen)
        await pilot.press("p")
        await pilot.pause()
        pilot.app.focused.value = ""  # the cursor lands at the end of the name: the new one replaces it
        await enter(pilot, "Sam Example")
        await pilot.press("tab", "enter", "down", "down", "enter", "tab")
        await enter(pilot, "COM-12345")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Sam Example" in str(screen.query_one("#profile-summary").render())
    profile = saved(folio).profile()
    assert (profile.name, profile.membership_body, profile.membership_number) == ("Sam Example", "COM", "COM-12345")
    assert profile.registration_anniversary == date(2024, 4, 1)


async def test_course_covers_are_checked_by_the_record(folio, folio_dir, today):
    """A SEND course offers only the four SEND modules under 'covers' (a foundation item can no longer be ticked:
    the record's own refusal is tested in tests/domain/test_records.py); all four ticked, it is saved."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "7", ProfileScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter", "down", "down", "enter", "tab")
        await enter(pilot, "SEND mediation")
        await pilot.press("tab")
        await enter(pilot, "Example Trainers")
        await pilot.press("tab", "tab")
        await enter(pilot, "12")
        await pilot.press("tab")
        await enter(pilot, "COM")
        await pilot.press("tab", "space")
        offered = app.screen.query_one("#field-covers")
        assert [offered.get_option_at_index(index).value for index in range(offered.option_count)] == [
            "legislative-framework",
            "send-context",
            "mediation-practice",
            "local-processes",
        ]
        await pilot.press("end", "space", "up", "space", "up", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
    [course] = saved(folio).training()
    assert (course.kind, course.hours, course.recognised_by) == ("send", 12.0, "COM")
    assert set(course.covers) == {"legislative-framework", "send-context", "mediation-practice", "local-processes"}


async def test_the_profile_form_sets_the_ppcs_details(folio, folio_dir, today):
    """The PPC's name and register typed in the profile form are saved as the PPC contact; a bad e-mail is refused."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await go(pilot, "7", ProfileScreen)
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-ppc_name").focus()
        await enter(pilot, "Dr Robin Sample")
        await pilot.press("tab")
        await enter(pilot, "College of Mediators PPC register")
        await pilot.press("tab")
        await enter(pilot, "not-an-address")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and form.query_one("#error-ppc_email").display
        form.query_one("#field-ppc_email").focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        summary = str(screen.query_one("#profile-summary").render())
        assert "PPC: Dr Robin Sample (College of Mediators PPC register)" in summary
    contact = saved(folio).ppc_contact()
    assert (contact.name, contact.register, contact.email) == (
        "Dr Robin Sample",
        "College of Mediators PPC register",
        "",
    )
