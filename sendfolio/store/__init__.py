"""The store: the `Folio` over TinyDB, its atomic storage, layout, lock and encryption codec.

See docs/ARCHITECTURE.md. Everything a shell needs is importable from here. The names are
loaded when first asked for (PEP 562), so the app's first frame can read `store.mark` and
`store.figures` without loading the folio, its records and TinyDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sendfolio.store.names import FOLIO_FILE, LOCK_FILE

if TYPE_CHECKING:
    from sendfolio.store.folio import Folio
    from sendfolio.store.lock import FolioLocked
    from sendfolio.store.storage import FolioError

__all__ = ["FOLIO_FILE", "LOCK_FILE", "Folio", "FolioError", "FolioLocked"]

_HOMES = {
    "Folio": "sendfolio.store.folio",
    "FolioLocked": "sendfolio.store.lock",
    "FolioError": "sendfolio.store.storage",
}
"""The module each name is loaded from."""


def __getattr__(name: str) -> Any:
    """Load `Folio`, `FolioError` or `FolioLocked` when first asked for."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
