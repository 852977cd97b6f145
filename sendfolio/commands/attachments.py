"""`sendfolio attach` and `sendfolio attachments`: certificates and other documents kept with the folio.

sendfolio attach FILE --for training:ID|membership|insurance|verification|case:REF|cpd:ID [--title T]
sendfolio attach FILE --for case:REF --observer NAME [--role R] [--completed DATE] [--tick CRITERION[=COMMENT]]...
sendfolio attachments [--remove ID]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sendfolio.commands.common import fail, open_folio
from sendfolio.commands.reporting import reported
from sendfolio.domain.wording import count

if TYPE_CHECKING:
    from sendfolio.domain.records import Attachment
    from sendfolio.io.attachments import CheckedFile
    from sendfolio.store import Folio


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--for",
    "evidence_for",
    required=True,
    metavar="WHAT",
    help="What it is evidence for: training:ID, membership, insurance, verification (a signed Form 4), case:REF or cpd:ID.",
)
@click.option("--title", default=None, help="How the portfolio names it (default: from what it is for).")
@click.option(
    "--observer",
    default=None,
    metavar="NAME",
    help="An observer's Forms 1–3 on paper (printed, flattened or scanned) for case:REF: the observer's name as "
    "written on it. Kept as their return; the ticks given with --tick are recorded as transcribed from it.",
)
@click.option("--role", default="", help="With --observer: their role as written on the form (co-mediator, PPC…).")
@click.option("--completed", default=None, metavar="DATE", help="With --observer: the date completed on the form.")
@click.option(
    "--tick",
    "ticks",
    multiple=True,
    metavar="CRITERION[=COMMENT]",
    help="With --observer: a criterion ticked on the form (`sendfolio criteria` lists the ids), with its comment; "
    "once for each.",
)
@click.pass_context
def attach(
    ctx: click.Context,
    file: Path,
    evidence_for: str,
    title: str | None,
    observer: str | None,
    role: str,
    completed: str | None,
    ticks: tuple[str, ...],
) -> None:
    """Keep a certificate or other document (PDF, PNG or JPEG, up to 20 MB) with the folio.

    It is stored in the data folder (encrypted when the folio is) and printed in the portfolio
    beside the requirement it evidences. With --observer, it is an observer's form on paper for a
    case, kept as their return with the ticks transcribed from it.
    """
    from sendfolio.services.attach import attach_file, read_document

    if observer is None and (ticks or completed or role):
        fail("--tick, --completed and --role go with --observer (an observer's form on paper); nothing was attached")
    when = _date_option("--completed", completed)
    with reported(nothing="nothing was attached", os_error="{error}"):
        document = read_document(file)
    if observer is not None:
        _keep_paper(ctx, document, evidence_for, observer, role, when, ticks)
        return
    with open_folio(ctx) as folio, reported(nothing="nothing was attached", os_error="{error}"):
        saved = attach_file(folio, document, evidence_for, title=title, today=date.today())
        warning = unchecked_warning(folio, {saved.id})
    click.echo(f"Attached {saved.id}: {saved.title} ({describe(saved)}), evidence for {saved.evidence_for}")
    if folio.codec is not None:
        click.echo("It is stored encrypted with the folio.")
    if warning:
        click.echo(warning, err=True)


def _date_option(option: str, raw: str | None) -> date | None:
    """A date option's value (YYYY-MM-DD or DD/MM/YYYY), or one line saying what is allowed."""
    from sendfolio.domain.fields import FieldProblem, parse_date_value

    if raw is None or not raw.strip():
        return None
    try:
        return parse_date_value(raw)
    except FieldProblem as problem:
        fail(f"{option}: {problem}; nothing was attached")


def _keep_paper(
    ctx: click.Context,
    document: CheckedFile,
    evidence_for: str,
    observer: str,
    role: str,
    completed: date | None,
    ticks: tuple[str, ...],
) -> None:
    """Keep an observer's form on paper with its case, with the ticks transcribed from it, and say so."""
    from sendfolio.services.paper import keep_paper_form

    if not evidence_for.startswith("case:"):
        fail("--for: an observer's form (--observer) is for a case: --for case:REF; nothing was attached")
    given = dict(item.partition("=")[::2] for item in ticks)
    with open_folio(ctx) as folio, reported(nothing="nothing was attached", os_error="{error}"):
        kept = keep_paper_form(
            folio,
            document,
            evidence_for.removeprefix("case:"),
            observer=observer,
            role=role,
            completed=completed,
            ticks={crit.strip(): comment.strip() for crit, comment in given.items()},
            today=date.today(),
        )
        warning = unchecked_warning(folio, {kept.attachment}, "the observer's form")
    click.echo(
        f"Kept {kept.observer}'s form on paper with case {kept.ref} (attachment {kept.attachment}), "
        f"{count(len(kept.ticked), 'tick')} transcribed from it"
    )
    if not kept.ticked:
        click.echo(
            "Enter its ticks with --tick CRITERION (again with the same file), or in the app: "
            "the case log, then the case's checklist."
        )
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
