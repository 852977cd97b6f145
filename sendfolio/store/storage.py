"""A TinyDB storage that never leaves a broken file: atomic saves, backups, schema, codec.

TinyDB's own `JSONStorage` rewrites the file in place, so a crash mid-write leaves half
a file. `AtomicJSONStorage` instead writes a private temporary file beside the folio,
flushes and fsyncs it, renames it over the old one and fsyncs the folder: a crash at any
instant leaves the previous file or the new one. Once the new file is in place, the file it
replaced becomes backup `.1` (older backups shift to `.2` … `.N`); a save that fails changes
no file at all (`replace_keeping_backups`).

The file holds one JSON object: `{"sendfolio": {"schema": N}, "<table>": {...}, ...}`.
Older schemas are upgraded in memory by `MIGRATIONS` when read; the file itself changes
at the next save. The whole file passes through an optional `codec` (encryption) with
`encode(bytes) -> bytes` and `decode(bytes) -> bytes`.

After the first read the data live in memory: TinyDB's many `read()` calls never touch
the disk. A file that cannot be read raises `NeedsRecovery` naming it (the folio adds its
newest readable backup), and is never written over; so is anything but a regular file at the folio's
path (a link, pipe or device), and a missing file while backups remain. The folder's lock (`lock.py`) keeps a
second process from opening the same folio while one has it open.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from tinydb.storages import Storage

from sendfolio.domain.records import status_from
from sendfolio.store.atomic import (
    FOLDER_MODE,
    fsync_folder,
    read_regular,
    replace_or_remove,
    special_kind,
    temp_path,
    write_temp,
)
from sendfolio.store.file_text import FileText
from sendfolio.store.migrations import accreditation_date_recorded, observed_by_in_two_parts

SCHEMA = 8
"""The schema version this sendfolio writes (and the newest it reads)."""

META_KEY = "sendfolio"
"""The top-level key of the file that holds the schema version, not a table."""

DEFAULT_BACKUPS = 5
"""How many previous versions of the file are kept."""

PENDING = b"\0pending"
"""Marks a loaded state whose plain JSON has not been dumped yet (it is dumped on first need)."""

Tables = dict[str, dict[str, Any]]
"""TinyDB's data: table name -> {document id (text) -> document}."""


class FolioError(Exception):
    """The folio cannot be opened or saved; the message is one line naming the file."""


class NeedsRecovery(FolioError):
    """A folio file that cannot be opened as it is, before the advice naming a backup to go back to.

    The storage and the record reader know what is wrong but not the backups; the folio (and a
    restore) complete the message with `backups.advised`, which names the newest readable one.
    """

    def __init__(self, path: Path, codec: Codec | None, problem: str) -> None:
        """The file at `path` (saved through `codec`) and what is wrong with it, in words."""
        super().__init__(f"cannot open {path}: {problem}. The file has not been changed")
        self.path = path
        self.codec = codec
        self.problem = problem

    def with_advice(self, advice: str) -> str:
        """The whole one-line message, ending with `advice`."""
        return f"cannot open {self.path}: {self.problem}. The file has not been changed; {advice}"


class MissingFolio(NeedsRecovery):
    """The folio file is gone while backups of it remain: nothing may be written."""

    def __init__(self, path: Path, codec: Codec | None) -> None:
        """The missing file at `path` (its backups saved through `codec`)."""
        super().__init__(path, codec, "it is missing, but backups of it remain")

    def with_advice(self, advice: str) -> str:
        """The whole one-line message: nothing written, and which backup to go back to."""
        return (
            f"{self.path} is missing, but backups of it remain, so nothing was written (a new, empty folio would "
            f"push them out). {advice[0].upper()}{advice[1:]}; `sendfolio restore` lists them all"
        )


class Codec(Protocol):
    """Turns the plain file bytes into stored bytes and back (encryption plugs in here)."""

    def encode(self, data: bytes) -> bytes:
        """The bytes to store for these plain bytes."""

    def decode(self, data: bytes) -> bytes:
        """The plain bytes for these stored bytes (raise on a wrong key or damage)."""


class Unreadable(Exception):
    """Why a file's bytes are not a folio (a short reason, without the file name)."""


def _tables_named_by_folio_field(tables: Tables) -> Tables:
    """Schema 1 -> 2: tables were named by record kind ("case"); now by FolioData field ("cases")."""
    renamed = {"case": "cases", "observation": "observations", "reflection": "reflections", "ppc": "ppc_sessions"}
    return {renamed.get(name, name): table for name, table in tables.items()}


def _provenance_recorded(tables: Tables) -> Tables:
    """Schema 2 -> 3: observations and de-briefs say who recorded them; all earlier ones were the mediator's.

    Schema 3 adds `observer_role`, `recorded_by` and `returned_on` to observations and the
    `debrief_by…` fields to cases (a returned observer's form); a schema 2 sendfolio would
    refuse those fields, so the version moves on.
    """
    observations = {
        key: {**doc, "recorded_by": doc.get("recorded_by", "mediator")}
        for key, doc in tables.get("observations", {}).items()
    }
    return {**tables, "observations": observations} if "observations" in tables else tables


def _case_status_recorded(tables: Tables) -> Tables:
    """Schema 3 -> 4: a case has a status (booked, held, withdrawn, not held), read from its outcome.

    "withdrawn" and "not-held" were outcomes; they become the status and the outcome is left
    blank. A case with any other outcome was held. A schema 3 sendfolio would refuse the
    `status` field, so the version moves on.
    """
    if "cases" not in tables:
        return tables
    cases = {}
    for key, doc in tables["cases"].items():
        status = doc.get("status") or status_from(doc.get("outcome"))
        outcome = "" if status_from(doc.get("outcome")) in ("withdrawn", "not-held") else doc.get("outcome", "")
        cases[key] = {**doc, "status": status, "outcome": outcome}
    return {**tables, "cases": cases}


def _provider_practice_recorded(tables: Tables) -> Tables:
    """Schema 4 -> 5: cases gain the unanswered conduct declarations, the folio the provider's tables (all kept)."""
    return tables


def _observations_per_observer(tables: Tables) -> Tables:
    """Schema 5 -> 6: observations are keyed by case, criterion and observer; observers' returns are kept.

    Every record is kept as it is: a schema 5 folio holds at most one observation per case and
    criterion, so it holds at most one per case, criterion and observer too. A schema 6 folio may
    hold two observers' observations of one criterion, and a `returns` table: a schema 5
    sendfolio would take them for repeats, so the version moves on.
    """
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    1: _tables_named_by_folio_field,
    2: _provenance_recorded,
    3: _case_status_recorded,
    4: _provider_practice_recorded,
    5: _observations_per_observer,
    6: observed_by_in_two_parts,
    7: accreditation_date_recorded,
}
"""Upgrades: `MIGRATIONS[n]` turns schema n tables into schema n + 1 tables."""


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, plain values), faster than `copy.deepcopy`."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    return value


def parse_folio_bytes(plain: bytes) -> tuple[int, Tables]:
    """The schema and tables held by decoded file bytes, or raise `Unreadable` saying why."""
    if not plain:
        raise Unreadable("the file is empty (0 bytes)")
    if not plain.strip(b"\0"):
        raise Unreadable("the file holds only zero bytes")
    try:
        whole = json.loads(plain.decode("utf-8"))
    except UnicodeDecodeError:
        raise Unreadable("the file is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise Unreadable(f"the JSON is broken at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise Unreadable("the JSON is nested too deeply to be a folio") from None
    if not isinstance(whole, dict):
        raise Unreadable("the file does not hold a JSON object")
    meta = whole.pop(META_KEY, {"schema": 1})
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if type(schema) is not int or schema < 1:
        raise Unreadable(f'"{META_KEY}" does not give a schema version')
    if schema > SCHEMA:
        raise Unreadable(
            f"it was saved by a newer sendfolio (schema {schema}; this one reads up to {SCHEMA}): update sendfolio"
        )
    _check_tables(whole)
    return schema, whole


def _check_tables(tables: Any) -> None:
    """Raise `Unreadable` unless every table is an object of objects."""
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise Unreadable(f'table "{name}" is not a set of records')


def migrate(schema: int, tables: Tables) -> Tables:
    """Tables of an older schema upgraded step by step to `SCHEMA`."""
    for version in range(schema, SCHEMA):
        tables = MIGRATIONS[version](tables)
    return tables


HEADER = f"{json.dumps(META_KEY)}: {json.dumps({'schema': SCHEMA})}"
"""The file's first line inside its object: the schema it is written in."""


def dump_tables(tables: Tables) -> bytes:
    """The plain file bytes: the header, then each table with one record per line (`store/file_text.py`)."""
    return FileText().dump(HEADER, tables)


def backup_path(path: Path, number: int) -> Path:
    """Backup `number` of the file at `path` (1 is the newest): `folio.json.1`, `.2`, …"""
    return path.with_name(f"{path.name}.{number}")


def replace_keeping_backups(path: Path, stored: bytes, backups: int = DEFAULT_BACKUPS) -> str | None:
    """Put `stored` at `path` atomically, then keep the file it replaced as backup `.1`.

    The order is what makes a failure harmless: the new bytes are written and synced to a
    temporary file beside `path`; the old file is kept under a second temporary name (a hard
    link, else a copy); only then is the new file renamed into place and the folder synced;
    the backups rotate last (`.1` -> `.2` …, the kept old file -> `.1`). Any failure up to the
    rename removes both temporaries and changes no file. Once the new file is in place the
    save stands: a rotation that fails then puts every older backup back as it was and returns
    one sentence saying so (None when the backups rotated), for the shells to show.
    """
    new = write_temp(path, stored)
    kept: Path | None = None
    try:
        if backups > 0 and os.path.lexists(path):
            kept = _keep_old(path)
        replace_or_remove(new, path)
    except BaseException:
        new.unlink(missing_ok=True)
        if kept is not None:
            kept.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    if kept is None:
        return None
    return _rotate(path, kept, backups)


def _keep_old(path: Path) -> Path:
    """A temporary second name for the current file (a hard link where possible, else a synced copy)."""
    temp = temp_path(path)
    try:
        os.link(path, temp)
    except OSError:
        temp = write_temp(path, read_regular(path))
    return temp


def _rotate(path: Path, kept: Path, backups: int) -> str | None:
    """Shift the backups one older and make `kept` backup `.1`; None when done, else why not.

    The oldest backup (the one that drops out) is first moved to a temporary name and deleted
    only once every other move succeeded. When a move fails (a backup made read-only or
    immutable, say), the moves already made are undone, so every older backup stays as it was,
    and `kept` (the version before this save) is dropped: the sentence returned says so.
    """
    moved: list[tuple[Path, Path]] = []
    dropped: Path | None = None
    source = kept
    try:
        oldest = backup_path(path, backups)
        if os.path.lexists(oldest):
            dropped = temp_path(oldest)
            source = oldest
            os.replace(oldest, dropped)
            moved.append((oldest, dropped))
        for number in range(backups - 1, 0, -1):
            if os.path.lexists(backup_path(path, number)):
                source = backup_path(path, number)
                os.replace(source, backup_path(path, number + 1))
                moved.append((source, backup_path(path, number + 1)))
        source = kept
        os.replace(kept, backup_path(path, 1))
    except OSError as error:
        undone = _undo_moves(moved)
        kept.unlink(missing_ok=True)
        fsync_folder(path.parent)
        reason = error.strerror or str(error)
        if not undone:
            return (
                f"the backups of {path.name} could not be moved along ({source.name}: {reason}) nor put back: "
                f"check the backups beside {path} (`sendfolio restore` lists them)"
            )
        return (
            f"the backups of {path.name} could not be moved along ({source.name}: {reason}): the older "
            f"backups are kept as they were, but the version before this save is not among them; "
            f"make {source.name} writable again (is it read-only or marked immutable?)"
        )
    if dropped is not None:
        dropped.unlink(missing_ok=True)
    fsync_folder(path.parent)
    return None


def _undo_moves(moved: list[tuple[Path, Path]]) -> bool:
    """Move renamed files back, newest move first; False if any could not be."""
    undone = True
    for source, target in reversed(moved):
        try:
            os.replace(target, source)
        except OSError:
            undone = False
    return undone


def make_private_folder(folder: Path) -> None:
    """Create the data folder (and parents) open to the owner only, if it is missing."""
    if not folder.is_dir():
        folder.mkdir(parents=True, mode=FOLDER_MODE, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)


class AtomicJSONStorage(Storage):
    """TinyDB storage: data in memory after one read, every save atomic, backups kept.

    Inside `transaction()` TinyDB's writes change memory only; the file is written once
    when the transaction ends, or memory returns to the saved state if it raises.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        codec: Codec | None = None,
        backups: int = DEFAULT_BACKUPS,
        *,
        readonly: bool = False,
    ):
        """Load the file at `path` (if it exists) into memory; raise `FolioError` if unreadable.

        A read-only storage never writes and leaves temp files alone (another sendfolio may
        be saving).
        """
        super().__init__()
        self.path = Path(path)
        self.codec = codec
        self.backups = backups
        self.readonly = readonly
        self._depth = 0
        self._texts = FileText()
        self.digest: str | None = None
        """The SHA-256 of the file's bytes as stored, as last read or saved (None: no file, or not known)."""
        self.sealable = False
        """True while memory holds exactly what checked records write (`index.load_folio_records` says so):
        the folio then seals each file it saves (`store/checked.py`), so the next open need not check every
        record again."""
        self.sealed: str | None = None
        """The digest the seal beside the file names, as far as this storage knows (None: none)."""
        self.notices: list[str] = []
        """What went wrong after a save that stands (the backups not rotated), one sentence each, for the
        shells to show (`Folio.take_notices`)."""
        self._read_plain: bytes | None = None
        """The plain bytes just read (tables of this schema), until `adopt_read_text` takes or drops them."""
        if not readonly:
            self.remove_leftovers()
        self.schema_read, self._data, self._saved = self._load()

    # -- reading ---------------------------------------------------------------------

    def _load(self) -> tuple[int, Tables, bytes | None]:
        """The file's schema, its tables (migrated) and their plain JSON; empty tables if there is no file.

        Refused with `FolioError`, the folder left as it is: a link, pipe, device or folder at
        the path (`special_kind`), and a missing file while backups of it remain (a new, empty
        folio would soon rotate the backups away).
        """
        kind = special_kind(self.path)
        if kind is not None:
            raise FolioError(
                f"cannot open {self.path}: it is {kind}, not a regular file. sendfolio keeps the folio as a plain "
                f"file in its data folder and will not read or save through it: put the folio file itself at "
                f"{self.path}. Nothing was changed"
            )
        try:
            stored = read_regular(self.path)
        except FileNotFoundError:
            if self.backup_paths():
                raise self.missing() from None
            return SCHEMA, {}, None
        except OSError as error:
            raise self.unreadable(error.strerror or str(error)) from None
        try:
            plain = self._decode(stored)
            schema, tables = parse_folio_bytes(plain)
        except Unreadable as why:
            raise self.unreadable(str(why)) from None
        self.digest = hashlib.sha256(stored).hexdigest()
        if schema == SCHEMA and not self.readonly:
            self._read_plain = plain
        return schema, migrate(schema, tables), PENDING

    def adopt_read_text(self, sealed: bool) -> None:
        """The file just read is `sealed` (written by this reader, `store/checked.py`): take its own text as the
        text of its tables and records, so the first save writes out only what changed. Else drop the bytes."""
        plain, self._read_plain = self._read_plain, None
        if sealed and plain is not None and self._saved is PENDING and self._texts.adopt(plain, HEADER, self._data):
            self._saved = plain

    def ready(self) -> None:
        """Dump the loaded state's text now (a worker's job), so the first save re-writes only what it changed."""
        self._saved_plain()

    def _saved_plain(self) -> bytes | None:
        """The plain JSON of the last saved (or loaded) state; dumped on first need, not at open."""
        if self._saved is PENDING:
            self._saved = self._dump(self._data)
        return self._saved

    def _decode(self, stored: bytes) -> bytes:
        """The plain bytes of the stored bytes, through the codec if there is one."""
        if self.codec is None:
            return stored
        try:
            return self.codec.decode(stored)
        except FolioError:
            raise
        except Exception as error:  # the codec's own error: wrong key or damaged file
            raise Unreadable(f"it could not be decoded ({str(error) or type(error).__name__})") from None

    def unreadable(self, why: str) -> NeedsRecovery:
        """The error for a file that cannot be read (the folio adds which backup to go back to)."""
        return NeedsRecovery(self.path, self.codec, why)

    def missing(self) -> MissingFolio:
        """The error for a folio file that is gone while its backups remain."""
        return MissingFolio(self.path, self.codec)

    def backup_paths(self) -> list[Path]:
        """The existing backups, newest first."""
        numbered = (self.backup_path(n) for n in range(1, max(self.backups, 1) + 1))
        return [path for path in numbered if os.path.lexists(path)]

    def backup_path(self, number: int) -> Path:
        """The path of backup `number` (1 is the newest)."""
        return backup_path(self.path, number)

    def peek(self) -> Tables:
        """The tables in memory without a copy: for reading only (the caller must not change them)."""
        return self._data

    def read(self) -> Tables:
        """The tables from memory: a copy outside a transaction, the working data inside one."""
        if self._depth:
            return self._data
        copied: Tables = copy_json(self._data)
        return copied

    # -- writing ---------------------------------------------------------------------

    def write(self, data: Tables) -> None:
        """Take TinyDB's new tables: saved at once, or at the end of the open transaction."""
        if META_KEY in data:
            raise ValueError(f'"{META_KEY}" is reserved for the file header, not a table')
        self._saved_plain()  # the state before this change, while memory still holds it
        if self._depth:
            self._data = data
            return
        self._data = copy_json(data)
        self._commit()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one save; if the block raises, memory goes back to the saved state."""
        self._saved_plain()  # TinyDB changes memory in place inside a transaction
        self._depth += 1
        try:
            yield
        except BaseException:
            if self._depth == 1:
                self._rollback()
            raise
        finally:
            self._depth -= 1
        if self._depth == 0:
            self._commit()

    def _rollback(self) -> None:
        """Forget unsaved changes: memory becomes the last saved (or loaded) state."""
        saved = self._saved_plain()
        whole = json.loads(saved) if saved is not None else {}
        whole.pop(META_KEY, None)
        self._data = whole

    @property
    def in_transaction(self) -> bool:
        """True inside `transaction()`, while writes are held in memory."""
        return self._depth > 0

    def save(self) -> None:
        """Save memory to the file unless the file already holds it."""
        if not self._depth:
            self._commit()

    def _commit(self) -> None:
        """Save memory to the file; if that fails, memory goes back to the file's state."""
        plain = self._dump(self._data)
        if plain == self._saved_plain() and self.path.exists():
            return
        try:
            self.save_bytes(plain)
        except OSError as error:
            self._rollback()
            raise FolioError(f"could not save {self.path}: {error.strerror or error}; nothing was changed") from None
        except BaseException:
            self._rollback()
            raise
        self._saved = plain

    def _dump(self, tables: Tables) -> bytes:
        """The plain JSON bytes of the file for these tables (unchanged tables' and records' text reused)."""
        return self._texts.dump(HEADER, tables)

    def save_bytes(self, plain: bytes, *, backup: bool = True) -> None:
        """Atomically replace the file with these plain bytes (encoded), then keep the old file as backup .1."""
        if self.readonly:
            raise FolioError(f"{self.path} was opened read-only; nothing was saved")
        kind = special_kind(self.path)
        if kind is not None:  # it appeared after the folio was opened: never save through it
            raise OSError(errno.EINVAL, f"it is {kind}, not a regular file", str(self.path))
        stored = self.codec.encode(plain) if self.codec is not None else plain
        make_private_folder(self.path.parent)
        self.digest = None  # until the new file is in place
        problem = replace_keeping_backups(self.path, stored, self.backups if backup else 0)
        self.digest = hashlib.sha256(stored).hexdigest()
        if problem is not None:
            self.notices.append(problem)

    def remove_leftovers(self) -> None:
        """Delete temporary files left by a save that crashed (call only while holding the lock)."""
        for temp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            temp.unlink(missing_ok=True)

    def plain_for_codec_change(self) -> bytes:
        """The plain JSON of the folio, for a change of codec (`store/recode.py` writes and moves the files)."""
        if self._depth:
            raise FolioError("the codec cannot change inside a batch of changes")
        if self.readonly:
            raise FolioError(f"{self.path} was opened read-only; nothing was saved")
        return self._dump(self._data)

    def adopt_codec(self, codec: Codec | None, plain: bytes) -> None:
        """Save through `codec` from now on: the file at `path` holds `plain` under it (a change of codec is done)."""
        self.codec = codec
        self._saved = plain
        self.digest = None  # the new file's bytes were written by the change (`recode.py`), not here

    def exists(self) -> bool:
        """True when the file has been saved at least once."""
        return self._saved is not None  # PENDING too: a file was loaded

    def close(self) -> None:
        """Nothing to release: the file is open only while it is read or replaced."""
