"""The observer's comment boxes (issue 24, item 7): two full lines of a comment show, even when the first wraps.

The form is made through the CLI, filled as a PDF reader fills it (values only, the viewer draws
them) and drawn by poppler (`pdftoppm`), as an observer's viewer would show it.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from sendfolio.domain.form_fields import note_field
from tests.helpers.folios import demo_case_forms
from tests.portfolio.test_observer_forms import CASE, fill, invoke, make_demo

TWO_LINES = (
    "Summarised the whole issue in turn and checked it back with both sides before we moved on\n"
    "Second line: invited each side to comment"
)
"""A comment of two lines whose first wraps in the box: three rows of text to show (no letter reaches below
the line, so the rows stand apart on the page)."""

DPI = 144
"""The resolution the page is drawn at."""


def test_every_comment_box_holds_three_rows_of_nine_point_text(tmp_path_factory):
    """Every comment field is tall enough for two lines of comment, the first wrapping (three rows at 9 pt)."""
    reader = PdfReader(demo_case_forms(tmp_path_factory))  # the case's forms, made once per run
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots") or ()]
    heights = [
        abs(float(w["/Rect"][3]) - float(w["/Rect"][1])) for w in widgets if str(w.get("/T", "")).startswith("note_")
    ]
    assert heights and min(heights) >= 3 * 9 * 1.2


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_a_two_line_comment_shows_whole_in_poppler(tmp_path):
    """Filled by a reader that sets values only, the comment is drawn in three rows, none cut by the box's edge."""
    folder = make_demo(tmp_path / "folio")
    assert invoke(folder, "forms", "--case", CASE, "--form", "1", "-o", str(tmp_path / "case.pdf")).exit_code == 0
    name = note_field("f1.pm.initial-contact")
    filled = fill(tmp_path / "case.pdf", tmp_path / "filled.pdf", {"f1_observer": "Alex Rowan", name: TWO_LINES})
    reader = PdfReader(filled)
    (index, widget), *_ = [
        (number, a.get_object())
        for number, page in enumerate(reader.pages)
        for a in page.get("/Annots") or ()
        if a.get_object().get("/T") == name
    ]
    page_height = float(reader.pages[index].mediabox.height)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", str(index + 1), "-l", str(index + 1), "-singlefile", filled,
         tmp_path / "page"],
        check=True,
    )  # fmt: skip
    image = Image.open(tmp_path / "page.png").convert("L")
    scale = DPI / 72
    xs, ys = sorted(float(v) for v in widget["/Rect"][::2]), sorted(float(v) for v in widget["/Rect"][1::2])
    (left, right), (bottom, top) = xs, ys
    inset = 3  # inside the box's border
    box = image.crop(
        (
            round(left * scale) + inset,
            round((page_height - top) * scale) + inset,
            round(right * scale) - inset,
            round((page_height - bottom) * scale) - inset,
        )
    )
    inked = [any(box.getpixel((x, y)) < 128 for x in range(box.width)) for y in range(box.height)]
    rows = sum(1 for y, ink in enumerate(inked) if ink and (y == 0 or not inked[y - 1]))
    assert rows == 3, f"{rows} rows of text drawn"
    assert not inked[-1], "the last row of text is cut by the box's lower edge"


def test_the_instructions_say_to_send_back_the_saved_file_or_the_signed_paper(tmp_path_factory):
    """The form's own instructions name both ways back: the saved file, or the signed paper."""
    forms = demo_case_forms(tmp_path_factory)  # the case's forms, made once per run
    text = " ".join((PdfReader(forms).pages[0].extract_text() or "").split())
    assert "send back the saved file" in text and "then send back the signed paper" in text
