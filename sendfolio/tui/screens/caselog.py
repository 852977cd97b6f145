"""The case log: every case in a table, sortable and filterable, with add / edit / delete.

From a highlighted case: t its statutory timeline, c its observation checklist (Forms 1–3),
b its de-brief notes. Deleting asks first and can be undone (u) until the next delete.
Every change is saved through the Folio at once.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.reactive import var
from textual.widgets import DataTable, Input, Static

from sendfolio.domain.records import Case
from sendfolio.domain.wording import count, hours_text, short_date, words
from sendfolio.paths import style_path
from sendfolio.rules import case_date_warning, held_ahead
from sendfolio.tui.dialogs.case_form import CaseFormScreen, DebriefScreen
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.screens.folio_screen import QUIT_BINDING, FolioScreen
from sendfolio.tui.support.saving import saving
from sendfolio.tui.views import caseops
from sendfolio.tui.views.palette_command import PaletteCommand
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.batches import fill_rows
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.long_table import LongTable
from sendfolio.tui.widgets.text import plain_cells

COLUMNS = ("Ref", "Date", "Role", "De-brief", "Observed", "Hours", "Outcome", "Kind")
"""The case table's columns, the ones a mediator looks for first (de-briefed? observed?) within 80 columns."""

SORTS = (
    ("date", lambda case: (case.date, case.ref)),
    ("reference", lambda case: case.ref.lower()),
    ("kind", lambda case: (case.kind, case.date)),
    ("role", lambda case: (case.role, case.date)),
    ("hours", lambda case: (case.total_hours, case.date)),
    ("outcome", lambda case: (case.status, case.outcome, case.date)),
)
"""(name, key) of each order the table can be sorted in; s cycles through them."""


def case_row(case: Case, today: date | None = None) -> tuple:
    """One case as a row of the table (with `today`, a case marked held before its date is flagged)."""
    kind = "Disagreement" if case.kind == "disagreement-resolution" else words(case.kind)
    if case.debriefed:
        debrief = Text("✓ held", style="green")
    else:
        debrief = Text("✗ none", style="bold red") if case.is_held else Text("—")
    return tuple(
        plain_cells(
            (
                case.ref,
                short_date(case.date),
                words(case.role),
                debrief,
                case.observer_words or "—",
                hours_text(case.total_hours),
                outcome_words(case, today),
                kind,
            )
        )
    )


def outcome_words(case: Case, today: date | None = None) -> str:
    """How a case stands in words: its outcome once held, else its status (booked, withdrawn, not held);
    a case marked held whose date is after `today` is flagged (no count takes it as held)."""
    if today is not None and held_ahead(case, today):
        return f"⚠ {words(case.outcome)}, date to come"
    return words(case.outcome) if case.is_held else words(case.status)


def case_detail(case: Case, today: date | None = None) -> str:
    """The highlighted case in one line, the columns a narrow table cuts off included (and, with `today`,
    what is wrong with its date)."""
    parts = [
        f"{case.ref}: {words(case.kind).lower()}, {words(case.role).lower()}, {short_date(case.date)}",
        outcome_words(case, today).lower(),
        f"observed by {case.observer_words}" if case.observer_words else "not observed",
        "de-brief held" if case.debriefed else "no de-brief",
    ]
    if case.issues:
        parts.append("issues: " + "; ".join(case.issues))
    warning = case_date_warning(case, today) if today is not None and held_ahead(case, today) else ""
    return " · ".join(parts) + (f"\n⚠ {warning} Until then no count takes it as held." if warning else "")


def not_yet_held(case: Case | None) -> dict[str, str]:
    """A case not held shows its zero meeting and follow-up hours blank, to be filled once it is held."""
    if case is None or case.is_held:
        return {}
    return {name: "" for name in ("meeting_hours", "followup_hours") if not getattr(case, name)}


def matches(case: Case, words: str, row: tuple | None = None) -> bool:
    """True when every word of the filter appears in the case's row (`row`, if already made) or issues."""
    if not words.strip():
        return True
    haystack = " ".join([*map(str, row or case_row(case)), case.kind, *case.issues]).lower()
    return all(word in haystack for word in words.lower().split())


class CaseLogScreen(FolioScreen):
    """The table of cases and everything done to them."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    TITLE = "Cases"
    """The screen's name in help."""

    AUTO_FOCUS = "#case-table"
    """The table has the keys from the start: focused later, it was drawn twice on a first visit (unfocused, then focused)."""

    HELP = (
        "Your case log. Arrow keys move along the cases; type in the filter (/) to narrow them. "
        "a adds a case, Enter or e edits it, d deletes it (u undoes). For the highlighted case: "
        "t shows its statutory timeline, c its observation checklist, b its de-brief notes, f writes its forms for "
        "the observer, v attaches a document to it; i imports a form the observer returned."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        QUIT_BINDING,
        Binding("e", "edit", "Edit"),
        Binding(
            "u", "undo", "Undo delete", tooltip="Undo delete: put back the case just deleted (offered after a delete)"
        ),
        Binding("t", "timeline", "Timeline"),
        Binding("c", "checklist", "Checklist"),
        Binding("b", "debrief", "De-brief"),
        Binding("f", "observer_forms", "Forms", tooltip="Forms for the observer: write the fillable PDF"),
        Binding("i", "import_form", "Import form", tooltip="Import a returned form: see what it records, then save"),
        Binding("v", "attach", "Attach", tooltip="Attach a document to the highlighted case: choose the file"),
        Binding("slash", "filter", "Filter"),
        Binding("s", "sort", "Sort"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "leave_filter", "Back to table", show=False),
    ]
    """The case log's keys, the main ones first: the footer shows as many as the width holds, `?` all of them."""

    sort_index: var[int] = var(0, init=False)
    """Which of `SORTS` orders the table (it starts by date); another re-sorts it."""

    words: var[str] = var("", init=False)
    """The filter as typed; a change narrows the table."""

    undo: var[caseops.DeletedCase | None] = var(None, bindings=True)
    """The case last deleted, to put back with u: the footer offers "Undo delete" only while there is one."""

    highlighted: var[Case | None] = var(None, init=False, always_update=True)
    """The case under the cursor, shown in full under the table (a narrow table cuts columns off)."""

    status: var[str] = var("", init=False)
    """How many cases the table shows and how they are sorted, on the last line."""

    def watch_sort_index(self) -> None:
        """Sort the table anew."""
        self.reload()

    def watch_words(self) -> None:
        """Filter the table anew."""
        self.reload()

    def compose(self) -> ComposeResult:
        """The filter, the table, a status line."""
        yield AreaBar()
        yield Input(
            placeholder="Filter (/): part of a reference, kind, role, outcome or issue", id="case-filter", compact=True
        )
        yield LongTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="case-detail", classes="detail-pane")
        yield Static("", id="case-status")
        yield AppFooter()

    def on_mount(self) -> None:
        """Set up the columns and focus the table."""
        table = self.table
        for column in COLUMNS:
            table.add_column(column, key=column.lower())
        table.focus()

    @property
    def table(self) -> DataTable:
        """The table of cases."""
        return self.query_one("#case-table", DataTable)

    def refresh_view(self) -> None:
        """Show the folio's current cases."""
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Rebuild the rows: filtered, sorted; keep (or move to) the selected case."""
        table = self.table
        keep = select or self.selected_ref()
        words = self.words
        name, key = SORTS[self.sort_index]
        every = self.app.current_folio.cases()
        today = self.app.today
        if words.strip():  # the filter reads each case's row: made once, kept for the table
            rows = {case.ref: row for case in every if matches(case, words, row := case_row(case, today))}
            cases = sorted((case for case in every if case.ref in rows), key=key)
            fill_rows(table, [(rows[case.ref], case.ref) for case in cases], select=keep)
        else:  # each row made in the turn that adds it
            cases = sorted(every, key=key)
            fill_rows(table, cases, make=lambda case: (case_row(case, today), case.ref), select=keep)
        if not cases:  # no row to highlight: no case to describe
            self.highlighted = None
        total = len(every)
        shown = f"{len(cases)} of {count(total, 'case')}" if words else count(total, "case")
        hint = " Press a to add your first case." if not total else ""
        self.status = f"{shown}, sorted by {name}.{hint}"

    def watch_highlighted(self, case: Case | None) -> None:
        """Show the highlighted case in full (and what is wrong with its date), or nothing."""
        self.query_one("#case-detail", Static).update(Text(case_detail(case, self.app.today)) if case else "")

    def watch_status(self, status: str) -> None:
        """Show how many cases the table shows, and their order."""
        self.query_one("#case-status", Static).update(status)

    def selected_ref(self) -> str | None:
        """The reference of the highlighted case, if any."""
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def selected_case(self) -> Case | None:
        """The highlighted case; a bell when there is none."""
        ref = self.selected_ref()
        case = self.app.current_folio.case(ref) if ref else None
        if case is None:
            self.app.bell()
            self.notify("No case selected: add one with a.", severity="warning")
        return case

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Undo delete" only when there is a deleted case to put back."""
        if action == "undo":
            return self.undo is not None
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted case in full under the table (a narrow table cuts columns off)."""
        self.highlighted = self.app.current_folio.case(event.row_key.value) if event.row_key.value else None

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        self.words = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter goes back to the table."""
        self.table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a case edits it."""
        event.stop()
        self.action_edit()

    def action_filter(self) -> None:
        """Focus the filter."""
        self.query_one("#case-filter", Input).focus()

    def action_leave_filter(self) -> None:
        """Escape from the filter goes back to the table."""
        self.table.focus()

    def action_sort(self) -> None:
        """Sort by the next column."""
        self.sort_index = (self.sort_index + 1) % len(SORTS)

    def action_add(self) -> None:
        """Open the form for a new case."""
        self._open_form(None)

    def action_edit(self) -> None:
        """Open the form for the highlighted case."""
        case = self.selected_case()
        if case is not None:
            self._open_form(case)

    @work(exclusive=True, group="case-form")
    async def _open_form(self, original: Case | None) -> None:
        """The case form; save what it returns at once (None: cancelled)."""
        from sendfolio.rules import case_date_warning

        folio = self.app.current_folio
        case = await self.app.push_screen_wait(
            CaseFormScreen(original, folio, self.app.today, shown=not_yet_held(original))
        )
        if case is None:
            return
        await saving(folio, caseops.save_case, folio, case, original)
        self.notify(f"Case {case.ref} saved.", markup=False)
        warning = case_date_warning(case, self.app.today)
        if warning:
            self.app.notify_once(warning, title="Check the date", severity="warning", markup=False, timeout=12)
        self.reload(select=case.ref)

    @work(exclusive=True, group="case-delete")
    async def action_delete(self) -> None:
        """Delete the highlighted case, after asking, keeping what undo needs."""
        case = self.selected_case()
        if case is None:
            return
        count = len(self.app.current_folio.observations(case.ref))
        question = f"Delete case {case.ref}" + (f" and its {count} observed criteria?" if count else "?")
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        self.undo = await saving(self.app.current_folio, caseops.delete_case, self.app.current_folio, case)
        self.notify(f"Case {case.ref} deleted. Press u to undo.", markup=False)
        self.reload()

    def action_undo(self) -> None:
        """Put back the last deleted case."""
        if self.undo is None:
            self.notify("Nothing to undo.")
            return
        caseops.restore_case(self.app.current_folio, self.undo)
        ref, self.undo = self.undo.case.ref, None
        self.notify(f"Case {ref} restored.", markup=False)
        self.reload(select=ref)

    def action_timeline(self) -> None:
        """Show the highlighted case's statutory timeline."""
        from sendfolio.tui.screens.timeline import TimelineScreen

        case = self.selected_case()
        if case is not None:
            self.app.push_screen(TimelineScreen(case.ref))

    def action_checklist(self) -> None:
        """Open the highlighted case's observation checklist."""
        from sendfolio.tui.screens.checklist import ChecklistScreen

        case = self.selected_case()
        if case is not None:
            self.app.push_screen(ChecklistScreen(case.ref))

    @work(exclusive=True, group="case-form")
    async def action_debrief(self) -> None:
        """Edit the highlighted case's de-brief notes; save what the editor returns (None: cancelled), then offer
        its open gaps as learning needs."""
        from sendfolio.tui.dialogs.gap_needs import offer_learning_needs

        case = self.selected_case()
        if case is None:
            return
        changed = await self.app.push_screen_wait(DebriefScreen(case))
        if changed is None:
            return
        changed = caseops.debrief_entered_if_changed(changed, case)
        await saving(self.app.current_folio, self.app.current_folio.put, changed)
        self.notify(f"De-brief of {changed.ref} saved.", markup=False)
        self.reload(select=changed.ref)
        await offer_learning_needs(self.app, [changed.ref])

    def action_observer_forms(self) -> None:
        """Write Forms 1–3 of the highlighted case for the observer."""
        from sendfolio.tui.dialogs.observer_forms import FormsScreen

        case = self.selected_case()
        if case is not None:
            self.app.push_screen(FormsScreen(case.ref))

    @work(exclusive=True, group="case-attach")
    async def action_attach(self) -> None:
        """Attach a document to the highlighted case: the file picker first, the case already chosen; say what was
        attached."""
        from sendfolio.tui.dialogs.attach import AttachScreen
        from sendfolio.tui.screens.attachments import targets

        case = self.selected_case()
        if case is None:
            return
        choices = targets(self.app.current_folio.data())
        saved = await self.app.push_screen_wait(AttachScreen(choices, f"case:{case.ref}", pick=True))
        if saved is not None:
            self.notify(f"Attached “{saved.title}” to case {case.ref}: see Documents (0).", markup=False)

    @work(exclusive=True, group="case-import-form")
    async def action_import_form(self) -> None:
        """Import a returned Forms 1–3 PDF, after showing what it records; refresh the table after a saved
        import (a form on paper kept goes on to its ticks)."""
        from sendfolio.tui.dialogs.observer_forms import ImportFormScreen

        saved = await self.app.push_screen_wait(ImportFormScreen())
        if saved is not None and not isinstance(saved, bool):
            from sendfolio.tui.screens.checklist import ChecklistScreen

            self.reload(select=self.selected_ref())
            self.app.push_screen(ChecklistScreen(saved.ref, paper=saved.id))
        elif saved:
            self.notify("The returned form is recorded.", markup=False)
            self.reload(select=self.selected_ref())

    def palette_commands(self) -> list[PaletteCommand]:
        """The case log's actions, for the command palette."""
        return [
            PaletteCommand(
                "Forms for the observer (f)",
                "Fillable Forms 1–3 PDF of the highlighted case",
                self.action_observer_forms,
            ),
            PaletteCommand(
                "Import a returned form (i)", "Read an observer's returned PDF, then save", self.action_import_form
            ),
            PaletteCommand("Add a case (a)", "Open the form for a new case", self.action_add),
            PaletteCommand("Edit the selected case (e)", "Open the highlighted case's form", self.action_edit),
            PaletteCommand("Delete the selected case (d)", "Asks first; u undoes", self.action_delete),
            PaletteCommand("Case timeline (t)", "Statutory deadlines of the highlighted case", self.action_timeline),
            PaletteCommand(
                "Observation checklist (c)", "Forms 1–3 criteria shown in the highlighted case", self.action_checklist
            ),
            PaletteCommand("De-brief notes (b)", "Form 3 de-brief of the highlighted case", self.action_debrief),
            PaletteCommand("Sort cases (s)", "Cycle the sort order", self.action_sort),
            PaletteCommand(
                "Filter cases (/)", "Type part of a reference, kind, role, outcome or issue", self.action_filter
            ),
            *(
                [PaletteCommand("Undo delete (u)", "Put back the case just deleted", self.action_undo)]
                if self.undo is not None
                else []
            ),
        ]
