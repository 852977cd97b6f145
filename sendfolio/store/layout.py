"""How the folio file is laid out: its file names, its tables and their keys and order.

The store (`store.py`) keeps each kind of record in the table named here, keyed and
ordered as here, so a folio's file and its exports come out the same every time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sendfolio.domain.governance import DevelopmentTarget, Feedback, GovernanceItem
from sendfolio.domain.records import (
    Attachment,
    Case,
    CPDEntry,
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
from sendfolio.store.atomic import FOLDER_MODE

SETTINGS_TABLE = "settings"
"""The table of helpers' extra state: documents {"key": ..., "value": ...}."""


@dataclass(frozen=True)
class RecordTable:
    """How one kind of many-record data is kept: its table, its key fields and its order."""

    name: str
    key: tuple[str, ...]
    order: Callable[[Any], tuple]


TABLES: dict[type[Record], RecordTable] = {
    Case: RecordTable("cases", ("ref",), lambda r: (r.date, r.ref)),
    Observation: RecordTable(
        "observations", ("ref", "criterion", "observer"), lambda r: (r.ref, r.criterion, r.observer)
    ),
    Reflection: RecordTable("reflections", ("id",), lambda r: (r.date, r.title, r.id)),
    CPDEntry: RecordTable("cpd", ("id",), lambda r: (r.date, r.title, r.id)),
    PPCSession: RecordTable("ppc_sessions", ("id",), lambda r: (r.date, r.ppc, r.id)),
    Training: RecordTable("training", ("id",), lambda r: (r.date, r.kind, r.title, r.id)),
    LearningNeed: RecordTable("learning_plan", ("id",), lambda r: (r.due, r.need, r.id)),
    Attachment: RecordTable("attachments", ("id",), lambda r: (r.evidence_for, r.added, r.title, r.id)),
    GovernanceItem: RecordTable("governance", ("id",), lambda r: (r.item, r.due or r.reviewed or date.min, r.id)),
    Feedback: RecordTable("feedback", ("id",), lambda r: (r.received, r.case, r.id)),
    DevelopmentTarget: RecordTable("development_plan", ("id",), lambda r: (r.review, r.target, r.id)),
    ObserverReturn: RecordTable(
        "returns", ("id",), lambda r: (r.ref, r.imported, r.completed or date.min, r.observer, r.id)
    ),
}
"""The record kinds held many to a table, by type."""

SINGLETONS: dict[str, type[Record]] = {
    "profile": Profile,
    "ppc_contact": PPCContact,
    "verification": Verification,
    "passport_declaration": Verification,
}
"""Tables holding at most one record, named as FolioData's fields."""


def make_owner_only(folder: Path) -> None:
    """Close a folder we now keep a folio in to everyone but its owner (if we own it)."""
    if folder.stat().st_uid == os.getuid():
        os.chmod(folder, FOLDER_MODE)
