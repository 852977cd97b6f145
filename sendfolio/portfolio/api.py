"""Compile the portfolio, the renewal pack, the passported declaration and the annual service review to PDF.

Each takes a `ClearedFolio`, the records the privacy gate released (`privacy.gate.release`):
plain `FolioData` is refused by the type checker and at run time (`NotCleared`), so nothing is
printed unchecked. `services.compile.compile_document` is what both shells call. WeasyPrint is imported
only when a PDF is laid out (inside `pdf.render_pdf`), so importing this module is
cheap. Output is reproducible: the compile date comes from the caller (or the latest
record), the PDF identifier from the content, so the same records and options give
the same bytes. The PDF is written atomically (temporary file, fsync, rename).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sendfolio.domain.cleared import ClearedFolio, require_cleared
from sendfolio.portfolio import render
from sendfolio.portfolio.model import CoveredPeriod, DocumentInfo, Portfolio, build_portfolio, latest_date
from sendfolio.portfolio.packs import build_passport, build_renewal
from sendfolio.portfolio.progress import CancelFlag, Progress, stop_if, tell
from sendfolio.portfolio.review import build_review, build_summary
from sendfolio.store.atomic import write_atomic
from sendfolio.store.outputs import make_output_folder

if TYPE_CHECKING:
    from sendfolio.portfolio.pdf import RenderedPDF


@dataclass(frozen=True)
class CompileResult:
    """A PDF written: where, how many pages, its SHA-256, whether it is a draft, and what was left out."""

    path: Path
    pages: int
    sha256: str
    draft: bool = False
    unmet: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()
    """The attached documents left out (their files could not be read), one sentence each."""


class PrintedDocument(Protocol):
    """A document model the compile prints: the portfolio, the renewal pack or the passported declaration."""

    @property
    def info(self) -> DocumentInfo:
        """When it was compiled, whether it is a draft, what is unmet."""


def _finish(
    template: str,
    document: PrintedDocument,
    out: Path,
    *,
    pdf_ua: bool,
    html_out: Path | None,
    progress: Progress | None,
    files: Mapping[str, bytes] | None = None,
    cancelled: CancelFlag | None = None,
    left_out: tuple[str, ...] = (),
) -> CompileResult:
    """Print the document model through its template, lay it out, write the PDF (and HTML if asked)."""
    from sendfolio.portfolio.pdf import render_pdf
    from sendfolio.portfolio.weasy import stylesheet_text

    stop_if(cancelled)
    tell(progress, "Writing the pages", 0.15)
    html = render.render(template, document)
    if html_out is not None:
        standalone = render.render(template, document, inline_css=stylesheet_text())
        make_output_folder(Path(html_out).parent)
        write_atomic(Path(html_out), standalone.encode("utf-8"))
    rendered = render_pdf(html, stamp=document.info.compiled, pdf_ua=pdf_ua, progress=progress, cancelled=cancelled)
    stop_if(cancelled)
    rendered = _with_attachments(rendered, document, files, progress)
    stop_if(cancelled)
    tell(progress, f"Writing the PDF: {rendered.pages} pages", 0.9)
    make_output_folder(Path(out).parent)
    write_atomic(Path(out), rendered.data)
    tell(progress, "Done", 1.0)
    return CompileResult(
        path=Path(out),
        pages=rendered.pages,
        sha256=hashlib.sha256(rendered.data).hexdigest(),
        draft=document.info.draft,
        unmet=document.info.unmet,
        left_out=left_out,
    )


def _with_attachments(
    rendered: RenderedPDF, document: PrintedDocument, files: Mapping[str, bytes] | None, progress: Progress | None
) -> RenderedPDF:
    """The PDF with the attached documents' pages added after their pages in the appendix."""
    views = document.attachments if isinstance(document, Portfolio) else ()
    if not views:
        return rendered
    from sendfolio.portfolio.appendix import Insert, insert_attachments
    from sendfolio.portfolio.pdf import RenderedPDF

    tell(progress, "Adding the attached documents", 0.85)
    given = files or {}
    missing = [view.attachment.id for view in views if view.attachment.id not in given]
    if missing:
        raise ValueError(f"the file of attachment {missing[0]} was not given")
    inserts = [
        Insert(
            anchor=view.anchor,
            heading=f"{view.label}: {view.attachment.title}",
            file_type=view.attachment.file_type,
            content=given[view.attachment.id],
        )
        for view in views
    ]
    data, pages = insert_attachments(rendered.data, inserts)
    return RenderedPDF(data=data, pages=pages)


def compile_portfolio(
    cleared: ClearedFolio,
    out: Path,
    *,
    as_of: date | None = None,
    period: CoveredPeriod | None = None,
    pdf_ua: bool = False,
    html_out: Path | None = None,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
    coarse_dates: bool = False,
) -> CompileResult:
    """The written portfolio (standards §1.3) as a PDF at `out`; `coarse_dates` prints statutory steps by month.

    The attached documents' pages are added in the appendix when the gate read their files
    (`release(folio, attachments=True)`); otherwise attachments are left out.
    """
    data = require_cleared(cleared, "the portfolio").data
    as_of = as_of or latest_date(data, date.today())
    tell(progress, "Judging the records", 0.05)
    if cleared.files is None and data.attachments:
        data = dataclasses.replace(data, attachments=())
    document = build_portfolio(data, as_of, period, coarse_dates=coarse_dates)
    return _finish(
        "portfolio.html.j2",
        document,
        out,
        pdf_ua=pdf_ua,
        html_out=html_out,
        progress=progress,
        cancelled=cancelled,
        files=cleared.files,
        left_out=cleared.left_out,
    )


def compile_renewal(
    cleared: ClearedFolio,
    year: int,
    out: Path,
    *,
    as_of: date | None = None,
    pdf_ua: bool = False,
    html_out: Path | None = None,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> CompileResult:
    """The renewal pack (standards §1.4.3) of the registration year beginning in `year`."""
    data = require_cleared(cleared, "the renewal pack").data
    as_of = as_of or latest_date(data, date.today())
    tell(progress, "Judging the records", 0.05)
    document = build_renewal(data, year, as_of)
    return _finish(
        "renewal.html.j2", document, out, pdf_ua=pdf_ua, html_out=html_out, progress=progress, cancelled=cancelled
    )


def compile_passport(
    cleared: ClearedFolio,
    out: Path,
    *,
    as_of: date | None = None,
    pdf_ua: bool = False,
    html_out: Path | None = None,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> CompileResult:
    """The passported declaration (standards §1.6, Form 5) filled from the records."""
    data = require_cleared(cleared, "Form 5").data
    as_of = as_of or latest_date(data, date.today())
    tell(progress, "Judging the records", 0.05)
    document = build_passport(data, as_of)
    return _finish(
        "passport.html.j2", document, out, pdf_ua=pdf_ua, html_out=html_out, progress=progress, cancelled=cancelled
    )


def summary_path(out: Path) -> Path:
    """Where the shareable summary goes beside a review written to `out`: `<name>-summary.pdf`."""
    return out.with_name(f"{out.stem}-summary{out.suffix or '.pdf'}")


def compile_review(
    cleared: ClearedFolio,
    year: int,
    out: Path,
    *,
    summary_out: Path | None = None,
    as_of: date | None = None,
    pdf_ua: bool = False,
    html_out: Path | None = None,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> tuple[CompileResult, CompileResult]:
    """The provider's annual service review (Appendix D) of the registration year beginning in `year`,
    and beside it (at `summary_out`, else `summary_path(out)`) its anonymised summary to share."""
    data = require_cleared(cleared, "the service review").data
    as_of = as_of or latest_date(data, date.today())
    summary_out = summary_out or summary_path(Path(out))
    tell(progress, "Judging the records", 0.05)
    review = build_review(data, year, as_of, summary_name=Path(summary_out).name)
    summary = build_summary(data, year, as_of)
    first = _finish(
        "review.html.j2", review, out, pdf_ua=pdf_ua, html_out=html_out, progress=progress, cancelled=cancelled
    )
    second = _finish(
        "review_summary.html.j2", summary, summary_out, pdf_ua=pdf_ua, html_out=None, progress=None, cancelled=cancelled
    )
    return first, second
