"""The coded values of the records: kinds, roles, statuses, outcomes, methods, headings, limits.

Plain data, no behaviour; `records.py` re-exports every name, so `from sendfolio.domain.records
import CASE_KINDS` keeps working. Their words for people are in `wording.py`.
"""

from __future__ import annotations

from typing import Literal, get_args

CaseKind = Literal["mediation", "disagreement-resolution"]
"""What kind of process a case was (SEND Code of Practice 2015)."""

CASE_KINDS: tuple[CaseKind, ...] = get_args(CaseKind)
"""Every case kind, in the order offered."""

CaseRole = Literal["observer", "co-mediator", "lead"]
"""The mediator's own part in a case."""

CASE_ROLES: tuple[CaseRole, ...] = get_args(CaseRole)
"""Every role, in the order offered."""

ACTIVE_ROLES: tuple[CaseRole, ...] = ("co-mediator", "lead")
"""Roles that count as active participation (standards §1.2, §1.3)."""

CaseStatus = Literal["booked", "held", "withdrawn", "not-held"]
"""Where a case stands: booked (not yet held), held, withdrawn, or not held."""

CASE_STATUSES: tuple[CaseStatus, ...] = get_args(CaseStatus)
"""Every status, in the order offered."""

HeldOutcome = Literal["agreement", "partial-agreement", "no-agreement"]
"""How a held case ended."""

HELD_OUTCOMES: tuple[HeldOutcome, ...] = get_args(HeldOutcome)
"""Every outcome of a held case, in the order offered."""

Outcome = Literal[HeldOutcome, "withdrawn", "not-held", ""]
"""Every outcome a stored case may carry ("" for none yet); "withdrawn" and "not-held" are from
before a case had a status, and are read as that status (`Case.from_dict`)."""

OUTCOMES: tuple[Outcome, ...] = (*HELD_OUTCOMES, "withdrawn", "not-held")
"""Every outcome that may be given, in the order offered."""

CPDMethod = Literal[
    "training",
    "refresher",
    "reading",
    "role-play",
    "team-discussion",
    "conference",
    "peer-observation",
    "user-feedback",
    "supervision",
    "other",
]
"""Ways of doing CPD (standards §1.4.3, §1.5)."""

CPD_METHODS: tuple[CPDMethod, ...] = get_args(CPDMethod)
"""Every CPD method, in the order offered."""

PPCMode = Literal["one-to-one", "group", "observation"]
"""How a PPC session was held."""

PPC_MODES: tuple[PPCMode, ...] = get_args(PPCMode)
"""Every PPC session mode, in the order offered."""

TrainingKind = Literal["foundation", "send", "refresher"]
"""Foundation mediation course, SEND-specific training, or refresher training."""

TRAINING_KINDS: tuple[TrainingKind, ...] = get_args(TrainingKind)
"""Every kind of course, in the order offered."""

FOUNDATION_COVERS = ("process-principles", "role-play-skills", "role-play-assessment", "written-assignment")
"""What a foundation course must cover (standards §1.1)."""

SEND_MODULES = ("legislative-framework", "send-context", "mediation-practice", "local-processes")
"""The four modules of SEND training (standards §2.2, Appendix B)."""

COVERS_BY_KIND: dict[str, tuple[str, ...]] = {"foundation": FOUNDATION_COVERS, "send": SEND_MODULES}
"""What a course of each kind can cover (a refresher course: nothing listed)."""

MembershipBody = Literal["CMC", "COM"]
"""The two bodies that register SEND mediators (standards §1.4.1)."""

MEMBERSHIP_BODIES: tuple[MembershipBody, ...] = get_args(MembershipBody)
"""Both registering bodies, in the order offered."""

Route = Literal["new", "passported"]
"""New accreditation (§1.1–1.3) or the passported route (§1.6, Form 5)."""

ROUTES: tuple[Route, ...] = get_args(Route)
"""Both routes, in the order offered."""

DEBRIEF_HEADINGS = (
    "strengths",
    "breakthroughs",
    "challenges",
    "outcome",
    "skills_gaps",
    "knowledge_gaps",
    "learning_plan",
)
"""Form 3 de-brief and supervision headings, as keys."""

DEBRIEF_TITLES = {
    "strengths": "Key strengths",
    "breakthroughs": "Key breakthrough points",
    "challenges": "Key challenges and learning points",
    "outcome": "Discussion of outcome",
    "skills_gaps": "Skills gaps",
    "knowledge_gaps": "Knowledge gaps",
    "learning_plan": "Plan for meeting learning needs",
}
"""Form 3 de-brief headings in the seed's words."""

TIMELINE_DATES = (
    "decision_notice",
    "adviser_contacted",
    "mediation_declined",
    "la_informed",
    "health_commissioner_told",
    "date_fixed",
    "parties_notified",
    "la_unable_to_arrange",
    "mediation_concluded",
    "certificate_issued",
    "agreement_reached",
)
"""A case's optional statutory timeline dates (docs/ARCHITECTURE.md, "Timescales"), in the order they happen."""

CASE_REF = r"[A-Za-z0-9][A-Za-z0-9/_.\-]{0,39}"
"""A case reference: letters, digits and - / _ . ; no spaces, so no names."""

CASE_REF_HELP = "a case reference of letters, digits and - / _ . with no spaces (e.g. SM-2025-014), never a name"
"""What a case reference may be, in words."""

HOURS_MAX = 100
"""The most hours one case (of each kind: preparation, meeting, follow-up), CPD entry, PPC session
or reflection can record: the same limit for the same kind of hours."""

COURSE_HOURS_MAX = 500
"""The most hours one training course can record."""

RECORD_ID = r"[a-z0-9\-]{1,40}"
"""The store's identifier of a record."""

RecordedBy = Literal["mediator", "returned-form"]
"""Who recorded an observation: the mediator, or an observer on a returned Form 1–3."""

RECORDED_BY: tuple[RecordedBy, ...] = get_args(RecordedBy)
"""Both, in the order offered."""
