"""Problems found while reading import files: where, which column, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sendfolio.domain.identifier_patterns import excerpt, matches
from sendfolio.domain.records import InvalidRecord
from sendfolio.domain.text import for_terminal
from sendfolio.domain.wording import count

COLUMN_SHOWN = 40
"""A column name from a file's header is shown whole up to this length (and without identifiers)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an import file, shown as `file:line: column: problem`."""

    file: str
    line: int | None
    column: str
    problem: str
    paper_case: str | None = None
    """Set when the file is an observer's form on paper (printed, flattened or scanned): its case, '' if unknown."""

    def __str__(self) -> str:
        """`file:line: column: problem`; the line or column is left out when there is none.

        Printable on a terminal: no control characters, and a column name taken from a file's
        header is cut short and masked when it is long or looks like an identifier.
        """
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        line = f"{where}: {_column(self.column)}: {self.problem}" if self.column else f"{where}: {self.problem}"
        return for_terminal(line, one_line=True)


def _column(name: str) -> str:
    """A column name as a message shows it (see `Problem.__str__`)."""
    if len(name) <= COLUMN_SHOWN and for_terminal(name, one_line=True) == name and not any(True for _ in matches(name)):
        return name
    return excerpt(name)


class ImportProblems(Exception):
    """Raised when import files hold problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        """Keep every problem found."""
        self.problems = problems
        super().__init__(count(len(problems), "problem"))


def record_problems(
    file: str, line: int | None, error: InvalidRecord, columns: dict[str, str] | None = None
) -> list[Problem]:
    """Turn a record's field errors into problems at one place; `columns` renames fields."""
    columns = columns or {}
    return [Problem(file, line, columns.get(item.field, item.field), item.problem) for item in error.errors]


def read_text(file: str, raw: bytes) -> str:
    """Decode a file as UTF-8 (with or without a BOM), or raise a problem naming the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportProblems(
            [
                Problem(
                    file,
                    line,
                    "",
                    "is not UTF-8 text: save the file as UTF-8 (in Excel: Save As 'CSV UTF-8')",
                )
            ]
        ) from None


@dataclass(frozen=True)
class SourcedRecord:
    """A valid record read from an import file, with where it came from (for later checks).

    `field_lines` gives the line of each field when they differ (Markdown front matter);
    `where` names the record inside a file without lines (a JSON backup); `given` lists
    the columns the file had (empty: the record is complete), so an update keeps the rest.
    """

    record: Any
    file: str
    line: int | None
    field_lines: dict[str, int] = field(default_factory=dict)
    where: str = ""
    given: frozenset[str] = frozenset()

    def problem(self, name: str, message: str) -> Problem:
        """A problem with one field of this record, placed where the field was written."""
        column = f"{self.where}.{name}" if self.where else name
        return Problem(self.file, self.field_lines.get(name, self.line), column, message)
