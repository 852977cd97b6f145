"""Start-up: the Dashboard's frame comes first, the folio is read in a worker, the figures follow once.

The frame is the real Dashboard (area bar, headings) saying "Reading the folio…"; an encrypted
folio's unlock dialog comes up over it, and a folio that cannot be opened is explained on it.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys

from textual.widgets import DataTable, Input, Static

from sendfolio.store import Folio
from sendfolio.store.crypto import TEST_PARAMS, new_codec
from sendfolio.tui.dialogs.unlock import UnlockScreen
from sendfolio.tui.screens.dashboard import DashboardScreen
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.progress_lines import ProgressLines
from tests.helpers.tui import SIZE, make_app, sample_case, settle

FIRST_SCREEN_IMPORTS = """
import json, sys
import sendfolio.launch, sendfolio.tui.app, sendfolio.tui.screens.dashboard
print(json.dumps(sorted(sys.modules)))
"""
"""What `sendfolio` (no command) imports before the Dashboard's frame: the launcher, the app shell, the Dashboard."""

LATER = (
    "tinydb", "weasyprint", "jinja2", "markdown_it", "pypdf", "cryptography", "argon2", "holidays", "icalendar",
    "PIL", "tree_sitter", "click", "sendfolio.cli", "sendfolio.commands", "sendfolio.store.folio", "sendfolio.store.storage",
    "sendfolio.store.crypto", "sendfolio.store.index", "sendfolio.rules", "sendfolio.io",
    "sendfolio.domain.records", "sendfolio.domain.timescales", "sendfolio.portfolio", "sendfolio.privacy",
    "sendfolio.samples", "sendfolio.tui.screens.record_screen",
)  # fmt: skip
"""What the first screen does without: the folio, the rules, the command line, the compilers, the crypto (the
store's light modules, `mark` and `figures`, read the encryption mark and the figures kept for the first frame)."""

PASSPHRASE = "fictional start passphrase"
"""The encrypted test folio's passphrase."""


def shown(screen) -> str:
    """The text of every Static the screen is showing."""
    return "\n".join(str(part.render()) for part in screen.query(Static) if part.display)


def count_workers(app) -> list[str]:
    """Note every worker the app starts from now on, as "group:name description" (Textual's worker manager, observed)."""
    started: list[str] = []
    add = app.workers.add_worker

    def noting(worker, *args, **kwargs):
        """Note the worker, then start it as Textual would."""
        started.append(f"{worker.group}:{worker.name} {worker.description}")
        return add(worker, *args, **kwargs)

    app.workers.add_worker = noting
    return started


async def test_the_dashboard_frame_is_up_before_the_folio_is_read(folio_dir, today):
    """An encrypted folio cannot be read before its passphrase: the Dashboard's frame is there meanwhile."""
    with Folio.open(folio_dir) as folio:
        folio.put(sample_case("SM-T-001", "2026-10-01"))
        folio.change_codec(new_codec(PASSPHRASE, TEST_PARAMS))
    app = make_app(folio_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        started = count_workers(app)
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen) and app.folio is None
        frame = app.screen_stack[0]
        assert isinstance(frame, DashboardScreen) and frame.query(AreaBar)
        text = shown(frame)
        assert "Reading the folio…" in text
        assert "Renewal" in text and "Statutory deadlines (overdue first)" in text and "Recent entries" in text

        app.screen.query_one("#unlock-passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is frame and app.folio is not None
        assert "Accreditation" in shown(frame) and "Reading the folio" not in shown(frame)
        assert frame.query_one("#requirements", DataTable).row_count > 0
    assert started and not any(PASSPHRASE in worker or "SM-T-001" in worker for worker in started), started


async def test_the_figures_are_worked_out_once(started_dir, today):
    """Opening the folio sets the folio and its registration year: the Dashboard asks the rules once, not twice."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        started = count_workers(app)
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.screen.view is not None
        assert [worker.split()[0] for worker in started].count("dashboard:compute") == 1, started
        assert gc.isenabled()  # paused while the folio was read and the figures worked out, then back on
        assert not any("SM-T-001" in worker for worker in started), started  # no record text in a worker's description
        assert "SM-T-001" in shown(app.screen)
        progress = app.screen.query_one("#progress", ProgressLines)
        titles = [title for title, *_ in progress.lines]
        assert "12 hours of casework" in titles and all(words.count(" of ") == 1 for *_, words in progress.lines)


async def test_a_missing_folio_with_backups_is_refused_on_the_dashboard(started_dir, today):
    """folio.json gone, backups left: the Dashboard says so, and nothing is written over the backups."""
    with Folio.open(started_dir) as folio:
        folio.put(sample_case("SM-T-002", "2026-10-02"))  # a save: the first version becomes backup 1
    (started_dir / "folio.json").unlink()
    backups = {path.name: path.read_bytes() for path in started_dir.glob("folio.json.*")}
    assert backups
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.folio is None
        text = shown(app.screen)
        assert "Your folio could not be opened" in text and "backups of it remain" in text and "ctrl+q" in text
        assert "Renewal" not in text and "Reading the folio" not in text
        await pilot.press("2")  # no area opens without a folio
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.current_mode == "dashboard"
    assert not (started_dir / "folio.json").exists()
    assert {path.name: path.read_bytes() for path in started_dir.glob("folio.json.*")} == backups
    assert gc.isenabled()  # paused while the folio was read, back on though the open failed


async def test_figures_answered_after_the_folio_failed_leave_the_error_on_show(started_dir, today):
    """Why the folio could not be opened is the Dashboard's state (`error`): figures answered late draw nothing."""
    from sendfolio.domain.records import FolioData
    from sendfolio.tui.views.dashboard import dashboard_view

    with Folio.open(started_dir) as folio:
        folio.put(sample_case("SM-T-002", "2026-10-02"))
    (started_dir / "folio.json").unlink()
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and "backups of it remain" in screen.error
        screen.show(dashboard_view(FolioData(), today))
        await pilot.pause()
        text = shown(screen)
        assert "Your folio could not be opened" in text and "backups of it remain" in text
        assert "Renewal" not in text and "Accreditation" not in text


async def test_an_empty_folder_starts_on_the_dashboard_with_the_welcome_over_it(folio_dir, today):
    """First run: a new, empty folio; the welcome screen comes up over the Dashboard."""
    from sendfolio.tui.dialogs.firstrun import WelcomeScreen

    app = make_app(folio_dir / "new", today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert isinstance(app.screen_stack[0], DashboardScreen) and app.current_mode == "dashboard"
    assert (folio_dir / "new" / "folio.json").exists()


async def test_each_style_file_is_parsed_once_at_start_and_on_a_first_visit(started_dir, today, monkeypatch):
    """A new screen is styled from the stylesheet as it is: no re-parse of every style file when an area is first shown."""
    from textual.css import stylesheet

    parsed: list[str] = []
    parse = stylesheet.parse

    def noting(scope, css, read_from, *args, **kwargs):
        """Note which source is parsed (the stylesheet's cache missed), then parse it as Textual does."""
        parsed.append(str(read_from[0]))
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", noting)
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sum(path.endswith("app.tcss") for path in parsed) == 1, parsed
        await pilot.press("5")  # CPD, shown for the first time
        await settle(pilot)
        assert app.current_mode == "cpd"
        for name in ("app.tcss", "screens.tcss", "records.tcss"):
            assert sum(path.endswith(f"/{name}") for path in parsed) == 1, (name, parsed)


async def test_the_other_screens_styles_are_read_after_the_first_screen_and_before_any_other(started_dir, today):
    """The frame parses the shell's styles only; a dialog over the Dashboard, or an area, finds the rest read."""
    from sendfolio.paths import style_path

    def read(app, name: str) -> bool:
        """True when the app's stylesheet holds the style file."""
        return app.stylesheet.has_source(str(style_path(name)), "")

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        assert read(app, "app.tcss")
        await settle(pilot)
        assert read(app, "screens.tcss") and read(app, "records.tcss")  # once the figures were painted
    with Folio.open(started_dir) as folio:
        folio.put(sample_case("SM-T-003", "2026-10-03"))
        folio.change_codec(new_codec(PASSPHRASE, TEST_PARAMS))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)  # a screen pushed before the figures: the styles come first
        assert read(app, "screens.tcss") and read(app, "records.tcss")


def test_the_first_screen_imports_nothing_it_does_not_need():
    """`sendfolio` alone, up to the Dashboard's frame, loads no command, no store, no rules, no heavy library."""
    done = subprocess.run([sys.executable, "-c", FIRST_SCREEN_IMPORTS], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert "sendfolio.tui.screens.dashboard" in loaded
    assert [name for name in loaded if name.startswith(LATER)] == []


COLLECTOR_AT_START = """
import asyncio, gc, json, sys
from datetime import date
from sendfolio.tui.support.memory import paused_until_first_paint

paused_until_first_paint()  # as `sendfolio` does before importing the app
seen = {"paused while starting": not gc.isenabled()}
from sendfolio.tui.app import SendfolioApp

async def main():
    app = SendfolioApp(sys.argv[1], today=date(2026, 12, 6))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen["working once painted"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count() > 0

asyncio.run(main())
print(json.dumps(seen))
"""
"""The app started as `sendfolio` starts it, then asked about the garbage collector."""


def test_the_collector_waits_for_the_first_paint_then_works(folio_dir):
    """`sendfolio` starts with no garbage collection (all it makes stays alive); once the first screen is painted
    the collector works again, what the start made frozen out of its way."""
    done = subprocess.run(
        [sys.executable, "-c", COLLECTOR_AT_START, str(folio_dir)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"paused while starting": True, "working once painted": True, "frozen": True}
