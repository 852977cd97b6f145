"""`sendfolio deadlines`: each case's statutory SEND mediation deadlines, as a table, JSON or a calendar."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click

from sendfolio.commands.common import fail, open_folio
from sendfolio.commands.reporting import reported
from sendfolio.domain.fields import FieldProblem, parse_date_value
from sendfolio.domain.timescales import STATUS_ORDER, Deadline, all_deadlines, is_informational
from sendfolio.domain.wording import count

DATE_FORMATS = "YYYY-MM-DD or DD/MM/YYYY"
"""The date formats --today accepts, in words."""

COLUMNS = ("status", "due", "case", "event", "done")
"""The columns of the human table, in order."""


def parse_today(raw: str | None) -> date:
    """The --today option as a date (today when not given), or exit 2 naming the option and the formats."""
    if raw is None:
        return date.today()
    try:
        return parse_date_value(raw)
    except FieldProblem as problem:
        hint = "" if DATE_FORMATS in str(problem) else f" (a date written {DATE_FORMATS})"
        fail(f"--today: {problem}{hint}")


def show_date(day: date | None) -> str:
    """A date as a mediator reads it, with its weekday (e.g. Thu 24 Apr 2025), or a dash."""
    return day.strftime("%a %d %b %Y") if day else "-"


def table_rows(deadlines: Sequence[Deadline]) -> list[tuple[str, ...]]:
    """The table's cells, one tuple per deadline, in COLUMNS order."""
    return [(item.status, show_date(item.due), item.case, item.event, done_cell(item)) for item in deadlines]


def done_cell(deadline: Deadline) -> str:
    """When it was done; another party's deadline shows that it is for information only."""
    return "(for information)" if is_informational(deadline) else show_date(deadline.done)


def render_table(deadlines: Sequence[Deadline]) -> str:
    """An aligned plain-text table with a header and a count of each status."""
    rows = [tuple(name.upper() for name in COLUMNS), *table_rows(deadlines)]
    widths = [max(len(row[index]) for row in rows) for index in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    return "\n".join([*lines, "", summary(deadlines)])


def summary(deadlines: Sequence[Deadline]) -> str:
    """One line counting the deadlines of each status, most urgent first."""
    counts = Counter(item.status for item in deadlines)
    return ", ".join(f"{counts[status]} {status}" for status in STATUS_ORDER if counts[status])


def render_rules(deadlines: Sequence[Deadline]) -> str:
    """Each deadline's rule in words and its source, for one case."""
    return "\n".join(f"{item.event}: {item.rule} [{item.source}]" for item in deadlines)


def write_ics(ctx: click.Context, path: Path, today: date, refs: set[str] | None) -> tuple[int, int]:
    """Write the upcoming deadlines of the cases `refs` (all, with the practice's dates, when None) to an .ics
    file; return how many deadlines and how many dates of the practice were written."""
    from sendfolio.rules import practice_dates
    from sendfolio.services.export import write_calendar

    with open_folio(ctx, readonly=True) as folio, reported(nothing="--ics", options={"output": "--ics"}, target=path):
        written = write_calendar(folio, path, today, refs=refs, replace=True)
        return written, len(practice_dates(folio.data(), today)) if refs is None else 0


def load_cases(ctx: click.Context, ref: str | None) -> list:
    """The folio's cases (only the one named by --case, when given), or exit 2 if it is not there."""
    folio = open_folio(ctx, readonly=True)
    try:
        cases = list(folio.cases())
    finally:
        folio.close()
    if ref is None:
        return cases
    chosen = [case for case in cases if case.ref == ref]
    if not chosen:
        fail(f"--case: no case has the reference '{ref}'")
    return chosen


def print_human(deadlines: Sequence[Deadline], one_case: bool) -> None:
    """The table (and, for one case, each rule in full), or a line saying there is nothing to show."""
    if not deadlines:
        click.echo("No deadlines: no mediation case records timeline dates (decision notice, LA informed, ...).")
        return
    click.echo(render_table(deadlines))
    if one_case:
        click.echo("")
        click.echo(render_rules(deadlines))
    else:
        click.echo("Each rule and its source: sendfolio deadlines --case REF (or --json).")


@click.command("deadlines")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of deadlines instead of a table.")
@click.option(
    "--today", "today_text", metavar="D", help=f"Show the position on this day ({DATE_FORMATS}; default: today)."
)
@click.option("--case", "ref", metavar="REF", help="Only this case's deadlines.")
@click.option(
    "--ics",
    "ics_path",
    metavar="OUT.ics",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the upcoming deadlines to an iCalendar file (case references only).",
)
@click.pass_context
def deadlines(
    ctx: click.Context, as_json: bool, today_text: str | None, ref: str | None, ics_path: Path | None
) -> None:
    """Statutory SEND mediation deadlines of each case: overdue and upcoming first.

    Working days leave out weekends and England's bank holidays. Each deadline shows its
    status (met, due, overdue, missed, unknown); --case REF shows each rule and its source.
    --ics also holds the practice's dates: the annual re-registration, the governance register's
    lapses and reviews, and feedback responses due (not with --case).
    """
    today = parse_today(today_text)
    cases = load_cases(ctx, ref)
    found = all_deadlines(cases, today)
    written = write_ics(ctx, ics_path, today, None if ref is None else {ref}) if ics_path else None
    if as_json:
        click.echo(json.dumps([item.to_dict() for item in found], indent=2, ensure_ascii=False))
        return
    print_human(found, one_case=ref is not None)
    if written is not None:
        dates = f" and {count(written[1], 'date')} of the practice" if written[1] else ""
        click.echo(f"Wrote {count(written[0], 'upcoming deadline')}{dates} to {ics_path}")


COMMANDS = [deadlines]
"""The click commands this module adds to `sendfolio`."""
