"""The sendfolio app: opens the folio, switches between areas, keeps crashes private.

`SendfolioApp(data_dir, *, today=None, folio=None)` paints the Dashboard's frame first
(its headings, "Reading the folio…"), then opens the folio in `data_dir` in a worker (or uses
the open `folio` given) and the Dashboard fills in its figures -- the welcome screen comes up
over it when the folio is empty, and a folio that cannot be opened is explained on the
Dashboard itself. Screens read `app.current_folio` (typed `Folio`) and `app.today`.

State on the App, reactive: `folio` (the open folio; another can be opened without restarting:
`switch_folio`, `open_demo`), `year` (the registration year on show in every area) and
`is_demo`. Every save of the folio posts one `FolioChanged` message (tui/support/messages.py), which
the app publishes on `folio_changed_signal` to the screens drawn from the folio.

Unsaved work: a form offers `has_unsaved_changes()`, `save_unsaved()`, `keep_draft()`, `forget_draft()`, `unsaved_what`.
ctrl+q and q ask (save / discard, its draft too / cancel); SIGHUP (terminal closed) keeps a draft of it and closes.

Keys everywhere: 1–9, 0 and p switch areas (closing the screens opened over the one left), ? / F1 help, F2 high contrast, ctrl+p command
palette, ctrl+q quit. `run_app(data_dir)` is the entry point the CLI calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.widgets import LoadingIndicator, Static

from sendfolio.paths import style_path
from sendfolio.tui.support.base_app import NoticesApp
from sendfolio.tui.support.host import HoldsUnsavedWork, ShowsErrors
from sendfolio.tui.support.memory import collect_again
from sendfolio.tui.support.messages import FolioChanged
from sendfolio.tui.support.theme import DEFAULT_THEME, HIGH_CONTRAST, THEME_SETTING
from sendfolio.tui.views.areas import ALL_AREAS, screen_factory
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.store import Folio
    from sendfolio.tui.support.host import FolioHost
    from sendfolio.tui.support.signals import ExitOnSignals

START_MODE = "start"
"""The mode of the waiting screen, shown while one folio is replaced by another."""

FIRST_MODE = "dashboard"
"""The mode the app opens on: the Dashboard, painted before the folio is read."""


def existing_styles(*names: str) -> list[Path]:
    """The style files that exist, so a missing optional file does not stop the app."""
    return [path for path in (style_path(name) for name in names) if path.is_file()]


def encrypted(data_dir: Path) -> bool:
    """True when the folio in `data_dir` is encrypted (so the unlock screen must ask first)."""
    from sendfolio.store.mark import is_encrypted

    return is_encrypted(data_dir)


class StartScreen(Screen):
    """Shown while another folio opens in place of this one, and with a clear message if it cannot be opened."""

    CSS_PATH = style_path("app.tcss")
    """Its styles, in `styles/app.tcss`."""

    HELP = "sendfolio is opening a folio. If it cannot, this screen says why and where."

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


class NoFolioOpen(AttributeError):
    """The app's folio was asked for before one is open."""


class SendfolioApp(NoticesApp):
    """Case log, reflections, CPD and portfolio for a sole SEND mediator."""

    TITLE = "sendfolio"
    """The app's name."""

    CSS_PATH: ClassVar[Any] = existing_styles("app.tcss")
    """The styles of the app shell and the first screen (styles/app.tcss); the others: `load_screen_styles`."""

    SCREEN_STYLES: ClassVar[tuple[str, ...]] = ("screens.tcss", "records.tcss")
    """The other screens' and dialogs' style files, read once the first screen is up (or before another shows)."""

    COMMANDS: ClassVar[Any] = {lambda: importlib.import_module("sendfolio.tui.palette").SendfolioCommands}
    """The command palette offers every sendfolio area, feature and action (help and quit included),
    and nothing else, so a newcomer finds sendfolio's own things first. Imported when it first opens."""

    MODES: ClassVar[dict[str, Any]] = {
        START_MODE: StartScreen,
        **{area.mode: screen_factory(area) for area in ALL_AREAS},
    }
    """The waiting screen and one mode per area (the practice's screens too)."""

    folio: var[Folio | None] = var(None, init=False)
    """The open folio (None until it is open); the areas read it as `current_folio`."""

    year: var[int] = var(0, init=False)
    """The registration year on show in every area; the one holding today when a folio opens."""

    is_demo: var[bool] = var(False)
    """True while the demo folio is open."""

    DEFAULT_MODE: ClassVar[str] = FIRST_MODE
    """The app opens on the Dashboard (its frame, until the folio is open)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(area.key, f"area('{area.mode}')", area.title, show=False) for area in ALL_AREAS if area.key),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", priority=True),
        Binding(
            "f2", "toggle_contrast", "Contrast", tooltip="Toggle the high-contrast theme", priority=True, show=False
        ),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]
    """1–8 switch areas; ? or F1 help; F2 high contrast; ctrl+q quit.

    The footer shows one key per action: "? Help", or "f1 Help" while typing in a field takes the "?".
    F1 has priority, so it opens help from a form or dialog too.
    """

    def __init__(self, data_dir: Path, *, today: date | None = None, folio: Folio | None = None) -> None:
        """Remember where the folio is; it is opened once the app is running."""
        super().__init__()
        self.data_dir = Path(data_dir)
        self.home_dir = self.data_dir
        self.today = today or date.today()
        self.folio_changed_signal: Signal[FolioChanged] = Signal(self, "folio-changed")
        self._given_folio = folio
        from sendfolio.store.figures import DigestInBackground  # hashing the file lets go of the GIL: while we start

        self.start_digest = DigestInBackground(self.data_dir) if folio is None else None
        self.revision = 0
        """How many times the folio has changed (or been replaced) since the app started."""
        self._owns_folio = folio is None
        self.own_process = False
        """True when the app is the whole process (`run_app`): a signal may then end the process by force."""
        self._signal_exit: ExitOnSignals | None = None
        self.register_theme(HIGH_CONTRAST)

    def on_mount(self) -> None:
        """Use the folio given at once; or, once the Dashboard's frame is painted, open ours."""
        self._exit_on_signals()
        self.call_after_refresh(collect_again)  # `sendfolio` paused the collector until the first paint
        self.screen_change_signal.subscribe(self, lambda _screen: self.call_after_refresh(self._show_demo_banner))
        if self._given_folio is not None:
            self.folio_ready(self._given_folio)
        else:
            self.call_after_refresh(self._open_first_folio)

    def _open_first_folio(self) -> None:
        """Open the folio in a worker (after asking for the passphrase of an encrypted one)."""
        if not encrypted(self.data_dir):
            self.open_folio()
        elif not self._open_elsewhere(self.data_dir):
            self._unlock_first_folio()

    @work(exclusive=True, group="unlock")
    async def _unlock_first_folio(self) -> None:
        """Ask for the passphrase, then open the encrypted folio with its codec; close the app if the user gave up."""
        from sendfolio.tui.dialogs.unlock import UnlockScreen
        from sendfolio.tui.screens.dashboard import DashboardScreen

        codec = await self.push_screen_wait(UnlockScreen(self.data_dir))
        if codec is None:
            self.exit(return_code=2, message="The folio was not opened: no passphrase given, or three wrong tries.")
        else:
            if isinstance(self.screen, DashboardScreen):
                self.screen.show_kept(codec)  # the figures kept for this very file, while it opens
            self.open_folio(codec)

    def load_screen_styles(self) -> None:
        """Read the other screens' style files once (parsed when next a widget is styled): Textual, reading a
        screen's CSS_PATH file at its first show, would re-parse every file and restyle the app, and all at start
        would delay the first paint; their rules match no widget shown, so nothing needs restyling."""
        for path in existing_styles(*self.SCREEN_STYLES):
            if not self.stylesheet.has_source(str(path), ""):
                self.stylesheet.read(path)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Push a screen (a form, a dialog, help, the palette) with every screen's styles read first (a dialog
        clears the toasts: `NoticesApp`)."""
        self.load_screen_styles()
        return super().push_screen(*args, **kwargs)

    def _exit_on_signals(self) -> None:
        """SIGTERM and SIGHUP (terminal closed, system shutting down) close the app cleanly, within seconds.

        Every saved change is on disk; a form or reflection with unsaved changes is kept as a
        draft, offered when it is next opened. Exiting through Textual restores the terminal
        (leaves the alternate screen, shows the cursor) and releases the lock; if Textual
        cannot finish (the terminal is gone), `support.signals` ends the process itself.
        """
        from sendfolio.tui.support.signals import ExitOnSignals

        if threading.current_thread() is threading.main_thread():
            self._signal_exit = ExitOnSignals(self, force=self.own_process)
            self._signal_exit.install()

    def hang_up(self) -> None:
        """The terminal went away: keep a draft of any unsaved work, then close."""
        self.keep_drafts()
        if self._signal_exit is not None:
            self._signal_exit.drafts_kept.set()
        self.exit()

    def keep_drafts(self) -> None:
        """Keep a draft of every screen holding unsaved changes."""
        for screen in self.unsaved_screens():
            try:
                screen.keep_draft()
            except OSError:
                pass  # nothing more can be done without a terminal

    def unsaved_screens(self) -> list[Any]:
        """The open screens holding unsaved changes, topmost first."""
        return [
            screen
            for screen in reversed(self.screen_stack)
            if isinstance(screen, HoldsUnsavedWork) and screen.has_unsaved_changes()
        ]

    async def action_quit(self) -> None:
        """Close the app, asking first (save / discard / cancel) when something is unsaved."""
        unsaved = self.unsaved_screens()
        if not unsaved:
            self.exit()
            return
        self._ask_before_quitting(unsaved[0])

    @work(group="quit")
    async def _ask_before_quitting(self, screen: Any) -> None:
        """Ask about the unsaved work on `screen`: save then close, discard and close, or carry on."""
        from sendfolio.tui.dialogs.unsaved import UnsavedScreen

        answer = await self.push_screen_wait(UnsavedScreen(screen.unsaved_what))
        if answer == "discard":
            for unsaved in self.unsaved_screens():  # Discard means it: a draft kept while typing goes too
                getattr(unsaved, "forget_draft", lambda: None)()
            self.exit()
        elif answer == "save":
            while self.screen is not screen and len(self.screen_stack) > 1:
                self.pop_screen()
            screen.save_unsaved()
            self.call_after_refresh(self._quit_if_saved, screen)

    def _quit_if_saved(self, screen: Any) -> None:
        """Close once the save went through; a form with problems stays open showing them."""
        if screen in self.screen_stack and screen.has_unsaved_changes():
            self.notify("Not closed: fix what the form shows, then quit again.", severity="warning")
            return
        self.call_later(self.action_quit)

    # `description` given: else Textual describes a worker by the repr() of its arguments, on the screen's
    # thread -- here the codec.
    @work(thread=True, exclusive=True, group="folio", description="opening the folio")
    def open_folio(self, codec: Any = None, data_dir: Path | None = None, demo: bool = False) -> None:
        """Open a folio (ours, or `data_dir`) off the screen's thread, then show it (or say why not)."""
        from textual.worker import get_current_worker

        from sendfolio.store import Folio, FolioError
        from sendfolio.tui.support.memory import collector_paused, freeze_long_lived

        where = data_dir or self.data_dir
        worker = get_current_worker()
        try:
            with collector_paused():
                folio = Folio.open(where, codec=codec)
                folio.ready_to_save()  # here, not in the first save on the screen's thread
            freeze_long_lived("opened folio")  # its records live as long as it is open: out of the collector's walks
        except FolioError as error:
            if not worker.is_cancelled:
                self.call_from_thread(self.folio_failed, str(error))
            return
        except OSError as error:
            if not worker.is_cancelled:
                self.call_from_thread(self.folio_failed, f"{where}: {error.strerror or error}")
            return
        if worker.is_cancelled:  # the app is closing: its loop would never answer call_from_thread
            folio.close()
            return
        if data_dir is None:
            self.call_from_thread(self.folio_ready, folio)
        else:
            self.call_from_thread(self.run_worker, self.use_folio(folio, demo=demo), group="switch")

    def folio_failed(self, message: str) -> None:
        """Show why the folio could not be opened: on the screen while none is open (the Dashboard), else as a notice."""
        if self.folio is None and isinstance(self.screen, ShowsErrors):
            self.screen.show_error(message)
        else:
            self.notify(message, title="Not opened", severity="error", timeout=10, markup=False)

    @property
    def current_folio(self) -> Folio:
        """The open folio, typed: every area is shown only once one is open (`folio` is None until then).

        Read before then, it raises `NoFolioOpen`, an `AttributeError`.
        """
        if self.folio is None:
            raise NoFolioOpen("no folio is open yet")
        return self.folio

    def folio_ready(self, folio: Folio) -> None:
        """Keep the open folio: the Dashboard fills in its figures (and the welcome screen comes up if it is empty)."""
        self.folio = folio
        self._apply_saved_theme()
        if self.current_mode != FIRST_MODE:
            self.action_area(FIRST_MODE)
        if folio.is_empty():
            from sendfolio.tui.dialogs.firstrun import WelcomeScreen

            self.push_screen(WelcomeScreen())

    def watch_folio(self, old: Folio | None, new: Folio | None) -> None:
        """Follow the new folio's saves, show its current registration year, and tell the screens."""
        from sendfolio.rules import current_registration_year

        if old is not None and self.folio_saved in old.on_save:
            old.on_save.remove(self.folio_saved)
        self.revision += 1  # first: a screen the year change redraws is drawn at this revision, not twice
        self.forget_notices()  # another folio: its warnings are new
        if new is not None:
            new.on_save.append(self.folio_saved)
            self.year = current_registration_year(new.profile(), self.today)
        self.post_message(FolioChanged(self.revision))

    def folio_saved(self) -> None:
        """The folio saved a change (this may run in a worker's thread): tell the screens, once, and show
        what went wrong after the save (its backups could not be moved along)."""
        self.revision += 1
        self.post_message(FolioChanged(self.revision))
        for notice in self.folio.take_notices() if self.folio is not None else []:
            self.notify(
                f"{notice[0].upper()}{notice[1:]}.", title="Backups", severity="warning", timeout=20, markup=False
            )

    @on(FolioChanged)
    def _tell_the_screens(self, message: FolioChanged) -> None:
        """Pass the change to every screen drawn from the folio."""
        self.folio_changed_signal.publish(message)

    def switch_folio(self, data_dir: Path, *, demo: bool = False) -> None:
        """Open the folio in `data_dir` in place of the one open now (asking for its passphrase if encrypted)."""
        data_dir = Path(data_dir).expanduser()
        if self.unsaved_screens():
            self.notify("Save or close the open form first.", severity="warning")
            return
        if self.folio is not None and data_dir.resolve() == Path(self.folio.data_dir).resolve():
            self.notify(f"That folio is already open: {data_dir}", markup=False)
            return
        if not encrypted(data_dir):
            self.open_folio(None, data_dir, demo)
        elif not self._open_elsewhere(data_dir):
            self._unlock_and_switch(data_dir, demo)

    @work(exclusive=True, group="unlock")
    async def _unlock_and_switch(self, data_dir: Path, demo: bool) -> None:
        """Ask for the passphrase of the folio in `data_dir`, and open it once unlocked; stay on this folio if the
        passphrase was not given."""
        from sendfolio.tui.dialogs.unlock import UnlockScreen

        codec = await self.push_screen_wait(UnlockScreen(data_dir, give_up="Stay on this folio"))
        if codec is not None:
            self.open_folio(codec, data_dir, demo)

    def _open_elsewhere(self, data_dir: Path) -> bool:
        """Say so (before any passphrase is asked) when another sendfolio has the folio in `data_dir` open."""
        from sendfolio.store.lock import held_elsewhere

        locked = held_elsewhere(data_dir)
        if locked:
            self.folio_failed(f"{locked[0].upper()}{locked[1:]}.")
        return bool(locked)

    def watch_is_demo(self) -> None:
        """Show or take away the demo's banner on the screen on show."""
        self.call_after_refresh(self._show_demo_banner)

    def _show_demo_banner(self) -> None:
        """While the demo is open every screen shown has the demo's banner (`widgets/demo_banner`)."""
        from sendfolio.tui.widgets.demo_banner import mark_demo

        mark_demo(self.screen, self.is_demo)

    def action_open_own(self) -> None:
        """Go back to the folio the app was started on."""
        self.switch_folio(self.home_dir)

    def action_open_demo(self) -> None:
        """Open the fictional demo folio (made the first time), leaving ours untouched."""
        if self.is_demo:
            self.notify("The demo folio is already open.")
            return
        if self.unsaved_screens():
            self.notify("Save or close the open form first.", severity="warning")
            return
        self.run_worker(self._open_demo_or_say_why(), exclusive=True, group="demo")

    async def _open_demo_or_say_why(self) -> None:
        """Open the demo, or say why it could not be opened."""
        from sendfolio.store import FolioError

        try:
            await self.open_demo()
        except FolioError as error:
            self.folio_failed(f"The demo folio could not be opened: {error}")

    async def open_demo(self, before: Any = None) -> None:
        """Open the demo folio (filling it the first time) and switch to it; raises FolioError.

        `before` (optional) is called once the demo is open, before switching (e.g. to close a dialog).
        """
        from sendfolio.store import Folio
        from sendfolio.tui.dialogs.firstrun import demo_dir

        folio = Folio.open(demo_dir(self.home_dir))
        if folio.is_empty():
            from sendfolio.samples.demo import write_demo

            await asyncio.to_thread(write_demo, folio, self.today)  # pyHanko signs with asyncio.run
        if before is not None:
            before()
        await self.use_folio(folio, demo=True)
        self.notify(
            f"This is a fictional demo folio in {folio.data_dir}. Your own folio is untouched. "
            "To go back: ctrl+p, then “Open my own folio”.",
            timeout=8,
            markup=False,
        )

    @work(exclusive=True, group="open-folder")
    async def action_open_folder(self) -> None:
        """Ask for a data folder and open the folio there (if one is given)."""
        from sendfolio.tui.dialogs.ask_text import AskPathScreen

        path = await self.push_screen_wait(
            AskPathScreen(
                "Open another data folder",
                "The folder holding a folio (folio.json). A folder without one gets a new, empty folio.",
                str(self.home_dir),
                ok="Open",
            )
        )
        if path is not None:
            self.switch_folio(path)

    async def use_folio(self, folio: Folio, *, demo: bool = False) -> None:
        """Show another folio: close ours, rebuild every area on the new one."""
        await self.switch_mode(START_MODE)
        for area in ALL_AREAS:
            await self.remove_mode(area.mode)
            self.add_mode(area.mode, screen_factory(area))
        self.close_folio()
        if demo:
            demo_outputs(folio)
        self.data_dir, self.is_demo, self._owns_folio = Path(folio.data_dir), demo, True
        self.folio = folio
        self._apply_saved_theme()
        self.action_area("dashboard")
        if folio.is_empty() and not demo:
            from sendfolio.tui.dialogs.firstrun import WelcomeScreen

            self.push_screen(WelcomeScreen())

    def close_folio(self) -> None:
        """Close the folio if the app opened it (releasing its lock)."""
        if self.folio is not None and self._owns_folio:
            self.folio.close()

    def on_unmount(self) -> None:
        """Close the folio when the app ends (and leave the signals as they were)."""
        self.close_folio()
        if self._signal_exit is not None:
            self._signal_exit.uninstall()

    def action_area(self, mode: str) -> None:
        """Switch to an area (not while a dialog is open, nor before the folio is open)."""
        if self.folio is None or isinstance(self.screen, ModalScreen):
            self.bell()
            return
        if self.unsaved_screens():
            self.notify("Save (ctrl+s) or leave (esc) what you are editing first.", severity="warning")
            return
        self.leave_area_screens()
        self.switch_mode(mode)
        self.call_after_refresh(self._show_area_bar)

    def leave_area_screens(self) -> None:
        """Close the screens opened over the current area (from the palette, or an area's detail screens).

        They belong to the area they were opened on: leaving it (or pressing its own key) closes them, so a number
        key or the palette always shows the area named. Each is dismissed with None, as Esc would leave it: a worker
        waiting for its answer (`push_screen_wait`: the Reflections list for its editor) goes on."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.screen.dismiss(None)

    @on(AreaBar.Chosen)
    def _area_chosen(self, message: AreaBar.Chosen) -> None:
        """Switch to the area clicked in the area bar."""
        self.action_area(message.mode)

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
        from sendfolio.tui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_contrast(self) -> None:
        """Switch between the normal and the high-contrast theme, and remember the choice."""
        self.theme = DEFAULT_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name
        if self.folio is not None:
            self.folio.put_setting(THEME_SETTING, self.theme)
        self.notify("High contrast on" if self.theme == HIGH_CONTRAST.name else "High contrast off")

    def _apply_saved_theme(self) -> None:
        """Use the theme the folio remembers, if any."""
        if self.folio is None:
            return
        saved = self.folio.get_setting(THEME_SETTING, DEFAULT_THEME)
        if saved in (DEFAULT_THEME, HIGH_CONTRAST.name):
            self.theme = saved


def run_app(data_dir: Path, *, today: date | None = None) -> int:
    """Run the app on the folio in `data_dir`; return its exit status."""
    app = SendfolioApp(Path(data_dir), today=today)
    app.own_process = True
    app.run()
    if app._signal_exit is not None and app._signal_exit.received is not None:
        # ended by SIGHUP or SIGTERM: end now, not after whatever threads are left (their terminal is gone)
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
        os._exit(app.return_code or 0)
    return app.return_code or 0


if TYPE_CHECKING:

    def _is_host(app: SendfolioApp) -> FolioHost:
        """The app is what the screens, dialogs and widgets take it for (checked by mypy only)."""
        return app


def demo_outputs(folio: Any) -> None:
    """Send the demo's documents to a `demo` folder inside the output folder (never over the mediator's own
    portfolio.pdf), unless a folder was chosen for it."""
    from sendfolio.services.outputs import OUTPUT_FOLDER_SETTING, output_folder, set_output_folder

    if not folio.get_setting(OUTPUT_FOLDER_SETTING):
        set_output_folder(folio, str(output_folder(folio) / "demo"))
