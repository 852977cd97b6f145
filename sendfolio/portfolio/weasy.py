"""WeasyPrint as every compile uses it: the safe fetcher, the fonts, the stylesheets, the identifiers,
and the few parts of WeasyPrint's inside that the chunked compile reads.

A leaf: it imports nothing else of the portfolio, and WeasyPrint only inside its functions, so
importing it costs nothing. The one-pass compile (`pdf`), the chunked compile (`chunked`,
`joining`) and the observer's forms all lay out through it.

The fetcher is the privacy boundary for everything a user may type into a reflection or a
case note: it serves `data:` URLs and the package's own stylesheet and font files, and refuses
every other URL -- no http(s), no other local file, no redirects -- so an `<img>` or
`<link rel=attachment>` smuggled into the text fetches nothing and embeds nothing.

WeasyPrint's internals used here are listed in `RELIES_ON`, each with why; nothing else in
sendfolio touches them. WeasyPrint is pinned (`pyproject.toml`) to `WEASYPRINT_VERSION`, and
`tests/portfolio/test_framework_internals.py` fails, naming what changed, when an upgrade moves any of them.
"""

from __future__ import annotations

import atexit
import calendar
import gc
import hashlib
import logging
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sendfolio.paths import style_path, styles_dir

WEASYPRINT_VERSION = "70.0"
"""The WeasyPrint the compiles are built and tested with (pinned in `pyproject.toml`)."""

RELIES_ON = (
    "weasyprint.Page._page_box (private): the page's root box, to read its named page "
    "(`page_type.name`) and walk its boxes; the margins of a chunked page depend on both",
    "Box.descendants(), Box.string_set: the `string-set` values each page assigns (the running heads)",
    "weasyprint.formatting_structure.boxes.TextBox with .element_tag, .element and .text: "
    "whether a page prints a page number in a link's ::before or ::after",
    "weasyprint.anchors.make_page_bookmark_tree(page, skipped, last_by_depth, previous, number, matrix) "
    "and weasyprint.matrix.Matrix: the outline of a chunked document is built with WeasyPrint's own rule",
)
"""Every part of WeasyPrint's inside that sendfolio uses, and why (all of them in this module)."""

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
"""Fonts shipped with the package (optional; system fonts are used otherwise)."""

FONTS_STYLESHEET = "fonts.css"
"""The @font-face rules of the shipped fonts, beside them in the fonts folder."""

STYLESHEET = "portfolio.css"
"""The print stylesheet of every compiled document, in `styles/`."""

FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
"""File types the fetcher serves from the fonts folder."""

MEDIA_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
"""The content type of each file type the fetcher serves."""

CSS_PX_TO_PT = 0.75
"""PDF points per CSS pixel: WeasyPrint lays out in CSS pixels, the PDF is in points."""


class RefusedURL(ValueError):
    """A URL the portfolio's fetcher will not fetch."""


# ---------------------------------------------------------------- fetching, fonts, stylesheets


def allowed_file(path: Path) -> bool:
    """True for the package's own style sheets, font files and their @font-face sheet, and nothing else."""
    real = path.resolve()
    styles = styles_dir().resolve()
    if real.parent == styles and real.suffix == ".css":
        return real.is_file()
    if real.parent == FONTS_DIR.resolve() and real.suffix.lower() in (*FONT_SUFFIXES, ".css"):
        return real.is_file()
    return False


def local_path(url: str) -> Path:
    """The local path of a `file:` URL with no host, or raise `RefusedURL`."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"not fetching a file from another host: {url}")
    return Path(unquote(parts.path))


def make_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves `data:` URLs and our own style and font files only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types: its fetcher is Any
        """WeasyPrint's fetcher, narrowed to data: URLs and the package's own files; no redirects."""

        def __init__(self) -> None:
            """No redirects, only the data: and file: schemes, errors reported not fatal."""
            super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            """Serve a data: URL or an allowed local file; refuse everything else."""
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = local_path(url)
                if allowed_file(path):
                    media = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
                    return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media})
            raise RefusedURL(f"the portfolio fetches no outside resources: {url[:80]}")

    return SafeFetcher()


@lru_cache(maxsize=1)
def font_configuration() -> Any:
    """One FontConfiguration for every compile in this process (building one is slow)."""
    from weasyprint.text.fonts import FontConfiguration

    atexit.register(release_fonts)
    return FontConfiguration()


def release_fonts() -> None:
    """Drop the cached stylesheets and fonts while the interpreter can still free them.

    Left to interpreter shutdown, WeasyPrint's FontConfiguration is freed after the
    libraries it calls have gone, and prints an ignored TypeError.
    """
    stylesheet.cache_clear()
    fonts_stylesheet.cache_clear()
    font_configuration.cache_clear()
    gc.collect()


@lru_cache(maxsize=1)
def stylesheet() -> Any:
    """The parsed print stylesheet, loaded once through the safe fetcher."""
    from weasyprint import CSS

    path = style_path(STYLESHEET)
    return CSS(url=path.as_uri(), url_fetcher=make_fetcher(), font_config=font_configuration())


@lru_cache(maxsize=1)
def fonts_stylesheet() -> Any:
    """The shipped fonts' @font-face rules (a fallback for emoji), loaded once through the safe fetcher."""
    from weasyprint import CSS

    path = FONTS_DIR / FONTS_STYLESHEET
    return CSS(url=path.as_uri(), url_fetcher=make_fetcher(), font_config=font_configuration())


def stylesheet_text() -> str:
    """The print stylesheet as text, for a standalone HTML copy."""
    return style_path(STYLESHEET).read_text(encoding="utf-8")


def quiet_weasyprint() -> None:
    """Keep WeasyPrint's warnings about refused URLs out of the user's terminal."""
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)


# ---------------------------------------------------------------- the same records give the same bytes


def identifier_for(html: str, pdf_ua: bool) -> bytes:
    """A PDF file identifier derived from the content, so equal input gives equal bytes."""
    digest = hashlib.sha256(html.encode("utf-8") + (b"ua" if pdf_ua else b"")).hexdigest()
    return digest[:32].encode("ascii")


_SOURCE_DATE_LOCK = threading.Lock()
"""Serialises compiles while SOURCE_DATE_EPOCH is set for the process."""


@contextmanager
def source_date(day: date) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH to `day` while compiling: fontTools stamps subset fonts with it, not now."""
    with _SOURCE_DATE_LOCK:
        before = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = before


# ---------------------------------------------------------------- WeasyPrint's inside (see RELIES_ON)


def named_page(page: Any) -> str:
    """The CSS named page a laid-out page is (`page: commentary`), or "" for an unnamed one."""
    return page._page_box.page_type.name or ""


def page_strings(page: Any, page_attribute: str) -> tuple[list[tuple[str, str]], bool]:
    """The `string-set` values a laid-out page assigns, in order, and whether it prints a page number.

    A page prints one when a link's ::before or ::after shows the number its `page_attribute`
    holds (how the chunked compile prints "p. N").
    """
    from weasyprint.formatting_structure.boxes import TextBox

    assigned_here: list[tuple[str, str]] = []
    prints_pages = False
    for box in page._page_box.descendants():
        assigned = getattr(box, "string_set", None)  # only boxes of elements with `string-set` have one
        if assigned and assigned != "none":
            assigned_here.extend((name, text) for name, text in assigned)
        if not prints_pages and isinstance(box, TextBox) and "::" in box.element_tag:
            shown = box.element.get(page_attribute) if box.element is not None else None
            prints_pages = bool(shown) and shown in box.text
    return assigned_here, prints_pages


Bookmark = tuple[int, str, tuple[float, float], str]
"""A heading as WeasyPrint lists it on a page: (level, label, (x, y) in CSS pixels, "open" or "closed")."""

OutlineNode = tuple[str, tuple[int, float, float], list[Any], str]
"""A node of the outline: (label, (page number, x, y) in points, child nodes, "open" or "closed")."""


class _Page:
    """A page as WeasyPrint's outline builder reads it: its bookmarks and height."""

    def __init__(self, height: float, bookmarks: list[Bookmark]) -> None:
        """A page of `height` CSS pixels holding `bookmarks`."""
        self.height = height
        self.bookmarks = bookmarks


def outline(pages: Iterable[tuple[int, float, Sequence[Bookmark]]]) -> list[OutlineNode]:
    """The outline of a document from its pages' headings, by WeasyPrint's own rule (levels skipped kept apart).

    `pages` gives each page's number in the whole document, its height in CSS pixels and its
    bookmarks, in page order.
    """
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.matrix import Matrix

    root: list[OutlineNode] = []
    skipped: list[int] = []
    last_by_depth: list[list[OutlineNode]] = [root]
    previous = 0
    for number, height, bookmarks in pages:
        matrix = Matrix(a=CSS_PX_TO_PT, d=-CSS_PX_TO_PT, f=height * CSS_PX_TO_PT)
        page = _Page(height, list(bookmarks))
        previous = make_page_bookmark_tree(page, skipped, last_by_depth, previous, number, matrix)
    return root
