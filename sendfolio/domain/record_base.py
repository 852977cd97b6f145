"""How every record validates itself: the field errors, the base class, the field specs.

A record type is a frozen dataclass whose fields carry their parser (`field_spec`);
`Record.from_dict` parses each field and then checks the record as a whole (`problems`),
and text entered anywhere for control characters and oversized Markdown (`entry_problems`).
The record types themselves are in `records.py`, which re-exports `FieldError`,
`InvalidRecord` and `Record`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Protocol, Self, TypeVar, runtime_checkable

from sendfolio.domain import fields as f
from sendfolio.domain.fields import FieldProblem
from sendfolio.domain.markdown_limits import markdown_problem
from sendfolio.domain.text import control_characters, describe_control, direction_controls
from sendfolio.domain.vocabulary import RECORD_ID


@dataclass(frozen=True)
class FieldError:
    """One field that is not allowed, and why."""

    field: str
    problem: str

    def __str__(self) -> str:
        """`field: problem`, as every message in the app shows it."""
        return f"{self.field}: {self.problem}"


class InvalidRecord(ValueError):
    """A record that failed validation; `errors` lists each field and its problem."""

    def __init__(self, kind: str, errors: list[FieldError]):
        """Keep the record kind and every field error."""
        self.kind = kind
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


IDENTIFIER_CHECKS = ("full", "list", "none")
"""How the identifier check reads a text field: every pattern and the do-not-print list (the
default), the do-not-print list only, or not at all (values the software makes: ids, digests)."""


def field_spec(
    parser: f.Parser, default: Any = dataclasses.MISSING, *, markdown: bool = False, identifiers: str = "full"
) -> Any:
    """A dataclass field carrying its parser in metadata; `markdown` marks text printed as Markdown.

    `identifiers` says how the identifier check reads the field (see `IDENTIFIER_CHECKS`): every
    text field is checked in full unless its record type says otherwise here, so a new field is
    checked without anyone having to remember it.
    """
    if identifiers not in IDENTIFIER_CHECKS:
        raise ValueError(f"identifiers: use one of {', '.join(IDENTIFIER_CHECKS)}")
    metadata = {"parse": parser, "markdown": markdown, "identifiers": identifiers}
    if default is dataclasses.MISSING:
        return field(metadata=metadata)
    if isinstance(default, (dict, list)):
        return field(default_factory=lambda: type(default)(), metadata=metadata)
    return field(default=default, metadata=metadata)


def _texts(value: Any) -> list[tuple[str, str]]:
    """(where, text) of each piece of text in a field's value: itself, a list's items, a mapping's values."""
    if isinstance(value, str):
        return [("", value)]
    if isinstance(value, tuple):
        return [("", item) for item in value if isinstance(item, str)]
    if isinstance(value, dict):
        return [(f".{key}", item) for key, item in value.items() if isinstance(item, str)]
    return []


def entry_problems(record: Any) -> list[FieldError]:
    """Control characters and direction controls in any text, and Markdown too big or too deep, field by field."""
    found: list[FieldError] = []
    for spec in dataclasses.fields(record):
        for where, text in _texts(getattr(record, spec.name)):
            controls = control_characters(text)
            if controls:
                position, char = controls[0]
                found.append(
                    FieldError(
                        spec.name + where,
                        f"holds a control character, {describe_control(char)}, at character {position + 1}: "
                        "only tab and new line are allowed in text (remove it; it may have come from a copy and paste)",
                    )
                )
            elif reordering := direction_controls(text):
                position, char = reordering[0]
                found.append(
                    FieldError(
                        spec.name + where,
                        f"holds a direction control, {describe_control(char)}, at character {position + 1}: "
                        "it makes text print in another order than it is written (remove it; it may have come "
                        "from a copy and paste)",
                    )
                )
            elif spec.metadata.get("markdown"):
                problem = markdown_problem(text)
                if problem:
                    found.append(FieldError(spec.name + where, problem))
    return found


def digest_field(*, required: bool = True) -> Any:
    """A SHA-256 digest of a kept file: made by the software, so the identifier check passes it by."""
    parser = f.pattern(r"[0-9a-f]{64}", "a SHA-256 digest of 64 hexadecimal digits", required=required)
    return field_spec(parser, dataclasses.MISSING if required else "", identifiers="none")


def id_field() -> Any:
    """The store's identifier field: empty until the store assigns one."""
    return field_spec(
        f.pattern(RECORD_ID, "an identifier of lower-case letters, digits and -", required=False),
        "",
        identifiers="none",
    )


class Record:
    """Shared behaviour of every record type: parse, check, serialise."""

    KIND: ClassVar[str] = ""
    """The name of this kind of record, as used in the store, CSV and messages."""

    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]
    """Every record type is a frozen dataclass (declared here so the type checker knows)."""

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], *, strict: bool = True, stored: bool = False) -> Self:
        """Build a record from raw values, or raise `InvalidRecord` naming every bad field.

        `stored` (the store reading its own file) leaves out the checks of what is entered.
        """
        errors: list[FieldError] = []
        parsers = _parsers(cls)
        if strict:
            errors += [FieldError(key, "is not a field of " + cls.KIND) for key in raw if key not in parsers]
        values: dict[str, Any] = {}
        for name, (parse, optional) in parsers.items():
            if optional and name not in raw:
                continue
            try:
                values[name] = parse(raw.get(name))
            except FieldProblem as problem:
                errors.append(FieldError(name, str(problem)))
        if errors:
            raise InvalidRecord(cls.KIND, errors)
        record = cls(**values)
        whole = record.problems() if stored else [*entry_problems(record), *record.problems()]
        if whole:
            raise InvalidRecord(cls.KIND, whole)
        return record

    def problems(self) -> list[FieldError]:
        """Checks across fields; each record type adds its own."""
        return []

    def save_problems(self) -> list[FieldError]:
        """Checks made when a record is saved or imported, not when a stored one is read back."""
        return []

    def checked_for_saving(self) -> Self:
        """The record itself, or `InvalidRecord` naming what keeps it from being saved."""
        found = self.save_problems()
        if found:
            raise InvalidRecord(self.KIND, found)
        return self

    def to_dict(self) -> dict[str, Any]:
        """The JSON-safe form: dates as ISO text, lists as lists."""
        return {name: _plain(getattr(self, name)) for name in _parsers(type(self))}

    def with_changes(self, **changes: Any) -> Self:
        """A validated copy with some fields changed."""
        return type(self).from_dict({**self.to_dict(), **changes})


class Identified(Record):
    """A record the store tells apart by an id it assigns (its `id_field`), not by what it says."""

    id: str
    """Empty until the store gives the record one."""


_PARSERS: dict[type[Record], dict[str, tuple[f.Parser, bool]]] = {}
"""`_parsers` of each record type, worked out once."""


def _parsers(cls: type[Record]) -> dict[str, tuple[f.Parser, bool]]:
    """Each field of a record type, in order, with its parser and whether it may be left out."""
    found = _PARSERS.get(cls)
    if found is None:
        found = _PARSERS[cls] = {
            spec.name: (spec.metadata["parse"], _has_default(spec)) for spec in dataclasses.fields(cls)
        }
    return found


def _has_default(spec: dataclasses.Field) -> bool:
    """True when a field may be left out and take its default."""
    return spec.default is not dataclasses.MISSING or spec.default_factory is not dataclasses.MISSING


def _plain(value: Any) -> Any:
    """A value in JSON-safe form."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


@runtime_checkable
class Dated(Protocol):
    """A record dated on one day (a case, a reflection, a CPD entry, a PPC session, a course)."""

    @property
    def date(self) -> date:
        """The day it is dated."""


@runtime_checkable
class Titled(Protocol):
    """A record with a title (a reflection, a CPD entry, a course, a document)."""

    @property
    def title(self) -> str:
        """What the record is called."""


D = TypeVar("D", bound=Dated)
"""One kind of dated record."""
