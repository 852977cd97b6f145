"""Reading import files of any supported kind, collecting every problem across all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sendfolio.domain.records import FolioData
from sendfolio.io.backup import parse_backup
from sendfolio.io.csv_io import parse_csv
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord
from sendfolio.io.reflections_md import parse_reflection
from sendfolio.io.returned_form import ReturnedForm, read_returned_form

SUFFIXES = {".csv": "csv", ".md": "markdown", ".markdown": "markdown", ".json": "backup", ".pdf": "returned-form"}
"""What each file extension holds."""


@dataclass
class ReadFiles:
    """What a set of import files holds: records (CSV, Markdown), returned observer forms (PDF) or one backup."""

    records: list[SourcedRecord] = field(default_factory=list)
    backup: FolioData | None = None
    backup_file: str = ""
    forms: list[ReturnedForm] = field(default_factory=list)
    backup_files: dict[str, bytes] = field(default_factory=dict)


def read_files(paths: list[Path]) -> tuple[ReadFiles, list[Problem]]:
    """Read and validate every file: the valid records, and every problem in all of them."""
    found, problems = ReadFiles(), []
    for path in paths:
        try:
            problems += _read_one(path, found)
        except ImportProblems as bad:
            problems += bad.problems
    if found.backup is not None and len(paths) > 1:
        problems.append(
            Problem(
                found.backup_file,
                None,
                "",
                "a backup restores the whole folio: import it on its own, not with other files",
            )
        )
    return found, problems


def _read_one(path: Path, found: ReadFiles) -> list[Problem]:
    """Read one file into `found`, by its extension; return the problems of its bad rows."""
    name = str(path)
    what = SUFFIXES.get(path.suffix.lower())
    if what is None:
        raise ImportProblems(
            [Problem(name, None, "", "is not a .csv, .md, .json or .pdf file: sendfolio cannot tell what it holds")]
        )
    raw = _bytes(path)
    if what == "csv":
        _, records, problems = parse_csv(name, raw)
        found.records += records
        return problems
    if what == "markdown":
        found.records.append(parse_reflection(name, raw))
    elif what == "returned-form":
        found.forms.append(read_returned_form(name, raw))
    elif found.backup is not None:
        raise ImportProblems([Problem(name, None, "", "only one backup can be restored at a time")])
    else:
        found.backup, records = parse_backup(name, raw, found.backup_files)
        found.backup_file = name
        found.records += records
    return []


def _bytes(path: Path) -> bytes:
    """The file's bytes, or a problem saying why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportProblems([Problem(str(path), None, "", "does not exist")]) from None
    except IsADirectoryError:
        raise ImportProblems([Problem(str(path), None, "", "is a folder, not a file")]) from None
    except OSError as error:
        raise ImportProblems([Problem(str(path), None, "", f"cannot be read ({error.strerror})")]) from None
