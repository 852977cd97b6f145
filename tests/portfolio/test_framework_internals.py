"""The framework internals sendfolio relies on are still there and still behave as it reads them.

Every use of WeasyPrint's, pypdf's and the standard library's private parts is in one module each (`portfolio/weasy.py`,
`pypdf_internals.py`, `stdlib_internals.py`, listed in their `RELIES_ON`). When an upgrade moves one, these tests fail
with a message naming what changed and where to look, instead of a compile failing later.
"""

from __future__ import annotations

import concurrent.futures
import io
import multiprocessing
import multiprocessing.process
import os
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ByteStringObject, DecodedStreamObject, IndirectObject, TextStringObject

from sendfolio import pypdf_internals, stdlib_internals
from sendfolio.portfolio import weasy

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
"""The project file holding the pins."""


def pinned(name: str) -> str:
    """The version `pyproject.toml` pins `name` to (`name==X` among the dependencies)."""
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    found = [item.split("==", 1)[1] for item in dependencies if item.split("==", 1)[0].strip() == name]
    assert found, f"{name} is not pinned with == in pyproject.toml"
    return found[0]


@contextmanager
def relied_on(library: str, what: str) -> Iterator[None]:
    """Turn a missing or changed internal into one failure naming it and the module that uses it."""
    try:
        yield
    except (AttributeError, ImportError, TypeError, ValueError, KeyError, IndexError) as error:
        pytest.fail(
            f"{library} {version(library)} changed what sendfolio relies on ({what}): "
            f"{type(error).__name__}: {error}. See RELIES_ON in the module that uses it.",
            pytrace=False,
        )


def test_weasyprint_and_pydyf_are_the_pinned_versions():
    """The installed WeasyPrint is the one the compile is built with, and the one pinned."""
    assert pinned("weasyprint") == weasy.WEASYPRINT_VERSION, "weasy.WEASYPRINT_VERSION and the pin disagree"
    assert version("weasyprint") == pinned("weasyprint"), (
        f"WeasyPrint {version('weasyprint')} is installed, the compile is built with {pinned('weasyprint')}: "
        "reinstall with pip install -e ."
    )
    assert version("pydyf") == pinned("pydyf")


HTML = """<html><head><style>
@page chapter { size: A5; }
h1 { page: chapter; string-set: head content(text); }
a::after { content: " p. " attr(data-page); }
</style></head><body>
<h1>First part</h1><h2>A section</h2><h4>Deeper, a level skipped</h4>
<p><a href="#there" data-page="42">see</a></p>
<h1 id="there" style="break-before: page">Second part</h1><p>Plain text.</p>
</body></html>"""
"""Two named pages: running-head strings, a link printing its page number, headings skipping a level."""


@pytest.fixture(scope="module")
def pages() -> list[Any]:
    """The laid-out pages of `HTML`, through the safe fetcher."""
    from weasyprint import HTML as Document

    with relied_on("weasyprint", "HTML(...).render().pages"):
        return list(Document(string=HTML, url_fetcher=weasy.make_fetcher()).render().pages)


def test_weasyprint_named_pages_and_strings(pages):
    """The page's root box names its CSS named page; its boxes hold the strings set and the page numbers shown."""
    assert len(pages) == 2
    with relied_on("weasyprint", "Page._page_box.page_type.name"):
        assert [weasy.named_page(page) for page in pages] == ["chapter", "chapter"]
    with relied_on("weasyprint", "Page._page_box.descendants(), Box.string_set, TextBox.element_tag/element/text"):
        first, second = (weasy.page_strings(page, "data-page") for page in pages)
    assert first == ([("head", "First part")], True)
    assert second == ([("head", "Second part")], False)


def test_weasyprint_outline_rule(pages):
    """WeasyPrint's outline builder nests the headings as one pass would, a skipped level kept apart."""
    marks = [(number, page.height, page.bookmarks) for number, page in enumerate(pages)]
    with relied_on("weasyprint", "anchors.make_page_bookmark_tree, matrix.Matrix"):
        tree = weasy.outline(marks)

    def shape(nodes: list[Any]) -> list[Any]:
        """Labels, pages and children: what the joined PDF's outline shows."""
        return [(label, place[0], shape(children)) for label, place, children, _ in nodes]

    assert shape(tree) == [
        ("First part", 0, [("A section", 0, [("Deeper, a level skipped", 0, [])])]),
        ("Second part", 1, []),
    ]
    label, (_, x, y), _, state = tree[0]
    assert state == "open" and 0 <= x < 420 and 0 < y <= 596  # points on an A5 page, y up from the bottom


def test_pypdf_writer_internals(tmp_path):
    """pypdf's writer still adds a free-standing object and writes the identifier it is given."""
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    stream = DecodedStreamObject()
    stream.set_data(b"q Q")
    with relied_on("pypdf", "PdfWriter._add_object"):
        reference = pypdf_internals.add_object(writer, stream)
    assert isinstance(reference, IndirectObject) and reference.get_object() is stream
    identifier = ByteStringObject(b"0123456789abcdef0123456789abcdef")
    with relied_on("pypdf", "PdfWriter._ID"):
        pypdf_internals.set_file_identifier(writer, identifier)
    out = io.BytesIO()
    writer.write(out)
    written = PdfReader(io.BytesIO(out.getvalue())).trailer["/ID"]
    assert [part.original_bytes if isinstance(part, TextStringObject) else bytes(part) for part in written] == [
        bytes(identifier)
    ] * 2


def test_stdlib_pool_processes():
    """A process pool still keeps its running workers where a cancelled compile reads them, and forgets them on shutdown."""
    executor = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        assert executor.submit(os.getpid).result(timeout=60) > 0
        with relied_on_python("ProcessPoolExecutor._processes"):
            assert isinstance(executor._processes, dict), "ProcessPoolExecutor._processes is no longer a dict"
        running = stdlib_internals.pool_processes(executor)
        assert len(running) == 1 and isinstance(running[0], multiprocessing.process.BaseProcess)
        assert running[0].is_alive()
    finally:
        executor.shutdown(wait=True)
    assert stdlib_internals.pool_processes(executor) == []


@contextmanager
def relied_on_python(what: str) -> Iterator[None]:
    """Turn a missing standard-library internal into one failure naming it and the module that uses it."""
    try:
        yield
    except AttributeError as error:
        pytest.fail(
            f"Python {sys.version.split()[0]} changed what sendfolio relies on ({what}): {error}. "
            "See RELIES_ON in sendfolio/stdlib_internals.py.",
            pytrace=False,
        )


@pytest.mark.parametrize(
    "module", [weasy, pypdf_internals, stdlib_internals], ids=["weasyprint", "pypdf", "standard library"]
)
def test_every_internal_is_listed(module):
    """Each guarded module says what it relies on, and is the only one of the package using those names."""
    assert module.RELIES_ON and all(isinstance(item, str) and len(item) > 40 for item in module.RELIES_ON)
    private = {
        weasy: ("_page_box", "make_page_bookmark_tree"),
        pypdf_internals: ("._add_object", "._ID", "._root_object"),
        stdlib_internals: ('"_processes"', "._processes"),
    }[module]
    package = Path(weasy.__file__).resolve().parents[1]
    users = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if any(name in path.read_text(encoding="utf-8") for name in private)
        and path.resolve() != Path(module.__file__).resolve()
    )
    assert users == [], f"private API used outside {module.__name__}: {users}"
