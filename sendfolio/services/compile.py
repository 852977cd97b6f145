"""Compile a document: the portfolio, a renewal pack or the passported declaration (Form 5), and its HTML;
or the provider's annual service review and its shareable summary (`compile_review`).

`compile_document` is what the `portfolio`, `renewal` and `passport` commands and the Compile
screen call: it refuses an output on the folio's own files, passes the privacy gate, refuses
Form 5 when it does not apply, reads the attached documents and hands them to the compiler.
`document_records` says which records a document holds, with the portfolio's own period filter,
for a screen to count before compiling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sendfolio import rules
from sendfolio.domain.records import FolioData
from sendfolio.portfolio.model import CoveredPeriod, shown_records, within
from sendfolio.portfolio.progress import CancelFlag, Progress, counting_pages, stop_if
from sendfolio.services.outputs import OutputRefusedFor, checked_output

if TYPE_CHECKING:
    from sendfolio.portfolio.api import CompileResult
    from sendfolio.store import Folio

DOCUMENT_KINDS = ("portfolio", "renewal", "passport")
"""The documents a mediator can compile, in the order they are offered."""


@dataclass(frozen=True)
class DocumentRecords:
    """The records a document prints, and the period it covers (None: the passport, judged as of a date)."""

    period: CoveredPeriod | None
    records: FolioData
    practice: bool = False
    """True when the period is the practice period (SEND training to verification)."""


def document_records(kind: str, data: FolioData, year: int, as_of: date) -> DocumentRecords:
    """The records the document of `kind` holds, filtered as its compile filters them."""
    if kind == "renewal":
        period = CoveredPeriod(*rules.registration_year(data.profile, year))
        return DocumentRecords(period, within(data, period))
    if kind == "passport":
        return DocumentRecords(None, rules.dated_until(data, as_of))
    period, shown = shown_records(data, as_of)
    return DocumentRecords(period, shown, practice=rules.practice_period(data, as_of) is not None)


def compile_document(
    folio: Folio,
    kind: str,
    out: Path,
    *,
    as_of: date,
    year: int | None = None,
    period: CoveredPeriod | None = None,
    html_out: Path | None = None,
    pdf_ua: bool = False,
    coarse_dates: bool = False,
    replace: bool = False,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> CompileResult:
    """Make the document of `kind` from the folio's records at `out` (and its HTML at `html_out`).

    Raises `OutputRefusedFor` for a path on the folio's own files (`OutputExists` for a file already
    there, unless `replace`: the mediator agreed to replace it), the privacy gate's
    `PrivacyFindings`, `PassportRefused` (`portfolio.packs`: Form 5 does not apply),
    `CompileCancelled`, or `OSError` when a file cannot be written. An attached document whose
    file cannot be read is left out and named in the result's `left_out`. `year` is the renewal
    pack's registration year; `period` and `coarse_dates` are the portfolio's.
    """
    from sendfolio.portfolio import api
    from sendfolio.privacy.gate import release

    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"{kind!r} is not a document: one of {', '.join(DOCUMENT_KINDS)}")
    checked_output(folio.data_dir, out, "output", replace=replace)
    if html_out is not None:
        checked_output(folio.data_dir, html_out, "html", replace=replace)
    stop_if(cancelled)
    cleared = release(folio, attachments=kind == "portfolio")
    with counting_pages(progress):
        if kind == "renewal":
            if year is None:
                raise ValueError("a renewal pack needs its registration year")
            return api.compile_renewal(
                cleared,
                year,
                out,
                as_of=as_of,
                pdf_ua=pdf_ua,
                html_out=html_out,
                progress=progress,
                cancelled=cancelled,
            )
        if kind == "passport":
            return api.compile_passport(
                cleared, out, as_of=as_of, pdf_ua=pdf_ua, html_out=html_out, progress=progress, cancelled=cancelled
            )
        return api.compile_portfolio(
            cleared,
            out,
            as_of=as_of,
            period=period,
            pdf_ua=pdf_ua,
            html_out=html_out,
            progress=progress,
            cancelled=cancelled,
            coarse_dates=coarse_dates,
        )


def compile_review(
    folio: Folio,
    year: int,
    out: Path,
    *,
    as_of: date,
    summary_out: Path | None = None,
    html_out: Path | None = None,
    pdf_ua: bool = False,
    replace: bool = False,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> tuple[CompileResult, CompileResult]:
    """Make the provider's annual service review (Appendix D) of the registration year beginning in `year`
    at `out`, and its anonymised summary to share at `summary_out` (else beside it, `<name>-summary.pdf`).

    Raises `OutputRefusedFor` for a path on the folio's own files or a summary written over the
    review (`OutputExists` for a file already there, unless `replace`), the privacy gate's `PrivacyFindings`, `CompileCancelled`, or `OSError`.
    """
    from sendfolio.portfolio import api
    from sendfolio.privacy.gate import release

    summary_out = summary_out or api.summary_path(Path(out))
    checked_output(folio.data_dir, out, "output", replace=replace)
    checked_output(folio.data_dir, summary_out, "summary", replace=replace)
    if Path(summary_out).expanduser().resolve() == Path(out).expanduser().resolve():
        raise OutputRefusedFor("give a different file for the summary: it is a second PDF", "summary")
    if html_out is not None:
        checked_output(folio.data_dir, html_out, "html", replace=replace)
    stop_if(cancelled)
    cleared = release(folio)
    with counting_pages(progress):
        return api.compile_review(
            cleared,
            year,
            out,
            summary_out=summary_out,
            as_of=as_of,
            pdf_ua=pdf_ua,
            html_out=html_out,
            progress=progress,
            cancelled=cancelled,
        )
