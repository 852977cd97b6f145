"""The compile commands: `portfolio`, `renewal` and `passport`, each writing one PDF.

Each checks the records with the privacy guard first (exit 2 with its message when
something must not be printed), compiles through `sendfolio.portfolio`, and prints
the path, the page count and the SHA-256 of the PDF. A PDF whose requirements are
not all met is still written, marked with a large diagonal DRAFT on every page.
WeasyPrint is imported only when a PDF is laid out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sendfolio.commands.common import fail, open_folio, output_path

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


def check_outputs(ctx: click.Context, out: Path, html_out: Path | None) -> None:
    """Exit 2 when -o or --html would write onto the folio's own files (its data folder)."""
    output_path(ctx, out, "-o")
    if html_out is not None:
        output_path(ctx, html_out, "--html")


def load(ctx: click.Context):
    """The folio's records, after the privacy guard has passed them."""
    return load_with_files(ctx)[0]


def load_with_files(ctx: click.Context):
    """The folio's records (after the privacy guard) and its attachments' bytes by id."""
    from sendfolio.portfolio.api import PrivacyProblem, check_privacy

    with open_folio(ctx, readonly=True) as folio:
        try:
            check_privacy(folio)
        except PrivacyProblem as problem:
            fail(str(problem))
        readable = folio.readable_attachments()
        for line in readable.left_out:
            click.echo(f"Warning: {line}", err=True)
        return readable.data, readable.files


def report(result) -> None:
    """Print what was written: path, pages, SHA-256, and the draft state."""
    click.echo(f"{result.path}: {result.pages} pages, SHA-256 {result.sha256}")
    if result.draft:
        click.echo(f"DRAFT: requirements unmet: {', '.join(result.unmet)}")


def run(compile_one, *args, **kwargs) -> None:
    """Run one compile, turning a file that cannot be written into one clear line (exit 2)."""
    try:
        result = compile_one(*args, **kwargs)
    except OSError as problem:
        where = getattr(problem, "filename", None) or "the output file"
        fail(f"cannot write {where}: {problem.strerror or problem}")
    report(result)
    as_of = kwargs.get("as_of")
    if as_of is not None:
        click.echo(
            f"Compiled as of {as_of.isoformat()}: the same records with --date {as_of.isoformat()} give the same bytes."
        )


def period_from(data, start: date | None, end: date | None, as_of: date | None, *, whole: bool = False):
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


def common_options(command):
    """--html, --pdf-ua and --date, shared by the three compile commands."""
    command = click.option(
        "--date",
        "date_text",
        metavar="DATE",
        help="Compile date printed and judged as of (default: today); the same records and date give the same bytes.",
    )(command)
    command = click.option("--pdf-ua", is_flag=True, help="Write a tagged, accessible PDF (PDF/UA-1).")(command)
    command = click.option("--html", "html_out", type=OUTPUT, help="Also write the document as one HTML file.")(command)
    return click.option("-o", "--output", "out", type=OUTPUT, required=True, help="The PDF file to write.")(command)


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
    out: Path,
    html_out: Path | None,
    pdf_ua: bool,
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
    from sendfolio.portfolio.api import compile_portfolio

    as_of = parse_optional_day(date_text, "--date") or date.today()
    start, end = parse_optional_day(from_text, "--from"), parse_optional_day(to_text, "--to")
    check_outputs(ctx, out, html_out)
    data, files = load_with_files(ctx)
    period = period_from(data, start, end, as_of, whole=whole)
    run(
        compile_portfolio,
        data,
        out,
        as_of=as_of,
        period=period,
        pdf_ua=pdf_ua,
        html_out=html_out,
        attachment_files=files,
        coarse_dates=coarse_dates,
    )


@click.command()
@common_options
@click.option("--year", type=int, required=True, help="The registration year: the year it begins in.")
@click.pass_context
def renewal(
    ctx: click.Context, out: Path, html_out: Path | None, pdf_ua: bool, date_text: str | None, year: int
) -> None:
    """Compile the annual re-registration evidence (standards §1.4.3) of one registration year."""
    from sendfolio.portfolio.api import compile_renewal

    if not 1970 <= year <= 2100:
        fail(f"--year: {year} is not a registration year (a year such as {date.today().year})")
    as_of = parse_optional_day(date_text, "--date") or date.today()
    check_outputs(ctx, out, html_out)
    data = load(ctx)
    run(compile_renewal, data, year, out, as_of=as_of, pdf_ua=pdf_ua, html_out=html_out)


@click.command()
@common_options
@click.pass_context
def passport(ctx: click.Context, out: Path, html_out: Path | None, pdf_ua: bool, date_text: str | None) -> None:
    """Compile the passported declaration (standards §1.6, Form 5) filled from the records."""
    from sendfolio.portfolio.api import compile_passport
    from sendfolio.portfolio.packs import passport_refusal

    as_of = parse_optional_day(date_text, "--date") or date.today()
    check_outputs(ctx, out, html_out)
    data = load(ctx)
    refused = passport_refusal(data, as_of)
    if refused:
        fail(f"Form 5 not produced: {refused}", 1)
    run(compile_passport, data, out, as_of=as_of, pdf_ua=pdf_ua, html_out=html_out)


COMMANDS = [portfolio, renewal, passport]
"""The click commands this module adds to `sendfolio`."""
