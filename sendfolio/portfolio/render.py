"""Document models to HTML: Jinja2 templates (autoescaped) and the user's Markdown.

The user's text (reflections, case notes, de-briefs, CPD learning) is Markdown rendered
by markdown-it-py's `js-default` preset: raw HTML is escaped, never passed through.
On top of that, images in the user's text are not rendered at all (their alt text is
printed instead), and the user's headings are moved below the document's own so they
never enter the contents or the PDF outline. The PDF fetcher stays the real boundary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from sendfolio.portfolio.wording import FILTERS

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
"""The portfolio's Jinja2 templates (package data)."""

HEADING_SHIFT = 3
"""How many levels the user's Markdown headings move down (# becomes h4)."""


def _shift_headings(state) -> None:
    """A markdown-it core rule: move the user's headings below the document's (h4 to h6)."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + HEADING_SHIFT)
            token.tag = f"h{level}"


def _omit_image(renderer, tokens, index, options, env) -> str:
    """Print an image of the user's text as its description: nothing is fetched or embedded."""
    token = tokens[index]
    described = "".join(child.content for child in token.children or ())
    return f'<span class="omitted">[image not included{": " if described else ""}{escape(described)}]</span>'


@lru_cache(maxsize=1)
def markdown_parser():
    """The one Markdown parser: js-default (no raw HTML), images omitted, headings shifted."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("js-default")
    parser.core.ruler.push("shift_headings", _shift_headings)
    parser.add_render_rule("image", _omit_image)
    return parser


def markdown(text: str) -> Markup:
    """The user's Markdown as safe HTML."""
    if not text or not text.strip():
        return Markup("")
    return Markup(markdown_parser().render(text))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment: templates from the package, autoescape on, strict about names."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters["markdown"] = markdown
    return env


def render(template: str, document, *, inline_css: str | None = None) -> str:
    """The HTML of a document model through one template; `inline_css` makes a standalone page."""
    return environment().get_template(template).render(doc=document, inline_css=inline_css)


def portfolio_html(document, *, inline_css: str | None = None) -> str:
    """The portfolio's HTML."""
    return render("portfolio.html.j2", document, inline_css=inline_css)


def renewal_html(document, *, inline_css: str | None = None) -> str:
    """The renewal pack's HTML."""
    return render("renewal.html.j2", document, inline_css=inline_css)


def passport_html(document, *, inline_css: str | None = None) -> str:
    """The passported declaration's HTML."""
    return render("passport.html.j2", document, inline_css=inline_css)
