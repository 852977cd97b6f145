"""`sendfolio attach` and `sendfolio attachments`: certificates and other documents kept with the folio.

sendfolio attach FILE --for training:ID|membership|insurance|case:REF|cpd:ID [--title T]
sendfolio attachments [--remove ID]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sendfolio.commands.common import fail, open_folio


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--for",
    "evidence_for",
    required=True,
    metavar="WHAT",
    help="What it is evidence for: training:ID, membership, insurance, case:REF or cpd:ID.",
)
@click.option("--title", default=None, help="How the portfolio names it (default: from what it is for).")
@click.pass_context
def attach(ctx: click.Context, file: Path, evidence_for: str, title: str | None) -> None:
    """Keep a certificate or other document (PDF, PNG or JPEG, up to 20 MB) with the folio.

    It is stored in the data folder (encrypted when the folio is) and printed in the portfolio
    beside the requirement it evidences.
    """
    from sendfolio.domain.links import TargetProblem, default_title, resolve_target
    from sendfolio.domain.records import InvalidRecord
    from sendfolio.io.attachments import AttachmentRefused, read_attachment
    from sendfolio.store import FolioError

    try:
        checked = read_attachment(file)
    except AttachmentRefused as refused:
        fail(f"nothing was attached: {refused}")
    with open_folio(ctx) as folio:
        try:
            target = resolve_target(folio.data(), evidence_for)
            record = checked.record(target, title or default_title(folio.data(), target), date.today())
            saved = folio.attach(record, checked.content)
        except TargetProblem as problem:
            fail(f"nothing was attached: --for: {problem}")
        except InvalidRecord as error:
            fail(f"nothing was attached: {error}")
        except (FolioError, OSError) as error:
            fail(f"nothing was attached: {error}")
    click.echo(f"Attached {saved.id}: {saved.title} ({describe(saved)}), evidence for {saved.evidence_for}")
    if folio.codec is not None:
        click.echo("It is stored encrypted with the folio.")


@click.command()
@click.option("--remove", "remove_id", metavar="ID", help="Remove this attachment (its record and its file).")
@click.pass_context
def attachments(ctx: click.Context, remove_id: str | None) -> None:
    """List the attached documents, or remove one."""
    if remove_id is not None:
        with open_folio(ctx) as folio:
            found = next((item for item in folio.attachments() if item.id == remove_id), None)
            if found is None:
                fail(f"no attachment {remove_id}: `sendfolio attachments` lists them")
            folio.detach(found)
        click.echo(f"Removed {found.id}: {found.title}")
        return
    with open_folio(ctx, readonly=True) as folio:
        items = folio.attachments()
    if not items:
        click.echo("No attachments. Add one with: sendfolio attach FILE --for WHAT")
        return
    for item in items:
        click.echo(f"{item.id}  {item.evidence_for:<22} {item.title}  ({describe(item)}, added {item.added})")


def describe(item) -> str:
    """`PDF, 3 pages, 120 KB` for an attachment."""
    pages = f", {item.pages} page{'s' if item.pages != 1 else ''}" if item.file_type == "pdf" else ""
    size = f"{item.size / 1024 / 1024:.1f} MB" if item.size >= 1024 * 1024 else f"{max(1, round(item.size / 1024))} KB"
    return f"{item.file_type.upper()}{pages}, {size}"


COMMANDS = [attach, attachments]
"""The click commands this module adds to `sendfolio`."""
