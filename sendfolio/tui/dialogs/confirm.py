"""A yes / no question in a modal dialog.

API::

    from sendfolio.tui.dialogs.confirm import ConfirmScreen

    @work
    async def action_delete(self) -> None:
        if await self.app.push_screen_wait(ConfirmScreen("Delete case SM-2025-014?")):
            ...  # the user chose the "yes" button (or pressed y)

`ConfirmScreen(question, yes_label="Delete", no_label="Keep")` dismisses with True
for the yes button (key `y`) and False for the no button (keys `n`, Escape). The
no button has the focus when the dialog opens, so a stray Enter keeps things as
they are. With `not_now=True` Escape answers None ("not now") and the yes button has the
focus: for a question whose "no" deletes something (a kept draft). `await may_replace(app, paths)`
asks (from a worker) before a document replaces a file already there. Styles: `ConfirmScreen` in styles/screens.tcss.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from sendfolio.paths import style_path
from sendfolio.tui.widgets.footer import AppFooter


class ConfirmScreen(ModalScreen[bool]):
    """Ask one yes / no question; dismiss with True for yes, False for no."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`: a small dialog in the middle of the screen, the buttons at its right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "escape", "No", show=False),
    ]
    """y answers yes; n answers no; Escape answers no, or "not now" (None) for a `not_now` question."""

    def __init__(
        self, question: str, yes_label: str = "Delete", no_label: str = "Keep", *, not_now: bool = False
    ) -> None:
        """Keep the question and the words on the two buttons.

        `not_now`: Escape answers None ("not now", neither button) and the yes button has the
        focus, for a question whose "no" loses something (discarding a kept draft).
        """
        super().__init__()
        self.question = question
        self.yes_label = yes_label
        self.no_label = no_label
        self.not_now = not_now

    def compose(self) -> ComposeResult:
        """The question above the two buttons."""
        with Vertical(id="confirm-dialog"):
            yield Label(Text(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes_label} (y)", id="confirm-yes", variant="error")
                yield Button(f"{self.no_label} (n)", id="confirm-no", variant="primary")
        yield AppFooter()

    def on_mount(self) -> None:
        """Focus the safe answer."""
        self.query_one("#confirm-yes" if self.not_now else "#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self, event: Button.Pressed) -> None:
        """The yes button answers yes."""
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self, event: Button.Pressed) -> None:
        """The no button answers no."""
        event.stop()
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        """Answer from a key."""
        self.dismiss(yes)

    def action_escape(self) -> None:
        """Escape: no, or "not now" (None) for a `not_now` question."""
        self.dismiss(None if self.not_now else False)


def replace_question(there: Sequence[Path]) -> str:
    """The question asked before outputs replace the files `there`."""
    from sendfolio.services.outputs import shown_path

    names = " and ".join(path.name for path in there)
    verb = "is" if len(there) == 1 else "are"
    return f"{names} {verb} already in {shown_path(there[0].parent)}. Replace {'it' if len(there) == 1 else 'them'}?"


async def may_replace(app: App[Any], paths: Sequence[Path]) -> bool | None:
    """Whether the outputs `paths` may be written, asked from a `@work` coroutine: False when none of them is there
    yet (nothing to replace), True when the mediator agreed to replace what is there, None when they keep it."""
    from sendfolio.services.outputs import already_there

    there = already_there(list(paths))
    if not there:
        return False
    question = ConfirmScreen(replace_question(there), yes_label="Replace", no_label="Keep it")
    return True if await app.push_screen_wait(question) else None
