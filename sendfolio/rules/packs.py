"""The rules' whole answer for the other documents: the renewal pack, Form 5 and the service review.

As `assess` does for the portfolio, each function here works out once everything its document
prints that the rules decide; the document model (`portfolio.packs`, `portfolio.review`) only
arranges the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendfolio.domain.records import Case, FolioData, Training
from sendfolio.rules.assessment import CPDYear, cpd_years, within
from sendfolio.rules.evidence import dated_until, foundation_course
from sendfolio.rules.passport import cpd_hours_in, judged_years, lead_cases_in, passport, passport_refusal
from sendfolio.rules.practice import FeedbackResponse, RegisterEntry, conduct_applies, feedback_responses, register
from sendfolio.rules.renewal import renewal
from sendfolio.rules.results import RenewalReport, Report
from sendfolio.rules.years import registration_year, year_label


@dataclass(frozen=True)
class RenewalAssessment:
    """One registration year judged for re-registration, with its records and CPD totals."""

    year: int
    label: str
    start: date
    end: date
    records: FolioData
    """The records of the registration year (training, profile and verification whatever their date)."""
    report: RenewalReport
    cpd_years: tuple[CPDYear, ...]
    """The year's CPD totals (one `CPDYear`)."""


def assess_renewal(data: FolioData, year: int, as_of: date) -> RenewalAssessment:
    """The re-registration rules' answer about the registration year beginning in `year`, as of `as_of`."""
    start, end = registration_year(data.profile, year)
    in_year = within(data, start, end)
    return RenewalAssessment(
        year=year,
        label=year_label(data.profile, year),
        start=start,
        end=end,
        records=in_year,
        report=renewal(data, year, as_of),
        cpd_years=cpd_years(in_year, (year,)),
    )


@dataclass(frozen=True)
class JudgedYear:
    """One registration year the passport rules judge: cases led and CPD hours in it."""

    label: str
    start: date
    end: date
    lead_cases: int
    cpd_hours: float


@dataclass(frozen=True)
class PassportAssessment:
    """The passport rules' answer as of a day: why Form 5 does not apply, or the report and the years behind it."""

    refusal: str | None
    """Why Form 5 does not apply (one line naming §1.6); None when it does."""
    report: Report
    records: FolioData
    """The records dated on or before the day."""
    foundation_course: Training | None
    years: tuple[JudgedYear, ...]


def assess_passport(data: FolioData, as_of: date) -> PassportAssessment:
    """Form 5's rules judged on the records dated on or before `as_of`."""
    refused = passport_refusal(data, as_of)
    shown = dated_until(data, as_of)
    if refused:
        return PassportAssessment(refused, Report(met=False, requirements=()), shown, None, ())
    years = []
    for year in judged_years(shown, as_of):
        start, end = registration_year(shown.profile, year)
        years.append(
            JudgedYear(
                year_label(shown.profile, year), start, end, lead_cases_in(shown, year), cpd_hours_in(shown, year)
            )
        )
    return PassportAssessment(None, passport(data, as_of), shown, foundation_course(shown), tuple(years))


@dataclass(frozen=True)
class ReviewAssessment:
    """What the rules say about a sole provider's registration year, as of a day: the service review's facts."""

    label: str
    start: date
    end: date
    cases: tuple[Case, ...]
    """The year's cases the mediator led or co-mediated, dated by the day, in date order."""
    conduct_cases: tuple[Case, ...]
    """Those of them whose conduct the mediator declares (held)."""
    register: tuple[RegisterEntry, ...]
    """The §1.2 register as of the day."""
    feedback: tuple[FeedbackResponse, ...]
    """The feedback received in the year by the day, with each response's due date and status."""


def assess_review(data: FolioData, year: int, as_of: date) -> ReviewAssessment:
    """The provider's registration year beginning in `year`, judged as of `as_of`."""
    start, end = registration_year(data.profile, year)
    cases = tuple(
        sorted(
            (case for case in data.cases if start <= case.date <= end and case.is_active and case.date <= as_of),
            key=lambda case: (case.date, case.ref),
        )
    )
    return ReviewAssessment(
        label=year_label(data.profile, year),
        start=start,
        end=end,
        cases=cases,
        conduct_cases=tuple(case for case in cases if conduct_applies(case)),
        register=tuple(register(data, as_of)),
        feedback=tuple(
            response for response in feedback_responses(data, as_of) if start <= response.feedback.received <= end
        ),
    )
