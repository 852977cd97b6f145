"""Accreditation: the requirements of the standards' §1.1–1.3, judged on a folio. Pure.

Supported practice starts on the date of the first SEND training of 12 hours or more
that came after the foundation course; activity dated on or after it counts. Casework
hours are preparation + meeting + follow-up of cases co-mediated or led; hours spent
only observing are shown, never counted. Accreditation judges only records dated on or
before the check date (`as_of`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sendfolio.domain.criteria import criterion
from sendfolio.domain.form4_fields import CONFIRMATION_WORDS
from sendfolio.domain.records import Case, FolioData, Training, Verification
from sendfolio.domain.standards import RULE_SET
from sendfolio.domain.wording import count, hours_text, hours_words, short_date
from sendfolio.rules.coverage import coverage
from sendfolio.rules.evidence import (
    FOUNDATION_WORDS,
    SEND_MODULE_WORDS,
    casework_hours,
    dated_until,
    foundation_course,
    is_recognised,
    left_out_text,
    observation_case,
    observer_hours,
    practice_cases,
    practice_start,
    reflection_hours,
    send_training,
    send_training_candidate,
    written,
)
from sendfolio.rules.results import Report, Requirement, at_least, result

# ---------------------------------------------------------------- accreditation: training


def either(bodies: tuple[str, ...]) -> str:
    """Bodies as words: "CMC or COM", "CMC, COM, OCN or ILM"."""
    return bodies[0] if len(bodies) == 1 else f"{', '.join(bodies[:-1])} or {bodies[-1]}"


def foundation_hours(data: FolioData, as_of: date) -> Requirement:
    """foundation.hours: one foundation course of at least 40 hours."""
    need = RULE_SET.threshold("foundation.hours")
    course = foundation_course(data)
    if course is None:
        return result(
            "foundation.hours",
            f"{hours_text(need)} hours",
            "no foundation course recorded",
            False,
            "No foundation mediation course is recorded.",
            (need, 0.0),
        )
    met = at_least(course.hours, need)
    detail = (
        f"The foundation course '{course.title}' on {short_date(course.date)} is {hours_text(course.hours)} of "
        f"{hours_text(need)} hours; the standards ask for one course of at least {hours_text(need)} hours."
    )
    have = f"{hours_words(course.hours)}: {course.title} ({course.provider}, {short_date(course.date)})"
    return result("foundation.hours", f"{hours_text(need)} hours", have, met, detail, (need, course.hours))


def foundation_content(data: FolioData, as_of: date) -> Requirement:
    """foundation.content: the course covered all four elements of §1.1."""
    return _covers("foundation.content", foundation_course(data), FOUNDATION_WORDS, "foundation course")


def foundation_provider(data: FolioData, as_of: date) -> Requirement:
    """foundation.provider: approved by CMC/COM or verified by OCN/ILM."""
    return _provider("foundation.provider", foundation_course(data), "foundation course")


def send_training_hours(data: FolioData, as_of: date) -> Requirement:
    """send-training.hours: one SEND programme of 12 hours after the foundation course."""
    need = RULE_SET.threshold("send-training.hours")
    need_text = f"{hours_text(need)} hours, after the foundation course"
    chosen = send_training(data)
    if chosen is not None:
        have = f"{hours_words(chosen.hours)} on {short_date(chosen.date)}: {chosen.title} ({chosen.provider})"
        return result("send-training.hours", need_text, have, True, numeric=(need, chosen.hours))
    candidate = send_training_candidate(data)
    if candidate is None:
        return result(
            "send-training.hours",
            need_text,
            "no SEND training recorded",
            False,
            "No SEND training is recorded.",
            (need, 0.0),
        )
    foundation = foundation_course(data)
    after = foundation is not None and candidate.date > foundation.date
    have = f"{hours_words(candidate.hours)} on {short_date(candidate.date)}: {candidate.title}"
    return result(
        "send-training.hours",
        need_text,
        have,
        False,
        _send_hours_why(candidate, foundation, need),
        (need, candidate.hours if after else 0.0),
    )


def _send_hours_why(candidate: Training, foundation: Training | None, need: float) -> str:
    """Why the best SEND training recorded does not meet send-training.hours."""
    reasons = []
    if not at_least(candidate.hours, need):
        reasons.append(f"is {hours_text(candidate.hours)} of {hours_text(need)} hours")
    if foundation is None:
        reasons.append("has no foundation course recorded before it")
    elif candidate.date <= foundation.date:
        reasons.append(
            f"is dated {short_date(candidate.date)}, not after the foundation course on {short_date(foundation.date)}"
        )
    return f"The SEND training '{candidate.title}' " + " and ".join(reasons) + "."


def send_training_provider(data: FolioData, as_of: date) -> Requirement:
    """send-training.provider: delivered by a recognised provider of the COM or CMC."""
    return _provider("send-training.provider", send_training_candidate(data), "SEND training")


def send_training_modules(data: FolioData, as_of: date) -> Requirement:
    """send-training.modules: the four modules of §2.2 / Appendix B."""
    return _covers("send-training.modules", send_training_candidate(data), SEND_MODULE_WORDS, "SEND training")


def _covers(rule_id: str, course: Training | None, words: dict[str, str], what: str) -> Requirement:
    """A rule that a course covered every item of `words`."""
    need = f"covers: {'; '.join(words.values())}"
    if course is None:
        return result(rule_id, need, f"no {what} recorded", False, f"No {what} is recorded.", (len(words), 0.0))
    missing = [text for key, text in words.items() if key not in course.covers]
    shown = len(words) - len(missing)
    have = f"{shown} of {len(words)} covered by '{course.title}'"
    detail = f"The {what} '{course.title}' is not recorded as covering: {'; '.join(missing)}."
    return result(rule_id, need, have, not missing, detail, (len(words), shown))


def _provider(rule_id: str, course: Training | None, what: str) -> Requirement:
    """A rule that a course's provider is recognised by one of the rule's bodies."""
    bodies = RULE_SET.bodies(rule_id)
    need = f"recognised by {either(bodies)}"
    if course is None:
        return result(rule_id, need, f"no {what} recorded", False, f"No {what} is recorded.")
    shown = course.recognised_by or "no recognising body recorded"
    have = f"{course.provider}: {shown}"
    detail = (
        f"The {what} '{course.title}' by {course.provider} is recorded as recognised by '{shown}'; "
        f"this rule set accepts {either(bodies)} (another body must be shown to the assessor)."
    )
    return result(rule_id, need, have, is_recognised(course.recognised_by, bodies), detail)


# ---------------------------------------------------------------- accreditation: practice


def _no_start(rule_id: str, need_text: str, numeric_need: float | None) -> Requirement:
    """A practice rule that cannot be met because supported practice has not started."""
    detail = (
        "Supported practice starts with SEND training of 12 hours after the foundation course, which is "
        "not recorded yet; nothing before it counts."
    )
    numeric = (numeric_need, 0.0) if numeric_need is not None else None
    return result(rule_id, need_text, "supported practice not started", False, detail, numeric)


def practice_casework_hours(data: FolioData, as_of: date) -> Requirement:
    """practice.casework-hours: 12 hours in cases co-mediated or led after the SEND training."""
    need = RULE_SET.threshold("practice.casework-hours")
    need_text = f"{hours_text(need)} hours after the SEND training"
    start = practice_start(data)
    if start is None:
        return _no_start("practice.casework-hours", need_text, need)
    counted, observed = casework_hours(data), observer_hours(data)
    have = f"{hours_words(counted)} in {count(len(practice_cases(data)), 'case')} since {short_date(start)}"
    if observed:
        have += f"; {hours_text(observed)} observer hours not counted"
    earlier = sum(case.total_hours for case in data.cases if case.is_active and case.date < start)
    detail = (
        f"{hours_text(counted)} of {hours_text(need)} hours of casework after the SEND training on "
        f"{short_date(start)}; observed cases are not counted"
    )
    detail += f", nor {hours_text(earlier)} hours before the SEND training." if earlier else "."
    return result("practice.casework-hours", need_text, have, at_least(counted, need), detail, (need, counted))


def practice_reflection_hours(data: FolioData, as_of: date) -> Requirement:
    """practice.reflection-hours: 2 hours of reflection after the SEND training."""
    need = RULE_SET.threshold("practice.reflection-hours")
    need_text = f"{hours_text(need)} hours after the SEND training"
    start = practice_start(data)
    if start is None:
        return _no_start("practice.reflection-hours", need_text, need)
    counted = reflection_hours(data)
    have = f"{hours_words(counted)} since {short_date(start)}"
    earlier = sum(item.hours for item in written(data.reflections) if item.date < start)
    detail = f"{hours_text(counted)} of {hours_text(need)} hours of reflection after the SEND training on {short_date(start)}"
    detail += f"; {hours_text(earlier)} hours written before it do not count." if earlier else "."
    return result("practice.reflection-hours", need_text, have, at_least(counted, need), detail, (need, counted))


def practice_cases_rule(data: FolioData, as_of: date) -> Requirement:
    """practice.cases: 3 held cases co-mediated or led after a period of observation."""
    need = RULE_SET.threshold("practice.cases")
    need_text = f"{hours_text(need)} cases co-mediated or led after observing"
    start = practice_start(data)
    if start is None:
        return _no_start("practice.cases", need_text, need)
    watched = observation_case(data)
    active = practice_cases(data)
    if watched is None:
        detail = (
            f"No case observed by the mediator (role: observer) on or after the SEND training on {short_date(start)}: "
            f"the standards expect a period of observation before co-working, so none of {len(active)} "
            'active cases counts yet. Being observed by someone else ("observed by") is a different thing.'
        )
        return result("practice.cases", need_text, "no case observed by the mediator", False, detail, (need, 0.0))
    after = [case for case in active if case.date > watched.date]
    counted = [case for case in after if case.is_held]
    have = f"{count(len(counted), 'case')} after observing {watched.ref} on {short_date(watched.date)}"
    detail = f"{len(counted)} of {hours_text(need)} cases co-mediated or led after the observed case on {short_date(watched.date)}"
    notes = _not_counted(left_out_text(after), len(active) - len(after))
    return result(
        "practice.cases", need_text, have, len(counted) >= need, detail + notes + ".", (need, float(len(counted)))
    )


def _not_counted(not_held: str, before: int) -> str:
    """The words for practice cases left out of the count, if any, each with why."""
    notes = [not_held] if not_held else []
    if before:
        notes.append(f"{before} on or before the observed case")
    return f"; not counted: {', '.join(notes)}" if notes else ""


def practice_final_lead(data: FolioData, as_of: date) -> Requirement:
    """practice.final-lead: the latest practice case was led and observed."""
    need_text = "latest practice case led and observed"
    if practice_start(data) is None:
        return _no_start("practice.final-lead", need_text, None)
    final = final_case(practice_cases(data))
    if final is None:
        return result(
            "practice.final-lead",
            need_text,
            "no practice case yet",
            False,
            "No case co-mediated or led after the SEND training is recorded yet.",
        )
    seen = f"observed by {final.observer_words}" if final.observer_words else "no observer recorded"
    have = f"{final.ref} on {short_date(final.date)}: {final.role}, {seen}"
    if final.role != "lead":
        detail = f"The latest practice case {final.ref} on {short_date(final.date)} was {final.role}, not led by the mediator."
    else:
        detail = (
            f"The latest practice case {final.ref} on {short_date(final.date)} was led but no observer is recorded."
        )
    return result("practice.final-lead", need_text, have, final.role == "lead" and bool(final.observer_words), detail)


def final_case(cases: tuple[Case, ...]) -> Case | None:
    """The latest case held; among cases on that same day, one led and observed if there is one."""
    cases = tuple(case for case in cases if case.is_held)
    if not cases:
        return None
    last_day = [case for case in cases if case.date == cases[-1].date]
    return next((case for case in last_day if case.role == "lead" and case.observer_words), last_day[-1])


def practice_debriefs(data: FolioData, as_of: date) -> Requirement:
    """practice.debriefs: every practice case has a de-brief recorded."""
    need_text = "a de-brief after every practice case"
    if practice_start(data) is None:
        return _no_start("practice.debriefs", need_text, None)
    cases = tuple(case for case in practice_cases(data) if case.is_held)  # a meeting not held has no de-brief
    if not cases:
        return result(
            "practice.debriefs",
            need_text,
            "no practice case yet",
            False,
            "No case co-mediated or led after the SEND training is recorded yet.",
        )
    missing = [case.ref for case in cases if not case.debriefed]
    have = f"{len(cases) - len(missing)} of {count(len(cases), 'case')} de-briefed"
    detail = f"No de-brief recorded for {', '.join(missing)}."
    return result(
        "practice.debriefs", need_text, have, not missing, detail, (float(len(cases)), float(len(cases) - len(missing)))
    )


def practice_criteria_coverage(data: FolioData, as_of: date) -> Requirement:
    """practice.criteria-coverage: every Forms 1–3 criterion shown in some practice case."""
    grid = coverage(data)
    total = len(grid.rows)
    shown = total - len(grid.missing)
    need_text = f"all {total} criteria of Forms 1–3"
    if grid.returned_only:
        need_text += " on forms returned by observers"
        have = f"{shown} of {total} criteria on returned forms over {count(len(grid.cases), 'practice case')}"
    else:
        cases = count(len(grid.cases), "practice case")
        have = f"{shown} of {total} criteria over {cases} ({grid.backed} on returned forms)"
    words = [f"{item.text} (Form {item.form})" for item in map(criterion, grid.missing[:6])]
    listed = "; ".join(words) + ("; …" if len(grid.missing) > 6 else "")
    where = "on a returned form in a practice case" if grid.returned_only else "in a practice case"
    detail = f"{count(len(grid.missing), 'criterion', 'criteria')} not yet shown {where}: {listed}."
    return result("practice.criteria-coverage", need_text, have, not grid.missing, detail, (float(total), float(shown)))


# ---------------------------------------------------------------- accreditation: verification, membership


def ppc_verification(data: FolioData, as_of: date) -> Requirement:
    """ppc.verification: the PPC's name, register and date, dated after the final case."""
    need_text = "verified by a PPC (name, register, date)"
    found = data.verification
    if found is None:
        return result(
            "ppc.verification",
            need_text,
            "not verified",
            False,
            "No verification by a PPC (name, register, date) is recorded.",
        )
    have = f"{found.name} ({found.role}; {found.register or 'no register'}) on {short_date(found.date)}"
    if found.returned:
        have += f", on the Form 4 the PPC returned ({'digitally signed' if found.how == 'signed' else 'not signed'})"
    problems = _verification_problems(found, as_of, practice_cases(data))
    return result("ppc.verification", need_text, have, not problems, "The verification " + "; ".join(problems) + ".")


def _verification_problems(found: Verification, as_of: date, cases: tuple[Case, ...]) -> list[str]:
    """What is missing or wrong in a PPC verification."""
    problems = []
    if found.role != "PPC":
        problems.append(f"is by a {found.role}, not a PPC")
    if not found.register:
        problems.append("does not name the PPC's register")
    if found.date > as_of:
        problems.append(f"is dated {short_date(found.date)}, after {short_date(as_of)}")
    if cases and found.date < cases[-1].date:
        problems.append(f"is dated {short_date(found.date)}, before the latest practice case on {cases[-1].date}")
    unconfirmed = [words for key, words in CONFIRMATION_WORDS.items() if key not in found.confirmed]
    if found.returned and unconfirmed:
        problems.append("returned on Form 4 does not confirm " + ", ".join(unconfirmed))
    return problems


def membership_body(data: FolioData, as_of: date) -> Requirement:
    """membership.body: member of the CMC or the COM."""
    bodies = RULE_SET.bodies("membership.body")
    need_text = f"member of {either(bodies)}"
    body = data.profile.membership_body
    have = f"{body} member {data.profile.membership_number}".strip() if body else "no membership recorded"
    detail = f"No membership of {either(bodies)} is recorded."
    return result("membership.body", need_text, have, body in bodies, detail)


ACCREDITATION_RULES: tuple[Callable[[FolioData, date], Requirement], ...] = (
    foundation_hours,
    foundation_content,
    foundation_provider,
    send_training_hours,
    send_training_provider,
    send_training_modules,
    practice_casework_hours,
    practice_reflection_hours,
    practice_cases_rule,
    practice_final_lead,
    practice_debriefs,
    practice_criteria_coverage,
    ppc_verification,
    membership_body,
)
"""The accreditation rules, in the order of the rule set."""


def accreditation(data: FolioData, as_of: date) -> Report:
    """Every accreditation rule judged on the records dated on or before `as_of`."""
    until = dated_until(data, as_of)
    found = tuple(rule(until, as_of) for rule in ACCREDITATION_RULES)
    return Report(met=all(item.met for item in found), requirements=found)
