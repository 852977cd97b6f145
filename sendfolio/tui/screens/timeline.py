"""One case's statutory timeline: each deadline, when it is due, and its status.

The deadlines come from `timescales.case_deadlines`; Enter (or w) shows the rule behind
the highlighted date and where it comes from, so the mediator can check the reading.
The dates themselves are edited in the case form (e).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.widgets import DataTable, Static

from sendfolio.domain import timescales
from sendfolio.domain.wording import short_date
from sendfolio.paths import style_path
from sendfolio.tui.dialogs.case_form import CaseFormScreen
from sendfolio.tui.screens.folio_screen import FolioScreen
from sendfolio.tui.views.caseops import save_case
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.text import plain_cells, status_text

NO_TIMELINE = (
    "No statutory timeline for this case: timelines apply to mediation cases with at least "
    "one timeline date. Press e to add the dates (decision notice, date fixed, …)."
)
"""What the screen says when a case has no deadlines."""


class TimelineScreen(FolioScreen):
    """The deadlines of one case, with the rule behind each on demand."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    TITLE = "Case timeline"
    """The screen's name in help."""

    HELP = (
        "The statutory deadlines of this case, worked out from its timeline dates (England's working days "
        "and bank holidays). Enter or w shows the rule behind the highlighted deadline and its source."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("w", "why", "Why this date"),
        Binding("e", "edit", "Edit dates"),
    ]
    """Escape goes back; w (or Enter) shows the rule; e edits the case's dates."""

    ref: var[str] = var("", init=False)
    """The reference of the case shown (a change of it in the case form moves the screen to its new name)."""

    rule: var[str | Text] = var("", init=False)
    """The rule and source of the highlighted deadline once asked (w), or why there is no timeline;
    `watch_rule` shows it."""

    def __init__(self, ref: str) -> None:
        """Keep the case's reference."""
        super().__init__()
        self.set_reactive(TimelineScreen.ref, ref)
        self.deadlines: list[timescales.Deadline] = []

    def compose(self) -> ComposeResult:
        """A title, the table, and the rule of the highlighted row."""
        yield AreaBar()
        yield Static(f"Timeline of case {self.ref}", id="timeline-title", classes="section-title")
        yield DataTable(id="timeline-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="timeline-rule")
        yield AppFooter()

    def on_mount(self) -> None:
        """Set up the columns."""
        table = self.query_one("#timeline-table", DataTable)
        for label in ("Event", "Due", "Done", "Status"):
            table.add_column(label, key=label.lower())
        table.focus()

    def watch_ref(self, ref: str) -> None:
        """Name the case by its new reference."""
        self.query_one("#timeline-title", Static).update(f"Timeline of case {ref}")

    def refresh_view(self) -> None:
        """Work the deadlines out from the case as it now is."""
        self.reload()

    def reload(self) -> None:
        """Fill the table from the timescales."""
        case = self.app.current_folio.case(self.ref)
        self.deadlines = timescales.case_deadlines(case, self.app.today) if case else []
        table = self.query_one("#timeline-table", DataTable)
        table.clear()
        for index, item in enumerate(self.deadlines):
            done, status = short_date(item.done), status_text(item.status)
            if item.to_come is not None:  # entered, but its date has not come: neither done nor due
                done, status = f"{short_date(item.to_come)} (to come)", Text("entered, date to come", style="italic")
            table.add_row(*plain_cells((item.event, short_date(item.due), done, status)), key=str(index))
        self.rule = "" if self.deadlines else NO_TIMELINE
        table.display = bool(self.deadlines)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter shows the rule behind the highlighted deadline."""
        event.stop()
        self.action_why()

    def action_why(self) -> None:
        """Show the rule and source of the highlighted deadline."""
        table = self.query_one("#timeline-table", DataTable)
        if not self.deadlines:
            return
        item = self.deadlines[table.cursor_row]
        entered = (
            f"\nEntered for {short_date(item.to_come)}, after today: counted as done once that day comes."
            if item.to_come is not None
            else ""
        )
        self.rule = Text(f"{item.event}: {item.rule}\nSource: {item.source}{entered}")

    def watch_rule(self, rule: str | Text) -> None:
        """Show the rule under the table."""
        self.query_one("#timeline-rule", Static).update(rule)

    @work(exclusive=True, group="timeline-form")
    async def action_edit(self) -> None:
        """Edit the case (its timeline dates are at the end of the form); save it and show its new deadlines."""
        case = self.app.current_folio.case(self.ref)
        if case is None:
            return
        changed = await self.app.push_screen_wait(CaseFormScreen(case, self.app.current_folio, self.app.today))
        if changed is not None:
            save_case(self.app.current_folio, changed, case)
            self.ref = changed.ref
            self.reload()

    def action_back(self) -> None:
        """Back to the case log."""
        self.app.pop_screen()
