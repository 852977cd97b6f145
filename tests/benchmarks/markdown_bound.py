"""Bounded Markdown: compiling the hostile-but-allowed reflections against ordinary ones of the same size.

    .venv/bin/python tests/benchmarks/markdown_bound.py [--repeats 3] [--size 100000] [--out report.md]

"Hostile but allowed" is what the record's bounds still let in (sendfolio/domain/markdown_limits.py):
tables of the full 50 columns by 500 rows, lists and quotes nested the full 12 levels, emphasis
nested deep, long unbroken words. "Normal" is ordinary reflective prose with headings, a list
and a small table. Both sets hold the same number of characters of Markdown; each is compiled
as a whole portfolio (`compile_portfolio`, the `sendfolio portfolio` path) in a child process of
its own, turn about, and the report gives the medians and their ratio (target: at most 2×).
Nothing fails on slowness.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import PYTHON, run_child

TARGET = 2.0
"""The most the hostile set may cost, as a multiple of the normal set."""

SIZE = 100_000
"""Characters of Markdown in each set (a 50 x 500 table of one-letter cells is about this)."""

PARAGRAPH = (
    "The joint session opened with both parties restating what mattered most to them. I summarised "
    "the placement issue in neutral terms and checked that each side felt heard before moving on. "
    "When the LA officer raised the cost of transport, the parent's tone changed, and I offered a "
    "short break rather than pressing on; afterwards we agreed to look at options rather than positions. "
)
"""Ordinary reflective prose (fictional)."""


def table(columns: int, rows: int) -> str:
    """A Markdown table of one-letter cells."""
    header = "|" + "|".join(f"c{index}" for index in range(columns)) + "|"
    rule = "|" + "---|" * columns
    return "\n".join([header, rule, *("|" + "x|" * columns for _ in range(rows))])


def hostile_body(size: int) -> str:
    """Markdown at the bounds, `size` characters of it.

    The deepest nesting, deep emphasis and a long word; then tables of one-letter cells as wide as
    the PDF lays out as tables (`TABLE_COLUMNS`) up to the field's budget of cells, the costliest
    thing the layout allows; then tables of the full 50 columns by 500 rows for the rest.
    """
    from sendfolio.domain.markdown_limits import MAX_NESTING, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS
    from sendfolio.portfolio.render import TABLE_CELLS_PER_CHARACTER, TABLE_COLUMNS

    pieces = [
        "\n".join("  " * level + "- item" for level in range(MAX_NESTING)),
        "> " * MAX_NESTING + "deep quote",
        "*_" * 200 + "emphasis" + "_*" * 200,
        "x" * 2_000,
    ]
    budget = int(size * TABLE_CELLS_PER_CHARACTER)
    while budget >= TABLE_COLUMNS * 2:
        rows = min(MAX_TABLE_ROWS, budget // TABLE_COLUMNS - 1)
        pieces.append(table(TABLE_COLUMNS, rows))
        budget -= TABLE_COLUMNS * (rows + 1)
    body = "\n\n".join(pieces)
    row = 2 * MAX_TABLE_COLUMNS + 2
    while len(body) + 2 + row * 3 < size:
        rows = min(MAX_TABLE_ROWS, (size - len(body) - 2) // row - 2)
        body += "\n\n" + table(MAX_TABLE_COLUMNS, rows)
    return body


def normal_body(size: int) -> str:
    """Ordinary prose of `size` characters: headings, paragraphs, a list and a small table."""
    parts, length, index = [], 0, 0
    while length < size:
        index += 1
        part = f"## Part {index}\n\n{PARAGRAPH * 3}\n\n- what went well\n- what to change\n\n" + table(3, 4)
        parts.append(part)
        length += len(part) + 2
    return "\n\n".join(parts)[:size]


def compile_child(which: str, size: int, out: str) -> None:
    """In a child: build a folio of one reflection of `which` Markdown, validated on entry, and compile it."""
    from datetime import date

    from sendfolio.domain.records import FolioData, Profile, Reflection
    from sendfolio.portfolio.api import compile_portfolio
    from sendfolio.privacy.gate import release_records

    body = hostile_body(size) if which == "hostile" else normal_body(size)
    reflection = Reflection.from_dict({"date": "2026-03-01", "hours": "1", "title": which, "body": body})
    data = FolioData(profile=Profile.from_dict({"name": "Bench Mediator"}), reflections=(reflection,))
    result = compile_portfolio(release_records(data), Path(out), as_of=date(2026, 11, 29))
    print(f"{len(body)} {result.pages}")


def main() -> None:
    """Compile both sets turn about and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", choices=("hostile", "normal"))
    parser.add_argument("--pdf")
    args = parser.parse_args()
    if args.child:
        compile_child(args.child, args.size, args.pdf)
        return
    times: dict[str, list[float]] = {"hostile": [], "normal": []}
    shapes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as work:
        for _ in range(args.repeats):
            for which in ("hostile", "normal"):
                pdf = str(Path(work) / f"{which}.pdf")
                started = time.perf_counter()
                child = run_child(
                    [PYTHON, __file__, "--child", which, "--size", str(args.size), "--pdf", pdf], check=True
                )
                times[which].append(time.perf_counter() - started)
                characters, pages = child.stdout.split()
                shapes[which] = f"{int(characters):,} characters, {pages} pages, peak {child.max_rss_mb:.0f} MB"
    hostile, normal = statistics.median(times["hostile"]), statistics.median(times["normal"])
    ratio = hostile / normal
    report = "\n".join(
        [
            "| measure | hostile-but-allowed (median) | normal (median) | ratio | target | met |",
            "|---|---|---|---|---|---|",
            f"| compile one reflection of bounded Markdown | {hostile:.2f} s ({shapes['hostile']}, n={args.repeats}) "
            f"| {normal:.2f} s ({shapes['normal']}, n={args.repeats}) | {ratio:.2f}× | ≤ {TARGET:g}× "
            f"| {'yes' if ratio <= TARGET else '**no**'} |",
        ]
    )
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
