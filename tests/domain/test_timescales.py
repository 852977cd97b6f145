"""Statutory SEND mediation timescales: working days, months, tribunal moves, each rule and each status.

Every expected date below was checked by hand against a calendar and England's bank holidays.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from sendfolio.domain.records import Case
from sendfolio.domain.timescales import (
    RULES,
    STATUSES,
    Deadline,
    add_months,
    add_working_days,
    all_deadlines,
    appeal_deadline,
    bank_holidays,
    case_deadlines,
    is_working_day,
    tribunal_move,
    upcoming,
)

D = date.fromisoformat
"""Short name for reading ISO dates in the tables."""


def make_case(**changes) -> Case:
    """A fictional lead mediation case held on 2025-03-20, with any fields changed."""
    raw = dict(
        ref="SM-2025-001",
        kind="mediation",
        role="lead",
        date="2025-03-20",
        prep_hours=1,
        meeting_hours=3,
        followup_hours=1,
        outcome="agreement",
    )
    return Case.from_dict({**raw, **changes})


FULL_TIMELINE = dict(
    decision_notice="2025-02-03",
    adviser_contacted="2025-02-10",
    la_informed="2025-02-12",
    health_care=True,
    health_commissioner_told="2025-02-14",
    date_fixed="2025-02-20",
    parties_notified="2025-03-10",
    mediation_concluded="2025-03-20",
    certificate_issued="2025-03-25",
    agreement_reached="2025-03-20",
)
"""A complete, on-time timeline for `make_case`."""


def by_event(case: Case, today: date) -> dict[str, Deadline]:
    """A case's deadlines keyed by event."""
    return {item.event: item for item in case_deadlines(case, today)}


WORKING_DAYS = [
    ("Good Friday and Easter Monday", "2025-04-17", 3, "2025-04-24"),
    ("Christmas, Boxing Day and substitute 28 Dec", "2026-12-24", 3, "2026-12-31"),
    ("a weekend", "2025-03-07", 3, "2025-03-12"),
    ("state funeral 2022-09-19", "2022-09-16", 3, "2022-09-22"),
    ("coronation 2023-05-08", "2023-05-05", 1, "2023-05-09"),
    ("substitute New Year 2022-01-03", "2021-12-31", 1, "2022-01-04"),
    ("backwards across Easter", "2025-04-25", -5, "2025-04-16"),
    ("backwards across a weekend", "2025-03-10", -1, "2025-03-07"),
    ("zero from a Saturday", "2025-03-08", 0, "2025-03-10"),
    ("zero from a working day", "2025-03-11", 0, "2025-03-11"),
]
"""(why, start, n, expected): working days checked against a calendar."""


@pytest.mark.parametrize(("why", "start", "n", "expected"), WORKING_DAYS, ids=[row[0] for row in WORKING_DAYS])
def test_add_working_days(why, start, n, expected):
    """Working days skip weekends and England's bank holidays, one-off ones included."""
    assert add_working_days(D(start), n) == D(expected)


def test_bank_holidays_are_england_and_built_once():
    """The calendar is England's (no St Andrew's Day, no 2 January) and is the same object each time."""
    assert bank_holidays() is bank_holidays()
    assert not is_working_day(D("2025-04-18")) and not is_working_day(D("2025-08-25"))
    assert is_working_day(D("2025-11-28")) and is_working_day(D("2026-01-02"))


MONTHS = [
    ("2 months from 31 Dec (non-leap)", "2024-12-31", 2, "2025-02-28"),
    ("2 months from 31 Dec (leap)", "2023-12-31", 2, "2024-02-29"),
    ("31 Jan + 1 month", "2025-01-31", 1, "2025-02-28"),
    ("31 Jan + 1 month (leap)", "2024-01-31", 1, "2024-02-29"),
    ("ordinary day", "2025-03-15", 2, "2025-05-15"),
    ("across a year end", "2025-11-30", 2, "2026-01-30"),
    ("31 Aug + 1 month", "2025-08-31", 1, "2025-09-30"),
    ("backwards to February", "2025-03-31", -1, "2025-02-28"),
]
"""(why, start, n, expected): calendar months, ending on a shorter month's last day."""


@pytest.mark.parametrize(("why", "start", "n", "expected"), MONTHS, ids=[row[0] for row in MONTHS])
def test_add_months(why, start, n, expected):
    """A month later is the same day number, or the month's last day when it has fewer days."""
    assert add_months(D(start), n) == D(expected)


TRIBUNAL_MOVES = [
    ("mid August", "2025-08-15", "2025-09-01"),
    ("August, 31 Aug is the bank holiday", "2026-08-03", "2026-09-01"),
    ("Christmas Day", "2025-12-25", "2026-01-02"),
    ("28 Dec, 1 Jan a Saturday, 3 Jan substitute", "2021-12-28", "2022-01-04"),
    ("1 January", "2026-01-01", "2026-01-02"),
    ("24 December is a working day", "2025-12-24", "2025-12-24"),
    ("a Saturday", "2025-04-26", "2025-04-28"),
    ("Good Friday", "2025-04-18", "2025-04-22"),
    ("31 July stays", "2025-07-31", "2025-07-31"),
    ("1 September stays", "2025-09-01", "2025-09-01"),
]
"""(why, raw deadline, where it really ends) under HESC Rules r.12(2)-(3)."""


@pytest.mark.parametrize(("why", "raw", "expected"), TRIBUNAL_MOVES, ids=[row[0] for row in TRIBUNAL_MOVES])
def test_tribunal_move(why, raw, expected):
    """Deadlines in 25 Dec-1 Jan, in August or on a non-working day move as r.12 says."""
    assert tribunal_move(D(raw)) == D(expected)


APPEALS = [
    ("2 months lands in August", "2025-06-15", None, "2025-09-01"),
    ("2 months lands on Christmas Day", "2025-10-25", None, "2026-01-02"),
    ("2 months lands on New Year's Eve", "2024-10-31", None, "2025-01-02"),
    ("certificate later, lands on a Saturday", "2025-02-03", "2025-03-26", "2025-04-28"),
    ("decision notice later", "2025-01-10", "2025-01-20", "2025-03-10"),
    ("certificate month lands on 31 Aug", "2025-05-01", "2025-07-31", "2025-09-01"),
]
"""(why, decision notice, certificate, appeal deadline)."""


@pytest.mark.parametrize(("why", "notice", "certificate", "expected"), APPEALS, ids=[row[0] for row in APPEALS])
def test_appeal_deadline(why, notice, certificate, expected):
    """The later of notice + 2 months and certificate + 1 month, then moved per r.12."""
    assert appeal_deadline(D(notice), D(certificate) if certificate else None) == D(expected)


def test_full_on_time_timeline():
    """A complete on-time case: every deadline that applies, with hand-checked due dates."""
    found = by_event(make_case(**FULL_TIMELINE), D("2025-04-01"))
    expected = {
        "parent contacts mediation adviser": ("2025-04-03", "met"),
        "mediation held": ("2025-03-14", "missed"),
        "health commissioner told": ("2025-02-17", "met"),
        "parties told of mediation date": ("2025-03-13", "met"),
        "certificate after mediation": ("2025-03-25", "met"),
        "tribunal appeal deadline": ("2025-04-25", "due"),
        "LA acts on agreement": ("2025-04-03", "due"),
        "health body tells LA": ("2025-03-27", "passed"),
    }
    assert {event: (item.due.isoformat(), item.status) for event, item in found.items()} == expected


CERTIFICATE_STATUSES = [
    ("met on the day", "2025-03-25", "2025-04-01", "met", "2025-03-25"),
    ("missed by a day", "2025-03-26", "2025-04-01", "missed", "2025-03-26"),
    ("due on the day", None, "2025-03-25", "due", None),
    ("overdue the day after", None, "2025-03-26", "overdue", None),
    ("done after --today counts as not yet done", "2025-03-26", "2025-03-24", "due", None),
]
"""(why, certificate issued, today, status, done) for the certificate after a mediation ending 2025-03-20."""


@pytest.mark.parametrize(
    ("why", "issued", "today", "status", "done"), CERTIFICATE_STATUSES, ids=[row[0] for row in CERTIFICATE_STATUSES]
)
def test_certificate_statuses(why, issued, today, status, done):
    """Met, missed, due and overdue for one working-day deadline (due Tue 2025-03-25)."""
    case = make_case(decision_notice="2025-02-03", mediation_concluded="2025-03-20", certificate_issued=issued)
    item = by_event(case, D(today))["certificate after mediation"]
    assert (item.due, item.status, item.done) == (D("2025-03-25"), status, D(done) if done else None)


def test_unknown_when_a_date_is_missing():
    """A held mediation with no conclusion date, or a health case with no LA date: unknown, no due date."""
    found = by_event(make_case(decision_notice="2025-02-03", health_care=True), D("2025-04-01"))
    for event in ("certificate after mediation", "health commissioner told", "mediation held"):
        assert (found[event].due, found[event].status) == (None, "unknown")


def test_every_status_occurs():
    """Across a few cases, each of the five statuses appears."""
    cases = [
        make_case(**FULL_TIMELINE),
        make_case(ref="SM-2", decision_notice="2025-02-03", mediation_concluded="2025-03-20"),
        make_case(ref="SM-3", decision_notice="2025-03-01"),
    ]
    assert {item.status for item in all_deadlines(cases, D("2025-04-01"))} == set(STATUSES)


def test_declined_case_has_only_its_deadlines():
    """Mediation not wanted: the adviser's certificate, no meeting deadlines."""
    case = make_case(
        outcome="not-held",
        decision_notice="2025-02-03",
        adviser_contacted="2025-02-10",
        mediation_declined="2025-02-10",
        certificate_issued="2025-02-14",
    )
    found = by_event(case, D("2025-03-01"))
    assert set(found) == {
        "parent contacts mediation adviser",
        "certificate: mediation not wanted",
        "tribunal appeal deadline",
    }
    assert (found["certificate: mediation not wanted"].due, found["certificate: mediation not wanted"].status) == (
        D("2025-02-13"),
        "missed",
    )
    assert found["tribunal appeal deadline"].due == D("2025-04-03")


def test_la_unable_to_arrange():
    """LA cannot arrange within 30 days: the adviser's certificate is due, and the 30 days were missed."""
    case = make_case(
        outcome="not-held",
        decision_notice="2025-02-03",
        la_informed="2025-02-05",
        la_unable_to_arrange="2025-03-07",
        certificate_issued="2025-03-12",
    )
    found = by_event(case, D("2025-03-20"))
    assert (found["certificate: LA cannot arrange"].due, found["certificate: LA cannot arrange"].status) == (
        D("2025-03-12"),
        "met",
    )
    assert (found["mediation held"].due, found["mediation held"].status) == (D("2025-03-07"), "missed")
    assert "certificate after mediation" not in found and "LA acts on agreement" not in found


def test_parties_told_five_working_days_before_across_easter():
    """A meeting on Fri 2025-04-25: parties told by Wed 2025-04-16 (Easter Monday and Good Friday skipped)."""
    case = make_case(
        date="2025-04-25",
        mediation_concluded="2025-04-25",
        la_informed="2025-04-01",
        date_fixed="2025-04-07",
        parties_notified="2025-04-17",
    )
    item = by_event(case, D("2025-04-14"))["parties told of mediation date"]
    assert (item.due, item.status, item.done) == (D("2025-04-16"), "due", None)
    assert by_event(case, D("2025-05-01"))["parties told of mediation date"].status == "missed"


APPEAL_STATUSES = [
    ("before the 2-month date, no certificate", None, "2025-03-01", "2025-04-03", "due"),
    ("2-month date passed, no certificate yet", None, "2025-04-04", None, "unknown"),
    ("with certificate, open", "2025-03-25", "2025-04-25", "2025-04-25", "due"),
    ("with certificate, passed", "2025-03-25", "2025-04-26", "2025-04-25", "passed"),
]
"""(why, certificate, today, due, status): the family's appeal deadline is never overdue."""


@pytest.mark.parametrize(
    ("why", "certificate", "today", "due", "status"), APPEAL_STATUSES, ids=[row[0] for row in APPEAL_STATUSES]
)
def test_appeal_status_is_informational(why, certificate, today, due, status):
    """Due while open, passed (never met) once gone by, unknown while it still depends on a certificate."""
    case = make_case(decision_notice="2025-02-03", mediation_concluded="2025-03-20", certificate_issued=certificate)
    item = by_event(case, D(today))["tribunal appeal deadline"]
    assert (item.due, item.status, item.done) == (D(due) if due else None, status, None)


def test_agreement_duties_reg_42():
    """LA acts within 2 weeks; a health body not party tells the LA within 1 week; never overdue."""
    case = make_case(decision_notice="2025-02-03", health_care=True, agreement_reached="2025-03-20")
    found = by_event(case, D("2025-03-28"))
    assert (found["LA acts on agreement"].due, found["LA acts on agreement"].status) == (D("2025-04-03"), "due")
    assert (found["health body tells LA"].due, found["health body tells LA"].status) == (D("2025-03-27"), "passed")
    without_health = by_event(case.with_changes(health_care=False), D("2025-03-28"))
    assert "health body tells LA" not in without_health and "health commissioner told" not in without_health


def test_cases_without_a_timeline_have_no_deadlines():
    """No timeline dates, or disagreement resolution: nothing to track."""
    assert case_deadlines(make_case(), D("2025-04-01")) == []
    assert case_deadlines(make_case(kind="disagreement-resolution", **FULL_TIMELINE), D("2025-04-01")) == []


def test_all_deadlines_order_and_upcoming():
    """Overdue first (oldest first), then due by date, then the rest; upcoming keeps only due."""
    cases = [
        make_case(**FULL_TIMELINE),
        make_case(ref="SM-2", decision_notice="2025-02-03", mediation_concluded="2025-03-20"),
    ]
    found = all_deadlines(cases, D("2025-04-01"))
    ranks = [("overdue", "due", "missed", "unknown", "met", "passed").index(item.status) for item in found]
    assert ranks == sorted(ranks) and found[0].status == "overdue"
    due = [item.due for item in found if item.status == "due"]
    assert due == sorted(due)
    assert [item.status for item in upcoming(found)] == ["due"] * len(due)


def test_to_dict_shape():
    """Exactly the keys of docs/ARCHITECTURE.md, "Formats", dates as ISO text or null."""
    item = by_event(make_case(decision_notice="2025-02-03"), D("2025-02-05"))["parent contacts mediation adviser"]
    assert item.to_dict() == {
        "case": "SM-2025-001",
        "event": "parent contacts mediation adviser",
        "due": "2025-04-03",
        "done": None,
        "status": "due",
        "rule": item.rule,
        "source": "SEND Regulations 2014 reg 33",
    }


def test_every_rule_is_cited_and_reads_real_fields():
    """Each rule has words and a source, distinct events, and names only real case dates."""
    names = {spec.name for spec in dataclasses.fields(Case)}
    assert len({rule.event for rule in RULES}) == len(RULES) == len({rule.id for rule in RULES})
    for rule in RULES:
        assert rule.rule and rule.source and rule.start in names and (rule.done is None or rule.done in names)
    readings = [rule.id for rule in RULES if "advice services' reading" in rule.source]
    assert {"declined-certificate", "parties-notified", "unable-certificate", "concluded-certificate"} <= set(readings)


@given(st.dates(min_value=date(1975, 1, 1), max_value=date(2095, 12, 31)), st.integers(min_value=-20, max_value=20))
def test_working_days_property(start, n):
    """The result is a working day with exactly |n| working days between it and the start."""
    end = add_working_days(start, n)
    assert is_working_day(end)
    if n > 0:
        assert sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1)) == n
    elif n < 0:
        assert sum(is_working_day(end + timedelta(days=i)) for i in range((start - end).days)) == -n
    else:
        assert all(not is_working_day(start + timedelta(days=i)) for i in range((end - start).days))


@given(st.dates(min_value=date(1975, 1, 1), max_value=date(2095, 12, 31)), st.integers(min_value=-24, max_value=24))
def test_add_months_property(start, n):
    """The month moves by n; the day is kept, or is the month's last when the month is shorter."""
    end = add_months(start, n)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == n
    assert end.day == start.day or (end.day < start.day and (end + timedelta(days=1)).day == 1)


def test_core_imports_no_shell():
    """timescales is pure: importing it loads no click, tinydb, textual or weasyprint."""
    code = "import sys, sendfolio.domain.timescales; print(sorted({m.split('.')[0] for m in sys.modules} & {'click', 'tinydb', 'textual', 'weasyprint'}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr
