"""The CPD diary: one registration year's entries, their total against the rule set's hours.

The year's total and its breakdown by method come from `rules.cpd_totals`; the
hours needed and whether they are met from `rules.cpd_target` (the renewal rule on
that year), so a revised standard changes the bar without touching this screen; `views/year_tables.py`
puts them in words (`CPDYearView`). `[` and `]` step through the registration years.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Label, ProgressBar, Static

from sendfolio.domain.records import CPD_METHODS, CPDEntry, Record
from sendfolio.domain.wording import hours_text, short_date, words
from sendfolio.tui.dialogs.forms import FieldSpec
from sendfolio.tui.screens.record_screen import YEAR_BINDINGS, draft, record_bindings
from sendfolio.tui.screens.year_table import YearTableScreen
from sendfolio.tui.views.year_tables import CPDYearView, cpd_year_view
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

    view: var[CPDYearView | None] = var(None, init=False)
    """The summary of the year on show (None until first drawn); `watch_view` shows it."""

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
        """Redraw the year's summary (`view`) and the table."""
        self.view = cpd_year_view(self.app.current_folio.data(), self.chosen_year())
        self.refresh_table()

    def watch_view(self, view: CPDYearView | None) -> None:
        """Show the year, its hours against the target and their breakdown by method."""
        if view is None:
            return
        self.query_one("#cpd-progress", ProgressBar).update(total=view.need, progress=view.have)
        texts = {"#cpd-year": view.heading, "#cpd-total": view.total, "#cpd-methods": view.methods}
        for selector, text in texts.items():
            self.query_one(selector, Static).update(text)
