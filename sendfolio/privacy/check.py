"""The privacy check of a whole folio: its do-not-print list, false positives, and the gate.

`ensure_clear(folio)` is called before every export and every PDF: it raises
`PrivacyFindings` while any likely identifier is still open. The do-not-print list and the
fingerprints of findings marked as not identifiers live in the folio's settings (so they are
encrypted with it) and are never printed in an export or a PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendfolio.domain.text import control_characters
from sendfolio.domain.unchecked import IGNORED_SETTING
from sendfolio.privacy.attachment_text import UNREADABLE
from sendfolio.privacy.identifiers import CATEGORY_TITLES, Finding, scan, scan_record

if TYPE_CHECKING:
    from sendfolio.domain.records import Record
    from sendfolio.store import Folio

DO_NOT_PRINT_KEY = "privacy.do_not_print"
"""Folio setting: the private list of names and words that must never be printed."""

IGNORED_KEY = IGNORED_SETTING
"""Folio setting: fingerprints of findings the mediator marked as not identifiers (and images looked at)."""

PRIVATE_SETTINGS = (DO_NOT_PRINT_KEY, IGNORED_KEY)
"""Settings that hold private words or traces of them: never exported or printed."""

MAX_WORD = 120
"""The longest do-not-print entry accepted."""


class PrivacyFindings(Exception):
    """Likely identifiers remain in the folio, so nothing may leave the machine yet."""

    def __init__(self, findings: list[Finding]):
        """Keep the open findings; the message says how many, where (record and field) and what to run."""
        self.findings = findings
        count = len(findings)
        noun = "possible identifier" if count == 1 else "possible identifiers"
        super().__init__(
            f"{count} {noun} found in the folio's text, so nothing was written: {where(findings)}. "
            "Run `sendfolio privacy-check` to see them in context, then edit the text, or mark a false positive "
            "with `sendfolio privacy-check --ignore ID`"
        )


MAX_LISTED = 5
"""How many findings the refusal message names; the rest are counted."""


def where(findings: list[Finding]) -> str:
    """Each finding's id, kind and place (record and field), without the matched text itself."""
    listed = [
        f"[{item.id}] {CATEGORY_TITLES[item.category]} in {item.kind} {item.record}, {item.field}"
        for item in findings[:MAX_LISTED]
    ]
    more = len(findings) - MAX_LISTED
    return "; ".join(listed) + (f"; and {more} more" if more > 0 else "")


def do_not_print(folio: Folio) -> list[str]:
    """The folio's do-not-print words, in the order they were added."""
    return list(folio.get_setting(DO_NOT_PRINT_KEY, []) or [])


def ignored(folio: Folio) -> set[str]:
    """Fingerprints of findings marked as not identifiers."""
    return set(folio.get_setting(IGNORED_KEY, []) or [])


def all_findings(folio: Folio) -> list[Finding]:
    """Every likely identifier in the folio's free text and its attached documents' text, open or marked;
    and each attached image or document that nothing could check (`attachment_text`)."""
    from sendfolio.privacy.attachment_text import attachment_findings  # reads files: loaded when first needed

    words = do_not_print(folio)
    return scan(folio.data(), words) + attachment_findings(folio, words)


def open_findings(folio: Folio) -> list[Finding]:
    """The findings not marked as false positives."""
    marked = ignored(folio)
    return [finding for finding in all_findings(folio) if finding.id not in marked]


def record_findings(record: Record, folio: Folio | None = None) -> list[Finding]:
    """Likely identifiers in one record about to be saved, less those marked; `folio` gives the lists."""
    if folio is None:
        return scan_record(record)
    return scan_record(record, do_not_print(folio), ignored(folio))


def ensure_clear(folio: Folio) -> None:
    """Raise `PrivacyFindings` while any likely identifier is open (call before every export and PDF)."""
    found = open_findings(folio)
    if found:
        raise PrivacyFindings(found)


def ignore(folio: Folio, finding_id: str) -> Finding:
    """Mark a current finding as a false positive (remembered by its fingerprint); returns it.

    Raises `KeyError` with a message when no current finding has that id.
    """
    wanted = finding_id.strip().lower()
    found = next((finding for finding in all_findings(folio) if finding.id == wanted), None)
    if found is None:
        raise KeyError(f"no finding has id {finding_id!r}: run `sendfolio privacy-check` to list them")
    if found.category == UNREADABLE:
        raise KeyError(
            f"finding {found.id} is a document that cannot be read, so nothing can say it holds no identifier: "
            f"remove it with `sendfolio attachments --remove {found.record}`, or attach a copy that reads"
        )
    marked = sorted(ignored(folio) | {found.id})
    folio.put_setting(IGNORED_KEY, marked)
    return found


def clean_word(word: str) -> str:
    """A do-not-print entry trimmed to single spaces, or raise `ValueError` saying what is allowed."""
    cleaned = " ".join(word.split())
    if not cleaned:
        raise ValueError("word: give a name or word to keep out of exports (e.g. a child's first name)")
    if len(cleaned) > MAX_WORD:
        raise ValueError(f"word: too long ({len(cleaned)} characters; at most {MAX_WORD})")
    if not any(char.isalnum() for char in cleaned):
        raise ValueError("word: must contain a letter or digit")
    if control_characters(cleaned):
        raise ValueError("word: holds a control character; give the name as plain text")
    return cleaned


def add_word(folio: Folio, word: str) -> bool:
    """Add a word or phrase to the do-not-print list; False when it was already there (any case)."""
    cleaned = clean_word(word)
    words = do_not_print(folio)
    if cleaned.casefold() in {item.casefold() for item in words}:
        return False
    folio.put_setting(DO_NOT_PRINT_KEY, [*words, cleaned])
    return True


def remove_word(folio: Folio, word: str) -> bool:
    """Remove a word or phrase from the do-not-print list (any case); False when it was not there."""
    target = " ".join(word.split()).casefold()
    words = do_not_print(folio)
    kept = [item for item in words if item.casefold() != target]
    if len(kept) == len(words):
        return False
    folio.put_setting(DO_NOT_PRINT_KEY, kept)
    return True
