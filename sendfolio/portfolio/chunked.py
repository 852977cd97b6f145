"""Lay out a long document in chunks: bounded memory, both cores, the pages of one pass.

WeasyPrint keeps every laid-out page until it writes the PDF, so a ten-year archive
(thousands of pages) needs gigabytes in one pass. Here the document's HTML is cut
where a page starts anyway -- before each top-level part and before each part the
stylesheet puts on a new page (a section, a case commentary) -- into chunks of about
`CHUNK_BYTES`, and the chunks are laid out in worker processes, at most one per core.

Each page is laid out once. A chunk's body does not depend on where the chunk falls,
so every chunk is laid out and written with its page margins switched off (pass 1),
learning its page count, the page of every anchor, its headings and the running-head
strings set on each page; a link to an anchor in another chunk gets an invisible
stand-in there (so WeasyPrint keeps the link). Only the few chunks that print page
numbers in their text (the contents, the requirements index, "commentary p. N") are
laid out again (pass 2), their `target-counter` references reading a `data-page`
attribute with the right page; digit widths are equal in the print fonts, so pass 1
prints placeholders of the length the page is likely to have (from where its anchor
stands in the HTML), and pass 2 is repeated in the (rare) case a
chunk's page count or anchors still move. Then the margins of every page -- running
heads and "page x of y" -- are laid out as near-empty pages (`stamping`) and drawn over
the chunks' pages as they are joined with pypdf, under one set of named destinations
(every link lands where it did in one pass), one outline built from every heading in
order (WeasyPrint's own rule), fixed metadata and a file identifier derived from the
content: the same records give the same bytes.

A part without any page start that is longer than `RUN_BYTES` (a long run of
reflections) is cut between its children, each further piece starting a new page.
"""

from __future__ import annotations

import concurrent.futures
import gc
import multiprocessing
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import TracebackType
from typing import Any

from sendfolio.paths import styles_dir
from sendfolio.portfolio.cutting import CHUNK_BYTES, HREF, PAGE_ATTRIBUTE, RUN_BYTES, Plan, chunk_stylesheet, plan
from sendfolio.portfolio.joining import join
from sendfolio.portfolio.progress import CompileCancelled, Progress
from sendfolio.portfolio.stamping import body_stylesheet, margins_html, page_margins
from sendfolio.portfolio.weasy import (
    font_configuration,
    fonts_stylesheet,
    identifier_for,
    make_fetcher,
    named_page,
    page_strings,
    quiet_weasyprint,
    source_date,
)
from sendfolio.stdlib_internals import pool_processes

ROUNDS = 3
"""Pass 2 is repeated (up to this many times in all) while a chunk's page count or anchors still move."""

SINGLE_PASS_BYTES = 2 * CHUNK_BYTES
"""Documents up to this much HTML are laid out in one pass in this process (no workers to start)."""

MARGIN_PAGES = 400
"""At most this many pages' margins are laid out in one go."""

ID = re.compile(r'\sid="([^"]*)"')
"""An element's id in the HTML: an anchor a link may name."""


# ---------------------------------------------------------------- laying out one chunk (in a worker)


@dataclass(frozen=True)
class Job:
    """One chunk to lay out: its HTML and stylesheet, the page numbers it prints, the anchors it links to elsewhere."""

    index: int
    html: str
    css: str
    stamp: date
    pages_of: dict[str, str]
    foreign: tuple[str, ...]
    numbered: bool = False
    """True when the job prints the right page numbers (pass 2): its PDF is always written."""


@dataclass(frozen=True)
class Laid:
    """What laying out a chunk found, and its PDF (without its page margins)."""

    index: int
    pages: int
    anchors: dict[str, tuple[int, float, float]]
    names: tuple[str, ...]
    strings: tuple[tuple[tuple[str, str], ...], ...]
    prints_pages: bool
    bookmarks: tuple[tuple[int, int, str, float, float, str], ...]
    heights: tuple[float, ...]
    pdf: bytes


@dataclass(frozen=True)
class MarginJob:
    """The margins of a run of pages: near-empty pages of the document's stylesheet."""

    index: int
    html: str
    css: str
    stamp: date
    first_page: int


def chunk_html(plan_: Plan, index: int, job: Job) -> str:
    """The chunk's whole HTML: the document's head, stand-ins for anchors elsewhere, the fixed parts, the chunk."""
    from markupsafe import escape

    body = HREF.sub(
        lambda found: f'{found.group(1)} {PAGE_ATTRIBUTE}="{job.pages_of.get(found.group(2), "88")}"',
        plan_.chunks[index],
    )
    carried = ""
    if job.foreign:
        stubs = "".join(f'<div id="{escape(anchor)}"></div>' for anchor in job.foreign)
        carried = f'<div style="position:absolute;width:0;height:0;overflow:hidden">{stubs}</div>'
    return plan_.head + carried + plan_.fixed + body + "</body></html>"


@lru_cache(maxsize=2)
def _stylesheet(css: str) -> Any:
    """A parsed stylesheet (the same for every chunk of a pass), through the safe fetcher."""
    from weasyprint import CSS

    return CSS(
        string=css, base_url=styles_dir().as_uri() + "/", url_fetcher=make_fetcher(), font_config=font_configuration()
    )


def lay_out(job: Job) -> Laid:
    """Lay out one chunk and write its PDF: its pages, anchors, strings, headings and whether it prints page numbers."""
    from weasyprint import HTML

    quiet_weasyprint()
    with source_date(job.stamp):
        document = HTML(string=job.html, base_url=None, url_fetcher=make_fetcher()).render(
            font_config=font_configuration(), stylesheets=[fonts_stylesheet(), _stylesheet(job.css)]
        )
        anchors, bookmarks, heights, names, strings = {}, [], [], [], []
        stand_ins = set(job.foreign)
        prints_pages = False
        for number, page in enumerate(document.pages):
            scale, height = 0.75, page.height
            heights.append(height)
            for name, (x, y, _, _) in page.anchors.items():
                if name not in anchors and name not in stand_ins:
                    anchors[name] = (number, x * scale, (height - y) * scale)
            for level, label, (x, y), state in page.bookmarks:
                bookmarks.append((number, level, label, x, y, state))
            names.append(named_page(page))
            assigned_here, prints_here = page_strings(page, PAGE_ATTRIBUTE)
            prints_pages = prints_pages or prints_here
            strings.append(tuple(assigned_here))
        # A chunk printing page numbers is laid out again with the right ones: no PDF yet.
        data = (
            b""
            if prints_pages and not job.numbered
            else document.write_pdf(pdf_identifier=identifier_for(job.html, False))
        )
    pages = len(document.pages)
    del document
    gc.collect()
    return Laid(
        job.index,
        pages,
        anchors,
        tuple(names),
        tuple(strings),
        prints_pages,
        tuple(bookmarks),
        tuple(heights),
        data,
    )


def lay_out_margins(job: MarginJob) -> bytes:
    """The PDF of a run of pages' margins: running heads and "page x of y", nothing else."""
    from weasyprint import CSS, HTML

    quiet_weasyprint()
    sheets = [fonts_stylesheet(), _stylesheet(job.css)]
    if job.first_page > 1:
        sheets.append(CSS(string=f"@page :first {{ counter-reset: page {job.first_page}; }}"))
    with source_date(job.stamp):
        document = HTML(string=job.html, base_url=None, url_fetcher=make_fetcher()).render(
            font_config=font_configuration(), stylesheets=sheets
        )
        data: bytes = document.write_pdf()
    del document
    gc.collect()
    return data


# ---------------------------------------------------------------- the passes and the join


MAX_WORKERS = 2
"""At most this many chunks are laid out at once, whatever the cores: the memory bound holds."""


def workers() -> int:
    """How many chunks to lay out at once: one per core this process may use, at most `MAX_WORKERS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def _tell(progress: Progress | None, what: str, fraction: float) -> None:
    """Report progress if anyone is listening."""
    if progress is not None:
        progress(what, fraction)


def render_chunked(
    html: str,
    css: str,
    *,
    stamp: date,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    run_bytes: int = RUN_BYTES,
    processes: int | None = None,
) -> tuple[bytes, int]:
    """The PDF of `html` laid out in chunks (see the module's description) and its page count."""
    cut = plan(html, css, chunk_bytes=chunk_bytes, run_bytes=run_bytes)
    count = len(cut.chunks)
    defined = [set(ID.findall(chunk)) for chunk in cut.chunks]
    everywhere = set().union(*defined)
    linked = [set(_linked(chunk)) for chunk in cut.chunks]
    body_css = body_stylesheet(chunk_stylesheet(css, "8"))
    guesses = _guesses(html, sorted(set().union(*linked)))
    with _pool(processes or workers()) as pool:
        jobs = [
            Job(
                i,
                "",
                body_css,
                stamp,
                {name: guesses[name] for name in linked[i]},
                tuple(sorted((linked[i] - defined[i]) & everywhere)),
            )
            for i in range(count)
        ]
        laid = _run(pool, [_with_html(cut, job) for job in jobs], progress, cancelled, "Laying out pages", 0.05, 0.8)
        owner = _owners(laid)
        again = [i for i in range(count) if laid[i].prints_pages or not set(jobs[i].foreign) <= set(owner)]
        printed: dict[int, dict[str, str] | None] = dict.fromkeys(again)
        stamps: list[bytes] = []
        stamped: tuple | None = None
        # Pass 2 and the margins run side by side; the margins are laid out again only if pass 2
        # moved a page (a chunk's page count, named pages or strings changed).
        for _ in range(ROUNDS + 1):
            offsets, total = _offsets(laid)
            pages_of = {name: str(offsets[chunk] + page + 1) for name, (chunk, page) in owner.items()}
            wanted = {i: {name: pages_of[name] for name in linked[i] if name in pages_of} for i in again}
            redo = [
                _with_html(
                    cut,
                    Job(
                        i,
                        "",
                        body_css,
                        stamp,
                        wanted[i],
                        tuple(sorted((linked[i] - set(laid[i].anchors)) & set(owner))),
                        numbered=True,
                    ),
                )
                for i in again
                if wanted[i] != printed[i]
            ]
            shape = _shape(laid)
            runs = _margin_jobs(cut, laid, css, stamp) if shape != stamped else []
            if not redo and not runs:
                break
            done, drawn = _run_both(pool, redo, runs, progress, cancelled, f"Numbering {total} pages", 0.8, 0.92)
            for item in done:
                laid[item.index] = item
                printed[item.index] = wanted[item.index]
            if runs:
                stamps, stamped = drawn, shape
            owner = _owners(laid)
        if _shape(laid) != stamped:  # pragma: no cover - pages still moving after every round
            stamps = _run_both(pool, [], _margin_jobs(cut, laid, css, stamp), progress, cancelled, "", 0.9, 0.92)[1]
        offsets, total = _offsets(laid)
    _tell(progress, f"Joining {total} pages", 0.92)
    data = join(laid, stamps, html, owner=owner, offsets=offsets)
    return data, total


def _shape(laid: list[Laid]) -> tuple:
    """What the page margins depend on: every chunk's page count, named pages and strings."""
    return tuple((item.pages, item.names, item.strings) for item in laid)


def _margin_jobs(cut: Plan, laid: list[Laid], css: str, stamp: date) -> list[MarginJob]:
    """The margins of every page, in runs of at most `MARGIN_PAGES` pages, enough runs to share the workers."""
    _, total = _offsets(laid)
    margins = page_margins(
        [name for item in laid for name in item.names], [page for item in laid for page in item.strings]
    )
    margin_css = chunk_stylesheet(css, total)
    size = max(1, min(MARGIN_PAGES, -(-total // (2 * workers()))))
    return [
        MarginJob(n, margins_html(cut.head, margins[start : start + size]), margin_css, stamp, start + 1)
        for n, start in enumerate(range(0, total, size))
    ]


BYTES_PER_PAGE = 2800
"""About how much HTML a printed page holds: to guess how many digits an anchor's page number has."""


def _guesses(html: str, anchors: list[str]) -> dict[str, str]:
    """A placeholder for each anchor's page number, as many digits as its place in the HTML suggests."""
    where: dict[str, int] = {}
    for found in ID.finditer(html):
        where.setdefault(found.group(1), found.start())
    return {name: "8" * len(str(where.get(name, 0) // BYTES_PER_PAGE + 1)) for name in anchors}


def _with_html(cut: Plan, job: Job) -> Job:
    """The job with its chunk's whole HTML."""
    from dataclasses import replace

    return replace(job, html=chunk_html(cut, job.index, job))


def _linked(chunk: str) -> list[str]:
    """The anchors a chunk links to."""
    return [found[1] for found in HREF.findall(chunk)]


def _offsets(laid: list[Laid]) -> tuple[list[int], int]:
    """How many pages come before each chunk, and the total."""
    offsets, total = [], 0
    for item in laid:
        offsets.append(total)
        total += item.pages
    return offsets, total


def _owners(laid: list[Laid]) -> dict[str, tuple[int, int]]:
    """Each anchor's chunk and page within it (the first chunk that holds it, as in one pass)."""
    owner: dict[str, tuple[int, int]] = {}
    for item in laid:
        for name, (page, _, _) in item.anchors.items():
            owner.setdefault(name, (item.index, page))
    return owner


WORKER_GC_THRESHOLD = (50_000, 20, 20)
"""The workers' garbage-collector thresholds: a layout allocates millions of objects, few of them
garbage until the chunk is done (then collected at once); the default (700 allocations) makes the
collector walk the young objects thousands of times per chunk. About a tenth faster, the same memory."""


def _worker_started() -> None:
    """Set up a worker process: collect garbage less often while laying out (see `WORKER_GC_THRESHOLD`)."""
    gc.set_threshold(*WORKER_GC_THRESHOLD)


def _start_helpers(method: str) -> None:
    """Start multiprocessing's resource tracker (and fork server) with a real standard error.

    Both pass `sys.stderr.fileno()` to the process they start. A Textual app replaces
    `sys.stderr` with a capture whose file number is -1, and starting them from the app
    failed with "bad value(s) in fds_to_keep"; while they start, standard error is the
    process's own (or nothing, if it has none).
    """
    import sys
    from multiprocessing import forkserver, resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = True  # multiprocessing leaves out a standard error without a file number
    saved = sys.stderr
    if not usable:
        sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
        if method == "forkserver":
            forkserver.ensure_running()
    finally:
        sys.stderr = saved


class _pool:
    """A process pool of spawn-started workers (no fork of a threaded app), shut down on exit."""

    def __init__(self, size: int) -> None:
        """Remember the size; the pool starts on entry."""
        self.size = size
        self.executor: concurrent.futures.ProcessPoolExecutor | None = None

    def __enter__(self) -> concurrent.futures.ProcessPoolExecutor:
        """Start the workers."""
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        _start_helpers(method)
        self.executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.size, mp_context=multiprocessing.get_context(method), initializer=_worker_started
        )
        return self.executor

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop the workers; on an error or a cancel, without waiting for chunks in progress."""
        assert self.executor is not None
        if error is None:
            self.executor.shutdown(wait=True)
            return
        processes = pool_processes(self.executor)
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()


def _run(
    pool: concurrent.futures.Executor,
    jobs: list[Job],
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    what: str,
    start: float,
    end: float,
) -> list[Laid]:
    """Lay out every chunk job in the pool; results in the jobs' order. Reports pages as they grow."""
    return _run_both(pool, jobs, [], progress, cancelled, what, start, end)[0]


def _run_both(
    pool: concurrent.futures.Executor,
    jobs: list[Job],
    runs: list[MarginJob],
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    what: str,
    start: float,
    end: float,
) -> tuple[list[Laid], list[bytes]]:
    """Lay out chunks and runs of page margins in the pool, the longest first; results in the jobs' order.

    Reports the pages laid out as they grow; honours a cancel.
    """
    work: list[tuple[int, str, int, Callable[[Any], Any], Job | MarginJob]]
    work = [(len(job.html), "chunk", job.index, lay_out, job) for job in jobs]
    work += [(len(run.html) // 20, "margins", run.index, lay_out_margins, run) for run in runs]
    pending = {
        pool.submit(function, job): (kind, index)
        for _, kind, index, function, job in sorted(work, key=lambda item: (-item[0], item[1], item[2]))
    }
    results: dict = {}
    pages = 0
    while pending:
        if cancelled is not None and cancelled():
            raise CompileCancelled("the compile was cancelled; no PDF was written")
        finished, _ = concurrent.futures.wait(pending, timeout=0.25, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in finished:
            key = pending.pop(future)
            results[key] = future.result()
            if key[0] == "chunk":
                pages += results[key].pages
        if finished:
            saying = f"{what}: {pages} so far" if pages else what
            _tell(progress, saying, start + (end - start) * len(results) / len(work))
    return [results["chunk", job.index] for job in jobs], [results["margins", run.index] for run in runs]
