"""Re-registration: the rules judged on one registration year. Pure."""

from __future__ import annotations

from datetime import date
from typing import Any

from sendfolio.domain.records import FolioData
from sendfolio.domain.standards import RULE_SET
from sendfolio.domain.wording import count, hours_text, hours_words, short_date, span
from sendfolio.rules.evidence import counts_as_held, left_out_text
from sendfolio.rules.results import RenewalReport, Requirement, at_least, result
from sendfolio.rules.years import in_period, registration_year

# ---------------------------------------------------------------- renewal


def cpd_totals(data: FolioData, year: int) -> dict[str, Any]:
    """CPD hours of one registration year: {"total": hours, "by_method": {method: hours}}."""
    start, end = registration_year(data.profile, year)
    by_method: dict[str, float] = {}
    for entry in data.cpd:
        if in_period(entry.date, start, end):
            by_method[entry.method] = round(by_method.get(entry.method, 0.0) + entry.hours, 2)
    return {"total": round(sum(by_method.values()), 2), "by_method": by_method}


def renewal_cpd_hours(data: FolioData, start: date, end: date) -> Requirement:
    """renewal.cpd-hours: 20 hours of CPD in the registration year."""
    need = RULE_SET.threshold("renewal.cpd-hours")
    total = round(sum(entry.hours for entry in data.cpd if in_period(entry.date, start, end)), 2)
    detail = f"{hours_text(total)} of {hours_text(need)} hours of CPD from {short_date(start)} to {short_date(end)}."
    return result(
        "renewal.cpd-hours",
        f"{hours_text(need)} hours",
        hours_words(total),
        at_least(total, need),
        detail,
        (need, total),
    )


def cpd_target(data: FolioData, year: int) -> Requirement:
    """renewal.cpd-hours judged on registration year `year`: the CPD diary's hours against the year's target."""
    start, end = registration_year(data.profile, year)
    return renewal_cpd_hours(data, start, end)


def renewal_cases(data: FolioData, start: date, end: date, as_of: date) -> Requirement:
    """renewal.cases: 3 cases co-mediated or led and held in the registration year, by `as_of` (a case
    marked held but dated after it is left out, and said to be)."""
    need = RULE_SET.threshold("renewal.cases")
    in_year = [case for case in data.cases if in_period(case.date, start, end)]
    counted = [case for case in in_year if case.is_active and counts_as_held(case, as_of)]
    left_out = left_out_text(in_year, as_of=as_of)
    have = f"{count(len(counted), 'case')} held" + (f"; not counted: {left_out}" if left_out else "")
    detail = f"{len(counted)} of {hours_text(need)} cases co-mediated or led and held from {span(start, end)}"
    detail += f"; not counted: {left_out}." if left_out else "."
    return result(
        "renewal.cases", f"{hours_text(need)} cases", have, len(counted) >= need, detail, (need, float(len(counted)))
    )


def renewal_supervision(data: FolioData, start: date, end: date) -> Requirement:
    """renewal.supervision: a PPC session or supervision CPD entry in the registration year."""
    need = RULE_SET.threshold("renewal.supervision")
    sessions = [item for item in data.ppc_sessions if in_period(item.date, start, end)]
    entries = [item for item in data.cpd if item.method == "supervision" and in_period(item.date, start, end)]
    found = len(sessions) + len(entries)
    have = f"{count(len(sessions), 'PPC session')}, {count(len(entries), 'supervision CPD entry', 'supervision CPD entries')}"
    detail = f"No PPC session or supervision recorded from {short_date(start)} to {short_date(end)}."
    return result(
        "renewal.supervision",
        "mentoring support or supervision accessed",
        have,
        found >= need,
        detail,
        (need, float(found)),
    )


LEARNING_METHODS = ("training", "refresher")
"""CPD methods that are additional learning or refresher training (§1.5.1)."""


def renewal_learning(data: FolioData, start: date, end: date) -> Requirement:
    """renewal.learning: additional learning or refresher training in the registration year (§1.5.1)."""
    entries = [item for item in data.cpd if item.method in LEARNING_METHODS and in_period(item.date, start, end)]
    courses = [item for item in data.training if item.kind == "refresher" and in_period(item.date, start, end)]
    hours = round(sum(item.hours for item in entries) + sum(item.hours for item in courses), 2)
    found = len(entries) + len(courses)
    have = (
        f"{count(found, 'training or refresher entry', 'training or refresher entries')}, {hours_words(hours)}"
        if found
        else "none recorded"
    )
    detail = f"No additional learning or refresher training recorded from {span(start, end)}."
    return result(
        "renewal.learning",
        "additional learning or refresher training",
        have,
        found >= 1,
        detail,
        (1.0, float(min(found, 1))),
    )


RENEWAL_RULES = (renewal_cpd_hours, renewal_cases, renewal_supervision, renewal_learning)
"""The annual re-registration rules, in the order of the rule set."""


def renewal(data: FolioData, year: int, as_of: date) -> RenewalReport:
    """Every re-registration rule judged on the registration year beginning in `year`, as of `as_of`
    (the day whose cases can have been held)."""
    start, end = registration_year(data.profile, year)
    found = (
        renewal_cpd_hours(data, start, end),
        renewal_cases(data, start, end, as_of),
        renewal_supervision(data, start, end),
        renewal_learning(data, start, end),
    )
    return RenewalReport(met=all(item.met for item in found), requirements=found, year_start=start, year_end=end)
