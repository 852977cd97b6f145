"""Encryption and restore in the app: real files, real keys (test-strength), the folio reopened."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from sendfolio.domain.records import CPDEntry
from sendfolio.store import crypto
from sendfolio.store.mark import is_encrypted
from sendfolio.tui.dialogs.ask_text import AskTextScreen
from sendfolio.tui.screens.encryption import EncryptionScreen
from sendfolio.tui.screens.restore import RestoreScreen
from tests.helpers.tui import SIZE, enter, make_app, reopen, settle
from tests.tui.test_start import count_workers

PASSPHRASE = "fictional passphrase one"
"""A test passphrase."""


async def answer(pilot, text: str) -> None:
    """Type into the open ask-text dialog and press Enter."""
    assert isinstance(pilot.app.screen, AskTextScreen)
    pilot.app.screen.query_one("#ask-text", Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def wait_for_result(pilot, screen) -> str:
    """Wait until the screen's worker is done; return the result line."""
    for _ in range(200):
        await settle(pilot)
        text = str(screen.query_one("#encryption-result").render())
        if text.startswith(("✓", "✗")):
            return text
    return text


async def test_encrypt_change_the_passphrase_and_decrypt_from_the_app(started_dir, today, monkeypatch):
    """e encrypts (asked twice); p asks the current passphrase then a new one; d decrypts after asking."""
    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.TEST_PARAMS)
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        started = count_workers(app)
        await pilot.press("ctrl+p")
        await enter(pilot, "encryption")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EncryptionScreen)
        await pilot.press("e")
        await settle(pilot)
        await answer(pilot, PASSPHRASE)
        await answer(pilot, "a different one!")
        assert "differ" in await wait_for_result(pilot, screen) and not is_encrypted(started_dir)
        await pilot.press("e")
        await settle(pilot)
        await answer(pilot, PASSPHRASE)
        await answer(pilot, PASSPHRASE)
        assert (await wait_for_result(pilot, screen)).startswith("✓ Encrypted")
        assert is_encrypted(started_dir) and b"SM-T-001" not in (started_dir / "folio.json").read_bytes()
        await pilot.press("p")
        await settle(pilot)
        await answer(pilot, "not the passphrase")
        assert "not the folio's passphrase" in await wait_for_result(pilot, screen)
        await pilot.press("p")
        await settle(pilot)
        await answer(pilot, PASSPHRASE)
        await answer(pilot, "fictional passphrase two")
        await answer(pilot, "fictional passphrase two")
        assert (await wait_for_result(pilot, screen)).startswith("✓ The passphrase is changed")
        blob = (started_dir / "folio.json").read_bytes()
        assert crypto.unlock(blob, "fictional passphrase two").decode(blob)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        assert (await wait_for_result(pilot, screen)).startswith("✓ Stored as plain text")
    assert any(worker.startswith("encryption:") for worker in started), started
    secrets = (PASSPHRASE, "fictional passphrase two", "not the passphrase")
    assert not any(secret in worker for worker in started for secret in secrets), started  # no passphrase shown
    assert not is_encrypted(started_dir)
    with reopen(started_dir) as folio:
        assert folio.case("SM-T-001") is not None


async def test_restore_lists_the_backups_and_brings_one_back(started_dir, today):
    """Two saves make backups; restoring backup 1 brings back the folio before the last save, kept as backup 1."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(CPDEntry.from_dict({"date": "2026-11-20", "hours": "2", "method": "reading", "title": "One"}))
        app.folio.put(CPDEntry.from_dict({"date": "2026-11-21", "hours": "1", "method": "reading", "title": "Two"}))
        await pilot.press("ctrl+p")
        await enter(pilot, "restore")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RestoreScreen)
        table = screen.query_one("#restore-table", DataTable)
        assert table.row_count >= 2 and "1 CPD" in str(table.get_row_at(0)[3])
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        for _ in range(50):
            await settle(pilot)
            if len(app.folio.cpd()) == 1:
                break
        assert [entry.title for entry in app.folio.cpd()] == ["One"]
    with reopen(started_dir) as folio:
        assert [entry.title for entry in folio.cpd()] == ["One"]
