"""The folio's backups: what each one holds, advice naming the newest readable one, and restoring one.

Every save keeps the file it replaced as `folio.json.1`, older ones shifting to `.2` … `.5`
(`storage.replace_keeping_backups`). This module reads them without changing them:

- `list_backups(data_dir, passphrase=None, codec=None) -> list[BackupInfo]`, newest first: the
  date each was saved, whether it is encrypted, and its record counts (an encrypted backup's
  counts are known only with its passphrase or an unlocked codec);
- `recovery_advice(folio_path, codec=None) -> str`: the sentence an error about an unreadable or
  missing folio ends with, naming the newest readable backup with its date and record count;
- `restore_backup(data_dir, which, passphrase=None, codec=None) -> BackupInfo`: makes backup
  `which` (its number, or its file name) the folio, atomically, keeping the current file as
  backup `.1`. It takes the folder's lock, so it refuses (`FolioLocked`) while a `Folio` is
  open on the folder, in this process too: the app closes its folio, restores, then opens the
  folio again (with the backup's passphrase when it is encrypted).

Everything raises `FolioError` with one line; nothing here prints or asks. The CLI's
`sendfolio restore` and the app's restore screen are shells over these functions.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sendfolio.domain.wording import count, short_date
from sendfolio.store.atomic import read_regular, special_kind
from sendfolio.store.index import read_records
from sendfolio.store.layout import TABLES
from sendfolio.store.lock import FolioLock
from sendfolio.store.mark import MAGIC, has_magic
from sendfolio.store.names import FOLIO_FILE, LOCK_FILE
from sendfolio.store.recode import finish_pending
from sendfolio.store.storage import (
    DEFAULT_BACKUPS,
    AtomicJSONStorage,
    Codec,
    FolioError,
    MissingFolio,
    NeedsRecovery,
    Unreadable,
    migrate,
    parse_folio_bytes,
    replace_keeping_backups,
)

COUNT_LABELS: dict[str, tuple[str, str]] = {
    "cases": ("case", "cases"),
    "observations": ("observation", "observations"),
    "reflections": ("reflection", "reflections"),
    "cpd": ("CPD entry", "CPD entries"),
    "ppc_sessions": ("PPC session", "PPC sessions"),
    "training": ("training course", "training courses"),
    "learning_plan": ("learning plan item", "learning plan items"),
    "attachments": ("attached file", "attached files"),
    "governance": ("governance duty", "governance duties"),
    "feedback": ("piece of feedback", "pieces of feedback"),
    "development_plan": ("development target", "development targets"),
    "returns": ("returned form", "returned forms"),
}
"""How each record table is named when counted, singular and plural (others: by their table name)."""

LOCKED = "encrypted: its record count needs the passphrase"
"""What is said of an encrypted backup read without its passphrase."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file of the folio, as found on disk (nothing about it is changed by looking).

    `counts` holds the records per table (`COUNT_LABELS` keys) when the backup was read, None
    when it could not be (encrypted without its passphrase, or unreadable). `problem` says
    why the backup cannot be used; None when it reads, or when it is encrypted and no
    passphrase was given but its encryption header is intact (`locked`).
    """

    path: Path
    number: int
    saved: datetime
    size: int
    encrypted: bool
    counts: dict[str, int] | None
    problem: str | None = None
    wrong_key: bool = False
    notice: str | None = None
    """After a restore that stands: what went wrong with the backups (not rotated), else None."""

    @property
    def readable(self) -> bool:
        """True when the backup reads as a folio (or, encrypted and locked, its header is intact)."""
        return self.problem is None

    @property
    def locked(self) -> bool:
        """True for an encrypted backup whose contents were not read (no passphrase, or another one, was given)."""
        return self.encrypted and self.counts is None and self.problem is None

    @property
    def records(self) -> int | None:
        """How many records it holds in all, when known."""
        return sum(self.counts.values()) if self.counts is not None else None

    @property
    def empty(self) -> bool:
        """True when it was read and holds no records."""
        return self.records == 0

    def counts_text(self) -> str:
        """What it holds, in words: "12 cases, 3 reflections", "empty: no records", or why not known."""
        if self.problem is not None:
            return f"unreadable: {self.problem}"
        if self.counts is None:
            return "encrypted: the passphrase given does not open it" if self.wrong_key else LOCKED
        if not self.records:
            return "empty: no records"
        parts = [f"{count} {_label(name, count)}" for name, count in self.counts.items() if count]
        return ", ".join(parts)

    def saved_text(self) -> str:
        """When it was saved, to the minute (local time), dated as everywhere else: "6 Dec 2026 02:16"."""
        return f"{short_date(self.saved.date())} {self.saved:%H:%M}"

    def describe(self) -> str:
        """One line: number, file name, date, encrypted or plain, and what it holds."""
        state, held = ("encrypted" if self.encrypted else "plain"), self.counts_text()
        return (
            f"{self.number}  {self.path.name}  saved {self.saved_text()}  {state}  {held.removeprefix('encrypted: ')}"
        )


def _label(table: str, count: int) -> str:
    """A counted table's name in words (a table without a label: its name, spaced)."""
    one, many = COUNT_LABELS.get(table, (table.replace("_", " "), table.replace("_", " ")))
    return one if count == 1 else many


def backup_files(folio_path: Path) -> list[tuple[int, Path]]:
    """The numbered backups beside `folio_path` (`folio.json.1`, `.2`, …), newest first."""
    numbered = []
    for path in folio_path.parent.glob(f"{folio_path.name}.*"):
        suffix = path.name[len(folio_path.name) + 1 :]
        if suffix.isdigit() and suffix == str(int(suffix)):
            numbered.append((int(suffix), path))
    return sorted(numbered)


def list_backups(
    data_dir: Path | str, *, passphrase: str | None = None, codec: Codec | None = None
) -> list[BackupInfo]:
    """The folio's backups in `data_dir`, newest first, each described (see `BackupInfo`).

    An encrypted backup is read with `codec` (an unlocked folio's) when it fits, else with
    `passphrase` when given; otherwise only its header is checked and its counts stay unknown.
    """
    return scan(Path(data_dir).expanduser() / FOLIO_FILE, passphrase=passphrase, codec=codec)


def scan(folio_path: Path, *, passphrase: str | None = None, codec: Codec | None = None) -> list[BackupInfo]:
    """`list_backups` for a folio file of any name."""
    keys = _Keys(codec, passphrase)
    return [_describe(number, path, keys) for number, path in backup_files(folio_path)]


def newest_readable(folio_path: Path, *, codec: Codec | None = None) -> BackupInfo | None:
    """The newest backup of `folio_path` that reads (an intact, locked encrypted one counts), if any."""
    keys = _Keys(codec, None)
    for number, path in backup_files(folio_path):
        info = _describe(number, path, keys)
        if info.readable:
            return info
    return None


def recovery_advice(folio_path: Path, *, codec: Codec | None = None) -> str:
    """Which backup to go back to, in words: the newest readable one with its date and record count.

    Says when that backup is empty, and when the backups there are all unreadable.
    """
    found = newest_readable(folio_path, codec=codec)
    if found is None:
        existing = backup_files(folio_path)
        if existing:
            return f"no readable backup was found ({count(len(existing), 'backup file')}, none of them readable)"
        return "no readable backup was found"
    state = "encrypted, " if found.encrypted and not found.locked else ""
    return (
        f"the newest readable backup is {found.path} (saved {found.saved_text()}, {state}{found.counts_text()}): "
        f"run `sendfolio restore {found.number}` to go back to it"
    )


def missing_folio(folio_path: Path, *, codec: Codec | None = None) -> FolioError:
    """The error for a folio file that is gone while backups of it remain: nothing may be written,
    or a new, empty folio would push the backups out one save at a time."""
    return advised(MissingFolio(folio_path, codec))


def advised(error: NeedsRecovery) -> FolioError:
    """The one-line error for a folio that cannot be opened, ending with which backup to go back to."""
    return FolioError(error.with_advice(recovery_advice(error.path, codec=error.codec)))


def restore_backup(
    data_dir: Path | str, which: int | str, *, passphrase: str | None = None, codec: Codec | None = None
) -> BackupInfo:
    """Make backup `which` the folio, atomically, keeping the current folio file as backup `.1`.

    `which` is the backup's number (1 is the newest) or its file name (`folio.json.2`). The
    backup is read and every record in it checked before anything is written; an encrypted one
    needs `passphrase` (or a `codec` that opens it) and stays encrypted under it. Takes the
    folder's lock (`FolioLocked` while the folio is open elsewhere). Returns the restored
    backup as it was described before the restore (the other backups shift one older).
    Raises `FolioError` with nothing changed when the backup is missing, unreadable or locked.
    """
    data_dir = Path(data_dir).expanduser()
    folio_path = data_dir / FOLIO_FILE
    number = backup_number(which)
    lock = FolioLock(data_dir / LOCK_FILE)
    try:
        finish_pending(data_dir)  # a change of encryption cut short is finished before the backups are looked at
        found = dict(backup_files(folio_path))
        if number not in found:
            have = ", ".join(str(n) for n in sorted(found)) or "none"
            raise FolioError(
                f"there is no backup {number} of {folio_path} (backups there: {have}); nothing was changed"
            )
        keys = _Keys(codec, passphrase)
        info = _describe(number, found[number], keys)
        if info.problem is not None:
            raise FolioError(f"cannot restore {info.path}: {info.problem}; nothing was changed")
        if info.locked:
            given = "the passphrase given does not open it" if info.wrong_key else "give its passphrase to restore it"
            raise FolioError(f"{info.path} is encrypted: {given}; nothing was changed")
        stored = read_regular(info.path)
        _check_records(info.path, keys.codec_for(stored) if info.encrypted else None)
        kind = special_kind(folio_path)
        if kind is not None:
            raise FolioError(f"{folio_path} is {kind}: move it away first, then restore; nothing was changed")
        try:
            notice = replace_keeping_backups(folio_path, stored, DEFAULT_BACKUPS)
        except OSError as error:
            raise FolioError(f"could not restore {info.path}: {error.strerror or error}; nothing was changed") from None
    finally:
        lock.release()
    return dataclasses.replace(info, notice=notice)


def attachment_files_held(folio_path: Path, codec: Codec | None) -> set[str] | None:
    """The file names of the attachments the folio's backups hold records of; None when a backup
    cannot be read (with `codec`), so that nothing a restore might need is deleted."""
    from sendfolio.domain.records import Attachment, InvalidRecord

    names: set[str] = set()
    for _number, path in backup_files(folio_path):
        try:
            stored = read_regular(path)
            plain = codec.decode(stored) if has_magic(stored) and codec is not None else stored
            if has_magic(plain):
                return None
            schema, tables = parse_folio_bytes(plain)
        except Exception:  # unreadable, damaged or under another key: keep every file
            return None
        for values in migrate(schema, tables).get(TABLES[Attachment].name, {}).values():
            try:
                names.add(Attachment.from_dict(values).file_name)
            except InvalidRecord:
                return None
    return names


def backup_number(which: int | str) -> int:
    """The backup number named by `which`: 2, "2", "folio.json.2" or a path to it; else `FolioError`."""
    text = str(which).strip()
    name = Path(text).name
    if name.startswith(FOLIO_FILE + "."):
        text = name[len(FOLIO_FILE) + 1 :]
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise FolioError(f"'{which}' is not a backup: give its number (1 is the newest) or its name, e.g. {FOLIO_FILE}.1")


def _check_records(path: Path, codec: Codec | None) -> None:
    """Raise `FolioError` naming the first record of the backup at `path` that is not valid."""
    try:
        read_records(AtomicJSONStorage(path, codec=codec, readonly=True).peek(), path, codec)
    except NeedsRecovery as error:
        raise advised(error) from None


class _Keys:
    """The keys tried on encrypted backups: an unlocked codec, then a passphrase (each header's key derived once)."""

    def __init__(self, codec: Codec | None, passphrase: str | None):
        """Remember what may open an encrypted backup."""
        self.codec = codec
        self.passphrase = passphrase
        self._derived: dict[bytes, Codec] = {}

    def codec_for(self, blob: bytes) -> Codec | None:
        """A codec that opens `blob`, or None when no key was given; raises `CryptoError` when none fits."""
        from sendfolio.store.crypto import HEADER_SIZE, FolioCodec, WrongPassphrase, parse_header, unlock

        header = parse_header(blob)
        if self.codec is not None:
            if not isinstance(self.codec, FolioCodec) or self.codec.header.raw == header.raw:
                return self.codec
            if self.passphrase is None:
                raise WrongPassphrase("it was encrypted with another passphrase")
        if self.passphrase is None:
            return None
        if header.raw not in self._derived:
            self._derived[header.raw] = unlock(blob[:HEADER_SIZE], self.passphrase)
        return self._derived[header.raw]


def _describe(number: int, path: Path, keys: _Keys) -> BackupInfo:
    """Read one backup (never following a link nor waiting on a pipe) and say what it holds."""
    try:
        saved = datetime.fromtimestamp(path.lstat().st_mtime)
    except OSError as error:
        return BackupInfo(path, number, datetime.fromtimestamp(0), 0, False, None, error.strerror or str(error))
    try:
        blob = read_regular(path)
    except OSError as error:
        return BackupInfo(path, number, saved, 0, False, None, error.strerror or str(error))
    encrypted = has_magic(blob)
    info = functools.partial(BackupInfo, path, number, saved, len(blob), encrypted)
    try:
        plain = _plain(blob, keys) if encrypted else blob
    except Exception as error:  # the codec's own error: wrong passphrase, damaged file
        if type(error).__name__ == "WrongPassphrase":
            return info(counts=None, wrong_key=True)
        return info(counts=None, problem=str(error) or type(error).__name__)
    if not encrypted and MAGIC.startswith(blob[: len(MAGIC)]) and blob:
        return info(counts=None, problem="it is a cut-off piece of an encrypted file")
    if plain is None:
        return info(counts=None)
    try:
        schema, tables = parse_folio_bytes(plain)
    except Unreadable as why:
        return info(counts=None, problem=str(why))
    tables = migrate(schema, tables)
    counts = {spec.name: len(tables.get(spec.name, {})) for spec in TABLES.values()}
    return info(counts=counts)


def _plain(blob: bytes, keys: _Keys) -> bytes | None:
    """The plain bytes of an encrypted backup, or None when no key was given (its header is checked)."""
    codec = keys.codec_for(blob)
    return codec.decode(blob) if codec is not None else None
