"""The case log's date warning, as a rule: a case dated after today not booked, or booked with its date passed."""

from __future__ import annotations

from datetime import date

from sendfolio.domain.records import Case
from sendfolio.rules import case_date_warning

TODAY = date(2026, 6, 15)
"""The day the checks are made."""


def case(day: date, status: str) -> Case:
    """A fictional case on `day` with `status` (a booked one has no hours yet)."""
    hours = {} if status == "booked" else {"meeting_hours": 2.0, "followup_hours": 0.5, "outcome": "agreement"}
    return Case.from_dict(
        {"ref": "SM-WARN-1", "date": day.isoformat(), "kind": "mediation", "role": "lead", "status": status, **hours}
    )


def test_a_held_case_dated_after_today_is_warned_of_in_words():
    """Held, but in the future: the warning names the case, its date and what to do."""
    warning = case_date_warning(case(date(2026, 7, 1), "held"), TODAY)
    assert warning == (
        "Case SM-WARN-1 is dated 1 Jul 2026, after today, but marked held: "
        "if it has not happened yet, set its status to Booked."
    )


def test_a_booked_case_whose_date_has_passed_is_warned_of():
    """Booked, but its day has gone by: was it held?"""
    assert case_date_warning(case(date(2026, 6, 1), "booked"), TODAY) == (
        "Case SM-WARN-1 is still booked though its date 1 Jun 2026 has passed: was it held?"
    )


def test_no_warning_for_a_case_whose_status_fits_its_date():
    """Booked ahead, held in the past, and anything on today itself: no warning."""
    assert case_date_warning(case(date(2026, 7, 1), "booked"), TODAY) == ""
    assert case_date_warning(case(date(2026, 6, 1), "held"), TODAY) == ""
    assert case_date_warning(case(TODAY, "held"), TODAY) == ""
    assert case_date_warning(case(TODAY, "booked"), TODAY) == ""
