"""PPC contact: who the Professional Practice Consultant is, the sessions held, and their verification.

Sessions are shown one registration year at a time (`[` and `]` step through the
years) with that year's hours; the contact details and the PPC's verification of
the portfolio (standards §1.3) are edited in the shared record form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Static

from sendfolio.domain.records import PPC_MODES, PPCContact, PPCSession, Record, Verification
from sendfolio.domain.wording import hours_text, short_date, words
from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec
from sendfolio.tui.screens.record_screen import YEAR_BINDINGS, draft, record_bindings
from sendfolio.tui.screens.year_table import YearTableScreen
from sendfolio.tui.support.saving import saving
from sendfolio.tui.views.year_tables import PPCYearView, ppc_year_view
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

SESSION_SPECS = (
    FieldSpec("date", "Date", "date"),
    FieldSpec("ppc", "PPC", "text", help="who you met: your PPC, mentor or supervisor"),
    FieldSpec("hours", "Hours", "hours", help="e.g. 1.5"),
    FieldSpec("mode", "Mode", "choice", options=PPC_MODES),
    FieldSpec("topics", "Topics discussed", "multiline", help="case references only, never names"),
    FieldSpec("actions", "Actions agreed", "multiline"),
)
"""The fields of the supervision / mentoring session form."""

CONTACT_SPECS = (
    FieldSpec("name", "Name", "text"),
    FieldSpec("register", "PPC register", "text", help="e.g. College of Mediators PPC register"),
    FieldSpec("email", "E-mail", "text", help="optional, e.g. name@example.org"),
    FieldSpec("phone", "Phone", "text", help="optional"),
)
"""The fields of the PPC contact form."""

VERIFICATION_SPECS = (
    FieldSpec("name", "PPC's name", "text"),
    FieldSpec("register", "PPC register", "text"),
    FieldSpec("date", "Date verified", "date"),
    FieldSpec("statement", "Statement", "multiline"),
)
"""The fields of the PPC's verification form."""

DEFAULT_STATEMENT = (
    "I have reviewed this portfolio with the mediator and verify that it is a true record "
    "of their training, practice and reflection."
)
"""The statement a new verification starts from; the PPC may change it."""


class PPCScreen(YearTableScreen):
    """The PPC's contact details, the supervision / mentoring sessions of a year, and the verification."""

    HELP = (
        "Your Professional Practice Consultant: c for their details, v to record their verification of "
        "your portfolio, f to write Form 4 for them to verify and sign, i to import it as they return it, and the supervision or mentoring sessions of each registration year (the square-bracket keys step through the years)."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *record_bindings("PPC session"),
        Binding("c", "contact", "PPC contact", tooltip="Edit your PPC's name, register, e-mail and phone"),
        Binding("v", "verification", "Verify", tooltip="Record your PPC's verification of the portfolio"),
        Binding("f", "form4", "Form 4", tooltip="Write Form 4 for your PPC to verify and sign (a fillable PDF)"),
        Binding("i", "import_form4", "Import Form 4", tooltip="Import Form 4 as your PPC returned it"),
        *YEAR_BINDINGS,
    ]
    """Sessions: add / edit / delete; edit the PPC's details or verification; step through years."""

    RECORD_TYPE = PPCSession
    """The table holds PPC sessions."""
    SPECS = SESSION_SPECS
    """The session form."""
    NOUN = "PPC session"
    """What a record is called."""
    COLUMNS = ("Date", "PPC", "Hours", "Mode", "Topics")
    """The table's columns."""
    TABLE_ID = "ppc-table"
    PALETTE_NAME = "PPC"
    """The area's name in the command palette."""

    view: var[PPCYearView | None] = var(None, init=False)
    """What the screen shows above the sessions for the year on show (None until first drawn); `watch_view`
    shows it."""

    def compose(self) -> ComposeResult:
        """Contact and verification, the year's total, then its sessions."""
        yield AreaBar()
        with Vertical(id="ppc-body"):
            yield Static("", id="ppc-contact", classes="summary", markup=False)
            yield Static("", id="ppc-verification", classes="summary", markup=False)
            yield Static("", id="ppc-year", classes="summary", markup=False)
            yield Static("", id="ppc-years", classes="breakdown", markup=False)
            yield self.make_table()
            yield Static("", id="record-detail", classes="detail-pane", markup=False)
        yield AppFooter()

    def all_records(self) -> Sequence[PPCSession]:
        """Every session (the table shows the chosen year's, oldest first)."""
        return self.app.current_folio.ppc_sessions()

    def row(self, record: Any) -> Sequence[Any]:
        """One session as table cells."""
        topics = record.topics.splitlines()[0] if record.topics else "—"
        return (short_date(record.date), record.ppc, f"{hours_text(record.hours)}", words(record.mode), topics)

    def describe(self, record: Any) -> str:
        """A session in a few words."""
        return f"{short_date(record.date)} with {record.ppc}"

    def new_record(self) -> Record | None:
        """A new session is dated today (or the chosen year's last day) with the PPC's name filled in."""
        contact = self.app.current_folio.ppc_contact()
        return draft(PPCSession, date=self.day_for_new(), ppc=contact.name if contact else "", mode="one-to-one")

    def refresh_view(self) -> None:
        """Redraw the summary (`view`: contact, verification, the year's sessions, every year's hours) and the table."""
        self.view = ppc_year_view(self.app.current_folio.data(), self.chosen_year())
        self.refresh_table()

    def watch_view(self, view: PPCYearView | None) -> None:
        """Show the PPC's details, the verification, the year's sessions and the hours of every year."""
        if view is None:
            return
        texts = {
            "#ppc-contact": view.contact,
            "#ppc-verification": view.verification,
            "#ppc-year": view.heading,
            "#ppc-years": view.years,
        }
        for selector, text in texts.items():
            self.query_one(selector, Static).update(text)

    @work(exclusive=True, group="ppc-form")
    async def action_contact(self) -> None:
        """Edit the PPC's contact details, and save them."""
        form = EditRecordScreen(
            PPCContact, CONTACT_SPECS, initial=self.app.current_folio.ppc_contact(), title="Your PPC"
        )
        contact = await self.app.push_screen_wait(form)
        await self._save_singleton(contact)

    @work(exclusive=True, group="ppc-form")
    async def action_verification(self) -> None:
        """Edit the PPC's verification of the portfolio, starting from their contact details, and save it."""
        initial = self.app.current_folio.verification() or self._draft_verification()
        form = EditRecordScreen(Verification, VERIFICATION_SPECS, initial=initial, title="PPC's verification")
        verification = await self.app.push_screen_wait(form)
        await self._save_singleton(verification)

    def action_form4(self) -> None:
        """Write Form 4 for the PPC to verify, sign and return."""
        from sendfolio.tui.dialogs.ppc_form import PPCFormScreen

        self.app.push_screen(PPCFormScreen())

    @work(exclusive=True, group="ppc-form")
    async def action_import_form4(self) -> None:
        """Import Form 4 as the PPC returned it, after showing what it records; then redraw the verification."""
        from sendfolio.tui.dialogs.observer_forms import ImportFormScreen

        if await self.app.push_screen_wait(ImportFormScreen()):
            self.notify("The PPC's Form 4 is recorded.", markup=False)
            self.refresh_view()

    def _draft_verification(self) -> Record:
        """A verification prefilled with the PPC's name and register, dated today."""
        contact = self.app.current_folio.ppc_contact()
        return draft(
            Verification,
            name=contact.name if contact else "",
            register=contact.register if contact else "",
            role="PPC",
            date=self.app.today,
            statement=DEFAULT_STATEMENT,
        )

    async def _save_singleton(self, record: Record | None) -> None:
        """Put the contact details or verification in the folio at once (a large folio off the screen's thread)."""
        if record is None:
            return
        if isinstance(record, Verification):  # the PPC's own return no longer, once the mediator changes its words
            record = record.edited_from(self.app.current_folio.verification())
        await saving(self.app.current_folio, self.app.current_folio.put, record)
        self.notify("Saved the PPC's details." if isinstance(record, PPCContact) else "Saved the verification.")
        self.refresh_view()
