"""The Dashboard's figures of the last save, kept beside the folio, believed only for that very file.

The app paints the figures with its first frame from here, then confirms them with the full
rules once the folio is open (and paints again). So that a changed file is never shown with the
figures of another, they are keyed to the SHA-256 of the folio file's bytes as stored (encrypted
ones when the folio is), to the day they were worked out for and to the reader (sendfolio's
version and the figures' format): a file edited by hand, restored, or saved by another sendfolio
has another digest, and its kept figures are not shown.

The file (`figures.cache`) holds record text (case references, titles), so it is written through
the folio's codec, atomically, and a change of codec deletes it with the old backups
(`recode.py`). Anything unexpected in it -- not a file, too large, another key, not JSON, another
shape -- means no kept figures: it is ignored, never believed and never a crash; the next
figures worked out replace it.

This module imports nothing heavy: the app reads it before its first frame.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendfolio.store.atomic import read_regular, write_atomic
from sendfolio.store.names import FIGURES_FILE, FOLIO_FILE

if TYPE_CHECKING:
    from sendfolio.domain.records import FolioData
    from sendfolio.store.storage import AtomicJSONStorage, Codec

FIGURES_KEY = "sendfolio-figures"
"""The file's format mark and version."""

FIGURES_MAX_BYTES = 2 * 1024 * 1024
"""The largest figures file read back (a Dashboard's worth of text is far less)."""


def folio_digest(data_dir: Path) -> str | None:
    """The SHA-256 of the folio file's bytes as stored now, or None when it cannot be read."""
    try:
        return hashlib.sha256(read_regular(Path(data_dir) / FOLIO_FILE)).hexdigest()
    except OSError:
        return None


class DigestInBackground:
    """The folio file's digest, worked out in a thread from the moment asked (hashing lets go of the GIL),
    so the app's start-up goes on meanwhile; `result()` waits for it."""

    def __init__(self, data_dir: Path) -> None:
        """Start reading and hashing the folio file in `data_dir`."""
        self._digest: str | None = None
        self._thread = threading.Thread(target=self._work, args=(Path(data_dir),), daemon=True, name="folio digest")
        self._thread.start()

    def _work(self, data_dir: Path) -> None:
        """Read and hash the file."""
        self._digest = folio_digest(data_dir)

    def result(self) -> str | None:
        """The digest (None: no readable file)."""
        self._thread.join()
        return self._digest


def kept_figures(data_dir: Path, digest: str | None, *, today: str, reader: str, codec: Codec | None = None) -> Any:
    """The figures kept for the folio file of this `digest`, on `today`, by this `reader`; None for anything else."""
    if digest is None:
        return None
    try:
        stored = read_regular(Path(data_dir) / FIGURES_FILE, FIGURES_MAX_BYTES)
        document = json.loads((codec.decode(stored) if codec is not None else stored).decode("utf-8"))
    except Exception:  # missing, unreadable, another key, not JSON: no kept figures
        return None
    if (
        not isinstance(document, dict)
        or document.get(FIGURES_KEY) != 1
        or document.get("folio") != digest
        or document.get("today") != today
        or document.get("reader") != reader
    ):
        return None
    return document.get("figures")


def keep_figures(
    data_dir: Path, digest: str, figures: Any, *, today: str, reader: str, codec: Codec | None = None
) -> None:
    """Keep `figures` (plain JSON values) for the folio file of this `digest`, through `codec`, atomically.

    Raises `OSError` when the file cannot be written (the caller goes on without: only speed is lost).
    """
    document = {FIGURES_KEY: 1, "folio": digest, "today": today, "reader": reader, "figures": figures}
    plain = json.dumps(document, ensure_ascii=False).encode("utf-8")
    write_atomic(Path(data_dir) / FIGURES_FILE, codec.encode(plain) if codec is not None else plain)


@dataclass(frozen=True)
class Snapshot:
    """The folio's records at one moment, with the digest of the file holding exactly them (None: not known)."""

    data: FolioData
    digest: str | None
    generation: int


class KeepsFigures:
    """What `Folio` adds for kept figures: a snapshot of its records tied to its file, and keeping figures for it.

    `Folio.batch` counts `_generation` up when an outermost batch begins and again when it ends,
    so a snapshot taken across a change (or inside one) is known, and no figures are kept for it.
    """

    _generation: int
    _storage: AtomicJSONStorage
    data_dir: Path
    codec_lock: threading.RLock

    def data(self) -> FolioData:
        """Everything in the folio, from memory (`FolioContents.data`)."""
        raise NotImplementedError

    def _file_digest(self) -> str | None:
        """The SHA-256 of the folio file as last read or saved (the storage's; None: not known)."""
        return self._storage.digest

    @property
    def codec(self) -> Codec | None:
        """The folio's codec (`Folio.codec`)."""
        raise NotImplementedError

    def snapshot(self) -> Snapshot:
        """The records now, and the digest of the file that holds exactly them (None during or across a change)."""
        generation = self._generation
        data, digest = self.data(), self._file_digest()
        if generation % 2 or generation != self._generation:
            digest = None
        return Snapshot(data, digest, generation)

    def keep_figures(self, snapshot: Snapshot, figures: Any, *, today: str, reader: str) -> bool:
        """Keep figures worked out from `snapshot` beside the folio, if the file still holds those records.

        Written through the folio's codec, with the codec lock held (a change of encryption never
        finds figures written under the old codec after it). False when not kept: the records
        changed since, the digest is not known, or the file could not be written (only speed is lost).
        """
        with self.codec_lock:
            if snapshot.digest is None or snapshot.generation != self._generation:
                return False
            if snapshot.digest != self._file_digest():
                return False
            try:
                keep_figures(self.data_dir, snapshot.digest, figures, today=today, reader=reader, codec=self.codec)
            except OSError:
                return False
        return True
