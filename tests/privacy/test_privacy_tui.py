"""The TUI's unlock screen: a hidden field, three tries, a clear message for a damaged file."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App
from textual.widgets import Input, Static

from sendfolio.domain.records import Case
from sendfolio.store import Folio
from sendfolio.store.crypto import TEST_PARAMS, FolioCodec, new_codec
from sendfolio.tui.dialogs.unlock import UnlockScreen

PASSPHRASE = "fictional unlock passphrase"
"""The folio's passphrase."""


@pytest.fixture
def encrypted_dir(folio_dir):
    """An encrypted folio holding one case (cheap KDF parameters)."""
    with Folio.open(folio_dir) as folio:
        folio.put(
            Case.from_dict(
                {
                    "ref": "SM-T-001",
                    "kind": "mediation",
                    "role": "lead",
                    "date": "2025-03-02",
                    "prep_hours": 1,
                    "meeting_hours": 3,
                    "followup_hours": 0.5,
                    "outcome": "agreement",
                }
            )
        )
        folio.change_codec(new_codec(PASSPHRASE, TEST_PARAMS))
    return folio_dir


class Host(App):
    """A bare app that shows the unlock screen and keeps what it returns."""

    def __init__(self, data_dir):
        """Remember the folder to unlock."""
        super().__init__()
        self.data_dir = data_dir
        self.result = "not dismissed"

    def on_mount(self) -> None:
        """Show the unlock screen at once."""
        self.push_screen(UnlockScreen(self.data_dir), self.unlocked)

    def unlocked(self, codec) -> None:
        """Keep the screen's answer."""
        self.result = codec


async def attempt(pilot, passphrase: str) -> None:
    """Type a passphrase, press Enter and wait for the key derivation."""
    field = pilot.app.screen.query_one("#unlock-passphrase", Input)
    field.value = passphrase
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_right_passphrase_gives_a_codec_that_opens_the_folio(encrypted_dir):
    """Enter with the right passphrase dismisses the screen with a working codec."""
    app = Host(encrypted_dir)
    async with app.run_test() as pilot:
        assert pilot.app.screen.query_one("#unlock-passphrase", Input).password
        await attempt(pilot, PASSPHRASE)
    assert isinstance(app.result, FolioCodec)
    with Folio.open(encrypted_dir, codec=app.result) as folio:
        assert folio.case("SM-T-001") is not None


async def test_three_wrong_tries_give_up(encrypted_dir):
    """Wrong passphrases count down; the third ends with no codec, and the field is cleared each time."""
    app = Host(encrypted_dir)
    async with app.run_test() as pilot:
        await attempt(pilot, "wrong one")
        message = pilot.app.screen.query_one("#unlock-message", Static)
        assert "2 tries left" in str(message.render())
        assert pilot.app.screen.query_one("#unlock-passphrase", Input).value == ""
        await attempt(pilot, "wrong two")
        assert "1 try left" in str(pilot.app.screen.query_one("#unlock-message", Static).render())
        await attempt(pilot, "wrong three")
    assert app.result is None


async def test_escape_gives_up(encrypted_dir):
    """Escape leaves without a codec."""
    app = Host(encrypted_dir)
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_damaged_file_is_explained(encrypted_dir):
    """A damaged header (and no backup) is explained; only quitting is left."""
    path = encrypted_dir / "folio.json"
    blob = bytearray(path.read_bytes())
    blob[20] ^= 1
    path.write_bytes(bytes(blob))
    for backup in encrypted_dir.glob("folio.json.*"):
        backup.unlink()
    app = Host(encrypted_dir)
    async with app.run_test() as pilot:
        await attempt(pilot, PASSPHRASE)
        assert "header is damaged" in str(pilot.app.screen.query_one("#unlock-message", Static).render())
        assert pilot.app.screen.query_one("#unlock-passphrase", Input).disabled
    assert app.result == "not dismissed"


async def test_the_app_asks_for_the_passphrase_of_an_encrypted_folio(encrypted_dir, monkeypatch):
    """The real app on an encrypted folio shows the unlock screen and then the dashboard."""
    from sendfolio.tui.app import SendfolioApp

    monkeypatch.delenv("SENDFOLIO_PASSPHRASE", raising=False)
    app = SendfolioApp(encrypted_dir, today=date(2026, 11, 29))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, UnlockScreen)
        await attempt(pilot, PASSPHRASE)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.folio is not None and app.folio.case("SM-T-001") is not None


async def wait_until(pilot, done) -> None:
    """Let the app run until `done()` is true (the screen's worker starts only once it is mounted)."""
    for _ in range(200):
        await pilot.pause(0.05)
        if done():
            return
    raise AssertionError("the app never reached the expected state")


def message(app) -> str:
    """The unlock screen's message line, or "" when it is not showing."""
    screen = app.screen
    return str(screen.query_one("#unlock-message", Static).render()) if isinstance(screen, UnlockScreen) else ""


async def test_the_passphrase_in_the_environment_unlocks_without_typing(encrypted_dir, monkeypatch):
    """$SENDFOLIO_PASSPHRASE set and right: the screen closes by itself with a working codec."""
    monkeypatch.setenv("SENDFOLIO_PASSPHRASE", PASSPHRASE)
    app = Host(encrypted_dir)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.result != "not dismissed")
    assert isinstance(app.result, FolioCodec)


async def test_a_wrong_passphrase_in_the_environment_asks_and_keeps_every_try(encrypted_dir, monkeypatch):
    """$SENDFOLIO_PASSPHRASE wrong: the screen says so and still allows three typed tries."""
    monkeypatch.setenv("SENDFOLIO_PASSPHRASE", "not the fictional passphrase")
    app = Host(encrypted_dir)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: "does not open this folio" in message(app))
        assert pilot.app.screen.tries_left == 3
        await attempt(pilot, "wrong once")
        await attempt(pilot, PASSPHRASE)
    assert isinstance(app.result, FolioCodec)


async def test_the_compile_screen_refuses_a_listed_name_and_says_where(encrypted_dir, tmp_path, monkeypatch):
    """The Compile area of an unlocked folio: a name in a CPD learning note stops the PDF; the message names the entry."""
    from sendfolio.domain.records import CPDEntry
    from sendfolio.privacy.check import add_word
    from sendfolio.privacy.unlock import codec_from_passphrase
    from sendfolio.tui.app import SendfolioApp

    folio = Folio.open(encrypted_dir, codec=codec_from_passphrase(encrypted_dir, PASSPHRASE))
    entry = folio.put(
        CPDEntry.from_dict(
            {
                "date": "2025-04-01",
                "hours": 2,
                "method": "reading",
                "title": "Reading",
                "learning": "Zebedee's school move showed me how to pace a meeting",
            }
        )
    )
    add_word(folio, "zebedee")
    app = SendfolioApp(encrypted_dir, today=date(2026, 11, 29), folio=folio)
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("8")
            await pilot.pause()
            compile_screen = pilot.app.screen  # a refused compile opens the Privacy screen over it
            await pilot.press("c")
            line = compile_screen.query_one("#compile-result")
            await wait_until(pilot, lambda: str(line.render()).startswith(("✗", "✓")))
            result = str(line.render())
            await wait_until(pilot, lambda: bool(getattr(pilot.app.screen, "findings", None)))
            shown = [(item.kind, item.record, item.field) for item in pilot.app.screen.findings]
    finally:
        folio.close()
    # the refusal opens the Privacy screen, which lists where the name is (the entry and its field)
    assert result.startswith("✗ Not compiled — the privacy check") and ("cpd", entry.id, "learning") in shown
    assert "Zebedee" not in result
    assert not any(path.suffix == ".pdf" for path in encrypted_dir.rglob("*"))
