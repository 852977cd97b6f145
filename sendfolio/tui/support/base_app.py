"""What the app is beyond Textual's App before it has areas: a crash report that keeps the records private,
a failed save told rather than crashed on, and notices that never stand in the way.

`NoticesApp` (the base of `SendfolioApp`): a dialog pushed clears the toasts on show (a toast never sits
over a dialog's buttons); `notify_once(message, ...)` shows a notice once per cause while a folio is open
(`forget_notices()` when another opens); `unhandled_error` replaces Textual's crash report (which shows
local variables) with a short message and a log file in the data folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.screen import ModalScreen
from textual.worker import WorkerFailed

from sendfolio.tui.support.crash import crash_message, write_crash_log
from sendfolio.tui.support.textual_internals import CrashHookApp


class NoticesApp(CrashHookApp):
    """Textual's App with sendfolio's crash report and notices."""

    data_dir: Path
    """The folder of the open folio (crash logs go there)."""

    def __init__(self) -> None:
        """No notice shown yet."""
        super().__init__()
        self._notified_once: set[str] = set()

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
