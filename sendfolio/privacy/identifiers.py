"""Finding likely identifiers in the free text that can leave the machine.

A folio about children must not carry their names, contact details or health numbers into
an export or a PDF. `scan(data, do_not_print, ignored)` walks every free-text field of a
`FolioData` and returns a `Finding` for each likely identifier: an e-mail address, a UK
phone number, a UK postcode, an NHS number, a date of birth given in context, or a word from
the folio's private do-not-print list. What each looks like, and how the text is normalised
first (so invisible characters, odd spaces and dashes, accents and full-width digits hide
nothing), is in `sendfolio.domain.identifier_patterns`. Every text field of every record kind
is read through every pattern, names of people included; only the PPC's own e-mail address and
phone number are checked against the list alone (their record type says so). Text from outside
the records (an attachment's words) is checked by `find_identifiers`. Pure: no files, no folio.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sendfolio.domain.fields import is_closed
from sendfolio.domain.identifier_patterns import (
    CATEGORY_TITLES,
    Hit,
    do_not_print_pattern,
    is_nhs_number,
    matches,
)
from sendfolio.domain.records import Case, FolioData, Observation, Record
from sendfolio.domain.text import for_terminal

__all__ = [
    "CATEGORY_TITLES",
    "Finding",
    "Hit",
    "TextField",
    "do_not_print_pattern",
    "fingerprint",
    "find_identifiers",
    "free_text",
    "is_nhs_number",
    "matches",
    "record_text",
    "scan",
    "scan_record",
]

CONTEXT = 30
"""Characters of text shown on each side of a match."""


@dataclass(frozen=True)
class TextField:
    """One piece of free text in the folio: which record and field it is, and the text."""

    kind: str
    record: str
    field: str
    text: str
    words_only: bool = False


@dataclass(frozen=True)
class Finding:
    """A likely identifier: where it is, what matched, and the text around it."""

    id: str
    category: str
    kind: str
    record: str
    field: str
    match: str
    context: str
    count: int = 1

    def to_dict(self) -> dict:
        """The JSON form shown by `sendfolio privacy-check --json`."""
        return {
            "id": self.id,
            "category": self.category,
            "kind": self.kind,
            "record": self.record,
            "field": self.field,
            "match": self.match,
            "context": self.context,
            "count": self.count,
        }

    @property
    def hidden_characters(self) -> bool:
        """True when the match holds an invisible character or an unusual space (pasted text often does)."""
        return any(
            unicodedata.category(char) == "Cf" or (unicodedata.category(char) == "Zs" and char != " ")
            for char in self.match
        )

    def describe(self) -> str:
        """One line: id, what it is, where, and the text around it (saying so when it hides characters)."""
        where = f"{self.kind} {self.record}, {self.field}"
        times = f" (x{self.count})" if self.count > 1 else ""
        hidden = " (written with invisible characters or unusual spaces)" if self.hidden_characters else ""
        return f"[{self.id}] {CATEGORY_TITLES[self.category]} in {where}{times}{hidden}: {self.context}"


def fingerprint(kind: str, record: str, field: str, match: str) -> str:
    """A stable short id of a match: the same record, field and text give the same id."""
    text = " ".join(match.casefold().split())
    return hashlib.sha256("\0".join((kind, record, field, text)).encode("utf-8")).hexdigest()[:10]


def free_text(data: FolioData) -> Iterator[TextField]:
    """Every piece of free text in the folio that an export or a PDF can carry.

    Derived from the record types: every text field of every record (a list's items together, a
    mapping's values one by one as `field.key`), read as its field spec says (`identifiers` in
    `record_base.field_spec`); fields whose values come from a fixed list are passed by. A field
    added to a record type is checked from then on.
    """
    for place in dataclasses.fields(FolioData):
        value = getattr(data, place.name)
        if isinstance(value, tuple):
            for record in value:
                yield from record_text(record)
        elif value is not None:
            yield from record_text(value, place.name)


def record_text(record: Record, place: str = "") -> Iterator[TextField]:
    """The non-empty text fields of one record (see `free_text`); `place` names a record held on its own
    in the folio (the profile, the PPC, the verification or the passport declaration)."""
    kind = place or record.KIND
    label = place or record_label(record)
    for spec in _text_specs(type(record)):
        value = getattr(record, spec.name)
        words_only = spec.metadata.get("identifiers") == "list"
        if isinstance(value, str):
            texts = {spec.name: value}
        elif isinstance(value, tuple):
            texts = {spec.name: "; ".join(item for item in value if isinstance(item, str))}
        elif isinstance(value, dict):
            texts = {f"{spec.name}.{key}": item for key, item in value.items() if isinstance(item, str)}
        else:
            continue
        for field, text in texts.items():
            if text:
                yield TextField(kind, label, field, text, words_only)


def record_label(record: Record) -> str:
    """How a finding names its record: a case by its reference, an observation by its case and
    criterion, any other record by its id."""
    if isinstance(record, Case):
        return record.ref
    if isinstance(record, Observation):
        return f"{record.ref}/{record.criterion}"
    return str(getattr(record, "id", "") or record.KIND)


_NOT_TEXT = re.compile(r"(?:float|int|bool|(?:dt\.)?date(?: \| None)?)")
"""The declared types of fields that never hold text (numbers, yes/no, dates): passed by."""

_TEXT_SPECS: dict[type, tuple[dataclasses.Field, ...]] = {}
"""`_text_specs` of each record type, worked out once."""


def _text_specs(kind: type[Record]) -> tuple[dataclasses.Field, ...]:
    """The fields of a record type the identifier check reads: all but those whose values come from a
    fixed list and those its spec keeps out (`identifiers="none"`)."""
    found = _TEXT_SPECS.get(kind)
    if found is None:
        found = _TEXT_SPECS[kind] = tuple(
            spec
            for spec in dataclasses.fields(kind)
            if spec.metadata.get("identifiers", "full") != "none"
            and not is_closed(spec.metadata["parse"])
            and not _NOT_TEXT.fullmatch(str(spec.type))
        )
    return found


def context_of(text: str, found: Hit) -> str:
    """The match with up to `CONTEXT` printable characters either side, on one line, marked with » «.

    Escape sequences and control characters are taken out (`text.for_terminal`), so the context
    is safe to print and its length counts what is seen.
    """
    start, end = found.span()
    reach = 4 * CONTEXT
    before = for_terminal(text[max(0, start - reach) : start], one_line=True)
    after = for_terminal(text[end : end + reach], one_line=True)
    more_before = len(before) > CONTEXT or start > reach
    more_after = len(after) > CONTEXT or end + reach < len(text)
    match = for_terminal(found.group(), one_line=True)
    line = f"{'…' if more_before else ''}{before[-CONTEXT:]}»{match}«{after[:CONTEXT]}{'…' if more_after else ''}"
    return " ".join(line.split())


def scan(data: FolioData, do_not_print: Iterable[str] = (), ignored: Iterable[str] = ()) -> list[Finding]:
    """The open findings: likely identifiers in the folio's free text, less those marked as not."""
    return _findings(free_text(data), do_not_print, ignored)


def scan_record(record: Record, do_not_print: Iterable[str] = (), ignored: Iterable[str] = ()) -> list[Finding]:
    """The open findings in one record's free text (as `scan` would report them once it is saved)."""
    place = RECORD_PLACES.get(getattr(record, "KIND", ""))
    if place is None:
        return []
    single = not isinstance(getattr(FolioData(), place), tuple)
    return _findings(record_text(record, place if single else ""), do_not_print, ignored)


def find_identifiers(
    text: str,
    do_not_print: Iterable[str] = (),
    *,
    kind: str = "text",
    record: str = "",
    field: str = "text",
    ignored: Iterable[str] = (),
) -> list[Finding]:
    """The likely identifiers in any text, as the folio's own text is checked: every pattern and the
    do-not-print words, read as a reader sees the text.

    For text from outside the records (the words of an attached certificate or a returned form):
    `kind`, `record` and `field` say where the text is, for the findings' ids (the same text in the
    same place gives the same id, so a finding marked as a false positive stays marked) and their
    description. This function's name and arguments are kept stable for callers elsewhere.
    """
    return _findings([TextField(kind, record, field, text)], do_not_print, ignored)


def _findings(pieces: Iterable[TextField], do_not_print: Iterable[str], ignored: Iterable[str]) -> list[Finding]:
    """The findings in these pieces of text, one per distinct match in a field (counted), less the ignored."""
    words = do_not_print_pattern(do_not_print)
    skip = set(ignored)
    found: dict[str, Finding] = {}
    for piece in pieces:
        text = unicodedata.normalize("NFC", piece.text)
        for category, match in matches(text, words, words_only=piece.words_only):
            key = fingerprint(piece.kind, piece.record, piece.field, match.group())
            if key in skip:
                continue
            if key in found:
                found[key] = _counted(found[key])
                continue
            found[key] = Finding(
                key, category, piece.kind, piece.record, piece.field, match.group(), context_of(text, match)
            )
    return list(found.values())


RECORD_PLACES = {
    "case": "cases",
    "observation": "observations",
    "reflection": "reflections",
    "cpd": "cpd",
    "ppc": "ppc_sessions",
    "training": "training",
    "profile": "profile",
    "ppc_contact": "ppc_contact",
    "verification": "verification",
    "plan": "learning_plan",
    "attachment": "attachments",
    "governance": "governance",
    "feedback": "feedback",
    "development": "development_plan",
    "return": "returns",
}
"""Where each kind of record sits in a `FolioData`."""


def _counted(finding: Finding) -> Finding:
    """The same finding seen once more in its field."""
    return Finding(**{**finding.__dict__, "count": finding.count + 1})
