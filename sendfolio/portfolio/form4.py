"""Form 4 (Appendix A), the accreditation form, as a document model. Pure.

Form 4 "certifies that a mediator has met all the training and practice requirements and
can be accredited as a SEND mediator". So it lists the facts it certifies, read from the
records of the period: both courses (dates, hours, providers), the hours of casework and
of reflection, the practice cases with the mediator's role and their dates, the observed
final case and its observer, and the PPC. The declaration and the signature blocks follow
only when every requirement is met; until then the form says what is still missing, in the
standards' words with their paragraph, instead of a block ready to sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendfolio import rules
from sendfolio.domain.form4_fields import CONFIRMATIONS
from sendfolio.domain.records import Case, PPCContact, Training, Verification
from sendfolio.portfolio.wording import prose_dates


@dataclass(frozen=True)
class Missing:
    """A requirement not yet met, as the form names it: title, paragraph and what the records show."""

    title: str
    source: str
    why: str


@dataclass(frozen=True)
class Form4:
    """The facts Form 4 certifies, and whether it is ready to sign."""

    foundation: Training | None
    send_training: Training | None
    casework_hours: float
    reflection_hours: float
    observed: Case | None
    practice_cases: tuple[Case, ...]
    final: Case | None
    final_counts: bool
    ppc: PPCContact | None
    ppc_sessions: int
    ppc_hours: float
    verification: Verification | None
    missing: tuple[Missing, ...]
    compiled: date
    confirmed: tuple[str, ...] = ()
    """The statements of Form 4 the PPC confirmed on the Form 4 they returned, in Appendix A's words."""
    unconfirmed: tuple[str, ...] = ()
    """The statements the PPC's returned Form 4 leaves unticked."""

    @property
    def ready(self) -> bool:
        """True when nothing is missing: the declaration and signature blocks are printed."""
        return not self.missing


def form4(found: rules.Assessment) -> Form4:
    """Form 4 for the records of the period, as the rules judged them (`rules.assess`)."""
    data, report, as_of = found.records, found.report, found.as_of
    sessions = data.ppc_sessions
    verified = data.verification
    ticked = set(verified.confirmed) if verified is not None and verified.returned else None
    name = data.profile.name or "the mediator"
    words = {key: text.format(name=name) for key, text in CONFIRMATIONS.items()}
    return Form4(
        foundation=found.foundation_course,
        send_training=found.send_training or found.send_training_candidate,
        casework_hours=found.casework_hours,
        reflection_hours=found.reflection_hours,
        observed=found.observation_case,
        practice_cases=found.practice_cases,
        final=found.final_case,
        final_counts=report.requirement("practice.final-lead").met,
        ppc=data.ppc_contact,
        ppc_sessions=len(sessions),
        ppc_hours=round(sum(item.hours for item in sessions), 2),
        verification=data.verification,
        missing=tuple(Missing(item.title, item.source, prose_dates(item.detail or item.have)) for item in report.unmet),
        compiled=as_of,
        confirmed=tuple(text for key, text in words.items() if ticked is not None and key in ticked),
        unconfirmed=tuple(text for key, text in words.items() if ticked is not None and key not in ticked),
    )
