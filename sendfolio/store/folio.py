"""The Folio: one object that loads, validates, holds and saves a mediator's records.

`Folio.open(data_dir)` takes the folder's lock, reads `folio.json` once through
`AtomicJSONStorage` and checks every stored record with its type's `from_dict`; a file that
cannot be opened is refused with one line naming the newest readable backup (`backups.advised`). From then
on every read comes from memory, and every change is one atomic save (or one per
`batch()`). TinyDB holds the tables; the Folio keeps the parsed, frozen records beside
them, in a stable order, so `data()` is cheap and exports are deterministic.
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where

from sendfolio.domain.governance import Feedback
from sendfolio.domain.records import (
    Attachment,
    Case,
    FolioData,
    Identified,
    Observation,
    ObserverReturn,
    PPCContact,
    Profile,
    Record,
    Verification,
)
from sendfolio.store.attachments import AttachmentFiles, ReadableAttachments
from sendfolio.store.backups import advised, attachment_files_held, backup_files, missing_folio
from sendfolio.store.contents import FolioContents, R
from sendfolio.store.figures import KeepsFigures
from sendfolio.store.index import Index, load_folio_records, read_settings, seal_saved
from sendfolio.store.layout import (
    SETTINGS_TABLE,
    SINGLETONS,
    TABLES,
    RecordTable,
    make_owner_only,
)
from sendfolio.store.lock import FolioLock, ReadOnlyLock
from sendfolio.store.names import FOLIO_FILE, LOCK_FILE
from sendfolio.store.recode import CodecChange, finish_if_free, finish_pending, pending_change, plan_change
from sendfolio.store.storage import AtomicJSONStorage, Codec, FolioError, NeedsRecovery, make_private_folder

ENTERED_SETTING = "entered"
"""The setting listing the records last added or changed, as [kind, key], latest first."""

ENTERED_KEPT = 20
"""How many records the list of records entered keeps."""


class Folio(FolioContents, KeepsFigures):
    """A mediator's records, held in memory (`FolioContents` reads them), saved atomically on every change."""

    def __init__(self, data_dir: Path, storage: AtomicJSONStorage, lock: FolioLock | ReadOnlyLock):
        """Use `Folio.open`; this wires an opened storage and lock together and checks every record."""
        self.data_dir = data_dir
        self.path = storage.path
        self._storage = storage
        self._lock: FolioLock | ReadOnlyLock | None = lock
        self._db = TinyDB(storage=lambda: storage)
        self._files = AttachmentFiles(data_dir)
        self.codec_lock = threading.RLock()
        """Held while the codec changes; whatever writes a file through the codec beside the folio
        (a draft) holds it too, so nothing is written under the old codec after the change has read it."""
        self._generation = 0  # counted up as an outermost batch begins and ends (`KeepsFigures.snapshot`)
        self.on_save: list[Callable[[], None]] = []
        """Called after every change is saved (once per outermost batch), e.g. so the app can redraw."""
        self._load_index()

    # -- opening and closing ---------------------------------------------------------

    @classmethod
    def open(
        cls, data_dir: Path | str, *, codec: Codec | None = None, create: bool = True, readonly: bool = False
    ) -> Folio:
        """Open (or create) the folio in `data_dir`, load it into memory and take the lock.

        `readonly=True` reads an existing folio without the lock (so reports work while the app
        is open elsewhere) and refuses every change.
        """
        data_dir = Path(data_dir).expanduser()
        if not os.path.lexists(data_dir / FOLIO_FILE) and backup_files(data_dir / FOLIO_FILE):
            raise missing_folio(data_dir / FOLIO_FILE, codec=codec)
        if (readonly or not create) and not os.path.lexists(data_dir / FOLIO_FILE):
            raise FolioError(f"no folio in {data_dir}: open the app (sendfolio) to start one, or run `sendfolio demo`")
        if readonly:
            if pending_change(data_dir):
                finish_if_free(data_dir)
            try:
                return cls(
                    data_dir, AtomicJSONStorage(data_dir / FOLIO_FILE, codec=codec, readonly=True), ReadOnlyLock()
                )
            except NeedsRecovery as error:
                raise advised(error) from None
        try:
            make_private_folder(data_dir)
        except OSError as error:
            raise FolioError(f"cannot create the data folder {data_dir}: {error.strerror or error}") from None
        try:
            lock = FolioLock(data_dir / LOCK_FILE)
        except OSError as error:
            raise FolioError(f"cannot lock {data_dir / LOCK_FILE}: {error.strerror or error}") from None
        try:
            finish_pending(data_dir)  # a change of encryption cut short: before anything is read
            storage = AtomicJSONStorage(data_dir / FOLIO_FILE, codec=codec)
            folio = cls(data_dir, storage, lock)
            if not storage.exists():
                storage.save()  # a new folio is written at once, so the folder is marked as one
                make_owner_only(data_dir)
            folio._prune_files()
        except NeedsRecovery as error:
            lock.release()
            raise advised(error) from None
        except BaseException:
            lock.release()
            raise
        return folio

    def close(self) -> None:
        """Release the lock; the folio saves as it goes, so nothing is pending."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Folio:
        """Use the folio in a `with` block."""
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close the folio at the end of the `with` block."""
        self.close()

    @property
    def codec(self) -> Codec | None:
        """The codec the file is saved through (None for a plain folio)."""
        return self._storage.codec

    def backup_paths(self) -> list[Path]:
        """The backup files of this folio that exist, newest first (folio.json.1, .2, …)."""
        return self._storage.backup_paths()

    def ready_to_save(self) -> None:
        """Work out the text of the records as loaded now (from a worker): the first save then writes only changes."""
        self._storage.ready()

    def take_notices(self) -> list[str]:
        """What went wrong after saves that stand (the backups not rotated), one sentence each, since last asked."""
        notices = list(self._storage.notices)
        self._storage.notices.clear()
        return notices

    @property
    def closed(self) -> bool:
        """True once the folio has been closed."""
        return self._lock is None

    # -- loading ---------------------------------------------------------------------

    def _load_index(self) -> None:
        """Parse every stored record into memory, or raise `FolioError` naming the bad one."""
        loaded = load_folio_records(self._storage, self.data_dir)  # the tables only read: records are new objects
        self._records: Index = loaded.records
        self._singletons: dict[str, Record | None] = loaded.singletons
        self._settings: dict[str, Any] = read_settings(self._storage.peek())
        self._data: FolioData | None = None

    # -- changing --------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Folio]:
        """Make many changes, saved once at the end; if the block raises, nothing changes."""
        self._check_open()
        outermost = not self._storage.in_transaction
        self._generation += outermost
        try:
            with self._storage.transaction():
                yield self
        except BaseException:
            if not self._storage.in_transaction:  # the outermost batch failed: memory is the file again
                self._db = TinyDB(storage=lambda: self._storage)
                self._load_index()
            raise
        finally:
            self._data = None
            self._generation += outermost
        if outermost:
            seal_saved(self._storage, self.data_dir)
        if not self._storage.in_transaction:
            for listener in list(self.on_save):
                listener()

    def put(self, record: R) -> R:
        """Add or replace a record (checked, given an id if it has none), saved at once; returns it."""
        record = self._checked(record).checked_for_saving()
        if isinstance(record, (Profile, PPCContact, Verification)):
            name = {Profile: "profile", PPCContact: "ppc_contact", Verification: "verification"}[type(record)]
            self._put_singleton(name, record)
            return record
        spec = self._spec(record)
        if isinstance(record, Identified) and not record.id:
            record = record.with_changes(id=self._new_id(type(record)))
        key = tuple(getattr(record, name) for name in spec.key)
        with self.batch():
            if key in self._records[type(record)]:
                self._remove_stored(spec, key)
            self._db.table(spec.name).insert(record.to_dict())
            self._records[type(record)] = {**self._records[type(record)], key: record}  # a new dict: see `_table`
            self._note_entered(record.KIND, key)
        return record

    def entered(self, limit: int = ENTERED_KEPT) -> tuple[Record, ...]:
        """The records most recently added or changed one by one (`put`), latest first, those still here."""
        kinds = {kind.KIND: kind for kind in self._records}
        found = []
        for kind, key in self.get_setting(ENTERED_SETTING, []):
            record = self._records[kinds[kind]].get(tuple(key)) if kind in kinds else None
            if record is not None:
                found.append(record)
        return tuple(found[:limit])

    def _note_entered(self, kind: str, key: tuple, *, gone: bool = False) -> None:
        """Put a record first in the list of records entered (or take it out when `gone`).

        Entries of records no longer held (a case's observations go with it) are dropped too: the
        list names records by key, and a deleted case's reference must not linger in the file.
        """
        entry = [kind, [str(part) for part in key]]
        kinds = {record_type.KIND: record_type for record_type in self._records}
        kept = [
            item
            for item in self.get_setting(ENTERED_SETTING, [])
            if item != entry and item[0] in kinds and tuple(item[1]) in self._records[kinds[item[0]]]
        ]
        self.put_setting(ENTERED_SETTING, kept if gone else [entry, *kept][:ENTERED_KEPT])

    def put_many(self, records: Iterable[Record]) -> list[Record]:
        """Add or replace many records in one save, in time linear in their number; returns them as stored.

        Does what `put` does for each record (checked, given an id if it has none; a record
        whose key is already there replaces it, and a later one of the same key wins), but each
        table is changed once: one removal pass and one insert of all its new documents, where
        a `put` per record makes TinyDB rebuild the table every time (quadratic in bulk imports).
        If any record is refused, nothing changes.
        """
        self._check_open()
        keyed: dict[type[Record], dict[tuple, Record]] = {}
        singles: list[Record] = []
        stored: list[Record] = []
        for record in records:
            record = self._checked(record).checked_for_saving()
            if isinstance(record, (Profile, PPCContact, Verification)):
                singles.append(record)
                stored.append(record)
                continue
            spec = self._spec(record)
            pending = keyed.setdefault(type(record), {})
            if isinstance(record, Identified) and not record.id:
                record = record.with_changes(id=self._new_id(type(record), pending))
            pending[tuple(getattr(record, name) for name in spec.key)] = record
            stored.append(record)
        with self.batch():
            for kind, new in keyed.items():
                spec, table = TABLES[kind], self._db.table(TABLES[kind].name)
                replaced = new.keys() & self._records[kind].keys()
                if replaced:
                    table.remove(lambda doc, spec=spec, replaced=replaced: _doc_key(doc, spec) in replaced)
                table.insert_multiple(record.to_dict() for record in new.values())
                self._records[kind] = {**self._records[kind], **new}
            for record in singles:
                self.put(record)
        return stored

    def put_passport_declaration(self, declaration: Verification) -> Verification:
        """Record the Form 5 declaration of the passported route, saved at once."""
        declaration = self._checked(declaration)
        self._put_singleton("passport_declaration", declaration)
        return declaration

    def delete(self, record: Record) -> bool:
        """Remove a record (a case takes its observations with it, its feedback stays unlinked); False if absent."""
        if isinstance(record, (Profile, PPCContact, Verification)):
            return self._delete_singleton(record)
        spec = self._spec(record)
        key = tuple(getattr(record, name) for name in spec.key)
        if key not in self._records[type(record)]:
            return False
        with self.batch():
            self._remove_stored(spec, key)
            self._records[type(record)] = {k: v for k, v in self._records[type(record)].items() if k != key}
            if isinstance(record, Case):
                self._delete_observations(record.ref)
                for feedback in [item for item in self._table(Feedback).values() if item.case == record.ref]:
                    self.put(feedback.with_changes(case=""))
            self._note_entered(record.KIND, key, gone=True)
        return True

    def rename_case(self, old_ref: str, new_ref: str, case: Case | None = None) -> Case:
        """Give a case a new reference in one save: its observations move, linked reflections, learning
        needs raised in its de-brief, documents attached to it and feedback about it follow.

        `case` (optional) is the case's new content (an edited form) — its `ref` is set to `new_ref`.
        Refuses, with `FolioError` and nothing changed, a case that is not there or a reference in use.
        """
        old = self.case(old_ref)
        if old is None:
            raise FolioError(f"no case {old_ref} in {self.path}: nothing renamed")
        if new_ref != old_ref and self.case(new_ref) is not None:
            raise FolioError(f"case {new_ref} already exists: choose another reference; nothing renamed")
        renamed = self._checked((case or old).with_changes(ref=new_ref))
        if new_ref == old_ref:
            return self.put(renamed)
        moved: list[Record] = [item.with_changes(ref=new_ref) for item in self.observations(old_ref)]
        moved += [item.with_changes(ref=new_ref) for item in self.data().returns_for(old_ref, current_only=False)]
        linked: list[Record] = [item.with_changes(case=new_ref) for item in self.reflections() if item.case == old_ref]
        linked += [
            item.with_changes(source=f"case:{new_ref}")
            for item in self.learning_plan()
            if item.source == f"case:{old_ref}"
        ]
        linked += [
            item.with_changes(evidence_for=f"case:{new_ref}")
            for item in self.attachments()
            if item.evidence_for == f"case:{old_ref}"
        ]
        linked += [item.with_changes(case=new_ref) for item in self.data().feedback if item.case == old_ref]
        with self.batch():
            self.delete(old)
            for record in (renamed, *moved, *linked):
                self.put(record)
        return renamed

    def replace_all(
        self, data: FolioData, files: dict[str, bytes] | None = None, settings: dict[str, Any] | None = None
    ) -> None:
        """Make the folio hold exactly `data` (a JSON restore), in one save.

        `settings` (a backup's) are saved too, each replacing the setting of its key; settings
        it does not name are kept.

        `files` holds the bytes of the attachments by id: they are written first (beside the old
        files), put in place once the records are saved, and files of attachments no longer held
        are deleted once no backup refers to them either.
        """
        self._check_open()
        files = files or {}
        missing = [item.id for item in data.attachments if item.id not in files]
        if missing:
            raise FolioError(f"attachment {missing[0]}: the backup holds its record but not its file; nothing restored")
        pending = []
        try:
            for attachment in data.attachments:
                pending.append(self._files.stage(attachment, files[attachment.id], self.codec))
            self._replace_records(data, settings)
        except BaseException:
            self._files.discard(pending)
            raise
        self._files.commit(pending)
        self._prune_files()

    def _replace_records(self, data: FolioData, settings: dict[str, Any] | None = None) -> None:
        """Make the records exactly `data` (and save `settings`), in one save."""
        with self.batch():
            for key, value in (settings or {}).items():
                self.put_setting(key, value)
            for kind, spec in TABLES.items():
                self._records[kind] = self._unique(kind, spec, getattr(data, spec.name))
                self._db.table(spec.name).truncate()
                self._db.table(spec.name).insert_multiple(record.to_dict() for record in self._records[kind].values())
            for name in SINGLETONS:
                value = data.profile if name == "profile" else getattr(data, name)
                self._put_singleton(name, self._checked(value) if value is not None else None)

    def put_setting(self, key: str, value: Any) -> None:
        """Save a setting (anything JSON can hold) under `key`, at once."""
        try:
            plain = json.loads(json.dumps(value))
        except (TypeError, ValueError) as error:
            raise ValueError(f"setting {key}: the value cannot be saved ({error})") from None
        with self.batch():
            table = self._db.table(SETTINGS_TABLE)
            table.remove(where("key") == key)
            table.insert({"key": key, "value": plain})
            self._settings = {**self._settings, key: plain}

    def change_codec(self, codec: Codec | None, *, remove_exports: bool = False) -> CodecChange:
        """Re-save the folio, its attached files, drafts and exports through a new codec (e.g. to encrypt it),
        as one step: a crash at any instant leaves all old or all new, finished at the next open.

        The backups under the old codec are deleted, and so are attached files no folio refers
        to any more. With `remove_exports` (the mediator's word) the app's exports (`exports/`)
        are deleted instead of re-encoded. Returns the change made (which files changed, which
        went); raises `FolioError` saying what could not be done.
        """
        with self.codec_lock:
            return self._change_codec(codec, remove_exports)

    def _change_codec(self, codec: Codec | None, remove_exports: bool) -> CodecChange:
        """`change_codec`, with the codec lock held."""
        self._check_open()
        plain = self._storage.plain_for_codec_change()
        change = plan_change(
            self.data_dir,
            plain,
            self.codec,
            codec,
            attached=[item.file_name for item in self.attachments()],
            remove_exports=remove_exports,
            backups=self.backup_paths(),
        )
        try:
            change.commit()
        finally:
            if change.done:  # the folio's new version took its place: it is read and saved through `codec` now
                self._storage.adopt_codec(codec, plain)
        return change

    # -- attached files ----------------------------------------------------------------

    def attach(self, attachment: Attachment, content: bytes) -> Attachment:
        """Keep a file and its record (the file first, encrypted when the folio is); returns the record."""
        self._check_open()
        attachment = self._checked(attachment)
        if not attachment.id:
            attachment = attachment.with_changes(id=self._new_id(Attachment))
        self._files.write(attachment, content, self.codec)
        try:
            return self.put(attachment)
        except BaseException:
            self._files.remove(attachment)
            raise

    def save_changes(
        self, records: Iterable[Record], removed: Iterable[Record] = (), files: dict[str, bytes] | None = None
    ) -> list[Record]:
        """Remove `removed`, put `records` and keep `files` (attachment bytes by id) in one save, or change nothing.

        Each file is written beside its final place first, put in place once the records are
        saved, and discarded when the save fails (an import keeping the returned forms it records).
        """
        self._check_open()
        records = list(records)
        by_id = {item.id: item for item in records if isinstance(item, Attachment)}
        pending = []
        try:
            for ident, content in (files or {}).items():
                if ident not in by_id:
                    raise FolioError(f"attachment {ident}: a file without its record; nothing saved")
                pending.append(self._files.stage(self._checked(by_id[ident]), content, self.codec))
            with self.batch():
                for record in removed:
                    self.delete(record)
                stored = self.put_many(records)
        except BaseException:
            self._files.discard(pending)
            raise
        self._files.commit(pending)
        return stored

    def attachment_bytes(self, attachment: Attachment) -> bytes:
        """The plain bytes of an attached file, or `FolioError` when it cannot be read."""
        return self._files.read(attachment, self.codec)

    def readable_attachments(self) -> ReadableAttachments:
        """The records with every attachment whose file reads, those files by id, and the others named.

        What a backup or a portfolio takes: a file that is missing or damaged leaves its
        attachment out (and named), never stopping the rest.
        """
        data = self.data()
        files: dict[str, bytes] = {}
        left_out: list[str] = []
        for attachment in data.attachments:
            try:
                files[attachment.id] = self.attachment_bytes(attachment)
            except (FolioError, OSError) as error:
                if isinstance(error, OSError):
                    error = FolioError(
                        f"the file of attachment {attachment.id} ({attachment.title}) cannot be read: "
                        f"{error.strerror or error}"
                    )
                left_out.append(f"left out: {error}")
        if left_out:
            kept = tuple(item for item in data.attachments if item.id in files)
            data = dataclasses.replace(data, attachments=kept)
        return ReadableAttachments(data, files, left_out)

    def detach(self, attachment: Attachment) -> bool:
        """Remove an attachment's record; its file is kept while a backup refers to it (so restoring that
        backup brings the document back), and deleted once none does. False if it was not there."""
        removed = self.delete(attachment)
        if removed:
            self._prune_files()
        return removed

    def _prune_files(self) -> None:
        """Delete the attached files that neither the folio nor any of its backups refers to."""
        if self._files.strays(self.attachments()):
            self._files.prune(self.attachments(), attachment_files_held(self.path, self.codec))

    # -- helpers ---------------------------------------------------------------------

    def _check_open(self) -> None:
        """Refuse changes once the folio is closed (the lock is gone), or when it was opened read-only."""
        if self._lock is None:
            raise FolioError(f"the folio in {self.data_dir} is closed; open it again to make changes")
        if isinstance(self._lock, ReadOnlyLock):
            raise FolioError(f"the folio in {self.data_dir} was opened read-only; nothing was saved")

    def _checked(self, record: R) -> R:
        """The record validated as `from_dict` would (raises `InvalidRecord`)."""
        if not isinstance(record, Record):
            raise TypeError(f"not a record: {type(record).__name__}")
        return type(record).from_dict(record.to_dict())

    @staticmethod
    def _spec(record: Record) -> RecordTable:
        """The table of a many-record kind."""
        try:
            return TABLES[type(record)]
        except KeyError:
            raise TypeError(f"the folio does not keep {type(record).__name__} records") from None

    def _remove_stored(self, spec: RecordTable, key: tuple) -> None:
        """Remove the stored documents of the record with this key (inside a batch), found by a plain walk
        of the table in memory: a TinyDB query would be evaluated on every document of the table."""
        stored = self._storage.peek().get(spec.name, {})
        first, value = spec.key[0], key[0]
        found = [
            int(doc_id)
            for doc_id, doc in stored.items()
            if doc.get(first) == value and tuple(map(doc.get, spec.key)) == key
        ]
        if found:
            self._db.table(spec.name).remove(doc_ids=found)

    def _new_id(self, kind: type[Record], taken: dict[tuple, Record] | None = None) -> str:
        """A short random id not yet used by this kind (nor in `taken`)."""
        while True:
            candidate = secrets.token_hex(6)
            if (candidate,) not in self._records[kind] and (candidate,) not in (taken or {}):
                return candidate

    def _unique(self, kind: type[Record], spec: RecordTable, records: tuple[Record, ...]) -> dict[tuple, Record]:
        """Records for `replace_all`, checked and given ids, keyed; a key given twice is refused."""
        keyed: dict[tuple, Record] = {}
        for record in records:
            record = self._checked(record)
            if isinstance(record, Identified) and not record.id:
                record = record.with_changes(id=self._new_id(kind, keyed))
            key = tuple(getattr(record, name) for name in spec.key)
            if key in keyed:
                raise FolioError(
                    f"{spec.name}: {'/'.join(spec.key)} {'/'.join(key)} appears twice; each must be unique"
                )
            keyed[key] = record
        return keyed

    def _put_singleton(self, name: str, record: Record | None) -> None:
        """Replace (or clear) the one record of a singleton table, saved at once."""
        with self.batch():
            self._db.table(name).truncate()
            if record is not None:
                self._db.table(name).insert(record.to_dict())
            self._singletons[name] = record

    def _delete_singleton(self, record: Record) -> bool:
        """Clear the singleton slot holding this record (the profile goes back to empty)."""
        names = [
            name for name, kind in SINGLETONS.items() if isinstance(record, kind) and self._singletons[name] == record
        ]
        if not names:
            return False
        self._put_singleton(names[0], None)
        return True

    def _delete_observations(self, ref: str) -> None:
        """Remove every observation of one case, and its observers' returns (inside a batch)."""
        for kind in (Observation, ObserverReturn):
            self._db.table(TABLES[kind].name).remove(where("ref") == ref)
        self._records[Observation] = {key: item for key, item in self._table(Observation).items() if item.ref != ref}
        self._records[ObserverReturn] = {
            key: item for key, item in self._table(ObserverReturn).items() if item.ref != ref
        }


def _doc_key(doc: dict, spec: RecordTable) -> tuple:
    """The key of a stored document in its table (as `RecordTable.key` names it)."""
    return tuple(doc.get(name) for name in spec.key)
