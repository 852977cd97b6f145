"""Reading a folio file into records: every stored document checked by its type, keyed as `layout` says.

`read_records` turns the tables of a folio file into frozen records, each table's keyed by its
key fields (`layout.TABLES`) and each singleton on its own (`layout.SINGLETONS`). A document
that is not a valid record, a key given twice or a second record in a singleton table raises
`NeedsRecovery` naming the table and the record (the folio adds the recovery advice): a folio opens whole or
not at all, and its file is never changed by trying.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from sendfolio.domain.records import InvalidRecord, Record
from sendfolio.store.checked import seal, sealed, trusted_record
from sendfolio.store.layout import SETTINGS_TABLE, SINGLETONS, TABLES, RecordTable
from sendfolio.store.storage import SCHEMA, AtomicJSONStorage, Codec, NeedsRecovery, Tables

Index = dict[type[Record], dict[tuple, Record]]
"""The records of each many-record kind, by type, keyed by their key fields."""


def read_records(tables: Tables, path: Path, codec: Codec | None) -> tuple[Index, dict[str, Record | None]]:
    """Every stored record, parsed: the keyed tables and the singletons (by table name), or `FolioError`."""
    loaded = load_records(tables, path, codec)
    return loaded.records, loaded.singletons


@dataclass
class Loaded:
    """The records of a folio file, and whether its tables hold exactly what those records write."""

    records: Index
    singletons: dict[str, Record | None]
    canonical: bool


def load_records(tables: Tables, path: Path, codec: Codec | None, *, trusted: bool = False) -> Loaded:
    """Every stored record: checked in full, or (`trusted`: a file sealed by `store/checked.py`) built from
    the values as written, each document not as `to_dict` writes it checked in full all the same.

    `canonical` is True when every document is exactly its record's `to_dict()` (always, on the
    trusted path): only then may a save seal the file.
    """
    reader = _Reader(path, codec, trusted)
    records = {kind: reader.table(tables, kind, spec) for kind, spec in TABLES.items()}
    singletons = {name: reader.singleton(tables, name, kind) for name, kind in SINGLETONS.items()}
    return Loaded(records, singletons, reader.canonical)


def read_settings(tables: Tables) -> dict[str, Any]:
    """The saved settings by key (copies, as plain JSON values)."""
    return {doc.get("key"): json.loads(json.dumps(doc.get("value"))) for doc in tables.get(SETTINGS_TABLE, {}).values()}


def load_folio_records(storage: AtomicJSONStorage, data_dir: Path) -> Loaded:
    """The records of the folio file the storage read: on the trusted path when its seal names it, else checked in
    full (and then sealed, when the tables are as the records write them and the folio may be written)."""
    digest = storage.digest
    trusted = digest is not None and storage.schema_read == SCHEMA and sealed(data_dir, digest, storage.codec)
    loaded = load_records(storage.peek(), storage.path, storage.codec, trusted=trusted)
    storage.sealable = loaded.canonical and not storage.readonly
    storage.sealed = digest if trusted else None
    storage.adopt_read_text(trusted)  # a file sealed by its last save is in the layout a save writes
    if storage.sealable and not trusted:
        seal_saved(storage, data_dir)  # checked in full once: the next open reads it on the trusted path
    return loaded


def seal_saved(storage: AtomicJSONStorage, data_dir: Path) -> None:
    """Seal the file the storage last read or saved, if its tables are as the records write them and it is not yet."""
    if storage.sealable and storage.digest is not None and storage.digest != storage.sealed:
        seal(data_dir, storage.digest, storage.codec)
        storage.sealed = storage.digest


class _Reader:
    """Parses the tables of one folio file, naming that file in any error."""

    def __init__(self, path: Path, codec: Codec | None, trusted: bool = False):
        """Read the file at `path` (saved through `codec`, for the recovery advice); `trusted`: sealed."""
        self.path = path
        self.codec = codec
        self.trusted = trusted
        self.canonical = True

    def table(self, tables: Tables, kind: type[Record], spec: RecordTable) -> dict[tuple, Record]:
        """The records of one table keyed by their key fields."""
        records: dict[tuple, Record] = {}
        key_of = attrgetter(*spec.key)
        single = len(spec.key) == 1
        for doc_id, doc in tables.get(spec.name, {}).items():
            record = self.record(kind, spec.name, doc_id, doc)
            key = (key_of(record),) if single else key_of(record)
            if key in records:
                raise self.bad(spec.name, doc_id, f"{'/'.join(spec.key)} {'/'.join(key)} appears twice")
            records[key] = record
        return records

    def singleton(self, tables: Tables, name: str, kind: type[Record]) -> Record | None:
        """The one record of a singleton table, if there is one."""
        docs = list(tables.get(name, {}).items())
        if len(docs) > 1:
            raise self.bad(name, docs[1][0], "this table holds one record only")
        return self.record(kind, name, *docs[0]) if docs else None

    def record(self, kind: type[Record], table: str, doc_id: str, doc: dict) -> Record:
        """One stored record, checked by its type, or a `FolioError` naming where it is."""
        if self.trusted:
            found = trusted_record(kind, doc)
            if found is not None:
                return found
        try:
            record = kind.from_dict(doc, stored=True)
        except InvalidRecord as error:
            raise self.bad(table, doc_id, str(error)) from None
        if self.canonical and record.to_dict() != doc:
            self.canonical = False
        return record

    def bad(self, table: str, doc_id: str, why: str) -> NeedsRecovery:
        """The error for a stored record that is not valid (the folio adds which backup to go back to)."""
        return NeedsRecovery(self.path, self.codec, f"table {table}, record {doc_id} is not valid ({why})")
