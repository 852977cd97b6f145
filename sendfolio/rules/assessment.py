"""The accreditation rules' whole answer about one period's records: what the portfolio arranges.

`assess(data, as_of, period)` works out, once, everything the written portfolio prints that the
rules decide: the period it covers and the records in it (the one period filter), the report of
every requirement, the practice cases and the final one, the courses judged, the hours counted,
the reflections with the mediator's own words, the Forms 1–3 coverage, where a return does
not confirm a tick, and the CPD totals of each registration year. The document model (`sendfolio.portfolio`) only arranges the answer, so
the PDF and `sendfolio check` cannot disagree.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sendfolio.domain.records import Case, FolioData, Reflection, Training
from sendfolio.rules.accreditation import accreditation, final_case
from sendfolio.rules.coverage import Coverage, coverage
from sendfolio.rules.evidence import (
    casework_hours,
    dated_until,
    foundation_course,
    observation_case,
    observer_hours,
    practice_cases,
    practice_period,
    practice_start,
    reflection_hours,
    send_training,
    send_training_candidate,
    written,
)
from sendfolio.rules.renewal import cpd_totals
from sendfolio.rules.results import Report
from sendfolio.rules.returns import Disagreement, disagreements
from sendfolio.rules.years import current_registration_year, registration_year, year_label


@dataclass(frozen=True)
class CPDYear:
    """One registration year's CPD as the rules total it: hours in all and by method."""

    year: int
    label: str
    start: date
    end: date
    total: float
    by_method: dict[str, float]


@dataclass(frozen=True)
class Assessment:
    """Everything the rules decide about the records of one period, judged as of one date."""

    as_of: date
    start: date
    end: date
    practice: bool
    """True when the period is the practice period (the SEND training to the PPC's verification)."""
    records: FolioData
    """The records of the period, as judged: nothing dated after its end or after `as_of`."""
    report: Report
    practice_cases: tuple[Case, ...]
    final_case: Case | None
    practice_start: date | None
    foundation_course: Training | None
    send_training: Training | None
    send_training_candidate: Training | None
    observation_case: Case | None
    casework_hours: float
    observer_hours: float
    reflection_hours: float
    written: tuple[Reflection, ...]
    """The reflections with words of the mediator's own, the ones printed."""
    coverage: Coverage
    disagreements: tuple[Disagreement, ...]
    """Where an observer's return does not confirm a criterion the mediator ticked."""
    cpd_years: tuple[CPDYear, ...]
    """The CPD totals of each registration year the period's entries fall in, in order."""


def whole_period(data: FolioData, as_of: date) -> tuple[date, date]:
    """From the earliest case, reflection, CPD entry or PPC session to `as_of`: the whole archive."""
    dated = [item.date for group in (data.cases, data.reflections, data.cpd, data.ppc_sessions) for item in group]
    return min(dated, default=as_of), as_of


def default_period(data: FolioData, as_of: date) -> tuple[date, date]:
    """What the portfolio covers unless told otherwise: the practice period, else the whole archive."""
    return practice_period(data, as_of) or whole_period(data, as_of)


def within(data: FolioData, start: date, end: date) -> FolioData:
    """The records from `start` to `end`; training, profile and verification are kept whatever their date."""

    def held(when: date) -> bool:
        """True when `when` falls in the period."""
        return start <= when <= end

    cases = tuple(case for case in data.cases if held(case.date))
    refs = {case.ref for case in cases}
    return dataclasses.replace(
        data,
        cases=cases,
        observations=tuple(item for item in data.observations if item.ref in refs),
        reflections=tuple(item for item in data.reflections if held(item.date)),
        cpd=tuple(item for item in data.cpd if held(item.date)),
        ppc_sessions=tuple(item for item in data.ppc_sessions if held(item.date)),
    )


def period_records(
    data: FolioData, as_of: date, period: tuple[date, date] | None = None
) -> tuple[tuple[date, date], FolioData]:
    """The period judged and its records: the one period filter of the portfolio.

    The period is `period`, else the practice period, else the whole archive; one running past
    `as_of` ends on it. Training is kept from before the period starts (a course taken earlier
    still counts); nothing dated after the period's end is kept.
    """
    start, end = period or default_period(data, as_of)
    if end > as_of:
        start, end = min(start, as_of), as_of
    return (start, end), within(dated_until(data, min(as_of, end)), start, end)


def cpd_years(data: FolioData, years: tuple[int, ...] | None = None) -> tuple[CPDYear, ...]:
    """The CPD totals of `years` (default: every registration year a CPD entry of `data` falls in)."""
    if years is None:
        years = tuple(sorted({current_registration_year(data.profile, item.date) for item in data.cpd}))
    found = []
    for year in years:
        start, end = registration_year(data.profile, year)
        totals = cpd_totals(data, year)
        found.append(
            CPDYear(year, year_label(data.profile, year), start, end, totals["total"], dict(totals["by_method"]))
        )
    return tuple(found)


def citing_only(reflections: tuple[Reflection, ...], cases: tuple[Case, ...]) -> tuple[Reflection, ...]:
    """The reflections, each citing its case only when that case is among `cases` (the period's, as judged):
    a portfolio never cites a case it leaves out (one after the period or marked held before its date)."""
    refs = {case.ref for case in cases}
    return tuple(
        item if not item.case or item.case in refs else dataclasses.replace(item, case="") for item in reflections
    )


def assess(data: FolioData, as_of: date, period: tuple[date, date] | None = None) -> Assessment:
    """The rules' whole answer about the records of `period` (default: see `period_records`) as of `as_of`."""
    (start, end), shown = period_records(data, as_of, period)
    practice = practice_cases(shown)
    return Assessment(
        as_of=as_of,
        start=start,
        end=end,
        practice=practice_period(data, as_of) is not None,
        records=shown,
        report=accreditation(shown, as_of),
        practice_cases=practice,
        final_case=final_case(practice),
        practice_start=practice_start(shown),
        foundation_course=foundation_course(shown),
        send_training=send_training(shown),
        send_training_candidate=send_training_candidate(shown),
        observation_case=observation_case(shown),
        casework_hours=casework_hours(shown),
        observer_hours=observer_hours(shown),
        reflection_hours=reflection_hours(shown),
        written=citing_only(written(shown.reflections), shown.cases),
        coverage=coverage(shown),
        disagreements=disagreements(shown),
        cpd_years=cpd_years(shown),
    )
