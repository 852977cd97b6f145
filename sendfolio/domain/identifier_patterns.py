"""What a likely identifier looks like in a text: the patterns, read on the text as its reader sees it.

`matches(text, words)` yields (category, `Hit`) for each e-mail address, UK phone number, UK
postcode, NHS number (10 digits passing the modulus-11 check), Unique Pupil Number (a check
letter, 11 digits and a digit or letter, the check letter as the DfE computes it), date of birth
given in context ("DOB", "born", "b.", "birth date", "date of birth") and word of the do-not-print
list in one text. It reads the text through `reading.reading`: compatibility forms, no accents,
no invisible characters or blank letters, look-alike letters of other scripts as the Latin ones
they look like, one kind of space, dash and apostrophe, lines joined as Markdown joins them and
letters or digits written one at a time joined up -- so "Zo\u00ade", "Z o e", a Cyrillic "Zое",
"SW1A\u00a01AA", "S W 1 A 1 A A" and full-width digits are found; each hit gives the span and the
words as written.

The forms found: phones with spaces, hyphens, dashes, dots, slashes or brackets between the digits
("07700–900–123", "020.7946.0958", "07700 / 900 / 123", "+44 (0)7700 900123"); postcodes in any
case, with no, one or two spaces or a hyphen ("Sw1a 1aA", "SW1A-1AA"); NHS numbers as 3-3-4,
3-3-2-2 or five pairs of digits with any separators ("943 / 476 / 5919", "94 34 76 59 19");
e-mail addresses with accented or non-Latin domains and spaces round the @ ("jo @ example . com"),
or with the @ and dots written out ("jo [at] example [dot] com", "jo at example dot com"); dates of
birth with the day as digits or words ("DOB 12 / 03 / 2015", "born on the twelfth of March 2015"),
but never a year alone ("the forum was born in 2016" is not one). Listed words match in any case,
with or without accents, followed by a possessive or plural ("Zoe's"), with digits or underscores
attached ("Zoe2", "zoe_smith"), with their pieces joined by spaces, hyphens or nothing
("Anne-Marie" finds "Anne Marie" and "annemarie"), surname first with or without a comma ("Zoe
Smith" finds "Smith, Zoe"), with a digit for a letter it looks like ("Z0e", "A1i"), and with an
apostrophe optional or written as a space ("O'Brien" finds "OBrien" and "O Brien").

`excerpt(value)` is the short, masked form an error message may show of a bad value, and
`masked(text, words)` the text with each likely identifier cut to its first characters.
Pure: no files, no folio.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sendfolio.domain.reading import digits_alike, reading
from sendfolio.domain.text import for_terminal, normalise

CATEGORY_TITLES = {
    "email": "e-mail address",
    "phone": "UK phone number",
    "postcode": "UK postcode",
    "nhs-number": "NHS number",
    "upn": "Unique Pupil Number",
    "date-of-birth": "date of birth",
    "do-not-print": "word on the do-not-print list",
    "image": "not checked: an image",
    "unreadable": "not checked: cannot be read",
}
"""Each kind of identifier, in words; the last two are attached documents nothing could check
(`privacy.attachment_text`), matched by no pattern here."""

NOT_PATTERNS = ("image", "unreadable")
"""The categories of `CATEGORY_TITLES` that no pattern finds."""

EMAIL = re.compile(
    r"(?<![\w.+%'-])[\w%+'-]+(?:\.[\w%+'-]+)* ?@ ?[^\W_](?:[\w-]*\w)?(?:\.\w(?:[\w-]*\w)?)*\.[^\W\d_]{2,}(?![\w-])"
)
"""An e-mail address (on normalised text: accented domains read as plain letters)."""

_AT_WRITTEN = r"(?:[ ]*[\[({<][ ]*at[ ]*[\])}>][ ]*|[ ]+at[ ]+)"
"""The @ written out: "[at]", "(at)", "{at}", "<at>" or the word "at" between spaces."""

_DOT_WRITTEN = r"(?:[ ]*[\[({<][ ]*dot[ ]*[\])}>][ ]*|[ ]+dot[ ]+)"
"""A dot written out: "[dot]", "(dot)" or the word "dot" between spaces."""

_LABEL = r"[^\W_][\w-]*"
"""One label of a domain name."""

_TOP_WRITTEN = rf"{_DOT_WRITTEN}[^\W\d_]{{2,4}}"
"""The top-level domain after a written-out dot: two to four letters."""

EMAIL_WRITTEN_OUT = re.compile(
    rf"(?<![\w.+%'-])[\w%+'-]+(?:\.[\w%+'-]+)*"
    rf"(?:{_AT_WRITTEN}{_LABEL}(?:(?:\.|{_DOT_WRITTEN}){_LABEL})*(?:\.[^\W\d_]{{2,}}|{_TOP_WRITTEN})"
    rf"|[ ]*@[ ]*{_LABEL}(?:(?:[ ]*\.[ ]*|{_DOT_WRITTEN}){_LABEL})*(?:[ ]*\.[ ]*[^\W\d_]{{2,}}|{_TOP_WRITTEN}))"
    rf"(?![\w-])",
    re.IGNORECASE,
)
"""An e-mail address disguised: the @ written out ("jo [at] example [dot] com", "jo at example.com")
or dots spaced out ("jo @ example . com"); "met at the office. Then" is not one (after a written
"at", a dot is taken only when nothing separates it from the words), nor "at home dot points" (a
top-level domain written after "dot" has two to four letters)."""

PHONE = re.compile(
    r"(?<![^\W_])(?<!\+)(?<!\d[./-])(?:(?:\+|00)44[ _]?(?:\(0\)[ _]?)?|\(0(?=\d{2,4}\))|0)"
    r"(?:[\s()./_-]{0,4}\d){9,10}(?![./-]?\d)(?![^\W\d_])"
)
"""A candidate UK phone number (+44 / 0044 / 0, then 9 or 10 digits); checked by `_is_uk_phone`. Like its
start, its end is not glued to a letter: "02703304913a" is a name made of hexadecimal digits (an attachment's),
not a phone number."""

_PHONE_PREFIX = re.compile(r"^(?:\+|00)44[ _]?(?:\(0\)[ _]?)?")
"""The international prefix of a UK number, with the optional (0)."""

POSTCODE = re.compile(
    r"(?<![\w-])([A-Z]{1,2}[0-9][A-Z0-9]?)(?: {0,2}| ?- ?)([0-9][ABD-HJLNP-UW-Z]{2})(?![\w-])|(?<!\w)GIR ?0AA(?!\w)",
    re.IGNORECASE,
)
"""A candidate UK postcode in any case (the inward code's letters never include C I K M O V)."""

NOT_INWARD = re.compile(r"[0-9](?:st|nd|rd|th|hr)", re.IGNORECASE)
"""An inward code that reads as an ordinal or hours (1st, 2nd, 3rd, 4th, 2hr): not taken unless in capitals."""

_GAP = r"(?:[ \t]*[/._-][ \t]*|[ \t]+)"
"""What may stand between groups of digits: spaces, or one of / . _ - with spaces either side."""

NHS_NUMBER = re.compile(
    rf"\d(?<![^\W_]\d)(?<![.\d][/.-]\d)\d(?:\d(?:{_GAP}?\d{{3}}{_GAP}?\d{{4}}|(?P<gap>{_GAP})\d{{3}}(?P=gap)\d{{2}}(?P=gap)\d{{2}})"
    rf"|(?P<pair>{_GAP})\d\d(?:(?P=pair)\d\d){{3}})(?![./-]?\d)(?![^\W\d_])"
)
"""A candidate NHS number: 3-3-4, 3-3-2-2 or five pairs of digits, with any separators; checked by
`is_nhs_number`."""

UPN = re.compile(r"(?<![^\W_])[A-Z](?:[ ./-]?\d){11}[ ./-]?[A-Z0-9](?![^\W_])", re.IGNORECASE)
"""A candidate Unique Pupil Number: a letter, 11 digits and a digit or letter; checked by `is_upn`."""

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
"""A month name, in full or short (regular-expression text)."""

_ORDINAL_DAY = (
    r"(?:(?:twenty|thirty)[ -]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|twentieth"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|(?:thir|four|fif|six"
    r"|seven|eigh|nine)teenth)"
)
"""A day of the month written as an ordinal word, "first" to "thirty-first" (regular-expression text)."""

_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_DAY})"
"""A day of the month as digits or as a word."""

_SLASH = r"[ ]?[/.-][ ]?"
"""Between the numbers of a date: a slash, dot or hyphen, with a space either side or not."""

_FULL_DATE = (
    rf"(?:\d{{1,2}}{_SLASH}\d{{1,2}}{_SLASH}\d{{2,4}}|\d{{4}}{_SLASH}\d{{2}}{_SLASH}\d{{2}}"
    rf"|{_DAY}(?:{_SLASH}|\s+(?:of\s+)?){_MONTH}(?:,?\s+|{_SLASH})\d{{2,4}}"
    rf"|{_MONTH}\s+(?:the\s+)?{_DAY},?\s+\d{{4}})"
)
"""A date with its day: 12/03/2015, 12 / 03 / 2015, 2015-03-12, 3rd March 2014, the twelfth of March 2015,
03-Mar-2015 or March 3, 2014 (regular-expression text)."""

_DATE = rf"(?:{_FULL_DATE}|{_MONTH}\s+\d{{4}})"
"""A written date, or only a month and year (May 2016); a year alone is not taken."""

DATE_OF_BIRTH = re.compile(
    rf"(?:(?:\bD\.? ?O\.? ?B\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bborn\b(?:\s+(?:on|in))?(?:\s+the)?"
    rf"|\bbirth\s?day\b(?:\s+(?:is|was))?(?:\s+on)?(?:\s+the)?)[\s:;,(=-]*{_DATE}"
    rf"|(?<![\w.])b\.[ \t]*{_FULL_DATE})(?![\w/])",
    re.IGNORECASE,
)
"""A date of birth introduced by DOB, 'date of birth', 'birth date', 'born' or 'birthday', or a whole date
after 'b.' (so "Appendix B. 2019" is not one)."""


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


def is_upn(candidate: str) -> bool:
    """True for a letter, 11 digits and a digit or letter whose first letter is the DfE check letter.

    The check letter is worked out as the DfE sets out (the other 12 characters weighted 2 to 13,
    modulo 23, as a letter of A-Z less I, O and S), by `python-stdnum`. Its list of local authority
    numbers is not used: a number from an authority newer than the list is still a pupil's number.
    """
    from stdnum.gb.upn import calc_check_digit

    number = re.sub(r"[^0-9A-Za-z]", "", candidate).upper()
    return len(number) == 13 and number[0].isalpha() and calc_check_digit(number[1:]) == number[0]


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
    """Regular-expression text for one listed name: pieces split at spaces/hyphens, apostrophes optional.

    A name of two or more words also matches with its last word first, with or without a comma
    ("Smith, Zoe" or "SMITH Zoe" for "Zoe Smith", "Pugh-Evans, Rhiannon" for "Rhiannon Pugh-Evans").
    """
    words = [_pieces_regex(word) for word in reading(phrase).text.split()]
    words = [word for word in words if word]
    written = SEPARATORS.join(words)
    if len(words) < 2:
        return written
    return f"{written}|{words[-1]}[ ]?,?[ ]*{SEPARATORS.join(words[:-1])}"


def _pieces_regex(word: str) -> str:
    """Regular-expression text for one word of a listed name: its pieces (split at hyphens, dots or
    underscores) joined by `SEPARATORS`, an apostrophe optional or written as a space."""
    pieces = [piece for piece in re.split(r"[\-_.]+", word) if piece]
    parts = ["".join(_letter_regex(char) for char in piece) for piece in pieces]
    return SEPARATORS.join(parts)


def _letter_regex(char: str) -> str:
    """One letter of a listed name: an apostrophe optional or a space, a letter that looks like a digit
    also as that digit ("Z0e" for "Zoe", from `reading.digits_alike`)."""
    if char == "'":
        return "['\\s-]?"
    digits = digits_alike().get(char.lower())
    return f"[{re.escape(char)}{digits}]" if digits else re.escape(char)


def do_not_print_pattern(words: Iterable[str]) -> re.Pattern | None:
    """One pattern for the do-not-print words and phrases (None if there are none); see the module text.

    It is meant for text as `reading.reading` gives it: the words are read the same way.
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
    read = reading(text)
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


_TEN_DIGITS = re.compile(r"\d(?:[\s()./_-]{0,4}\d){9}")
"""Ten digits close together: a text without them holds no phone, NHS or pupil number."""

_INWARD_CODE = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}(?![\w-])", re.IGNORECASE)
"""A digit and two letters ending a word: a text without one holds no postcode."""

_BIRTH_WORDS = ("dob", "d.o.b", "birth", "born", "b.")
"""Words one of which introduces every date of birth looked for (in lower case)."""

_AT_MARK = re.compile(r"@|[\[({<][ ]*at[ ]*[\])}>]|[ ]at[ ]", re.IGNORECASE)
"""An @, written or written out: where an e-mail address may be."""

_LOCAL_PART = re.compile(r"(?<![\w.+%'-])[\w%+'-]+(?:\.[\w%+'-]+)*[ ]*\Z")
"""The local part of an e-mail address, ending where the @ begins (searched up to there)."""

LOCAL_PART_MAX = 80
"""How far before an @ its local part is looked for."""


def _candidates(text: str, words: re.Pattern | None, words_only: bool) -> Iterator[tuple[str, re.Match]]:
    """Every candidate match, most specific first (a phone number is not also an NHS number; an e-mail
    address holding a listed name is found whole).

    Each kind is looked for only in a text that holds what it needs (an @ or "at", ten digits, a
    digit and two letters, a word of birth): most text holds none, and is read once for each.
    """
    if not words_only:
        if "@" in text:
            yield from (("email", found) for found in EMAIL.finditer(text))
        yield from (("email", found) for found in _written_out_emails(text))
    if words is not None:
        yield from (("do-not-print", found) for found in words.finditer(text))
    if words_only or not _DIGIT.search(text):
        return
    lower = text.lower()
    if any(word in lower for word in _BIRTH_WORDS):
        yield from (("date-of-birth", found) for found in DATE_OF_BIRTH.finditer(text))
    if _TEN_DIGITS.search(text):
        yield from (("phone", found) for found in PHONE.finditer(text) if _is_uk_phone(found.group()))
        yield from (("nhs-number", found) for found in NHS_NUMBER.finditer(text) if is_nhs_number(found.group()))
        yield from (("upn", found) for found in UPN.finditer(text) if is_upn(found.group()))
    if _INWARD_CODE.search(text):
        yield from (("postcode", found) for found in POSTCODE.finditer(text) if _is_postcode(found))


_DIGIT = re.compile(r"\d")


def _written_out_emails(text: str) -> Iterator[re.Match]:
    """E-mail addresses with the @ or dots written out or spaced (`EMAIL_WRITTEN_OUT`), looked for only
    where an @ or "at" is."""
    for mark in _AT_MARK.finditer(text):
        local = _LOCAL_PART.search(text, max(0, mark.start() - LOCAL_PART_MAX), mark.start())
        if local is not None:
            found = EMAIL_WRITTEN_OUT.match(text, local.start())
            if found is not None:
                yield found


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


def masked(text: str, words: re.Pattern | None = None) -> str:
    """The text with each likely identifier put out of sight: "Dr Hale [NHS number hidden]".

    What a command prints about records goes through this, so a value holding an identifier (an
    observer's name with an NHS number in it) never shows it whole on a screen or in a log.
    """
    found = sorted((hit.start, hit.end, category) for category, hit in matches(text, words))
    if not found:
        return text
    pieces = []
    index = 0
    for start, end, category in found:
        pieces.append(f"{text[index:start]}[{CATEGORY_TITLES[category]} hidden]")
        index = end
    pieces.append(text[index:])
    return "".join(pieces)
