"""Privacy: encryption at rest, the identifier check before anything leaves, and purging old details.

`ensure_clear(folio)` is the gate every export and PDF calls; it raises `PrivacyFindings`
(whose message says how many findings and to run `sendfolio privacy-check`).
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
