"""What the app is beyond Textual's App before it has areas: a crash report that keeps the records private,
a failed save told rather than crashed on, and notices that never stand in the way.

`NoticesApp` (the base of `SendfolioApp`): a dialog pushed clears the toasts on show (a toast never sits
over a dialog's buttons); `notify_once(message, ...)` shows a notice once per cause while a folio is open
(`forget_notices()` when another opens); `unhandled_error` replaces Textual's crash report (which shows
local variables) with a short message and a log file in the data folder.

Keys typed ahead keep their order: a key that is not a character (Tab, Enter, ctrl+s, an arrow) travels up
from the field to the bindings behind the keys already waiting, so the text typed after Tab used to land in
the field before, and ctrl+s could save before the last characters were in. `NoticesApp` gives such a key
out once the characters before it are in their field, and holds the keys after it until it is handled (and
what it set going: a list's choice, the field it focuses), then gives them out in order.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import WorkerFailed

from sendfolio.tui.support.crash import crash_message, write_crash_log
from sendfolio.tui.support.textual_internals import CrashHookApp

HOLD_AT_MOST = 2.0
"""Seconds the keys after a moving key wait at most (a key a widget keeps for itself never comes back up): generous, as
on a loaded machine a list's choice and its refocus come late after the Enter, and the keys behind must not go first."""

HANDLED_WAIT = 1.0
"""Seconds `handled_before` waits at most for each widget (one whose messages have stopped: closed, or stuck)."""


def keeps_key(widget: Widget | None, key: str) -> bool:
    """True when the focused widget takes the key itself, so it never comes up (a text area's Enter, its Tab
    when it indents): the keys after it need not wait."""
    if key not in ("enter", "tab") or not any(cls.__name__ == "TextArea" for cls in type(widget).__mro__):
        return False
    from textual.widgets import TextArea  # already loaded, the widget being one (not imported at start)

    return isinstance(widget, TextArea) and (key == "enter" or widget.tab_behavior == "indent")


async def handled_before(widget: Widget | None, wait: float = HANDLED_WAIT) -> None:
    """Wait until what `widget` and the widgets around it were given so far is handled (at most `wait` each; not at
    all for a widget closing, which handles nothing more)."""
    while widget is not None and not isinstance(widget, Screen):
        done = asyncio.Event()
        if widget.call_later(done.set):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), wait)
        parent = widget.parent
        widget = parent if isinstance(parent, Widget) else None


class NoticesApp(CrashHookApp):
    """Textual's App with sendfolio's crash report and notices."""

    data_dir: Path
    """The folder of the open folio (crash logs go there)."""

    def __init__(self) -> None:
        """No notice shown yet."""
        super().__init__()
        self._notified_once: set[str] = set()
        self._held: list[events.Key] | None = None
        self._holding_for: events.Key | None = None

    async def on_event(self, event: events.Event) -> None:
        """A key typed while another is on its way waits. A key that is not a character (Tab, Enter, ctrl+s, an
        arrow…) goes only once the characters typed before it are in their field, and the keys after it wait
        until its binding has run (it comes back up to the app) or, taken by a priority binding, at once."""
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if self._held is not None:
            self._held.append(event)
            return
        if event.is_printable or keeps_key(self.focused, event.key):
            await super().on_event(event)
            return
        await handled_before(self.focused)
        self._held, self._holding_for = [], event
        self.set_timer(HOLD_AT_MOST, lambda: self._give_out(event))
        await super().on_event(event)
        if not event.is_forwarded and self._holding_for is event:  # a priority binding took it: it comes no further
            self.call_next(self._after_moving, event)

    async def _on_key(self, event: events.Key) -> None:
        """The moving key came back up to the app: once its binding has run (Textual's own `_on_key`, called
        after this one), what it set going is handled, then the keys that waited go on."""
        if event is self._holding_for:
            self.call_next(self._after_moving, event)

    async def _after_moving(self, event: events.Key) -> None:
        """What the moving key set going is handled (a list's choice, then the choice at its Select, which asks
        the app to focus it); then the keys that waited go on, after what the app was asked meanwhile."""
        for _ in range(3):
            await handled_before(self.focused)
        self.call_later(self._give_out, event)

    async def _give_out(self, moving: events.Key) -> None:
        """Give out the keys that waited for `moving`, in order (one of them may start another wait)."""
        if self._holding_for is not moving or self._held is None:
            return
        waiting, self._held, self._holding_for = self._held, None, None
        for index, key in enumerate(waiting):
            await self.on_event(key)
            if self.holding_keys():  # it was a moving key: the rest wait for it in turn
                self.hold(waiting[index + 1 :])
                return

    def holding_keys(self) -> bool:
        """True while keys typed after a moving key wait for it."""
        return self._held is not None

    def hold(self, keys: list[events.Key]) -> None:
        """Keep `keys` waiting, after those already waiting."""
        if self._held is not None:
            self._held.extend(keys)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Push a screen; a dialog clears the toasts on show."""
        screen = args[0] if args else kwargs.get("screen")
        if isinstance(screen, ModalScreen):
            self.clear_notifications()
        return super().push_screen(*args, **kwargs)

    def notify_once(self, message: str, **options: Any) -> None:
        """A notice shown once per cause: the same words again while this folio is open (a warning each save of
        the same case would repeat) are not shown."""
        if message in self._notified_once:
            return
        self._notified_once.add(message)
        self.notify(message, **options)

    def forget_notices(self) -> None:
        """Another folio is open: its warnings are new."""
        self._notified_once.clear()

    def unhandled_error(self, error: Exception) -> None:
        """Replace Textual's crash report (which shows local variables) with a short message and a log file.

        A save that failed (disk full, folder read-only) is not a crash: the folio has already
        gone back to what the file holds, so the app says "not saved" and carries on.
        """
        if self._save_failed(error):
            return
        self.end_with_error(error)
        cause = error.error if isinstance(error, WorkerFailed) else None
        log_path = self._write_crash_log(cause or error)
        self.panic(Text(crash_message(cause or error, log_path)))

    def _save_failed(self, error: Exception) -> bool:
        """Tell the user a save failed and keep the app running; False for any other error."""
        from sendfolio.store import FolioError, FolioLocked

        cause = error.error if isinstance(error, WorkerFailed) else error
        if not isinstance(cause, FolioError) or isinstance(cause, FolioLocked):
            return False
        self.notify(f"Not saved: {cause}", title="Save failed", severity="error", timeout=15, markup=False)
        return True

    def _write_crash_log(self, error: BaseException) -> Path | None:
        """Write the crash log; None if even that fails."""
        try:
            return write_crash_log(self.data_dir, error)
        except OSError:
            return None
