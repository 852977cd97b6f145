"""Form 4 in the PPC's hands (issue 24, item 10): a fillable PDF out, stating the facts it certifies.

The PPC has only a PDF reader: the tests fill the real PDF with pypdf (appearances drawn by the
filler) and with pyHanko (values only, the viewer draws them), and look at the page with poppler.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from sendfolio.domain.form4_fields import (
    COMMENTS_FIELD,
    CONFIRMATIONS,
    DATE_FIELD,
    NAME_FIELD,
    REGISTER_FIELD,
    SIGNATURE_FIELD,
    confirm_field,
)
from sendfolio.domain.form_fields import REFERENCE_FIELD
from tests.portfolio.test_observer_forms import FOLIO_ID, invoke, make_demo

VERIFIED = {
    NAME_FIELD: "Dr Morgan Hale",
    REGISTER_FIELD: "College of Mediators PPC register, 0417",
    DATE_FIELD: "30/11/2026",
    COMMENTS_FIELD: "Observed the final case in person.\nA careful, reflective mediator.",
    **{confirm_field(key): "/on" for key in CONFIRMATIONS},
}
"""What the PPC fills in: their name, registration, the date, comments, and every statement confirmed."""


def fill_form4(source: Path, out: Path, values: dict[str, str]) -> Path:
    """Fill Form 4 as a PDF reader that draws the fields' appearances does (pypdf), and save it."""
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        if page.get("/Annots"):
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    writer.write(out)
    return out


def fill_values_only(source: Path, out: Path, values: dict[str, str]) -> Path:
    """Fill Form 4 as a program that sets values only and asks the viewer to draw them (pyHanko, incrementally)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(source.read_bytes()), strict=False)
    form = writer.root["/AcroForm"]
    for ref in form["/Fields"]:
        field = ref.get_object()
        name = str(field["/T"])
        if name not in values:
            continue
        if field.get("/FT") == "/Btn":
            field["/V"] = field["/AS"] = generic.NameObject("/on")
        else:
            field["/V"] = generic.TextStringObject(values[name])
            field.pop("/AP", None)
        writer.mark_update(ref)
    form["/NeedAppearances"] = generic.BooleanObject(True)
    writer.update_root()
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out


@pytest.fixture(scope="module")
def form4(tmp_path_factory):
    """The demo folio and its Form 4 for the PPC, made once through the CLI."""
    warnings.filterwarnings("ignore", module="pypdf")
    root = tmp_path_factory.mktemp("form4")
    folder = make_demo(root / "folio")
    result = invoke(folder, "forms", "--ppc", "-o", str(root / "FORM4.pdf"))
    assert result.exit_code == 0, result.output
    assert "Form 4 for the PPC, " in result.output
    return root, folder


def test_form4_states_the_facts_and_has_the_ppcs_fields(form4):
    """The facts as the portfolio's Form 4 states them, the statements to confirm, the PPC's fields and a
    signature field; the mediator's facts and the reference read-only; the instructions say what to do."""
    root, _ = form4
    reader = PdfReader(root / "FORM4.pdf")
    fields = reader.get_fields()
    assert fields[REFERENCE_FIELD]["/V"].startswith(f"SF4 folio:{FOLIO_ID} form:4 made:")
    assert reader.metadata["/Keywords"].endswith(fields[REFERENCE_FIELD]["/V"])
    for name in (REFERENCE_FIELD, "f4_mediator", "f4_made"):
        assert int(fields[name]["/Ff"]) & 1, name
    for name in (NAME_FIELD, REGISTER_FIELD, DATE_FIELD, COMMENTS_FIELD):
        assert fields[name]["/FT"] == "/Tx" and not int(fields[name].get("/Ff", 0)) & 1, name
    assert {fields[confirm_field(key)]["/FT"] for key in CONFIRMATIONS} == {"/Btn"}
    assert fields[SIGNATURE_FIELD]["/FT"] == "/Sig"
    assert fields["f4_mediator"]["/V"] == "Robin Fairweather" and fields[NAME_FIELD]["/V"] == "Dr Morgan Hale"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for words in (
        "Form 4: Accreditation form",
        "SM-DEMO-004 (final)",
        "14 h in 3 practice cases",
        "SEND mediation: law, context and practice",
        "I have observed Robin Fairweather at least once.",
        "I have played a specific role in mentoring Robin Fairweather.",
        "Sign in the signature box with a digital ID",
        "return the saved file to the mediator",
        "return the signed paper",
    ):
        assert words in text, words
    assert "Verified by a PPC" not in text  # the one thing the PPC's own return gives is not listed as missing


def test_form4_is_comfortable_and_defines_its_fonts(form4):
    """Tick boxes of at least 12 pt, a comments box of several lines, Helv and ZaDb in the form's resources."""
    root, _ = form4
    reader = PdfReader(root / "FORM4.pdf")
    assert {"/Helv", "/ZaDb"} <= set(reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"])
    widgets = {str(a.get_object()["/T"]): a.get_object() for page in reader.pages for a in page.get("/Annots") or ()}

    def size(name: str, index: int) -> float:
        box = [float(value) for value in widgets[name]["/Rect"]]
        return abs(box[index + 2] - box[index])

    assert min(size(confirm_field(key), 0) for key in CONFIRMATIONS) >= 12
    assert size(COMMENTS_FIELD, 1) >= 4 * 9 * 1.2
    assert widgets[confirm_field("observed")]["/DA"] == "/ZaDb 0 Tf 0 g"


def dark_pixels(pdf: Path, page: int, box: list[float], out: Path) -> int:
    """How many dark pixels poppler draws inside `box` (PDF points) of page `page` (1-based), at 72 dpi."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", str(page), "-l", str(page), str(pdf), str(out)], check=True)
    (png,) = out.parent.glob(out.name + "*.png")
    with Image.open(png) as image:
        height = image.height
        x0, x1 = sorted(box[0::2])
        y0, y1 = sorted(box[1::2])
        crop = image.convert("L").crop((int(x0) + 2, int(height - y1) + 2, int(x1) - 2, int(height - y0) - 2))
        return sum(crop.histogram()[:100])


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
@pytest.mark.parametrize("filler", [fill_form4, fill_values_only])
def test_a_ppcs_fill_shows_in_poppler(form4, tmp_path, filler):
    """Filled by a program that draws appearances and by one that sets values only: poppler shows the values."""
    root, _ = form4
    filled = filler(root / "FORM4.pdf", tmp_path / "filled.pdf", VERIFIED)
    reader = PdfReader(filled)
    assert reader.get_fields()[NAME_FIELD]["/V"] == "Dr Morgan Hale"
    names = [{str(a.get_object()["/T"]): a.get_object() for a in page.get("/Annots") or ()} for page in reader.pages]
    page, widgets = next((number, found) for number, found in enumerate(names, 1) if COMMENTS_FIELD in found)
    for name in (COMMENTS_FIELD, DATE_FIELD, confirm_field("mentored")):
        box = [float(value) for value in widgets[name]["/Rect"]]
        blank = dark_pixels(root / "FORM4.pdf", page, box, tmp_path / f"blank-{name}")
        shown = dark_pixels(filled, page, box, tmp_path / f"filled-{name}")
        assert shown > blank + 10, name
