"""Document models to HTML: Jinja2 templates (autoescaped) and the user's Markdown.

The user's text (reflections, case notes, de-briefs, CPD learning) is Markdown rendered
by markdown-it-py's `js-default` preset: raw HTML is escaped, never passed through.
On top of that, images in the user's text are not rendered at all (their alt text is
printed instead), links print as their text with the address after it (nothing to
click), the user's headings are nested under the heading of the part they stand in
(levels kept in order, none skipped) so they never enter the contents or the PDF
outline, template prompts kept as Markdown comments are dropped, and nesting is bounded:
quotes and lists deeper than `BLOCK_DEPTH`, emphasis deeper than `INLINE_DEPTH` are
flattened (the text is kept), and tables are laid out as tables only within a budget of
cells (`TABLE_CELLS_PER_CHARACTER`, at most `TABLE_COLUMNS` wide); beyond it a table prints
as its own text, preformatted, since every cell costs the layout as much as a line of
prose. So no field can make the layout crawl (tests/benchmarks/markdown_bound.py measures
it). The PDF fetcher stays the real boundary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from sendfolio.portfolio.wording import FILTERS

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from markdown_it.utils import OptionsDict

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
"""The portfolio's Jinja2 templates (package data)."""

HEADING_BASE = 3
"""The level of the heading a piece of the user's text stands under when none is given (its headings start one below)."""

BLOCK_DEPTH = 12
"""Quotes, lists and list items nested deeper than this are flattened (6 levels of list)."""

INLINE_DEPTH = 6
"""Emphasis and strikethrough nested deeper than this are flattened (links always print flat)."""

DEEP_QUOTE = re.compile(r"^(?:[ \t]*>){%d,}" % (BLOCK_DEPTH + 1), re.MULTILINE)
"""A line opening more quotes than `BLOCK_DEPTH` (the parser would drop what lies past its limit)."""

LONG_RUN = re.compile(r"\S{32}(?=\S)")
"""32 characters without a space, followed by more: a zero-width space goes after them."""

BREAK_HERE = "\u200b"
"""A zero-width space: where a very long word or address may wrap (WeasyPrint wraps long words slowly)."""

INLINE_TOKENS_MAX = 400
"""A paragraph with more inline tokens than this prints as its plain source text (bounded layout)."""

TABLE_COLUMNS = 16
"""A table wider than this cannot be read on an A4 page: it prints as preformatted text."""

TABLE_CELLS_MINIMUM = 200
"""Every field may lay out this many table cells as tables."""

TABLE_CELLS_PER_CHARACTER = 1 / 20
"""...or one cell for every 20 characters of the field, whichever is more (see the module text)."""

BLOCK_CONTAINERS = frozenset({"blockquote", "bullet_list", "ordered_list", "list_item"})
"""The block tokens whose nesting is bounded."""

INLINE_CONTAINERS = frozenset({"em", "strong", "s"})
"""The inline tokens whose nesting is bounded (links are printed flat anyway)."""


def _shift_headings(state: StateCore) -> None:
    """A markdown-it core rule: nest the user's headings under the document's heading `base` (in `env`).

    The levels the text uses, in order, become base+1, base+2, … (at most h6), so a reflection written
    with `##` and `####` prints h3 and h4 under its h2 title: no level is skipped.
    """
    base = int((state.env or {}).get("base", HEADING_BASE))
    used = sorted({int(token.tag[1]) for token in state.tokens if token.type == "heading_open"})
    levels = {level: min(6, base + 1 + rank) for rank, level in enumerate(used)}
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{levels[int(token.tag[1])]}"


def _bounded(tokens: list, containers: frozenset, limit: int) -> list:
    """The tokens with every container deeper than `limit` left out (its contents kept)."""
    kept: list = []
    dropped: list[bool] = []  # for each container open, whether it was left out
    for token in tokens:
        kind = token.type.rsplit("_", 1)[0]
        if kind in containers and token.nesting == 1:
            dropped.append(len(dropped) >= limit)
            if dropped[-1]:
                continue
        elif kind in containers and token.nesting == -1:
            if dropped and dropped.pop():
                continue
        elif len(dropped) > limit and token.type in ("paragraph_open", "paragraph_close"):
            token.hidden = False
        kept.append(token)
    return kept


def _bound_tables(state: StateCore) -> None:
    """A markdown-it core rule: tables past the field's budget of cells print as preformatted text."""
    budget = max(TABLE_CELLS_MINIMUM, int(len(state.src) * TABLE_CELLS_PER_CHARACTER))
    tokens, kept, index = state.tokens, [], 0
    lines = None
    while index < len(tokens):
        token = tokens[index]
        if token.type != "table_open" or token.map is None:
            kept.append(token)
            index += 1
            continue
        close = next(end for end in range(index, len(tokens)) if tokens[end].type == "table_close")
        cells = sum(1 for item in tokens[index:close] if item.type in ("th_open", "td_open"))
        columns = sum(1 for item in tokens[index:close] if item.type == "th_open")
        if cells <= budget and columns <= TABLE_COLUMNS:
            budget -= cells
            kept.extend(tokens[index : close + 1])
        else:
            from markdown_it.token import Token

            lines = lines if lines is not None else state.src.split("\n")
            source = "\n".join(lines[token.map[0] : token.map[1]]) + "\n"
            kept.append(Token("code_block", "code", 0, content=source, block=True, map=token.map))
        index = close + 1
    state.tokens = kept


def _bound_nesting(state: StateCore) -> None:
    """A markdown-it core rule: flatten quotes, lists and emphasis nested too deep to lay out quickly."""
    state.tokens = _bounded(state.tokens, BLOCK_CONTAINERS, BLOCK_DEPTH)
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _plain_if_busy(
                token, _flat_links(_bounded(token.children, INLINE_CONTAINERS, INLINE_DEPTH))
            )
            _breakable(token.children)
        elif token.type in ("fence", "code_block"):
            _breakable([token])


def _breakable(tokens: list) -> None:
    """Let very long words and addresses wrap: a zero-width space after every 32 characters of a run."""
    for token in tokens:
        if token.type in ("text", "code_inline", "fence", "code_block") and len(token.content) > 32:
            token.content = LONG_RUN.sub(lambda found: found.group(0) + BREAK_HERE, token.content)


def _plain_if_busy(token: Token, children: list[Token]) -> list[Token]:
    """The children, or one text token of the paragraph's source when it has too many pieces to lay out fast."""
    if len(children) <= INLINE_TOKENS_MAX:
        return children
    from markdown_it.token import Token

    return [Token("text", "", 0, content=token.content)]


def _flat_links(children: list) -> list:
    """Inline tokens with each link printed as its text and then its address, nothing to click."""
    from markdown_it.token import Token

    kept: list = []
    href: str | None = None
    text: list[str] = []
    for token in children:
        if token.type == "link_open":
            href, text = str(token.attrGet("href") or ""), []
            continue
        if token.type == "link_close":
            if href and href != "".join(text):
                kept.append(Token("text", "", 0, content=f" ({href})"))
            href = None
            continue
        if href is not None and token.type == "text":
            text.append(token.content)
        kept.append(token)
    return kept


def _omit_image(renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: Any) -> str:
    """Print an image of the user's text as its description: nothing is fetched or embedded."""
    token = tokens[index]
    described = "".join(child.content for child in token.children or ())
    return f'<span class="omitted">[image not included{": " if described else ""}{escape(described)}]</span>'


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one Markdown parser: js-default (no raw HTML), images omitted, links flat, headings shifted, nesting
    and tables bounded."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("js-default")
    parser.core.ruler.push("shift_headings", _shift_headings)
    parser.core.ruler.push("bound_tables", _bound_tables)
    parser.core.ruler.push("bound_nesting", _bound_nesting)
    parser.add_render_rule("image", _omit_image)
    return parser


def markdown(text: str, base: int = HEADING_BASE) -> Markup:
    """The user's Markdown as safe HTML, its headings nested under a heading of level `base`.

    Template prompts (kept as Markdown comments, `<!-- … -->`) and the sections left empty
    under them are dropped first: only the mediator's own words are printed.
    """
    from sendfolio.domain.reflection_text import own_words_markdown

    text = own_words_markdown(text or "")
    if not text.strip():
        return Markup("")
    return Markup(markdown_parser().render(DEEP_QUOTE.sub(">" * BLOCK_DEPTH, text), {"base": base}))


BULLETS = ("- ", "* ", "• ", "– ", "· ")
"""How an observer starts an item of a list in a returned form's box."""


def returned_text(text: str) -> Markup:
    """What an observer wrote in a form's box, as they wrote it: each line kept (a list stays a list), no Markdown."""
    blocks: list[str] = []
    lines: list[str] = []
    items: list[str] = []

    def flush() -> None:
        """Close the paragraph or list being gathered."""
        if lines:
            blocks.append("<p>" + "<br>".join(lines) + "</p>")
            lines.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        bullet = next((mark for mark in BULLETS if line.startswith(mark)), None)
        if not line:
            flush()
        elif bullet is not None:
            if lines:
                flush()
            items.append(str(escape(line[len(bullet) :].strip())))
        else:
            if items:
                flush()
            lines.append(str(escape(line)))
    flush()
    return Markup("".join(blocks))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment: templates from the package, autoescape on, strict about names."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters["markdown"] = markdown
    env.filters["returned_text"] = returned_text
    return env


def render(template: str, document: object, *, inline_css: str | None = None) -> str:
    """The HTML of a document model through one template; `inline_css` makes a standalone page."""
    return environment().get_template(template).render(doc=document, inline_css=inline_css)


def portfolio_html(document: object, *, inline_css: str | None = None) -> str:
    """The portfolio's HTML."""
    return render("portfolio.html.j2", document, inline_css=inline_css)


def renewal_html(document: object, *, inline_css: str | None = None) -> str:
    """The renewal pack's HTML."""
    return render("renewal.html.j2", document, inline_css=inline_css)


def passport_html(document: object, *, inline_css: str | None = None) -> str:
    """The passported declaration's HTML."""
    return render("passport.html.j2", document, inline_css=inline_css)
