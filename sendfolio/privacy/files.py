"""Files in the data folder after encryption: no plain copy of the folio may stay behind."""

from __future__ import annotations

from pathlib import Path

from sendfolio.domain.wording import count
from sendfolio.store.atomic import read_regular, special_kind
from sendfolio.store.mark import has_magic
from sendfolio.store.names import CHECKED_FILE, DRAFTS_FOLDER, EXPORTS_FOLDER, FOLIO_FILE, LOCK_FILE
from sendfolio.store.recode import CodecChange


def is_folio_copy(path: Path) -> bool:
    """True for a numbered backup of the folio or a temporary file of a save (never the folio itself)."""
    name = path.name
    if name.startswith(FOLIO_FILE + ".") and name[len(FOLIO_FILE) + 1 :].isdigit():
        return True
    return name.startswith(f".{FOLIO_FILE}.") and name.endswith(".tmp")


def _starts_encrypted(path: Path) -> bool:
    """True when the file begins with the encryption mark."""
    return has_magic(read_regular(path, head=64))


def sweep_plain_files(data_dir: Path) -> list[Path]:
    """Delete plain copies of the folio left in the folder; return other plain files (any depth) to warn about."""
    folder = Path(data_dir)
    others: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if special_kind(path) is not None or not path.is_file():
            continue  # a link, pipe or device is never opened (a pipe would block); a link's target is not ours
        if path.name == LOCK_FILE or path.stat().st_size == 0 or _starts_encrypted(path):
            continue
        if path.parent == folder and path.name == CHECKED_FILE:  # digests only, no record text (`store/checked.py`)
            continue
        if path.parent == folder and is_folio_copy(path):
            path.unlink()
        else:
            others.append(path)
    return others


def codec_change_lines(change: CodecChange, decrypted: bool) -> list[str]:
    """What a change of encryption did to the drafts and the exports, one sentence each (none: nothing there).

    For the command line and the app's encryption screen alike.
    """
    state = "stored as plain text, as the folio is" if decrypted else "encrypted with the folio"
    lines = []
    drafts = change.changed(DRAFTS_FOLDER)
    if drafts:
        lines.append(f"{count(len(drafts), 'unsaved draft')} kept, {state}.")
    exports = change.changed(EXPORTS_FOLDER)
    if exports:
        names = ", ".join(path.name for path in exports)
        lines.append(f"{count(len(exports), 'file')} in the exports folder ({names}) {state}.")
    removed = change.removed(EXPORTS_FOLDER)
    if removed:
        lines.append(f"{count(len(removed), 'file')} removed from the exports folder.")
    return lines
