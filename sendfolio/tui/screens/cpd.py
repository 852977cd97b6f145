"""The CPD diary: one registration year's entries, their total against the rule set's hours.

The year's total and its breakdown by method come from `rules.cpd_totals`; the
hours needed and whether they are met from `rules.cpd_target` (the renewal rule on
that year), so a revised standard changes the bar without touching this screen. `[` and `]` step through the
registration years.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar, Static

from sendfolio.domain.records import CPD_METHODS, CPDEntry, Record
from sendfolio.domain.wording import hours_text, short_date, words
from sendfolio.rules import cpd_target, cpd_totals
from sendfolio.tui.dialogs.forms import FieldSpec
from sendfolio.tui.screens.record_screen import (
    YEAR_BINDINGS,
    draft,
    record_bindings,
    year_span,
)
from sendfolio.tui.screens.year_table import YearTableScreen
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

CPD_SPECS = (
    FieldSpec("date", "Date", "date"),
    FieldSpec("hours", "Hours", "hours", help="e.g. 1.5"),
    FieldSpec("method", "Method", "choice", options=CPD_METHODS),
    FieldSpec("title", "Title", "text", help="what the activity was, e.g. a course or a book"),
    FieldSpec("provider", "Provider", "text", help="who ran it (optional)"),
    FieldSpec("learning", "What I learnt", "multiline"),
)
"""The fields of the CPD entry form."""


class CPDScreen(YearTableScreen):
    """The CPD diary of one registration year, with its total against the target hours."""

    HELP = (
        "Your CPD diary, one registration year at a time, with the year's hours against the 20 hours "
        "needed to renew. The square-bracket keys step to the previous or next year; t comes back to this year."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *record_bindings("CPD entry"),
        *YEAR_BINDINGS,
        Binding("t", "this_year", "This year", tooltip="Back to the registration year that holds today"),
    ]
    """Add / edit / delete, and step to the previous or next registration year."""

    RECORD_TYPE = CPDEntry
    """The table holds CPD entries."""
    SPECS = CPD_SPECS
    """The CPD entry form."""
    NOUN = "CPD entry"
    """What a record is called."""
    COLUMNS = ("Date", "Hours", "Method", "Title", "Provider")
    """The table's columns."""
    TABLE_ID = "cpd-table"
    PALETTE_NAME = "CPD"
    """The area's name in the command palette."""

    def compose(self) -> ComposeResult:
        """The year, the progress towards the target, the breakdown, then the entries."""
        yield AreaBar()
        with Vertical(id="cpd-body"):
            yield Static("", id="cpd-year", classes="summary", markup=False)
            with Horizontal(id="cpd-progress-line"):
                yield ProgressBar(show_eta=False, id="cpd-progress")  # its total, the year's target, on each redraw
                yield Label("", id="cpd-total", markup=False)
            yield Static("", id="cpd-methods", classes="breakdown", markup=False)
            yield self.make_table()
            yield Static("", id="record-detail", classes="detail-pane", markup=False)
        yield AppFooter()

    def all_records(self) -> Sequence[CPDEntry]:
        """Every CPD entry."""
        return self.app.current_folio.cpd()

    def order(self, record: Any) -> Any:
        """Oldest first, then by title."""
        return (record.date, record.title)

    def row(self, record: Any) -> Sequence[Any]:
        """One CPD entry as table cells."""
        return (
            short_date(record.date),
            f"{hours_text(record.hours)}",
            words(record.method),
            record.title,
            record.provider or "—",
        )

    def new_record(self) -> Record | None:
        """A new entry starts dated today, or on the chosen year's last day when today is outside it."""
        return draft(CPDEntry, date=self.day_for_new())

    def refresh_view(self) -> None:
        """Redraw the year, the total, the breakdown and the table."""
        year = self.chosen_year()
        data = self.app.current_folio.data()
        totals, target = cpd_totals(data, year), cpd_target(data, year)
        need = target.numeric_need or 0.0
        self.query_one("#cpd-year", Static).update(f"CPD diary · {year_span(self.app.current_folio.profile(), year)}")
        self.query_one("#cpd-progress", ProgressBar).update(total=need, progress=min(totals["total"], need))
        met = "target met" if target.met else f"{hours_text(need - totals['total'])} h to go"
        self.query_one("#cpd-total", Label).update(f"{hours_text(totals['total'])} of {hours_text(need)} h · {met}")
        self.query_one("#cpd-methods", Static).update(breakdown(totals["by_method"]))
        self.refresh_table()


def breakdown(by_method: dict[str, float]) -> str:
    """Hours by method, largest first, e.g. `training 6 h · reading 2.5 h`."""
    if not by_method:
        return "No CPD recorded in this year yet: press a to add an entry."
    ordered = sorted(by_method.items(), key=lambda item: (-item[1], item[0]))
    return "By method: " + " · ".join(f"{words(method)} {hours_text(hours)} h" for method, hours in ordered)
