"""The JSON backup: everything in a folio as one versioned, stable document, and back.

The document holds no time stamp, sorts its keys and its records, so exporting, restoring
and exporting again gives the same bytes. Besides the records it carries the folio's settings
(`SETTINGS_KEY`): the do-not-print list and the findings marked as not identifiers live there,
so a restored folio guards what the original guarded.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from sendfolio.domain.governance import DevelopmentTarget, Feedback, GovernanceItem
from sendfolio.domain.records import (
    Attachment,
    Case,
    CPDEntry,
    FolioData,
    InvalidRecord,
    LearningNeed,
    Observation,
    ObserverReturn,
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
    "learning_plan": LearningNeed,
    "attachments": Attachment,
    "governance": GovernanceItem,
    "feedback": Feedback,
    "development_plan": DevelopmentTarget,
    "returns": ObserverReturn,
}
"""The lists of records in a backup, by their key (the `FolioData` field names)."""

SETTINGS_KEY = "settings"
"""The key of the folio's settings (an object: setting name -> value) in a backup; optional."""

SINGLE_RECORDS: dict[str, type[Record]] = {
    "profile": Profile,
    "ppc_contact": PPCContact,
    "verification": Verification,
    "passport_declaration": Verification,
}
"""The single records of a backup (null when not set), by key."""

CONTENT_KEY = "content"
"""The key of an attachment in a backup holding its file's bytes, base64-encoded."""

OPTIONAL_LISTS = ("learning_plan", "attachments", "governance", "feedback", "development_plan", "returns")
"""Lists a backup holds only when the folio has such records (older backups have none)."""


def backup_document(
    data: FolioData, files: Mapping[str, bytes] | None = None, settings: dict[str, Any] | None = None
) -> str:
    """Everything in `data` as the backup's JSON text: sorted keys, sorted records, a final newline.

    `files` gives the bytes of each attachment by id; each attachment carries them base64-encoded.
    `settings` (the folio's, when given) are carried under `SETTINGS_KEY`.
    """
    document: dict[str, Any] = {BACKUP_KEY: BACKUP_VERSION}
    if settings is not None:
        document[SETTINGS_KEY] = settings
    for key in RECORD_LISTS:
        if key in OPTIONAL_LISTS and not getattr(data, key):
            continue
        document[key] = sorted((record.to_dict() for record in getattr(data, key)), key=sort_key)
    for values in document.get("attachments", []):
        content = (files or {}).get(values["id"])
        if content is None:
            raise ValueError(f"attachment {values['id']} ({values['title']}): its file was not given")
        values[CONTENT_KEY] = base64.b64encode(content).decode("ascii")
    for key in SINGLE_RECORDS:
        record = getattr(data, key)
        document[key] = record.to_dict() if record is not None else None
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def sort_key(values: dict[str, Any]) -> tuple[str, ...]:
    """A stable order for records: by date, then case reference, criterion and id."""
    return tuple(str(values.get(name) or "") for name in ("date", "ref", "criterion", "id"))


def parse_backup(file: str, raw: bytes, files: dict[str, bytes] | None = None) -> tuple[FolioData, list[SourcedRecord]]:
    """The folio in a backup file and its records with their places, or `ImportProblems`.

    The attachments' file bytes are put in `files` by id when it is given.
    """
    data, sourced, _settings = read_backup(file, raw, files)
    return data, sourced


def read_backup(
    file: str, raw: bytes, files: dict[str, bytes] | None = None
) -> tuple[FolioData, list[SourcedRecord], dict[str, Any]]:
    """The folio in a backup file, its records with their places and its settings, or `ImportProblems`.

    The attachments' file bytes are put in `files` by id when it is given.
    """
    document = _document(file, raw)
    problems: list[Problem] = []
    contents = _attachment_contents(file, document, problems)
    if files is not None:
        files.update(contents)
    settings = document.get(SETTINGS_KEY, {})
    if not isinstance(settings, dict):
        problems.append(Problem(file, None, SETTINGS_KEY, "must be an object of settings (name: value)"))
        settings = {}
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
    return FolioData(**values), sourced, settings


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
    allowed = (BACKUP_KEY, *RECORD_LISTS, *SINGLE_RECORDS, SETTINGS_KEY)
    unknown = [key for key in document if key not in allowed]
    if unknown:
        raise ImportProblems(
            [
                Problem(file, None, key, f"is not part of a sendfolio backup: allowed keys are {', '.join(allowed)}")
                for key in unknown
            ]
        )
    return document


def _attachment_contents(file: str, document: dict[str, Any], problems: list[Problem]) -> dict[str, bytes]:
    """Take each attachment's file out of the document (so its record can be checked), decoded and checked."""
    contents: dict[str, bytes] = {}
    items = document.get("attachments", [])
    if not isinstance(items, list):
        return contents
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        where = f"attachments[{index}].{CONTENT_KEY}"
        encoded = item.pop(CONTENT_KEY, None)
        if not isinstance(encoded, str):
            problems.append(Problem(file, None, where, "is missing: each attachment carries its file, base64-encoded"))
            continue
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            problems.append(Problem(file, None, where, "is not base64 text"))
            continue
        if hashlib.sha256(content).hexdigest() != item.get("sha256"):
            problems.append(Problem(file, None, where, "does not match the attachment's sha256: the file is damaged"))
            continue
        contents[str(item.get("id", ""))] = content
    return contents


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
