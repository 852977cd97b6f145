"""Reading and writing the CSV files of docs/ARCHITECTURE.md, "Formats".

Reading turns each row into a raw mapping of strings and hands it to the record type's
`from_dict`, the one validation; this module only checks the shape of the file (header,
cells per row). Writing makes cells safe for spreadsheets, and reading undoes exactly that.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from sendfolio.domain.records import InvalidRecord, Record
from sendfolio.io.columns import DEBRIEF_PREFIX, CsvKind, detect_kind
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord, read_text, record_problems

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula (CSV injection)."""

QUOTE = "'"
"""The prefix that makes a risky cell plain text in a spreadsheet; import removes it again."""


def protect(value: str) -> str:
    """A cell a spreadsheet will not run as a formula; `unprotect` gives `value` back exactly."""
    if value.startswith(RISKY_STARTS) or (value.startswith(QUOTE) and value[1:2] in RISKY_STARTS + (QUOTE,)):
        return QUOTE + value
    return value


def unprotect(cell: str) -> str:
    """Undo `protect`: drop one leading quote that stands before a risky character or a quote."""
    if cell.startswith(QUOTE) and cell[1:2] and cell[1:2] in RISKY_STARTS + (QUOTE,):
        return cell[1:]
    return cell


def parse_csv(file: str, raw: bytes) -> tuple[CsvKind, list[SourcedRecord], list[Problem]]:
    """The kind, valid records and every bad cell of one CSV file (`ImportProblems` for a bad header)."""
    rows = list(_physical_rows(file, read_text(file, raw)))
    if not rows:
        raise ImportProblems([Problem(file, None, "", "is empty: a CSV file needs a header row")])
    header_line, header_cells = rows[0]
    header = [cell.strip().lower().replace(" ", "_") for cell in header_cells]
    kind, problems = detect_kind(file, header_line, header)
    if kind is None:
        raise ImportProblems(problems)
    records: list[SourcedRecord] = []
    for line, cells in rows[1:]:
        try:
            record = _record(kind, file, line, header, cells)
            records.append(SourcedRecord(record, file, line, given=frozenset(filter(None, header))))
        except ImportProblems as bad:
            problems += bad.problems
    return kind, records, problems


def _physical_rows(file: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank row with the physical line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportProblems([Problem(file, reader.line_num, "", f"is not a readable CSV row ({error})")]) from None
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def _record(kind: CsvKind, file: str, line: int, header: list[str], cells: list[str]) -> Record:
    """One row as a record of `kind`, or `ImportProblems` naming each bad cell."""
    stray = [index for index, cell in enumerate(cells) if cell.strip() and (index >= len(header) or not header[index])]
    if stray:
        raise ImportProblems(
            [
                Problem(
                    file,
                    line,
                    "row",
                    f"has a value in column {stray[0] + 1}, which has no name in the header "
                    f"(the header has {len(header)} columns; put text with commas in double quotes)",
                )
            ]
        )
    try:
        return kind.record_type.from_dict(_raw_values(header, cells))
    except InvalidRecord as error:
        raise ImportProblems(record_problems(file, line, error)) from None


def _raw_values(header: list[str], cells: list[str]) -> dict[str, Any]:
    """The row as {field: text}, with `debrief_<heading>` cells gathered into `debrief`."""
    raw: dict[str, Any] = {}
    debrief: dict[str, str] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        cell = unprotect(cells[index]) if index < len(cells) else ""
        if name.startswith(DEBRIEF_PREFIX):
            if cell.strip():
                debrief[name.removeprefix(DEBRIEF_PREFIX)] = cell
        else:
            raw[name] = cell
    if debrief:
        raw["debrief"] = debrief
    return raw


def write_csv(kind: CsvKind, records: Iterable[Record]) -> str:
    """The records as CSV text with `kind`'s columns, every cell safe for a spreadsheet."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(kind.columns)
    for record in records:
        values = record.to_dict()
        writer.writerow([protect(_cell(values, column)) for column in kind.columns])
    return out.getvalue()


def _cell(values: dict[str, Any], column: str) -> str:
    """The text of one column of a record, as the importer reads it back."""
    if column.startswith(DEBRIEF_PREFIX):
        text: str = values.get("debrief", {}).get(column.removeprefix(DEBRIEF_PREFIX), "")
        return text
    value = values.get(column)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)
