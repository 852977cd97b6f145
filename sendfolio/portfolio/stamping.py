"""The running heads and footers of a chunked document, laid out apart and stamped onto its pages.

A chunk's body does not depend on where the chunk falls in the document; only its page
margins do ("page x of y", and the running head's strings in force where it starts). So
the chunks are laid out once with their margin boxes switched off (`body_stylesheet`),
and the margins of every page are laid out afterwards, when the page count and every
page's strings are known, as near-empty pages of the same stylesheet (`margins_html`):
each page's named page, its strings as WeasyPrint would resolve them (the first set on
the page, else the last set before it), and its number. `joining` draws each of those
pages over its page. Used by `chunked`; imports nothing heavy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

MARGIN_BOX = re.compile(
    r"@((?:top|bottom|left|right)-(?:left-corner|right-corner|left|center|right|top|middle|bottom))\b"
)
"""A margin box of an `@page` rule."""

NAMED_PAGE = re.compile(r"@page\s+([A-Za-z_][\w-]*)")
"""A named page's `@page` rule."""


def body_stylesheet(css: str) -> str:
    """`css` with every page's margin boxes switched off: the chunks' bodies are laid out without them."""
    boxes = sorted(set(MARGIN_BOX.findall(css)))
    if not boxes:
        return css
    off = " ".join(f"@{box} {{ content: none !important; }}" for box in boxes)
    pages = ["@page"] + [f"@page {name}" for name in sorted(set(NAMED_PAGE.findall(css)))]
    return css + "\n" + "\n".join(f"{page} {{ {off} }}" for page in pages) + "\n"


def css_string(value: str) -> str:
    """A CSS string literal of `value`."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


@dataclass(frozen=True)
class PageMargins:
    """What one page's margin boxes read: its named page and the strings in force on it."""

    name: str
    strings: tuple[tuple[str, str], ...]


def page_margins(names: Sequence[str], assignments: Sequence[Sequence[tuple[str, str]]]) -> list[PageMargins]:
    """Every page's named page and strings, from each page's string assignments in order.

    A string reads the first value set on its page, else the last value set on an earlier
    page (WeasyPrint's `string(name)`, keyword `first`); a name never set yet reads empty.
    """
    every = sorted({name for page in assignments for name, _ in page})
    entry: dict[str, str] = dict.fromkeys(every, "")
    found: list[PageMargins] = []
    for name, page in zip(names, assignments, strict=True):
        first: dict[str, str] = {}
        for key, text in page:
            first.setdefault(key, text)
        found.append(PageMargins(name, tuple((key, first.get(key, entry[key])) for key in every)))
        for key, text in page:
            entry[key] = text
    return found


def margins_html(head: str, pages: Sequence[PageMargins]) -> str:
    """A document of empty pages, one per page given, each reading its own named page and strings.

    `head` is the document's own HTML up to its body's first part (doctype, language, head
    and the body's opening tag), so the margins are set in the document's own language.
    """
    parts = []
    for number, page in enumerate(pages):
        style = f"page: {page.name or 'auto'}; height: 0; margin: 0; padding: 0; border: 0"
        if number:
            style += "; break-before: page"
        if page.strings:
            style += "; string-set: " + ", ".join(f"{key} {css_string(text)}" for key, text in page.strings)
        parts.append(f'<div style="{escape(style)}"></div>')
    return head + "".join(parts) + "</body></html>"
