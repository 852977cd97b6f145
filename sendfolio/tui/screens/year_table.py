"""A table of one kind of dated record, one registration year at a time: the CPD diary and the PPC sessions.

A subclass names where its records come from (`all_records`) and how they are ordered
(`order`); this base shows the chosen registration year's (the app's `year`, shared by every
area), steps through the years (`[` and `]`, and `action_this_year` for a `t` key), dates a new
record today or on the chosen year's last day when today is outside it, and, through
`RecordTableScreen`, offers to show the year of a record saved outside the one on show.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sendfolio.rules import in_period, registration_year
from sendfolio.tui.screens.record_screen import RecordTableScreen, current_year


class YearTableScreen(RecordTableScreen):
    """A table of dated records of the chosen registration year, with add / edit / delete and year keys."""

    def all_records(self) -> Iterable[Any]:
        """Every record of the kind, in any year."""
        raise NotImplementedError

    def order(self, record: Any) -> Any:
        """Where a record comes in the table (by date unless a subclass says otherwise)."""
        return record.date

    def chosen_year(self) -> int:
        """The registration year on show."""
        return self.year if self.year is not None else current_year(self.app)

    def records(self) -> list[Any]:
        """The chosen year's records, in order."""
        start, end = registration_year(self.app.current_folio.profile(), self.chosen_year())
        return sorted((item for item in self.all_records() if in_period(item.date, start, end)), key=self.order)

    def day_for_new(self) -> date:
        """A new record's date: today, or the chosen year's last day when today is outside it."""
        start, end = registration_year(self.app.current_folio.profile(), self.chosen_year())
        return self.app.today if in_period(self.app.today, start, end) else end

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "This year" only when another year is on show."""
        if action == "this_year":
            return self.year is not None and self.year != current_year(self.app)
        return True

    def shown_year(self) -> int | None:
        """The registration year on show."""
        return self.chosen_year()

    def show_year(self, year: int) -> None:
        """Show another registration year."""
        self.year = year
        self.refresh_view()
        self.refresh_bindings()

    def action_year(self, step: int) -> None:
        """Show the previous (-1) or next (+1) registration year."""
        self.year = self.chosen_year() + step

    def action_this_year(self) -> None:
        """Go back to the registration year that holds today."""
        self.year = current_year(self.app)
