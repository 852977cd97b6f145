"""The app shell: areas, help, high contrast, command palette, start-up errors, crashes, imports."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap

from rich.console import Console
from textual.widgets import Static

from sendfolio.tui.dialogs.help import HelpScreen
from sendfolio.tui.palette import SendfolioCommands
from sendfolio.tui.screens.dashboard import DashboardScreen
from sendfolio.tui.support.theme import HIGH_CONTRAST, THEME_SETTING
from sendfolio.tui.views.areas import AREAS
from sendfolio.tui.widgets.areabar import AreaBar
from tests.helpers.tui import SIZE, enter, make_app, reopen, settle

HEADLESS_RUN = textwrap.dedent("""
    import asyncio, json, sys
    from datetime import date
    from pathlib import Path
    from sendfolio.tui.app import SendfolioApp

    async def main():
        app = SendfolioApp(Path(sys.argv[1]), today=date(2026, 11, 29))
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for key in "12345678":
                await pilot.press(key)
                await pilot.pause()
            screen = type(app.screen).__name__
        heavy = sorted(name for name in sys.modules if name.split(".")[0] == "weasyprint")
        print(json.dumps({"screen": screen, "weasyprint": heavy}))

    asyncio.run(main())
""")
"""A script that opens the app headless, visits every area, and reports the modules loaded."""

CRASHING_APP = textwrap.dedent("""
    import sys
    from pathlib import Path
    from sendfolio.tui.app import SendfolioApp

    class Crashing(SendfolioApp):
        def folio_ready(self, folio):
            case_text = "SECRET-CHILD-NAME"
            self.fail_now(case_text)

        def fail_now(self, words):
            raise RuntimeError(f"something broke near {words}")

    app = Crashing(Path(sys.argv[1]))
    app.run(headless=True)
    sys.exit(app.return_code)
""")
"""An app that crashes with case text in a local variable."""


def plain(content) -> str:
    """Any rich renderable as plain text."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def run_script(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run a Python script in a fresh interpreter from the repository root."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=root, timeout=120)


def test_opening_the_app_does_not_import_weasyprint(started_dir):
    """Opening the app does not import weasyprint."""
    done = run_script(HEADLESS_RUN, str(started_dir))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["weasyprint"] == []
    assert report["screen"] != "StartScreen"


def test_a_crash_shows_a_short_message_and_writes_a_private_log_without_locals(started_dir):
    """A crash shows a short message and writes a private log without locals."""
    done = run_script(CRASHING_APP, str(started_dir))
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert "SECRET-CHILD-NAME" not in output
    assert "sendfolio stopped after an unexpected error (RuntimeError)" in output
    logs = list((started_dir / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in output.replace("\n", "")
    assert oct(logs[0].stat().st_mode & 0o777) == "0o600"
    text = logs[0].read_text()
    assert "RuntimeError" in text and "in fail_now" in text and "in folio_ready" in text
    assert "SECRET-CHILD-NAME" not in text and "something broke" not in text


def test_a_crash_log_never_holds_the_messages_of_chained_errors(tmp_path):
    """Messages of an error and of those it came from stay out of the log; types and frames stay in."""
    from sendfolio.tui.support.crash import write_crash_log

    def parse(value):
        """Fail the way a validator does: with the value in the message."""
        raise ValueError(f"invalid value {value!r}")

    try:
        try:
            parse("SECRET-CHILD-NAME")
        except ValueError as error:
            raise KeyError("SECRET-CHILD-NAME again") from error
    except KeyError as error:
        path = write_crash_log(tmp_path, error)
    text = path.read_text()
    assert path.parent == (tmp_path / "logs").resolve() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert "SECRET-CHILD-NAME" not in text and "invalid value" not in text
    assert text.index("ValueError") < text.index("direct cause") < text.index("KeyError")
    assert "in parse" in text and "test_app.py:" in text


async def test_number_keys_switch_areas_and_each_shows_the_area_bar(started_dir, today):
    """Number keys switch areas and each shows the area bar."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for area in AREAS:
            await pilot.press(area.key)
            await settle(pilot)
            assert app.current_mode == area.mode
            assert app.screen.query(AreaBar)


async def test_a_locked_folio_shows_a_message_not_a_traceback(started_dir, today):
    """A locked folio shows a message not a traceback."""
    from sendfolio.store import Folio

    with Folio.open(started_dir):
        app = make_app(started_dir, today)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen) and app.folio is None
            message = " ".join(str(part.render()) for part in app.screen.query(Static) if part.display)
            assert "could not be opened" in message and "ctrl+q" in message and "open in another sendfolio" in message
            assert "Renewal" not in message  # the frame's empty sections give way to the message
            await pilot.press("2")
            assert isinstance(app.screen, DashboardScreen)


async def test_help_lists_the_keys_of_the_current_screen(started_dir, today):
    """Help lists the keys of the current screen."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(plain(item.content) for item in app.screen.query(Static))
        assert "Undo delete" in text and "Checklist" in text and "High contrast" not in text
        assert "Command palette" in text
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_high_contrast_toggles_and_is_remembered(started_dir, today):
    """High contrast toggles and is remembered."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        assert app.theme == HIGH_CONTRAST.name
    with reopen(started_dir) as folio:
        assert folio.get_setting(THEME_SETTING) == HIGH_CONTRAST.name
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("f2")
        assert app.theme != HIGH_CONTRAST.name


async def test_command_palette_goes_to_an_area(started_dir, today):
    """Command palette goes to an area."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await enter(pilot, "go to coverage")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "coverage"


async def test_palette_offers_every_area_and_the_screen_actions(started_dir, today):
    """Palette offers every area and the screen actions."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        titles = [command.title for command in SendfolioCommands(app.screen).commands()]
        assert all(any(area.title in title for title in titles) for area in AREAS)
        assert "Add a case (a)" in titles and "Toggle high contrast (F2)" in titles


async def test_an_encrypted_folio_asks_for_its_passphrase_first(started_dir, today):
    """An encrypted folio asks for its passphrase first."""
    from sendfolio.store import Folio, crypto
    from sendfolio.tui.dialogs.unlock import UnlockScreen
    from sendfolio.tui.screens.dashboard import DashboardScreen

    with Folio.open(started_dir) as folio:
        folio.change_codec(crypto.new_codec("fictional passphrase one", crypto.TEST_PARAMS))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        await enter(pilot, "fictional passphrase one")
        await pilot.press("enter")
        for _ in range(20):
            await settle(pilot)
            if isinstance(app.screen, DashboardScreen):
                break
        assert isinstance(app.screen, DashboardScreen)
        assert app.folio.case("SM-T-001") is not None
