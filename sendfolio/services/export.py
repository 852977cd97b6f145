"""Export the folio: a JSON backup of everything, one kind as CSV, the reflections as Markdown, the deadlines calendar.

`export_records` is what `sendfolio export` and the Export screen call, `write_calendar` what
`sendfolio deadlines --ics` and the Calendar screen call. CSV, Markdown and the calendar leave
the machine for other programs, so they pass the privacy gate first; a JSON backup is for the
mediator alone and is never refused (it keeps the do-not-print list and the marked findings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sendfolio.portfolio.progress import CancelFlag, Progress, stop_if, tell
from sendfolio.services.outputs import OutputRefusedFor, checked_output
from sendfolio.store.outputs import make_output_folder

if TYPE_CHECKING:
    from sendfolio.store import Folio
    from sendfolio.store.storage import Codec

CANCELLED = "the export was cancelled; nothing was written"
"""What a cancelled export says."""


@dataclass(frozen=True)
class Exported:
    """What an export wrote, in words, and the attached documents left out of a backup (their files unreadable)."""

    what: str
    left_out: tuple[str, ...] = ()


class BackupPassphraseProblem(ValueError):
    """An encrypted backup asked for without a passphrase, or with one too weak; the message says which."""


def export_records(
    folio: Folio,
    kind: str,
    out: Path,
    *,
    encrypt: bool = False,
    passphrase: str | None = None,
    create_folder: bool = False,
    replace: bool = False,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> Exported:
    """Write the export of `kind` to `out`; returns what was written, in words, and what was left out.

    `kind` is "backup" (the JSON backup of everything) or one of `io.exporter.EXPORT_KINDS` (a
    CSV kind, or "reflections": a folder of Markdown files).

    `encrypt` (the backup only) encrypts it as an encrypted folio is: with the folio's own key
    when it is encrypted, else with a new key from `passphrase`. `create_folder` makes the
    file's folder when missing (the app proposes one that may not exist yet); without it a
    missing folder is refused. A file already there is refused (`OutputExists`) unless `replace`
    (the mediator agreed). Raises `OutputRefusedFor`, the privacy gate's `PrivacyFindings`
    (CSV and Markdown), `ExportRefused` for a target it must not write, `BackupPassphraseProblem`,
    `ValueError` for an encryption asked of a CSV export, `CompileCancelled`,
    or `OSError`. An attached document whose file cannot be read is left out of a backup and named.
    """
    from sendfolio.io.exporter import EXPORT_KINDS, export_backup, export_csv, export_reflections

    if kind != "backup" and kind not in EXPORT_KINDS:
        raise ValueError(f"{kind!r} is not an export: backup, or one of {', '.join(EXPORT_KINDS)}")
    if encrypt and kind != "backup":
        raise ValueError("only the JSON backup can be encrypted; CSV and Markdown are for other programs to read")
    checked_output(folio.data_dir, out, "output", replace=replace or kind == "reflections")
    stop_if(cancelled, CANCELLED)
    tell(progress, "Reading the folio", 0.1)
    left_out: list[str] = []
    if kind == "backup":
        codec = backup_codec(folio, passphrase) if encrypt else None
        readable = folio.readable_attachments()  # a file that cannot be read is named and left out
        left_out = readable.left_out
        stop_if(cancelled, CANCELLED)
        _make_folder(out, create_folder)
        tell(progress, "Writing the backup", 0.5)
        written = export_backup(readable.data, out, folio.path, readable.files, settings=folio.settings(), codec=codec)
    else:
        from sendfolio.privacy.gate import release

        cleared = release(folio)
        stop_if(cancelled, CANCELLED)
        _make_folder(out, create_folder)
        tell(progress, "Writing the export", 0.5)
        if kind == "reflections":
            written = export_reflections(cleared, out, folio.path)
        else:
            written = export_csv(cleared, kind, out, folio.path)
    tell(progress, "Done", 1.0)
    return Exported(written, tuple(left_out))


def backup_codec(folio: Folio, passphrase: str | None) -> Codec:
    """The key an encrypted backup is written with: the folio's own when it is encrypted, else a new one
    from `passphrase` (`ValueError` when it is missing or too weak)."""
    from sendfolio.store import crypto

    if folio.codec is not None:
        return folio.codec
    if passphrase is None:
        raise BackupPassphraseProblem("passphrase: give one to encrypt the backup with")
    try:
        crypto.check_new_passphrase(passphrase)
    except ValueError as problem:
        raise BackupPassphraseProblem(f"passphrase: {problem}") from None
    return crypto.new_codec(passphrase, crypto.DEFAULT_PARAMS)


def _make_folder(out: Path, create: bool) -> None:
    """Make the folder `out` goes in, when the shell asked for it."""
    if create:
        make_output_folder(Path(out).expanduser().parent)


def write_calendar(
    folio: Folio,
    out: Path,
    today: date,
    *,
    refs: set[str] | None = None,
    create_folder: bool = False,
    replace: bool = False,
) -> int:
    """Write the upcoming statutory deadlines (of the cases in `refs`, else every case) to an .ics file.

    Without `refs` it also holds the practice's dates (`rules.practice_dates`: the annual
    re-registration, the governance register's lapses and reviews, feedback responses due).
    Only case references identify a case. Returns how many deadlines were written. Raises
    `OutputRefusedFor` (the folio's own files, or a folder that does not exist unless
    `create_folder`; `OutputExists`: a file already there, unless `replace`), the privacy gate's
    `PrivacyFindings`, or `OSError`.
    """
    from sendfolio.io.calendar import calendar_bytes, calendar_deadlines
    from sendfolio.privacy.gate import release
    from sendfolio.store.atomic import write_atomic

    checked_output(folio.data_dir, out, "output", replace=replace)
    target = Path(out).expanduser().resolve()
    if create_folder:
        make_output_folder(target.parent)
    elif not target.parent.is_dir():
        raise OutputRefusedFor(f"the folder of {out} does not exist", "output")
    cleared = release(folio)
    write_atomic(target, calendar_bytes(cleared, today, datetime.now(UTC), refs=refs))
    return len(calendar_deadlines(cleared.data, today, refs))
