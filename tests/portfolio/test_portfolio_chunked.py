"""A long document laid out in chunks gives the pages of one pass: text, numbers, outline, links.

The demo portfolio (a real folio on disk) is laid out once in one pass and once cut into
as many chunks as it has page starts, in two worker processes; the PDFs are read back
with pypdf and compared page by page. Cutting, cancelling and the same-bytes promise are
checked on small documents.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from sendfolio.portfolio import chunked, cutting, render
from sendfolio.portfolio.model import build_portfolio
from sendfolio.portfolio.pdf import render_pdf
from sendfolio.portfolio.weasy import stylesheet_text

TODAY = date(2026, 11, 29)
"""The date the demo is written around and compiled on."""


@pytest.fixture(scope="module")
def demo_html(tmp_path_factory) -> str:
    """The demo portfolio's HTML (a real folio written with `write_demo`)."""
    from sendfolio.samples.demo import write_demo
    from sendfolio.store import Folio

    with Folio.open(tmp_path_factory.mktemp("demo")) as folio:
        write_demo(folio, TODAY)
        data = folio.data()
    return render.render("portfolio.html.j2", build_portfolio(data, TODAY))


def outline(reader: PdfReader) -> list[tuple[int, str, int, float]]:
    """The outline as (depth, title, page, top) in order."""
    found: list[tuple[int, str, int, float]] = []

    def walk(items, depth: int) -> None:
        """Every item, children one level deeper."""
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item), round(float(item.top), 1)))

    walk(reader.outline, 0)
    return found


def links(reader: PdfReader) -> list[tuple[int, tuple[float, ...], tuple[int, float]]]:
    """Every internal link as (page, rectangle, (target page, target top))."""
    targets = {
        name: (reader.get_destination_page_number(dest), round(float(dest.top), 1))
        for name, dest in reader.named_destinations.items()
    }
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if "/Dest" in annotation:
                rectangle = tuple(round(float(value), 1) for value in annotation["/Rect"])
                found.append((number, rectangle, targets[str(annotation["/Dest"])]))
    return found


def test_chunks_give_the_pages_of_one_pass(demo_html):
    """Cut at every page start and laid out on two workers: same pages, text, numbers, outline and links."""
    cut = cutting.plan(demo_html, stylesheet_text(), chunk_bytes=1)
    assert len(cut.chunks) >= 10
    one = PdfReader(io.BytesIO(render_pdf(demo_html, stamp=TODAY).data))
    data, pages = chunked.render_chunked(demo_html, stylesheet_text(), stamp=TODAY, chunk_bytes=1, processes=2)
    many = PdfReader(io.BytesIO(data))
    assert pages == len(many.pages) == len(one.pages) > 15
    for number, (single, joined) in enumerate(zip(one.pages, many.pages, strict=True), start=1):
        assert joined.extract_text() == single.extract_text(), f"page {number}"
        assert f"page {number} of {pages}" in joined.extract_text()
    assert outline(many) == outline(one) and len(outline(one)) > 20
    assert links(many) == links(one) and len(links(one)) > 50
    assert many.metadata == one.metadata
    assert many.trailer["/Root"]["/Lang"] == one.trailer["/Root"]["/Lang"]


SMALL = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Small</title>
<meta name="author" content="Fictional Mediator"></head><body class="is-final">
<section class="chapter"><h1 id="one" class="section"><span class="num">1</span> One</h1>
<p>To <a class="pageref" href="#three">Three</a>.</p></section>
<section class="chapter"><h1 id="two" class="section"><span class="num">2</span> Two</h1>{paragraphs}</section>
<section class="chapter"><h1 id="three" class="section"><span class="num">3</span> Three</h1>
<p>Back to <a class="pageref" href="#one">One</a>.</p></section>
</body></html>"""
"""A small document of three sections; the second holds a long run of paragraphs with no page start."""


def small(paragraphs: int) -> str:
    """The small document with `paragraphs` paragraphs in its second section."""
    run = "".join(f"<p>Paragraph {n} of a long run of fictional text.</p>" for n in range(paragraphs))
    return SMALL.replace("{paragraphs}", run)


def test_the_plan_cuts_only_where_a_page_starts_and_keeps_everything(demo_html):
    """Every chunk after the first starts a page (by the stylesheet's breaks before or after); no id is lost or doubled."""
    css = stylesheet_text()
    cut = cutting.plan(demo_html, css, chunk_bytes=1)
    ids = [found for found in re.findall(r'\sid="([^"]+)"', demo_html)]
    kept = [found for chunk in cut.chunks for found in re.findall(r'\sid="([^"]+)"', chunk)]
    assert sorted(kept) == sorted(ids)
    rules = cutting.page_rules(css)
    for before, chunk in zip(cut.chunks, cut.chunks[1:]):
        first = cutting.Outline(f"<html><body>{chunk}</body></html>").body.children[0]
        last = cutting.Outline(f"<html><body>{before}</body></html>").body.children[-1]
        after = cutting.PageRules.matches(rules.after, last.tag, last.classes)
        assert cutting.starts_page(first, rules) or after, chunk[:120]
    assert "draft-mark" in cut.fixed and all("draft-mark" not in chunk for chunk in cut.chunks)
    # with no limit on size, parts are merged as far as they go: only parts printing page numbers
    # (laid out twice) are kept apart from the rest
    whole = cutting.plan(demo_html, css, chunk_bytes=10**9)
    kinds = [cutting.prints_numbers(chunk, cutting.numbering_classes(css)) for chunk in whole.chunks]
    assert any(kinds) and not all(kinds) and len(kinds) < len(cut.chunks)
    assert all(one != two for one, two in zip(kinds, kinds[1:]))


def test_a_long_run_is_cut_between_its_parts_each_piece_on_a_new_page():
    """A section longer than `run_bytes` with no page start inside is cut between paragraphs; the pieces start pages."""
    html = small(400)
    cut = cutting.plan(html, stylesheet_text(), chunk_bytes=2_000, run_bytes=4_000)
    pieces = [chunk for chunk in cut.chunks if "Paragraph" in chunk]
    assert len(pieces) > 3
    assert all(cutting.FORCED_BREAK in piece for piece in pieces[1:])
    assert (
        sum(piece.count("<p>Paragraph") + piece.count(f"<p {cutting.FORCED_BREAK}>Paragraph") for piece in pieces)
        == 400
    )
    assert all(piece.startswith('<section class="chapter">') and piece.endswith("</section>") for piece in pieces)


def test_the_same_document_gives_the_same_bytes_and_links_resolve_across_chunks():
    """Two chunked compiles of the same HTML are byte-identical; a link to a later chunk lands on its page."""
    html = small(120)
    first, pages = chunked.render_chunked(html, stylesheet_text(), stamp=TODAY, chunk_bytes=1, processes=2)
    second, _ = chunked.render_chunked(html, stylesheet_text(), stamp=TODAY, chunk_bytes=1, processes=2)
    assert first == second
    reader = PdfReader(io.BytesIO(first))
    assert len(reader.pages) == pages >= 4
    assert (
        reader.named_destinations
        and reader.get_destination_page_number(reader.named_destinations["three"]) == pages - 1
    )
    text = reader.pages[0].extract_text()
    assert re.search(rf"Three, p\.\s*{pages}\b", text) and f"page 1 of {pages}" in text
    assert [target[0] for _, _, target in links(reader)] == [pages - 1, pages - 1, 0, 0]


def test_a_cancelled_compile_writes_nothing(tmp_path, demo_folio):
    """Cancelling stops the compile with CompileCancelled, in chunks or in one pass; no file is written."""
    from sendfolio.portfolio import CompileCancelled, compile_portfolio
    from sendfolio.privacy.gate import release

    with pytest.raises(CompileCancelled):
        chunked.render_chunked(small(50), stylesheet_text(), stamp=TODAY, chunk_bytes=1, cancelled=lambda: True)
    out = tmp_path / "cancelled.pdf"
    with pytest.raises(CompileCancelled):
        compile_portfolio(release(demo_folio), out, as_of=TODAY, cancelled=lambda: True)
    assert not out.exists()


def test_each_page_is_laid_out_once_but_the_pages_printing_page_numbers():
    """Only the chunks whose text prints a page number are laid out a second time, with the right numbers."""
    html = small(400)
    told: list[str] = []
    data, pages = chunked.render_chunked(
        html,
        stylesheet_text(),
        stamp=TODAY,
        chunk_bytes=2_000,
        run_bytes=4_000,
        processes=2,
        progress=lambda what, _: told.append(what),
    )
    again = [int(found) for what in told for found in re.findall(r"^Numbering \d+ pages: (\d+) so far", what)]
    assert again, told
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == pages > 8
    # sections one and three print "p. N" (a page each, with at most the end of the run before three);
    # the long run of section two is laid out once.
    assert max(again) <= 3 < pages // 2
    assert re.search(rf"Three, p\.\s*{pages}\b", reader.pages[0].extract_text())
    assert re.search(r"One, p\.\s*1\b", reader.pages[pages - 1].extract_text())
    for number, page in enumerate(reader.pages, start=1):
        assert f"page {number} of {pages}" in page.extract_text()


def test_margins_read_the_strings_in_force_on_each_page():
    """A page's running head reads the first string set on it, else the last one set before it; named pages kept."""
    from sendfolio.portfolio.stamping import PageMargins, body_stylesheet, margins_html, page_margins

    found = page_margins(
        ["cover", "", "", ""],
        [
            [("doctitle", "Portfolio")],
            [("chapter", "1 One"), ("chapter", "2 Two")],
            [],
            [("chapter", "3 Three")],
        ],
    )
    assert found == [
        PageMargins("cover", (("chapter", ""), ("doctitle", "Portfolio"))),
        PageMargins("", (("chapter", "1 One"), ("doctitle", "Portfolio"))),
        PageMargins("", (("chapter", "2 Two"), ("doctitle", "Portfolio"))),
        PageMargins("", (("chapter", "3 Three"), ("doctitle", "Portfolio"))),
    ]
    made = margins_html("<html><body>", found)
    assert made.count("<div") == 4 and "page: cover" in made and made.count("break-before: page") == 3
    assert "chapter &#34;2 Two&#34;" in made
    css = body_stylesheet(stylesheet_text())
    assert "@page cover {" in css and "@bottom-right { content: none !important; }" in css


def fonts_used(data: bytes) -> set[str]:
    """The base names of the fonts drawn on any page (margins' forms included), subset tags dropped."""
    reader = PdfReader(io.BytesIO(data))
    found: set[str] = set()

    def walk(resources) -> None:
        """Fonts of these resources and of the forms they draw."""
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            found.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
        for form in (resources.get("/XObject") or {}).values():
            walk(form.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def test_chunks_print_emoji_with_the_shipped_emoji_font():
    """The shipped fonts (Noto Emoji for emoji) are used in chunks as in one pass."""
    html = small(30).replace("Paragraph 3 of", "Paragraph 3 \N{SLIGHTLY SMILING FACE} of")
    one = fonts_used(render_pdf(html, stamp=TODAY).data)
    many = fonts_used(chunked.render_chunked(html, stylesheet_text(), stamp=TODAY, chunk_bytes=1, processes=2)[0])
    assert any("Emoji" in name for name in one), one
    assert many == one


STARTED_IN_AN_APP = """
import sys
from datetime import date

from textual.app import App

from sendfolio.portfolio import chunked
from sendfolio.portfolio.weasy import stylesheet_text

HTML = sys.argv[1]


class Compiles(App):
    def on_mount(self) -> None:
        self.run_worker(self.compile, thread=True)

    def compile(self) -> None:
        try:
            data, pages = chunked.render_chunked(
                HTML, stylesheet_text(), stamp=date(2026, 11, 29), chunk_bytes=1, processes=2
            )
            self.call_from_thread(self.exit, f"{pages} pages {len(data)} bytes stderr fileno {sys.stderr.fileno()}")
        except Exception as error:
            self.call_from_thread(self.exit, f"failed: {error!r}")


if __name__ == "__main__":
    async def main():
        app = Compiles()
        async with app.run_test() as pilot:
            while app.return_value is None:
                await pilot.pause(0.2)
        print(app.return_value)

    import asyncio

    asyncio.run(main())
"""
"""A fresh process running a Textual app that compiles in chunks from a thread worker, as the TUI does."""


def test_a_chunked_compile_starts_its_workers_from_inside_a_textual_app(tmp_path):
    """Textual's captured standard error has no file number; the workers still start (it failed with
    "bad value(s) in fds_to_keep" when the app started the first chunked compile of its process)."""
    import subprocess
    import sys

    script = tmp_path / "compiles_in_an_app.py"
    script.write_text(STARTED_IN_AN_APP, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), small(30)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    said = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ pages \d+ bytes stderr fileno -1", said), said


def test_a_long_run_opening_with_page_numbers_is_cut_after_them():
    """A run cut anyway that opens with a summary printing page numbers is cut first after the summary,
    so that only the summary is laid out twice; the run after it is laid out once."""
    css = stylesheet_text()
    summary = (
        '<ul class="summary">'
        + "".join(f'<li><a class="pageref" href="#p{n}">Paragraph {n}</a></li>' for n in range(0, 400, 40))
        + "</ul>"
    )
    run = "".join(f'<p id="p{n}">Paragraph {n} of a long run of fictional text.</p>' for n in range(400))
    html = SMALL.replace("{paragraphs}", summary + run)
    cut = cutting.plan(html, css, chunk_bytes=2_000, run_bytes=8_000)
    classes = cutting.numbering_classes(css)
    assert {"pageref", "toc"} <= classes
    pieces = [chunk for chunk in cut.chunks if "Paragraph" in chunk]
    assert cutting.prints_numbers(pieces[0], classes) and 'id="p0"' not in pieces[0]
    assert pieces[1].startswith('<section class="chapter"><p id="p0" ' + cutting.FORCED_BREAK)
    assert not any(cutting.prints_numbers(piece, classes) for piece in pieces[1:])
    data, pages = chunked.render_chunked(html, css, stamp=TODAY, chunk_bytes=2_000, run_bytes=8_000, processes=2)
    reader = PdfReader(io.BytesIO(data))
    targets = {name: reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}
    text = reader.pages[1].extract_text()
    for n in range(40, 400, 40):
        assert re.search(rf"Paragraph {n}, p\.\s*{targets[f'p{n}']}\b", text), (n, text)
