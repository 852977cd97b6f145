"""One way to move around: a number key or the palette always shows the area named (issue 20, item 1).

A screen opened over an area (from the palette, or an area's detail screen) belongs to that area
and closes when the mediator leaves it, so coming back never finds it still on top.
"""

from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from sendfolio.tui.palette import app_commands, job_commands
from sendfolio.tui.screens.privacy import PrivacyScreen
from sendfolio.tui.views.areas import AREA_BY_MODE, AREAS
from tests.helpers.tui import SIZE, enter, make_app, settle


def showing(app, mode: str) -> bool:
    """True when the app is on `mode` with that area's own screen on top (nothing left over it)."""
    area = AREA_BY_MODE[mode]
    return app.current_mode == mode and type(app.screen).__name__ == area.screen and len(app.screen_stack) == 1


async def go_by_palette(pilot, title: str) -> None:
    """Go to an area through the palette, as typed: ctrl+p, "go to <title>", Enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await enter(pilot, f"go to {title}")
    await pilot.pause(0.5)
    await pilot.press("enter")


async def test_the_privacy_screen_opened_on_compile_closes_when_compile_is_left(started_dir, today):
    """The issue's steps: on 8, ctrl+p "privacy", Enter; then 5, 2, 8 shows Compile, not Privacy."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await enter(pilot, "privacy")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PrivacyScreen)
        for key, mode in (("5", "cpd"), ("2", "cases"), ("8", "compile")):
            await pilot.press(key)
            await settle(pilot)
            assert showing(app, mode), (key, app.current_mode, app.screen)


async def test_pressing_an_areas_own_key_closes_the_screen_opened_over_it(started_dir, today):
    """On Compile with Privacy over it, 8 shows Compile itself (its keys work again)."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        app.push_screen(PrivacyScreen())
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        assert showing(app, "compile")


async def test_every_palette_entry_then_every_number_key_shows_the_area_named(started_dir, today):
    """Each palette entry in turn, then a number key (or, in a text field, the palette): that area, nothing over it."""
    app = make_app(started_dir, today)
    switching_folio = ("Open ", "Quit")  # they replace the folio or end the app: not moves within it
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        jobs = {command.title for command in job_commands(app)}  # each goes to its area first: test_palette_jobs.py
        commands = [
            command
            for command in app_commands(app)
            if not command.title.startswith(switching_folio) and command.title not in jobs
        ]
        assert len(commands) >= len(AREAS) + 8
        for number, command in enumerate(commands):  # each run from the area the one before went to
            command.run()
            await settle(pilot)
            while isinstance(app.screen, ModalScreen):  # a dialog is answered first: keys go to it
                await pilot.press("escape")
                await settle(pilot)
            area = AREAS[number % len(AREAS)]
            if isinstance(app.focused, (Input, TextArea)):  # a digit typed in a field is text: the palette goes
                await go_by_palette(pilot, area.title)
            else:
                await pilot.press(area.key)
            await settle(pilot)
            key, mode = area.key, area.mode
            assert showing(app, mode), (command.title, key, app.screen)
        for area in AREAS:  # and every key once more, each from the area before
            await pilot.press(area.key)
            await settle(pilot)
            assert showing(app, area.mode)
