"""The record types of a mediator's folio and their one validation.

Every way in -- a TUI form, a CSV row, a Markdown file, a JSON backup -- builds
records with `RecordType.from_dict(raw)`, which parses each field with the parser
in `fields.py` and then checks the record as a whole, and what is entered: no
control characters but tab and new line in any text, and Markdown no bigger or
deeper than `markdown_limits` allows. A bad value raises `InvalidRecord`, listing
each field with what is allowed. The store reads its own file with `stored=True`,
which leaves out the entry checks, so a folio written before a check existed
still opens (and its record is checked when it is next saved). Records are frozen;
`to_dict()` gives the JSON-safe form that the store and the backup hold.

Cases carry a reference, never a person's name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal, Self, get_args

from sendfolio.domain import fields as f
from sendfolio.domain.documents import (
    ATTACHMENT_FOR as ATTACHMENT_FOR,
    ATTACHMENT_FOR_HELP as ATTACHMENT_FOR_HELP,
    ATTACHMENT_MAX_BYTES as ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES as ATTACHMENT_TYPES,
    Attachment as Attachment,
    came_in_words,
)
from sendfolio.domain.fields import is_blank
from sendfolio.domain.form4_fields import CONFIRMATIONS
from sendfolio.domain.governance import DevelopmentTarget, Feedback, GovernanceItem, conduct_field, conduct_note
from sendfolio.domain.learning_plan import (
    NEED_MET_BY as NEED_MET_BY,
    NEED_SOURCE as NEED_SOURCE,
    NEED_SOURCE_HELP as NEED_SOURCE_HELP,
    NEED_STATUSES as NEED_STATUSES,
    LearningNeed as LearningNeed,
)
from sendfolio.domain.record_base import (
    FieldError as FieldError,
    Identified as Identified,
    InvalidRecord as InvalidRecord,
    Record as Record,
    digest_field as _digest,
    field_spec as _spec,
    id_field as _id,
)
from sendfolio.domain.reflection_text import NO_OWN_WORDS, has_own_words
from sendfolio.domain.vocabulary import (
    ACTIVE_ROLES as ACTIVE_ROLES,
    CASE_KINDS as CASE_KINDS,
    CASE_REF as CASE_REF,
    CASE_REF_HELP as CASE_REF_HELP,
    CASE_ROLES as CASE_ROLES,
    CASE_STATUSES as CASE_STATUSES,
    COURSE_HOURS_MAX as COURSE_HOURS_MAX,
    COVERS_BY_KIND as COVERS_BY_KIND,
    CPD_METHODS as CPD_METHODS,
    DEBRIEF_HEADINGS as DEBRIEF_HEADINGS,
    DEBRIEF_TITLES as DEBRIEF_TITLES,
    FOUNDATION_COVERS as FOUNDATION_COVERS,
    HELD_OUTCOMES as HELD_OUTCOMES,
    HOURS_MAX as HOURS_MAX,
    MEMBERSHIP_BODIES as MEMBERSHIP_BODIES,
    OUTCOMES as OUTCOMES,
    PPC_MODES as PPC_MODES,
    RECORD_ID as RECORD_ID,
    RECORDED_BY as RECORDED_BY,
    ROUTES as ROUTES,
    SEND_MODULES as SEND_MODULES,
    TIMELINE_DATES as TIMELINE_DATES,
    TRAINING_KINDS as TRAINING_KINDS,
    CaseKind as CaseKind,
    CaseRole as CaseRole,
    CaseStatus as CaseStatus,
    CPDMethod as CPDMethod,
    MembershipBody as MembershipBody,
    Outcome as Outcome,
    PPCMode as PPCMode,
    RecordedBy as RecordedBy,
    Route as Route,
    TrainingKind as TrainingKind,
)


def status_from(outcome: Any) -> str:
    """The status of a case stored before cases had one, read from its outcome.

    "withdrawn" and "not-held" outcomes become that status (and leave the outcome blank, whatever
    the status said); a blank outcome means the case is booked; any other outcome means it was held.
    """
    if is_blank(outcome):
        return "booked"
    value = str(outcome).strip().lower()
    return value if value in ("withdrawn", "not-held") else "held"


CASE_DATE_ORDER = (
    ("adviser_contacted", "decision_notice", "the mediation adviser cannot be contacted before the decision notice"),
    ("mediation_declined", "adviser_contacted", "mediation cannot be declined before the adviser was contacted"),
    ("la_informed", "decision_notice", "the LA cannot be told of a wish to mediate before its decision notice"),
    (
        "health_commissioner_told",
        "la_informed",
        "the health commissioner is told after the LA learns of the wish to mediate",
    ),
    ("date_fixed", "la_informed", "the mediation date cannot be fixed before the LA was told"),
    ("parties_notified", "date_fixed", "parties cannot be told of a date before it was fixed"),
    ("la_unable_to_arrange", "la_informed", "the LA cannot say it is unable to arrange mediation before it was told"),
    ("mediation_concluded", "date_fixed", "mediation cannot conclude before its date was fixed"),
    ("mediation_concluded", "decision_notice", "mediation cannot conclude before the decision notice"),
    ("certificate_issued", "mediation_concluded", "a certificate cannot predate the mediation it follows"),
    (
        "certificate_issued",
        "mediation_declined",
        "a certificate cannot predate the adviser being told mediation is not wanted",
    ),
    ("certificate_issued", "decision_notice", "a certificate cannot predate the decision notice"),
    ("agreement_reached", "date_fixed", "an agreement cannot be reached before the mediation date was fixed"),
)
"""(later, earlier, why): pairs of timeline dates that must come in this order."""


@dataclass(frozen=True, kw_only=True)
class Case(Record):
    """One SEND mediation or disagreement-resolution case, anonymised by its reference."""

    KIND: ClassVar[str] = "case"
    ref: str = _spec(f.pattern(CASE_REF, CASE_REF_HELP))
    kind: CaseKind = _spec(f.choice(CASE_KINDS))
    role: CaseRole = _spec(f.choice(CASE_ROLES))
    date: dt.date = _spec(f.a_date())
    status: CaseStatus = _spec(f.choice(CASE_STATUSES), "held")
    prep_hours: float = _spec(f.hours(maximum=HOURS_MAX, required=False))
    meeting_hours: float = _spec(f.hours(maximum=HOURS_MAX, required=False))
    followup_hours: float = _spec(f.hours(maximum=HOURS_MAX, required=False))
    outcome: Outcome = _spec(f.choice(OUTCOMES, required=False), "")
    observed_by: str = _spec(f.text(max_length=120, single_line=True), "")
    observed_by_role: str = _spec(f.text(max_length=60, single_line=True), "")
    debriefed: bool = _spec(f.yes_no, False)
    issues: tuple[str, ...] = _spec(f.a_list(), ())
    notes: str = _spec(f.text(), "", markdown=True)
    debrief: dict = _spec(f.text_map(DEBRIEF_HEADINGS), {}, markdown=True)
    health_care: bool = _spec(f.yes_no, False)
    decision_notice: dt.date | None = _spec(f.a_date(required=False), None)
    adviser_contacted: dt.date | None = _spec(f.a_date(required=False), None)
    mediation_declined: dt.date | None = _spec(f.a_date(required=False), None)
    la_informed: dt.date | None = _spec(f.a_date(required=False), None)
    health_commissioner_told: dt.date | None = _spec(f.a_date(required=False), None)
    date_fixed: dt.date | None = _spec(f.a_date(required=False), None)
    parties_notified: dt.date | None = _spec(f.a_date(required=False), None)
    la_unable_to_arrange: dt.date | None = _spec(f.a_date(required=False), None)
    mediation_concluded: dt.date | None = _spec(f.a_date(required=False), None)
    certificate_issued: dt.date | None = _spec(f.a_date(required=False), None)
    agreement_reached: dt.date | None = _spec(f.a_date(required=False), None)
    debrief_by: str = _spec(f.text(max_length=120, single_line=True), "")
    debrief_by_role: str = _spec(f.text(max_length=60, single_line=True), "")
    debrief_returned_on: dt.date | None = _spec(f.a_date(required=False), None)
    debrief_returned: tuple[str, ...] = _spec(f.a_list(options=DEBRIEF_HEADINGS), ())
    conduct_independence: str = conduct_field()
    conduct_independence_note: str = conduct_note()
    conduct_no_prior_role: str = conduct_field()
    conduct_no_prior_role_note: str = conduct_note()
    conduct_outcomes_agreed: str = conduct_field()
    conduct_outcomes_agreed_note: str = conduct_note()
    conduct_adjustments: str = conduct_field()
    conduct_adjustments_note: str = conduct_note()
    conduct_child_views: str = conduct_field()
    conduct_child_views_note: str = conduct_note()
    conduct_signposting: str = conduct_field()
    conduct_signposting_note: str = conduct_note()

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], *, strict: bool = True, stored: bool = False) -> Self:
        """Build a case, reading a stored case without a status from its outcome (see `status_from`).

        The outcome and the meeting and follow-up hours are required only once the case is held.
        """
        values = dict(raw)
        outcome = values.get("outcome")
        legacy = isinstance(outcome, str) and outcome.strip().lower() in ("withdrawn", "not-held")
        if is_blank(values.get("status")) or legacy:
            values["status"] = status_from(outcome)
        elif isinstance(values.get("status"), str):
            values["status"] = values["status"].strip().lower().replace(" ", "-")
        if legacy:
            values["outcome"] = ""
        missing = [
            FieldError(name, "is required once the case is held")
            for name in ("meeting_hours", "followup_hours", "outcome")
            if values["status"] == "held" and is_blank(values.get(name))
        ]
        try:
            case = super().from_dict(values, strict=strict, stored=stored)
        except InvalidRecord as invalid:
            named = {error.field for error in invalid.errors}
            raise InvalidRecord(
                cls.KIND, invalid.errors + [item for item in missing if item.field not in named]
            ) from None
        if missing:
            raise InvalidRecord(cls.KIND, missing)
        return case

    @property
    def is_held(self) -> bool:
        """True when the mediation (or disagreement resolution) meeting has been held."""
        return self.status == "held"

    @property
    def total_hours(self) -> float:
        """Preparation, meeting and follow-up hours together."""
        return round(self.prep_hours + self.meeting_hours + self.followup_hours, 2)

    @property
    def observer_words(self) -> str:
        """ "Observed by" in words: the observer's name and role ("Dr Morgan Hale (PPC)"), or what is recorded of them."""
        if self.observed_by and self.observed_by_role:
            return f"{self.observed_by} ({self.observed_by_role})"
        return self.observed_by or self.observed_by_role

    @property
    def is_active(self) -> bool:
        """True when the mediator co-mediated or led (not only observed)."""
        return self.role in ACTIVE_ROLES

    def problems(self) -> list[FieldError]:
        """Timeline dates out of order, and de-brief notes without a de-brief."""
        found = [
            FieldError(later, f"{why} ({getattr(self, later)} is before {getattr(self, earlier)})")
            for later, earlier, why in CASE_DATE_ORDER
            if getattr(self, later) and getattr(self, earlier) and getattr(self, later) < getattr(self, earlier)
        ]
        if self.mediation_concluded and self.mediation_concluded < self.date and self.status != "not-held":
            found.append(FieldError("mediation_concluded", "cannot be before the case date"))
        if self.debrief_returned and not (self.debrief_by and self.debrief_returned_on):
            found.append(
                FieldError("debrief_returned", "a de-brief from a returned form needs the observer's name and date")
            )
        if self.is_held and not self.outcome:
            found.append(FieldError("outcome", "is required once the case is held"))
        elif self.is_held and self.outcome not in HELD_OUTCOMES:
            found.append(FieldError("outcome", f"a held case ends in {' / '.join(HELD_OUTCOMES)}"))
        if not self.is_held and self.outcome:
            found.append(FieldError("outcome", f"only a held case has an outcome (this one is {self.status})"))
        return found

    def debrief_provenance(self, heading: str) -> str:
        """Who recorded one de-brief heading: "returned by … on …" or "entered by the mediator"."""
        if heading in self.debrief_returned:
            return returned_words(self.debrief_by, self.debrief_returned_on)
        return ENTERED_BY_MEDIATOR


@dataclass(frozen=True, kw_only=True)
class Observation(Record):
    """A Forms 1–3 criterion demonstrated in a case, with who saw it and the evidence."""

    KIND: ClassVar[str] = "observation"
    ref: str = _spec(f.pattern(CASE_REF, CASE_REF_HELP))
    criterion: str = _spec(f.pattern(r"[a-z0-9.\-]{3,60}", "a criterion id listed by `sendfolio criteria`"))
    observer: str = _spec(f.text(max_length=120, single_line=True), "")
    notes: str = _spec(f.text(max_length=5_000), "")
    observer_role: str = _spec(f.text(max_length=60, single_line=True), "")
    recorded_by: RecordedBy = _spec(f.choice(RECORDED_BY), "mediator")
    returned_on: dt.date | None = _spec(f.a_date(required=False), None)

    @property
    def returned(self) -> bool:
        """True when the observation came from a form the observer returned."""
        return self.recorded_by == "returned-form"

    @property
    def provenance(self) -> str:
        """Who recorded it: "returned by ⟨observer⟩ on ⟨date⟩" or "entered by the mediator"."""
        return returned_words(self.observer, self.returned_on) if self.returned else ENTERED_BY_MEDIATOR

    def problems(self) -> list[FieldError]:
        """An observation from a returned form names its observer (its date is the form's, when the observer gave one)."""
        if self.returned and not self.observer:
            return [FieldError("observer", "is required for an observation from a returned form")]
        return []


ReturnHow = Literal["unsigned", "signed", "paper"]
"""How a return came in: a filled-in PDF not signed, one digitally signed, or a paper form transcribed."""

RETURN_HOW: tuple[ReturnHow, ...] = get_args(ReturnHow)
"""Every way a return comes in."""

VerifierRole = Literal["PPC", "manager", "mentor"]
"""Who verifies a portfolio (Form 4) or makes a Form 5 declaration."""


def _criterion_ids() -> tuple[str, ...]:
    """Every criterion id of Forms 1–3 (the keys an observer's remarks may have)."""
    from sendfolio.domain.criteria import CRITERIA

    return tuple(crit.id for crit in CRITERIA)


@dataclass(frozen=True, kw_only=True)
class ObserverReturn(Identified):
    """One observer's Forms 1–3 as they came back for one case: who, when, how, and what they wrote.

    The ticks are observations (keyed by case, criterion and observer) and listed here
    (`ticked`); this record keeps the rest of the return: the forms it carries, the de-brief under the observer's name, their
    remarks beside criteria they did not tick, the file kept as it came (an attachment, with its
    SHA-256), how it came (signed, unsigned or on paper) and, once a later return of the same
    observer replaces it, the id of that return.
    """

    KIND: ClassVar[str] = "return"
    id: str = _id()
    ref: str = _spec(f.pattern(CASE_REF, CASE_REF_HELP))
    observer: str = _spec(f.text(required=True, max_length=120, single_line=True))
    observer_role: str = _spec(f.text(max_length=60, single_line=True), "")
    forms: tuple[str, ...] = _spec(f.a_list(options=("1", "2", "3")), ())
    completed: dt.date | None = _spec(f.a_date(required=False), None)
    imported: dt.date = _spec(f.a_date())
    ticked: tuple[str, ...] = _spec(f.a_list(options=_criterion_ids(), max_items=200, item_length=60), ())
    how: ReturnHow = _spec(f.choice(RETURN_HOW), "unsigned")
    attachment: str = _spec(f.pattern(RECORD_ID, "the id of an attachment", required=False), "")
    sha256: str = _digest(required=False)
    signer: str = _spec(f.text(max_length=200, single_line=True), "")
    certificate: str = _spec(f.text(max_length=300, single_line=True), "")
    signed_at: str = _spec(f.text(max_length=40, single_line=True), "")
    debrief: dict = _spec(f.text_map(DEBRIEF_HEADINGS), {}, markdown=True)
    remarks: dict = _spec(f.text_map(_criterion_ids(), max_length=5_000), {})
    replaced_by: str = _spec(f.pattern(RECORD_ID, "the id of the return that replaced it", required=False), "")

    @property
    def current(self) -> bool:
        """True while no later return of the same observer has replaced it."""
        return not self.replaced_by

    @property
    def form_numbers(self) -> tuple[int, ...]:
        """The forms it carries, as numbers."""
        return tuple(int(number) for number in self.forms)

    def debrief_provenance(self) -> str:
        """ "returned by ⟨observer⟩ on ⟨date⟩": who wrote its de-brief."""
        return returned_words(self.observer, self.completed or self.imported)

    @property
    def how_words(self) -> str:
        """How it came in, as the assessor reads it: signed and checked, not signed, or transcribed from paper."""
        if self.how == "paper":
            return "transcribed by the mediator from the observer's signed paper form"
        return came_in_words(self.how, self.signer or self.observer, self.certificate, self.signed_at, self.imported)


ENTERED_BY_MEDIATOR = "entered by the mediator"
"""The provenance of what the mediator recorded without a returned form."""


def returned_words(observer: str, on: dt.date | None) -> str:
    """ "returned by ⟨observer⟩ on ⟨date⟩", the provenance of what came back on a form."""
    when = f" on {on.day} {on.strftime('%B %Y')}" if on else ""
    return f"returned by {observer}{when}"


@dataclass(frozen=True, kw_only=True)
class Reflection(Identified):
    """A written reflection on practice, in Markdown."""

    KIND: ClassVar[str] = "reflection"
    id: str = _id()
    date: dt.date = _spec(f.a_date())
    hours: float = _spec(f.hours(maximum=HOURS_MAX, allow_zero=False))
    title: str = _spec(f.text(required=True, max_length=200, single_line=True))
    body: str = _spec(f.text(max_length=200_000), "", markdown=True)
    case: str = _spec(f.pattern(CASE_REF, CASE_REF_HELP, required=False), "")
    cpd: str = _spec(f.pattern(RECORD_ID, "the id of a CPD entry", required=False), "")

    def save_problems(self) -> list[FieldError]:
        """A reflection is saved only with words of the mediator's own (not headings or template prompts alone)."""
        return [] if has_own_words(self.body) else [FieldError("body", NO_OWN_WORDS)]


@dataclass(frozen=True, kw_only=True)
class CPDEntry(Identified):
    """One entry of the CPD diary."""

    KIND: ClassVar[str] = "cpd"
    id: str = _id()
    date: dt.date = _spec(f.a_date())
    hours: float = _spec(f.hours(maximum=HOURS_MAX, allow_zero=False))
    method: CPDMethod = _spec(f.choice(CPD_METHODS))
    title: str = _spec(f.text(required=True, max_length=200, single_line=True))
    provider: str = _spec(f.text(max_length=200, single_line=True), "")
    learning: str = _spec(f.text(max_length=20_000), "", markdown=True)


@dataclass(frozen=True, kw_only=True)
class PPCSession(Identified):
    """A supervision or mentoring session with a Professional Practice Consultant."""

    KIND: ClassVar[str] = "ppc"
    id: str = _id()
    date: dt.date = _spec(f.a_date())
    ppc: str = _spec(f.text(required=True, max_length=120, single_line=True))
    hours: float = _spec(f.hours(maximum=HOURS_MAX, allow_zero=False))
    mode: PPCMode = _spec(f.choice(PPC_MODES))
    topics: str = _spec(f.text(max_length=20_000), "", markdown=True)
    actions: str = _spec(f.text(max_length=20_000), "", markdown=True)


@dataclass(frozen=True, kw_only=True)
class Training(Identified):
    """A foundation, SEND or refresher course, with what it covered."""

    KIND: ClassVar[str] = "training"
    id: str = _id()
    kind: TrainingKind = _spec(f.choice(TRAINING_KINDS))
    title: str = _spec(f.text(required=True, max_length=200, single_line=True))
    provider: str = _spec(f.text(required=True, max_length=200, single_line=True))
    date: dt.date = _spec(f.a_date())
    hours: float = _spec(f.hours(maximum=COURSE_HOURS_MAX, allow_zero=False))
    recognised_by: str = _spec(f.text(max_length=120, single_line=True), "")
    covers: tuple[str, ...] = _spec(f.a_list(options=FOUNDATION_COVERS + SEND_MODULES), ())

    def problems(self) -> list[FieldError]:
        """A course covers only what its kind can cover."""
        allowed = COVERS_BY_KIND.get(self.kind, ())
        wrong = [item for item in self.covers if item not in allowed]
        if not wrong:
            return []
        listed = " ; ".join(allowed) if allowed else "nothing (leave it empty)"
        return [FieldError("covers", f"'{wrong[0]}' is not covered by {self.kind} training: use {listed}")]


@dataclass(frozen=True, kw_only=True)
class Profile(Record):
    """The mediator: name, membership, registration anniversary, route and when accredited."""

    KIND: ClassVar[str] = "profile"
    name: str = _spec(f.text(max_length=120, single_line=True), "")
    membership_body: MembershipBody | Literal[""] = _spec(f.choice(MEMBERSHIP_BODIES, required=False), "")
    membership_number: str = _spec(f.text(max_length=60, single_line=True), "")
    registration_anniversary: dt.date | None = _spec(f.a_date(required=False), None)
    route: Route = _spec(f.choice(ROUTES), "new")
    lead_since: dt.date | None = _spec(f.a_date(required=False), None)
    accredited_on: dt.date | None = _spec(f.a_date(required=False), None)
    returned_forms_only: bool = _spec(f.yes_no, False)


@dataclass(frozen=True, kw_only=True)
class PPCContact(Record):
    """The mediator's Professional Practice Consultant."""

    KIND: ClassVar[str] = "ppc_contact"
    name: str = _spec(f.text(required=True, max_length=120, single_line=True))
    register: str = _spec(f.text(max_length=120, single_line=True), "")
    # The PPC's own e-mail and phone are what these fields are for (never printed): read against the list only.
    email: str = _spec(
        f.pattern(r"[^@\s]+@[^@\s]+\.[^@\s]+", "an e-mail address: a name, @ and a domain", required=False),
        "",
        identifiers="list",
    )
    phone: str = _spec(
        f.pattern(r"[0-9+() \-]{6,20}", "a phone number of digits, spaces and + ( ) -", required=False),
        "",
        identifiers="list",
    )


@dataclass(frozen=True, kw_only=True)
class Verification(Record):
    """The PPC's verification of the portfolio (standards §1.3) or a Form 5 declaration."""

    KIND: ClassVar[str] = "verification"
    name: str = _spec(f.text(required=True, max_length=120, single_line=True))
    register: str = _spec(f.text(max_length=120, single_line=True), "")
    role: VerifierRole = _spec(f.choice(get_args(VerifierRole)), "PPC")
    date: dt.date = _spec(f.a_date())
    statement: str = _spec(f.text(max_length=5_000), "", markdown=True)
    # Set when the PPC returned Form 4 themselves (`io/ppc_return.py`); empty when the mediator typed it.
    confirmed: tuple[str, ...] = _spec(f.a_list(options=tuple(CONFIRMATIONS)), ())
    how: Literal["unsigned", "signed", ""] = _spec(f.choice(RETURN_HOW[:2], required=False), "")
    imported: dt.date | None = _spec(f.a_date(required=False), None)
    attachment: str = _spec(f.pattern(RECORD_ID, "the id of an attachment", required=False), "")
    sha256: str = _digest(required=False)
    signer: str = _spec(f.text(max_length=200, single_line=True), "")
    certificate: str = _spec(f.text(max_length=300, single_line=True), "")
    signed_at: str = _spec(f.text(max_length=40, single_line=True), "")

    @property
    def returned(self) -> bool:
        """True when it came back on Form 4 from the PPC's own hand (not typed by the mediator)."""
        return bool(self.how)

    @property
    def how_words(self) -> str:
        """How it came in, as the assessor reads it ('' when the mediator typed it)."""
        if not self.returned or self.imported is None:
            return ""
        return came_in_words(self.how, self.signer or self.name, self.certificate, self.signed_at, self.imported)

    def edited_from(self, old: Verification | None) -> Verification:
        """This verification as the mediator saved it from `old`: no longer the PPC's return once its words change."""
        given = ("name", "register", "role", "date", "statement")
        if old is None or not old.returned or all(getattr(self, key) == getattr(old, key) for key in given):
            return self
        return self.with_changes(
            confirmed=[], how="", imported=None, attachment="", sha256="", signer="", certificate="", signed_at=""
        )


RECORD_TYPES: dict[str, type[Record]] = {
    cls.KIND: cls
    for cls in (
        Case,
        Observation,
        Reflection,
        CPDEntry,
        PPCSession,
        Training,
        Profile,
        PPCContact,
        Verification,
        LearningNeed,
        Attachment,
        GovernanceItem,
        Feedback,
        DevelopmentTarget,
    )
}
"""Every record type by its kind."""


@dataclass(frozen=True, kw_only=True)
class FolioData:
    """Everything in a folio at one moment: what the rules, reports and exports read."""

    profile: Profile = field(default_factory=Profile)
    cases: tuple[Case, ...] = ()
    observations: tuple[Observation, ...] = ()
    reflections: tuple[Reflection, ...] = ()
    cpd: tuple[CPDEntry, ...] = ()
    ppc_sessions: tuple[PPCSession, ...] = ()
    training: tuple[Training, ...] = ()
    ppc_contact: PPCContact | None = None
    verification: Verification | None = None
    passport_declaration: Verification | None = None
    learning_plan: tuple[LearningNeed, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    governance: tuple[GovernanceItem, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    development_plan: tuple[DevelopmentTarget, ...] = ()
    returns: tuple[ObserverReturn, ...] = ()

    def case(self, ref: str) -> Case | None:
        """The case with this reference, if any."""
        return self._cases_by_ref.get(ref)

    def observations_for(self, ref: str) -> tuple[Observation, ...]:
        """The criteria observed in one case (a criterion once per observer who saw it)."""
        return self._observations_by_ref.get(ref, ())

    def returns_for(self, ref: str, *, current_only: bool = True) -> tuple[ObserverReturn, ...]:
        """The observers' returns of one case, as they came back (the replaced ones too unless `current_only`)."""
        found = self._returns_by_ref.get(ref, ())
        return tuple(item for item in found if item.current) if current_only else found

    # Looked up per case by the rules (every case's disagreements, evidence, timeline): grouped once, so
    # asking each of 600 cases is not 600 walks of 12,000 observations. The data are frozen, so the
    # groups never go stale; `cached_property` writes the instance's dict, which a frozen dataclass allows.
    @cached_property
    def _cases_by_ref(self) -> dict[str, Case]:
        """The cases by reference (the first of a reference, as a search from the start finds it)."""
        found: dict[str, Case] = {}
        for case in self.cases:
            found.setdefault(case.ref, case)
        return found

    @cached_property
    def _observations_by_ref(self) -> dict[str, tuple[Observation, ...]]:
        """The observations of each case, in their order."""
        return _grouped(self.observations)

    @cached_property
    def _returns_by_ref(self) -> dict[str, tuple[ObserverReturn, ...]]:
        """The observers' returns of each case (the replaced ones too), in their order."""
        return _grouped(self.returns)


def _grouped(items: tuple[Any, ...]) -> dict[str, tuple[Any, ...]]:
    """Records with a case reference (`ref`), grouped by it, each group in the records' order."""
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(item.ref, []).append(item)
    return {ref: tuple(group) for ref, group in groups.items()}
