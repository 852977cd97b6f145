"""`sendfolio attach` and `sendfolio attachments`: certificates and other documents kept with the folio.

sendfolio attach FILE --for training:ID|membership|insurance|case:REF|cpd:ID [--title T]
sendfolio attachments [--remove ID]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sendfolio.commands.common import open_folio
from sendfolio.commands.reporting import reported

if TYPE_CHECKING:
    from sendfolio.domain.records import Attachment
    from sendfolio.store import Folio


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
    from sendfolio.services.attach import attach_file, read_document

    with reported(nothing="nothing was attached", os_error="{error}"):
        document = read_document(file)
    with open_folio(ctx) as folio, reported(nothing="nothing was attached", os_error="{error}"):
        saved = attach_file(folio, document, evidence_for, title=title, today=date.today())
        warning = unchecked_warning(folio, {saved.id})
    click.echo(f"Attached {saved.id}: {saved.title} ({describe(saved)}), evidence for {saved.evidence_for}")
    if folio.codec is not None:
        click.echo("It is stored encrypted with the folio.")
    if warning:
        click.echo(warning, err=True)


def unchecked_warning(folio: Folio, attachment_ids: set[str], what: str = "the attached file") -> str:
    """One line when the text of these attachments holds likely identifiers, or one has none to check; else ''."""
    from sendfolio.domain.identifier_patterns import CATEGORY_TITLES
    from sendfolio.domain.wording import count
    from sendfolio.privacy.attachment_text import IMAGE, attachment_findings
    from sendfolio.privacy.check import do_not_print, ignored

    marked = ignored(folio)
    found = [
        item
        for item in attachment_findings(folio, do_not_print(folio))
        if item.record in attachment_ids and item.id not in marked
    ]
    images = [item for item in found if item.category == IMAGE]
    if len(found) > len(images):
        kinds = sorted({CATEGORY_TITLES[item.category] for item in found if item.category != IMAGE})
        return (
            f"Warning: the text of {what} holds {count(len(found) - len(images), 'possible identifier')} "
            f"({', '.join(kinds)}): nothing is exported or printed until `sendfolio privacy-check` shows them dealt with"
        )
    if images:
        return (
            f"Note: {what} has no text to check (an image or a scan): look at it, then confirm it holds no "
            f"identifier with `sendfolio privacy-check --ignore {images[0].id}`; the portfolio is not printed until then"
        )
    return ""


@click.command()
@click.option("--remove", "remove_id", metavar="ID", help="Remove this attachment (its record and its file).")
@click.pass_context
def attachments(ctx: click.Context, remove_id: str | None) -> None:
    """List the attached documents, or remove one."""
    if remove_id is not None:
        from sendfolio.services.attach import remove_attachment

        with open_folio(ctx) as folio, reported():
            found = remove_attachment(folio, remove_id)
        click.echo(f"Removed {found.id}: {found.title}")
        return
    with open_folio(ctx, readonly=True) as folio:
        items = folio.attachments()
    if not items:
        click.echo("No attachments. Add one with: sendfolio attach FILE --for WHAT")
        return
    for item in items:
        click.echo(f"{item.id}  {item.evidence_for:<22} {item.title}  ({describe(item)}, added {item.added})")


def describe(item: Attachment) -> str:
    """`PDF, 3 pages, 120 KB` for an attachment."""
    pages = f", {item.pages} page{'s' if item.pages != 1 else ''}" if item.file_type == "pdf" else ""
    size = f"{item.size / 1024 / 1024:.1f} MB" if item.size >= 1024 * 1024 else f"{max(1, round(item.size / 1024))} KB"
    return f"{item.file_type.upper()}{pages}, {size}"


COMMANDS = [attach, attachments]
"""The click commands this module adds to `sendfolio`."""
