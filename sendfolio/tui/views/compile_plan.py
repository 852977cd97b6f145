"""What the Compile screen shows and runs, without any widgets: contents, unmet rules, the compile call.

`compile_pdf` is called in a worker thread; it is the only place that imports the
portfolio package (and through it WeasyPrint).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sendfolio import rules
from sendfolio.domain.record_base import D
from sendfolio.domain.records import FolioData
from sendfolio.domain.wording import count

if TYPE_CHECKING:
    from sendfolio.portfolio.api import CompileResult
    from sendfolio.store import Folio


@dataclass(frozen=True)
class Document:
    """One kind of PDF the mediator can make."""

    label: str
    """What the choice is called on screen."""
    stem: str
    """The start of the default file name."""
    per_year: bool = False
    """True when the document covers one registration year."""

    def file_name(self, year: int | None) -> str:
        """The default file name, e.g. `renewal-2025.pdf`."""
        return f"{self.stem}-{year}.pdf" if self.per_year and year is not None else f"{self.stem}.pdf"


DOCUMENTS: dict[str, Document] = {
    "portfolio": Document("Portfolio for accreditation", "portfolio"),
    "renewal": Document("Renewal pack (one registration year)", "renewal", per_year=True),
    "passport": Document("Passported declaration (Form 5)", "passport"),
    "review": Document(
        "Annual service review, with a summary to share (one registration year)", "review", per_year=True
    ),
}
"""The documents, by key, in the order they are offered."""

Progress = Callable[[str, float], None]
"""Told what the compiler is doing and how far along it is (0.0 to 1.0)."""


class PDFCompilerMissing(RuntimeError):
    """The portfolio package cannot compile (yet)."""


class CompileCancelled(Exception):
    """The mediator cancelled the compile; raised from the progress callback, so nothing is written."""


def review_contents(data: FolioData, year: int) -> str:
    """What the annual service review holds: the register, the year's cases and feedback, the development plan."""
    start, end = rules.registration_year(data.profile, year)
    cases = [case for case in data.cases if rules.in_period(case.date, start, end) and case.is_active]
    feedback = [item for item in data.feedback if rules.in_period(item.received, start, end)]
    parts = [
        count(len(data.governance), "register item"),
        count(len(cases), "case") + " led or co-mediated",
        count(len(feedback), "piece of feedback", "pieces of feedback"),
        count(len(data.development_plan), "development target"),
    ]
    return (
        "Goes in: " + " · ".join(parts) + ".\nBeside it: an anonymised summary with counts only, to share with a "
        "local authority (1 to 4 shown as 'fewer than 5')."
    )


def contents(kind: str, data: FolioData, year: int, today: date) -> str:
    """What will go in the document, as counts (the portfolio: those of the practice period)."""
    if kind == "review":
        return review_contents(data, year)
    period = ""
    if kind == "renewal":
        start, end = rules.registration_year(data.profile, year)
        data = within(data, start, end)
    elif kind == "portfolio" and (practice := rules.practice_period(data, today)) is not None:
        start, end = practice
        period = f"Covers the practice period, {start:%-d %B %Y} to {end:%-d %B %Y} (SEND training to verification).\n"
        data = within(data, start, end, keep_training=True)
    parts = [
        count(len(data.cases), "case"),
        count(len(data.reflections), "reflection"),
        count(len(data.cpd), "CPD entry", "CPD entries") + f" ({sum(item.hours for item in data.cpd):g} h)",
        count(len(data.ppc_sessions), "PPC session"),
    ]
    if kind != "renewal":
        parts.insert(1, count(len(data.observations), "observed criterion", "observed criteria"))
        parts.append(count(len(data.training), "course"))
    return period + "Goes in: " + " · ".join(parts)


def within(data: FolioData, start: date, end: date, *, keep_training: bool = False) -> FolioData:
    """Only the dated records from `start` to `end` (training whatever its date if `keep_training`)."""

    def keep(items: tuple[D, ...]) -> tuple[D, ...]:
        """The items dated within the period."""
        return tuple(item for item in items if rules.in_period(item.date, start, end))

    cases = keep(data.cases)
    refs = {case.ref for case in cases}
    return FolioData(
        profile=data.profile,
        cases=cases,
        observations=tuple(item for item in data.observations if item.ref in refs),
        reflections=keep(data.reflections),
        cpd=keep(data.cpd),
        ppc_sessions=keep(data.ppc_sessions),
        training=data.training if keep_training else keep(data.training),
    )


def report(kind: str, data: FolioData, year: int, today: date) -> rules.Report:
    """The rules' report for the document chosen."""
    if kind == "renewal":
        return rules.renewal(data, year)
    if kind == "passport":
        return rules.passport(data, today)
    return rules.accreditation(data, today)


def unmet(kind: str, data: FolioData, year: int, today: date) -> str:
    """The requirements still unmet, one a line with what is needed and what the records show."""
    if kind == "review":
        return practice_attention(data, year, today)
    if kind == "passport":
        refused = rules.passport_refusal(data, today)
        if refused:
            return f"✗ Form 5 cannot be made for these records. {refused}."
    found = report(kind, data, year, today)
    if not found.unmet:
        return f"✓ All {len(found.requirements)} requirements are met."
    lines = [f"Still unmet ({len(found.unmet)} of {len(found.requirements)}) — the PDF can be made anyway:"]
    lines += [f"✗ {item.title}: need {item.need}; have {item.have}" for item in found.unmet]
    return "\n".join(lines)


def practice_attention(data: FolioData, year: int, today: date) -> str:
    """What the review will show as needing attention: lapses, unanswered declarations, late responses."""
    start, end = rules.registration_year(data.profile, year)
    lines = [f"! {item.text}" for item in rules.governance_reminders(data, today)]
    lines += [f"! Conduct declarations of case {gap.text}" for gap in rules.conduct_gaps(data, start, end)]
    lines += [
        f"! {item.text}"
        for item in rules.feedback_responses(data, today)
        if item.status in ("overdue", "missed") and rules.in_period(item.feedback.received, start, end)
    ]
    if not lines:
        return "✓ Nothing in the practice needs attention. The review can be made."
    return "\n".join(["The review will show (it can be made anyway):", *lines])


def compile_pdf(
    kind: str, folio: Folio, data: FolioData, path: Path, year: int, today: date, progress: Progress | None = None
) -> CompileResult:
    """Check the folio's privacy, then make the chosen PDF of `data` at `path`; returns the compiler's result.

    The result has the path, the number of pages and whether the PDF is marked as a draft.

    Raises PDFCompilerMissing when the portfolio package cannot compile yet, `OutputRefused`
    for a path in the folio's data folder, the privacy guard's `PrivacyFindings`, or OSError
    when the file cannot be written.
    """
    try:
        from sendfolio.portfolio import api
    except ImportError as missing:
        raise PDFCompilerMissing("the portfolio package cannot be loaded") from missing
    from sendfolio.privacy import ensure_clear
    from sendfolio.store.outputs import check_output

    check_output(path, folio.data_dir)  # never onto the folio's own files (OutputRefused)
    ensure_clear(folio)
    with counting_pages(progress):
        if kind == "renewal":
            return api.compile_renewal(data, year, path, as_of=today, progress=progress)
        if kind == "passport":
            return api.compile_passport(data, path, as_of=today, progress=progress)
        if kind == "review":
            check_output(api.summary_path(path), folio.data_dir)
            return api.compile_review(data, year, path, as_of=today, progress=progress)[0]
        readable = folio.readable_attachments()  # a file that cannot be read is named and left out
        kept = tuple(item for item in data.attachments if item.id in readable.files)
        done = api.compile_portfolio(
            dataclasses.replace(data, attachments=kept),
            path,
            as_of=today,
            progress=progress,
            attachment_files=readable.files,
        )
        return dataclasses.replace(done, left_out=tuple(readable.left_out))


LAYOUT_STAGE = "Laying out pages"
"""The compiler's stage whose page count grows (the name it reports through `progress`)."""

PAGE_REPORT_EVERY = 0.25
"""The least time, in seconds, between two reports of the growing page count."""


@contextmanager
def counting_pages(progress: Progress | None) -> Iterator[None]:
    """While compiling in this thread, report "Laying out pages: N pages" as WeasyPrint lays out each page.

    WeasyPrint logs each page it lays out on its `weasyprint.progress` logger; a handler listens
    there for this thread only, for the length of the compile, and passes the count through the
    same `progress(what, fraction)` callback the compiler uses (at most every PAGE_REPORT_EVERY s).
    """
    if progress is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler = _PageCounter(progress, threading.get_ident())
    level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


class _PageCounter(logging.Handler):
    """Turns WeasyPrint's "Creating layout - Page N" records of one thread into progress reports."""

    def __init__(self, progress: Progress, thread: int) -> None:
        """Report to `progress`, for records of `thread` only."""
        super().__init__(logging.INFO)
        self.progress, self.thread = progress, thread
        self.pages, self.reported = 0, 0.0

    def emit(self, record: logging.LogRecord) -> None:
        """Count a page laid out; report the count now and then (a cancel is left to the next stage)."""
        if record.thread != self.thread or "Creating layout - Page" not in str(record.msg):
            return
        number = record.args[0] if isinstance(record.args, tuple) and record.args else 0
        self.pages = max(self.pages, int(number) if isinstance(number, (int, float, str)) else 0)
        now = time.monotonic()
        if now - self.reported < PAGE_REPORT_EVERY:
            return
        self.reported = now
        fraction = 0.3 + 0.5 * (1 - 1 / (1 + self.pages / 40))
        try:
            self.progress(f"{LAYOUT_STAGE}: {count(self.pages, 'page')}", fraction)
        except Exception:
            pass


def is_privacy_problem(error: BaseException) -> bool:
    """True for the privacy guard's refusal."""
    from sendfolio.privacy import PrivacyFindings

    return isinstance(error, PrivacyFindings)
