"""`sendfolio import` and `sendfolio export`: CSV, Markdown reflections and the JSON backup."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sendfolio.commands.common import data_dir, fail, open_folio
from sendfolio.commands.reporting import reported
from sendfolio.io.exporter import EXPORT_KINDS

if TYPE_CHECKING:
    from sendfolio.io.importer import ImportPlan
    from sendfolio.store import Folio

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
@click.option(
    "--set-observed-by",
    is_flag=True,
    help="Where a returned form's observer is not the case's \"Observed by\", record the form's observer there.",
)
@click.option(
    "--learning-needs",
    is_flag=True,
    help="Add a learning need for each skills or knowledge gap of the de-briefs it brings in that none addresses.",
)
@click.pass_context
def import_command(
    ctx: click.Context,
    files: tuple[Path, ...],
    dry_run: bool,
    replace: bool,
    set_observed_by: bool,
    learning_needs: bool,
) -> None:
    """Import CSV files (cases, cpd, ppc, training, observations), Markdown reflections (.md),
    observer forms returned as PDF (.pdf) or a JSON backup. All files are checked first: any
    problem, and nothing is saved."""
    from sendfolio.services.imports import apply_import, check_import

    if dry_run:
        _dry_run(ctx, files, replace, set_observed_by)
        return
    from sendfolio.commands.attachments import unchecked_warning

    with open_folio(ctx) as folio, reported(nothing="nothing was imported", os_error="{error}"):
        plan = check_import(folio, files, passphrase_for=_passphrase_for, set_observed_by=set_observed_by)
        before = {item.id for item in folio.attachments()}
        apply_import(folio, plan, replace=replace)
        kept = {item.id for item in folio.attachments()} - before  # the returned forms, kept as they came
        warning = unchecked_warning(folio, kept, "the returned form") if kept else ""
        gaps_line = _gaps(folio, plan, learning_needs)
    _report(plan, "Imported" if plan.backup is None else "Restored the backup")
    if gaps_line:
        click.echo(gaps_line)
    if warning:
        click.echo(warning, err=True)


def _dry_run(ctx: click.Context, files: tuple[Path, ...], replace: bool, set_observed_by: bool = False) -> None:
    """Check the files against the folio (read only, so it works while the app is open); save nothing."""
    from sendfolio.services.imports import RestoreWouldReplace, check_import, would_replace
    from sendfolio.store import FOLIO_FILE

    if not (data_dir(ctx) / FOLIO_FILE).exists():
        with reported(nothing="nothing was imported"):  # no folio yet: do not create one for a dry run
            plan = check_import(None, files, passphrase_for=_passphrase_for)
        _report(plan, DRY_RUN)
        return
    with open_folio(ctx, readonly=True) as folio, reported(nothing="nothing was imported"):
        plan = check_import(folio, files, passphrase_for=_passphrase_for, set_observed_by=set_observed_by)
        if would_replace(folio, plan) and not replace:
            raise RestoreWouldReplace(folio)
    _report(plan, DRY_RUN)


def _gaps(folio: Folio, plan: ImportPlan, add: bool) -> str:
    """The de-brief gaps the import brought that no learning need addresses: added as needs when `add`,
    else said with how to add them ('' when there are none)."""
    from datetime import date

    from sendfolio.domain.wording import count
    from sendfolio.services.gaps import needs_from_gaps, open_gaps

    refs = plan.debrief_cases
    if add:
        added = needs_from_gaps(folio, refs, date.today())
        return f"Added {count(len(added), 'learning need')} from the de-brief gaps" if added else ""
    gaps = open_gaps(folio.data(), refs)
    if not gaps:
        return ""
    cases = ", ".join(sorted({gap.ref for gap in gaps}))
    return (
        f"The de-brief of {cases} names {count(len(gaps), 'skills or knowledge gap')} no learning need addresses: "
        "add them as learning needs with `sendfolio import --learning-needs` and the same files (nothing else "
        "changes), or in the app's learning plan (9, then f)."
    )


def _passphrase_for(name: str) -> str:
    """The passphrase of the encrypted backup `name`: from $SENDFOLIO_PASSPHRASE, else asked for."""
    from sendfolio.commands.passphrase import ask_passphrase
    from sendfolio.privacy.unlock import PASSPHRASE_ENV

    return os.environ.get(PASSPHRASE_ENV) or ask_passphrase(f"Passphrase for the backup {name}")


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
    if plan.observer_differs:
        click.echo("To record the form's observer as the case's \"Observed by\", import it with --set-observed-by.")


@click.command("export")
@click.argument("out", type=click.Path(path_type=Path), required=False)
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
@click.option(
    "--force", is_flag=True, help="Replace the file in the output folder when it is already there (OUT is replaced)."
)
@click.pass_context
def export_command(ctx: click.Context, out: Path | None, kind: str | None, encrypt: bool, force: bool) -> None:
    """Export everything as a JSON backup (restore it with `sendfolio import`), or one kind as CSV.

    The backup is for you alone, so it is always written, with the do-not-print list and the
    findings marked as not identifiers; CSV and Markdown exports are refused while the privacy
    check has open findings.
    """
    from sendfolio.services.export import export_records
    from sendfolio.services.outputs import default_output

    if encrypt and kind is not None:
        fail("--encrypt: only the JSON backup can be encrypted; CSV and Markdown are for other programs to read")
    with (
        open_folio(ctx, readonly=True) as folio,
        reported(nothing="nothing was exported", options={"output": "export"}, target=out),
    ):
        named = out
        out = named if named is not None else default_output(folio, kind or "backup")
        passphrase = _backup_passphrase() if encrypt and folio.codec is None else None
        done = export_records(
            folio,
            kind or "backup",
            out,
            encrypt=encrypt,
            passphrase=passphrase,
            create_folder=True,
            replace=force or named is not None,
        )
    for line in done.left_out:
        click.echo(f"Warning: {line}", err=True)
    click.echo(f"Exported {done.what} to {out}")
    click.echo(ENCRYPTED_NOTE if encrypt else PLAINTEXT_WARNING)


def _backup_passphrase() -> str:
    """A new passphrase for an encrypted backup of a plain folio: from $SENDFOLIO_PASSPHRASE, else typed twice."""
    from sendfolio.commands.passphrase import ask_passphrase
    from sendfolio.privacy.unlock import PASSPHRASE_ENV

    return os.environ.get(PASSPHRASE_ENV) or ask_passphrase("Passphrase for the backup", confirm=True)


COMMANDS = [import_command, export_command]
"""The click commands this module adds to `sendfolio`."""
