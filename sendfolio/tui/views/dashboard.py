"""What the Dashboard shows, worked out from the folio by the rules: `dashboard_view(data, today, entered)`.

A frozen `DashboardView` (requirements, renewal, deadlines, breaches, recent entries, open
learning needs), computed in the Dashboard's worker and shown by `screens/dashboard.py`; and
`area_for_rule`, the area whose screen fixes a requirement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sendfolio.domain.wording import days_until, hours_text, short_date, span, words

if TYPE_CHECKING:  # imported where used: the rules and records load after the first paint
    from sendfolio import rules
    from sendfolio.domain import timescales
    from sendfolio.domain.records import FolioData, Record

RULE_AREAS = (
    ("foundation.", "profile"),
    ("send-training.", "profile"),
    ("membership.", "profile"),
    ("practice.reflection-hours", "reflections"),
    ("practice.criteria-coverage", "coverage"),
    ("practice.", "cases"),
    ("ppc.", "ppc"),
    ("renewal.cpd-hours", "cpd"),
    ("renewal.cases", "cases"),
    ("renewal.supervision", "ppc"),
    ("renewal.learning", "cpd"),
    ("passport.cpd", "cpd"),
    ("passport.", "profile"),
)
"""(rule id prefix, area): where the mediator goes to fix a requirement; first match wins."""

DEADLINES_SHOWN = 8
"""How many deadlines the dashboard lists."""

RECENT_SHOWN = 6
"""How many recent entries the dashboard lists."""


def area_for_rule(rule_id: str) -> str:
    """The area whose screen fixes a requirement."""
    return next((area for prefix, area in RULE_AREAS if rule_id.startswith(prefix)), "dashboard")


@dataclass(frozen=True)
class DashboardView:
    """Everything the dashboard shows, worked out by the rules."""

    title: str
    """The heading: route, rule set, how many requirements are met."""
    report: rules.Report
    """Accreditation (or passport) requirements."""
    renewal_title: str
    """The heading of the renewal section (the registration year)."""
    renewal: rules.RenewalReport
    """This registration year's renewal requirements."""
    deadlines: tuple[timescales.Deadline, ...]
    """The next deadlines, overdue first."""
    breaches: tuple[timescales.Deadline, ...]
    """Timescales missed in the past (done late, or no longer possible in time), latest first."""
    renews: str
    """When the registration renews, with the days to it."""
    recent: tuple[tuple[date, str], ...]
    """The entries last added or changed, latest first, as (date, words)."""
    today: date
    """The day the figures are for (deadlines count their days from it)."""
    learning: tuple[tuple[date, bool, str], ...] = ()
    """The open learning needs as (target date, overdue, need), overdue first."""
    practice: tuple[tuple[bool, str], ...] = ()
    """What needs attention in the practice (Appendix D) as (urgent, words): lapses, conduct gaps, responses."""
    has_register: bool = False
    """True once the governance register holds an item."""
    disagreements: tuple[str, ...] = ()
    """Criteria the mediator ticked that an observer's returned form leaves unticked, in words."""
    gaps: tuple[str, ...] = ()
    """Skills and knowledge gaps from de-briefs that no learning need addresses, in words."""


def dashboard_view(data: FolioData, today: date, entered: Sequence[Record] = ()) -> DashboardView:
    """Ask the rules and the timescales for what the dashboard shows; `entered`: records last added or changed."""
    from sendfolio import rules
    from sendfolio.domain import timescales
    from sendfolio.domain.standards import RULE_SET

    passported = data.profile.route == "passported"
    report = rules.passport(data, today) if passported else rules.accreditation(data, today)
    route = "Passported route (Form 5)" if passported else "Accreditation"
    met = sum(item.met for item in report.requirements)
    year = rules.current_registration_year(data.profile, today)
    renewal = rules.renewal(data, year, today)
    every = timescales.all_deadlines(data.cases, today)
    deadlines = [item for item in every if item.status in ("overdue", "due")]
    breaches = sorted((item for item in every if item.status == "missed"), key=breach_order)
    return DashboardView(
        title=f"{route} ({RULE_SET.name}): {met} of {len(report.requirements)} met",
        report=report,
        renewal_title=f"Renewal: registration year {span(renewal.year_start, renewal.year_end)}",
        renewal=renewal,
        deadlines=tuple(deadlines[:DEADLINES_SHOWN]),
        breaches=tuple(breaches[:DEADLINES_SHOWN]),
        renews=renews_text(data, today),
        recent=recent_entries(data, entered, today),
        today=today,
        learning=open_needs(data, today),
        practice=practice_lines(data, today, renewal.year_start, renewal.year_end),
        has_register=bool(data.governance),
        disagreements=tuple(item.words for item in rules.disagreements(data)),
        gaps=tuple(item.words for item in rules.gaps_without_need(data)),
    )


def practice_lines(data: FolioData, today: date, start: date, end: date) -> tuple[tuple[bool, str], ...]:
    """What needs attention in the sole provider's practice, most urgent first, as (urgent, words).

    Lapses and reviews within 60 days (urgent once lapsed), declarations unanswered on the year's held
    cases, feedback responses overdue (urgent) or due, development targets past their review.
    """
    from sendfolio import rules

    lines = [(item.state == "lapsed", item.text) for item in rules.governance_reminders(data, today)]
    lines += [(False, f"Conduct declarations of case {gap.text}") for gap in rules.conduct_gaps(data, start, end)]
    for response in rules.feedback_responses(data, today):
        if response.status in ("overdue", "due"):
            lines.append((response.status == "overdue", response.text))
    lines += [
        (False, f"Development target past its review ({short_date(target.review)}): {target.target}")
        for target in rules.overdue_targets(data, today)
    ]
    return tuple(sorted(lines, key=lambda line: not line[0]))


def open_needs(data: FolioData, today: date) -> tuple[tuple[date, bool, str], ...]:
    """The open learning needs, overdue ones first, then by target date."""
    needs = [(item.due, item.is_overdue(today), item.need) for item in data.learning_plan if item.status == "open"]
    return tuple(sorted(needs, key=lambda item: (not item[1], item[0])))


def breach_order(deadline: timescales.Deadline) -> tuple:
    """Latest breach first: by the day it was done (or due), then case."""
    when = deadline.done or deadline.due or date.min
    return (-when.toordinal(), deadline.case, deadline.event)


def renews_text(data: FolioData, today: date) -> str:
    """The registration renewal date (`rules.renews_on`) in words, with the days to it."""
    from sendfolio import rules

    renews = rules.renews_on(data.profile, today)
    basis = "" if data.profile.registration_anniversary else " (no anniversary in your profile: the calendar year)"
    return f"Registration renews on {short_date(renews)}, {days_until(renews, today)}{basis}."


def entry_words(record: Record) -> str | None:
    """One entry of the folio in a few words, or None for a kind the dashboard does not list."""
    from sendfolio.domain.records import Case, CPDEntry, PPCSession, Reflection, Training

    if isinstance(record, Case):
        hours = f", {hours_text(record.total_hours)} h" if record.total_hours else ""
        state = "" if record.is_held else f" ({words(record.status).lower()})"
        return f"Case {record.ref}: {words(record.role).lower()}, {words(record.kind).lower()}{hours}{state}"
    if isinstance(record, Reflection):
        return f"Reflection: {record.title}"
    if isinstance(record, CPDEntry):
        return f"CPD: {record.title} ({hours_text(record.hours)} h)"
    if isinstance(record, PPCSession):
        return f"PPC session with {record.ppc} ({hours_text(record.hours)} h)"
    if isinstance(record, Training):
        return f"Training: {record.title}"
    return None


def recent_entries(data: FolioData, entered: Sequence[Record], today: date) -> tuple[tuple[date, str], ...]:
    """The entries last added or changed, latest first; filled up with the latest dated up to today."""
    from sendfolio.domain.records import Case, CPDEntry, PPCSession, Reflection, Training

    listed = (Case, Reflection, CPDEntry, PPCSession, Training)  # the kinds `entry_words` words
    shown = [record for record in entered if isinstance(record, listed) and entry_words(record)]
    dated: list[Case | Reflection | CPDEntry | PPCSession | Training] = [
        *data.cases,
        *data.reflections,
        *data.cpd,
        *data.ppc_sessions,
        *data.training,
    ]
    earlier = sorted((item for item in dated if item.date <= today), key=lambda item: item.date, reverse=True)
    shown += [item for item in earlier if item not in shown]
    return tuple((item.date, entry_words(item) or "") for item in shown[:RECENT_SHOWN])
