"""SIGTERM and SIGHUP to the running TUI (a real `sendfolio` under a pseudo-terminal): it exits,
releases the lock, keeps every save, and gives the terminal back (alternate screen left,
cursor shown)."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
from pty_app import ALT_SCREEN_OFF, CURSOR_ON, PtyApp

from sendfolio.store import Folio, FolioLocked
from sendfolio.tui.support.theme import THEME_SETTING

PAINTED = b"Accreditation"
"""Text of the dashboard's heading: once it is on the terminal, the dashboard has painted."""


def saved_settings(folder: Path) -> str:
    """The settings table as the file on disk holds it (read directly: the app holds the lock)."""
    return json.dumps(json.loads((folder / "folio.json").read_bytes()).get("settings", {}))


def signalled(folder: Path, number: int) -> tuple[int | None, bytes]:
    """Start the app, wait for the dashboard, save with a key (F2), send the signal.

    Returns the exit status (None if it did not end) and what the app wrote after the signal.
    """
    app = PtyApp(folder)
    try:
        assert app.wait_for(PAINTED), f"the dashboard never painted: {app.seen()[-500:]!r}"
        app.press("f2")
        deadline = time.monotonic() + 15
        while "high-contrast" not in saved_settings(folder) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "high-contrast" in saved_settings(folder), "F2 did not save the theme"
        mark = len(app.seen())
        status = app.signal(number)
        time.sleep(0.2)
        return status, app.seen()[mark:]
    finally:
        app.close()


def check_nothing_lost(folder: Path) -> None:
    """The lock is free and the save made before the signal is in the folio."""
    try:
        folio = Folio.open(folder)
    except FolioLocked as locked:
        raise AssertionError(f"the lock was not released: {locked}") from None
    with folio:
        assert "high-contrast" in json.dumps(folio.get_setting(THEME_SETTING))


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_ends_the_app_and_keeps_every_save(started, number):
    """The app ends, the lock is released and what was saved stays saved."""
    status, _ = signalled(started, number)
    assert status is not None, "the app did not end"
    check_nothing_lost(started)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_gives_the_terminal_back(started, number):
    """After the signal the app leaves the alternate screen, shows the cursor and exits cleanly."""
    status, after = signalled(started, number)
    assert ALT_SCREEN_OFF in after and CURSOR_ON in after, f"terminal not restored: {after[-300:]!r}"
    assert status == 0, f"exit status {status}"
    check_nothing_lost(started)
