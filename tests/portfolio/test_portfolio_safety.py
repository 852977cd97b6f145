"""The PDF fetches nothing and embeds nothing that the records smuggle in.

A local listener counts connections; a canary file holds text that must never reach
a PDF. Hostile reflections go through the whole pipeline (markdown → HTML → PDF);
hostile raw HTML goes straight to WeasyPrint, so the URL fetcher itself is tested as
the boundary, not only the Markdown renderer in front of it.
"""

from __future__ import annotations

import socket
import threading
from datetime import date

import pytest
from pypdf import PdfReader

from sendfolio.domain.records import FolioData, Profile, Reflection
from sendfolio.paths import style_path
from sendfolio.portfolio.pdf import render_pdf
from sendfolio.portfolio.weasy import RefusedURL, make_fetcher

CANARY = "CANARY-7f3a-do-not-embed"
"""Text in the canary file; it must appear in no PDF."""


class Listener:
    """A TCP listener on 127.0.0.1 that counts every connection made to it."""

    def __init__(self) -> None:
        """Listen on a free port and count connections in a background thread."""
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        """Accept, count and close connections until stopped."""
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def stop(self) -> None:
        """Stop listening."""
        self.running = False
        self.thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener():
    """A connection-counting listener, stopped after the test."""
    found = Listener()
    yield found
    found.stop()


@pytest.fixture
def canary(tmp_path):
    """A local file whose text must never be embedded."""
    path = tmp_path / "canary.txt"
    path.write_text(CANARY)
    return path


def hostile_markdown(port: int, canary_uri: str) -> str:
    """A reflection body trying every way in: raw HTML, images, attachments, stylesheets."""
    return "\n\n".join(
        [
            f'<img src="http://127.0.0.1:{port}/raw.png">',
            f"![remote](http://127.0.0.1:{port}/md.png)",
            f"![local]({canary_uri})",
            f'<link rel="attachment" href="{canary_uri}">',
            f'<a rel="attachment" href="{canary_uri}">attach</a>',
            f"<style>@import url(http://127.0.0.1:{port}/x.css);</style>",
            f"[a link]({canary_uri})",
        ]
    )


def hostile_html(port: int, canary_uri: str) -> str:
    """Raw HTML with remote and local resources of every kind WeasyPrint would fetch."""
    return f"""<!DOCTYPE html><html lang="en-GB"><head><title>t</title>
<link rel="attachment" href="{canary_uri}" title="canary">
<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css">
<style>@font-face {{ font-family: X; src: url(http://127.0.0.1:{port}/f.ttf); }}
body {{ background: url(http://127.0.0.1:{port}/bg.png); font-family: X; }}</style></head>
<body><p>Text</p><img src="http://127.0.0.1:{port}/i.png"><img src="{canary_uri}">
<object data="{canary_uri}"></object><embed src="{canary_uri}">
<a rel="attachment" href="{canary_uri}">attach</a>
<svg><image href="http://127.0.0.1:{port}/svg.png" width="10" height="10"/></svg></body></html>"""


def assert_nothing_embedded(pdf_bytes: bytes, path) -> None:
    """No embedded files, no file attachment annotations, and no canary text in the PDF."""
    path.write_bytes(pdf_bytes)
    reader = PdfReader(path)
    names = reader.trailer["/Root"].get("/Names", {})
    assert "/EmbeddedFiles" not in names
    assert not list(reader.attachments)
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"
        assert CANARY not in page.extract_text()
    assert CANARY.encode() not in pdf_bytes


def test_hostile_reflection_fetches_and_embeds_nothing(listener, canary, tmp_path):
    """A reflection full of remote and local resources: zero connections, canary absent."""
    from sendfolio.portfolio import compile_portfolio
    from sendfolio.privacy.gate import release_records

    body = hostile_markdown(listener.port, canary.as_uri())
    data = FolioData(
        profile=Profile.from_dict({"name": "Alex Example", "membership_body": "CMC"}),
        reflections=(Reflection.from_dict({"date": "2026-03-01", "hours": "1", "title": "Hostile", "body": body}),),
    )
    out = tmp_path / "hostile.pdf"
    compile_portfolio(release_records(data), out, as_of=date(2026, 3, 2))
    assert listener.connections == 0
    assert_nothing_embedded(out.read_bytes(), tmp_path / "check.pdf")


def test_fetcher_is_the_boundary_for_raw_html(listener, canary, tmp_path):
    """Raw HTML straight to WeasyPrint: the fetcher refuses http and local files; nothing gets in."""
    rendered = render_pdf(hostile_html(listener.port, canary.as_uri()), stamp=date(2026, 1, 1))
    assert listener.connections == 0
    assert_nothing_embedded(rendered.data, tmp_path / "raw.pdf")


def test_fetcher_serves_only_data_and_our_own_files(canary, tmp_path):
    """data: URLs and the package's stylesheet are served; everything else is refused."""
    fetcher = make_fetcher()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    assert b"@page" in fetcher.fetch(style_path("portfolio.css").as_uri()).read()
    refused = [
        canary.as_uri(),
        "file:///etc/passwd",
        "http://127.0.0.1:1/x",
        "https://example.org/x",
        "ftp://127.0.0.1/x",
        "file://otherhost/etc/passwd",
        style_path("portfolio.css").as_uri().replace("portfolio.css", "../pyproject.toml"),
    ]
    for url in refused:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_symlink_into_styles_is_refused(tmp_path, canary):
    """A link named like a stylesheet but pointing elsewhere is judged by where it leads."""
    link = tmp_path / "portfolio.css"
    link.symlink_to(canary)
    with pytest.raises(RefusedURL):
        make_fetcher().fetch(link.as_uri())
