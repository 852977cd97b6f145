"""Housekeeping: remove the free-text details of old cases, keeping what the rules need.

`plan_purge(data, before)` says what would go: the notes, issues and de-brief notes of each
case dated before `before`, and the notes of its observations. What the rules read stays:
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

from sendfolio.domain.records import Case, FolioData, Observation
from sendfolio.store.atomic import read_regular, write_atomic
from sendfolio.store.storage import Codec, dump_tables, migrate, parse_folio_bytes

if TYPE_CHECKING:
    from sendfolio.store import Folio

PURGED_FIELDS = ("notes", "issues", "debrief")
"""Case fields emptied by a purge (observation notes are emptied too)."""


@dataclass(frozen=True)
class CaseDetails:
    """What a purge removes from one case: sizes only, never the text itself."""

    ref: str
    date: date
    note_chars: int
    issues: int
    debrief_notes: int
    observation_notes: int

    def describe(self) -> str:
        """One line for the plan: the case and what goes from it."""
        parts = [
            f"notes ({self.note_chars} characters)" if self.note_chars else "",
            f"{self.issues} issue{'s' if self.issues != 1 else ''}" if self.issues else "",
            f"{self.debrief_notes} de-brief note{'s' if self.debrief_notes != 1 else ''}" if self.debrief_notes else "",
            f"{self.observation_notes} observation note{'s' if self.observation_notes != 1 else ''}"
            if self.observation_notes
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


def _has_details(case: Case, observations: tuple[Observation, ...]) -> bool:
    """True when a case or its observations still hold free text a purge removes."""
    return bool(case.notes or case.issues or case.debrief or any(item.notes for item in observations))


def plan_purge(data: FolioData, before: date) -> PurgePlan:
    """What a purge of cases dated before `before` would remove (nothing is changed)."""
    found = []
    for case in data.cases:
        observations = data.observations_for(case.ref)
        if case.date < before and _has_details(case, observations):
            found.append(
                CaseDetails(
                    case.ref,
                    case.date,
                    len(case.notes),
                    len(case.issues),
                    len(case.debrief),
                    sum(1 for item in observations if item.notes),
                )
            )
    return PurgePlan(before, tuple(found))


def purged_case(case: Case) -> Case:
    """The case without notes, issues or de-brief notes (the de-briefed flag stays)."""
    return case.with_changes(notes="", issues=[], debrief={})


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
    return len(plan.refs)


def purge_tables(tables: dict[str, dict[str, Any]], before: date) -> bool:
    """Purge raw stored tables (a backup's) in place; True when anything changed."""
    cutoff = before.isoformat()
    refs: set[str] = set()
    changed = False
    for doc in tables.get("cases", {}).values():
        if str(doc.get("date", "9999")) < cutoff:
            refs.add(doc.get("ref"))
            if doc.get("notes") or doc.get("issues") or doc.get("debrief"):
                doc.update(notes="", issues=[], debrief={})
                changed = True
    for doc in tables.get("observations", {}).values():
        if doc.get("ref") in refs and doc.get("notes"):
            doc["notes"] = ""
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
