"""Reading import files of any supported kind, collecting every problem across all of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendfolio.domain.records import FolioData
from sendfolio.io.backup import read_backup
from sendfolio.io.csv_io import parse_csv
from sendfolio.io.ppc_return import PPCReturn, read_pdf_return
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord
from sendfolio.io.reflections_md import parse_reflection
from sendfolio.io.returned_form import ReturnedForm
from sendfolio.store.atomic import read_regular
from sendfolio.store.mark import has_magic

Decrypt = Callable[[str, bytes], bytes]
"""Opens an encrypted backup: (file name, its bytes) -> the plain bytes; raises `ValueError` saying why not."""

SUFFIXES = {".csv": "csv", ".md": "markdown", ".markdown": "markdown", ".json": "backup", ".pdf": "returned-form"}
"""What each file extension holds."""


@dataclass
class ReadFiles:
    """What a set of import files holds: records (CSV, Markdown), returned observer forms and the PPC's Form 4
    (PDF) or one backup."""

    records: list[SourcedRecord] = field(default_factory=list)
    backup: FolioData | None = None
    backup_file: str = ""
    forms: list[ReturnedForm] = field(default_factory=list)
    ppc_returns: list[PPCReturn] = field(default_factory=list)
    backup_files: dict[str, bytes] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def read_files(paths: list[Path], decrypt: Decrypt | None = None) -> tuple[ReadFiles, list[Problem]]:
    """Read and validate every file: the valid records, and every problem in all of them.

    An encrypted JSON backup (written by `export --encrypt`) is opened with `decrypt`; without
    one it is reported as a problem asking for its passphrase.
    """
    found, problems = ReadFiles(), []
    for path in paths:
        try:
            problems += _read_one(path, found, decrypt)
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


def _read_one(path: Path, found: ReadFiles, decrypt: Decrypt | None = None) -> list[Problem]:
    """Read one file into `found`, by its extension; return the problems of its bad rows."""
    name = str(path)
    what = SUFFIXES.get(path.suffix.lower())
    if what is None and path.suffix.lower() in (".png", ".jpg", ".jpeg"):
        from sendfolio.io.returned_form import paper_problem

        raise paper_problem(name, "is an image: if it is an observer's scanned form, ")
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
        returned = read_pdf_return(name, raw)
        if isinstance(returned, PPCReturn):
            found.ppc_returns.append(returned)
        else:
            found.forms.append(returned)
    elif found.backup is not None:
        raise ImportProblems([Problem(name, None, "", "only one backup can be restored at a time")])
    else:
        found.backup, records, found.settings = read_backup(name, _opened(name, raw, decrypt), found.backup_files)
        found.backup_file = name
        found.records += records
    return []


def _opened(name: str, raw: bytes, decrypt: Decrypt | None) -> bytes:
    """A backup's plain bytes: as they are, or decrypted when the file is an encrypted backup."""
    if not has_magic(raw):
        return raw
    if decrypt is None:
        raise ImportProblems([Problem(name, None, "", "is an encrypted backup: its passphrase is needed to read it")])
    try:
        return decrypt(name, raw)
    except ValueError as why:
        raise ImportProblems([Problem(name, None, "", f"cannot be decrypted: {why}")]) from None


def _bytes(path: Path) -> bytes:
    """The file's bytes, or a problem saying why it cannot be read."""
    try:
        return read_regular(path, follow_links=True)  # a pipe or device named here is refused, never waited on
    except FileNotFoundError:
        raise ImportProblems([Problem(str(path), None, "", "does not exist")]) from None
    except IsADirectoryError:
        raise ImportProblems([Problem(str(path), None, "", "is a folder, not a file")]) from None
    except OSError as error:
        raise ImportProblems([Problem(str(path), None, "", f"cannot be read ({error.strerror})")]) from None
