"""What the rules read from a folio: the courses that count, the supported practice, totals.

Pure functions over `FolioData`, shared by the accreditation, renewal and passport rules, and
useful to screens that show a breakdown (which course was taken as *the* foundation
course, when supported practice started, which cases are practice cases).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from datetime import date

from sendfolio.domain.record_base import D
from sendfolio.domain.records import FOUNDATION_COVERS, SEND_MODULES, Case, FolioData, Reflection, Training
from sendfolio.domain.reflection_text import has_own_words
from sendfolio.domain.standards import BODY_NAMES, RULE_SET

LEFT_OUT_WHY = {
    "observer": "observed only",
    "co-mediator": "co-mediated, not led",
    "booked": "booked, not yet held",
    "withdrawn": "withdrawn",
    "not-held": "not held",
    "ahead": "marked held but dated after today",
}
"""Why a case is left out of a count of cases held, in plain words, by role or status ("ahead": a case
marked held whose date has not come, which no count takes as held; see `held_ahead`)."""

FOUNDATION_WORDS = {
    "process-principles": "the process and principles of mediation",
    "role-play-skills": "skills developed through role play",
    "role-play-assessment": "assessment by role play",
    "written-assignment": "assessment by written assignment",
}
"""What a foundation course must cover (§1.1), by the key recorded in `Training.covers`."""

SEND_MODULE_WORDS = {
    "legislative-framework": "legislative framework",
    "send-context": "contextual knowledge of SEND",
    "mediation-practice": "mediation practice and the conduct of cases",
    "local-processes": "local processes and procedures",
}
"""The four SEND training modules (§2.2, Appendix B), by the key recorded in `Training.covers`."""

assert tuple(FOUNDATION_WORDS) == FOUNDATION_COVERS and tuple(SEND_MODULE_WORDS) == SEND_MODULES


def is_recognised(recognised_by: str, bodies: tuple[str, ...]) -> bool:
    """True when the recorded body (abbreviation or full name, any case) is one of `bodies`."""
    named = recognised_by.strip().upper()
    return BODY_NAMES.get(named, named) in bodies


def dated_until(data: FolioData, as_of: date) -> FolioData:
    """The folio as it stood on `as_of`: dated records after it left out."""

    def keep(items: tuple[D, ...]) -> tuple[D, ...]:
        """The items dated on or before `as_of`."""
        return tuple(item for item in items if item.date <= as_of)

    cases = keep(data.cases)
    refs = {case.ref for case in cases}
    return dataclasses.replace(
        data,
        cases=cases,
        reflections=keep(data.reflections),
        cpd=keep(data.cpd),
        ppc_sessions=keep(data.ppc_sessions),
        training=keep(data.training),
        observations=tuple(item for item in data.observations if item.ref in refs),
    )


def held_ahead(case: Case, as_of: date) -> bool:
    """True for a case marked held whose date is after `as_of`: it cannot have been held yet.

    The case form and imports refuse such a case; one already in a folio is flagged where it
    is shown and counted nowhere as held (every count of cases held asks `counts_as_held`).
    """
    return case.is_held and case.date > as_of


def counts_as_held(case: Case, as_of: date) -> bool:
    """True when a count of cases held as of `as_of` takes the case: held, on or before that day."""
    return case.is_held and case.date <= as_of


def left_out_why(case: Case, *, lead_only: bool = False, as_of: date | None = None) -> str | None:
    """Why a case is not counted as a case held (co-mediated or led, or led when `lead_only`), or None;
    with `as_of`, a case marked held but dated after it is left out too."""
    if not case.is_active or (lead_only and case.role != "lead"):
        return LEFT_OUT_WHY[case.role]
    if as_of is not None and held_ahead(case, as_of):
        return LEFT_OUT_WHY["ahead"]
    return None if case.is_held else LEFT_OUT_WHY[case.status]


def left_out_text(cases: Iterable[Case], *, lead_only: bool = False, as_of: date | None = None) -> str:
    """The cases a count leaves out, each reason once with its number: `1 observed only, 2 withdrawn`."""
    reasons = Counter(why for case in cases if (why := left_out_why(case, lead_only=lead_only, as_of=as_of)))
    order = list(LEFT_OUT_WHY.values())
    return ", ".join(f"{reasons[why]} {why}" for why in sorted(reasons, key=order.index))


def by_date(cases: Iterable[Case]) -> tuple[Case, ...]:
    """Cases in date order (then by reference, for a stable order within a day)."""
    return tuple(sorted(cases, key=lambda case: (case.date, case.ref)))


def foundation_course(data: FolioData) -> Training | None:
    """The foundation course the rules judge: one of 40 hours if any, then the most complete."""
    need = RULE_SET.threshold("foundation.hours")
    courses = [item for item in data.training if item.kind == "foundation"]
    if not courses:
        return None
    return max(
        courses, key=lambda item: (item.hours >= need, len(set(item.covers)), item.hours, -item.date.toordinal())
    )


def send_training(data: FolioData) -> Training | None:
    """The first SEND training of 12 hours or more dated after the foundation course, if any."""
    need = RULE_SET.threshold("send-training.hours")
    foundation = foundation_course(data)
    if foundation is None:
        return None
    qualifying = [
        item for item in data.training if item.kind == "send" and item.hours >= need and item.date > foundation.date
    ]
    return min(qualifying, key=lambda item: (item.date, item.title), default=None)


def send_training_candidate(data: FolioData) -> Training | None:
    """The SEND training to judge: the qualifying one, else the longest recorded (latest on a tie)."""
    chosen = send_training(data)
    if chosen is not None:
        return chosen
    courses = [item for item in data.training if item.kind == "send"]
    return max(courses, key=lambda item: (item.hours, item.date), default=None)


def practice_start(data: FolioData) -> date | None:
    """The first day of supported practice: the date of the qualifying SEND training."""
    chosen = send_training(data)
    return chosen.date if chosen else None


def practice_period(data: FolioData, as_of: date) -> tuple[date, date] | None:
    """The period of supported practice (first and last day): the SEND training to the PPC's verification.

    It ends on `as_of` while there is no verification, or the verification is dated before the
    training or after `as_of`. None without a qualifying SEND training on or before `as_of`.
    """
    start = practice_start(dated_until(data, as_of))
    if start is None:
        return None
    verified = data.verification.date if data.verification is not None else None
    return start, verified if verified is not None and start <= verified <= as_of else as_of


def practice_cases(data: FolioData) -> tuple[Case, ...]:
    """Cases co-mediated or led on or after the SEND training, in date order; a case still booked is not
    one yet (its day may have come, but nothing says it was held), as for the cases observed."""
    start = practice_start(data)
    if start is None:
        return ()
    return by_date(case for case in data.cases if case.is_active and case.date >= start and case.status != "booked")


def observed_cases(data: FolioData) -> tuple[Case, ...]:
    """Cases only observed on or after the SEND training, in date order."""
    start = practice_start(data)
    if start is None:
        return ()
    return by_date(
        case for case in data.cases if case.role == "observer" and case.date >= start and case.status != "booked"
    )


def observation_case(data: FolioData) -> Case | None:
    """The first case observed on or after the SEND training: the end of the observation period."""
    watched = observed_cases(data)
    return watched[0] if watched else None


def casework_hours(data: FolioData) -> float:
    """Hours of casework that count: practice cases' preparation, meeting and follow-up."""
    return round(sum(case.total_hours for case in practice_cases(data)), 2)


def observer_hours(data: FolioData) -> float:
    """Hours spent observing cases on or after the SEND training (shown, not counted)."""
    return round(sum(case.total_hours for case in observed_cases(data)), 2)


def reflection_hours(data: FolioData) -> float:
    """Hours of reflection on practice dated on or after the SEND training."""
    start = practice_start(data)
    if start is None:
        return 0.0
    return round(sum(item.hours for item in written(data.reflections) if item.date >= start), 2)


def written(reflections: Iterable[Reflection]) -> tuple[Reflection, ...]:
    """The reflections with words of the mediator's own (headings and template prompts alone do not count)."""
    return tuple(item for item in reflections if has_own_words(item.body))
