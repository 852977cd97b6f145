"""`sendfolio import` and `sendfolio export`: CSV, Markdown reflections and the JSON backup."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import click

from sendfolio.commands.common import data_dir, fail, open_folio, output_path
from sendfolio.domain.records import FolioData
from sendfolio.domain.wording import count
from sendfolio.io.exporter import EXPORT_KINDS, ExportRefused, counts, export_backup, export_csv, export_reflections
from sendfolio.io.importer import ImportPlan, apply_plan, plan_import
from sendfolio.io.problems import ImportProblems

PLAINTEXT_WARNING = (
    "It is plaintext (not encrypted) and holds your case notes: keep it somewhere private and delete it when done."
)
"""What every export says about the file it wrote."""

ENCRYPTED_NOTE = (
    "It is encrypted like an encrypted folio: `sendfolio import` reads it with the same passphrase, "
    "and without it nobody can."
)
"""What an encrypted backup export says about the file it wrote."""

DRY_RUN = "Dry run, nothing was saved. The import would bring in"
"""The heading of a dry run's report."""


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the files and say what would be imported; save nothing.")
@click.option("--replace", is_flag=True, help="Let a JSON backup replace a folio that already holds records.")
@click.pass_context
def import_command(ctx: click.Context, files: tuple[Path, ...], dry_run: bool, replace: bool) -> None:
    """Import CSV files (cases, cpd, ppc, training, observations), Markdown reflections (.md),
    observer forms returned as PDF (.pdf) or a JSON backup. All files are checked first: any
    problem, and nothing is saved."""
    if dry_run:
        _dry_run(ctx, files, replace)
        return
    with open_folio(ctx) as folio:
        plan = _plan(files, folio.data(), _folio_id(folio), folio.codec)
        _refuse_restore_over(folio, plan, replace)
        _apply(folio, plan)
        _report(plan, "Imported" if plan.backup is None else "Restored the backup")


def _dry_run(ctx: click.Context, files: tuple[Path, ...], replace: bool) -> None:
    """Check the files against the folio (read only, so it works while the app is open); save nothing."""
    from sendfolio.store import FOLIO_FILE

    if not (data_dir(ctx) / FOLIO_FILE).exists():
        _report(_plan(files, FolioData()), DRY_RUN)  # no folio yet: do not create one for a dry run
        return
    with open_folio(ctx, readonly=True) as folio:
        plan = _plan(files, folio.data(), _folio_id(folio), folio.codec)
        _refuse_restore_over(folio, plan, replace)
    _report(plan, DRY_RUN)


def _refuse_restore_over(folio, plan: ImportPlan, replace: bool) -> None:
    """Fail when a backup would replace a folio holding records and --replace was not given."""
    if plan.backup is not None and not replace and not folio.is_empty():
        fail(
            f"the folio in {folio.data_dir} already holds records ({counts(folio.data())}); restoring a backup "
            "replaces all of them. Export them first if you need them, then run again with --replace"
        )


def _apply(folio, plan: ImportPlan) -> None:
    """Save the plan, or fail with one line if the folio cannot be written (nothing is saved then)."""
    from sendfolio.store import FolioError

    try:
        apply_plan(folio, plan)
    except (FolioError, OSError) as error:
        fail(f"nothing was imported: {error}")


def _folio_id(folio) -> str | None:
    """The id this folio prints on the observer forms it makes (None until it has made some)."""
    from sendfolio.domain.form_fields import FOLIO_ID_SETTING

    return folio.get_setting(FOLIO_ID_SETTING)


def _plan(files: tuple[Path, ...], existing: FolioData, folio_id: str | None = None, codec=None) -> ImportPlan:
    """The import of these files against `existing`, or fail listing every problem."""
    try:
        return plan_import(list(files), existing, folio_id, decrypt=_decrypter(codec))
    except ImportProblems as bad:
        _report_problems(bad)


def _decrypter(folio_codec):
    """Opens an encrypted backup: with the folio's own key when it fits, else with the passphrase
    from $SENDFOLIO_PASSPHRASE or asked for."""

    def decrypt(name: str, raw: bytes) -> bytes:
        """The plain bytes of the encrypted backup `name`, or `ValueError` saying why not."""
        from sendfolio.commands.passphrase import ask_passphrase
        from sendfolio.privacy.unlock import PASSPHRASE_ENV
        from sendfolio.store.crypto import CryptoError, parse_header, unlock

        try:
            if folio_codec is not None and parse_header(raw).raw == folio_codec.header.raw:
                return folio_codec.decode(raw)
            passphrase = os.environ.get(PASSPHRASE_ENV) or ask_passphrase(f"Passphrase for the backup {name}")
            return unlock(raw, passphrase).decode(raw)
        except CryptoError as error:
            raise ValueError(str(error)) from None

    return decrypt


def _report_problems(bad: ImportProblems) -> NoReturn:
    """Fail saying nothing was imported: one line for one problem, else each problem and then a summary."""
    if len(bad.problems) == 1:
        fail(f"nothing was imported: {bad.problems[0]}")
    for problem in bad.problems:
        click.echo(str(problem), err=True)
    files = len({problem.file for problem in bad.problems})
    fail(f"nothing was imported: {count(len(bad.problems), 'problem')} in {count(files, 'file')}, listed above")


def _report(plan: ImportPlan, heading: str) -> None:
    """Print what the import did (or would do), one line per kind."""
    lines = plan.summary()
    for line in plan.forms:
        click.echo(line)
    if not lines:
        click.echo(f"{heading}: no records (the files hold none)")
        return
    click.echo(f"{heading}:")
    for line in lines:
        click.echo(f"  {line}")


@click.command("export")
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(EXPORT_KINDS),
    default=None,
    help="Export one kind as CSV (reflections: a folder of Markdown files); default: a JSON backup of everything.",
)
@click.option(
    "--encrypt",
    is_flag=True,
    help="Encrypt the JSON backup as an encrypted folio is: with the folio's passphrase when it is encrypted, "
    "else one from $SENDFOLIO_PASSPHRASE or asked for twice.",
)
@click.pass_context
def export_command(ctx: click.Context, out: Path, kind: str | None, encrypt: bool) -> None:
    """Export everything as a JSON backup (restore it with `sendfolio import`), or one kind as CSV.

    The backup is for you alone, so it is always written, with the do-not-print list and the
    findings marked as not identifiers; CSV and Markdown exports are refused while the privacy
    check has open findings.
    """
    from sendfolio.privacy import PrivacyFindings, ensure_clear
    from sendfolio.store import FolioError

    if encrypt and kind is not None:
        fail("--encrypt: only the JSON backup can be encrypted; CSV and Markdown are for other programs to read")
    output_path(ctx, out, "export")
    with open_folio(ctx, readonly=True) as folio:
        if kind is not None:
            try:
                ensure_clear(folio)
            except PrivacyFindings as findings:
                fail(f"nothing was exported: {findings}")
        data = folio.data()
        codec = _backup_codec(folio) if encrypt else None
        try:
            if kind is None:
                readable = folio.readable_attachments()
                for line in readable.left_out:
                    click.echo(f"Warning: {line}", err=True)
                what = export_backup(
                    readable.data, out, folio.path, readable.files, settings=folio.settings(), codec=codec
                )
            elif kind == "reflections":
                what = export_reflections(data, out, folio.path)
            else:
                what = export_csv(data, kind, out, folio.path)
        except (ExportRefused, FolioError) as error:
            fail(f"nothing was exported: {error}")
        except OSError as error:
            fail(f"nothing was exported: cannot write {out}: {error.strerror or error}")
    click.echo(f"Exported {what} to {out}")
    click.echo(ENCRYPTED_NOTE if encrypt else PLAINTEXT_WARNING)


def _backup_codec(folio):
    """The key an encrypted backup is written with: the folio's own when it is encrypted, else a
    new one from $SENDFOLIO_PASSPHRASE or a passphrase typed twice."""
    from sendfolio.commands.passphrase import ask_passphrase
    from sendfolio.privacy.unlock import PASSPHRASE_ENV
    from sendfolio.store import crypto

    if folio.codec is not None:
        return folio.codec
    passphrase = os.environ.get(PASSPHRASE_ENV) or ask_passphrase("Passphrase for the backup", confirm=True)
    try:
        crypto.check_new_passphrase(passphrase)
    except ValueError as problem:
        fail(f"passphrase: {problem}")
    return crypto.new_codec(passphrase, crypto.DEFAULT_PARAMS)


COMMANDS = [import_command, export_command]
"""The click commands this module adds to `sendfolio`."""
