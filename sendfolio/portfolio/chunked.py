"""Lay out a long document in chunks: bounded memory, both cores, the pages of one pass.

WeasyPrint keeps every laid-out page until it writes the PDF, so a ten-year archive
(thousands of pages) needs gigabytes in one pass. Here the document's HTML is cut
where a page starts anyway -- before each top-level part and before each part the
stylesheet puts on a new page (a section, a case commentary) -- into chunks of about
`CHUNK_BYTES`, and the chunks are laid out in worker processes, at most one per core.

Numbering takes two passes. Pass 1 lays out every chunk to learn its page count, the
page of every anchor, and the running-head strings it sets. Pass 2 lays each chunk out
again with what the rest of the document holds: its first page number
(`@page :first { counter-reset: page N }`), the total for "page x of y", the page of
every link target (the stylesheet's `target-counter(attr(href url), page)` reads a
`data-page` attribute instead), the running-head strings in force where it starts,
and an invisible stand-in for every anchor it links to elsewhere (so WeasyPrint keeps
the link). Digit widths are equal in the print fonts, so pass 1 uses placeholders of
the right length; pass 2 checks that every chunk kept its page count and anchors, and
lays out again in the (rare) case one did not. The chunks' pages are then joined with
pypdf under one set of named destinations (every link lands where it did in one
pass), one outline built from every heading in order (WeasyPrint's own rule), fixed
metadata and a file identifier derived from the content: the same records give the
same bytes.

A part without any page start that is longer than `RUN_BYTES` (a long run of
reflections) is cut between its children, each further piece starting a new page.
"""

from __future__ import annotations

import concurrent.futures
import gc
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sendfolio.portfolio.cutting import CHUNK_BYTES, HREF, PAGE_ATTRIBUTE, RUN_BYTES, Plan, chunk_stylesheet, plan
from sendfolio.portfolio.joining import join

ROUNDS = 3
"""Pass 2 is repeated (up to this many times in all) while a chunk's page count or anchors still move."""

SINGLE_PASS_BYTES = 2 * CHUNK_BYTES
"""Documents up to this much HTML are laid out in one pass in this process (no workers to start)."""


Progress = Callable[[str, float], None]
"""Told what is being done and how far along (0.0 to 1.0)."""


class CompileCancelled(RuntimeError):
    """The compile was cancelled before the PDF was written; nothing was written."""


# ---------------------------------------------------------------- laying out one chunk (in a worker)


@dataclass(frozen=True)
class Job:
    """One chunk to lay out: its HTML, the numbers it needs from the rest of the document."""

    index: int
    html: str
    css: str
    stamp: date
    first_page: int
    total: str
    pages_of: dict[str, str]
    strings: dict[str, str]
    foreign: tuple[str, ...]
    write: bool


@dataclass(frozen=True)
class Laid:
    """What laying out a chunk found, and its PDF when written."""

    index: int
    pages: int
    anchors: dict[str, tuple[int, float, float]]
    first_strings: frozenset[str]
    last_strings: dict[str, str]
    bookmarks: tuple[tuple[int, int, str, float, float, str], ...]
    heights: tuple[float, ...]
    pdf: bytes | None


def css_string(value: str) -> str:
    """A CSS string literal of `value`."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def chunk_html(plan_: Plan, index: int, job: Job) -> str:
    """The chunk's whole HTML: the document's head, the invisible carry-overs, the fixed parts, the chunk."""
    from markupsafe import escape

    body = HREF.sub(
        lambda found: f'{found.group(1)} {PAGE_ATTRIBUTE}="{job.pages_of.get(found.group(2), "")}"', plan_.chunks[index]
    )
    hidden = "position:absolute;width:0;height:0;overflow:hidden"
    carried = ""
    if job.strings:
        sets = ", ".join(f"{name} {css_string(value)}" for name, value in sorted(job.strings.items()))
        carried += f'<div style="{escape(hidden + ";string-set:" + sets)}"></div>'
    if job.foreign:
        stubs = "".join(f'<div id="{escape(anchor)}"></div>' for anchor in job.foreign)
        carried += f'<div style="{hidden}">{stubs}</div>'
    return plan_.head + carried + plan_.fixed + body + "</body></html>"


@lru_cache(maxsize=2)
def _stylesheet(css: str):
    """A parsed chunk stylesheet (the same for every chunk of a pass), through the safe fetcher."""
    from weasyprint import CSS

    from sendfolio.paths import styles_dir
    from sendfolio.portfolio.pdf import font_configuration, make_fetcher

    return CSS(
        string=css, base_url=styles_dir().as_uri() + "/", url_fetcher=make_fetcher(), font_config=font_configuration()
    )


def lay_out(job: Job) -> Laid:
    """Lay out one chunk (and write its PDF in pass 2): its pages, anchors, strings and bookmarks."""
    from weasyprint import CSS, HTML

    from sendfolio.portfolio.pdf import font_configuration, identifier_for, make_fetcher, quiet_weasyprint, source_date

    quiet_weasyprint()
    sheets = [_stylesheet(job.css)]
    if job.first_page > 1:
        sheets.append(CSS(string=f"@page :first {{ counter-reset: page {job.first_page}; }}"))
    with source_date(job.stamp):
        document = HTML(string=job.html, base_url=None, url_fetcher=make_fetcher()).render(
            font_config=font_configuration(), stylesheets=sheets
        )
        anchors, bookmarks, heights = {}, [], []
        stand_ins = set(job.foreign)
        first: set[str] = set()
        last: dict[str, str] = {}
        for number, page in enumerate(document.pages):
            scale, height = 0.75, page.height
            heights.append(height)
            for name, (x, y, _, _) in page.anchors.items():
                if name not in anchors and name not in stand_ins:
                    anchors[name] = (number, x * scale, (height - y) * scale)
            for level, label, (x, y), state in page.bookmarks:
                bookmarks.append((number, level, label, x, y, state))
            for box in page._page_box.descendants():
                assigned = getattr(box, "string_set", None)
                if assigned and assigned != "none":
                    for name, text in assigned:
                        if number == 0:
                            first.add(name)
                        last[name] = text
        data = document.write_pdf(pdf_identifier=identifier_for(job.html, False)) if job.write else None
    pages = len(document.pages)
    del document
    gc.collect()
    return Laid(job.index, pages, anchors, frozenset(first), last, tuple(bookmarks), tuple(heights), data)


# ---------------------------------------------------------------- the two passes and the join


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
    digits = max(2, len(str(max(len(html) // 3000, 10))))
    placeholder = "8" * digits
    links = sorted({anchor for chunk in cut.chunks for anchor in _linked(chunk)})
    with _pool(processes or workers()) as pool:
        first_css = chunk_stylesheet(css, placeholder)
        jobs = [
            Job(i, "", first_css, stamp, 1, placeholder, dict.fromkeys(links, placeholder), {}, (), False)
            for i in range(count)
        ]
        jobs = [_with_html(cut, job) for job in jobs]
        laid = _run(pool, jobs, progress, cancelled, "Counting pages", 0.1, 0.45)
        for _ in range(ROUNDS):
            offsets, total = _offsets(laid)
            owner = _owners(laid)
            pages_of = {name: str(offsets[chunk] + page + 1) for name, (chunk, page) in owner.items()}
            strings = _carried(laid)
            final_css = chunk_stylesheet(css, total)
            jobs = [
                _with_html(
                    cut,
                    Job(
                        i,
                        "",
                        final_css,
                        stamp,
                        offsets[i] + 1,
                        str(total),
                        pages_of,
                        {name: value for name, value in strings[i].items() if name not in laid[i].first_strings},
                        tuple(sorted((set(_linked(cut.chunks[i])) - set(laid[i].anchors)) & set(owner))),
                        True,
                    ),
                )
                for i in range(count)
            ]
            done = _run(pool, jobs, progress, cancelled, f"Laying out {total} pages", 0.45, 0.9)
            settled = [item.pages for item in done] == [item.pages for item in laid] and _owners(done) == owner
            laid = done
            if settled:
                break
    _tell(progress, f"Joining {total} pages", 0.92)
    offsets, total = _offsets(laid)
    data = join(laid, html, owner=_owners(laid), offsets=offsets)
    return data, total


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


def _carried(laid: list[Laid]) -> list[dict[str, str]]:
    """The running-head strings in force where each chunk starts (the last set before it)."""
    carried: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for item in laid:
        carried.append(dict(current))
        current.update(item.last_strings)
    return carried


class _pool:
    """A process pool of spawn-started workers (no fork of a threaded app), shut down on exit."""

    def __init__(self, size: int) -> None:
        """Remember the size; the pool starts on entry."""
        self.size = size
        self.executor: concurrent.futures.ProcessPoolExecutor | None = None

    def __enter__(self) -> concurrent.futures.ProcessPoolExecutor:
        """Start the workers."""
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self.executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.size, mp_context=multiprocessing.get_context(method)
        )
        return self.executor

    def __exit__(self, kind, error, trace) -> None:
        """Stop the workers; on an error or a cancel, without waiting for chunks in progress."""
        assert self.executor is not None
        if error is None:
            self.executor.shutdown(wait=True)
            return
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()


def _run(pool, jobs: list[Job], progress, cancelled, what: str, start: float, end: float) -> list[Laid]:
    """Lay out every job in the pool; results in chunk order. Reports pages as they grow; honours a cancel."""
    pending = {pool.submit(lay_out, job) for job in jobs}
    results: dict[int, Laid] = {}
    pages = 0
    while pending:
        if cancelled is not None and cancelled():
            raise CompileCancelled("the compile was cancelled; no PDF was written")
        finished, pending = concurrent.futures.wait(
            pending, timeout=0.25, return_when=concurrent.futures.FIRST_COMPLETED
        )
        for future in finished:
            item = future.result()
            results[item.index] = item
            pages += item.pages
        if finished:
            share = len(results) / len(jobs)
            _tell(progress, f"{what}: {pages} so far", start + (end - start) * share)
    return [results[index] for index in range(len(jobs))]
