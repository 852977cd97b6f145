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
import io
import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser

CHUNK_BYTES = 120_000
"""About how much HTML each chunk holds (some 30–60 pages): what bounds a worker's memory."""

RUN_BYTES = 360_000
"""A part with no page start inside it is cut, each piece on a new page, beyond this much HTML."""

ROUNDS = 3
"""Pass 2 is repeated (up to this many times in all) while a chunk's page count or anchors still move."""

SINGLE_PASS_BYTES = 2 * CHUNK_BYTES
"""Documents up to this much HTML are laid out in one pass in this process (no workers to start)."""

FORCED_BREAK = "data-chunk-break"
"""The attribute marking a piece cut out of a long run: it starts a new page."""

PAGE_ATTRIBUTE = "data-page"
"""The attribute carrying the page number of a link's target in pass 2."""

TARGET_PAGE = re.compile(r"target-counter\(\s*attr\(\s*href(?:\s+url)?\s*\)\s*,\s*page\s*\)")
"""The stylesheet's page references: replaced by the `data-page` attribute for chunks."""

PAGES_COUNTER = re.compile(r"counter\(\s*pages\s*\)")
"""The stylesheet's total page count: replaced by the document's total for chunks."""

HREF = re.compile(r'(\shref="#([^"]*)")')
"""An internal link in the HTML, and its anchor."""

VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
"""HTML elements without an end tag."""

Progress = Callable[[str, float], None]
"""Told what is being done and how far along (0.0 to 1.0)."""


class CompileCancelled(RuntimeError):
    """The compile was cancelled before the PDF was written; nothing was written."""


# ---------------------------------------------------------------- what the stylesheet says


@dataclass(frozen=True)
class PageRules:
    """The simple selectors (tag, class) the stylesheet starts a page before or after, or fixes in place."""

    before: frozenset[tuple[str, str]]
    after: frozenset[tuple[str, str]]
    fixed: frozenset[tuple[str, str]]

    @staticmethod
    def matches(rules: frozenset[tuple[str, str]], tag: str, classes: frozenset[str]) -> bool:
        """True when an element (tag and classes) matches one of the selectors."""
        return any((not want_tag or want_tag == tag) and (not want or want in classes) for want_tag, want in rules)


SIMPLE = re.compile(r"^([a-z][a-z0-9]*)?(?:\.([\w-]+))?$")
"""A selector of one tag, one class, or a tag with one class."""


@lru_cache(maxsize=4)
def page_rules(css: str) -> PageRules:
    """Which simple selectors the stylesheet puts on a new page (before or after), or positions fixed."""
    flat = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    flat = re.sub(r"@page[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", flat)
    found: dict[str, set[tuple[str, str]]] = {"before": set(), "after": set(), "fixed": set()}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", flat):
        kinds = []
        if re.search(
            r"(?:^|;)\s*(?:break-before\s*:\s*(?:page|left|right|recto|verso)|page-break-before\s*:\s*always)", body
        ):
            kinds.append("before")
        if re.search(
            r"(?:^|;)\s*(?:break-after\s*:\s*(?:page|left|right|recto|verso)|page-break-after\s*:\s*always)", body
        ):
            kinds.append("after")
        if re.search(r"(?:^|;)\s*position\s*:\s*fixed", body):
            kinds.append("fixed")
        for selector in selectors.split(","):
            simple = SIMPLE.match(selector.strip())
            if simple and any(simple.groups()):
                for kind in kinds:
                    found[kind].add((simple.group(1) or "", simple.group(2) or ""))
    return PageRules(*(frozenset(found[kind]) for kind in ("before", "after", "fixed")))


def chunk_stylesheet(css: str, total: int | str) -> str:
    """The stylesheet for chunks: page references read `data-page`, the total is written in."""
    css = TARGET_PAGE.sub(f"attr({PAGE_ATTRIBUTE})", css)
    return PAGES_COUNTER.sub(f'"{total}"', css) + f"\n[{FORCED_BREAK}] {{ break-before: page; }}\n"


# ---------------------------------------------------------------- cutting the HTML


@dataclass
class Node:
    """An element of the HTML: where it starts and ends, its tag and classes, its children (to depth 3)."""

    tag: str
    classes: frozenset[str]
    start: int
    open_end: int
    end: int = -1
    children: list[Node] = field(default_factory=list)


class Outline(HTMLParser):
    """Finds the body and the elements of its first levels, with their offsets in the text."""

    DEPTH = 3

    def __init__(self, text: str) -> None:
        """Parse `text` at once."""
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.stack: list[Node] = []
        self.body: Node | None = None
        self.feed(text)
        self.close()

    def position(self) -> int:
        """The parser's position as an offset in the text."""
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """Open an element (remembered down to `DEPTH` levels under the body)."""
        start = self.position()
        node = Node(
            tag,
            frozenset((dict(attrs).get("class") or "").split()),
            start,
            start + len(self.get_starttag_text() or ""),
        )
        if tag == "body":
            self.body = node
            self.stack = [node]
            return
        if self.body is None or tag in VOID:
            return
        if len(self.stack) <= self.DEPTH:
            self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element of this tag."""
        if self.body is None:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                end = self.position()
                self.stack[index].end = self.rawdata.index(">", end) + 1 if tag != "body" else end
                del self.stack[index:]
                if tag == "body":
                    self.stack = [self.body]
                return


@dataclass(frozen=True)
class Plan:
    """The document cut into chunks: the text before the parts, the parts repeated on every chunk, the chunks."""

    head: str
    fixed: str
    chunks: tuple[str, ...]


def starts_page(node: Node | None, rules: PageRules) -> bool:
    """True when the stylesheet starts a page before this element (or before its first child, and so on)."""
    while node is not None:
        if PageRules.matches(rules.before, node.tag, node.classes):
            return True
        node = node.children[0] if node.children else None
    return False


def plan(html: str, css: str, *, chunk_bytes: int = CHUNK_BYTES, run_bytes: int = RUN_BYTES) -> Plan:
    """Cut the document where pages start anyway, into chunks of about `chunk_bytes` of HTML."""
    rules = page_rules(css)
    body = Outline(html).body
    if body is None or not body.children:
        return Plan(html, "", ())
    fixed, units = [], []
    previous: Node | None = None
    for node in body.children:
        if PageRules.matches(rules.fixed, node.tag, node.classes):
            fixed.append(html[node.start : node.end])
            continue
        piece = html[node.start : node.end]
        breaks = (
            not units
            or starts_page(node, rules)
            or (previous is not None and PageRules.matches(rules.after, previous.tag, previous.classes))
        )
        parts = _cut(html, node, rules, chunk_bytes, run_bytes) if len(piece) > chunk_bytes else [piece]
        if breaks:
            units.extend(parts)
        else:
            units[-1] += parts[0]
            units.extend(parts[1:])
        previous = node
    chunks: list[str] = []
    for unit in units:
        if chunks and len(chunks[-1]) + len(unit) <= chunk_bytes:
            chunks[-1] += unit
        else:
            chunks.append(unit)
    first = min((node.start for node in body.children), default=body.open_end)
    return Plan(html[:first], "".join(fixed), tuple(chunks))


def _cut(html: str, node: Node, rules: PageRules, chunk_bytes: int, run_bytes: int) -> list[str]:
    """A long element as pieces, each wrapped in a copy of its tag: cut before children that start a page,
    and, in a run longer than `run_bytes` without one, between children (the piece then starts a page)."""
    if not node.children:
        return [html[node.start : node.end]]
    opening = html[node.start : node.open_end]
    closing = f"</{node.tag}>"
    again = re.sub(r'\sid="[^"]*"', "", opening, count=1)
    groups: list[list[str]] = [[html[node.open_end : node.children[0].start]]]
    size = len(groups[0][0])
    for child in node.children:
        text = html[child.start : child.end]
        if child is not node.children[0] and starts_page(child, rules):
            groups.append([])
            size = 0
        elif size > 0 and size + len(text) > run_bytes and groups[-1]:
            open_tag = html[child.start : child.open_end]
            text = open_tag[:-1].rstrip("/") + f" {FORCED_BREAK}>" + html[child.open_end : child.end]
            groups.append([])
            size = 0
        groups[-1].append(text)
        size += len(text)
    last = node.children[-1]
    groups[-1].append(html[last.end : node.end - len(closing)])
    return [(opening if index == 0 else again) + "".join(group) + closing for index, group in enumerate(groups)]


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
    appended: Sequence[bytes] = (),
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
    data = join(laid, html, appended=appended, owner=_owners(laid), offsets=offsets)
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
    carried, current = [], {}
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


def join(
    laid: list[Laid],
    html: str,
    *,
    appended: Sequence[bytes],
    owner: dict[str, tuple[int, int]],
    offsets: list[int],
) -> bytes:
    """The chunks' pages as one PDF: named destinations, outline, metadata and identifier as in one pass."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, Fit, NameObject

    from sendfolio.portfolio.pdf import identifier_for

    writer = PdfWriter()
    first = PdfReader(io.BytesIO(laid[0].pdf or b""))
    for item in laid:
        reader = first if item.index == 0 else PdfReader(io.BytesIO(item.pdf or b""))
        for page in reader.pages:
            writer.add_page(page)
    for extra in appended:
        for page in PdfReader(io.BytesIO(extra)).pages:
            writer.add_page(page)
    for name in sorted(owner):
        chunk, page = owner[name]
        _, x, y = laid[chunk].anchors[name]
        writer.add_named_destination(name, offsets[chunk] + page, fit=Fit.xyz(left=x, top=y, zoom=0))
    _outline(writer, laid, offsets)
    info = first.metadata or {}
    writer.add_metadata({key: value for key, value in info.items()})
    language = first.trailer["/Root"].get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = language
    identifier = ByteStringObject(identifier_for(html, False))
    writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def append_pages(data: bytes, appended: Sequence[bytes]) -> tuple[bytes, int]:
    """A one-pass PDF with other PDFs' pages after its own (its outline, names and metadata kept)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for extra in appended:
        for page in PdfReader(io.BytesIO(extra)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


class _Shim:
    """A page as WeasyPrint's outline builder reads it: its bookmarks and height."""

    def __init__(self, height: float) -> None:
        """A page of `height` CSS pixels, no bookmarks yet."""
        self.height = height
        self.bookmarks: list = []


def _outline(writer, laid: list[Laid], offsets: list[int]) -> None:
    """The outline of the whole document, built with WeasyPrint's rule from every chunk's headings."""
    from pypdf.generic import Fit
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.matrix import Matrix

    root: list = []
    skipped: list = []
    last_by_depth = [root]
    previous = 0
    for item, offset in zip(laid, offsets):
        shims = [_Shim(height) for height in item.heights]
        for page, level, label, x, y, state in item.bookmarks:
            shims[page].bookmarks.append((level, label, (x, y), state))
        for local, shim in enumerate(shims):
            matrix = Matrix(a=0.75, d=-0.75, f=shim.height * 0.75)
            previous = make_page_bookmark_tree(shim, skipped, last_by_depth, previous, offset + local, matrix)

    def add(nodes, parent) -> None:
        """Add each bookmark and its children under `parent`."""
        for label, (page, x, y), children, state in nodes:
            made = writer.add_outline_item(
                title=label,
                page_number=page,
                parent=parent,
                fit=Fit.xyz(left=x, top=y, zoom=0),
                is_open=state != "closed",
            )
            add(children, made)

    add(root, None)
