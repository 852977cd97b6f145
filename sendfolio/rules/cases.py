"""Checks on one case as it is saved: warnings the mediator may act on, never refusals. Pure."""

from __future__ import annotations

from datetime import date

from sendfolio.domain.records import Case
from sendfolio.domain.wording import short_date, words


def case_date_warning(case: Case, today: date) -> str:
    """A warning for a case dated after today that is not booked, or booked with its date passed ("" if neither)."""
    if case.date > today and case.status != "booked":
        return (
            f"Case {case.ref} is dated {short_date(case.date)}, after today, but marked "
            f"{words(case.status).lower()}: if it has not happened yet, set its status to Booked."
        )
    if case.date < today and case.status == "booked":
        return f"Case {case.ref} is still booked though its date {short_date(case.date)} has passed: was it held?"
    return ""
