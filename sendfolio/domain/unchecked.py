"""Attached documents nothing can check for identifiers, and the mediator's word that one is clear.

An image (or a scanned page) has no text for the identifier check to read: the privacy check
lists it as "not checked: an image" until the mediator has looked at it and marked it, as a
false alarm is marked: its id joins the folio's setting `IGNORED_SETTING`. The id depends on the
file's content, so a changed file is looked at again. It is worked out here, in the core, so
the demo can mark its own invented membership card as looked at (`samples.demo_plan`).
"""

from __future__ import annotations

import hashlib

IGNORED_SETTING = "privacy.ignored"
"""Folio setting: ids of findings the mediator marked as not identifiers (and images looked at)."""

KIND = "attachment"
"""The kind of record such a finding is in."""


def not_checked_id(category: str, attachment_id: str, sha256: str) -> str:
    """The stable id of the finding that an attachment (by id and content) could not be checked."""
    return hashlib.sha256("\0".join((KIND, attachment_id, category, sha256)).encode("utf-8")).hexdigest()[:10]
