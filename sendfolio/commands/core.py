"""The core commands: `demo`, `check` and `criteria`."""

from __future__ import annotations

import json
import textwrap
from datetime import date

import click

from sendfolio.commands.common import data_dir, fail, open_folio
from sendfolio.domain.wording import count


def parse_day(value: str | None, option: str) -> date:
    """A `--today`-style option as a date (today when absent), or exit 2 naming the option."""
    if value is None:
        return date.today()
    from sendfolio.domain.fields import FieldProblem, parse_date_value

    try:
        return parse_date_value(value)
    except FieldProblem as problem:
        fail(f"{option}: {problem}")


@click.command()
@click.option("--today", "today_text", metavar="DATE", help="Date the demo is written around (default: today).")
@click.pass_context
def demo(ctx: click.Context, today_text: str | None) -> None:
    """Fill the data folder with a fictional, realistic portfolio to explore."""
    from sendfolio.samples.demo import write_demo

    today = parse_day(today_text, "--today")
    with open_folio(ctx) as folio:
        if not folio.is_empty():
            fail(f"{data_dir(ctx)} already holds a folio; choose an empty folder with --data-dir")
        write_demo(folio, today)
        click.echo(f"Demo folio written to {folio.data_dir} (fictional mediator, part-way through accreditation).")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--year", type=int, help="Registration year for renewal (the year it begins); default: the current one.")
@click.option("--today", "today_text", metavar="DATE", help="Check as of this date (default: today).")
@click.pass_context
def check(ctx: click.Context, as_json: bool, year: int | None, today_text: str | None) -> None:
    """Every requirement: met or not, what is needed and what the records show.

    Exit status 0 when all are met, 1 when any is not.
    """
    from sendfolio import rules

    today = parse_day(today_text, "--today")
    if year is not None and not 1970 <= year <= 2100:
        fail(f"--year: {year} is not a registration year (a year such as {today.year})")
    with open_folio(ctx, readonly=True) as folio:
        data = folio.data()
    year = year if year is not None else rules.current_registration_year(data.profile, today)
    report = rules.check_json(data, today, year)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(_check_table(report))
    all_met = report["accreditation"]["met"] and report["renewal"]["met"]
    ctx.exit(0 if all_met else 1)


def _check_table(report: dict) -> str:
    """The human form of `check`: one block per group, one line per requirement."""
    renewal = report["renewal"]
    blocks = [
        f"sendfolio check — rule set {report['rule_set']}, as of {report['as_of']}",
        _group("Accreditation", report["accreditation"]),
        _group(f"Renewal, registration year {renewal['year_start']} to {renewal['year_end']}", renewal),
    ]
    practice = _practice(report["practice"])
    disagreeing = _disagreements(report["evidence"])
    return "\n\n".join(blocks + ([practice] if practice else []) + ([disagreeing] if disagreeing else []))


def _disagreements(evidence: list[dict]) -> str:
    """The criteria an observer's returned form leaves unticked that the mediator ticked; '' when none."""
    from sendfolio.rules.returns import Disagreement, Gap

    found = [
        Disagreement(case["case"], item["criterion"], item["observer"], item["remark"])
        for case in evidence
        for item in case["disagreements"]
    ]
    lines = [line for item in found for line in _wrapped(item.words)]
    gaps = [
        Gap(case["case"], item["heading"], item["by"], item["text"])
        for case in evidence
        for item in case.get("gaps_without_need", [])
    ]
    blocks = [f"Observers' returns: {count(len(found), 'disagreement')}", *lines] if found else []
    if gaps:
        blocks += [f"De-brief gaps no learning need addresses: {len(gaps)}"]
        blocks += [line for item in gaps for line in _wrapped(item.words)]
    return "\n".join(blocks)


def _practice(practice: dict) -> str:
    """The provider's reminders (Appendix D): lapses, conduct gaps, responses due; '' when there are none."""
    marks = {"lapses-soon": "soon", "undated": "no date"}
    lines = [
        f"  [{marks.get(item['state']) or ('LAPSED' if item['lapses'] else 'OVERDUE')}] {item['text']} ({item['source']})"
        for item in practice["reminders"]
    ]
    lines += [f"  [conduct] {gap['text']} ({gap['source']})" for gap in practice["conduct_gaps"]]
    lines += [
        f"  [{item['status'].upper() if item['status'] == 'overdue' else item['status']}] response to feedback{' on ' + item['case'] if item['case'] else ''} received "
        f"{item['received']}: due by {item['due']} ({item['source']})"
        for item in practice["feedback"]
        if item["status"] in ("due", "overdue")
    ]
    return "\n".join([f"The practice (Appendix D): {count(len(lines), 'reminder')}", *lines]) if lines else ""


def _group(title: str, group: dict) -> str:
    """One group of requirements: a line per requirement, then need / have, and why when unmet."""
    verdict = "all met" if group["met"] else "NOT all met"
    lines = [f"{title}: {verdict}"]
    for item in group["requirements"]:
        mark = "[met]" if item["met"] else "[NOT]"
        lines.append(f"  {mark} {item['id']} — {item['title']} ({item['source']})")
        lines += _wrapped(f"need: {item['need']}") + _wrapped(f"have: {item['have']}")
        if not item["met"] and item.get("detail"):
            lines += _wrapped("why: " + item["detail"])
    return "\n".join(lines)


def _wrapped(text: str) -> list[str]:
    """Text wrapped under a requirement's line."""
    return textwrap.wrap(text, width=100, initial_indent="        ", subsequent_indent="          ")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the criteria as JSON.")
def criteria(as_json: bool) -> None:
    """The observation criteria of Forms 1–3, with their ids."""
    from sendfolio.domain.criteria import CRITERIA

    if as_json:
        rows = [
            {"id": c.id, "form": c.form, "form_title": c.form_title, "section": c.section, "text": c.text}
            for c in CRITERIA
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    heading = None
    for item in CRITERIA:
        if (item.form, item.section) != heading:
            heading = (item.form, item.section)
            click.echo(f"\nForm {item.form} — {item.form_title} — {item.section}")
        click.echo(f"  {item.id:40} {item.text}")


COMMANDS = [demo, check, criteria]
"""The click commands this module adds to `sendfolio`."""
