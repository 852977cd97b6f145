"""What a folio holds, read from memory: the records by kind, the singletons and the settings.

`Folio` (in `folio.py`) is a `FolioContents` that also opens, changes and saves; this part
only reads what `Folio._load_index` parsed, so nothing here touches the file.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar, cast

from sendfolio.domain.records import (
    Attachment,
    Case,
    CPDEntry,
    FolioData,
    LearningNeed,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Record,
    Reflection,
    Training,
    Verification,
)
from sendfolio.store.index import Index
from sendfolio.store.layout import SINGLETONS, TABLES

R = TypeVar("R", bound=Record)
"""A kind of record, in the typed accessors of the folio's index."""


class FolioContents:
    """The records of an opened folio, each kind in its stable order, and its settings."""

    _records: Index
    _singletons: dict[str, Record | None]
    _settings: dict[str, Any]
    _data: FolioData | None

    # -- reading ---------------------------------------------------------------------

    def data(self) -> FolioData:
        """Everything in the folio, from memory, each kind in its stable order."""
        if self._data is None:
            # FolioData's fields are named as the tables are (`layout.TABLES`, `layout.SINGLETONS`)
            many: dict[str, Any] = {
                spec.name: tuple(sorted(self._records[kind].values(), key=spec.order)) for kind, spec in TABLES.items()
            }
            ones: dict[str, Any] = {name: record for name, record in self._singletons.items() if name != "profile"}
            self._data = FolioData(profile=self.profile(), **many, **ones)
        return self._data

    def profile(self) -> Profile:
        """The mediator's profile (an empty one until it is filled in)."""
        return self._single("profile", Profile) or Profile()

    def cases(self) -> tuple[Case, ...]:
        """Every case, by date then reference."""
        return self.data().cases

    def case(self, ref: str) -> Case | None:
        """The case with this reference, if any."""
        return self._table(Case).get((ref,))

    def observations(self, ref: str | None = None) -> tuple[Observation, ...]:
        """Every observation (of one case when `ref` is given), by case then criterion."""
        found = self.data().observations
        return found if ref is None else tuple(item for item in found if item.ref == ref)

    def reflections(self) -> tuple[Reflection, ...]:
        """Every reflection, by date."""
        return self.data().reflections

    def cpd(self) -> tuple[CPDEntry, ...]:
        """Every CPD diary entry, by date."""
        return self.data().cpd

    def ppc_sessions(self) -> tuple[PPCSession, ...]:
        """Every PPC session, by date."""
        return self.data().ppc_sessions

    def training(self) -> tuple[Training, ...]:
        """Every course, by date."""
        return self.data().training

    def learning_plan(self) -> tuple[LearningNeed, ...]:
        """Every learning need, by target date."""
        return self.data().learning_plan

    def ppc_contact(self) -> PPCContact | None:
        """The mediator's PPC, if recorded."""
        return self._single("ppc_contact", PPCContact)

    def verification(self) -> Verification | None:
        """The PPC's verification of the portfolio, if recorded."""
        return self._single("verification", Verification)

    def passport_declaration(self) -> Verification | None:
        """The Form 5 declaration of the passported route, if recorded."""
        return self._single("passport_declaration", Verification)

    def is_empty(self) -> bool:
        """True when the folio holds no records and an untouched profile (settings aside)."""
        return (
            not any(self._records.values())
            and self.profile() == Profile()
            and all(self._singletons[name] is None for name in SINGLETONS if name != "profile")
        )

    def settings(self) -> dict[str, Any]:
        """Every saved setting (a copy), by key: what a JSON backup carries besides the records."""
        return {key: json.loads(json.dumps(value)) for key, value in sorted(self._settings.items(), key=str)}

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A saved setting (a copy), or `default`."""
        if key not in self._settings:
            return default
        return json.loads(json.dumps(self._settings[key]))

    def attachments(self) -> tuple[Attachment, ...]:
        """Every attachment, by what it is evidence for, then date added."""
        return self.data().attachments

    def _table(self, kind: type[R]) -> dict[tuple, R]:
        """The records of one kind by key (the index keeps each kind's records under its own type). A change
        replaces the dict, never changes it in place: a reader walking it while a save runs sees one state."""
        return cast("dict[tuple, R]", self._records[kind])

    def _single(self, name: str, kind: type[R]) -> R | None:
        """The one record of a singleton table, if there is one (always of the table's kind)."""
        record = self._singletons[name]
        return record if isinstance(record, kind) else None
