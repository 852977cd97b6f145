"""Attaching one document: its file (picked in a folder tree, or its path typed), what it is evidence for, a title;
checked by its content before it is kept.

`AttachScreen(choices, target=None, pick=False)`: `target` chooses what the document is evidence for (a
course's certificate from Training); `pick` opens the file picker at once. ctrl+o opens it later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from sendfolio.domain.links import TargetProblem
from sendfolio.domain.records import InvalidRecord
from sendfolio.io.attachments import AttachmentRefused
from sendfolio.paths import style_path
from sendfolio.store import FolioError
from sendfolio.tui.support.saving import large, saving
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp


REFUSED = (AttachmentRefused, TargetProblem, InvalidRecord, FolioError, OSError)
"""What keeping a document raises when nothing was stored: said on the dialog's error line."""


class AttachScreen(ModalScreen[Any]):
    """Attach one file: its path, what it is evidence for, a title. Dismisses with the saved record, or None."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    CSS_PATH = style_path("records.tcss")
    """The records screens' styles (the dialog's are there too)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Attach", priority=True),
        Binding("ctrl+o", "browse", "Choose a file", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    """ctrl+s attaches; ctrl+o picks the file; Escape cancels."""

    def __init__(self, choices: list[tuple[str, str]], target: str | None = None, *, pick: bool = False) -> None:
        """Keep what a document can be evidence for, the one chosen already (if any), and whether to pick at once."""
        super().__init__()
        self.choices = choices
        self.target = target if any(value == target for value, _ in choices) else None
        self.pick = pick
        self._attaching = False
        """True while the file is checked and kept (a second ctrl+s meanwhile does nothing)."""

    def compose(self) -> ComposeResult:
        """Path, target, title, the error line and the buttons."""
        from rich.text import Text

        with Vertical(id="attach-dialog"):
            yield Label("Attach a document", classes="summary")
            yield Label("File (PDF, PNG or JPEG, up to 20 MB): ctrl+o to choose it, or type it")
            with Horizontal(id="attach-file-line"):
                yield Input(id="attach-path", placeholder="e.g. ~/Documents/certificate.pdf", compact=True)
                browse = Button("Choose… (ctrl+o)", id="attach-browse", compact=True)
                browse.can_focus = False  # Tab goes from the path to what it is evidence for, as before
                yield browse
            yield Label("Evidence for")
            yield Select(
                [(Text(words), value) for value, words in self.choices],
                id="attach-for",
                prompt="(choose)",
                compact=True,
                value=self.target if self.target is not None else Select.NULL,
            )
            yield Label("Title (optional): how the portfolio names it")
            yield Input(id="attach-title", compact=True)
            yield Label("", id="attach-error", classes="field-error", markup=False)
            with Horizontal(id="attach-buttons"):
                yield Button("Attach", id="attach-save", variant="primary")
                yield Button("Cancel", id="attach-cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        """Open the file picker at once when asked to (attaching from Training, Cases or the profile)."""
        if self.pick:
            self.call_after_refresh(self.action_browse)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons."""
        if event.button.id == "attach-save":
            self.action_save()
        elif event.button.id == "attach-browse":
            self.action_browse()
        else:
            self.action_cancel()

    @work(exclusive=True, group="attach-browse")
    async def action_browse(self) -> None:
        """Choose the file in a folder tree (PDF, PNG, JPEG only); its path goes in the box, and the focus on to
        what is still to fill in."""
        from sendfolio.tui.dialogs.file_picker import ATTACHMENTS, FilePickerScreen

        remember = str(self.app.current_folio.data_dir)
        path = await self.app.push_screen_wait(FilePickerScreen("Choose the document", ATTACHMENTS, remember=remember))
        if path is None:
            return
        self.query_one("#attach-path", Input).value = str(path)
        self.query_one("#attach-error", Label).update("")
        target = self.query_one("#attach-for", Select)
        (target if target.value is Select.NULL else self.query_one("#attach-save", Button)).focus()

    def on_input_submitted(self) -> None:
        """Enter in a field attaches."""
        self.action_save()

    def action_cancel(self) -> None:
        """Close without attaching."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Check the file and attach it (a large folio off the screen's thread), or say what is wrong (nothing is
        stored then)."""
        from sendfolio.services.attach import attach_file, read_document

        if self._attaching:
            return
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
        folio, today, path, chosen = self.app.current_folio, self.app.today, Path(raw), str(target)

        def keep() -> Any:
            """Read the file and keep it with its record, in one save."""
            return attach_file(folio, read_document(path), chosen, title=title, today=today)

        if large(folio):
            self._attaching = True
            self._attach_in_thread(keep)
            return
        try:
            saved = keep()
        except REFUSED as refused:
            error.update(f"Not attached: {refused}")
            return
        self.dismiss(saved)

    @work(group="attach-save", description="attaching a document")
    async def _attach_in_thread(self, keep: Callable[[], Any]) -> None:
        """Keep a large folio's document off the screen's thread (`saving`); close on the record, or say why not
        (nothing is stored then)."""
        try:
            saved = await saving(self.app.current_folio, keep)
        except REFUSED as refused:
            self.query_one("#attach-error", Label).update(f"Not attached: {refused}")
            return
        finally:
            self._attaching = False
        self.dismiss(saved)
