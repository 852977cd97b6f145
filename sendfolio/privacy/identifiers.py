"""Finding likely identifiers in the free text that can leave the machine.

A folio about children must not carry their names, contact details or health numbers into
an export or a PDF. `scan(data, do_not_print, ignored)` walks every free-text field of a
`FolioData` and returns a `Finding` for each likely identifier: an e-mail address, a UK
phone number, a UK postcode, an NHS number, a date of birth given in context, or a word from
the folio's private do-not-print list. What each looks like, and how the text is normalised
first (so invisible characters, odd spaces and dashes, accents and full-width digits hide
nothing), is in `sendfolio.domain.identifier_patterns`. Names of people the portfolio must
show (the mediator, the PPC, the verifier) are checked against the list only. Pure: no files,
no folio.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sendfolio.domain.governance import CONDUCT_DECLARATIONS
from sendfolio.domain.identifier_patterns import (
    CATEGORY_TITLES,
    Hit,
    do_not_print_pattern,
    is_nhs_number,
    matches,
)
from sendfolio.domain.records import Case, FolioData, Record
from sendfolio.domain.text import for_terminal

__all__ = [
    "CATEGORY_TITLES",
    "Finding",
    "Hit",
    "TextField",
    "do_not_print_pattern",
    "fingerprint",
    "free_text",
    "is_nhs_number",
    "matches",
    "scan",
    "scan_record",
]

CONTEXT = 30
"""Characters of text shown on each side of a match."""


@dataclass(frozen=True)
class TextField:
    """One piece of free text in the folio: which record and field it is, and the text."""

    kind: str
    record: str
    field: str
    text: str
    words_only: bool = False


@dataclass(frozen=True)
class Finding:
    """A likely identifier: where it is, what matched, and the text around it."""

    id: str
    category: str
    kind: str
    record: str
    field: str
    match: str
    context: str
    count: int = 1

    def to_dict(self) -> dict:
        """The JSON form shown by `sendfolio privacy-check --json`."""
        return {
            "id": self.id,
            "category": self.category,
            "kind": self.kind,
            "record": self.record,
            "field": self.field,
            "match": self.match,
            "context": self.context,
            "count": self.count,
        }

    @property
    def hidden_characters(self) -> bool:
        """True when the match holds an invisible character or an unusual space (pasted text often does)."""
        return any(
            unicodedata.category(char) == "Cf" or (unicodedata.category(char) == "Zs" and char != " ")
            for char in self.match
        )

    def describe(self) -> str:
        """One line: id, what it is, where, and the text around it (saying so when it hides characters)."""
        where = f"{self.kind} {self.record}, {self.field}"
        times = f" (x{self.count})" if self.count > 1 else ""
        hidden = " (written with invisible characters or unusual spaces)" if self.hidden_characters else ""
        return f"[{self.id}] {CATEGORY_TITLES[self.category]} in {where}{times}{hidden}: {self.context}"


def fingerprint(kind: str, record: str, field: str, match: str) -> str:
    """A stable short id of a match: the same record, field and text give the same id."""
    text = " ".join(match.casefold().split())
    return hashlib.sha256("\0".join((kind, record, field, text)).encode("utf-8")).hexdigest()[:10]


def free_text(data: FolioData) -> Iterator[TextField]:
    """Every piece of free text in the folio that an export or a PDF can carry."""
    for case in data.cases:
        yield from _fields(
            "case",
            case.ref,
            {"ref": case.ref, "observed_by": case.observed_by, "issues": "; ".join(case.issues), "notes": case.notes},
        )
        yield from _fields("case", case.ref, {f"debrief.{key}": value for key, value in case.debrief.items()})
        yield from _fields("case", case.ref, {"debrief_by": case.debrief_by, "debrief_by_role": case.debrief_by_role})
        yield from _fields("case", case.ref, conduct_notes(case))
    for observation in data.observations:
        yield from _fields(
            "observation",
            f"{observation.ref}/{observation.criterion}",
            {"observer": observation.observer, "observer_role": observation.observer_role, "notes": observation.notes},
        )
    for back in data.returns:
        yield from _fields("return", back.id, {"observer": back.observer, "observer_role": back.observer_role})
        yield from _fields("return", back.id, {f"debrief.{key}": value for key, value in back.debrief.items()})
        yield from _fields("return", back.id, {f"remarks.{key}": value for key, value in back.remarks.items()})
    for reflection in data.reflections:
        yield from _fields("reflection", reflection.id, {"title": reflection.title, "body": reflection.body})
    for entry in data.cpd:
        yield from _fields(
            "cpd", entry.id, {"title": entry.title, "provider": entry.provider, "learning": entry.learning}
        )
    for session in data.ppc_sessions:
        yield from _fields("ppc", session.id, {"topics": session.topics, "actions": session.actions})
    for course in data.training:
        yield from _fields("training", course.id, {"title": course.title, "provider": course.provider})
    for name in ("verification", "passport_declaration"):
        if getattr(data, name) is not None:
            yield from _fields(name, name, {"statement": getattr(data, name).statement})
    for need in data.learning_plan:
        yield from _fields("plan", need.id, {"need": need.need, "action": need.action})
    for attachment in data.attachments:
        yield from _fields("attachment", attachment.id, {"title": attachment.title})
    for item in data.governance:
        yield from _fields("governance", item.id, {"title": item.title, "evidence": item.evidence, "notes": item.notes})
    for feedback in data.feedback:
        yield from _fields("feedback", feedback.id, {"comments": feedback.comments, "response": feedback.response})
    for target in data.development_plan:
        yield from _fields(
            "development", target.id, {"target": target.target, "action": target.action, "progress": target.progress}
        )
    yield from names(data)


def conduct_notes(case: Case) -> dict[str, str]:
    """The notes beside a case's conduct declarations, by field."""
    return {item.note_field: getattr(case, item.note_field) for item in CONDUCT_DECLARATIONS}


def names(data: FolioData) -> Iterator[TextField]:
    """Names and contact details the documents must show: checked against the do-not-print list only."""
    profile = data.profile
    yield from _fields(
        "profile", "profile", {"name": profile.name, "membership_number": profile.membership_number}, True
    )
    for session in data.ppc_sessions:
        yield from _fields("ppc", session.id, {"ppc": session.ppc}, True)
    for course in data.training:
        yield from _fields("training", course.id, {"recognised_by": course.recognised_by}, True)
    if data.ppc_contact is not None:
        contact = data.ppc_contact
        yield from _fields(
            "ppc_contact",
            "ppc_contact",
            {"name": contact.name, "register": contact.register, "email": contact.email, "phone": contact.phone},
            True,
        )
    for name in ("verification", "passport_declaration"):
        if getattr(data, name) is not None:
            yield from _fields(
                name, name, {"name": getattr(data, name).name, "register": getattr(data, name).register}, True
            )


def _fields(kind: str, record: str, values: dict[str, str], words_only: bool = False) -> Iterator[TextField]:
    """The non-empty text fields of one record."""
    for field, text in values.items():
        if text:
            yield TextField(kind, record, field, text, words_only)


def context_of(text: str, found: Hit) -> str:
    """The match with up to `CONTEXT` printable characters either side, on one line, marked with » «.

    Escape sequences and control characters are taken out (`text.for_terminal`), so the context
    is safe to print and its length counts what is seen.
    """
    start, end = found.span()
    reach = 4 * CONTEXT
    before = for_terminal(text[max(0, start - reach) : start], one_line=True)
    after = for_terminal(text[end : end + reach], one_line=True)
    more_before = len(before) > CONTEXT or start > reach
    more_after = len(after) > CONTEXT or end + reach < len(text)
    match = for_terminal(found.group(), one_line=True)
    line = f"{'…' if more_before else ''}{before[-CONTEXT:]}»{match}«{after[:CONTEXT]}{'…' if more_after else ''}"
    return " ".join(line.split())


def scan(data: FolioData, do_not_print: Iterable[str] = (), ignored: Iterable[str] = ()) -> list[Finding]:
    """The open findings: likely identifiers in the folio's free text, less those marked as not."""
    words = do_not_print_pattern(do_not_print)
    skip = set(ignored)
    found: dict[str, Finding] = {}
    for piece in free_text(data):
        text = unicodedata.normalize("NFC", piece.text)
        for category, match in matches(text, words, words_only=piece.words_only):
            key = fingerprint(piece.kind, piece.record, piece.field, match.group())
            if key in skip:
                continue
            if key in found:
                found[key] = _counted(found[key])
                continue
            found[key] = Finding(
                key, category, piece.kind, piece.record, piece.field, match.group(), context_of(text, match)
            )
    return list(found.values())


RECORD_PLACES = {
    "case": "cases",
    "observation": "observations",
    "reflection": "reflections",
    "cpd": "cpd",
    "ppc": "ppc_sessions",
    "training": "training",
    "profile": "profile",
    "ppc_contact": "ppc_contact",
    "verification": "verification",
    "plan": "learning_plan",
    "attachment": "attachments",
    "governance": "governance",
    "feedback": "feedback",
    "development": "development_plan",
}
"""Where each kind of record sits in a `FolioData`."""


def scan_record(record: Record, do_not_print: Iterable[str] = (), ignored: Iterable[str] = ()) -> list[Finding]:
    """The open findings in one record's free text (as `scan` would report them once it is saved)."""
    place = RECORD_PLACES.get(getattr(record, "KIND", ""))
    if place is None:
        return []
    value = (record,) if isinstance(getattr(FolioData(), place), tuple) else record
    fields: dict[str, Any] = {place: value}  # the one field of FolioData that holds this kind
    return scan(FolioData(**fields), do_not_print, ignored)


def _counted(finding: Finding) -> Finding:
    """The same finding seen once more in its field."""
    return Finding(**{**finding.__dict__, "count": finding.count + 1})
