"""The sendfolio app: opens the folio, switches between areas, keeps crashes private.

`SendfolioApp(data_dir, *, today=None, folio=None)` opens the folio in `data_dir` in a
worker (or uses the open `folio` given), then shows the Dashboard -- or the welcome
screen when the folio is empty. Screens read `app.folio` and `app.today`.

Keys everywhere: 1–8 switch areas, ? / F1 help, F2 high contrast, ctrl+p command
palette, ctrl+q quit. `run_app(data_dir)` is the entry point the CLI calls.
"""

from __future__ import annotations

import asyncio
import signal
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.screen import ModalScreen, Screen
from textual.widgets import LoadingIndicator, Static
from textual.worker import WorkerFailed

from sendfolio.paths import style_path
from sendfolio.tui.areas import AREAS, screen_factory
from sendfolio.tui.commands import SendfolioCommands
from sendfolio.tui.crash import crash_message, write_crash_log
from sendfolio.tui.theme import DEFAULT_THEME, HIGH_CONTRAST, THEME_SETTING
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

START_MODE = "start"
"""The mode of the start-up screen, shown while the folio opens (or if it cannot)."""


def existing_styles(*names: str) -> list[Path]:
    """The style files that exist, so a missing optional file does not stop the app."""
    return [path for path in (style_path(name) for name in names) if path.is_file()]


def encrypted(data_dir: Path) -> bool:
    """True when the folio in `data_dir` is encrypted (so the unlock screen must ask first)."""
    from sendfolio.store.mark import is_encrypted

    return is_encrypted(data_dir)


class StartScreen(Screen):
    """Shown while the folio opens, and with a clear message if it cannot be opened."""

    HELP = "sendfolio is opening your folio. If it cannot, this screen says why and where."
    """What this screen is for, shown in help."""

    def compose(self) -> ComposeResult:
        """A spinner and a message in the middle of the screen."""
        with Middle(id="startup"):
            yield LoadingIndicator(id="startup-spinner")
            with Center():
                yield Static("Opening your folio…", id="startup-message")
        yield AppFooter()

    def show_error(self, message: str) -> None:
        """Replace the spinner with an error message."""
        self.query_one("#startup-spinner").display = False
        notice = self.query_one("#startup-message", Static)
        notice.add_class("-error")
        notice.update(
            Text.assemble(("Your folio could not be opened\n\n", "bold"), message, "\n\nPress ctrl+q to quit.")
        )


class SendfolioApp(App[int]):
    """Case log, reflections, CPD and portfolio for a sole SEND mediator."""

    TITLE = "sendfolio"
    """The app's name."""

    CSS_PATH: ClassVar[Any] = existing_styles("app.tcss", "records.tcss")
    """The app's styles (styles/app.tcss and styles/records.tcss)."""

    COMMANDS: ClassVar[Any] = App.COMMANDS | {SendfolioCommands}
    """The command palette offers Textual's commands and every sendfolio area and action."""

    MODES: ClassVar[dict[str, Any]] = {START_MODE: StartScreen, **{area.mode: screen_factory(area) for area in AREAS}}
    """The start-up screen and one mode per area."""

    DEFAULT_MODE: ClassVar[str] = START_MODE
    """The app opens on the start-up screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(area.key, f"area('{area.mode}')", area.title, show=False) for area in AREAS),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", priority=True),
        Binding("f2", "toggle_contrast", "Contrast", tooltip="Toggle the high-contrast theme", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]
    """1–8 switch areas; ? or F1 help; F2 high contrast; ctrl+q quit.

    The footer shows one key per action: "? Help", or "f1 Help" while typing in a field takes the "?".
    F1 has priority, so it opens help from a form or dialog too.
    """

    def __init__(self, data_dir: Path, *, today: date | None = None, folio: Any = None) -> None:
        """Remember where the folio is; it is opened once the app is running."""
        super().__init__()
        self.data_dir = Path(data_dir)
        self.today = today or date.today()
        self.folio = folio
        self.is_demo = False
        self._owns_folio = folio is None
        self.register_theme(HIGH_CONTRAST)

    def on_mount(self) -> None:
        """Open the folio (in a worker, after asking for the passphrase of an encrypted one), or use the one given."""
        self._exit_on_signals()
        if self.folio is not None:
            self.folio_ready(self.folio)
        elif encrypted(self.data_dir):
            from sendfolio.tui.unlock import UnlockScreen

            self.push_screen(UnlockScreen(self.data_dir), self._unlocked)
        else:
            self.open_folio()

    def _exit_on_signals(self) -> None:
        """SIGTERM and SIGHUP (terminal closed, system shutting down) close the app cleanly.

        Every change is already saved, so closing loses nothing; exiting through Textual
        restores the terminal (leaves the alternate screen, shows the cursor) and releases the lock.
        """
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(number, self.exit)
            except (NotImplementedError, RuntimeError, ValueError):
                return  # not the main thread, or a platform without these signals

    def _unlocked(self, codec: Any) -> None:
        """Open the encrypted folio with its codec, or close the app if the user gave up."""
        if codec is None:
            self.exit(return_code=2, message="The folio was not opened: no passphrase given, or three wrong tries.")
        else:
            self.open_folio(codec)

    @work(thread=True, exclusive=True, group="folio")
    def open_folio(self, codec: Any = None) -> None:
        """Open the folio off the screen's thread, then show it (or say why not)."""
        from sendfolio.store import Folio, FolioError

        try:
            folio = Folio.open(self.data_dir, codec=codec)
        except FolioError as error:
            self.call_from_thread(self.folio_failed, str(error))
            return
        except OSError as error:
            self.call_from_thread(self.folio_failed, f"{self.data_dir}: {error.strerror or error}")
            return
        self.call_from_thread(self.folio_ready, folio)

    def folio_failed(self, message: str) -> None:
        """Show why the folio could not be opened."""
        screen = self.screen
        if isinstance(screen, StartScreen):
            screen.show_error(message)

    def folio_ready(self, folio: Any) -> None:
        """Keep the open folio and show the Dashboard (and the welcome screen if it is empty)."""
        self.folio = folio
        self._apply_saved_theme()
        self.action_area("dashboard")
        if folio.is_empty():
            from sendfolio.tui.firstrun import WelcomeScreen

            self.push_screen(WelcomeScreen())

    async def use_folio(self, folio: Any, *, demo: bool = False) -> None:
        """Show another folio (the demo): close ours, rebuild every area on the new one."""
        await self.switch_mode(START_MODE)
        for area in AREAS:
            await self.remove_mode(area.mode)
            self.add_mode(area.mode, screen_factory(area))
        self.close_folio()
        self.folio, self.is_demo, self._owns_folio = folio, demo, True
        self.action_area("dashboard")

    def close_folio(self) -> None:
        """Close the folio if the app opened it (releasing its lock)."""
        if self.folio is not None and self._owns_folio:
            self.folio.close()

    def on_unmount(self) -> None:
        """Close the folio when the app ends."""
        self.close_folio()

    def action_area(self, mode: str) -> None:
        """Switch to an area (not while a dialog is open, nor before the folio is open)."""
        if self.folio is None or isinstance(self.screen, ModalScreen):
            self.bell()
            return
        self.switch_mode(mode)
        self.call_after_refresh(self._show_area_bar)

    def _show_area_bar(self) -> None:
        """Give the area screen an area bar if it has none, and highlight the current area."""
        screen = self.screen
        if isinstance(screen, ModalScreen):
            return
        bars = list(screen.query(AreaBar))
        if not bars:
            screen.mount(AreaBar(), before=0)
        for bar in bars:
            bar.refresh_areas()

    def action_help(self) -> None:
        """Show the keys of the current screen (or close the help if it is showing)."""
        from sendfolio.tui.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_contrast(self) -> None:
        """Switch between the normal and the high-contrast theme, and remember the choice."""
        self.theme = DEFAULT_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name
        if self.folio is not None and hasattr(self.folio, "put_setting"):
            self.folio.put_setting(THEME_SETTING, self.theme)
        self.notify("High contrast on" if self.theme == HIGH_CONTRAST.name else "High contrast off")

    def _apply_saved_theme(self) -> None:
        """Use the theme the folio remembers, if any."""
        if not hasattr(self.folio, "get_setting"):
            return
        saved = self.folio.get_setting(THEME_SETTING, DEFAULT_THEME)
        if saved in (DEFAULT_THEME, HIGH_CONTRAST.name):
            self.theme = saved

    def _handle_exception(self, error: Exception) -> None:
        """Replace Textual's crash report (which shows local variables) with a short message and a log file.

        A save that failed (disk full, folder read-only) is not a crash: the folio has already
        gone back to what the file holds, so the app says "not saved" and carries on.
        """
        if self._save_failed(error):
            return
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
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


def run_app(data_dir: Path, *, today: date | None = None) -> int:
    """Run the app on the folio in `data_dir`; return its exit status."""
    app = SendfolioApp(Path(data_dir), today=today)
    app.run()
    return app.return_code or 0
