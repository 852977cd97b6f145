"""`sendfolio generate`: a synthetic archive for benchmarks (hidden from the main help)."""

from __future__ import annotations

import click

from sendfolio.commands.common import data_dir, fail, open_folio


@click.command(hidden=True)
@click.option("--years", type=click.IntRange(1, 50), default=10, show_default=True, help="Years of records.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same folio.")
@click.option("--today", "today_text", metavar="DATE", help="The archive ends in the year before this date.")
@click.pass_context
def generate(ctx: click.Context, years: int, seed: int, today_text: str | None) -> None:
    """Write a synthetic folio of many years (for benchmarks) into an empty data folder."""
    from sendfolio.commands.core import parse_day
    from sendfolio.samples.generate import generate_folio

    today = parse_day(today_text, "--today")
    with open_folio(ctx) as folio:
        if not folio.is_empty():
            fail(f"{data_dir(ctx)} already holds a folio; generate into an empty folder")
        counts = generate_folio(folio, years, seed, today)
    click.echo(", ".join(f"{n} {kind}" for kind, n in counts.items()) + f" written to {data_dir(ctx)}")


COMMANDS = [generate]
"""The click commands this module adds to `sendfolio`."""
