"""One truth about the future: a case marked held whose date has not come is held nowhere.

The rules refuse it at the door (`case_refusals`, used by the case form and imports), leave one
already in a folio out of every count of cases held, saying why, and the portfolio cites no case
it leaves out.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sendfolio import rules
from sendfolio.domain.records import FolioData, Profile, Reflection
from tests.helpers.dates import FIXED_TODAY
from tests.helpers.tui import sample_case

AHEAD = sample_case("SM-F-009", (FIXED_TODAY + timedelta(days=10)).isoformat())
"""A lead case marked held (an outcome given) ten days after the fixed today."""


def test_a_held_case_before_its_date_is_refused_under_status_in_one_line():
    """The refusal names the Status field, the date, and what to choose instead."""
    [problem] = rules.case_refusals(AHEAD, FIXED_TODAY)
    assert problem.field == "status"
    assert "cannot be held yet" in problem.problem and "Booked" in problem.problem and "\n" not in problem.problem
    assert rules.case_refusals(AHEAD.with_changes(status="booked", outcome=""), FIXED_TODAY) == []
    assert rules.case_refusals(AHEAD, AHEAD.date) == []


def test_renewal_leaves_a_held_case_before_its_date_out_and_says_why():
    """Renewal, accreditation and the portfolio agree: the case is not counted, and renewal says why."""
    profile = Profile.from_dict({"name": "Alex Rowan", "registration_anniversary": "2026-04-01"})
    held = sample_case("SM-F-001", "2026-06-01")
    data = FolioData(profile=profile, cases=(held, AHEAD))
    found = rules.renewal(data, 2026, FIXED_TODAY).requirement("renewal.cases")
    assert found.numeric_have == 1
    assert found.have == "1 case held; not counted: 1 marked held but dated after today"
    once_come = rules.renewal(data, 2026, AHEAD.date).requirement("renewal.cases")
    assert once_come.numeric_have == 2
    assert [case.ref for case in rules.assess(data, FIXED_TODAY).records.cases] == ["SM-F-001"]


def test_the_portfolio_cites_no_case_it_leaves_out():
    """A reflection written today about the case ahead is printed without citing it."""
    profile = Profile.from_dict({"name": "Alex Rowan"})
    note = Reflection.from_dict(
        {"date": FIXED_TODAY.isoformat(), "hours": 1, "title": "Preparing", "body": "What I expect.", "case": AHEAD.ref}
    )
    cited = Reflection.from_dict(
        {"date": FIXED_TODAY.isoformat(), "hours": 1, "title": "Held", "body": "What I saw.", "case": "SM-F-001"}
    )
    data = FolioData(profile=profile, cases=(sample_case("SM-F-001", "2026-06-01"), AHEAD), reflections=(note, cited))
    found = rules.assess(data, FIXED_TODAY)
    shown = {case.ref for case in found.records.cases}
    assert {item.title: item.case for item in found.written} == {"Preparing": "", "Held": "SM-F-001"}
    assert all(not item.case or item.case in shown for item in found.written)


def test_a_timeline_date_after_today_is_warned_of_never_refused():
    """The warning names the date; today or before, and other fields, give none."""
    warning = rules.timeline_date_warning("date_fixed", "12/12/2026", FIXED_TODAY)
    assert warning.startswith("⚠ 12 Dec 2026 is after today") and "counts as done only once" in warning
    assert rules.timeline_date_warning("date_fixed", FIXED_TODAY.isoformat(), FIXED_TODAY) == ""
    assert rules.timeline_date_warning("date", "12/12/2026", FIXED_TODAY) == ""
    assert rules.timeline_date_warning("date_fixed", "not a date", FIXED_TODAY) == ""
    entered = replace(
        sample_case("SM-F-003", "2026-12-20", status="booked", outcome="", health_care=True),
        la_informed=date(2026, 11, 20),
        health_commissioner_told=date(2026, 12, 12),
    )
    from sendfolio.domain import timescales

    steps = {item.event: item for item in timescales.case_deadlines(entered, FIXED_TODAY)}
    told = steps["health commissioner told"]
    assert told.to_come == date(2026, 12, 12) and told.done is None
    assert steps["mediation held"].to_come == date(2026, 12, 20)
    assert not told.entered_in_time  # entered for a day after its deadline: overdue, not planned in time


def test_a_step_is_entered_in_time_up_to_its_deadline_and_only_while_due():
    """Entered for the day before the deadline or the day itself: in time; the day after, or done, or overdue: not."""
    from sendfolio.domain.timescales import Deadline

    due = FIXED_TODAY + timedelta(days=10)

    def step(entered: date | None, status: str = "due", done: date | None = None) -> Deadline:
        return Deadline("SM-F-010", "parties told of mediation date", due, done, status, "rule", "source", entered)

    assert step(due - timedelta(days=1)).entered_in_time
    assert step(due).entered_in_time
    assert not step(due + timedelta(days=1)).entered_in_time
    assert not step(None).entered_in_time
    assert not step(due, status="overdue").entered_in_time
    assert not step(due, status="met", done=FIXED_TODAY).entered_in_time
