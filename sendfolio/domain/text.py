"""Text as the checks read it and as the terminal shows it: pure functions, no I/O.

- `normalise(text)` gives the form every identifier check reads (see `Normalised`), with a map
  back to the positions of the text as written, so a finding can be shown in its own words.
- `control_characters(text)` and `direction_controls(text)` find the control characters a text field
  refuses.
- `for_terminal(text)` takes escape sequences and control characters out of record text
  before anything prints it, so a note cannot clear or retitle the screen.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

ALLOWED_CONTROLS = "\t\n"
"""The only control characters a text field may hold: tab and new line."""

DASHES = "\u2212\u2043\ufe63\uff0d"
"""Minus and hyphen look-alikes outside Unicode's dash category (Pd), read as "-"."""

APOSTROPHES = "'\u2018\u2019\u201b\u02bc\u02b9\u2032\u00b4`\uff07"
"""Straight and curly apostrophes, primes and accents used as apostrophes, read as "'"."""


@dataclass(frozen=True)
class Normalised:
    """A text as the checks read it, and where each of its characters came from.

        Each character is taken in its compatibility form (NFKC: full-width digits become 0-9, the
        fi ligature becomes "fi"), with accents taken off (Zoë reads as Zoe); soft hyphens,
        zero-width spaces and joiners and other invisible format characters (Unicode category Cf)
        are dropped; every kind of space (NBSP, thin, ideographic) reads as " ", every dash (en,
        em, minus, figure dash) as "-", and every apostrophe as "'". `origin[i]` is the position
        in the written text of the character that gave `text[i]`; a span taken back to the written
    text keeps the accents that follow its last letter.
    """

    text: str
    origin: Sequence[int]
    written: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The (start, end) in the written text of the normalised text's [start, end)."""
        if end <= start:
            position = self.origin[start] if start < len(self.origin) else len(self.written)
            return position, position
        last = self.origin[end - 1] + 1
        while last < len(self.written) and unicodedata.category(self.written[last]) in ("Mn", "Me"):
            last += 1
        return self.origin[start], last


_PLAIN = re.compile(r"[\t\n -_a-~]+")
"""A run of characters the checks read as they are: printable ASCII (but the backtick), tab, new line."""


def normalise(text: str) -> Normalised:
    """The text as the identifier checks read it (see `Normalised`); plain ASCII runs are taken whole."""
    if _PLAIN.fullmatch(text) or not text:
        return Normalised(text, range(len(text)), text)
    pieces: list[str] = []
    origin: list[int] = []
    index = 0
    for run in _PLAIN.finditer(text):
        _read_each(text, index, run.start(), pieces, origin)
        pieces.append(run.group())
        origin.extend(range(run.start(), run.end()))
        index = run.end()
    _read_each(text, index, len(text), pieces, origin)
    return Normalised("".join(pieces), tuple(origin), text)


def _read_each(text: str, start: int, end: int, pieces: list[str], origin: list[int]) -> None:
    """Read the characters text[start:end] one by one (see `_read`), noting where each came from."""
    for index in range(start, end):
        read = _read(text[index])
        pieces.append(read)
        origin.extend([index] * len(read))


@functools.lru_cache(maxsize=4096)
def _read(char: str) -> str:
    """One character as the checks read it: "" for an invisible one, else one or more characters."""
    if char in ALLOWED_CONTROLS:
        return char
    if char in APOSTROPHES:
        return "'"
    if char in DASHES:
        return "-"
    category = unicodedata.category(char)
    if category in ("Cf", "Mn", "Me"):
        return ""
    if category in ("Zs", "Cc"):
        return " "
    if category in ("Zl", "Zp"):
        return "\n"
    if category == "Pd":
        return "-"
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed == char:
        return char
    return "".join(_read(part) if not part.isascii() else part for part in decomposed)


_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_]|.?)"
    r"|\x9b[0-?]*[ -/]*[@-~]|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?",
    re.DOTALL,
)
"""A terminal escape sequence (CSI, OSC, DCS and the rest, 7- or 8-bit), or a lone ESC."""

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Characters that reorder text on screen: a note could make a line read backwards."""

_UNPRINTABLE = re.compile(
    "[" + "".join(chr(code) for code in range(32) if chr(code) not in "\t\n") + "\x7f-\x9f" + _BIDI_CONTROLS + "]"
)
"""Control characters (C0 but tab and new line, DEL, C1) and direction controls."""


def for_terminal(text: str, *, one_line: bool = False) -> str:
    """The text with escape sequences and control characters taken out, safe to print.

    With `one_line`, new lines and tabs become spaces too.
    """
    cleaned = _UNPRINTABLE.sub("", _ESCAPE_SEQUENCE.sub("", text))
    if one_line:
        cleaned = cleaned.replace("\n", " ").replace("\t", " ")
    return cleaned


def control_characters(text: str) -> list[tuple[int, str]]:
    """(position, character) of each control character other than tab and new line."""
    return [
        (index, char)
        for index, char in enumerate(text)
        if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS
    ]


DIRECTION_CONTROLS = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}
"""The embedding, override and isolate controls a text field refuses: they reorder what is shown, so a
name or number can print differently from how it is stored (and slip past a check)."""


def direction_controls(text: str) -> list[tuple[int, str]]:
    """(position, character) of each direction control (`DIRECTION_CONTROLS`) in the text."""
    if text.isascii():
        return []
    return [(index, char) for index, char in enumerate(text) if char in DIRECTION_CONTROLS]


def describe_control(char: str) -> str:
    """A control character in words, e.g. `U+001B (escape)`."""
    names = {"\x00": "NUL", "\x1b": "escape", "\x7f": "delete", "\r": "carriage return", "\x0c": "form feed"}
    name = names.get(char) or DIRECTION_CONTROLS.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"
