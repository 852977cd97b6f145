"""Checks on one case as it is saved: the one refusal (a case held before its date) and warnings. Pure.

A case whose date has not come cannot be held: the case form and imports refuse it
(`case_refusals`, under the Status field). One already in a folio still opens, is flagged
where it is shown (`case_date_warning`) and is counted nowhere as held (`rules.counts_as_held`).
A timeline date after today is kept, with a warning under its field (`timeline_date_warning`):
its step counts as done only once the day comes, and the timeline says so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sendfolio.domain.fields import is_blank, parse_date_value
from sendfolio.domain.records import TIMELINE_DATES, Case, FieldError
from sendfolio.domain.wording import short_date, words
from sendfolio.rules.evidence import held_ahead


def held_ahead_problem(case: Case, today: date) -> str:
    """Why a case cannot be saved as held today ("" when it can): its date has not come."""
    if not held_ahead(case, today):
        return ""
    return (
        f"a case dated {short_date(case.date)}, after today, cannot be held yet: "
        "choose Booked (no outcome) until the meeting has taken place"
    )


def case_refusals(case: Case, today: date) -> list[FieldError]:
    """What stops a case from being saved as entered on `today`: held before its date (under Status)."""
    problem = held_ahead_problem(case, today)
    return [FieldError("status", problem)] if problem else []


def timeline_date_warning(field: str, raw: Any, today: date) -> str:
    """A warning for a timeline date (as typed) after `today` ("" for any other field or value).

    The date is kept; the step counts as done only once the day comes.
    """
    if field not in TIMELINE_DATES or is_blank(raw):
        return ""
    try:
        when = parse_date_value(raw)
    except (TypeError, ValueError):
        return ""
    if when <= today:
        return ""
    return f"⚠ {short_date(when)} is after today: kept, but this step counts as done only once that day comes."


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
