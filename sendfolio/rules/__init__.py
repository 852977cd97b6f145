"""The rules: a folio's records in, requirement results out. Pure functions.

See docs/ARCHITECTURE.md. `results` holds the shapes of the answers, `years` the
registration years, `evidence` what counts as evidence (the foundation course, the SEND
training, practice cases, hours), `coverage` the Forms 1–3 criteria shown, and
`accreditation`, `renewal` and `passport` the three sets of requirements, `practice` the
sole provider's governance, conduct and feedback (the standards' Appendix D), and `assessment`
the whole answer the written portfolio arranges (`assess`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sendfolio.domain.records import FolioData
from sendfolio.domain.standards import RULE_SET
from sendfolio.domain.wording import hours_text
from sendfolio.rules.accreditation import accreditation, final_case
from sendfolio.rules.assessment import Assessment, CPDYear, assess, cpd_years, period_records, whole_period, within
from sendfolio.rules.cases import case_date_warning, case_refusals, held_ahead_problem, timeline_date_warning
from sendfolio.rules.coverage import Coverage, CoverageRow, coverage
from sendfolio.rules.evidence import (
    FOUNDATION_WORDS,
    SEND_MODULE_WORDS,
    casework_hours,
    counts_as_held,
    dated_until,
    foundation_course,
    held_ahead,
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
from sendfolio.rules.packs import (
    JudgedYear,
    PassportAssessment,
    RenewalAssessment,
    ReviewAssessment,
    assess_passport,
    assess_renewal,
    assess_review,
)
from sendfolio.rules.passport import cpd_hours_in, judged_years, lead_cases_in, passport, passport_refusal
from sendfolio.rules.practice import (
    ConductGap,
    FeedbackResponse,
    PracticeDate,
    RegisterEntry,
    Reminder,
    Standing,
    conduct_applies,
    conduct_gaps,
    feedback_response,
    feedback_responses,
    governance_reminders,
    item_due,
    item_standing,
    overdue_targets,
    practice_dates,
    practice_json,
    register,
    unanswered,
    working_days_between,
)
from sendfolio.rules.renewal import cpd_target, cpd_totals, renewal
from sendfolio.rules.results import RenewalReport, Report, Requirement
from sendfolio.rules.returns import Disagreement, Gap, came_in, disagreements, gaps_without_need, tick_provenance
from sendfolio.rules.years import (
    current_registration_year,
    hours_by_year,
    in_period,
    registration_year,
    renews_on,
    year_label,
)

__all__ = [
    "Assessment",
    "CPDYear",
    "assess",
    "cpd_years",
    "period_records",
    "whole_period",
    "within",
    "JudgedYear",
    "PassportAssessment",
    "RenewalAssessment",
    "ReviewAssessment",
    "assess_passport",
    "assess_renewal",
    "assess_review",
    "case_date_warning",
    "case_refusals",
    "held_ahead_problem",
    "timeline_date_warning",
    "held_ahead",
    "counts_as_held",
    "hours_by_year",
    "ConductGap",
    "FeedbackResponse",
    "PracticeDate",
    "RegisterEntry",
    "Reminder",
    "Standing",
    "conduct_applies",
    "conduct_gaps",
    "feedback_response",
    "feedback_responses",
    "governance_reminders",
    "item_due",
    "item_standing",
    "overdue_targets",
    "practice_dates",
    "practice_json",
    "register",
    "unanswered",
    "working_days_between",
    "FOUNDATION_WORDS",
    "SEND_MODULE_WORDS",
    "in_period",
    "Coverage",
    "CoverageRow",
    "RenewalReport",
    "Report",
    "Requirement",
    "accreditation",
    "casework_hours",
    "check_json",
    "coverage",
    "Disagreement",
    "came_in",
    "disagreements",
    "Gap",
    "gaps_without_need",
    "tick_provenance",
    "cpd_target",
    "cpd_totals",
    "current_registration_year",
    "dated_until",
    "final_case",
    "foundation_course",
    "hours_text",
    "judged_years",
    "cpd_hours_in",
    "lead_cases_in",
    "observation_case",
    "observer_hours",
    "passport",
    "passport_refusal",
    "practice_cases",
    "practice_period",
    "practice_start",
    "reflection_hours",
    "registration_year",
    "renews_on",
    "renewal",
    "send_training",
    "send_training_candidate",
    "written",
    "year_label",
]


# ---------------------------------------------------------------- the check command


def check_json(data: FolioData, as_of: date, year: int | None = None) -> dict[str, Any]:
    """The object `sendfolio check --json` prints (docs/ARCHITECTURE.md); `year` defaults to the current one.

    "practice" (the sole provider's governance, conduct gaps in the registration year and feedback
    responses, Appendix D) comes after the requirements; it never changes whether they are met.
    """
    if year is None:
        year = current_registration_year(data.profile, as_of)
    start, end = registration_year(data.profile, year)
    return {
        "rule_set": RULE_SET.name,
        "as_of": as_of.isoformat(),
        "accreditation": accreditation(data, as_of).to_dict(),
        "renewal": renewal(data, year, as_of).to_dict(),
        "practice": practice_json(data, as_of, start, end),
        "evidence": evidence_json(data),
    }


def evidence_json(data: FolioData) -> list[dict[str, Any]]:
    """Per practice case: how its evidence came in, and the criteria an observer's return leaves unticked
    that the mediator ticked."""
    return [
        {
            "case": case.ref,
            "came_in": list(came_in(data, case.ref)),
            "disagreements": [
                {"criterion": item.criterion, "observer": item.observer, "remark": item.remark}
                for item in disagreements(data, case.ref)
            ],
            "gaps_without_need": [
                {"heading": item.heading, "by": item.by, "text": item.text}
                for item in gaps_without_need(data, case.ref)
            ],
        }
        for case in practice_cases(data)
    ]
