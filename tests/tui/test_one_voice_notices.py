"""One voice (issue 20, item 11): toasts leave when a dialog opens and show once per cause; the demo's banner on
every screen; the lock before the passphrase; the restore question says what changes; screens over an area."""

from __future__ import annotations

from click.testing import CliRunner
from textual.widgets import Static

from sendfolio.cli import main
from sendfolio.domain.records import CPDEntry
from sendfolio.store import Folio, crypto
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.screens.caselog import CaseLogScreen
from sendfolio.tui.screens.dashboard import DashboardScreen
from sendfolio.tui.screens.restore import RestoreScreen
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.demo_banner import DemoBanner
from tests.helpers.tui import SIZE, make_app, sample_case, settle

PASSPHRASE = "fictional passphrase one"
"""The test folio's passphrase."""


def shown_notices(app, title: str = "") -> list[str]:
    """The toasts on show (with `title`, if given)."""
    return [str(note.message) for note in app._notifications if not title or note.title == title]


async def test_a_toast_leaves_when_a_dialog_opens(started_dir, today):
    """A notice on show is cleared when a dialog (here the case form) opens over it."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.notify("Something to read", timeout=60)
        await settle(pilot)
        assert shown_notices(app) == ["Something to read"]
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, EditRecordScreen) and shown_notices(app) == []


async def test_the_check_the_date_warning_shows_once_per_cause(started_dir, today):
    """Saving a case still booked after its date warns once; saving it again unchanged does not warn again."""
    with Folio.open(started_dir) as folio:
        folio.put(sample_case("SM-T-020", "2026-11-02", status="booked", outcome="", meeting_hours="0"))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseLogScreen)
        screen.table.move_cursor(row=screen.table.get_row_index("SM-T-020"))
        warned = 0
        for _ in range(2):
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, EditRecordScreen)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, CaseLogScreen)
            warned += len(shown_notices(app, "Check the date"))
        assert warned == 1


async def test_the_demo_banner_is_on_every_screen_and_leaves_with_the_demo(folio_dir, today):
    """Areas, a detail screen and a dialog over the demo all carry the banner; the mediator's own folio none."""
    app = make_app(folio_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")  # the welcome: explore the demo
        await settle(pilot)
        assert app.is_demo and isinstance(app.screen, DashboardScreen)
        seen = []
        for keys in (["2"], ["t"], ["escape", "a"], ["escape", "4"], ["7"]):
            await pilot.press(*keys)
            await settle(pilot)
            banners = app.screen.query(DemoBanner)
            seen.append(app.screen)
            assert len(banners) == 1 and "Demo folio" in str(banners.first().render()), seen
        assert {"TimelineScreen", "ReflectionsScreen"} <= {type(screen).__name__ for screen in seen}
        assert any(isinstance(screen, EditRecordScreen) for screen in seen)  # a dialog: the case form
        await pilot.press("escape") if isinstance(app.screen, EditRecordScreen) else None
        app.action_open_own()
        await settle(pilot)
        await settle(pilot)
        assert not app.is_demo
        for key in ("1", "2"):
            await pilot.press(key)
            await settle(pilot)
            assert not app.screen.query(DemoBanner)


async def test_a_folio_open_elsewhere_is_said_before_the_passphrase_is_asked(started_dir, today):
    """An encrypted folio another sendfolio holds: the app says so at once, with no passphrase box; so does the CLI."""
    with Folio.open(started_dir) as folio:
        folio.change_codec(crypto.new_codec(PASSPHRASE, crypto.TEST_PARAMS))
    with Folio.open(started_dir, codec=crypto.unlock((started_dir / "folio.json").read_bytes(), PASSPHRASE)):
        app = make_app(started_dir, today)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen) and app.folio is None
            message = " ".join(str(part.render()) for part in app.screen.query(Static) if part.display)
            assert "open in another sendfolio" in message
        result = CliRunner().invoke(main, ["--data-dir", str(started_dir), "do-not-print", "add", "Robin"])
        assert result.exit_code != 0 and "open in another sendfolio" in result.output
        assert "Passphrase" not in result.output


async def test_the_restore_question_says_what_changes_compared_with_now(started_dir, today):
    """A CPD entry added since the backup and a case deleted since: the question names both, per kind."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(CPDEntry.from_dict({"date": "2026-11-20", "hours": "1", "method": "reading", "title": "Reading"}))
        app.folio.delete(app.folio.case("SM-T-001"))
        app.push_screen(RestoreScreen())
        await settle(pilot)
        numbers = [info.number for info in app.screen.backups]
        app.screen.query_one("#restore-table").move_cursor(row=numbers.index(2))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = " ".join(str(part.render()) for part in app.screen.query(Static))
        assert "removes 1 CPD entry added since" in " ".join(question.split())
        assert "brings back 1 case" in " ".join(question.split())


async def test_screens_opened_over_an_area_show_the_area_bar_and_number_keys_leave_them(started_dir, today):
    """Restore, Privacy, Encryption and Export, opened from the palette, carry the area bar; 2 goes to Cases."""
    from sendfolio.tui.screens.encryption import EncryptionScreen
    from sendfolio.tui.screens.privacy import PrivacyScreen
    from sendfolio.tui.screens.transfer import ExportScreen

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for screen_type in (RestoreScreen, PrivacyScreen, EncryptionScreen):
            app.push_screen(screen_type())
            await settle(pilot)
            assert app.screen.query(AreaBar), screen_type
            await pilot.press("2")
            await settle(pilot)
            assert isinstance(app.screen, CaseLogScreen)
        app.push_screen(ExportScreen())
        await settle(pilot)
        assert app.screen.query(AreaBar)
