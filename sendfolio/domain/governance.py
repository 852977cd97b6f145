"""The sole provider's practice (standards, Appendix D): governance, conduct, feedback, development plan.

A sole SEND mediator is also their own mediation provider. Appendix D asks a provider to
govern (§1.2), evaluate and develop (§2), make the service accessible (§3) and conduct
mediations well (§4). This module holds that as data, in the standards' words with their
paragraphs, and the three record kinds a provider keeps:

- `GovernanceItem`: one entry of the governance register (a policy, the insurance, the
  safeguarding training, the data-protection registration...), with its evidence, the date
  it was last reviewed and the date it must be reviewed or renewed by;
- `Feedback`: anonymised feedback from a service user about a case, and the provider's
  response (due within `FEEDBACK_RESPONSE_DAYS` working days);
- `DevelopmentTarget`: a target of the practice development plan (§2), with its review date
  and progress.

The §4 conduct declarations live on the case record (`records.Case`); their wording and the
parser of an answer are here. Nothing here computes a date: `rules/practice.py` judges.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, get_args

from sendfolio.domain import fields as f
from sendfolio.domain.record_base import FieldError, Identified, field_spec as _spec, id_field as _id
from sendfolio.domain.vocabulary import CASE_REF, CASE_REF_HELP

APPENDIX_D = "Appendix D"
"""How the standards name the guidance for mediation providers; every paragraph below is of it."""


@dataclass(frozen=True)
class GovernanceKind:
    """One thing Appendix D §1.2 asks a provider to have: its words, its paragraph and how often it is renewed.

    `lapses` is True for what expires (insurance cover, training, a registration): past its date
    the provider no longer has it. Otherwise it is a policy or statement that is due for review.
    """

    key: str
    title: str
    standard: str
    paragraph: str
    months: int
    lapses: bool

    @property
    def source(self) -> str:
        """The paragraph as printed: "Appendix D §1.2"."""
        return f"{APPENDIX_D} {self.paragraph}"


GOVERNANCE_KINDS: tuple[GovernanceKind, ...] = (
    GovernanceKind(
        "legislation",
        "Compliance with the SEND legislation",
        "comply with the Children and Families Act 2014, the SEND Regulations 2014 and the SEND Code of Practice 2015",
        "§1.2",
        12,
        False,
    ),
    GovernanceKind(
        "data-protection-policy",
        "Data protection policy",
        "comply with all requirements of the General Data Protection Regulation",
        "§1.2",
        12,
        False,
    ),
    GovernanceKind(
        "data-protection-registration",
        "Data protection registration",
        "comply with all requirements of the General Data Protection Regulation (registration with the "
        "Information Commissioner's Office, renewed each year)",
        "§1.2",
        12,
        True,
    ),
    GovernanceKind(
        "safeguarding-policy",
        "Safeguarding policy",
        "have a safeguarding policy that complies with current legislation and guidance",
        "§1.2",
        12,
        False,
    ),
    GovernanceKind(
        "safeguarding-training",
        "Safeguarding training",
        "have accurate, current training on safeguarding procedures and how to report concerns",
        "§1.2",
        36,
        True,
    ),
    GovernanceKind(
        "codes-of-conduct",
        "Codes of Conduct",
        "work to the Codes of Conduct laid down by the Civil Mediation Council and the College of Mediators, "
        "as applicable",
        "§1.2, §4.1",
        12,
        False,
    ),
    GovernanceKind(
        "accreditation",
        "Accreditation and registration",
        "be accredited/registered and maintain the voluntary SEND mediator standards in practice",
        "§1.2",
        12,
        True,
    ),
    GovernanceKind(
        "complaints-policy",
        "Complaint and dispute resolution policy",
        "have a complaint and dispute resolution policy available online",
        "§1.2",
        12,
        False,
    ),
    GovernanceKind(
        "equality-policy",
        "Equality and inclusivity",
        "ensure that Equality and Inclusivity are reflected in policies and practice",
        "§1.2",
        12,
        False,
    ),
    GovernanceKind(
        "insurance",
        "Insurance cover",
        "have adequate insurance cover in place against any claim of negligently administering a mediation",
        "§1.2",
        12,
        True,
    ),
    GovernanceKind(
        "accountability",
        "Accountability and responsibility",
        "have clear lines of internal accountability and responsibility",
        "§1.2",
        12,
        False,
    ),
)
"""What Appendix D §1.2 asks a provider to keep, in the standards' words, each with a default review
or renewal interval in months (a record may set its own)."""

GOVERNANCE_KEYS = tuple(kind.key for kind in GOVERNANCE_KINDS)
"""The coded names of the governance items, in the order of §1.2."""


def governance_kind(key: str) -> GovernanceKind:
    """The §1.2 item with this key (KeyError naming the known keys when there is none)."""
    for kind in GOVERNANCE_KINDS:
        if kind.key == key:
            return kind
    raise KeyError(f"no governance item '{key}'; known items: {', '.join(GOVERNANCE_KEYS)}")


REMINDER_DAYS = 60
"""How far ahead a lapse or a review is shown: what lapses within 60 days is listed as soon."""

FEEDBACK_RESPONSE_DAYS = 20
"""Working days (England) within which a service user's feedback is answered (§2: "a prompt response")."""

FEEDBACK_RESPONSE_SOURCE = f"{APPENDIX_D} §2"
"""Where the feedback response comes from in the standards."""

FeedbackFrom = Literal["parent-carer", "young-person", "local-authority", "other"]
"""Who gave feedback: never a name."""

FEEDBACK_FROM: tuple[FeedbackFrom, ...] = get_args(FeedbackFrom)
"""Everyone who may give feedback, in the order offered."""

RATING_MAX = 5
"""Ratings run from 1 (not at all) to 5 (fully)."""


@dataclass(frozen=True)
class FeedbackQuestion:
    """One fixed question of the feedback form, rated 1 to 5."""

    key: str
    text: str
    paragraph: str


FEEDBACK_QUESTIONS: tuple[FeedbackQuestion, ...] = (
    FeedbackQuestion("explained", "The methods and process were clearly explained", "§3"),
    FeedbackQuestion("safe", "I felt safe, confident and knowledgeable about the process before the meeting", "§3"),
    FeedbackQuestion("impartial", "The mediator was impartial and did not take sides", "§4.1"),
    FeedbackQuestion("views", "The child's or young person's views were included", "§3"),
)
"""The rated questions of a feedback record (field `rating_<key>`), each with its paragraph of Appendix D."""


@dataclass(frozen=True)
class ConductDeclaration:
    """One §4 (or §3) declaration answered on each case."""

    key: str
    title: str
    question: str
    paragraph: str

    @property
    def field(self) -> str:
        """The case field holding the answer."""
        return f"conduct_{self.key.replace('-', '_')}"

    @property
    def note_field(self) -> str:
        """The case field holding the note beside the answer."""
        return f"{self.field}_note"


CONDUCT_DECLARATIONS: tuple[ConductDeclaration, ...] = (
    ConductDeclaration(
        "independence",
        "Independence",
        "Not directly employed by the local authority or the health commissioner in the case",
        "§4.1",
    ),
    ConductDeclaration(
        "no-prior-role",
        "Neutrality",
        "No prior or later role with any of the parties (never representing a party in the dispute)",
        "§4.1",
    ),
    ConductDeclaration(
        "outcomes-agreed",
        "Confidentiality",
        "Clear agreement of all participants before outcomes were shared with anyone not present",
        "§4.1",
    ),
    ConductDeclaration(
        "adjustments",
        "Reasonable adjustments",
        "Reasonable adjustments made so that the service could be provided",
        "§3",
    ),
    ConductDeclaration(
        "child-views",
        "The child's or young person's views",
        "The views of the child or young person were included in the mediation meeting",
        "§3",
    ),
    ConductDeclaration(
        "signposting",
        "Signposting",
        "Signposted to support and advocacy services where appropriate",
        "§3",
    ),
)
"""The conduct declarations of each case, in the standards' words, with their paragraphs of Appendix D."""

CONDUCT_ANSWERS = ("yes", "no", "not-applicable")
"""How a declaration is answered; blank means not yet answered."""

_ANSWER_SYNONYMS = {"n/a": "not-applicable", "na": "not-applicable", "not applicable": "not-applicable"}
"""Other ways people write "not applicable"."""


def conduct_answer(raw: Any) -> str:
    """A declaration's answer: yes, no, not-applicable, or '' when not answered."""
    if isinstance(raw, str) and raw.strip().lower() in _ANSWER_SYNONYMS:
        return _ANSWER_SYNONYMS[raw.strip().lower()]
    answer: str = f.choice(CONDUCT_ANSWERS, required=False)(raw)
    return answer


def conduct_note() -> Any:
    """The field spec of a note beside a declaration."""
    return _spec(f.text(max_length=2_000), "")


def conduct_field() -> Any:
    """The field spec of a declaration's answer, unanswered by default."""
    return _spec(conduct_answer, "")


def _months(raw: Any) -> int:
    """A record's own review interval in months; blank (0) means the default of its kind."""
    if f.is_blank(raw):
        return 0
    months: int = f.whole_number(minimum=0, maximum=120)(raw)
    return months


def _rating(raw: Any) -> int:
    """A rating from 1 to 5; blank (0) means the question was not answered."""
    if f.is_blank(raw):
        return 0
    rating: int = f.whole_number(minimum=0, maximum=RATING_MAX)(raw)
    return rating


URL = r"https?://[^\s<>\"']{3,500}"
"""A web address (the online complaints policy)."""


@dataclass(frozen=True, kw_only=True)
class GovernanceItem(Identified):
    """One entry of the governance register (Appendix D §1.2) and its evidence.

    `due` is the date it lapses or must be reviewed by; when blank, it is worked out from
    `reviewed` and the review interval (`months`, or the default of its kind).
    """

    KIND: ClassVar[str] = "governance"
    id: str = _id()
    item: str = _spec(f.choice(GOVERNANCE_KEYS))
    title: str = _spec(f.text(max_length=200, single_line=True), "")
    reviewed: dt.date | None = _spec(f.a_date(required=False), None)
    due: dt.date | None = _spec(f.a_date(required=False), None)
    months: int = _spec(_months, 0)
    evidence: str = _spec(f.text(max_length=500, single_line=True), "")
    url: str = _spec(f.pattern(URL, "a web address starting http:// or https://", required=False), "")
    notes: str = _spec(f.text(max_length=5_000), "")

    @property
    def kind(self) -> GovernanceKind:
        """The §1.2 item this entry records."""
        return governance_kind(self.item)

    @property
    def interval(self) -> int:
        """The review or renewal interval in months: this entry's own, or its kind's default."""
        return self.months or self.kind.months

    @property
    def label(self) -> str:
        """Its title, or the words of its kind when it has none."""
        return self.title or self.kind.title

    def problems(self) -> list[FieldError]:
        """A review date after the date it is due by cannot be right."""
        if self.reviewed and self.due and self.due < self.reviewed:
            return [FieldError("due", f"cannot be before the date last reviewed ({self.reviewed})")]
        return []


@dataclass(frozen=True, kw_only=True)
class Feedback(Identified):
    """Anonymised feedback from a service user about a case, and the provider's response (§2)."""

    KIND: ClassVar[str] = "feedback"
    id: str = _id()
    case: str = _spec(f.pattern(CASE_REF, CASE_REF_HELP, required=False), "")
    given_by: FeedbackFrom = _spec(f.choice(FEEDBACK_FROM))
    received: dt.date = _spec(f.a_date())
    complaint: bool = _spec(f.yes_no, False)
    rating_explained: int = _spec(_rating, 0)
    rating_safe: int = _spec(_rating, 0)
    rating_impartial: int = _spec(_rating, 0)
    rating_views: int = _spec(_rating, 0)
    comments: str = _spec(f.text(max_length=5_000), "")
    response: str = _spec(f.text(max_length=5_000), "")
    responded: dt.date | None = _spec(f.a_date(required=False), None)

    def problems(self) -> list[FieldError]:
        """A response cannot be sent before the feedback came."""
        if self.responded and self.responded < self.received:
            return [FieldError("responded", f"cannot be before the feedback was received ({self.received})")]
        return []

    def ratings(self) -> dict[str, int]:
        """The answered ratings by question key."""
        given = {question.key: getattr(self, f"rating_{question.key}") for question in FEEDBACK_QUESTIONS}
        return {key: value for key, value in given.items() if value}


PlanStatus = Literal["open", "met", "dropped"]
"""Where a development target stands."""

PLAN_STATUSES: tuple[PlanStatus, ...] = get_args(PlanStatus)
"""Every status of a development target, in the order offered."""


def _plan_status(raw: Any) -> PlanStatus:
    """Where a target stands; blank means open."""
    return "open" if f.is_blank(raw) else f.choice(PLAN_STATUSES)(raw)


@dataclass(frozen=True, kw_only=True)
class DevelopmentTarget(Identified):
    """A target of the practice development plan (Appendix D §2): the service's, not the mediator's learning."""

    KIND: ClassVar[str] = "development"
    id: str = _id()
    target: str = _spec(f.text(required=True, max_length=500, single_line=True))
    action: str = _spec(f.text(max_length=2_000), "")
    review: dt.date = _spec(f.a_date())
    status: PlanStatus = _spec(_plan_status, "open")
    progress: str = _spec(f.text(max_length=5_000), "")

    def is_overdue(self, today: dt.date) -> bool:
        """True when the target is still open after its review date."""
        return self.status == "open" and self.review < today
