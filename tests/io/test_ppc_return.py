"""The PPC's Form 4 back from the PPC (issue 24, item 10): the verification from their own hand.

The PPC fills the real Form 4 with pypdf as a reader does, signs it with a digital ID made at run
time (nothing real), and the return goes in through the real CLI into a real folio.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from sendfolio import rules
from sendfolio.domain.form4_fields import CONFIRMATIONS, DATE_FIELD, NAME_FIELD, confirm_field
from sendfolio.domain.wording import long_date
from sendfolio.store import Folio
from tests.helpers.folios import demo_part
from tests.helpers.signing import sign_pdf
from tests.portfolio.test_observer_forms import invoke, make_demo, refused
from tests.portfolio.test_ppc_form import VERIFIED, fill_form4

YESTERDAY = date.today() - timedelta(days=1)
"""The day the PPC verified: after the demo's cases, never after today."""

FILLED = {**VERIFIED, DATE_FIELD: YESTERDAY.strftime("%d/%m/%Y")}
"""Form 4 as the PPC completes it."""


@pytest.fixture(scope="module")
def form4(tmp_path_factory):
    """The demo's Form 4 for the PPC, filled in, and the same signed by the PPC."""
    root = tmp_path_factory.mktemp("ppc")
    folder = make_demo(root / "folio")
    assert invoke(folder, "forms", "--ppc", "-o", str(root / "FORM4.pdf")).exit_code == 0
    filled = fill_form4(root / "FORM4.pdf", root / "filled.pdf", FILLED)
    signed = sign_pdf(filled, root / "signed.pdf", "Dr Morgan Hale", "f4_signature")
    return root, filled, signed


def verification_met(folder: Path) -> rules.Requirement:
    """The ppc.verification requirement as the rules judge the folio today."""
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    return rules.accreditation(data, date.today()).requirement("ppc.verification")


def test_a_signed_form4_is_imported_kept_and_meets_the_verification(form4, tmp_path):
    """Signed with a generated digital ID: checked, kept byte for byte, and the verification is the PPC's own."""
    _, _, signed = form4
    folder = make_demo(tmp_path / "folio")
    assert not verification_met(folder).met
    result = invoke(folder, "import", str(signed))
    assert result.exit_code == 0, result.output
    assert "digitally signed by Dr Morgan Hale (a self-signed digital ID)" in result.output
    assert "5 of 5 statements confirmed" in result.output and "the PPC's verification: 1 added" in result.output
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
        found = data.verification
        (kept,) = [item for item in folio.attachments() if item.id == found.attachment]
        raw = folio.attachment_bytes(kept)
    assert raw == signed.read_bytes() and found.sha256 == hashlib.sha256(raw).hexdigest() == kept.sha256
    assert (found.name, found.date, found.role, found.how) == ("Dr Morgan Hale", YESTERDAY, "PPC", "signed")
    assert found.register == "College of Mediators PPC register, 0417" and found.imported == date.today()
    assert set(found.confirmed) == set(CONFIRMATIONS) and "A careful, reflective mediator." in found.statement
    assert found.how_words.startswith("digitally signed by Dr Morgan Hale") and kept.evidence_for == "verification"
    requirement = verification_met(folder)
    assert requirement.met and "on the Form 4 the PPC returned (digitally signed)" in requirement.have
    report = json.loads(invoke(folder, "check", "--json").output)
    (rule,) = [item for item in report["accreditation"]["requirements"] if item["id"] == "ppc.verification"]
    assert rule["met"] is True
    again = invoke(folder, "import", str(signed))
    assert again.exit_code == 0 and "already imported" in again.output


@pytest.mark.parametrize("how", ["bytes changed", "field filled in after signing"])
def test_a_form4_altered_after_signing_is_refused(form4, tmp_path, how):
    """A signed Form 4 changed afterwards: one line, the folio byte-identical."""
    from pypdf import PdfWriter

    _, _, signed = form4
    raw = signed.read_bytes()
    altered = tmp_path / "altered.pdf"
    if how == "bytes changed":
        assert raw.count(b"(Dr Morgan Hale)") >= 1
        altered.write_bytes(raw.replace(b"(Dr Morgan Hale)", b"(Dr Morgan Hall)", 1))
    else:
        writer = PdfWriter(signed, incremental=True)
        writer.update_page_form_field_values(None, {NAME_FIELD: "Someone Else"}, auto_regenerate=False)
        writer.write(altered)
    assert "was changed after it was signed" in refused(make_demo(tmp_path / "folio"), altered)


def test_an_unsigned_form4_is_accepted_and_worded_so(form4, tmp_path):
    """Not signed: still the PPC's return, said to be not signed, imported on today's date."""
    _, filled, _ = form4
    folder = make_demo(tmp_path / "folio")
    result = invoke(folder, "import", str(filled))
    assert result.exit_code == 0 and f"{filled}: not signed" in result.output
    with Folio.open(folder, readonly=True) as folio:
        found = folio.data().verification
    assert found.how == "unsigned"
    assert found.how_words == f"returned electronically, not signed, imported on {long_date(date.today())}"
    assert verification_met(folder).met


def test_a_statement_left_unticked_is_kept_and_the_verification_not_met(form4, tmp_path):
    """The PPC did not confirm one statement: imported with a warning, and the requirement says what is missing."""
    root, _, _ = form4
    partial = fill_form4(root / "FORM4.pdf", tmp_path / "partial.pdf", {**FILLED, confirm_field("mentored"): "/Off"})
    folder = make_demo(tmp_path / "folio")
    result = invoke(folder, "import", str(partial))
    assert result.exit_code == 0 and "4 of 5 statements confirmed" in result.output
    requirement = verification_met(folder)
    assert not requirement.met and "does not confirm having mentored the mediator" in requirement.detail


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({NAME_FIELD: "Robin Fairweather"}, "Form 4 names the mediator (Robin Fairweather) as the PPC"),
        ({DATE_FIELD: "01/01/2099"}, "Form 4, date: 1 January 2099 is after today"),
        ({DATE_FIELD: ""}, "Form 4 has no date"),
        ({NAME_FIELD: ""}, "Form 4 has no PPC's name"),
    ],
)
def test_an_implausible_form4_is_refused_and_the_folio_unchanged(form4, tmp_path, changes, says):
    """The mediator named as the PPC, a date after today, no date or no name: one line, the folio byte-identical."""
    root, _, _ = form4
    bad = fill_form4(root / "FORM4.pdf", tmp_path / "bad.pdf", {**FILLED, **changes})
    assert says in refused(make_demo(tmp_path / "folio"), bad)


def test_a_form4_signed_by_the_mediator_or_for_another_folio_is_refused(form4, tmp_path):
    """Signed with the mediator's own digital ID, or made by another folio: refused, the folio byte-identical."""
    _, filled, _ = form4
    own = sign_pdf(filled, tmp_path / "own.pdf", "Robin Fairweather", "f4_signature")
    assert "names the mediator (Robin Fairweather) as its signer" in refused(make_demo(tmp_path / "one"), own)
    other = make_demo(tmp_path / "other", form_id="fedcba9876543210")
    assert "was made for another folio" in refused(other, filled)
    someone = sign_pdf(filled, tmp_path / "someone.pdf", "Sam Ortega", "f4_signature")
    result = invoke(make_demo(tmp_path / "two"), "import", str(someone))
    assert result.exit_code == 0 and "signed by Sam Ortega, not by the PPC it names (Dr Morgan Hale)" in result.output


def test_a_flattened_form4_goes_down_the_paper_route(form4, tmp_path):
    """A Form 4 whose fields are gone (printed to PDF, flattened): attach it as the PPC's signed Form 4."""
    from pypdf import PdfReader, PdfWriter

    _, filled, _ = form4
    writer = PdfWriter(clone_from=PdfReader(filled))
    writer.remove_annotations(subtypes="/Widget")
    del writer.root_object["/AcroForm"]
    flat = tmp_path / "flat.pdf"
    writer.write(flat)
    folder = demo_part(tmp_path / "folio", keep=["ppc_contact"])
    line = refused(folder, flat)
    assert '`sendfolio attach FILE --for verification --title "Form 4 signed by the PPC"`' in line
    attached = invoke(folder, "attach", str(flat), "--for", "verification", "--title", "Form 4 signed by the PPC")
    assert attached.exit_code == 0, attached.output
    with Folio.open(folder) as folio:
        from sendfolio.domain.records import Verification

        folio.put(Verification.from_dict({"name": "Dr Morgan Hale", "register": "COM", "date": YESTERDAY}))
    (page,) = [
        text
        for text in portfolio_pages(folder, tmp_path / "p.pdf")
        if "Verification by the Professional Practice Consultant Verified by" in text
    ]
    assert "Transcribed by the mediator from the Form 4 signed by the Professional Practice Consultant" in page
    assert "Attached: A" in page and "Form 4 signed by the PPC" in page


def portfolio_pages(folder: Path, out: Path) -> list[str]:
    """Compile the folio's portfolio and read back each page's words."""
    from pypdf import PdfReader

    result = invoke(folder, "portfolio", "-o", str(out))
    assert result.exit_code == 0, result.output
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages]


@pytest.mark.parametrize("signed", [True, False])
def test_the_portfolios_form4_shows_the_ppcs_return_and_appends_their_pages(form4, tmp_path, signed):
    """Who verified, when, how it came in, what they confirmed, their comments, and their own pages appended;
    no software words, rule ids or "you" on the verification pages."""
    _, filled, signed_file = form4
    folder = demo_part(tmp_path / "folio", keep=["ppc_contact"])
    assert invoke(folder, "import", str(signed_file if signed else filled)).exit_code == 0
    pages = portfolio_pages(folder, tmp_path / "portfolio.pdf")
    (page,) = [text for text in pages if "Verification by the Professional Practice Consultant Verified by" in text]
    how = (
        "digitally signed by Dr Morgan Hale (a self-signed digital ID)"
        if signed
        else f"returned electronically, not signed, imported on {long_date(date.today())}"
    )
    assert f"How it came in On the Form 4 returned by Dr Morgan Hale: {how}" in page
    assert ("unchanged since signing" in page) == signed
    assert "I have observed Robin Fairweather at least once." in page and "A careful, reflective mediator." in page
    assert "Attached: A" in page and "Form 4 as returned by Dr Morgan Hale" in page
    for word in ("sendfolio", "ppc.verification", " you ", "Recorded by the mediator"):
        assert word not in page, word
    copies = [text for text in pages if "Form 4 as returned by Dr Morgan Hale, page " in text]
    assert any("Verification by the Professional Practice Consultant Confirmed" in text for text in copies)
    (first,) = [text for text in pages if "Form 4 as returned by Dr Morgan Hale Evidence for" in text]
    assert how in first and "Verification by the PPC (Form 4)" in first


def test_a_verification_the_mediator_typed_says_so(tmp_path):
    """Without a return from the PPC, the portfolio says the verification was recorded by the mediator."""
    folder = demo_part(tmp_path / "folio", keep=["ppc_contact"])
    with Folio.open(folder) as folio:
        from sendfolio.domain.records import Verification

        folio.put(Verification.from_dict({"name": "Dr Morgan Hale", "register": "COM", "date": YESTERDAY}))
    (page,) = [
        text
        for text in portfolio_pages(folder, tmp_path / "p.pdf")
        if "Verification by the Professional Practice Consultant Verified by" in text
    ]
    assert "Recorded by the mediator; no Form 4 returned by the Professional Practice Consultant" in page
