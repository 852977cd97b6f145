"""Real portfolio PDFs, compiled through the CLI and read back with pypdf.

Compiles are few: the demo's draft portfolio once per run (shared with the assessor's tests,
tests/portfolio/conftest.py) and once more here for the byte-identity check, the completed demo's
portfolio once per run as PDF/UA (shared with the assessor's Form 4 test), and the two small packs.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendfolio import rules
from sendfolio.cli import main
from sendfolio.portfolio import model
from tests.helpers.dates import FIXED_TODAY

TODAY = date(2026, 11, 29)
"""The demo's 'today' and the compile date."""

DRAFT = "DRAFT"
"""The mark every page of a draft carries."""


def run_cli(*args: str) -> str:
    """Run `sendfolio ARGS`, expect success, return its output."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """A data folder holding the demo folio, written by `sendfolio demo`."""
    folder = tmp_path_factory.mktemp("demo")
    run_cli("--data-dir", str(folder), "demo", "--today", TODAY.isoformat())
    return folder


@pytest.fixture(scope="module")
def demo_data(demo_dir):
    """The demo folio's records."""
    from sendfolio.store import Folio

    with Folio.open(demo_dir) as folio:
        return folio.data()


@pytest.fixture(scope="module")
def draft_pdf(demo_portfolio):
    """The demo's portfolio (part-way, so a draft), with its CLI output: compiled once per run (conftest)."""
    assert TODAY == FIXED_TODAY  # the day the shared compile was made on
    return demo_portfolio


@pytest.fixture(scope="module")
def draft(draft_pdf, demo_portfolio_texts):
    """The draft portfolio read back with pypdf, with each page's text (read once per process, conftest)."""
    return PdfReader(draft_pdf[0]), list(demo_portfolio_texts)


@pytest.fixture(scope="module")
def final_pdf(completed_portfolio):
    """A completed folio's portfolio as a tagged PDF/UA, through the Python API: compiled once per run (conftest)."""
    assert TODAY == FIXED_TODAY  # the day the shared compile was made on
    result, _ = completed_portfolio
    return result, PdfReader(result.path)


def outline_titles(reader: PdfReader) -> list[str]:
    """Every bookmark title, depth first."""
    found: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append(item.title)

    walk(reader.outline)
    return found


def test_cli_prints_path_pages_and_sha256(draft_pdf, draft):
    """The command says where the PDF is, how many pages it has, and its SHA-256."""
    import hashlib

    path, said = draft_pdf
    reader, _ = draft
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert f"{path}: {len(reader.pages)} pages, SHA-256 {digest}" in said
    assert 12 <= len(reader.pages) <= 60


def test_every_section_heading_and_bookmark_present(draft):
    """Each numbered section is on some page and in the PDF outline, with the case commentaries below."""
    reader, texts = draft
    whole = "\n".join(texts)
    titles = outline_titles(reader)
    for number, (_, heading) in enumerate(model.SECTIONS, start=1):
        assert heading in whole
        assert f"{number} {heading}" in titles
    assert "Cover" in titles and "Contents" in titles
    assert any(title.startswith("Case 1: ") for title in titles)


def test_metadata_set(draft):
    """Title, author and subject, and the compile date as the creation date."""
    reader, _ = draft
    meta = reader.metadata
    assert meta.title == "Portfolio: Robin Fairweather"
    assert meta.author == "Robin Fairweather"
    assert "SEND" in meta.subject
    assert meta["/CreationDate"].startswith("D:20261129")


def test_draft_mark_on_every_page_and_unmet_listed_first(draft, demo_data):
    """Every page of a draft says so; the index lists the unmet requirements before the met."""
    _, texts = draft
    assert all(DRAFT in text for text in texts)
    report = rules.accreditation(demo_data, TODAY)
    whole = "\n".join(texts)
    index = " ".join(whole[whole.find("Requirements for accreditation") :].split())
    first_met = min(index.find(item.title) for item in report.requirements if item.met and item.title in index)
    for item in report.unmet:
        assert -1 < index.find(item.title) < first_met


def test_totals_printed_equal_the_rules_engines(draft, demo_data):
    """Casework, reflection and CPD totals in the PDF are the rules engine's numbers."""
    from sendfolio.portfolio.wording import hours

    _, texts = draft
    whole = "\n".join(texts)
    report = rules.accreditation(demo_data, TODAY)
    casework = report.requirement("practice.casework-hours").numeric_have
    assert re.search(rf"Casework hours counted\s*{re.escape(hours(casework))} h", whole)
    reflected = report.requirement("practice.reflection-hours").numeric_have
    assert f"{hours(reflected)} h on or after the SEND training" in whole.replace("\n", " ")
    cpd_totals = whole[whole.find("CPD hours by method") : whole.find("CPD entries", whole.find("CPD hours by method"))]
    shown = document_years(cpd_totals)
    assert shown, "no registration year in the CPD totals"
    from sendfolio.portfolio.model import default_period, within

    covered = within(demo_data, default_period(demo_data, TODAY))
    for year in {rules.current_registration_year(covered.profile, e.date) for e in covered.cpd}:
        assert rules.year_label(covered.profile, year) in shown
        assert f"{hours(rules.cpd_totals(covered, year)['total'])} h" in cpd_totals


def document_years(text: str) -> set[str]:
    """The registration year labels (2025–26) a piece of the PDF's text shows."""
    return set(re.findall(r"\b20\d\d–\d\d\b", text))


def test_index_page_numbers_point_at_the_evidence(draft):
    """Each evidence link on the index pages prints the page number of a page holding that evidence."""
    reader, texts = draft
    destinations = reader.named_destinations
    index_pages = [
        n
        for n, text in enumerate(texts)
        if "Requirements for accreditation" in text or ("Requirements index" in text and "Evidence" in text)
    ]
    checked = 0
    for number in index_pages:
        for annotation in reader.pages[number].get("/Annots", []):
            target = annotation.get_object().get("/Dest")
            if not isinstance(target, str) or target.startswith("req-"):
                continue
            page = reader.get_destination_page_number(destinations[target])
            if target.startswith("attachment-"):
                label = target.removeprefix("attachment-").upper() + ": "  # an attached document's first page
            else:
                label = model.HEADINGS.get(target) or target.replace("case-", "").upper()
            assert label in texts[page], (target, page)
            assert re.search(rf"p\.\s{page + 1}\b", texts[number]), (target, page + 1)
            checked += 1
    assert checked >= 14


def test_same_records_same_bytes(draft_pdf, tmp_path):
    """Compiling the same records with the same options again gives a byte-identical PDF (a copy of the
    very folio the shared draft was compiled from: each demo signs its returned form at the moment it is made)."""
    import shutil

    records = shutil.copytree(draft_pdf[0].parent / "folio", tmp_path / "folio")
    again = tmp_path / "again.pdf"
    run_cli("--data-dir", str(records), "portfolio", "-o", str(again), "--date", TODAY.isoformat())
    assert again.read_bytes() == draft_pdf[0].read_bytes()


def test_completed_portfolio_is_not_a_draft(final_pdf, completed_portfolio_texts):
    """With every requirement met, no page says DRAFT."""
    result, reader = final_pdf
    assert not result.draft
    assert len(completed_portfolio_texts) == len(reader.pages)
    assert not any(DRAFT in text for text in completed_portfolio_texts)
    assert "All 14 requirements met" in completed_portfolio_texts[0]


def test_pdf_ua_is_tagged_with_language(final_pdf):
    """--pdf-ua: the catalog has /Lang en-GB, a StructTreeRoot, and marks the PDF as tagged."""
    _, reader = final_pdf
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]


def test_renewal_and_passport_commands(demo_dir, tmp_path):
    """`renewal --year Y` writes the year's PDF; `passport` refuses the demo's new route (§1.6), writing nothing."""
    renewal_pdf, passport_pdf = tmp_path / "renewal.pdf", tmp_path / "passport.pdf"
    run_cli(
        "--data-dir", str(demo_dir), "renewal", "--year", "2026", "-o", str(renewal_pdf), "--date", TODAY.isoformat()
    )
    renewal_text = "\n".join(page.extract_text() for page in PdfReader(renewal_pdf).pages)
    assert "Annual re-registration evidence, 2026" in renewal_text and "Declaration" in renewal_text
    assert DRAFT in renewal_text
    refused = CliRunner().invoke(
        main, ["--data-dir", str(demo_dir), "passport", "-o", str(passport_pdf), "--date", TODAY.isoformat()]
    )
    assert refused.exit_code == 1 and "§1.6" in refused.output and not passport_pdf.exists()


def test_bad_options_exit_2(demo_dir, tmp_path):
    """A bad date or a backwards period is one clear line and exit 2."""
    runner = CliRunner()
    out = str(tmp_path / "x.pdf")
    bad = runner.invoke(main, ["--data-dir", str(demo_dir), "portfolio", "-o", out, "--date", "31/02/2026"])
    assert bad.exit_code == 2 and "--date" in bad.output
    backwards = runner.invoke(
        main, ["--data-dir", str(demo_dir), "portfolio", "-o", out, "--from", "2026-06-01", "--to", "2026-01-01"]
    )
    assert backwards.exit_code == 2 and "--from" in backwards.output


def test_running_head_names_the_case_being_read(draft):
    """Every page carrying a case's Form 3 names its case in the running head, not just the section."""
    _, pages = draft
    debriefs = [text for text in pages if "Form 3: Post-mediation" in text]
    assert debriefs
    assert all(re.search(r"5 Case commentaries · Case \d+: SM-DEMO-\d+", text) for text in debriefs)


def test_the_demo_cases_carry_the_forms_their_observers_returned(draft):
    """The returned Forms 1–3 print with the observer's name, role and comment; the final case has the report."""
    _, pages = draft
    whole = " ".join(" ".join(text.split()) for text in pages)
    assert "Alex Penrose (co-mediator)" in whole and "On the form returned by Alex Penrose" in whole
    assert "Both parties were called within a day and knew what to expect." in whole
    assert "Entered by the mediator;" in whole
    report = next(text for text in pages if "Observer's report on the final case" in text)
    assert "returned by Dr Morgan Hale (PPC)" in " ".join(report.split())
    assert "Verification by the PPC:" in report
    assert "✓ shown on a form returned by the observer" in whole


def test_emoji_print_with_the_shipped_fallback_font():
    """👍🏽 and 👨‍👩‍👧, which DejaVu lacks, are drawn with the shipped Noto Emoji, not as empty boxes."""
    import io
    from datetime import date

    from pypdf import PdfReader

    from sendfolio.portfolio.pdf import render_pdf

    html = '<html><body><p class="user-text">Feedback 👍🏽 from the family 👨‍👩‍👧.</p></body></html>'
    reader = PdfReader(io.BytesIO(render_pdf(html, stamp=date(2026, 1, 1)).data))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert "Noto-Emoji" in fonts and "DejaVu-Serif" in fonts
    assert "👍🏽" in reader.pages[0].extract_text() and "👨‍👩‍👧" in reader.pages[0].extract_text()
