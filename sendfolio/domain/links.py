"""Links between records: what an attachment is evidence for, where a learning need came from
and what met it, each written `kind:ID` and read back to the record it names.
"""

from __future__ import annotations

import re

from sendfolio.domain.records import (
    ATTACHMENT_FOR,
    ATTACHMENT_FOR_HELP,
    Case,
    CPDEntry,
    FolioData,
    LearningNeed,
    PPCSession,
    Reflection,
    Training,
)
from sendfolio.domain.wording import short_date

Linked = Case | Training | CPDEntry | PPCSession | Reflection
"""The kinds of record a `kind:ID` link can name."""

TARGET_WORDS = {
    "membership": "Membership of the registering body",
    "insurance": "Professional indemnity insurance",
    "verification": "Verification by the PPC (Form 4)",
}
"""How the portfolio names the attachments that belong to no record."""


class TargetProblem(ValueError):
    """A link that names nothing in the folio; the message says what is allowed."""


def resolve_target(data: FolioData, text: str) -> str:
    """The attachment target `text` (`training:ID`, `membership`, …) checked against the folio."""
    target = text.strip()
    if target.lower() in TARGET_WORDS:
        return target.lower()
    if not re.fullmatch(ATTACHMENT_FOR, target):
        raise TargetProblem(f"'{target}' is not allowed: use {ATTACHMENT_FOR_HELP}")
    if linked_record(data, target) is None:
        kind, _, ident = target.partition(":")
        listing = {"training": "Training & profile", "case": "the case log", "cpd": "the CPD diary"}[kind]
        raise TargetProblem(f"no {kind} '{ident}' in the folio (see {listing} for its id)")
    return target


def linked_record(data: FolioData, link: str) -> Linked | None:
    """The record a `kind:ID` link names (case:REF, training:ID, cpd:ID, ppc:ID, reflection:ID), if any."""
    kind, _, ident = link.partition(":")
    if kind == "case":
        return data.case(ident)
    pool: dict[str, tuple[Training | CPDEntry | PPCSession | Reflection, ...]] = {
        "training": data.training,
        "cpd": data.cpd,
        "ppc": data.ppc_sessions,
        "reflection": data.reflections,
    }
    return next((record for record in pool.get(kind, ()) if record.id == ident), None)


def link_words(data: FolioData, link: str) -> str:
    """A link in the mediator's words: `Case SM-2025-014`, `CPD: Role play (12/03/2025)`, …"""
    if link in TARGET_WORDS:
        return TARGET_WORDS[link]
    if link in ("", "own"):
        return "Own choice"
    record = linked_record(data, link)
    kind, _, ident = link.partition(":")
    if record is None:
        words = {"case": f"Case {ident}", "ppc": "A PPC session", "training": "A course", "cpd": "A CPD entry"}
        return f"{words.get(kind, 'A reflection')}, since removed from the records"
    when = short_date(record.date)
    if isinstance(record, Case):
        return f"Case {ident} ({when})"
    if isinstance(record, PPCSession):
        return f"PPC session ({when})"
    label = {"training": "Course", "cpd": "CPD", "reflection": "Reflection"}[kind]
    return f"{label}: {record.title} ({when})"


def default_title(data: FolioData, target: str) -> str:
    """A title for an attachment given none: from what it is evidence for, never from a file name."""
    if target == "membership":
        return "Membership certificate"
    if target == "insurance":
        return "Insurance certificate"
    if target == "verification":
        return "Form 4 signed by the PPC"
    record = linked_record(data, target)
    kind, _, ident = target.partition(":")
    if isinstance(record, Training):
        return record.title if "certificate" in record.title.lower() else f"Certificate: {record.title}"
    if isinstance(record, CPDEntry):
        return f"CPD evidence: {record.title}"
    return f"Case {ident}: document"


def needs_met_by(data: FolioData, link: str) -> tuple[LearningNeed, ...]:
    """The learning needs a CPD entry or reflection (`cpd:ID`, `reflection:ID`) is linked to."""
    return tuple(need for need in data.learning_plan if link in need.met_by)
