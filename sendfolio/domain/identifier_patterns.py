"""What a likely identifier looks like in a text: the patterns, read on normalised text.

`matches(text, words)` yields (category, `Hit`) for each e-mail address, UK phone number, UK
postcode, NHS number (10 digits passing the modulus-11 check), date of birth given in context
("DOB", "born", "b.", "birth date", "date of birth") and word of the do-not-print list in one
text. It reads the text through `text.normalise` -- compatibility forms, no accents, no
invisible characters, one kind of space, dash and apostrophe -- so "Zo\\u00ade", "SW1A\\u00a01AA"
and full-width digits are found; each hit gives the span and the words as written.

The forms found: phones with spaces, hyphens, dashes, dots, slashes or brackets between
the digits ("07700–900–123", "020.7946.0958", "07700/900123", "+44 (0)7700 900123");
postcodes in any case, with no, one or two spaces or a hyphen ("Sw1a 1aA", "SW1A-1AA");
NHS numbers as 3-3-4 or 3-3-2-2 digits with spaces, dots or hyphens; e-mail addresses with
accented or non-Latin domains and spaces round the @ ("jo @ example.com"). Listed words match
in any case, with or without accents, followed by a possessive or plural ("Zoe's"), with
digits or underscores attached ("Zoe2", "zoe_smith"), with their pieces joined by spaces,
hyphens or nothing ("Anne-Marie" finds "Anne Marie" and "annemarie"), and with an apostrophe
optional or written as a space ("O'Brien" finds "OBrien" and "O Brien").

`excerpt(value)` is the short, masked form an error message may show of a bad value.
Pure: no files, no folio.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sendfolio.domain.text import for_terminal, normalise

CATEGORY_TITLES = {
    "email": "e-mail address",
    "phone": "UK phone number",
    "postcode": "UK postcode",
    "nhs-number": "NHS number",
    "date-of-birth": "date of birth",
    "do-not-print": "word on the do-not-print list",
}
"""Each kind of identifier, in words."""

EMAIL = re.compile(
    r"(?<![\w.+%'-])[\w%+'-]+(?:\.[\w%+'-]+)* ?@ ?[^\W_](?:[\w-]*\w)?(?:\.\w(?:[\w-]*\w)?)*\.[^\W\d_]{2,}(?![\w-])"
)
"""An e-mail address (on normalised text: accented domains read as plain letters)."""

PHONE = re.compile(
    r"(?<![^\W_])(?<!\+)(?<!\d[./-])(?:(?:\+|00)44[ _]?(?:\(0\)[ _]?)?|\(0(?=\d{2,4}\))|0)"
    r"(?:[\s()./_-]{0,2}\d){9,10}(?![./-]?\d)"
)
"""A candidate UK phone number (+44 / 0044 / 0, then 9 or 10 digits); checked by `_is_uk_phone`."""

_PHONE_PREFIX = re.compile(r"^(?:\+|00)44[ _]?(?:\(0\)[ _]?)?")
"""The international prefix of a UK number, with the optional (0)."""

POSTCODE = re.compile(
    r"(?<![\w-])([A-Z]{1,2}[0-9][A-Z0-9]?)(?: {0,2}| ?- ?)([0-9][ABD-HJLNP-UW-Z]{2})(?![\w-])|(?<!\w)GIR ?0AA(?!\w)",
    re.IGNORECASE,
)
"""A candidate UK postcode in any case (the inward code's letters never include C I K M O V)."""

NOT_INWARD = re.compile(r"[0-9](?:st|nd|rd|th|hr)", re.IGNORECASE)
"""An inward code that reads as an ordinal or hours (1st, 2nd, 3rd, 4th, 2hr): not taken unless in capitals."""

NHS_NUMBER = re.compile(
    r"(?<![^\W_])(?<![.\d][/.-])\d{3}(?:[ ._-]?\d{3}[ ._-]?\d{4}|([ ._-])\d{3}\1\d{2}\1\d{2})(?![./-]?\d)"
)
"""A candidate NHS number (3-3-4 or 3-3-2-2 digits); checked by `is_nhs_number`."""

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
"""A month name, in full or short (regular-expression text)."""

_FULL_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:[ ]?[/.-][ ]?|\s+(?:of\s+)?){_MONTH}(?:,?\s+|[ ]?[/.-][ ]?)\d{{2,4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
"""A date with its day: 12/03/2015, 2015-03-12, 3rd March 2014, 03-Mar-2015 or March 3, 2014 (regex text)."""

_DATE = rf"(?:{_FULL_DATE}|{_MONTH}\s+\d{{4}}|(?:19|20)\d{{2}})"
"""A written date, or only a month and year (May 2016) or a year."""

DATE_OF_BIRTH = re.compile(
    rf"(?:(?:\bD\.? ?O\.? ?B\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bborn\b(?:\s+(?:on|in))?(?:\s+the)?"
    rf"|\bbirth\s?day\b(?:\s+(?:is|was))?(?:\s+on)?(?:\s+the)?)[\s:;,(=-]*{_DATE}"
    rf"|(?<![\w.])b\.[ \t]*{_FULL_DATE})(?![\w/])",
    re.IGNORECASE,
)
"""A date (or year) of birth introduced by DOB, 'date of birth', 'birth date', 'born' or 'birthday', or a
whole date after 'b.' (so "Appendix B. 2019" is not one)."""


@dataclass(frozen=True)
class Hit:
    """One match in a text: where it is and the text matched (a `re.Match` look-alike)."""

    start: int
    end: int
    text: str

    def span(self) -> tuple[int, int]:
        """(start, end) of the match in the text as written."""
        return self.start, self.end

    def group(self) -> str:
        """The matched text, as it is written in the record."""
        return self.text


def is_nhs_number(digits: str) -> bool:
    """True for 10 digits whose last is the NHS modulus-11 check digit of the first nine."""
    digits = re.sub(r"\D", "", normalise(digits).text)
    if len(digits) != 10:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _is_uk_phone(candidate: str) -> bool:
    """True when the digits make a UK number and are grouped as phone numbers are written.

    The digits: 0 then 9-10 more, not starting 00 or 04/06. The groups: after a leading 0, the
    first group has at least 3 digits (020, 0161, 07700) and every group at least 2, so decimals
    ("0.5 1.5 ...") and ISBNs ("0-19-852663-6") are not taken.
    """
    international = _PHONE_PREFIX.match(candidate)
    rest = candidate[international.end() :] if international else candidate
    groups = re.findall(r"\d+", rest)
    digits = "".join(groups)
    if international:
        digits = "0" + digits.removeprefix("0")
    elif len(groups[0]) < 3:
        return False
    if any(len(group) < 2 for group in groups):
        return False
    return digits.startswith("0") and len(digits) in (10, 11) and digits[1] in "1235789"


def _is_postcode(found: re.Match) -> bool:
    """True unless a postcode not written in capitals has an inward code like 2nd or 3hr."""
    if found.group(2) is None or found.group().upper() == found.group():
        return True
    return not NOT_INWARD.fullmatch(found.group(2))


SEPARATORS = r"[\s\-_.]*"
"""What may join the pieces of a listed name in the text: spaces, hyphens, underscores, dots or nothing."""

SUFFIX = r"(?=(?:'s|s'?)?(?![^\W\d_]))"
"""After a listed word: optionally a possessive or plural, then no more letters (digits or _ may follow)."""


def _word_regex(phrase: str) -> str:
    """Regular-expression text for one listed name: pieces split at spaces/hyphens, apostrophes optional."""
    pieces = [piece for piece in re.split(r"[\s\-_.]+", normalise(phrase).text) if piece]
    parts = ["".join("['\\s-]?" if char == "'" else re.escape(char) for char in piece) for piece in pieces]
    return SEPARATORS.join(parts)


def do_not_print_pattern(words: Iterable[str]) -> re.Pattern | None:
    """One pattern for the do-not-print words and phrases (None if there are none); see the module text.

    It is meant for normalised text (`text.normalise`): the words are normalised the same way.
    """
    phrases = sorted({" ".join(word.split()) for word in words if word.strip()}, key=len, reverse=True)
    parts = [part for part in (_word_regex(phrase) for phrase in phrases) if part]
    if not parts:
        return None
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(parts) + r")" + SUFFIX, re.IGNORECASE)


def matches(text: str, words: re.Pattern | None = None, *, words_only: bool = False) -> Iterator[tuple[str, Hit]]:
    """(category, hit) for every likely identifier in one text, without overlaps, placed in the text as written.

    With `words_only`, only the do-not-print words are looked for. The spans taken are kept in
    order (they never overlap), so checking a candidate against them is a binary search.
    """
    read = normalise(text)
    starts: list[int] = []
    ends: list[int] = []
    for category, found in _candidates(read.text, words, words_only):
        first, last = found.span()
        before = bisect.bisect_left(starts, last)
        if first == last or (before and ends[before - 1] > first):
            continue
        starts.insert(before, first)
        ends.insert(before, last)
        start, end = read.span(first, last)
        yield category, Hit(start, end, text[start:end])


def _candidates(text: str, words: re.Pattern | None, words_only: bool) -> Iterator[tuple[str, re.Match]]:
    """Every candidate match, most specific first (a phone number is not also an NHS number; an e-mail
    address holding a listed name is found whole)."""
    if not words_only:
        yield from (("email", found) for found in EMAIL.finditer(text))
    if words is not None:
        yield from (("do-not-print", found) for found in words.finditer(text))
    if words_only:
        return
    yield from (("date-of-birth", found) for found in DATE_OF_BIRTH.finditer(text))
    yield from (("phone", found) for found in PHONE.finditer(text) if _is_uk_phone(found.group()))
    yield from (("nhs-number", found) for found in NHS_NUMBER.finditer(text) if is_nhs_number(found.group()))
    yield from (("postcode", found) for found in POSTCODE.finditer(text) if _is_postcode(found))


SHOWN_WHOLE = 16
"""An error message shows a bad value whole only when it is this short and holds no likely identifier."""

SHOWN_START = 2
"""Otherwise it shows this many characters, then how long the value is."""


def excerpt(value: object) -> str:
    """A bad value as an error message may show it: quoted, short, printable, identifiers masked.

    '1,5' stays '1,5'; a long value, one holding control characters or one that looks like an
    identifier is cut to its first characters and its length: 'Zo…' (41 characters).
    """
    written = value if isinstance(value, str) else repr(value)
    written = written.strip()
    shown = for_terminal(written, one_line=True)
    if len(shown) <= SHOWN_WHOLE and shown == written and not any(True for _ in matches(written)):
        return f"'{shown}'"
    start = for_terminal(written[:SHOWN_START], one_line=True)
    return f"'{start}…' ({len(written):,} characters)"
