"""Privacy: encryption at rest, the identifier check before anything leaves, and purging old details.

`ensure_clear(folio)` is the gate every export and PDF calls; it raises `PrivacyFindings`
(whose message says how many findings and to run `sendfolio privacy-check`).
"""

from sendfolio.privacy.check import PrivacyFindings, ensure_clear

__all__ = ["PrivacyFindings", "ensure_clear"]
"""What other areas import from here."""
