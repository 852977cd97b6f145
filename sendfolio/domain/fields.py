"""Field parsers shared by every record type: one place that says what a valid value is.

Each parser takes a raw value (a string from a form or a CSV cell, or a native value
from a JSON backup) and returns the clean value, or raises `FieldProblem` with words
that say what is allowed. Nothing here does I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sendfolio.domain.identifier_patterns import excerpt

Parser = Callable[[Any], Any]
"""A function from a raw value to a clean one; raises `FieldProblem`."""

EARLIEST_DATE = date(1970, 1, 1)
"""No record in a mediator's folio predates this."""

LATEST_DATE = date(2100, 12, 31)
"""No record in a mediator's folio is dated after this."""

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
"""A UK date, DD/MM/YYYY (day and month may have one digit)."""

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
"""An ISO date, YYYY-MM-DD."""

_WORDS_DATE = re.compile(r"^(\d{1,2}) ([A-Za-z]{3,9}) (\d{4})$")
"""A date as the screens show it: 15 Mar 2025 (or 15 March 2025)."""

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""Month names; a date in words may give a month's first three letters or more (Sep, Sept, September)."""


def _month(word: str) -> int | None:
    """The month number of a month's name or abbreviation, or None."""
    return next((number for number, name in enumerate(_MONTHS, 1) if name.startswith(word.lower())), None)


class FieldProblem(ValueError):
    """A single value that is not allowed, with words saying what is."""


def is_blank(raw: Any) -> bool:
    """True when the raw value is missing: None or only white space."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def text(*, required: bool = False, max_length: int = 20_000, single_line: bool = False) -> Parser:
    """A parser for free text, trimmed; `required` refuses an empty value."""

    def parse(raw: Any) -> str:
        """The trimmed text with Windows and old Mac line ends read as new lines, or `FieldProblem`
        when it is missing, too long or not one line."""
        if is_blank(raw):
            if required:
                raise FieldProblem("is required")
            return ""
        if not isinstance(raw, str):
            raise FieldProblem("must be text")
        value = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(value) > max_length:
            raise FieldProblem(f"is too long ({len(value):,} characters; at most {max_length:,})")
        if single_line and ("\n" in value or "\r" in value):
            raise FieldProblem("must be a single line")
        return value

    return parse


def parse_date_value(raw: Any) -> date:
    """Read a date written YYYY-MM-DD or DD/MM/YYYY (or a `date`)."""
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        value = raw
    elif isinstance(raw, str):
        value = _date_from_text(raw.strip())
    else:
        raise FieldProblem("must be a date written YYYY-MM-DD or DD/MM/YYYY")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise FieldProblem(f"must be between {EARLIEST_DATE.year} and {LATEST_DATE.year}")
    return value


def _date_from_text(value: str) -> date:
    """Turn `2025-03-02` or `02/03/2025` into a date, or explain what is wrong."""
    iso, uk, words = _ISO_DATE.match(value), _UK_DATE.match(value), _WORDS_DATE.match(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif uk:
        day, month, year = (int(part) for part in uk.groups())
    elif words and _month(words.group(2)):
        day, month, year = int(words.group(1)), _month(words.group(2)) or 0, int(words.group(3))
    else:
        raise FieldProblem(f"{excerpt(value)} is not a date: write YYYY-MM-DD or DD/MM/YYYY")
    try:
        return date(year, month, day)
    except ValueError:
        raise FieldProblem(f"{excerpt(value)} is not a real calendar date") from None


def a_date(*, required: bool = True) -> Parser:
    """A parser for a date; optional dates give None when blank."""

    def parse(raw: Any) -> date | None:
        """The date, None when blank and optional, or `FieldProblem` saying how to write it."""
        if is_blank(raw):
            if required:
                raise FieldProblem("is required (a date written YYYY-MM-DD or DD/MM/YYYY)")
            return None
        return parse_date_value(raw)

    return parse


def hours(*, minimum: float = 0.0, maximum: float = 100.0, allow_zero: bool = True, required: bool = True) -> Parser:
    """A parser for a number of hours written as a decimal (e.g. 1.5); blank is 0 when not `required`."""
    lower = "0" if allow_zero else f"more than {minimum:g}"

    def parse(raw: Any) -> float:
        """The hours rounded to two places, or `FieldProblem` giving the allowed range."""
        if is_blank(raw):
            if not required:
                return 0.0
            raise FieldProblem(f"is required (hours as a decimal, e.g. 1.5, from {lower} to {maximum:g})")
        value = _number(raw)
        if value < minimum or (not allow_zero and value <= minimum) or value > maximum:
            raise FieldProblem(f"must be hours from {lower} to {maximum:g}, not {_show(raw)}")
        return round(value, 2)

    return parse


def _number(raw: Any) -> float:
    """A finite decimal number from text or a number."""
    if isinstance(raw, bool):
        raise FieldProblem("must be a number of hours, e.g. 1.5")
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError:
            raise FieldProblem(f"{excerpt(raw)} is not a number: write hours as a decimal, e.g. 1.5") from None
    else:
        raise FieldProblem("must be a number of hours, e.g. 1.5")
    if not math.isfinite(value):
        raise FieldProblem("must be a finite number of hours")
    return value


def _show(raw: Any) -> str:
    """A raw value as a message may show it: quoted, short, printable, identifiers masked."""
    return excerpt(raw) if isinstance(raw, str) else repr(raw)


_CLOSED: set[Parser] = set()
"""The parsers whose every value comes from a fixed list (see `is_closed`)."""


def is_closed(parser: Parser) -> bool:
    """True when a parser only ever gives values from a fixed list (`choice`, `a_list` with options):
    such a field holds no words of the mediator's own, so the identifier check passes it by."""
    return parser in _CLOSED


def choice(options: Iterable[str], *, required: bool = True) -> Parser:
    """A parser for one value out of a fixed list (case-insensitive)."""
    allowed = tuple(options)
    listed = " / ".join(allowed)

    def parse(raw: Any) -> str:
        """The option as spelt in the list ('' when blank and optional), or `FieldProblem` listing them."""
        if is_blank(raw):
            if required:
                raise FieldProblem(f"is required: one of {listed}")
            return ""
        if not isinstance(raw, str):
            raise FieldProblem(f"must be one of {listed}")
        value = raw.strip().lower()
        for option in allowed:
            if value == option.lower():
                return option
        raise FieldProblem(f"{excerpt(raw)} is not allowed: use one of {listed}")

    _CLOSED.add(parse)
    return parse


def yes_no(raw: Any) -> bool:
    """A yes / no value; blank means no."""
    if is_blank(raw):
        return False
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in {"yes", "y", "true"}:
        return True
    if isinstance(raw, str) and raw.strip().lower() in {"no", "n", "false"}:
        return False
    raise FieldProblem(f"{_show(raw)!s} is not allowed: use yes or no")


def a_list(*, options: Iterable[str] | None = None, max_items: int = 50, item_length: int = 200) -> Parser:
    """A parser for a list: a sequence, or text separated by `;`."""
    allowed = tuple(options) if options is not None else None

    def parse(raw: Any) -> tuple[str, ...]:
        """The non-empty items (each checked), or `FieldProblem` naming the bad one."""
        if is_blank(raw):
            return ()
        if isinstance(raw, str):
            items = [part.strip() for part in raw.split(";")]
        elif isinstance(raw, (list, tuple)) and all(isinstance(part, str) for part in raw):
            items = [part.strip() for part in raw]
        else:
            raise FieldProblem("must be a list separated by ;")
        items = [item for item in items if item]
        if len(items) > max_items:
            raise FieldProblem(f"has {len(items)} items; at most {max_items}")
        return tuple(_list_item(item, allowed, item_length) for item in items)

    if allowed is not None:
        _CLOSED.add(parse)
    return parse


def _list_item(item: str, allowed: tuple[str, ...] | None, item_length: int) -> str:
    """Check one item of a list against its options and length."""
    if len(item) > item_length:
        raise FieldProblem(f"an item is too long ({len(item)} characters; at most {item_length})")
    if allowed is None:
        return item
    for option in allowed:
        if item.lower() == option.lower():
            return option
    raise FieldProblem(f"{excerpt(item)} is not allowed: use any of {' ; '.join(allowed)}")


def pattern(regex: str, explanation: str, *, required: bool = True) -> Parser:
    """A parser for a single token matching `regex`, explained in words."""
    compiled = re.compile(regex)

    def parse(raw: Any) -> str:
        """The trimmed token ('' when blank and optional), or `FieldProblem` with the explanation."""
        if is_blank(raw):
            if required:
                raise FieldProblem(f"is required: {explanation}")
            return ""
        if not isinstance(raw, str) or not compiled.fullmatch(raw.strip()):
            raise FieldProblem(f"{_show(raw)} is not allowed: {explanation}")
        return raw.strip()

    return parse


def text_map(keys: Iterable[str], *, max_length: int = 20_000) -> Parser:
    """A parser for a mapping of known headings to text (e.g. de-brief notes)."""
    allowed = tuple(keys)
    one = text(max_length=max_length)

    def parse(raw: Any) -> dict[str, str]:
        """The headings that hold text, each trimmed, or `FieldProblem` naming an unknown heading."""
        if is_blank(raw):
            return {}
        if not isinstance(raw, dict):
            raise FieldProblem(f"must be a mapping of {', '.join(allowed)} to text")
        unknown = sorted(set(raw) - set(allowed))
        if unknown:
            raise FieldProblem(f"{excerpt(unknown[0])} is not a heading: use {', '.join(allowed)}")
        cleaned = {key: one(raw[key]) for key in allowed if key in raw}
        return {key: value for key, value in cleaned.items() if value}

    return parse


def whole_number(*, minimum: int = 0, maximum: int = 10**12) -> Parser:
    """A parser for a whole number (a count or a size in bytes)."""

    def parse(raw: Any) -> int:
        """The number, or `FieldProblem` giving the allowed range."""
        if isinstance(raw, bool) or is_blank(raw):
            raise FieldProblem(f"is required: a whole number from {minimum} to {maximum}")
        try:
            value = int(raw.strip()) if isinstance(raw, str) else raw
        except ValueError:
            raise FieldProblem(f"{_show(raw)} is not a whole number") from None
        if not isinstance(value, int) or not minimum <= value <= maximum:
            raise FieldProblem(f"must be a whole number from {minimum} to {maximum}, not {_show(raw)}")
        return value

    return parse
