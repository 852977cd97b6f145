"""The first run: a welcome that starts a new folio or opens the demo.

`WelcomeScreen` shows when the folio is empty. "Start my folio" opens the profile
form and saves the profile at once; "Explore the demo folio" opens a fictional
folio in a separate folder (`demo_dir(data_dir)`), so the mediator's own folio is
never touched.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from sendfolio.domain.records import PPCContact, Profile
from sendfolio.paths import style_path
from sendfolio.tui.dialogs.profile_form import ProfileForm, save_profile
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp

WELCOME_TEXT = (
    "sendfolio keeps your case log, reflections, CPD diary and PPC sessions, checks them against "
    "the SEND mediator standards (2018), and compiles your portfolio.\n\n"
    "Everything stays on this computer. A record is saved when you press ctrl+s; until then, what you type "
    "in a form or a reflection is kept as a draft (a moment after you stop typing, or when you leave with Esc "
    "and choose Keep as draft) and offered back when you open it again. "
    "Cases carry a reference, never a name."
)
"""What the welcome screen says."""


def demo_dir(data_dir: Path) -> Path:
    """The folder of the demo folio: beside the real one, named `<name>-demo`."""
    return data_dir.parent / f"{data_dir.name}-demo"


class WelcomeScreen(ModalScreen[None]):
    """The first thing a new mediator sees: start a folio, or explore the demo."""

    CSS_PATH = style_path("app.tcss")
    """Its styles, in `styles/app.tcss`."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    HELP = "Your folio is empty. Start it with your profile, or look around a fictional demo folio first."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start my folio"),
        Binding("d", "demo", "Explore the demo"),
        Binding("escape", "close", "Not now"),
    ]
    """s starts the folio, d opens the demo, Escape closes the welcome."""

    def compose(self) -> ComposeResult:
        """The welcome text and two buttons."""
        with Vertical(id="welcome-dialog"):
            yield Label("Welcome to sendfolio", id="welcome-title")
            yield Static(WELCOME_TEXT, id="welcome-text")
            with Horizontal(id="welcome-buttons"):
                yield Button("Start my folio (s)", id="welcome-start", variant="primary")
                yield Button("Explore the demo folio (d)", id="welcome-demo")
        yield AppFooter()

    def on_mount(self) -> None:
        """Focus "Start my folio"."""
        self.query_one("#welcome-start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Start or explore, from the buttons."""
        event.stop()
        if event.button.id == "welcome-start":
            self.action_start()
        else:
            self.action_demo()

    def action_start(self) -> None:
        """Open the profile form."""
        form = ProfileForm(self.app.current_folio.profile(), self.app.current_folio.ppc_contact())
        self.app.push_screen(form, self._profile_saved)

    def _profile_saved(self, result: tuple[Profile, PPCContact | None] | None) -> None:
        """Save the profile and close the welcome."""
        if not save_profile(self.app, result):
            return
        self.app.notify("Profile saved. Next: add your training (7) and your cases (2).")
        self.dismiss(None)

    def action_demo(self) -> None:
        """Open (or make) the demo folio and show it, in a worker owned by the app."""
        self.query_one("#welcome-text", Static).update("Preparing the demo folio…")
        self.app.run_worker(explore_demo(self.app, self), exclusive=True, group="demo")

    def action_close(self) -> None:
        """Close the welcome; the empty folio stays open."""
        self.dismiss(None)


async def explore_demo(app: HostApp, welcome: WelcomeScreen) -> None:
    """Open the demo folio (filling it the first time) and switch the app to it."""
    from sendfolio.store import Folio, FolioError

    try:
        folio = Folio.open(demo_dir(app.data_dir))
    except FolioError as error:
        welcome.query_one("#welcome-text", Static).update(Text(f"The demo folio could not be opened: {error}"))
        return
    if folio.is_empty():
        from sendfolio.samples.demo import write_demo

        await asyncio.to_thread(write_demo, folio, app.today)  # pyHanko signs with asyncio.run
    welcome.dismiss(None)
    await app.use_folio(folio, demo=True)
    app.notify(
        f"This is a fictional demo folio in {folio.data_dir}. Your own folio is untouched.", timeout=8, markup=False
    )
