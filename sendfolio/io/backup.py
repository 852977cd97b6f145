"""The JSON backup: everything in a folio as one versioned, stable document, and back.

The document holds no time stamp, sorts its keys and its records, so exporting, restoring
and exporting again gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from sendfolio.domain.records import (
    Case,
    CPDEntry,
    FolioData,
    InvalidRecord,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Record,
    Reflection,
    Training,
    Verification,
)
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord

BACKUP_KEY = "sendfolio_backup"
"""The key whose value is the backup format's version; it marks a file as a sendfolio backup."""

BACKUP_VERSION = 1
"""The version of the backup format this sendfolio writes and reads."""

RECORD_LISTS: dict[str, type[Record]] = {
    "cases": Case,
    "observations": Observation,
    "reflections": Reflection,
    "cpd": CPDEntry,
    "ppc_sessions": PPCSession,
    "training": Training,
}
"""The lists of records in a backup, by their key (the `FolioData` field names)."""

SINGLE_RECORDS: dict[str, type[Record]] = {
    "profile": Profile,
    "ppc_contact": PPCContact,
    "verification": Verification,
    "passport_declaration": Verification,
}
"""The single records of a backup (null when not set), by key."""


def backup_document(data: FolioData) -> str:
    """Everything in `data` as the backup's JSON text: sorted keys, sorted records, a final newline."""
    document: dict[str, Any] = {BACKUP_KEY: BACKUP_VERSION}
    for key in RECORD_LISTS:
        document[key] = sorted((record.to_dict() for record in getattr(data, key)), key=sort_key)
    for key in SINGLE_RECORDS:
        record = getattr(data, key)
        document[key] = record.to_dict() if record is not None else None
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def sort_key(values: dict[str, Any]) -> tuple[str, ...]:
    """A stable order for records: by date, then case reference, criterion and id."""
    return tuple(str(values.get(name) or "") for name in ("date", "ref", "criterion", "id"))


def parse_backup(file: str, raw: bytes) -> tuple[FolioData, list[SourcedRecord]]:
    """The folio in a backup file and its records with their places, or `ImportProblems`."""
    document = _document(file, raw)
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    sourced: list[SourcedRecord] = []
    for key, record_type in RECORD_LISTS.items():
        items = _records(file, key, record_type, document.get(key, []), problems)
        sourced += items
        values[key] = tuple(item.record for item in items)
    for key, record_type in SINGLE_RECORDS.items():
        item = _single(file, key, record_type, document.get(key), problems)
        if item is not None:
            values[key] = item
    if problems:
        raise ImportProblems(problems)
    return FolioData(**values), sourced


def _document(file: str, raw: bytes) -> dict[str, Any]:
    """The backup's top-level object, checked for its version and keys."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportProblems([Problem(file, None, "", "is not UTF-8 text")]) from None
    except json.JSONDecodeError as error:
        raise ImportProblems(
            [Problem(file, error.lineno, "", f"is not valid JSON ({error.msg}, column {error.colno})")]
        ) from None
    except RecursionError:
        raise ImportProblems(
            [Problem(file, None, "", "is not a sendfolio backup (its JSON is nested too deeply)")]
        ) from None
    if not isinstance(document, dict) or BACKUP_KEY not in document:
        raise ImportProblems([Problem(file, None, "", f'is not a sendfolio backup (it has no "{BACKUP_KEY}" version)')])
    if document[BACKUP_KEY] != BACKUP_VERSION:
        raise ImportProblems(
            [
                Problem(
                    file,
                    None,
                    BACKUP_KEY,
                    f"is {document[BACKUP_KEY]!r}: this sendfolio reads backup version {BACKUP_VERSION}",
                )
            ]
        )
    allowed = (BACKUP_KEY, *RECORD_LISTS, *SINGLE_RECORDS)
    unknown = [key for key in document if key not in allowed]
    if unknown:
        raise ImportProblems(
            [
                Problem(file, None, key, f"is not part of a sendfolio backup: allowed keys are {', '.join(allowed)}")
                for key in unknown
            ]
        )
    return document


def _records(
    file: str, key: str, record_type: type[Record], items: Any, problems: list[Problem]
) -> list[SourcedRecord]:
    """The records of one list of the backup; bad ones add to `problems`."""
    if not isinstance(items, list):
        problems.append(Problem(file, None, key, "must be a list of records"))
        return []
    found = []
    for index, item in enumerate(items):
        where = f"{key}[{index}]"
        record = _record(file, where, record_type, item, problems)
        if record is not None:
            found.append(SourcedRecord(record, file, None, where=where))
    return found


def _single(file: str, key: str, record_type: type[Record], item: Any, problems: list[Problem]) -> Record | None:
    """A single record of the backup, or None when it is null or bad."""
    if item is None:
        return None
    return _record(file, key, record_type, item, problems)


def _record(file: str, where: str, record_type: type[Record], item: Any, problems: list[Problem]) -> Record | None:
    """One record validated by its type; problems name it by its place in the document."""
    if not isinstance(item, dict):
        problems.append(Problem(file, None, where, f"must be a {record_type.KIND} record (a JSON object)"))
        return None
    try:
        return record_type.from_dict(item)
    except InvalidRecord as error:
        problems.extend(Problem(file, None, f"{where}.{bad.field}", bad.problem) for bad in error.errors)
        return None
