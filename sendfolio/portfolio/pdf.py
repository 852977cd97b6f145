"""HTML to PDF with WeasyPrint: a short document in one pass here, a long one in chunks (`chunked`).

WeasyPrint is imported only inside the functions here, so importing this module costs
nothing. Every layout goes through the safe fetcher, fonts and stylesheets of `weasy`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sendfolio.portfolio.progress import CompileCancelled
from sendfolio.portfolio.weasy import (
    font_configuration,
    fonts_stylesheet,
    identifier_for,
    make_fetcher,
    quiet_weasyprint,
    source_date,
    stylesheet,
    stylesheet_text,
)

PDF_UA = "pdf/ua-1"
"""WeasyPrint's name for a tagged, accessible PDF (PDF/UA-1).

Known limit: the running heads and footers (the page margin boxes of `styles/portfolio.css`)
are not marked as artifacts. WeasyPrint (70) tags their content but keeps it out of the
structure tree, and offers no way to mark it `/Artifact` instead (allowed in the tree only
from PDF 2.0); upstream: https://github.com/Kozea/WeasyPrint/issues/1836 ("PDF/UA page header
and footer", open). Backgrounds and borders are already drawn as artifacts.
"""


@dataclass(frozen=True)
class RenderedPDF:
    """The bytes of a compiled PDF and how many pages it has."""

    data: bytes
    pages: int


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
        raise CompileCancelled("the compile was cancelled; no PDF was written")
    if progress is not None:
        progress("Laying out pages", 0.3)
    with source_date(stamp):
        return _render_pdf(html, pdf_ua=pdf_ua)


def _render_pdf(html: str, *, pdf_ua: bool) -> RenderedPDF:
    """Lay out and write the PDF (called with SOURCE_DATE_EPOCH set)."""
    from weasyprint import HTML

    quiet_weasyprint()
    options: dict[str, Any] = {
        "stylesheets": [fonts_stylesheet(), stylesheet()],
        "pdf_identifier": identifier_for(html, pdf_ua),
    }
    if pdf_ua:
        options["pdf_variant"] = PDF_UA
    document = HTML(string=html, base_url=None, url_fetcher=make_fetcher()).render(
        font_config=font_configuration(), **options
    )
    data = document.write_pdf(**options)
    return RenderedPDF(data=data, pages=len(document.pages))
