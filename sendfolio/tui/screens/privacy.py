"""Privacy: likely identifiers in context, a jump to the field to fix, false positives, the do-not-print list.

What `sendfolio privacy-check` and `sendfolio do-not-print` do, on one screen: the open
findings (what was found, where, and the text around it), Enter to open the record's
form at that field, i to mark a finding as not an identifier, and the do-not-print
list below (a adds a name, x removes the highlighted one). The screen is redrawn after
every save (FolioChanged), so a fixed finding leaves the list at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import DataTable, Static

from sendfolio.domain.record_base import Titled
from sendfolio.paths import style_path
from sendfolio.privacy import check
from sendfolio.privacy.identifiers import CATEGORY_TITLES, Finding
from sendfolio.tui.screens.folio_screen import FolioScreen
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.store import Folio

KIND_WORDS = {
    "case": "case",
    "observation": "observed criterion",
    "reflection": "reflection",
    "cpd": "CPD entry",
    "ppc": "PPC session",
    "training": "course",
    "verification": "PPC's verification",
    "passport_declaration": "passported declaration",
    "profile": "profile",
    "ppc_contact": "PPC contact",
    "attachment": "document",
}
"""Each kind of record in the mediator's words."""


def where(finding: Finding, folio: Folio) -> str:
    """Where a finding is, in words: the record and the field."""
    kind = KIND_WORDS.get(finding.kind, finding.kind)
    name = finding.record
    if finding.kind in ("reflection", "cpd", "training", "attachment"):
        found = _record(folio, finding)
        title = found.title if isinstance(found, Titled) else ""
        name = (f"“{title}”" if finding.kind == "attachment" else title) if title else name
    elif finding.kind == "ppc":
        found = _record(folio, finding)
        name = f"{found.date:%-d %b %Y}" if found is not None else name
    field = finding.field.replace("debrief.", "de-brief ").replace("_", " ")
    return f"{kind} {name}, {field}" if finding.kind != finding.record else f"{kind}, {field}"


def _record(folio: Folio, finding: Finding) -> Any:
    """The record a finding is in, if it is still in the folio."""
    kind, ref = finding.kind, finding.record
    if kind == "case":
        return folio.case(ref)
    if kind == "observation":
        return folio.case(ref.split("/")[0])
    listed = {
        "reflection": folio.reflections,
        "cpd": folio.cpd,
        "ppc": folio.ppc_sessions,
        "training": folio.training,
        "attachment": folio.attachments,
    }.get(kind)
    if listed is not None:
        return next((item for item in listed() if item.id == ref), None)
    singles = {
        "verification": folio.verification,
        "passport_declaration": folio.passport_declaration,
        "profile": folio.profile,
        "ppc_contact": folio.ppc_contact,
    }
    return singles[kind]() if kind in singles else None


FIX_TIP = "Open the record at the field holding it, to fix it"
"""What Enter does on a finding."""


class FindingsTable(DataTable):
    """The findings: Enter opens the highlighted one at its field, and the footer says so while it has the focus.

    (A plain table's own Enter, unshown, would hide the screen's from the footer.)
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "screen.fix", "Open at the field", tooltip=FIX_TIP)]
    """Enter: open the finding at its field."""


class PrivacyScreen(FolioScreen):
    """The open findings and the do-not-print list."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    TITLE = "Privacy"
    """The screen's name in help."""

    PALETTE_NAME = "Privacy"
    """The screen's name in the command palette."""

    HELP = (
        "Likely identifiers in text that can leave this computer (exports and PDFs): e-mail addresses, phone "
        "numbers, postcodes, NHS numbers, dates of birth and the names on your do-not-print list. Enter opens "
        "the record at that field to fix it; i marks a finding as not an identifier. Below, the do-not-print "
        "list: a adds a name, x removes the highlighted one. The list itself is never exported or printed."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "fix", "Open at the field", tooltip=FIX_TIP),
        Binding("i", "ignore", "Not an identifier", tooltip="Mark the highlighted finding as a false alarm"),
        Binding("a", "add_word", "Add name", tooltip="Add a name or word to the do-not-print list"),
        Binding("x", "remove_word", "Remove name", tooltip="Remove the highlighted name from the list"),
        Binding("escape", "close", "Back"),
    ]
    """Fix, mark, add and remove names, back."""

    def palette_commands(self) -> list:
        """This screen's keys, offered in the command palette."""
        from sendfolio.tui.screens.record_screen import binding_commands

        return binding_commands(self)

    summary: var[str] = var("", init=False)
    """How many possible identifiers are open (and marked), and whether anything may leave; `watch_summary`
    shows it."""

    def watch_summary(self, summary: str) -> None:
        """Show the line above the findings."""
        self.query_one("#privacy-summary", Static).update(summary)

    def __init__(self) -> None:
        """Nothing found yet; filled when shown."""
        super().__init__()
        self.findings: list[Finding] = []
        self.words: list[str] = []

    def compose(self) -> ComposeResult:
        """A summary, the findings table, and the do-not-print list."""
        yield AreaBar()
        with Vertical(id="privacy-body"):
            yield Static("", id="privacy-summary", markup=False)
            table = FindingsTable(id="privacy-findings", cursor_type="row", zebra_stripes=True)
            table.add_columns("Found", "Where", "Text around it")
            yield table
            yield Static("", id="privacy-detail", classes="detail-pane", markup=False)
            yield Static("Do-not-print list (never exported or printed)", classes="privacy-heading")
            words: DataTable = DataTable(id="privacy-words", cursor_type="row", show_header=False)
            words.add_column("Name or word")
            yield words
        yield AppFooter()

    def refresh_view(self) -> None:
        """Scan the folio again and redraw both lists."""
        folio = self.app.current_folio
        everything = check.all_findings(folio)
        marked = check.ignored(folio)
        self.findings = [finding for finding in everything if finding.id not in marked]
        table = self.query_one("#privacy-findings", DataTable)
        keep = table.cursor_row
        table.clear()
        for finding in self.findings:
            table.add_row(
                CATEGORY_TITLES[finding.category], Text(where(finding, folio)), Text(finding.context), key=finding.id
            )
        if self.findings:
            table.move_cursor(row=min(keep, len(self.findings) - 1))
        self.show_detail()
        aside = f" ({len(everything) - len(self.findings)} marked as not identifiers)" if marked else ""
        summary = (
            f"{len(self.findings)} possible identifier{'s' if len(self.findings) != 1 else ''} to look at{aside}. "
            "Nothing can be exported or printed until each is fixed or marked."
            if self.findings
            else f"✓ No likely identifiers found{aside}. Exports and PDFs are clear."
        )
        self.summary = summary
        self.words = check.do_not_print(folio)
        words = self.query_one("#privacy-words", DataTable)
        words.clear()
        for word in self.words:
            words.add_row(Text(word))
        if not self.words:
            words.add_row(Text("(empty: press a to add a child's, parent's or school's name)"))

    @on(DataTable.RowHighlighted, "#privacy-findings")
    def show_detail(self) -> None:
        """The highlighted finding whole, under the table (its columns may be cut)."""
        finding = self.highlighted()
        words = (
            f"{CATEGORY_TITLES[finding.category]} · {where(finding, self.app.current_folio)} · {finding.context}"
            if finding is not None
            else ""
        )
        detail = self.query_one("#privacy-detail", Static)
        detail.update(words)
        detail.display = bool(words)

    def highlighted(self) -> Finding | None:
        """The finding under the cursor, if any."""
        table = self.query_one("#privacy-findings", DataTable)
        if not self.findings or table.cursor_row >= len(self.findings):
            return None
        return self.findings[table.cursor_row]

    @on(DataTable.RowSelected, "#privacy-findings")
    @work(exclusive=True, group="privacy-fix")
    async def action_fix(self) -> None:
        """Open the record holding the highlighted finding, at its field; save what its form returns."""
        finding = self.highlighted()
        if finding is None:
            self.notify("Nothing to fix.")
            return
        if finding.kind == "attachment":  # the words of an attached file are changed by attaching another
            self.notify(
                "That is in an attached document: look at it in Documents (0), then attach a copy without it "
                "and remove this one, or press i if it is not an identifier.",
                markup=False,
            )
            return
        record = _record(self.app.current_folio, finding)
        if record is None:
            self.notify("That record is no longer in the folio.", severity="warning")
            return
        from sendfolio.tui.screens.privacy_fix import open_at_field

        await open_at_field(self.app, finding, record)

    def action_ignore(self) -> None:
        """Mark the highlighted finding as not an identifier (it stays marked until its text changes)."""
        finding = self.highlighted()
        if finding is None:
            self.notify("Nothing to mark.")
            return
        try:
            check.ignore(self.app.current_folio, finding.id)
        except KeyError as why:  # a document that cannot be read cannot be marked
            self.notify(str(why.args[0]), severity="error", markup=False)
            return
        what = finding.match or "looked at, holds no identifier"
        self.notify(f"Marked as not an identifier: {what}", markup=False)

    @work(exclusive=True, group="add-word")
    async def action_add_word(self) -> None:
        """Ask for a name or word and add it to the list (or say what is wrong with it)."""
        from sendfolio.tui.dialogs.ask_text import AskTextScreen

        word = await self.app.push_screen_wait(
            AskTextScreen(
                "Add to the do-not-print list",
                "A name or word never to print, e.g. a child's first name or a school. Quote nothing.",
            )
        )
        if word is None:
            return
        try:
            new = check.add_word(self.app.current_folio, word)
        except ValueError as problem:
            self.notify(str(problem), severity="error", markup=False)
            return
        self.notify(f"{'Added' if new else 'Already listed'}: {' '.join(word.split())}", markup=False)

    def action_remove_word(self) -> None:
        """Remove the highlighted name from the list."""
        table = self.query_one("#privacy-words", DataTable)
        if not self.words:
            self.notify("The do-not-print list is empty.")
            return
        word = self.words[min(table.cursor_row, len(self.words) - 1)]
        check.remove_word(self.app.current_folio, word)
        self.notify(f"Removed from the do-not-print list: {word}", markup=False)

    def action_close(self) -> None:
        """Back to where the palette was opened."""
        self.dismiss()
