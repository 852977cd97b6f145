"""The passported route (standards §1.6, Appendix A Form 5), as rules. Pure.

Readings (a cautious assessor's):

* The years judged for casework and CPD are the registration years from the one in
  which `profile.lead_since` falls (or, if later, the one holding the earliest case,
  CPD, PPC session or reflection: years before the records begin cannot be shown)
  to the last one that has ended by the check date. The unfinished current year is
  not judged.
* A case counts for a year when the mediator led it and it was held (not booked,
  withdrawn or not held).
* "Relevant CPD on an annual basis" is read as the §1.4.3 minimum of 20 hours a year.
* Records dated after the check date are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sendfolio.domain.records import FolioData
from sendfolio.domain.standards import RULE_SET
from sendfolio.domain.wording import hours_text, short_date
from sendfolio.rules.evidence import dated_until, foundation_course, left_out_text
from sendfolio.rules.results import Report, Requirement, at_least, result
from sendfolio.rules.years import current_registration_year, in_period, registration_year, year_label


def passport_foundation(data: FolioData, as_of: date) -> Requirement:
    """passport.foundation: a foundation training of 40 hours, with date and provider."""
    need = RULE_SET.threshold("passport.foundation")
    need_text = f"{hours_text(need)} hours, with date and provider"
    course = foundation_course(data)
    if course is None:
        return result(
            "passport.foundation",
            need_text,
            "no foundation training recorded",
            False,
            "No foundation training in mediation is recorded.",
            (need, 0.0),
        )
    have = f"{hours_text(course.hours)} hours on {short_date(course.date)} by {course.provider}"
    detail = f"The foundation training '{course.title}' is {hours_text(course.hours)} of {hours_text(need)} hours."
    return result("passport.foundation", need_text, have, at_least(course.hours, need), detail, (need, course.hours))


def passport_send_training(data: FolioData, as_of: date) -> Requirement:
    """passport.send-training: any SEND training listed; not required, so always met."""
    courses = sorted((item for item in data.training if item.kind == "send"), key=lambda item: item.date)
    if not courses:
        return result("passport.send-training", "if applicable", "none recorded (not required)", True)
    have = "; ".join(f"{short_date(item.date)} by {item.provider}" for item in courses)
    return result("passport.send-training", "if applicable", have, True)


def judged_years(data: FolioData, as_of: date) -> tuple[int, ...]:
    """The registration years judged for casework and CPD (see the module's readings)."""
    profile = data.profile
    if profile.lead_since is None:
        return ()
    dated = [item.date for group in (data.cases, data.cpd, data.ppc_sessions, data.reflections) for item in group]
    if not dated:
        return ()
    first = current_registration_year(profile, max(profile.lead_since, min(dated)))
    last = current_registration_year(profile, as_of) - 1
    return tuple(range(first, last + 1))


def lead_cases_in(data: FolioData, year: int) -> int:
    """Cases led and held in one registration year."""
    start, end = registration_year(data.profile, year)
    return sum(1 for case in data.cases if case.role == "lead" and case.is_held and in_period(case.date, start, end))


def cpd_hours_in(data: FolioData, year: int) -> float:
    """CPD hours in one registration year."""
    start, end = registration_year(data.profile, year)
    return round(sum(item.hours for item in data.cpd if in_period(item.date, start, end)), 2)


def _each_year(
    rule_id: str,
    data: FolioData,
    as_of: date,
    measure: Callable[[FolioData, int], float],
    unit: str,
    left_out: Callable[[FolioData, int], str] | None = None,
) -> Requirement:
    """A rule that `measure` reaches the rule's threshold in every judged year.

    `left_out(data, year)`, if given, says in words what a short year's count left out, and why.
    """
    need = RULE_SET.threshold(rule_id)
    since = data.profile.lead_since
    need_text = f"{hours_text(need)} {unit} in each year since {since or 'the lead date'}"
    if since is None:
        return result(
            rule_id,
            need_text,
            "no 'lead since' date",
            False,
            "No date is recorded since which the mediator has been lead SEND mediator.",
        )
    years = judged_years(data, as_of)
    if not years:
        return result(
            rule_id,
            need_text,
            "no full year recorded",
            False,
            f"No registration year since {short_date(since)} has both ended by {short_date(as_of)} and records in the folio.",
            (1.0, 0.0),
        )
    found = {year: measure(data, year) for year in years}
    short = [year for year, value in found.items() if not at_least(value, need)]
    have = ", ".join(f"{year_label(data.profile, year)}: {hours_text(value)}" for year, value in found.items())
    detail = "Fewer than {} {} in {}.".format(
        hours_text(need),
        unit,
        ", ".join(f"{year_label(data.profile, year)} ({hours_text(found[year])})" for year in short),
    )
    if left_out is not None:
        notes = [f"{year_label(data.profile, year)}: {why}" for year in short if (why := left_out(data, year))]
        detail += f" Not counted: {'; '.join(notes)}." if notes else ""
    return result(rule_id, need_text, have, not short, detail, (float(len(years)), float(len(years) - len(short))))


def passport_casework(data: FolioData, as_of: date) -> Requirement:
    """passport.casework: lead since the profile's date, 3 cases led each judged year."""
    return _each_year("passport.casework", data, as_of, lead_cases_in, "cases led", cases_left_out_in)


def cases_left_out_in(data: FolioData, year: int) -> str:
    """The cases of one registration year not counted as led and held, each reason with its number."""
    start, end = registration_year(data.profile, year)
    return left_out_text((case for case in data.cases if in_period(case.date, start, end)), lead_only=True)


def passport_cpd(data: FolioData, as_of: date) -> Requirement:
    """passport.cpd: CPD in every judged year, at the annual minimum."""
    return _each_year("passport.cpd", data, as_of, cpd_hours_in, "hours of CPD")


def passport_declaration(data: FolioData, as_of: date) -> Requirement:
    """passport.declaration: a manager, PPC or mentor's declaration of competence."""
    need_text = "declaration by a manager, PPC or mentor"
    found = data.passport_declaration
    if found is None:
        return result(
            "passport.declaration",
            need_text,
            "no declaration",
            False,
            "No declaration of competence is recorded from a manager, PPC or mentor.",
        )
    have = f"{found.name} ({found.role}) on {short_date(found.date)}"
    detail = f"The declaration is dated {short_date(found.date)}, after {short_date(as_of)}."
    return result("passport.declaration", need_text, have, found.date <= as_of, detail)


PASSPORT_RULES: tuple[Callable[[FolioData, date], Requirement], ...] = (
    passport_foundation,
    passport_send_training,
    passport_casework,
    passport_cpd,
    passport_declaration,
)
"""The Form 5 rules, in the order of the rule set."""


def passport(data: FolioData, as_of: date) -> Report:
    """Every Form 5 (passported) rule judged on the records dated on or before `as_of`."""
    until = dated_until(data, as_of)
    found = tuple(rule(until, as_of) for rule in PASSPORT_RULES)
    return Report(met=all(item.met for item in found), requirements=found)


def passport_refusal(data: FolioData, as_of: date) -> str | None:
    """Why Form 5 does not apply to these records (one line naming §1.6), or None when it does.

    It applies on the passported route once the criteria hold; the declaration is given by
    signing the form, so it needs only a declarant: the declaration recorded, or the PPC on record.
    """
    if data.profile.route != "passported":
        return (
            "§1.6: Form 5 is for existing SEND mediators on the passported route; this profile's route is new "
            "accreditation (§1.1–1.3), whose portfolio ends with Form 4"
        )
    report = passport(data, as_of)
    missing = [item for item in report.unmet if item.id != "passport.declaration"]
    if data.passport_declaration is None and data.ppc_contact is None:
        missing.append(report.requirement("passport.declaration"))
    if not missing:
        return None
    said = "; ".join(f"{item.title}, needs {item.need}" for item in missing)
    return f"§1.6: the criteria for passporting are not met: {said}"
