"""A save that fails (disk full) is reported and the app carries on; nothing half-saved."""

from __future__ import annotations

import errno
import os

from sendfolio.domain.records import Profile
from sendfolio.store import Folio
from sendfolio.tui.app import SendfolioApp
from sendfolio.tui.screens.cpd import CPDScreen
from tests.helpers.tui import enter
from tests.tui.test_records_screens_cpd import SIZE


async def add_cpd(pilot, title: str) -> None:
    """Add a CPD entry through the form with keys only."""
    await pilot.press("a")
    await pilot.pause()
    await pilot.press("tab")
    await enter(pilot, "1.5")
    await pilot.press("tab", "enter", "down", "down", "down", "enter")
    await pilot.press("tab")
    await enter(pilot, title)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_disk_full_save_is_reported_and_app_keeps_running(folio_dir, today, monkeypatch):
    """os.replace failing with ENOSPC: a 'not saved' notice, the file unchanged, the next save works."""
    folio = Folio.open(folio_dir)
    folio.put(Profile.from_dict({"name": "Test Mediator"}))
    before = (folio_dir / "folio.json").read_bytes()
    real_replace = os.replace

    def disk_full(*args, **kwargs):
        """The operating system refusing the rename, as on a full disk."""
        raise OSError(errno.ENOSPC, "No space left on device")

    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        monkeypatch.setattr(os, "replace", disk_full)
        await add_cpd(pilot, "Lost to a full disk")
        assert app.is_running and app.return_code is None
        assert any("Not saved" in str(note.message) for note in app._notifications)
        assert (folio_dir / "folio.json").read_bytes() == before
        monkeypatch.setattr(os, "replace", real_replace)
        await pilot.press("escape")
        await pilot.pause()
        if not isinstance(app.screen, CPDScreen):
            await pilot.press("d")  # Discard
            await pilot.pause()
        await add_cpd(pilot, "Saved once there is room")
    folio.close()
    with Folio.open(folio_dir) as reopened:
        titles = [entry.title for entry in reopened.cpd()]
    assert titles == ["Saved once there is room"]
