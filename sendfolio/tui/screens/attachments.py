"""Attached documents: certificates and other evidence kept with the folio, listed, added and removed.

A file is added by its path (PDF, PNG or JPEG, up to 20 MB, checked by its content) and says
what it is evidence for: a course, membership, insurance, a case or a CPD entry. It is kept in
the data folder, encrypted with the folio when the folio is, and its pages go into the
portfolio's appendix beside the requirement it evidences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from sendfolio.domain.links import link_words
from sendfolio.domain.records import Attachment, Record
from sendfolio.domain.wording import short_date
from sendfolio.tui.dialogs.attach import AttachScreen
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.screens.folio_screen import QUIT_BINDING
from sendfolio.tui.screens.record_screen import RecordTableScreen
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.long_table import LongTable

if TYPE_CHECKING:
    pass


def targets(data: Any) -> list[tuple[str, str]]:
    """(target, words) of everything a document can be evidence for, courses first."""
    found = [(f"training:{item.id}", f"Course: {item.title} ({short_date(item.date)})") for item in data.training]
    found += [("membership", "Membership of the registering body"), ("insurance", "Professional indemnity insurance")]
    found += [(f"case:{item.ref}", f"Case {item.ref} ({short_date(item.date)})") for item in reversed(data.cases)]
    found += [(f"cpd:{item.id}", f"CPD: {item.title} ({short_date(item.date)})") for item in reversed(data.cpd)]
    return found


EVIDENCE_WIDTH = 30
"""The width of the "Evidence for" column: the rest of a long one is in the line under the table."""

DOCUMENTS_KEYS = "a: attach a certificate or other document (PDF, PNG or JPEG, up to 20 MB) · d: remove"
"""The screen's own keys, under the summary."""


def size_words(size: int) -> str:
    """`120 KB` / `1.4 MB`."""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


class AttachmentsScreen(RecordTableScreen):
    """The attached documents, by what they are evidence for; a adds one from a file, d removes one."""

    HELP = (
        "Certificates and other documents kept with your records: a PDF, PNG or JPEG of up to 20 MB each. "
        "Each says what it is evidence for (a course, your membership, insurance, a case or a CPD entry); "
        "the portfolio lists it beside that requirement and adds its pages in an appendix. "
        "Files are kept in the data folder, encrypted when the folio is."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Attach a file (its path)"),
        QUIT_BINDING,
        Binding("d", "delete", "Remove", tooltip="Remove the highlighted document, after asking"),
    ]
    """Add from a file, remove."""

    NOUN = "document"
    """What a record is called."""
    COLUMNS = ("Added", "Form", "Size", "Evidence for", "Title")
    """The table's columns: the short ones first, so that all show at 80 columns (the detail line has the rest)."""
    TABLE_ID = "attachments-table"
    PALETTE_NAME = "Documents"
    """The area's name in the command palette."""
    SUMMARY_ID = "attachments-summary"
    """How many documents, and how they are kept."""

    def compose(self) -> ComposeResult:
        """The summary, then the documents."""
        yield AreaBar()
        with Vertical(id="attachments-body"):
            yield Static("", id="attachments-summary", classes="summary", markup=False)
            yield Static(DOCUMENTS_KEYS, id="attachments-help", classes="breakdown", markup=False)
            yield self.make_table()
            yield Static("", id="record-detail", classes="detail-pane", markup=False)
        yield AppFooter()

    def make_table(self) -> DataTable:
        """The empty table; what a document is evidence for kept to a width that leaves room for its title."""
        table: DataTable = LongTable(id=self.TABLE_ID, cursor_type="row", zebra_stripes=True)
        for label in self.COLUMNS:
            table.add_column(label, width=EVIDENCE_WIDTH if label == "Evidence for" else None)
        return table

    def records(self) -> list[Record]:
        """Every attachment, by what it is evidence for."""
        return list(self.app.current_folio.attachments())

    def row(self, record: Any) -> Sequence[Any]:
        """One document as table cells."""
        kind = f"PDF, {record.pages} p." if record.file_type == "pdf" else record.file_type.upper()
        return (
            short_date(record.added),
            kind,
            size_words(record.size),
            link_words(self.app.current_folio.data(), record.evidence_for),
            record.title,
        )

    def refresh_view(self) -> None:
        """The counts, then the table."""
        items = self.app.current_folio.attachments()
        where = "encrypted with the folio" if self.app.current_folio.codec is not None else "in the data folder"
        self.summary = f"Documents · {len(items)} attached, kept {where}" if items else "Documents · none attached yet"
        self.refresh_table()

    def action_edit(self) -> None:
        """A document is not edited: remove it and attach it again."""
        self.notify("To change a document, remove it (d) and attach it again (a).", markup=False)

    def action_add(self) -> None:
        """Ask for the file and what it is evidence for."""
        self.attach_new()

    @work(exclusive=True, group="record-form")
    async def attach_new(self) -> None:
        """Ask for the file and what it is evidence for; show the new document."""
        saved = await self.app.push_screen_wait(AttachScreen(targets(self.app.current_folio.data())))
        if saved is None:
            return
        self.notify(f"Attached “{saved.title}”.", markup=False)
        self.refresh_view()
        self.refresh_table(select=saved.id)

    @work(exclusive=True, group="record-delete")
    async def action_delete(self) -> None:
        """Ask, then remove the highlighted document and its file."""
        record = self.highlighted()
        if not isinstance(record, Attachment):
            self.notify("Nothing to remove.", severity="warning")
            return
        question = f"Remove the document “{record.title}” and its file?"
        if not await self.app.push_screen_wait(ConfirmScreen(question, yes_label="Remove")):
            return
        from sendfolio.services.attach import remove_attachment

        remove_attachment(self.app.current_folio, record.id)
        self.notify(f"Removed “{record.title}”.", markup=False)
        self.refresh_view()
