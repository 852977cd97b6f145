"""Housekeeping: remove the free-text details of old cases, keeping what the rules need.

`plan_purge(data, before)` says what would go: the notes, issues, de-brief notes and the notes
beside the conduct declarations of each case dated before `before`, the notes of its
observations, and the comments and response of the feedback about it. What the rules read stays:
dates, kind, role, hours, outcome, observer, the de-briefed flag, timeline dates and which
criteria were observed. `apply_purge` makes the change in one save (the store keeps the
folio as it was in its newest backup). `scrub_backups` applies the same purge to the
store's backup files, for a mediator who wants the text gone from them at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendfolio.domain.governance import CONDUCT_DECLARATIONS, Feedback
from sendfolio.domain.records import Case, FolioData, Observation
from sendfolio.store.atomic import read_regular, write_atomic
from sendfolio.store.storage import Codec, dump_tables, migrate, parse_folio_bytes

if TYPE_CHECKING:
    from sendfolio.store import Folio

CONDUCT_NOTES = tuple(item.note_field for item in CONDUCT_DECLARATIONS)
"""The notes beside a case's conduct declarations (the answers themselves stay)."""

PURGED_FIELDS = ("notes", "issues", "debrief", *CONDUCT_NOTES)
"""Case fields emptied by a purge (observation notes and the feedback's words are emptied too)."""


@dataclass(frozen=True)
class CaseDetails:
    """What a purge removes from one case: sizes only, never the text itself."""

    ref: str
    date: date
    note_chars: int
    issues: int
    debrief_notes: int
    observation_notes: int
    conduct_notes: int = 0
    feedback_texts: int = 0

    def describe(self) -> str:
        """One line for the plan: the case and what goes from it."""
        parts = [
            f"notes ({self.note_chars} characters)" if self.note_chars else "",
            f"{self.issues} issue{'s' if self.issues != 1 else ''}" if self.issues else "",
            f"{self.debrief_notes} de-brief note{'s' if self.debrief_notes != 1 else ''}" if self.debrief_notes else "",
            f"{self.observation_notes} observation note{'s' if self.observation_notes != 1 else ''}"
            if self.observation_notes
            else "",
            f"{self.conduct_notes} conduct note{'s' if self.conduct_notes != 1 else ''}" if self.conduct_notes else "",
            f"the words of {self.feedback_texts} piece{'s' if self.feedback_texts != 1 else ''} of feedback"
            if self.feedback_texts
            else "",
        ]
        return f"{self.ref}  {self.date.isoformat()}  " + ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class PurgePlan:
    """The cases whose free text a purge would remove."""

    before: date
    cases: tuple[CaseDetails, ...]

    @property
    def refs(self) -> frozenset[str]:
        """The references of the cases to purge."""
        return frozenset(item.ref for item in self.cases)


def _conduct_notes(case: Case) -> int:
    """How many notes beside the case's conduct declarations hold text."""
    return sum(1 for name in CONDUCT_NOTES if getattr(case, name))


def _feedback_about(data: FolioData, ref: str) -> tuple[Feedback, ...]:
    """The feedback about one case that still holds words (comments or a response)."""
    return tuple(item for item in data.feedback if item.case == ref and (item.comments or item.response))


def _has_details(case: Case, observations: tuple[Observation, ...], feedback: tuple[Feedback, ...] = ()) -> bool:
    """True when a case, its observations or its feedback still hold free text a purge removes."""
    return bool(
        case.notes
        or case.issues
        or case.debrief
        or _conduct_notes(case)
        or feedback
        or any(item.notes for item in observations)
    )


def plan_purge(data: FolioData, before: date) -> PurgePlan:
    """What a purge of cases dated before `before` would remove (nothing is changed)."""
    found = []
    for case in data.cases:
        observations = data.observations_for(case.ref)
        feedback = _feedback_about(data, case.ref)
        if case.date < before and _has_details(case, observations, feedback):
            found.append(
                CaseDetails(
                    case.ref,
                    case.date,
                    len(case.notes),
                    len(case.issues),
                    len(case.debrief),
                    sum(1 for item in observations if item.notes),
                    _conduct_notes(case),
                    len(feedback),
                )
            )
    return PurgePlan(before, tuple(found))


def purged_case(case: Case) -> Case:
    """The case without notes, issues, de-brief or conduct notes (the de-briefed flag and the answers stay)."""
    return case.with_changes(notes="", issues=[], debrief={}, **dict.fromkeys(CONDUCT_NOTES, ""))


def apply_purge(folio: Folio, plan: PurgePlan) -> int:
    """Remove the planned details in one save; returns how many cases changed."""
    data = folio.data()
    with folio.batch():
        for ref in sorted(plan.refs):
            case = data.case(ref)
            if case is None:
                continue
            folio.put(purged_case(case))
            for item in data.observations_for(ref):
                if item.notes:
                    folio.put(item.with_changes(notes=""))
            for feedback in _feedback_about(data, ref):
                folio.put(feedback.with_changes(comments="", response=""))
    return len(plan.refs)


def purge_tables(tables: dict[str, dict[str, Any]], before: date) -> bool:
    """Purge raw stored tables (a backup's) in place; True when anything changed."""
    cutoff = before.isoformat()
    refs: set[str] = set()
    changed = False
    for doc in tables.get("cases", {}).values():
        if str(doc.get("date", "9999")) < cutoff:
            refs.add(doc.get("ref"))
            if doc.get("notes") or doc.get("issues") or doc.get("debrief") or any(map(doc.get, CONDUCT_NOTES)):
                doc.update(notes="", issues=[], debrief={})
                doc.update({name: "" for name in CONDUCT_NOTES if name in doc})
                changed = True
    for doc in tables.get("observations", {}).values():
        if doc.get("ref") in refs and doc.get("notes"):
            doc["notes"] = ""
            changed = True
    for doc in tables.get("feedback", {}).values():
        if doc.get("case") in refs and (doc.get("comments") or doc.get("response")):
            doc.update(comments="", response="")
            changed = True
    return changed


def backup_paths(folio: Folio) -> list[Path]:
    """The store's backup files of this folio, newest first."""
    return folio.backup_paths()


def folio_codec(folio: Folio) -> Codec | None:
    """The codec the folio is saved through (None when it is not encrypted)."""
    return folio.codec


def scrub_backups(folio: Folio, before: date) -> tuple[int, list[Path]]:
    """Purge every backup file the same way; returns (how many changed, those that could not be read)."""
    codec = folio_codec(folio)
    changed, unreadable = 0, []
    for path in backup_paths(folio):
        try:
            stored = read_regular(path)  # a pipe or link at a backup's name is reported, never waited on
            schema, tables = parse_folio_bytes(codec.decode(stored) if codec else stored)
        except Exception:  # a damaged or undecodable backup stays as it is, and is reported
            unreadable.append(path)
            continue
        tables = migrate(schema, tables)
        if purge_tables(tables, before):
            _replace_file(path, dump_tables(tables), codec)
            changed += 1
    return changed, unreadable


def _replace_file(path: Path, plain: bytes, codec: Any) -> None:
    """Atomically replace `path` with these bytes (encoded), private to the owner."""
    write_atomic(path, codec.encode(plain) if codec is not None else plain)
