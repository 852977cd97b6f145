"""Finding likely identifiers in the free text that can leave the machine.

A folio about children must not carry their names, contact details or health numbers into
an export or a PDF. `scan(data, do_not_print, ignored)` walks every free-text field of a
`FolioData` and returns a `Finding` for each likely identifier: an e-mail address, a UK
phone number, a UK postcode, an NHS number (10 digits passing the modulus-11 check), a date
of birth given in context ("DOB", "born", "date of birth"), or a word from the folio's
private do-not-print list. Listed words match as whole words in any case and with or without
accents ("Zoe" finds "ZOË"), followed by a possessive or plural ("Zoe's", "Zoes"), or as part
of a hyphenated name ("Zoe-Rose"); the pieces of a listed name may be joined by spaces,
hyphens or nothing ("Anne-Marie" finds "Anne Marie" and "annemarie"), and an apostrophe in a
listed name is optional ("O'Brien" finds "OBrien" and "O’Brien"). Names of people the portfolio
must show (the mediator, the PPC, the verifier) are checked against the list only. Pure: no
files, no folio.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sendfolio.domain.records import FolioData

CATEGORY_TITLES = {
    "email": "e-mail address",
    "phone": "UK phone number",
    "postcode": "UK postcode",
    "nhs-number": "NHS number",
    "date-of-birth": "date of birth",
    "do-not-print": "word on the do-not-print list",
}
"""Each kind of identifier, in words."""

EMAIL = re.compile(r"(?<![\w.+%-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
"""An e-mail address."""

PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|\(?0)(?:[\s()-]{0,2}\d){9,10}(?!\d)")
"""A candidate UK phone number (+44 / 0044 / 0, then 9 or 10 digits); checked by `_is_uk_phone`."""

POSTCODE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])")
"""A UK postcode in capitals (the inward code's letters never include C I K M O V)."""

POSTCODE_LOWER = re.compile(r"(?<![A-Za-z0-9])[a-z]{1,2}[0-9][a-z0-9]? ?([0-9][abd-hjlnp-uw-z]{2})(?![A-Za-z0-9])")
"""A UK postcode typed in small letters; checked by `_is_lower_postcode` (so "ks2 2nd" is not one)."""

ORDINAL = re.compile(r"[0-9](?:st|nd|rd|th)")
"""An inward code that reads as an ordinal (1st, 2nd, 3rd, 4th): not taken as a small-letter postcode."""

NHS_NUMBER = re.compile(r"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
"""A candidate NHS number (3-3-4 digits); checked by `is_nhs_number`."""

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
"""A month name, in full or short (regular-expression text)."""

_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MONTH}\s+\d{{4}}|(?:19|20)\d{{2}})"
)
"""A written date: 12/03/2015, 2015-03-12, 3rd March 2014, March 3, 2014, May 2016 or a year (regex text)."""

DATE_OF_BIRTH = re.compile(
    rf"(?:\bD\.?O\.?B\b\.?|\bdate\s+of\s+birth\b|\bborn\b(?:\s+(?:on|in))?(?:\s+the)?"
    rf"|\bbirth\s?day\b(?:\s+(?:is|was))?(?:\s+on)?(?:\s+the)?)[\s:;,(-]*{_DATE}(?![\w/])",
    re.IGNORECASE,
)
"""A date (or year) of birth introduced by DOB, 'date of birth', 'born' or 'birthday'."""

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
class Hit:
    """One match in a text: where it is and the text matched (a `re.Match` look-alike)."""

    start: int
    end: int
    text: str

    def span(self) -> tuple[int, int]:
        """(start, end) of the match in the scanned text."""
        return self.start, self.end

    def group(self) -> str:
        """The matched text, as it is written in the record."""
        return self.text


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

    def describe(self) -> str:
        """One line: id, what it is, where, and the text around it."""
        where = f"{self.kind} {self.record}, {self.field}"
        times = f" (x{self.count})" if self.count > 1 else ""
        return f"[{self.id}] {CATEGORY_TITLES[self.category]} in {where}{times}: {self.context}"


def fingerprint(kind: str, record: str, field: str, match: str) -> str:
    """A stable short id of a match: the same record, field and text give the same id."""
    text = " ".join(match.casefold().split())
    return hashlib.sha256("\0".join((kind, record, field, text)).encode("utf-8")).hexdigest()[:10]


def is_nhs_number(digits: str) -> bool:
    """True for 10 digits whose last is the NHS modulus-11 check digit of the first nine."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 10:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _is_uk_phone(candidate: str) -> bool:
    """True when the digits make a UK number: 0 then 9-10 digits, not starting 00 or 04/06."""
    digits = re.sub(r"\D", "", candidate)
    if digits.startswith("0044"):
        digits = digits[2:]
    if digits.startswith("440"):
        digits = digits[2:]
    elif digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits.startswith("0") and len(digits) in (10, 11) and digits[1] in "1235789"


SEPARATORS = r"[\s\-\u2010-\u2015_.]*"
"""What may join the pieces of a listed name in the text: spaces, hyphens, dashes, dots or nothing."""

APOSTROPHES = "'\u2018\u2019`"
"""Straight and curly apostrophes: one in a listed name matches any (or none) in the text."""

SUFFIX = r"(?=(?:['\u2018\u2019]s|s['\u2018\u2019]?)?(?!\w))"
"""After a listed word: optionally a possessive or plural, then no more letters (not part of the match)."""


def fold(text: str) -> str:
    """The text with accents taken off, one character for one (so positions still match the text)."""
    return "".join(unicodedata.normalize("NFD", char)[:1] or char for char in text)


def _word_regex(phrase: str) -> str:
    """Regular-expression text for one listed name: pieces split at spaces/hyphens, optional apostrophes."""
    pieces = [piece for piece in re.split(r"[\s\-\u2010-\u2015_.]+", fold(phrase)) if piece]
    parts = [
        "".join(f"[{APOSTROPHES}]?" if char in APOSTROPHES else re.escape(char) for char in piece) for piece in pieces
    ]
    return SEPARATORS.join(parts)


def do_not_print_pattern(words: Iterable[str]) -> re.Pattern | None:
    """One pattern for the do-not-print words and phrases (None if there are none); see the module text.

    It is meant for `fold`-ed text: accents are taken off the words and the text alike.
    """
    phrases = sorted(
        {" ".join(unicodedata.normalize("NFC", word).split()) for word in words if word.strip()}, key=len, reverse=True
    )
    parts = [_word_regex(phrase) for phrase in phrases]
    parts = [part for part in parts if part]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")" + SUFFIX, re.IGNORECASE)


def free_text(data: FolioData) -> Iterator[TextField]:
    """Every piece of free text in the folio that an export or a PDF can carry."""
    for case in data.cases:
        yield from _fields(
            "case",
            case.ref,
            {"ref": case.ref, "observed_by": case.observed_by, "issues": "; ".join(case.issues), "notes": case.notes},
        )
        yield from _fields("case", case.ref, {f"debrief.{key}": value for key, value in case.debrief.items()})
    for item in data.observations:
        yield from _fields(
            "observation", f"{item.ref}/{item.criterion}", {"observer": item.observer, "notes": item.notes}
        )
    for item in data.reflections:
        yield from _fields("reflection", item.id, {"title": item.title, "body": item.body})
    for item in data.cpd:
        yield from _fields("cpd", item.id, {"title": item.title, "provider": item.provider, "learning": item.learning})
    for item in data.ppc_sessions:
        yield from _fields("ppc", item.id, {"topics": item.topics, "actions": item.actions})
    for item in data.training:
        yield from _fields("training", item.id, {"title": item.title, "provider": item.provider})
    for name in ("verification", "passport_declaration"):
        if getattr(data, name) is not None:
            yield from _fields(name, name, {"statement": getattr(data, name).statement})
    yield from names(data)


def names(data: FolioData) -> Iterator[TextField]:
    """Names and contact details the documents must show: checked against the do-not-print list only."""
    profile = data.profile
    yield from _fields(
        "profile", "profile", {"name": profile.name, "membership_number": profile.membership_number}, True
    )
    for item in data.ppc_sessions:
        yield from _fields("ppc", item.id, {"ppc": item.ppc}, True)
    for item in data.training:
        yield from _fields("training", item.id, {"recognised_by": item.recognised_by}, True)
    if data.ppc_contact is not None:
        contact = data.ppc_contact
        yield from _fields(
            "ppc_contact",
            "ppc_contact",
            {"name": contact.name, "register": contact.register, "email": contact.email, "phone": contact.phone},
            True,
        )
    for name in ("verification", "passport_declaration"):
        if getattr(data, name) is not None:
            yield from _fields(
                name, name, {"name": getattr(data, name).name, "register": getattr(data, name).register}, True
            )


def _fields(kind: str, record: str, values: dict[str, str], words_only: bool = False) -> Iterator[TextField]:
    """The non-empty text fields of one record."""
    for field, text in values.items():
        if text:
            yield TextField(kind, record, field, text, words_only)


def matches(text: str, words: re.Pattern | None = None, *, words_only: bool = False) -> Iterator[tuple[str, Hit]]:
    """(category, hit) for every likely identifier in one (NFC) text, without overlaps.

    With `words_only`, only the do-not-print words are looked for.
    """
    taken: list[tuple[int, int]] = []
    for category, found in _candidates(text, words, words_only):
        span = found.span()
        if any(start < span[1] and span[0] < end for start, end in taken):
            continue
        taken.append(span)
        yield category, Hit(span[0], span[1], text[span[0] : span[1]])


def _candidates(text: str, words: re.Pattern | None, words_only: bool) -> Iterator[tuple[str, re.Match]]:
    """Every candidate match, most specific first (so a phone number is not also an NHS number)."""
    if words is not None:
        yield from (("do-not-print", found) for found in words.finditer(fold(text)))
    if words_only:
        return
    yield from (("email", found) for found in EMAIL.finditer(text))
    yield from (("date-of-birth", found) for found in DATE_OF_BIRTH.finditer(text))
    yield from (("phone", found) for found in PHONE.finditer(text) if _is_uk_phone(found.group()))
    yield from (("nhs-number", found) for found in NHS_NUMBER.finditer(text) if is_nhs_number(found.group()))
    yield from (("postcode", found) for found in POSTCODE.finditer(text))
    yield from (("postcode", found) for found in POSTCODE_LOWER.finditer(text) if not ORDINAL.fullmatch(found.group(1)))


def context_of(text: str, found: Hit) -> str:
    """The match with up to `CONTEXT` characters either side, on one line, marked with » «."""
    start, end = found.span()
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    line = f"{'…' if start > CONTEXT else ''}{before}»{found.group()}«{after}{'…' if end + CONTEXT < len(text) else ''}"
    return " ".join(line.split())


def scan(data: FolioData, do_not_print: Iterable[str] = (), ignored: Iterable[str] = ()) -> list[Finding]:
    """The open findings: likely identifiers in the folio's free text, less those marked as not."""
    words = do_not_print_pattern(do_not_print)
    skip = set(ignored)
    found: dict[str, Finding] = {}
    for piece in free_text(data):
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
}
"""Where each kind of record sits in a `FolioData`."""


def scan_record(record, do_not_print: Iterable[str] = (), ignored: Iterable[str] = ()) -> list[Finding]:
    """The open findings in one record's free text (as `scan` would report them once it is saved)."""
    place = RECORD_PLACES.get(getattr(record, "KIND", ""))
    if place is None:
        return []
    value = (record,) if isinstance(getattr(FolioData(), place), tuple) else record
    return scan(FolioData(**{place: value}), do_not_print, ignored)


def _counted(finding: Finding) -> Finding:
    """The same finding seen once more in its field."""
    return Finding(**{**finding.__dict__, "count": finding.count + 1})
