"""The store: the `Folio` over TinyDB, its atomic storage, layout, lock and encryption codec.

See docs/ARCHITECTURE.md. Everything a shell needs is importable from here.
"""

from __future__ import annotations

from sendfolio.store.folio import Folio
from sendfolio.store.lock import FolioLocked
from sendfolio.store.names import FOLIO_FILE, LOCK_FILE
from sendfolio.store.storage import FolioError

__all__ = ["FOLIO_FILE", "LOCK_FILE", "Folio", "FolioError", "FolioLocked"]
