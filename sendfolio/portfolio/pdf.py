"""HTML to PDF with WeasyPrint, behind a URL fetcher that fetches (almost) nothing.

WeasyPrint is imported only inside the functions here, so importing this module
costs nothing. The fetcher is the privacy boundary for everything a user may
type into a reflection or a case note: it serves `data:` URLs and the package's
own stylesheet and font files, and refuses every other URL -- no http(s), no
other local file, no redirects -- so an `<img>` or `<link rel=attachment>`
smuggled into the text fetches nothing and embeds nothing.
"""

from __future__ import annotations

import atexit
import calendar
import gc
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sendfolio.paths import style_path, styles_dir

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

PDF_UA = "pdf/ua-1"
"""WeasyPrint's name for a tagged, accessible PDF (PDF/UA-1).

Known limit: the running heads and footers (the page margin boxes of `styles/portfolio.css`)
are not marked as artifacts. WeasyPrint (70) tags their content but keeps it out of the
structure tree, and offers no way to mark it `/Artifact` instead (allowed in the tree only
from PDF 2.0); upstream: https://github.com/Kozea/WeasyPrint/issues/1836 ("PDF/UA page header
and footer", open). Backgrounds and borders are already drawn as artifacts.
"""


class RefusedURL(ValueError):
    """A URL the portfolio's fetcher will not fetch."""


@dataclass(frozen=True)
class RenderedPDF:
    """The bytes of a compiled PDF and how many pages it has."""

    data: bytes
    pages: int


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


def make_fetcher():
    """A WeasyPrint URL fetcher that serves `data:` URLs and our own style and font files only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        """WeasyPrint's fetcher, narrowed to data: URLs and the package's own files; no redirects."""

        def __init__(self) -> None:
            """No redirects, only the data: and file: schemes, errors reported not fatal."""
            super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)

        def fetch(self, url, headers=None):
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
def font_configuration():
    """One FontConfiguration for every compile in this process (building one is slow)."""
    from weasyprint.text.fonts import FontConfiguration

    atexit.register(release_fonts)
    return FontConfiguration()


def release_fonts() -> None:
    """Drop the cached stylesheet and fonts while the interpreter can still free them.

    Left to interpreter shutdown, WeasyPrint's FontConfiguration is freed after the
    libraries it calls have gone, and prints an ignored TypeError.
    """
    stylesheet.cache_clear()
    fonts_stylesheet.cache_clear()
    font_configuration.cache_clear()
    gc.collect()


@lru_cache(maxsize=1)
def stylesheet():
    """The parsed print stylesheet, loaded once through the safe fetcher."""
    from weasyprint import CSS

    path = style_path(STYLESHEET)
    return CSS(url=path.as_uri(), url_fetcher=make_fetcher(), font_config=font_configuration())


@lru_cache(maxsize=1)
def fonts_stylesheet():
    """The shipped fonts' @font-face rules (a fallback for emoji), loaded once through the safe fetcher."""
    from weasyprint import CSS

    path = FONTS_DIR / FONTS_STYLESHEET
    return CSS(url=path.as_uri(), url_fetcher=make_fetcher(), font_config=font_configuration())


def stylesheet_text() -> str:
    """The print stylesheet as text, for a standalone HTML copy."""
    return style_path(STYLESHEET).read_text(encoding="utf-8")


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


def render_pdf(
    html: str,
    *,
    stamp: date,
    pdf_ua: bool = False,
    progress: Callable[[str, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RenderedPDF:
    """Lay out the HTML with the print stylesheet and write the PDF in memory, stamped `stamp`.

    A long document is laid out in chunks in worker processes (`chunked`: bounded memory, both
    cores, the same pages as one pass); a short one, or a tagged PDF/UA one (its structure tree
    cannot be joined), in one pass here. `cancelled` is asked between chunks (and before a
    one-pass layout); when it answers True, `CompileCancelled` is raised.
    """
    from sendfolio.portfolio import chunked

    if not pdf_ua and len(html) > chunked.SINGLE_PASS_BYTES:
        data, pages = chunked.render_chunked(
            html, stylesheet_text(), stamp=stamp, progress=progress, cancelled=cancelled
        )
        return RenderedPDF(data=data, pages=pages)
    if cancelled is not None and cancelled():
        raise chunked.CompileCancelled("the compile was cancelled; no PDF was written")
    if progress is not None:
        progress("Laying out pages", 0.3)
    with source_date(stamp):
        return _render_pdf(html, pdf_ua=pdf_ua)


def _render_pdf(html: str, *, pdf_ua: bool) -> RenderedPDF:
    """Lay out and write the PDF (called with SOURCE_DATE_EPOCH set)."""
    from weasyprint import HTML

    quiet_weasyprint()
    options = {"stylesheets": [fonts_stylesheet(), stylesheet()], "pdf_identifier": identifier_for(html, pdf_ua)}
    if pdf_ua:
        options["pdf_variant"] = PDF_UA
    document = HTML(string=html, base_url=None, url_fetcher=make_fetcher()).render(
        font_config=font_configuration(), **options
    )
    data = document.write_pdf(**options)
    return RenderedPDF(data=data, pages=len(document.pages))


def quiet_weasyprint() -> None:
    """Keep WeasyPrint's warnings about refused URLs out of the user's terminal."""
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
