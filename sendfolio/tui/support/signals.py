"""SIGHUP (the terminal closed) and SIGTERM (shutdown) end the app within seconds, whatever it is doing.

The app is asked to close as ctrl+q would, without asking: unsaved work is kept as drafts, the
folio is closed (its lock released) and Textual gives the terminal back. That runs on the app's
loop, which may never get to it: once the terminal is gone, Textual's output thread dies on
the first failed write and the loop then blocks for ever handing it more output (its queue is
full). So the signal's handler is a plain Python one (it runs on the main thread even while
the loop is blocked there), and it starts a watchdog: if the app has not ended after
`GRACE_SECONDS`, the watchdog keeps the drafts itself (the loop is stuck, so nothing else
changes the screens meanwhile), closes the folio and ends the process at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from typing import Any, Protocol

from textual.app import App

from sendfolio.tui.support.textual_internals import running_loop

GRACE_SECONDS = 2.2
"""How long the app is given to close by itself after the signal before it is ended."""

SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""The signals that end the app."""


class ClosesOnSignal(Protocol):
    """What the app offers the signals' handler and its watchdog."""

    def hang_up(self) -> None:
        """Keep a draft of any unsaved work, then close (run on the app's loop)."""
        ...

    def keep_drafts(self) -> None:
        """Keep a draft of every screen holding unsaved changes."""
        ...

    def close_folio(self) -> None:
        """Close the folio (releasing its lock)."""
        ...


class ExitOnSignals:
    """Ends `app` on SIGTERM or SIGHUP: its own way first, by force after the grace period.

    `app` offers `hang_up()` (keep drafts, then exit; run on its loop), `keep_drafts()` and
    `close_folio()`; `drafts_kept` is set once the drafts are on disk. Without `force` (the app
    run inside another program, as the tests' Pilot does) only the app's own way is taken.
    """

    def __init__(self, app: ClosesOnSignal, *, force: bool = True) -> None:
        """Watch for the signals on behalf of `app` (call `install` on the main thread)."""
        self.app = app
        self.force = force
        self.received: int | None = None
        self.drafts_kept = threading.Event()
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        """Handle the signals from now on (main thread only; elsewhere nothing is changed)."""
        for number in SIGNALS:
            with contextlib.suppress(ValueError, OSError):
                self._previous[number] = signal.signal(number, self.on_signal)

    def uninstall(self) -> None:
        """Put back the handlers there were before `install`."""
        for number, previous in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(number, previous)
        self._previous.clear()

    def on_signal(self, number: int, _frame: Any) -> None:
        """Ask the app to close, and start the watchdog that ends it if it does not."""
        if self.received is not None:
            return
        self.received = number
        if self.force:
            threading.Thread(target=self._end_after_grace, name="sendfolio-exit", daemon=True).start()
        loop = running_loop(self.app) if isinstance(self.app, App) else None
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.app.hang_up)

    def _end_after_grace(self) -> None:
        """Give the app its grace period; then keep the drafts, close the folio and end the process."""
        started = time.monotonic()
        if not self.drafts_kept.wait(GRACE_SECONDS):
            with contextlib.suppress(Exception):  # best effort: the terminal is gone, nobody can be told
                self.app.keep_drafts()
        time.sleep(max(0.0, GRACE_SECONDS - (time.monotonic() - started)))
        with contextlib.suppress(Exception):
            self.app.close_folio()
        os._exit(self.status)

    @property
    def status(self) -> int:
        """The exit status after a signal: 128 + its number, as a shell reports a process it ended."""
        return 128 + (self.received or signal.SIGTERM)
