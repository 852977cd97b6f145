"""Exporting a folio: the whole folio as a JSON backup, one kind as CSV, reflections as
Markdown files. Every file is written atomically and never over the folio's own files.

CSV and Markdown are for other programs and other people: they take the records the privacy
gate released (a `ClearedFolio`). The JSON backup is for the mediator alone and takes the
folio's records as they are: it is never refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sendfolio.domain.cleared import ClearedFolio, require_cleared
from sendfolio.domain.records import FolioData
from sendfolio.domain.wording import count
from sendfolio.io.backup import backup_document, sort_key
from sendfolio.io.columns import CSV_KINDS
from sendfolio.io.csv_io import write_csv
from sendfolio.io.reflections_md import file_name, reflection_markdown
from sendfolio.store.atomic import write_atomic
from sendfolio.store.outputs import OutputRefused, check_output, make_output_folder
from sendfolio.store.storage import Codec

DATA_FIELDS = {
    "cases": "cases",
    "observations": "observations",
    "cpd": "cpd",
    "ppc": "ppc_sessions",
    "training": "training",
    "plan": "learning_plan",
    "governance": "governance",
    "feedback": "feedback",
    "development": "development_plan",
}
"""The `FolioData` field holding each CSV kind."""

EXPORT_KINDS = (*CSV_KINDS, "reflections")
"""What `export --kind` accepts: each CSV kind, and reflections (a folder of Markdown files)."""


class ExportRefused(Exception):
    """An export that would overwrite something it must not; the message says what and why."""


def guard_target(target: Path, folio_path: Path) -> None:
    """Refuse a target that is the folio, one of its backups, its lock or anything else in its
    data folder (links resolved; see `sendfolio.store.outputs.check_output`)."""
    try:
        check_output(target, Path(folio_path).parent)
    except OutputRefused as refused:
        raise ExportRefused(str(refused)) from None


def export_backup(
    data: FolioData,
    out: Path,
    folio_path: Path,
    files: Mapping[str, bytes] | None = None,
    *,
    settings: dict[str, Any] | None = None,
    codec: Codec | None = None,
) -> str:
    """Write the whole folio (with the attachments' `files` by id, and the folio's `settings`
    when given) as a JSON backup to `out`; say what, in words.

    With a `codec` the file is encrypted exactly as an encrypted folio is (`store.crypto`'s
    format); `sendfolio import` opens it with the passphrase.
    """
    guard_target(out, folio_path)
    _refuse_bad_target(out)
    plain = backup_document(data, files, settings).encode("utf-8")
    write_atomic(out, codec.encode(plain) if codec is not None else plain)
    return f"{'an encrypted' if codec is not None else 'a'} JSON backup of everything ({counts(data)})"


def export_csv(cleared: ClearedFolio, kind_name: str, out: Path, folio_path: Path) -> str:
    """Write one kind of record to `out` as CSV (UTF-8 with a BOM, for spreadsheets)."""
    data = require_cleared(cleared, "a CSV export").data
    guard_target(out, folio_path)
    _refuse_bad_target(out)
    records = sorted(getattr(data, DATA_FIELDS[kind_name]), key=lambda record: sort_key(record.to_dict()))
    write_atomic(out, write_csv(CSV_KINDS[kind_name], records).encode("utf-8-sig"))
    return f"{count(len(records), 'row')} of {kind_name} as CSV"


def export_reflections(cleared: ClearedFolio, folder: Path, folio_path: Path) -> str:
    """Write each reflection as a Markdown file into a new or empty `folder`."""
    data = require_cleared(cleared, "a Markdown export").data
    guard_target(folder, folio_path)
    if folder.suffix.lower() in (".csv", ".json", ".md"):
        raise ExportRefused(f"{folder} looks like a file name: reflections are written as .md files into a folder")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExportRefused(
            f"{folder} is not an empty folder: reflections are written as .md files into a new or empty folder"
        )
    make_output_folder(folder)
    taken: set[str] = set()
    for reflection in sorted(data.reflections, key=lambda item: (item.date, item.title, item.id)):
        write_atomic(folder / file_name(reflection, taken), reflection_markdown(reflection).encode("utf-8"))
    return f"{count(len(data.reflections), 'reflection')} as Markdown files"


def _refuse_bad_target(out: Path) -> None:
    """Refuse a target that is a folder or a special file (a device, a pipe), or whose folder
    does not exist: an export only ever creates or replaces a regular file."""
    if out.is_dir():
        raise ExportRefused(f"{out} is a folder: give a file name, e.g. {out / 'sendfolio-backup.json'}")
    if out.exists() and not out.is_file():
        raise ExportRefused(f"{out} is not a regular file (a device or a pipe): give the name of a file to write")
    if not out.parent.exists():
        raise ExportRefused(f"the folder {out.parent} does not exist")
    if not out.parent.is_dir():
        raise ExportRefused(f"{out.parent} is a file, not a folder: give a file name inside a folder")


def counts(data: FolioData) -> str:
    """How many records of each kind `data` holds, in words."""
    parts = [
        count(len(data.cases), "case"),
        count(len(data.observations), "observation"),
        count(len(data.reflections), "reflection"),
        count(len(data.cpd), "CPD entry", "CPD entries"),
        count(len(data.ppc_sessions), "PPC session"),
        count(len(data.training), "training course"),
    ]
    if data.learning_plan:
        parts.append(count(len(data.learning_plan), "learning need"))
    if data.attachments:
        parts.append(count(len(data.attachments), "attachment"))
    if data.governance:
        parts.append(count(len(data.governance), "governance item"))
    if data.feedback:
        parts.append(count(len(data.feedback), "feedback record"))
    if data.development_plan:
        parts.append(count(len(data.development_plan), "development target"))
    return ", ".join(parts)
