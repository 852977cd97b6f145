"""The question asked when closing with unsaved work: save, discard or cancel.

API: `UnsavedScreen(what)` dismisses with "save", "discard" or None (cancel: Escape, or
the focused Cancel button, so a stray Enter loses nothing). `what` names the unsaved work,
e.g. "the reflection “Power imbalance”".
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sendfolio.paths import style_path


class UnsavedScreen(ModalScreen[str | None]):
    """Ask whether to save or discard unsaved work before closing."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`: a small dialog in the middle of the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "Save"),
        Binding("d", "answer('discard')", "Discard"),
        Binding("escape", "answer(None)", "Cancel"),
    ]
    """s saves, d discards, Escape cancels."""

    HELP = "You have unsaved changes. Save them and close, discard them and close, or cancel to carry on."

    def __init__(self, what: str) -> None:
        """Keep what is unsaved."""
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """The question and three buttons."""
        with Vertical(id="unsaved-dialog"):
            yield Static(Text(f"You have unsaved changes to {self.what}. Close sendfolio?"), id="unsaved-question")
            with Horizontal(id="unsaved-buttons"):
                yield Button("Save (s)", id="unsaved-save", variant="primary")
                yield Button("Discard (d)", id="unsaved-discard", variant="error")
                yield Button("Cancel (esc)", id="unsaved-cancel")

    def on_mount(self) -> None:
        """Focus Cancel: a stray Enter changes nothing."""
        self.query_one("#unsaved-cancel", Button).focus()

    @on(Button.Pressed, "#unsaved-save")
    def _save(self) -> None:
        """Save, then close."""
        self.dismiss("save")

    @on(Button.Pressed, "#unsaved-discard")
    def _discard(self) -> None:
        """Discard, then close."""
        self.dismiss("discard")

    @on(Button.Pressed, "#unsaved-cancel")
    def _cancel(self) -> None:
        """Carry on."""
        self.dismiss(None)

    def action_answer(self, answer: str | None) -> None:
        """Answer from a key."""
        self.dismiss(answer)
