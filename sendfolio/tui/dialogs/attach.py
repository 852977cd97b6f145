"""Attaching one document: its path, what it is evidence for, a title; checked by its content before it is kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from sendfolio.paths import style_path
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp


class AttachScreen(ModalScreen[Any]):
    """Attach one file: its path, what it is evidence for, a title. Dismisses with the saved record, or None."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    CSS_PATH = style_path("records.tcss")
    """The records screens' styles (the dialog's are there too)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Attach", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    """ctrl+s attaches; Escape cancels."""

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        """Keep what a document can be evidence for."""
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        """Path, target, title, the error line and the buttons."""
        from rich.text import Text

        with Vertical(id="attach-dialog"):
            yield Label("Attach a document", classes="summary")
            yield Label("File (its full path): a PDF, PNG or JPEG of up to 20 MB")
            yield Input(id="attach-path", placeholder="e.g. ~/Documents/certificate.pdf", compact=True)
            yield Label("Evidence for")
            yield Select(
                [(Text(words), value) for value, words in self.choices],
                id="attach-for",
                prompt="(choose)",
                compact=True,
            )
            yield Label("Title (optional): how the portfolio names it")
            yield Input(id="attach-title", compact=True)
            yield Label("", id="attach-error", classes="field-error", markup=False)
            with Horizontal(id="attach-buttons"):
                yield Button("Attach", id="attach-save", variant="primary")
                yield Button("Cancel", id="attach-cancel")
        yield AppFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The two buttons."""
        if event.button.id == "attach-save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        """Enter in a field attaches."""
        self.action_save()

    def action_cancel(self) -> None:
        """Close without attaching."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Check the file and attach it, or say what is wrong (nothing is stored then)."""
        from sendfolio.domain.links import TargetProblem
        from sendfolio.domain.records import InvalidRecord
        from sendfolio.io.attachments import AttachmentRefused
        from sendfolio.services.attach import attach_file, read_document
        from sendfolio.store import FolioError

        error = self.query_one("#attach-error", Label)
        raw = self.query_one("#attach-path", Input).value.strip()
        target = self.query_one("#attach-for", Select).value
        if not raw:
            error.update("File: give the path of the file to attach")
            self.query_one("#attach-path", Input).focus()
            return
        if target is Select.NULL:
            error.update("Evidence for: choose what the document is evidence for")
            self.query_one("#attach-for", Select).focus()
            return
        title = self.query_one("#attach-title", Input).value.strip() or None
        try:
            document = read_document(Path(raw))
            saved = attach_file(self.app.current_folio, document, str(target), title=title, today=self.app.today)
        except (AttachmentRefused, TargetProblem) as refused:
            error.update(f"Not attached: {refused}")
            return
        except InvalidRecord as bad:
            error.update(f"Not attached: {bad}")
            return
        except (FolioError, OSError) as failed:
            error.update(f"Not attached: {failed}")
            return
        self.dismiss(saved)
