"""Ask for one line of text (or a path, or a passphrase) in a small dialog.

API: `AskTextScreen(title, help, value="", ok="OK", password=False)` dismisses with the text
typed (stripped), or None when cancelled (Escape or the Cancel button). An empty answer is
refused in place. `AskPathScreen(...)` is the same but dismisses with a `Path` (~ expanded);
`AskFolderScreen(..., check=...)` dismisses with the folder `check` accepts (its `ValueError` shown in place).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from sendfolio.paths import style_path


class AskTextScreen(ModalScreen[Any]):
    """One line typed; Enter or OK accepts it."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`: a dialog in the middle of the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    """Escape cancels."""

    PLACEHOLDER = ""
    """What the empty field suggests."""

    def __init__(self, title: str, help: str, value: str = "", ok: str = "OK", password: bool = False) -> None:
        """Keep the title, the line of help, the starting value, the OK button's word, and whether to hide typing."""
        super().__init__()
        self.title_text, self.help_text, self.value, self.ok, self.password = title, help, value, ok, password

    def compose(self) -> ComposeResult:
        """Title, help, the field, an error line and the buttons."""
        with Vertical(id="ask-dialog"):
            yield Label(Text(self.title_text), id="ask-title")
            yield Static(Text(self.help_text), id="ask-help")
            yield Input(self.value, id="ask-text", placeholder=self.PLACEHOLDER, password=self.password)
            yield Static("", id="ask-error")
            with Horizontal(id="ask-buttons"):
                yield Button(f"{self.ok} (enter)", id="ask-ok", variant="primary")
                yield Button("Cancel (esc)", id="ask-cancel")

    def on_mount(self) -> None:
        """Put the cursor in the field."""
        self.query_one("#ask-text", Input).focus()

    def show_error(self, message: str) -> None:
        """Say what is wrong under the field."""
        self.query_one("#ask-error", Static).update(Text(message))

    def answer(self, raw: str) -> Any:
        """The value to dismiss with."""
        return raw

    def accepted(self, value: Any) -> None:
        """What was typed is accepted: dismiss with it (a subclass may ask more first)."""
        self.dismiss(value)

    @on(Input.Submitted, "#ask-text")
    @on(Button.Pressed, "#ask-ok")
    def _accept(self) -> None:
        """Accept what was typed, unless it is empty."""
        raw = self.query_one("#ask-text", Input).value
        if not raw.strip():
            self.show_error("Type something first, or press Esc to cancel.")
            return
        self.accepted(self.answer(raw if self.password else raw.strip()))

    @on(Button.Pressed, "#ask-cancel")
    def action_cancel(self) -> None:
        """Give up."""
        self.dismiss(None)


class AskPathScreen(AskTextScreen):
    """A path typed; dismisses with a `Path`."""

    PLACEHOLDER = "a path, e.g. ~/Documents/folio"

    def answer(self, raw: str) -> Path:
        """The path, with ~ expanded."""
        return Path(raw).expanduser()


class AskFolderScreen(AskPathScreen):
    """A folder typed and checked by `check` (which raises `ValueError` naming what is wrong); dismisses with it."""

    PLACEHOLDER = "a folder, e.g. ~/Documents/sendfolio"

    def __init__(self, title: str, help: str, value: str, check: Callable[[str], Path]) -> None:
        """The dialog, and the check a folder must pass."""
        super().__init__(title, help, value, ok="Use this folder")
        self.check = check

    def accepted(self, value: Any) -> None:
        """Dismiss with the folder once the check accepts it; else say why under the field."""
        try:
            folder = self.check(str(value))
        except ValueError as problem:
            self.show_error(str(problem))
            return
        self.dismiss(folder)
