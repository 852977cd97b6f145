"""Changing the folio's codec (encrypt, decrypt, new passphrase) as one step: all old or all new.

Everything the codec covers changes together: the folio file, its attached files, the drafts
(`drafts/`) and the app's exports (`exports/`: JSON backups, PDFs). The order makes a crash at
any instant harmless:

1. every file's new version is written beside it as `.NAME.codec-change` (synced);
2. the journal `codec-change.json` (written atomically) lists each (new version, file) pair,
   the folio's first, and the files to delete: the backups under the old codec, the seal and the
   Dashboard's figures of the old file (`folio.checked`, `figures.cache`), attached files
   no folio refers to any more, temporary files of earlier saves, exports the mediator chose to
   remove;
3. the folio's new version is renamed into place: this is the moment the change happens;
4. the other new versions are renamed into place, the listed files deleted, the journal last.

`finish_pending` runs whenever the folder's lock is taken (`Folio.open`, a restore): a journal
whose folio version is still waiting (a crash before step 3) is rolled back, every new version
deleted; one whose folio is in place (a crash in step 4) is rolled forward. New versions left
without a journal (a crash in step 1) are deleted. So after the next open the folder holds the
old codec's files only, or the new codec's only, and the folio file itself always says which:
whatever reads its mark (`mark.is_encrypted`) is right before the change is finished too.

Library code: raises `FolioError` with one line; nothing here prints.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sendfolio.store.atomic import FILE_MODE, fsync_folder, read_regular, special_kind, write_atomic
from sendfolio.store.lock import FolioLock, FolioLocked
from sendfolio.store.mark import has_magic
from sendfolio.store.names import (
    ATTACHMENTS_FOLDER,
    CHECKED_FILE,
    CODEC_CHANGE_FILE,
    DRAFTS_FOLDER,
    EXPORTS_FOLDER,
    FIGURES_FILE,
    FOLIO_FILE,
    LOCK_FILE,
)
from sendfolio.store.storage import Codec, FolioError

SUFFIX = ".codec-change"
"""How a file's new version is named beside it while the codec changes: `.NAME.codec-change`."""

JOURNAL_KEY = "sendfolio-codec-change"
"""The journal's format mark and version."""

JOURNAL_MAX_BYTES = 16 * 1024 * 1024
"""The largest journal read back (it names files only)."""

FOLDERS = (ATTACHMENTS_FOLDER, DRAFTS_FOLDER, EXPORTS_FOLDER)
"""The folders of the data folder whose files change codec with the folio."""


def staged_path(target: Path) -> Path:
    """Where the new version of `target` is written before it takes its place."""
    return target.with_name(f".{target.name}{SUFFIX}")


@dataclass
class CodecChange:
    """One change of codec, planned: the new versions written so far and the files to delete.

    `moves` holds (new version, file) pairs, the folio's first; `deletes` the files that go once
    the folio's new version is in place.
    """

    data_dir: Path
    moves: list[tuple[Path, Path]] = field(default_factory=list)
    deletes: list[Path] = field(default_factory=list)
    done: bool = False
    """True once the folio's new version is in place: the change stands, even if a later step failed."""

    def changed(self, folder_name: str) -> list[Path]:
        """The files of one folder of the data folder (`drafts`, `exports`…) given a new version."""
        return [target for _, target in self.moves if _folder_of(self.data_dir, target) == folder_name]

    def removed(self, folder_name: str) -> list[Path]:
        """The files of one folder of the data folder deleted by the change (temporary files aside)."""
        return [
            path
            for path in self.deletes
            if _folder_of(self.data_dir, path) == folder_name and not path.name.endswith(".tmp")
        ]

    def stage(self, target: Path, content: bytes) -> None:
        """Write `content` as the new version of `target` (synced), to be renamed into place."""
        staged = staged_path(target)
        staged.unlink(missing_ok=True)
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
        try:
            with open(fd, "wb", closefd=True) as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        self.moves.append((staged, target))

    def discard(self) -> None:
        """Delete every new version written (the change will not happen)."""
        for staged, _ in self.moves:
            staged.unlink(missing_ok=True)
        self.moves.clear()

    def commit(self) -> None:
        """Write the journal, put the folio's new version in place, then everything else.

        Raises `FolioError`: with nothing changed when the journal or the folio's rename fails;
        saying the change is finished at the next open when a later step fails (the folio's
        new version is in place by then, so the change stands).
        """
        journal = self.data_dir / CODEC_CHANGE_FILE
        try:
            write_atomic(journal, self._journal_bytes())
        except OSError as error:
            self.discard()
            raise FolioError(f"could not save {journal}: {error.strerror or error}; nothing was changed") from None
        folio_staged, folio = self.moves[0]
        try:
            os.replace(folio_staged, folio)
            self.done = True
            fsync_folder(folio.parent)
        except OSError as error:
            if self.done:
                raise FolioError(
                    f"the folio is re-saved, but {folio.parent} could not be synced: open it again"
                ) from None
            self.discard()
            journal.unlink(missing_ok=True)
            raise FolioError(f"could not save {folio}: {error.strerror or error}; nothing was changed") from None
        try:
            _roll_forward(self.data_dir, self.moves, self.deletes, journal)
        except OSError as error:
            where = getattr(error, "filename", None) or self.data_dir
            raise FolioError(
                f"the folio is re-saved, but {where} could not be put in place ({error.strerror or error}): "
                "open the folio again to finish"
            ) from None

    def _journal_bytes(self) -> bytes:
        """The journal: the moves and deletes as names relative to the data folder."""
        document = {
            JOURNAL_KEY: 1,
            "moves": [
                [_relative(self.data_dir, staged), _relative(self.data_dir, target)] for staged, target in self.moves
            ],
            "deletes": [_relative(self.data_dir, path) for path in self.deletes],
        }
        return json.dumps(document, indent=1).encode("utf-8")


def plan_change(
    data_dir: Path,
    folio_plain: bytes,
    old: Codec | None,
    new: Codec | None,
    *,
    attached: Iterable[str],
    remove_exports: bool = False,
    backups: Iterable[Path] = (),
) -> CodecChange:
    """Write the new version of every file the codec covers; returns the change, ready to `commit`.

    `folio_plain` is the folio's plain JSON; `attached` the file names of the attachments the
    folio holds (other files in `attachments/` are deleted: with the backups gone, nothing
    refers to them). Drafts and exports are re-encoded by `recoded`; with `remove_exports`
    the exports are deleted instead. Raises `FolioError`, with no file changed and every new
    version deleted, when one cannot be read or written.
    """
    data_dir = Path(data_dir)
    change = CodecChange(data_dir)
    try:
        change.stage(data_dir / FOLIO_FILE, new.encode(folio_plain) if new is not None else folio_plain)
        change.deletes.extend(backups)
        change.deletes.extend(
            path for path in (data_dir / CHECKED_FILE, data_dir / FIGURES_FILE) if os.path.lexists(path)
        )
        change.deletes.extend(data_dir.glob(f".{FOLIO_FILE}.*.tmp"))
        keep = set(attached)
        for folder_name in FOLDERS:
            for path in _files_under(data_dir / folder_name):
                if path.name.startswith(".") and path.name.endswith(".tmp"):
                    change.deletes.append(path)  # an earlier save's leftover, under whatever codec it had
                elif (
                    folder_name == ATTACHMENTS_FOLDER
                    and path.parent == data_dir / folder_name
                    and path.name not in keep
                    or folder_name == EXPORTS_FOLDER
                    and remove_exports
                ):
                    change.deletes.append(path)
                else:
                    content = recoded(read_regular(path), old, new)
                    if content is not None:
                        change.stage(path, content)
    except OSError as error:
        change.discard()
        where = getattr(error, "filename", None) or data_dir
        raise FolioError(f"could not save {where}: {error.strerror or error}; nothing was changed") from None
    except BaseException:
        change.discard()
        raise
    return change


def recoded(stored: bytes, old: Codec | None, new: Codec | None) -> bytes | None:
    """A file's bytes under the `new` codec, or None to leave it as it is.

    A file the `old` codec opens is re-encoded; a plain one is encoded (or, with no new codec,
    left); one encrypted under another key (a backup exported with its own passphrase) is left.
    """
    plain: bytes | None = None
    if old is not None:
        with contextlib.suppress(Exception):  # the codec's own errors: another key, damage
            plain = old.decode(stored)
    if plain is None:
        if has_magic(stored):
            return None
        plain = stored
    content = new.encode(plain) if new is not None else plain
    return None if content == stored else content


def pending_change(data_dir: Path) -> bool:
    """True when a change of codec was cut short in this data folder (its journal is there)."""
    return os.path.lexists(Path(data_dir) / CODEC_CHANGE_FILE)


def finish_pending(data_dir: Path) -> None:
    """Finish or undo a change of codec cut short (call only while holding the folder's lock).

    Raises `FolioError` when a journal is there but cannot be read or followed.
    """
    data_dir = Path(data_dir)
    journal = data_dir / CODEC_CHANGE_FILE
    if not os.path.lexists(journal):
        _delete_staged(data_dir)
        return
    try:
        moves, deletes = _read_journal(data_dir, journal)
    except (OSError, ValueError) as error:
        if os.path.lexists(staged_path(data_dir / FOLIO_FILE)):  # the folio is untouched: undoing is safe
            _delete_staged(data_dir)
            journal.unlink(missing_ok=True)
            return
        raise FolioError(
            f"cannot finish the change of encryption recorded in {journal}: {error}. Nothing was changed; "
            "move that file away only once the folio opens without it"
        ) from None
    try:
        if moves and os.path.lexists(moves[0][0]):  # cut short before the folio's new version took its place
            _delete_staged(data_dir)
            journal.unlink(missing_ok=True)
            fsync_folder(data_dir)
            return
        _roll_forward(data_dir, moves, deletes, journal)
    except OSError as error:
        raise FolioError(
            f"cannot finish the change of encryption recorded in {journal}: {error.strerror or error}"
        ) from None


def _roll_forward(data_dir: Path, moves: list[tuple[Path, Path]], deletes: list[Path], journal: Path) -> None:
    """Put every new version still waiting in place, delete the listed files, then the journal."""
    folders = {data_dir}
    for staged, target in moves:
        if os.path.lexists(staged):
            os.replace(staged, target)
            folders.add(target.parent)
    for path in deletes:
        if special_kind(path) != "a folder":
            path.unlink(missing_ok=True)
            folders.add(path.parent)
    for folder in folders:
        fsync_folder(folder)
    journal.unlink(missing_ok=True)
    fsync_folder(data_dir)


def _read_journal(data_dir: Path, journal: Path) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """The moves and deletes a journal lists, each checked to name a file inside the data folder."""
    document = json.loads(read_regular(journal, JOURNAL_MAX_BYTES).decode("utf-8"))
    if not isinstance(document, dict) or document.get(JOURNAL_KEY) != 1:
        raise ValueError("it is not a journal this sendfolio writes")
    moves = [(_inside(data_dir, staged), _inside(data_dir, target)) for staged, target in document["moves"]]
    for staged, target in moves:
        if staged != staged_path(target):
            raise ValueError(f"it names {staged.name} as the new version of {target.name}")
    if not moves or moves[0][1] != data_dir / FOLIO_FILE:
        raise ValueError("its first file is not the folio")
    deletes = [_inside(data_dir, name) for name in document["deletes"]]
    for path in deletes:
        if path.parent == data_dir and not _deletable_beside_folio(path.name):
            raise ValueError(f"it names {path.name} to delete, which is not a backup or a temporary file")
    return moves, deletes


def _deletable_beside_folio(name: str) -> bool:
    """True for the names a change of codec deletes beside the folio: its backups and temporary files."""
    if name in (CHECKED_FILE, FIGURES_FILE):  # the seal and the figures: under the old codec, never believed
        return True
    suffix = name.removeprefix(f"{FOLIO_FILE}.")
    if suffix != name and suffix.isdigit():
        return True
    return name.startswith(f".{FOLIO_FILE}.") and name.endswith(".tmp")


def _folder_of(data_dir: Path, path: Path) -> str | None:
    """The folder of the data folder `path` is under (`exports`…), None for the data folder itself."""
    parts = Path(path).relative_to(data_dir).parts
    return parts[0] if len(parts) > 1 else None


def _relative(data_dir: Path, path: Path) -> str:
    """`path` as a name relative to the data folder."""
    return Path(path).relative_to(data_dir).as_posix()


def _inside(data_dir: Path, name: object) -> Path:
    """The path a journal's name stands for; `ValueError` unless it is a plain name inside the data folder."""
    if not isinstance(name, str) or not name or name.startswith("/"):
        raise ValueError(f"it names {name!r}, not a file in the data folder")
    parts = Path(name).parts
    if any(part in ("", ".", "..") for part in parts) or (len(parts) > 1 and parts[0] not in FOLDERS):
        raise ValueError(f"it names {name!r}, not a file in the data folder")
    return data_dir.joinpath(*parts)


def _files_under(folder: Path) -> Iterator[Path]:
    """Every regular file under `folder` (links, pipes and devices are not followed nor opened)."""
    if folder.is_symlink() or not folder.is_dir():
        return
    for root, _dirs, names in os.walk(folder, followlinks=False):
        for name in sorted(names):
            path = Path(root) / name
            if special_kind(path) is None and not name.endswith(SUFFIX):
                yield path


def _delete_staged(data_dir: Path) -> None:
    """Delete every new version waiting in the data folder and its folders (no journal wants them)."""
    for path in [*data_dir.glob(f".*{SUFFIX}"), *_staged_under(data_dir)]:
        if special_kind(path) != "a folder":
            path.unlink(missing_ok=True)


def _staged_under(data_dir: Path) -> Iterator[Path]:
    """New versions waiting in the attachments, drafts and exports folders."""
    for folder_name in FOLDERS:
        folder = data_dir / folder_name
        if folder.is_symlink() or not folder.is_dir():
            continue
        for root, _dirs, names in os.walk(folder, followlinks=False):
            yield from (Path(root) / name for name in names if name.endswith(SUFFIX))


def finish_if_free(data_dir: Path) -> None:
    """Finish a change of encryption cut short, unless another sendfolio has the folio open (and is making it)."""
    try:
        lock = FolioLock(data_dir / LOCK_FILE)
    except (FolioLocked, OSError):
        return
    try:
        finish_pending(data_dir)
    finally:
        lock.release()
