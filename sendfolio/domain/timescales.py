"""Statutory timescales around SEND mediation in England (docs/ARCHITECTURE.md, "Timescales"), as data.

Each `DeadlineRule` keeps its rule in words and its citation together; `case_deadlines`
derives, from a case's timeline dates, the deadlines that apply to it and their status
as of a given day:

- ``met``: done on or before the due date;
- ``missed``: done after the due date (or can no longer be done, e.g. a mediation
  that was never held);
- ``overdue``: not done and the due date has passed;
- ``due``: not done and the due date is today or later;
- ``unknown``: a date the deadline depends on is missing from the case.

Readings chosen (so the user can see what was assumed):

- Only cases of kind ``mediation`` that carry at least one timeline date have
  deadlines: disagreement resolution has no statutory timescales, and a case logged
  without any timeline date is one whose timeline the mediator does not track.
- Dates are read "as of" the given day: a done date later than that day counts as
  not yet done, so `--today` in the past shows the position on that day.
- Deadlines that are another party's and whose completion the case does not record
  (the family's tribunal appeal, the LA's and a health body's duties after an
  agreement) are for information: ``due`` until the date passes, then ``passed``,
  meaning "the date has gone by; nothing is outstanding for the mediator". They are
  never ``overdue`` against the mediator, and never ``met``: nobody recorded them done.
- The tribunal appeal deadline, while no certificate is recorded, is the 2-month
  date from the decision notice; once that date has passed without a certificate it
  is ``unknown`` (it depends on the certificate date).
- A mediation counts as held (or to be held) unless its status is ``not-held``.

Working days exclude Saturdays, Sundays and England's bank holidays
(`sendfolio.domain.bank_holidays`), built once for the years a record can hold.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from sendfolio.domain.bank_holidays import england_bank_holidays
from sendfolio.domain.fields import EARLIEST_DATE, LATEST_DATE
from sendfolio.domain.records import TIMELINE_DATES, Case

STATUSES = ("met", "due", "overdue", "missed", "unknown", "passed")
"""Every status a deadline can have ("passed": another party's date has gone by, for information only)."""

PROCESS_STATUSES = STATUSES[:-1]
"""The statuses of the deadlines the mediation process keeps (counted); "passed" is never one of them."""

STATUS_ORDER = {"overdue": 0, "due": 1, "missed": 2, "unknown": 3, "met": 4, "passed": 5}
"""How `all_deadlines` orders statuses: what needs action first."""

ADVICE_SERVICES = "advice services' reading (IPSEA, SENDIASS)"
"""How a source reads when the timescale comes from advice services rather than a regulation's text."""

CALENDAR_YEARS = range(EARLIEST_DATE.year - 1, LATEST_DATE.year + 2)
"""Years the bank-holiday calendar covers: every year a record's date (plus a deadline) can fall in."""


@cache
def bank_holidays() -> dict[date, str]:
    """England's bank holidays (date: name) for every year a record can hold, built once."""
    return england_bank_holidays(CALENDAR_YEARS)


def is_working_day(day: date) -> bool:
    """True unless the day is a Saturday, Sunday or an England bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays()


def non_working_reason(day: date) -> str:
    """Why `day` is not a working day in England ("Saturday", "Good Friday"), or "" when it is one."""
    if day.weekday() >= 5:
        return calendar.day_name[day.weekday()]
    return bank_holidays().get(day, "")


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after `day` (before it when n is negative; n=0: `day` or the next working day)."""
    step = timedelta(days=1 if n >= 0 else -1)
    for _ in range(abs(n) or 1):
        if n:
            day += step
        while not is_working_day(day):
            day += step
    return day


def add_months(day: date, n: int) -> date:
    """The same day n calendar months later (or earlier), or that month's last day when it is shorter."""
    years, month_index = divmod(day.month - 1 + n, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def tribunal_move(day: date) -> date:
    """Where a tribunal time limit ending on `day` really ends (HESC Rules 2008 r.12(2)-(3)).

    25 December to 1 January: the first working day after 1 January; in August: the first
    working day after 31 August; any other non-working day: the next working day.
    """
    if (day.month, day.day) >= (12, 25):
        return add_working_days(date(day.year + 1, 1, 1), 1)
    if (day.month, day.day) == (1, 1):
        return add_working_days(day, 1)
    if day.month == 8:
        return add_working_days(date(day.year, 8, 31), 1)
    return add_working_days(day, 0)


def appeal_deadline(decision_notice: date, certificate: date | None) -> date:
    """The later of 2 months from the decision notice and 1 month from the certificate, moved per r.12."""
    latest = add_months(decision_notice, 2)
    if certificate is not None:
        latest = max(latest, add_months(certificate, 1))
    return tribunal_move(latest)


@dataclass(frozen=True)
class Period:
    """A time allowed: an amount of calendar months, calendar days or working days (negative: before)."""

    amount: int
    unit: str

    def after(self, start: date) -> date:
        """The date this period after (or, when negative, before) `start`."""
        if self.unit == "months":
            return add_months(start, self.amount)
        if self.unit == "working days":
            return add_working_days(start, self.amount)
        return start + timedelta(days=self.amount)


@dataclass(frozen=True)
class Deadline:
    """One statutory deadline of one case, with its status as of a day, its rule and its source."""

    case: str
    event: str
    due: date | None
    done: date | None
    status: str
    rule: str
    source: str
    entered: date | None = None
    """The date the case holds for the step when it is after the day judged: entered, not yet come
    (so not done; a screen shows it as entered rather than due)."""

    @property
    def to_come(self) -> date | None:
        """The date entered for the step, when that date is still to come."""
        return self.entered if self.done is None else None

    @property
    def entered_in_time(self) -> bool:
        """True for a step still due whose date is entered, still to come and on or before its deadline: planned
        in time (entered for a day after the deadline, it stays due)."""
        return self.to_come is not None and self.status == "due" and self.due is not None and self.to_come <= self.due

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of docs/ARCHITECTURE.md, "Formats": dates as ISO text or null."""
        return {
            "case": self.case,
            "event": self.event,
            "due": self.due.isoformat() if self.due else None,
            "done": self.done.isoformat() if self.done else None,
            "status": self.status,
            "rule": self.rule,
            "source": self.source,
        }


def _never(case: Case) -> bool:
    """A rule whose event can always still happen."""
    return False


@dataclass(frozen=True)
class DeadlineRule:
    """One statutory timescale: what it is, where it comes from, and how to read it from a case.

    `start` names the case date the time runs from, `done` the case date showing it was
    done (None: the case does not record it, so the rule is for information). `applies`
    says whether the rule concerns a case (as of a day); `closed` whether its event can no
    longer happen; `due_rule` replaces the plain "start + period" when the rule needs more.
    """

    id: str
    event: str
    rule: str
    source: str
    start: str
    period: Period
    done: str | None
    applies: Callable[[Case, date], bool]
    closed: Callable[[Case], bool] = _never
    due_rule: Callable[[Case, date], date | None] | None = None

    @property
    def informational(self) -> bool:
        """True for another party's deadline whose completion the case does not record."""
        return self.done is None

    def due_date(self, case: Case, today: date) -> date | None:
        """The due date for this case, or None when a date it depends on is missing."""
        if self.due_rule is not None:
            return self.due_rule(case, today)
        start = getattr(case, self.start)
        return self.period.after(start) if start else None

    def done_date(self, case: Case, today: date) -> date | None:
        """When the case shows this was done, counting only dates up to `today`."""
        if self.done is None or self.closed(case):
            return None
        done = getattr(case, self.done)
        return done if done and done <= today else None


def _held(case: Case) -> bool:
    """True when the mediation meeting was (or is to be) held."""
    return case.status != "not-held"


def _not_held(case: Case) -> bool:
    """True when the mediation meeting was not held, so it can no longer be held in time."""
    return not _held(case)


def _always(case: Case, today: date) -> bool:
    """Every tracked mediation case."""
    return True


def _declined(case: Case, today: date) -> bool:
    """The parent or young person told the adviser they do not want mediation."""
    return case.mediation_declined is not None


def _wanted(case: Case, today: date) -> bool:
    """Mediation was not declined."""
    return case.mediation_declined is None


def _health_wanted(case: Case, today: date) -> bool:
    """Mediation was wanted and health care is among its issues."""
    return case.health_care and _wanted(case, today)


def _meeting_planned(case: Case, today: date) -> bool:
    """Mediation was wanted and its date fixed (or the meeting held)."""
    return _wanted(case, today) and (case.date_fixed is not None or _held(case))


def _la_unable(case: Case, today: date) -> bool:
    """The LA said it cannot arrange mediation within 30 days."""
    return case.la_unable_to_arrange is not None


def _concluded(case: Case, today: date) -> bool:
    """The mediation concluded, or its meeting has taken place by `today`."""
    return case.mediation_concluded is not None or _has_met(case, today)


def _has_met(case: Case, today: date) -> bool:
    """True when the mediation meeting has taken place by `today`."""
    return _held(case) and case.mediation_declined is None and case.date <= today


def _agreed(case: Case, today: date) -> bool:
    """True when an agreement was recorded, or the case ended in (partial) agreement by `today`."""
    return case.agreement_reached is not None or (
        case.outcome in ("agreement", "partial-agreement") and case.date <= today
    )


def _health_agreed(case: Case, today: date) -> bool:
    """An agreement was reached in a case where health care is among the issues."""
    return case.health_care and _agreed(case, today)


def _appeal_due(case: Case, today: date) -> date | None:
    """The appeal deadline; without a certificate, the 2-month date until it passes, then unknown."""
    if case.decision_notice is None:
        return None
    certificate = case.certificate_issued if case.certificate_issued and case.certificate_issued <= today else None
    due = appeal_deadline(case.decision_notice, certificate)
    return due if certificate or today <= due else None


RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "adviser-contact",
        "parent contacts mediation adviser",
        "The parent or young person contacts the mediation adviser within 2 months after the LA's decision "
        "notice was sent, to say they wish to appeal and whether they want mediation.",
        "SEND Regulations 2014 reg 33",
        "decision_notice",
        Period(2, "months"),
        "adviser_contacted",
        _always,
    ),
    DeadlineRule(
        "declined-certificate",
        "certificate: mediation not wanted",
        "The mediation adviser issues a certificate within 3 working days of being told the parent or young "
        "person does not want mediation.",
        "SEND Regulations 2014 reg 34; " + ADVICE_SERVICES,
        "mediation_declined",
        Period(3, "working days"),
        "certificate_issued",
        _declined,
    ),
    DeadlineRule(
        "mediation-held",
        "mediation held",
        "The LA ensures the mediation takes place within 30 days of being told the parent or young person "
        "wants it (done: the mediation date).",
        "SEND Regulations 2014 (IPSEA reading)",
        "la_informed",
        Period(30, "days"),
        "date",
        _wanted,
        closed=_not_held,
    ),
    DeadlineRule(
        "health-commissioner",
        "health commissioner told",
        "When health care is among the mediation issues, the LA tells the health commissioning body (ICB) "
        "within 3 working days of being told the parent or young person wants mediation.",
        "SEND Regulations 2014 (IPSEA reading)",
        "la_informed",
        Period(3, "working days"),
        "health_commissioner_told",
        _health_wanted,
    ),
    DeadlineRule(
        "parties-notified",
        "parties told of mediation date",
        "Once the mediation date is fixed, the parties are told at least 5 working days before it "
        "(due: the 5th working day before the meeting), unless they agree otherwise.",
        ADVICE_SERVICES,
        "date",
        Period(-5, "working days"),
        "parties_notified",
        _meeting_planned,
    ),
    DeadlineRule(
        "unable-certificate",
        "certificate: LA cannot arrange",
        "When the LA cannot arrange mediation within 30 days, the mediation adviser issues a certificate "
        "within 3 working days of being told.",
        ADVICE_SERVICES,
        "la_unable_to_arrange",
        Period(3, "working days"),
        "certificate_issued",
        _la_unable,
    ),
    DeadlineRule(
        "concluded-certificate",
        "certificate after mediation",
        "The mediator issues a certificate within 3 working days of the mediation concluding.",
        ADVICE_SERVICES,
        "mediation_concluded",
        Period(3, "working days"),
        "certificate_issued",
        _concluded,
    ),
    DeadlineRule(
        "tribunal-appeal",
        "tribunal appeal deadline",
        "For information (the family's deadline, not the mediator's): appeal by the later of 2 months from "
        "the decision notice and 1 month from the certificate; a date falling 25 December-1 January or in "
        "August moves to the first working day after 1 January / 31 August, any other non-working day to "
        "the next working day. Shown as due until it passes, then as passed; never counted as met.",
        "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.20(1)(c), r.12(2)-(3)",
        "decision_notice",
        Period(2, "months"),
        None,
        _always,
        due_rule=_appeal_due,
    ),
    DeadlineRule(
        "la-acts-on-agreement",
        "LA acts on agreement",
        "For information (the LA's duty): after an agreement, the LA does what it agreed on matters that "
        "cannot be appealed within 2 weeks. Shown as due until it passes, then as passed; never counted as met.",
        "SEND Regulations 2014 reg 42",
        "agreement_reached",
        Period(14, "days"),
        None,
        _agreed,
    ),
    DeadlineRule(
        "health-body-tells-la",
        "health body tells LA",
        "For information (the health body's duty): when the agreement needs a health commissioning body "
        "that was not party to the mediation, it tells the LA within 1 week what it will do. Shown as due "
        "until it passes, then as passed; never counted as met.",
        "SEND Regulations 2014 reg 42",
        "agreement_reached",
        Period(7, "days"),
        None,
        _health_agreed,
    ),
)
"""Every statutory timescale of docs/ARCHITECTURE.md, "Timescales", each with its rule in words and its citation."""


INFORMATIONAL_EVENTS = frozenset(rule.event for rule in RULES if rule.informational)
"""Events that are another party's deadline, shown for information (never overdue against the mediator)."""


def is_informational(deadline: Deadline) -> bool:
    """True when a deadline is another party's, shown for information only."""
    return deadline.event in INFORMATIONAL_EVENTS


def tracks_timeline(case: Case) -> bool:
    """True for a mediation case that records at least one timeline date."""
    return case.kind == "mediation" and any(getattr(case, name) for name in TIMELINE_DATES)


def status_of(rule: DeadlineRule, due: date | None, done: date | None, closed: bool, today: date) -> str:
    """The status of one deadline as of `today` (see the module notes)."""
    if due is None:
        return "unknown"
    if rule.informational:
        return "passed" if today > due else "due"
    if done is not None:
        return "met" if done <= due else "missed"
    if today > due:
        return "missed" if closed else "overdue"
    return "due"


def deadline_for(rule: DeadlineRule, case: Case, today: date) -> Deadline:
    """One rule applied to one case as of `today`."""
    due = rule.due_date(case, today)
    done = rule.done_date(case, today)
    status = status_of(rule, due, done, rule.closed(case), today)
    entered = getattr(case, rule.done) if rule.done and not rule.closed(case) else None
    ahead = entered if entered is not None and entered > today else None
    return Deadline(case.ref, rule.event, due, done, status, rule.rule, rule.source, ahead)


def case_deadlines(case: Case, today: date) -> list[Deadline]:
    """The deadlines that apply to one case, in the order of the rules, with their status as of `today`."""
    if not tracks_timeline(case):
        return []
    return [deadline_for(rule, case, today) for rule in RULES if rule.applies(case, today)]


def _order(deadline: Deadline) -> tuple:
    """Sort key: overdue, then due, then the rest; each by due date (missing last), then case."""
    return (STATUS_ORDER[deadline.status], deadline.due or date.max, deadline.case, deadline.event)


def all_deadlines(cases: Iterable[Case], today: date) -> list[Deadline]:
    """Every case's deadlines: overdue first, then due by date, then missed, unknown and met."""
    return sorted((item for case in cases for item in case_deadlines(case, today)), key=_order)


def upcoming(deadlines: Iterable[Deadline]) -> list[Deadline]:
    """The deadlines still to come (status due), soonest first."""
    return sorted((item for item in deadlines if item.status == "due"), key=_order)
