"""The compile commands: `portfolio`, `renewal` and `passport`, each writing one PDF, and `review`, two.

Each parses its options and asks `services.compile.compile_document`, which checks the outputs,
passes the privacy gate (exit 2 with its message when something must not be printed) and
compiles through `sendfolio.portfolio`; the command prints the path, the page count and the
SHA-256 of the PDF. A PDF whose requirements are not all met is still written, marked with a
large diagonal DRAFT on every page. WeasyPrint is imported only when a PDF is laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sendfolio.commands.common import fail, open_folio
from sendfolio.commands.reporting import reported

if TYPE_CHECKING:
    from sendfolio.domain.records import FolioData
    from sendfolio.portfolio.api import CompileResult
    from sendfolio.portfolio.model import CoveredPeriod
    from sendfolio.store import Folio

OUTPUT = click.Path(dir_okay=False, writable=True, path_type=Path)
"""An output file option: a file path (not a folder)."""


def parse_optional_day(value: str | None, option: str) -> date | None:
    """A date option (YYYY-MM-DD or DD/MM/YYYY), None when absent; exit 2 naming the option when bad."""
    if value is None:
        return None
    from sendfolio.domain.fields import FieldProblem, parse_date_value

    try:
        return parse_date_value(value)
    except FieldProblem as problem:
        fail(f"{option}: {problem}")


def report(result: CompileResult, as_of: date) -> None:
    """Print what was written: path, pages, SHA-256, the draft state, and the date it was compiled as of."""
    for line in result.left_out:
        click.echo(f"Warning: {line}", err=True)
    click.echo(f"{result.path}: {result.pages} pages, SHA-256 {result.sha256}")
    if result.draft:
        click.echo(f"DRAFT: requirements unmet: {', '.join(result.unmet)}")
    click.echo(
        f"Compiled as of {as_of.isoformat()}: the same records with --date {as_of.isoformat()} give the same bytes."
    )


def period_from(
    data: FolioData, start: date | None, end: date | None, as_of: date | None, *, whole: bool = False
) -> CoveredPeriod:
    """The period the portfolio covers: the practice period unless --from/--to (or --all) say otherwise.

    The practice period runs from the SEND training to the PPC's verification (or the compile
    date); --all is the whole archive, from the earliest record. --from and --to replace either end.
    """
    from sendfolio.portfolio.model import CoveredPeriod, default_period, latest_date, whole_period

    if whole and (start is not None or end is not None):
        fail("--all: give either --all (the whole archive) or --from/--to, not both")
    as_of = as_of or latest_date(data, date.today())
    fallback = whole_period(data, as_of) if whole else default_period(data, as_of)
    period = CoveredPeriod(start=start or fallback.start, end=end or fallback.end)
    if period.start > period.end and start is None:
        fail(f"--to: {period.end} is before the period's first day ({period.start}); the period would hold nothing")
    if period.start > period.end:
        ends = "the compile date" if period.end == as_of else "the PPC's verification on"
        until = f"--to {period.end}" if end is not None else f"{ends} {period.end}"
        fail(f"--from: {period.start} is after {until}; the period must run forwards")
    return period


FORCE = click.option(
    "--force",
    is_flag=True,
    help="Replace the file in the output folder when it is already there (a file named with -o is replaced).",
)
"""--force: the mediator's word that a default output already there may be replaced."""


def output_of(folio: Folio, out: Path | None, job: str, *, year: int | None = None, ref: str | None = None) -> Path:
    """The file named with -o, else the job's file in the folio's output folder (see `services.outputs`)."""
    from sendfolio.services.outputs import default_output

    return out if out is not None else default_output(folio, job, year=year, ref=ref)


def common_options(command: Callable[..., None]) -> Callable[..., None]:
    """-o, --html, --pdf-ua, --date and --force, shared by the compile commands."""
    command = click.option(
        "--date",
        "date_text",
        metavar="DATE",
        help="Compile date printed and judged as of (default: today); the same records and date give the same bytes.",
    )(command)
    command = click.option("--pdf-ua", is_flag=True, help="Write a tagged, accessible PDF (PDF/UA-1).")(command)
    command = click.option("--html", "html_out", type=OUTPUT, help="Also write the document as one HTML file.")(command)
    command = FORCE(command)
    return click.option(
        "-o",
        "--output",
        "out",
        type=OUTPUT,
        help="The PDF file to write (default: in the output folder of your profile, e.g. ~/Documents/sendfolio).",
    )(command)


@click.command()
@common_options
@click.option(
    "--from",
    "from_text",
    metavar="DATE",
    help="First day of the period covered (default: the date of the SEND training that started practice).",
)
@click.option(
    "--to",
    "to_text",
    metavar="DATE",
    help="Last day of the period covered (default: the PPC's verification, else the compile date).",
)
@click.option(
    "--all", "whole", is_flag=True, help="Cover the whole archive, from the earliest record to the compile date."
)
@click.option(
    "--coarse-dates",
    is_flag=True,
    help="Print the statutory steps of each case by month, not by day (harder to match to a family).",
)
@click.pass_context
def portfolio(
    ctx: click.Context,
    out: Path | None,
    html_out: Path | None,
    pdf_ua: bool,
    force: bool,
    date_text: str | None,
    from_text: str | None,
    to_text: str | None,
    whole: bool,
    coarse_dates: bool,
) -> None:
    """Compile the written portfolio for accreditation (standards §1.3) to a PDF.

    It covers the practice period, from the SEND training to the PPC's verification, unless
    --from/--to narrow or widen it or --all asks for the whole archive.
    """
    from sendfolio.services.compile import compile_document

    as_of = parse_optional_day(date_text, "--date") or date.today()
    start, end = parse_optional_day(from_text, "--from"), parse_optional_day(to_text, "--to")
    with open_folio(ctx, readonly=True) as folio:
        period = period_from(folio.data(), start, end, as_of, whole=whole)
        with reported():
            result = compile_document(
                folio,
                "portfolio",
                output_of(folio, out, "portfolio"),
                as_of=as_of,
                period=period,
                pdf_ua=pdf_ua,
                html_out=html_out,
                coarse_dates=coarse_dates,
                replace=force or out is not None,
            )
    report(result, as_of)


@click.command()
@common_options
@click.option("--year", type=int, required=True, help="The registration year: the year it begins in.")
@click.pass_context
def renewal(
    ctx: click.Context,
    out: Path | None,
    html_out: Path | None,
    pdf_ua: bool,
    force: bool,
    date_text: str | None,
    year: int,
) -> None:
    """Compile the annual re-registration evidence (standards §1.4.3) of one registration year."""
    from sendfolio.services.compile import compile_document

    if not 1970 <= year <= 2100:
        fail(f"--year: {year} is not a registration year (a year such as {date.today().year})")
    as_of = parse_optional_day(date_text, "--date") or date.today()
    with open_folio(ctx, readonly=True) as folio, reported():
        result = compile_document(
            folio,
            "renewal",
            output_of(folio, out, "renewal", year=year),
            year=year,
            as_of=as_of,
            pdf_ua=pdf_ua,
            html_out=html_out,
            replace=force or out is not None,
        )
    report(result, as_of)


@click.command()
@common_options
@click.pass_context
def passport(
    ctx: click.Context, out: Path | None, html_out: Path | None, pdf_ua: bool, force: bool, date_text: str | None
) -> None:
    """Compile the passported declaration (standards §1.6, Form 5) filled from the records."""
    from sendfolio.services.compile import compile_document

    as_of = parse_optional_day(date_text, "--date") or date.today()
    with open_folio(ctx, readonly=True) as folio, reported():
        result = compile_document(
            folio,
            "passport",
            output_of(folio, out, "passport"),
            as_of=as_of,
            pdf_ua=pdf_ua,
            html_out=html_out,
            replace=force or out is not None,
        )
    report(result, as_of)


@click.command()
@common_options
@click.option("--year", type=int, required=True, help="The registration year: the year it begins in.")
@click.option(
    "--summary",
    "summary_out",
    type=OUTPUT,
    help="Where to write the anonymised summary to share (default: OUT's name with -summary).",
)
@click.pass_context
def review(
    ctx: click.Context,
    out: Path | None,
    html_out: Path | None,
    pdf_ua: bool,
    force: bool,
    date_text: str | None,
    year: int,
    summary_out: Path | None,
) -> None:
    """Compile the sole provider's annual service review (standards, Appendix D) of one registration year,
    and beside it an anonymised summary with counts only, to share with a local authority."""
    from sendfolio.services.compile import compile_review

    if not 1970 <= year <= 2100:
        fail(f"--year: {year} is not a registration year (a year such as {date.today().year})")
    as_of = parse_optional_day(date_text, "--date") or date.today()
    options = {"output": "-o", "html": "--html", "summary": "--summary"}
    with open_folio(ctx, readonly=True) as folio, reported(options=options):
        written = compile_review(
            folio,
            year,
            output_of(folio, out, "review", year=year),
            summary_out=summary_out,
            as_of=as_of,
            pdf_ua=pdf_ua,
            html_out=html_out,
            replace=force or out is not None,
        )
    for result in written:
        report(result, as_of)


COMMANDS = [portfolio, renewal, passport, review]
"""The click commands this module adds to `sendfolio`."""
