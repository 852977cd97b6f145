"""The app ends when its terminal goes away: closing the terminal (SIGHUP), or SIGTERM while the
terminal is open or hung, at random moments from start-up on -- the process is gone within 3 s,
the lock is free, and unsaved work is kept as a draft.

A real `sendfolio` on a pseudo-terminal (pty_app.py). The default run tries 5 moments; under
`-m slow` 50 for each way of ending it.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from kill_tools import rng
from pty_app import PtyApp
from test_tui_signals import PAINTED

from sendfolio.store import Folio, FolioLocked
from sendfolio.store.drafts import load_draft

GONE_WITHIN = 3.0
"""Seconds the app may take to end after the signal."""

WAYS = ("terminal closed", "terminal lost, SIGHUP later", "SIGTERM", "SIGTERM, terminal hung")
"""How the app is ended: its terminal closed (the kernel sends SIGHUP at once); the terminal gone
and SIGHUP a second later (a dropped connection: the app's writes fail meanwhile); SIGTERM with
the terminal working; SIGTERM with a terminal that no longer reads (the app's writes block)."""


def end(app: PtyApp, way: str) -> int | None:
    """End the app one way; its exit status, or None if it is still running after `GONE_WITHIN`."""
    if way == "terminal closed":
        app.close_terminal()
    elif way == "terminal lost, SIGHUP later":
        app.close_terminal()
        time.sleep(1.0)  # the app writes meanwhile (a start-up spinner, a repaint): its writes fail
        app.process.send_signal(signal.SIGHUP)
    else:
        if way == "SIGTERM, terminal hung":
            app.freeze()
            time.sleep(1.0)  # the app writes meanwhile: once the pty is full its writes block
        app.process.send_signal(signal.SIGTERM)
    return app.wait(GONE_WITHIN)


def fill_the_terminal(app: PtyApp) -> None:
    """Stop reading, then switch areas again and again: the repaints fill the pty and the app's writes block."""
    assert app.wait_for(PAINTED), f"the dashboard never painted: {app.seen()[-500:]!r}"
    app.freeze()
    for key in "23456" * 30:
        app.press(key)
        time.sleep(0.01)
    time.sleep(0.5)


def lock_is_free(folder: Path) -> bool:
    """True when the folio opens (no process holds its lock)."""
    try:
        Folio.open(folder).close()
    except FolioLocked:
        return False
    return True


def end_at_random_moments(folder: Path, way: str, tries: int) -> list[float]:
    """Start the app and end it after a random delay (start-up included), `tries` times; the delays
    at which it did not end in time or left the lock held."""
    chooser = rng(f"hangup-{way}")
    failed = []
    for _ in range(tries):
        delay = chooser.uniform(0.0, 3.0)
        app = PtyApp(folder, controlling=way != "terminal lost, SIGHUP later")
        try:
            time.sleep(delay)
            status = end(app, way)
        finally:
            app.close()
        if status is None or not lock_is_free(folder):
            failed.append(round(delay, 2))
    return failed


@pytest.mark.parametrize("way", ["terminal lost, SIGHUP later", "SIGTERM, terminal hung"])
def test_the_app_ends_while_its_output_is_stuck(started, way):
    """The terminal stops reading while the app repaints (its output thread blocks, then its loop): the
    signal still ends it within 3 s and frees the lock (before, it never ended)."""
    app = PtyApp(started, controlling=False)
    try:
        fill_the_terminal(app)
        status = end(app, way)
    finally:
        app.close()
    assert status is not None, "the app did not end"
    assert lock_is_free(started)


def test_the_app_ends_at_random_moments(started):
    """Five random moments, one or two each way (the slow run tries 50 each way)."""
    failed = {way: end_at_random_moments(started, way, 2 if way == "terminal closed" else 1) for way in WAYS}
    assert failed == {way: [] for way in WAYS}


@pytest.mark.slow
@pytest.mark.parametrize("way", WAYS)
def test_the_app_ends_when_its_terminal_goes_50_times(started, way):
    """50 random moments each way, from start-up on: gone within 3 s with the lock free every time."""
    assert end_at_random_moments(started, way, 50) == []


@pytest.mark.parametrize("way", ["terminal closed", "SIGTERM, terminal hung"])
def test_unsaved_work_is_kept_as_a_draft(started, way):
    """A reflection being written when the terminal goes: the app ends and the draft holds what was typed."""
    app = PtyApp(started)
    try:
        assert app.wait_for(PAINTED), f"the dashboard never painted: {app.seen()[-500:]!r}"
        app.press("4")  # the Reflections area
        assert app.wait_for(b"Reflections", start=0)
        mark = len(app.seen())
        app.press("a")  # a new reflection: first the template chooser
        assert app.wait_for(b"new reflection from", start=mark), f"no template chooser: {app.seen()[-500:]!r}"
        mark = len(app.seen())
        app.press("\r")  # the highlighted template
        assert app.wait_for(b"words", start=mark), f"the editor did not open: {app.seen()[-500:]!r}"
        time.sleep(0.5)
        app.press("Fictional unsaved title")
        time.sleep(0.5)
        status = end(app, way)
    finally:
        app.close()
    assert status is not None, "the app did not end"
    with Folio.open(started) as folio:
        kept = load_draft(folio, "reflection-new")
    assert kept is not None and "Fictional unsaved title" in str(kept.get("title")), kept
