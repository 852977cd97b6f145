"""The portfolio: records and rules → document model → HTML → PDF.

`compile_portfolio`, `compile_renewal` and `compile_passport` (in `api`) make the PDFs from the
records the privacy gate released (a `ClearedFolio`); both shells reach them through
`sendfolio.services.compile`. Importing this package imports none of its modules (they load on
first use), and never WeasyPrint: a screen may use the document model without the compiler.
"""

from typing import Any

_WHERE = {
    "CompileResult": "api",
    "compile_passport": "api",
    "compile_portfolio": "api",
    "compile_renewal": "api",
    "CoveredPeriod": "model",
    "CompileCancelled": "progress",
}
"""Each name this package offers, and the module it comes from."""

__all__ = sorted(_WHERE)
"""What other areas import from here."""


def __getattr__(name: str) -> Any:
    """Load a name from its module when first asked for."""
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"sendfolio.portfolio.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'sendfolio.portfolio' has no attribute {name!r}")
