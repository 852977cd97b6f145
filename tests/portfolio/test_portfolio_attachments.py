"""The portfolio's learning plan section and its appendix of attached documents, read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from sendfolio.domain.records import LearningNeed
from sendfolio.portfolio.api import compile_portfolio
from sendfolio.portfolio.model import build_portfolio
from sendfolio.samples.certificate import certificate_pdf
from sendfolio.store import Folio
from tests.helpers.folios import demo_part

TODAY = date(2026, 11, 29)


def test_the_demo_plan_traces_each_need_and_lists_the_certificates(demo_folio):
    data = demo_folio.data()
    document = build_portfolio(data, TODAY)
    plan = document.learning_plan
    assert plan.met == 6 and plan.open == 1 and plan.overdue == 0
    by_need = {item.need.need: item for item in plan.items}
    summarising = by_need["Summarising sooner when emotions run high"]
    assert summarising.raised_by.words.startswith("De-brief of case SM-DEMO-002")
    assert summarising.raised_by.anchor == "case-sm-demo-002"
    assert [link.words.split(":")[0] for link in summarising.met_by] == ["CPD", "Reflection"]
    assert all(link.anchor for link in summarising.met_by)
    reading = by_need["How phased transitions are written into an EHC plan"]
    assert "chapter 9" in reading.met_by[0].words
    assert [view.label for view in document.attachments] == [
        "A1",
        "A2",
        "A3",
        "A4",
        "A5",
    ]  # the final case's two returns too
    from sendfolio.io.attachments import check_content

    for item in data.attachments:  # the demo's generated files pass the same checks as a mediator's
        checked = check_content(item.title, demo_folio.attachment_bytes(item))
        assert (checked.file_type, checked.pages) == (item.file_type, item.pages)
    links = {row.requirement.id: [link.label for link in row.links] for row in document.index}
    assert "A3: Membership record" in links["membership.body"]  # after the final case's two returns (A1, A2)
    assert "A4: Foundation course certificate" in links["foundation.hours"]
    assert "A5: SEND training certificate and module record" in links["send-training.hours"]


def test_an_overdue_need_is_counted(demo_folio):
    demo_folio.put(
        LearningNeed.from_dict({"need": "Reading on tribunals", "action": "Read the guide", "due": "2026-01-01"})
    )
    plan = build_portfolio(demo_folio.data(), TODAY).learning_plan
    assert plan.overdue == 1
    assert next(item for item in plan.items if item.need.need == "Reading on tribunals").overdue


def page_texts(pdf: bytes) -> list[str]:
    """The text of every page, white space collapsed."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def certificates_folio(tmp_path):
    """The demo's records the appendix and the learning plan print: training with its certificates, the
    membership record, CPD, the learning plan and the case whose de-brief raised a need; closed after the test."""
    folder = demo_part(
        tmp_path / "folio", cases=["SM-DEMO-002"], keep=["training", "attachments", "cpd", "learning_plan"]
    )
    with Folio.open(folder) as folio:
        yield folio


def test_a_three_page_certificate_is_three_pages_of_the_portfolio(certificates_folio, tmp_path):
    """The demo's three-page SEND certificate, an extra three-page PDF and a PNG, each page in place."""
    from PIL import Image

    demo_folio = certificates_folio

    extra = certificate_pdf([[(f"Refresher record sheet {n} of 3 ZEBRA", 14, "title")] for n in (1, 2, 3)])
    from sendfolio.io.attachments import check_content

    checked = check_content("refresher.pdf", extra)
    demo_folio.attach(checked.record("insurance", "Insurance schedule", TODAY), checked.content)
    picture = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(picture, "PNG")
    image = check_content("card.png", picture.getvalue())
    cpd = demo_folio.cpd()[-1]  # within the practice period the portfolio covers
    badge = demo_folio.attach(image.record(f"cpd:{cpd.id}", "Conference badge", TODAY), image.content)
    from sendfolio.privacy.check import ignore, open_findings
    from sendfolio.privacy.gate import release

    for finding in open_findings(demo_folio):  # an image has no text to check: the mediator looked and confirms it
        if finding.record == badge.id:
            ignore(demo_folio, finding.id)

    out = tmp_path / "portfolio.pdf"
    result = compile_portfolio(release(demo_folio, attachments=True), out, as_of=TODAY)
    pdf = out.read_bytes()
    texts = page_texts(pdf)
    assert result.pages == len(texts)

    sheets = [index for index, text in enumerate(texts) if "ZEBRA" in text]
    assert len(sheets) == 3 and sheets == list(range(sheets[0], sheets[0] + 3))
    assert [f"Refresher record sheet {n} of 3" in texts[sheets[n - 1]] for n in (1, 2, 3)] == [True] * 3
    assert "Insurance schedule" in texts[sheets[0]]  # the document's heading on its first page
    assert f"page {sheets[0] + 1} of {len(texts)}" in texts[sheets[0]]  # page numbers stay right

    send = [index for index, text in enumerate(texts) if "Record of modules" in text or "Record of assessment" in text]
    assert len(send) == 2 and send[1] == send[0] + 1
    assert "Certificate of completion" in texts[send[0] - 1]

    badge = next(
        index for index, text in enumerate(texts) if ": Conference badge" in text and "copy of the document" in text
    )
    page = PdfReader(io.BytesIO(pdf)).pages[badge]
    assert page["/Resources"]["/XObject"]  # the image is drawn on its page

    plan = next(text for text in texts if "Learning needs and how they were met" in text and "Raised in" in text)
    assert "De-brief of case SM-DEMO-002" in plan and "Role play: summarising" in plan

    beside = [index for index, text in enumerate(texts) if re.search(r"Attached: A\d+: Conference badge", text)]
    assert beside and beside[0] < badge  # listed beside its CPD entry, before the appendix

    appendix = next(text for text in texts if "Appendix: attached documents" in text and "Evidence for" in text)
    for title in ("Membership record", "Foundation course certificate", "Insurance schedule", "Conference badge"):
        assert title in appendix


def test_pages_are_found_by_heading_when_the_pdf_has_no_named_destinations():
    """A main PDF joined from pieces may lose its named destinations: the heading text still finds the pages."""
    from sendfolio.portfolio.appendix import Insert, insert_attachments

    main = certificate_pdf(
        [
            [("Appendix: attached documents", 14, "title")],
            [("A1: Course certificate", 12, "small")],
            [("A1: Course certificate, page 2 of 2", 10, "small")],
            [("Last page", 10, "small")],
        ]
    )
    assert not PdfReader(io.BytesIO(main)).named_destinations
    document = certificate_pdf([[("GIRAFFE one", 20, "title")], [("GIRAFFE two", 20, "title")]])
    joined, pages = insert_attachments(main, [Insert("attachment-a1", "A1: Course certificate", "pdf", document)])
    texts = page_texts(joined)
    assert pages == 4
    assert "GIRAFFE one" in texts[1] and "GIRAFFE two" in texts[2]
    assert "GIRAFFE" not in texts[0] + texts[3]
    drawn = PdfReader(io.BytesIO(joined)).pages[1].get_contents().get_data()
    assert drawn.startswith(b"/Artifact BMC q ") and b"Do Q EMC" in drawn  # under the page, marked as an artifact
