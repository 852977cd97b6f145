"""The question asked when Esc leaves a form with changes: keep them as a draft, discard them, or keep editing.

API: `LeaveFormScreen(what)` dismisses with "draft" (Keep as draft: key k, or Enter on the focused
button), "discard" (Discard: key d) or None (Keep editing: Escape, key e). `what` names the form,
e.g. "the form “New case”". Nothing is lost by a stray Enter or Esc.
Styles: `LeaveFormScreen` in styles/screens.tcss.
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
from sendfolio.tui.widgets.footer import AppFooter


class LeaveFormScreen(ModalScreen[str | None]):
    """Ask what becomes of a form's changes when it is left with Esc."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`: a small dialog in the middle of the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "answer('draft')", "Keep as draft"),
        Binding("d", "answer('discard')", "Discard"),
        Binding("e", "answer(None)", "Keep editing", show=False),
        Binding("escape", "answer(None)", "Keep editing"),
    ]
    """k keeps a draft, d discards, Escape (or e) goes back to the form."""

    HELP = (
        "The form has changes that are not saved. Keep as draft closes it and keeps what you typed: opening "
        "the same form again offers it back. Discard closes it and forgets the changes. Keep editing goes back."
    )

    def __init__(self, what: str) -> None:
        """Keep the name of the form."""
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """The question and three buttons."""
        with Vertical(id="leave-dialog"):
            yield Static(
                Text(
                    f"{self.what[:1].upper()}{self.what[1:]} has changes that are not saved. Keep them as a draft "
                    "(offered back when you open it again), discard them, or keep editing?"
                ),
                id="leave-question",
            )
            with Horizontal(id="leave-buttons"):
                yield Button("Keep as draft (k)", id="leave-draft", variant="primary")
                yield Button("Discard (d)", id="leave-discard", variant="error")
                yield Button("Keep editing (esc)", id="leave-editing")
        yield AppFooter()

    def on_mount(self) -> None:
        """Focus Keep as draft: a stray Enter loses nothing."""
        self.query_one("#leave-draft", Button).focus()

    @on(Button.Pressed, "#leave-draft")
    def _draft(self) -> None:
        """Keep a draft, then close the form."""
        self.dismiss("draft")

    @on(Button.Pressed, "#leave-discard")
    def _discard(self) -> None:
        """Forget the changes, then close the form."""
        self.dismiss("discard")

    @on(Button.Pressed, "#leave-editing")
    def _editing(self) -> None:
        """Back to the form."""
        self.dismiss(None)

    def action_answer(self, answer: str | None) -> None:
        """Answer from a key."""
        self.dismiss(answer)
