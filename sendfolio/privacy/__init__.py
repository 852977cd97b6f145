"""Privacy: encryption at rest, the identifier check before anything leaves, and purging old details.

The gate every PDF, CSV or Markdown export, observer's forms and calendar passes is
`gate.release(folio)` (the services call it): it returns the records as a `ClearedFolio`, the only
value the output functions take, or raises `PrivacyFindings` (whose message says how many
findings and to run `sendfolio privacy-check`). `ensure_clear(folio)` asks the same question
without releasing anything.
"""

from typing import Any

__all__ = ["PrivacyFindings", "ensure_clear"]
"""What other areas import from here (loaded on first use, so importing the package stays light)."""


def __getattr__(name: str) -> Any:
    """Load `PrivacyFindings` and `ensure_clear` from `check` when first asked for."""
    if name in __all__:
        from sendfolio.privacy import check

        return getattr(check, name)
    raise AttributeError(f"module 'sendfolio.privacy' has no attribute {name!r}")
