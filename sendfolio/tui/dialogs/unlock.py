"""The unlock screen of an encrypted folio: a hidden passphrase field, three tries.

API::

    from sendfolio.tui.dialogs.unlock import UnlockScreen

    @work
    async def unlock_first_folio(self) -> None:
        codec = await self.push_screen_wait(UnlockScreen(data_dir))
        if codec is None:
            self.exit(2)         # gave up, or three wrong tries
        else:
            open the folio with Folio.open(data_dir, codec=codec)

The key is derived in a thread (about half a second), so the screen stays responsive. The
passphrase lives only in the Input widget, which is cleared after each try; it is never
written anywhere. When $SENDFOLIO_PASSPHRASE is set the screen tries it first, as every
command does: if it fits, the screen closes by itself; if not, it says so and asks (a wrong
variable does not use up a try). Styles: styles/screens.tcss.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from sendfolio.paths import style_path
from sendfolio.privacy.unlock import PASSPHRASE_ENV, PROMPT_TRIES, codec_from_passphrase
from sendfolio.store.crypto import CryptoError, WrongPassphrase


class UnlockScreen(ModalScreen[Any]):
    """Ask for the passphrase; dismiss with the codec, or None after giving up or three wrong tries."""

    CSS_PATH = style_path("screens.tcss")
    """The screen's styles."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "give_up", "Don't open it")]
    """Escape gives up: at start the app then closes; opening another folio, the open one stays."""

    HELP = "Type the passphrase of your encrypted folio and press Enter. After three wrong tries the app closes."

    def __init__(self, data_dir: Path, tries: int = PROMPT_TRIES, *, give_up: str = "Quit sendfolio") -> None:
        """Remember which folio to unlock, how many tries are allowed, and what giving up does (its button's words)."""
        super().__init__()
        self.data_dir = Path(data_dir)
        self.give_up = give_up
        self.tries_left = tries
        self.busy = False

    def compose(self) -> ComposeResult:
        """Title, explanation, the hidden passphrase field, a message line and two buttons."""
        with Vertical(id="unlock-dialog"):
            yield Label("This folio is encrypted", id="unlock-title")
            yield Static(f"Type its passphrase to open {self.data_dir}.", id="unlock-help")
            yield Input(password=True, placeholder="Passphrase", id="unlock-passphrase")
            yield Static("", id="unlock-message")
            with Horizontal(id="unlock-buttons"):
                yield Button(f"{self.give_up} (esc)", id="unlock-quit")
                yield Button("Unlock (enter)", id="unlock-ok", variant="primary")

    def on_mount(self) -> None:
        """Put the cursor in the passphrase field, and try $SENDFOLIO_PASSPHRASE if it is set."""
        self.query_one("#unlock-passphrase", Input).focus()
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if passphrase:
            self.busy = True
            self.show(f"Unlocking with ${PASSPHRASE_ENV}…")
            self.derive(passphrase, from_env=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field tries the passphrase."""
        event.stop()
        self.try_unlock()

    @on(Button.Pressed, "#unlock-ok")
    def _unlock_ok(self, event: Button.Pressed) -> None:
        """The Unlock button."""
        event.stop()
        self.try_unlock()

    @on(Button.Pressed, "#unlock-quit")
    def _unlock_quit(self, event: Button.Pressed) -> None:
        """The give-up button (quit at start, or stay on the open folio)."""
        event.stop()
        self.action_give_up()

    def action_give_up(self) -> None:
        """Close the screen without a codec."""
        self.dismiss(None)

    def try_unlock(self) -> None:
        """Take the typed passphrase out of the field and derive the key off the screen's thread."""
        field = self.query_one("#unlock-passphrase", Input)
        passphrase = field.value
        if self.busy or not passphrase:
            return
        field.value = ""
        self.busy = True
        self.show("Unlocking…")
        self.derive(passphrase)

    # `description` given: else Textual describes a worker by the repr() of its arguments, on the screen's
    # thread -- here the passphrase itself.
    @work(thread=True, exclusive=True, group="unlock", description="unlocking the folio")
    def derive(self, passphrase: str, from_env: bool = False) -> None:
        """Derive the key and check it against the folio's header (in a worker thread)."""
        try:
            codec = codec_from_passphrase(self.data_dir, passphrase)
        except WrongPassphrase:
            self.app.call_from_thread(self.env_wrong if from_env else self.wrong)
        except (CryptoError, OSError) as error:
            self.app.call_from_thread(self.broken, str(error))
        else:
            self.app.call_from_thread(self.dismiss, codec)

    def wrong(self) -> None:
        """Count a wrong try; after the last one, give up."""
        self.busy = False
        self.tries_left -= 1
        if self.tries_left <= 0:
            self.dismiss(None)
            return
        word = "try" if self.tries_left == 1 else "tries"
        self.show(f"Wrong passphrase. {self.tries_left} {word} left.", error=True)

    def env_wrong(self) -> None:
        """$SENDFOLIO_PASSPHRASE does not open the folio: say so and let the user type it (no try used)."""
        self.busy = False
        self.show(f"${PASSPHRASE_ENV} does not open this folio. Type the passphrase.", error=True)

    def broken(self, message: str) -> None:
        """The file itself cannot be unlocked: say why; only quitting is left."""
        self.busy = True
        self.query_one("#unlock-passphrase", Input).disabled = True
        self.query_one("#unlock-ok", Button).disabled = True
        self.show(message, error=True)
        self.query_one("#unlock-quit", Button).focus()

    def show(self, message: str, *, error: bool = False) -> None:
        """Show a message under the field."""
        notice = self.query_one("#unlock-message", Static)
        notice.set_class(error, "-error")
        notice.update(message)
