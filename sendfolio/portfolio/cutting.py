"""Where a long document may be cut for chunked layout: the pages the stylesheet starts, the HTML's parts.

`plan` cuts the portfolio's HTML before each top-level part and before each part the
stylesheet puts on a new page (`break-before`/`break-after: page` on a simple selector:
a section heading, a case commentary), into chunks of about `CHUNK_BYTES`; fixed parts
(the draft mark) are repeated in every chunk. A part with no page start inside that is
longer than `RUN_BYTES` is cut between its children, each piece starting a new page.
`chunk_stylesheet` rewrites the stylesheet so chunks print numbers they are given.
Used by `chunked`; imports nothing heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

CHUNK_BYTES = 120_000
"""About how much HTML each chunk holds (some 30–60 pages): what bounds a worker's memory."""

RUN_BYTES = 360_000
"""A part with no page start inside it is cut, each piece on a new page, beyond this much HTML."""

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


@lru_cache(maxsize=4)
def numbering_classes(css: str) -> frozenset[str]:
    """The classes named in the selectors of rules that print a page number (`target-counter`)."""
    flat = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: set[str] = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", flat):
        if TARGET_PAGE.search(body):
            found.update(re.findall(r"\.([\w-]+)", selectors))
    return frozenset(found)


LINK = re.compile(r'<a\b[^>]*\shref="#')
"""An internal link's opening tag."""

CLASSES = re.compile(r'\sclass="([^"]*)"')
"""An element's classes."""


def prints_numbers(text: str, classes: frozenset[str]) -> bool:
    """True when the HTML likely prints a page number: it has an internal link, and an element of a
    class the numbering rules name (the link itself or what holds it, as in `.toc a`).

    A guess from the text alone, used only to keep such parts apart; whether a chunk prints
    page numbers is found when it is laid out.
    """
    if not LINK.search(text):
        return False
    return any(classes.intersection(found.split()) for found in CLASSES.findall(text))


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
    numbering = numbering_classes(css)
    body = Outline(html).body
    if body is None or not body.children:
        return Plan(html, "", ())
    fixed: list[str] = []
    units: list[str] = []
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
        parts = _cut(html, node, rules, chunk_bytes, run_bytes, numbering) if len(piece) > chunk_bytes else [piece]
        if breaks:
            units.extend(parts)
        else:
            units[-1] += parts[0]
            units.extend(parts[1:])
        previous = node
    # Parts printing page numbers are laid out twice: they are not merged with parts that are not.
    chunks: list[str] = []
    numbered: list[bool] = []
    for unit in units:
        kind = prints_numbers(unit, numbering)
        if chunks and numbered[-1] == kind and len(chunks[-1]) + len(unit) <= chunk_bytes:
            chunks[-1] += unit
        else:
            chunks.append(unit)
            numbered.append(kind)
    first = min((node.start for node in body.children), default=body.open_end)
    return Plan(html[:first], "".join(fixed), tuple(chunks))


def _cut(
    html: str,
    node: Node,
    rules: PageRules,
    chunk_bytes: int,
    run_bytes: int,
    numbering: frozenset[str] = frozenset(),
) -> list[str]:
    """A long element as pieces, each wrapped in a copy of its tag: cut before children that start a page,
    and, in a run longer than `run_bytes` without one, between children (the piece then starts a page).

    A run that is cut anyway and opens with children printing page numbers (a section's
    summary linking to its cases) is cut first after them, so that only they are laid out twice.
    """
    if not node.children:
        return [html[node.start : node.end]]
    opening_cut = _after_numbered_opening(html, node, rules, run_bytes, numbering)
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
        elif (size > 0 and size + len(text) > run_bytes and groups[-1]) or child is opening_cut:
            open_tag = html[child.start : child.open_end]
            text = open_tag[:-1].rstrip("/") + f" {FORCED_BREAK}>" + html[child.open_end : child.end]
            groups.append([])
            size = 0
        groups[-1].append(text)
        size += len(text)
    last = node.children[-1]
    groups[-1].append(html[last.end : node.end - len(closing)])
    return [(opening if index == 0 else again) + "".join(group) + closing for index, group in enumerate(groups)]


def _after_numbered_opening(
    html: str, node: Node, rules: PageRules, run_bytes: int, numbering: frozenset[str]
) -> Node | None:
    """The child to start a new piece at, just after the opening children that print page numbers.

    Only for a run that has no page start inside and will be cut anyway (longer than
    `run_bytes`), whose first children (within `run_bytes`) print page numbers; else None.
    """
    children = node.children
    if not numbering or len(children) < 2 or node.end - node.open_end <= run_bytes:
        return None
    if any(starts_page(child, rules) for child in children[1:]):
        return None
    last = None
    for index, child in enumerate(children[:-1]):
        if child.end - node.open_end > run_bytes:
            break
        if prints_numbers(html[child.start : child.end], numbering):
            last = index
    return children[last + 1] if last is not None else None
