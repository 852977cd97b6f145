"""A text as its reader sees it, so a disguised identifier reads as the identifier it shows.

`reading(text)` starts from `text.normalise` (compatibility forms, no accents, no invisible
format characters, one kind of space, dash and apostrophe) and then:

- drops the blank letters that show nothing (the Hangul fillers, which Unicode lists as default
  ignorable although they are letters, and the blank Braille pattern), so "Z\\u3164oe" reads "Zoe";
- folds look-alike letters and digits of other scripts to the Latin letter or digit they are
  confusable with, from Unicode's confusables data (as shipped by `confusable-homoglyphs`), so
  a Cyrillic "Zое" or a Greek "DΟΒ" reads as Latin;
- takes out what Markdown does not print: emphasis and code marks (`*`, `~`, backticks; not `_`,
  which Markdown prints inside a word) and
  the backslash of an escape, and reads a character reference as the character it prints
  ("943 **476** 5919", "Z*o*e", "9&#52;3" read "943 476 5919", "Zoe", "943");
- joins lines as Markdown lays out a paragraph: a single line break reads as a space (a blank
  line, or a line opening a list item, heading or quote, still ends the line), so "943 476" on
  one line and "5919" on the next read "943 476 5919", as they print;
- joins letters and digits written one at a time with the same spacing between each
  ("Z o e", "9 4 3 4 7 6 5 9 1 9", "S-W-1-A"), so they read as the word or number they spell.

Every character of the result keeps where it came from in the text as written, so a finding
shows the words as written. Pure: no files.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sendfolio.domain.text import Normalised, normalise

BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"
"""Letters and symbols that print as nothing: the Hangul choseong, jungseong, compatibility and
half-width fillers (default ignorable in Unicode's DerivedCoreProperties although they are letters,
so `normalise` keeps them) and the blank Braille pattern."""

_BLANKS = re.compile(f"[{BLANK_LETTERS}]")
"""One blank letter."""

_MARKUP = re.compile(r"[*~`]+|\\(?=[!-/:-@\[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""What Markdown does not print as written: emphasis and code marks, an escaping backslash, a
character reference."""

_LINE_BREAK = re.compile(r"\n(?![ \t]*(?:\n|[-*+>#]|\d{1,9}[.)](?:\s|$)))")
"""A line break Markdown reads as a space: not followed by a blank line or a line opening a block."""

SPACED = re.compile(r"\b\w(?P<gap>[ ]{1,3}|[ ]?[./_-][ ]?)\w(?:(?P=gap)\w)+\b")
"""Three or more single letters or digits with the same spacing between each ("Z o e", "9-4-3")."""

_ALNUM_AFTER_GAP = re.compile(r"[^\W_]")
"""A letter or digit: what is kept of a run of single characters."""


@dataclass(frozen=True)
class Reading(Normalised):
    """A text as its reader sees it (see `reading`); `references` maps where a character reference
    ("&#52;") starts in the written text to where it ends, so a match ending in one takes it whole."""

    references: Mapping[int, int] = field(default_factory=dict)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The (start, end) in the written text of the read text's [start, end)."""
        first, last = super().span(start, end)
        return first, self.references.get(last - 1, last)


PLAIN_MARKS = frozenset("—–‘’“”…•·✓✗✔✘§£€°→←↑↓")
"""Characters outside ASCII that look like no Latin letter or digit (dashes, quotes, ticks, £, §):
a text holding no other (what a command's own lines print) is read without loading Unicode's
confusables data. A test checks that none of them is a look-alike."""


def _only_plain_marks(text: str) -> bool:
    """True when every character of `text` outside ASCII is one of `PLAIN_MARKS`."""
    return all(char.isascii() or char in PLAIN_MARKS for char in set(text))


@functools.cache
def look_alikes() -> dict[int, str]:
    """For each character of another script that Unicode's confusables data lists as looking like one
    Latin letter or digit, that letter or digit (a `str.translate` table).

    The data names, for a character, the characters it can be taken for; among the ASCII letters
    and digits among them (and those they in turn look like: 'l', 'I' and '1' go together), a
    digit is preferred for a digit, a letter of the same case for a letter ("І" Cyrillic reads "I",
    "і" reads "i"... when the data offers it). Loaded on the first text that needs it.
    """
    from confusable_homoglyphs.confusables import confusables_data

    latin = [char for char in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"]
    alike: dict[str, set[str]] = {char: {char} for char in latin}
    for char in latin:
        alike[char] |= {item["c"] for item in confusables_data.get(char, ()) if item["c"] in alike}
    candidates: dict[str, set[str]] = {}
    for char in latin:
        for item in confusables_data.get(char, ()):
            other = item["c"]
            if len(other) == 1 and not other.isascii():
                candidates.setdefault(other, set()).update(*(alike[found] for found in alike[char]))
    return {ord(char): _best(char, found) for char, found in candidates.items()}


DIGITS_ALIKE = {"i": "1", "l": "1", "o": "0"}
"""`digits_alike_from_data()` as it stands (a test checks they agree): every command that masks a
do-not-print list builds its pattern from this, without loading Unicode's confusables data."""


def digits_alike() -> dict[str, str]:
    """For each Latin letter (in lower case) that Unicode's confusables data lists as looking like a
    digit, those digits ("o": "0", "l": "1", "i": "1"): a listed name written with a digit for a
    letter ("Z0e") is still the name."""
    return DIGITS_ALIKE


def digits_alike_from_data() -> dict[str, str]:
    """`digits_alike` worked out from Unicode's confusables data (as shipped by `confusable-homoglyphs`)."""
    from confusable_homoglyphs.confusables import confusables_data

    found: dict[str, str] = {}
    for digit in "0123456789":
        for item in confusables_data.get(digit, ()):
            letter = item["c"]
            if len(letter) == 1 and letter.isascii() and letter.isalpha():
                found[letter.lower()] = found.get(letter.lower(), "") + digit
    for letter, digits in list(found.items()):  # "I" looks like "l", which looks like "1"
        for item in [*confusables_data.get(letter.upper(), ()), *confusables_data.get(letter, ())]:
            other = item["c"]
            if len(other) == 1 and other.isascii() and other.isalpha() and other.lower() not in found:
                found[other.lower()] = digits
    return found


def _best(char: str, candidates: set[str]) -> str:
    """The one Latin letter or digit a look-alike reads as (see `look_alikes`)."""
    if unicodedata.category(char) == "Nd" or char.isnumeric():
        digits = sorted(item for item in candidates if item.isdigit())
        if digits:
            return digits[0]
    letters = sorted(item for item in candidates if item.isalpha())
    same_case = [item for item in letters if item.isupper() == char.isupper()]
    if same_case:
        return same_case[0]
    return (letters or sorted(candidates))[0]


def reading(text: str) -> Reading:
    """The text as a reader sees it (see the module text), with each character's place in `text`."""
    read = normalise(text)
    seen, origin = read.text, read.origin
    if not seen.isascii():
        if _BLANKS.search(seen):
            keep = [index for index, char in enumerate(seen) if char not in BLANK_LETTERS]
            seen, origin = "".join(seen[index] for index in keep), [origin[index] for index in keep]
        if not _only_plain_marks(seen):
            seen = seen.translate(look_alikes())
    references: dict[int, int] = {}
    if _MARKUP.search(seen):
        seen, origin = _printed(seen, origin, references)
    if "\n" in seen:
        seen = _LINE_BREAK.sub(" ", seen)
    if SPACED.search(seen):
        seen, origin = _joined(seen, origin)
    return Reading(seen, origin, text, references)


def _printed(seen: str, origin: Sequence[int], references: dict[int, int]) -> tuple[str, list[int]]:
    """The text as Markdown prints it (see `_MARKUP`): marks taken out, character references read (each
    noted in `references`, by where it starts in the written text, with where it ends)."""
    pieces: list[str] = []
    kept: list[int] = []
    index = 0
    for mark in _MARKUP.finditer(seen):
        pieces.append(seen[index : mark.start()])
        kept.extend(origin[index : mark.start()])
        shown = html.unescape(mark.group()) if mark.group().startswith("&") else ""
        if shown == mark.group():  # not a character reference Markdown knows: printed as written
            pieces.append(shown)
            kept.extend(origin[mark.start() : mark.end()])
        elif shown:
            shown = normalise(shown).text.translate(look_alikes())
            pieces.append(shown)
            kept.extend([origin[mark.start()]] * len(shown))
            references[origin[mark.start()]] = origin[mark.end() - 1] + 1
        index = mark.end()
    pieces.append(seen[index:])
    kept.extend(origin[index:])
    return "".join(pieces), kept


def _joined(seen: str, origin: Sequence[int]) -> tuple[str, list[int]]:
    """The text with each run of single spaced characters written together (see `SPACED`)."""
    pieces: list[str] = []
    kept: list[int] = []
    index = 0
    for run in SPACED.finditer(seen):
        pieces.append(seen[index : run.start()])
        kept.extend(origin[index : run.start()])
        for char in _ALNUM_AFTER_GAP.finditer(run.group()):
            pieces.append(char.group())
            kept.append(origin[run.start() + char.start()])
        index = run.end()
    pieces.append(seen[index:])
    kept.extend(origin[index:])
    return "".join(pieces), kept
