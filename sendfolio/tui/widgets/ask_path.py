"""Ask for a file or folder path in a small dialog.

API: `AskPathScreen(title, help, value="")` dismisses with the `Path` typed (~ expanded),
or None when cancelled (Escape or the Cancel button). An empty answer is refused in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class AskPathScreen(ModalScreen[Path | None]):
    """One path, typed; Enter or OK accepts it."""

    DEFAULT_CSS = """
    AskPathScreen {
        align: center middle;
    }
    AskPathScreen #ask-dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    AskPathScreen #ask-title {
        text-style: bold;
    }
    AskPathScreen #ask-help {
        color: $text-muted;
        margin-bottom: 1;
    }
    AskPathScreen #ask-error {
        color: $text-error;
    }
    AskPathScreen #ask-buttons {
        height: auto;
        margin-top: 1;
    }
    AskPathScreen #ask-buttons Button {
        margin-right: 1;
    }
    """
    """A dialog in the middle of the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    """Escape cancels."""

    def __init__(self, title: str, help: str, value: str = "", ok: str = "Open") -> None:
        """Keep the title, the line of help, the starting value and the OK button's word."""
        super().__init__()
        self.title_text, self.help_text, self.value, self.ok = title, help, value, ok

    def compose(self) -> ComposeResult:
        """Title, help, the path field, an error line and the buttons."""
        with Vertical(id="ask-dialog"):
            yield Label(Text(self.title_text), id="ask-title")
            yield Static(Text(self.help_text), id="ask-help")
            yield Input(self.value, id="ask-path", placeholder="a path, e.g. ~/Documents/folio")
            yield Static("", id="ask-error")
            with Horizontal(id="ask-buttons"):
                yield Button(f"{self.ok} (enter)", id="ask-ok", variant="primary")
                yield Button("Cancel (esc)", id="ask-cancel")

    def on_mount(self) -> None:
        """Put the cursor in the field."""
        self.query_one("#ask-path", Input).focus()

    @on(Input.Submitted, "#ask-path")
    @on(Button.Pressed, "#ask-ok")
    def _accept(self) -> None:
        """Accept the path typed, unless it is empty."""
        raw = self.query_one("#ask-path", Input).value.strip()
        if not raw:
            self.query_one("#ask-error", Static).update("Type a path first.")
            return
        self.dismiss(Path(raw).expanduser())

    @on(Button.Pressed, "#ask-cancel")
    def action_cancel(self) -> None:
        """Give up."""
        self.dismiss(None)
