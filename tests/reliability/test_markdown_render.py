"""Hostile Markdown in a reflection: the portfolio's renderer (`sendfolio.portfolio.render.markdown`,
markdown-it-py js-default) finishes with HTML of bounded size, and never passes raw HTML.

How long it takes is measured, not asserted: the hostile-Markdown benchmark in
`tests/benchmarks/` reports it as a ratio to ordinary text (a test never fails because the
machine is slow)."""

from __future__ import annotations

import pytest

from sendfolio.domain.records import Reflection
from sendfolio.portfolio.render import markdown

LIMIT = 200_000
"""The longest reflection body a record allows (records.py)."""

HOSTILE = {
    "100k-stars": "*" * 100_000,
    "100k-star-words": "*a " * 33_000,
    "100k-underscores": "_" * 100_000,
    "unclosed-emphasis": "*a **b " * 15_000,
    "nested-emphasis": "*" * 5_000 + "a" + "*" * 5_000,
    "100k-quote-marks": ">" * 100_000,
    "deep-quotes": "\n".join(">" * depth + " text" for depth in range(1, 400)),
    "deep-lists": "\n".join("  " * depth + "- item" for depth in range(400)),
    "star-list-lines": "\n".join("* " * depth for depth in range(1, 300)),
    "100k-backticks": "`" * 100_000,
    "mixed-backticks": "`a``" * 25_000,
    "entities": "&#x" * 50_000,
    "100k-angles": "<" * 100_000,
    "raw-html": "<div><script>alert(1)</script>" * 3_000,
    "unclosed-links": "[a](" * 25_000,
    "unclosed-images": "![x](" * 20_000,
    "table-row": "|a|" * 30_000 + "\n" + "|-|" * 30_000,
}
"""Inputs that stress a Markdown parser, each within the reflection's length limit."""

SLOW_HOSTILE = {
    "200k-open-brackets": "[" * LIMIT,
    "200k-bracket-words": "[a" * (LIMIT // 2),
    "200k-images": "![x](" * (LIMIT // 5),
}
"""The slowest inputs found (linear, but about 7 s at the full 200,000 characters here)."""


def render_checked(text: str) -> str:
    """Render `text` as a reflection body; check its size and that no raw HTML tag survives."""
    body = Reflection.from_dict(
        {"date": "2025-01-01", "hours": "1", "title": "Hostile", "body": text}, stored=True
    ).body
    html = str(markdown(body))
    assert len(html) <= 5 * len(body) + 1_000, f"{len(body)} characters became {len(html)} of HTML"
    assert "<script" not in html and "<div" not in html
    return html


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_markdown_renders_bounded(name):
    """Each hostile reflection renders to HTML of bounded size, with raw HTML escaped."""
    assert len(HOSTILE[name]) <= LIMIT
    render_checked(HOSTILE[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", SLOW_HOSTILE)
def test_slowest_markdown_at_the_length_limit(name):
    """The slowest inputs at the full length limit still finish (bounded, if slowly)."""
    render_checked(SLOW_HOSTILE[name])
