"""The portfolio at the edges: an empty folio, hostile Markdown, many years of cases, the passported route.

Real folios on disk (TinyDB in tmp_path), compiled through the CLI or the API, read back with pypdf.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendfolio.cli import main
from sendfolio.domain.records import (
    Case,
    CPDEntry,
    FolioData,
    PPCContact,
    PPCSession,
    Profile,
    Reflection,
    Training,
    Verification,
)
from sendfolio.portfolio import model, render
from sendfolio.portfolio.api import compile_portfolio
from sendfolio.privacy.gate import release_records
from sendfolio.store import Folio

TODAY = date(2026, 11, 29)
"""The compile date of every test here."""

HOSTILE = {
    "stars": "a*" * 50_000,
    "deep quote": ">" * 5_000 + " deep inside",
    "deep list": "".join("  " * level + "- item\n" for level in range(300)),
    "emphasis": "*_" * 20_000 + "x" + "_*" * 20_000,
    "table": "| a | b | c |\n|---|---|---|\n" + "".join(f"| row {i} | {'word ' * 8} | {i} |\n" for i in range(200)),
    "links": " ".join(f"[l{i}](https://example.org/{i})" for i in range(3_000)),
    "image and html": (
        "![secret plan](http://127.0.0.1:9/x.png) see [the guide](https://example.org/guide) "
        '<img src="file:///etc/passwd"> <script>alert(1)</script> <a href="javascript:alert(1)">js</a>'
    ),
}
"""Reflection bodies meant to crash, stall or leak through the Markdown and the layout."""


def cli(*args: str) -> str:
    """Run `sendfolio ARGS`, expect success, return the output."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def texts(path) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(path).pages]


class Depth(HTMLParser):
    """The deepest element nesting and the element count of an HTML fragment."""

    VOID = {"br", "hr", "img", "input", "meta", "link"}
    """Elements that never have an end tag."""

    def __init__(self) -> None:
        """Start at depth 0."""
        super().__init__()
        self.depth = self.deepest = self.count = 0

    def handle_starttag(self, tag, attrs) -> None:
        """One level deeper (void elements excepted)."""
        self.count += 1
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag) -> None:
        """One level up."""
        self.depth -= 1


def measure(html: str) -> Depth:
    """Parse the HTML and return its depth and element count."""
    found = Depth()
    found.feed(html)
    return found


def test_profile_only_compiles_a_sensible_draft(folio_dir, tmp_path):
    """Just a profile: all three documents compile, marked draft on every page, saying what is missing."""
    with Folio.open(folio_dir) as folio:
        folio.put(Profile.from_dict({"name": "Avery Newcombe", "membership_body": "CMC"}))
    refused = CliRunner().invoke(
        main, ["--data-dir", str(folio_dir), "passport", "-o", str(tmp_path / "f.pdf"), "--date", TODAY.isoformat()]
    )
    assert refused.exit_code == 1 and "§1.6" in refused.output and not (tmp_path / "f.pdf").exists()
    for command, extra in (("portfolio", ()), ("renewal", ("--year", "2026"))):
        out = tmp_path / f"{command}.pdf"
        said = cli("--data-dir", str(folio_dir), command, "-o", str(out), "--date", TODAY.isoformat(), *extra)
        assert "DRAFT" in said
        pages = texts(out)
        assert all("DRAFT" in page for page in pages)
        assert any("Avery Newcombe" in page for page in pages)
    portfolio = " ".join(texts(tmp_path / "portfolio.pdf"))
    for words in (
        "No foundation course recorded.",
        "No cases recorded.",
        "No practice cases yet",
        "No reflections recorded.",
        "No CPD recorded.",
        "No verification by a Professional Practice Consultant is recorded yet",
        "Not ready to sign",
    ):
        assert words in portfolio


def test_hostile_markdown_is_bounded():
    """Deep quotes, lists and emphasis are flattened; very busy paragraphs print as plain text."""
    for name, body in HOSTILE.items():
        found = measure(str(render.markdown(body)))
        assert found.deepest <= render.BLOCK_DEPTH + render.INLINE_DEPTH + 2, name
        assert found.count <= 2_000, name
    assert "deep inside" in str(render.markdown(HOSTILE["deep quote"]))
    assert "a*a*a" in str(render.markdown(HOSTILE["stars"]))


def test_links_print_their_address_and_are_not_clickable():
    """A link prints as its text and its address; nothing to click, no javascript:."""
    html = str(render.markdown(HOSTILE["image and html"]))
    assert "the guide (https://example.org/guide)" in html
    assert "<a " not in html and "<img" not in html and "<script" not in html
    assert "[image not included: secret plan]" in html


def test_hostile_reflections_compile_safely(tmp_path):
    """Every hostile body in one folio: the PDF compiles, keeps the text, links to nothing outside.

    Read as the store reads its file (`stored=True`): nesting this deep is refused on entry now,
    but a folio written before that must still compile.
    """
    reflections = tuple(
        Reflection.from_dict({"date": "2026-03-01", "hours": "0.5", "title": name, "body": body}, stored=True)
        for name, body in HOSTILE.items()
    )
    data = FolioData(profile=Profile.from_dict({"name": "Test Mediator"}), reflections=reflections)
    result = compile_portfolio(release_records(data), tmp_path / "hostile.pdf", as_of=TODAY)
    assert result.pages < 120
    reader = PdfReader(result.path)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "deep inside" in text and "row 199" in text and "https://example.org/guide" in text
    assert "&lt;script" not in text and "<script>alert(1)</script>" in text
    uris = [
        annot.get_object().get("/A", {}).get("/URI") for page in reader.pages for annot in page.get("/Annots") or ()
    ]
    assert not [uri for uri in uris if uri]


@pytest.fixture(scope="module")
def many_years(tmp_path_factory):
    """Two years of synthetic records (120 practice cases) from the generator, as FolioData."""
    from sendfolio.samples.generate import generate_folio

    folder = tmp_path_factory.mktemp("many")
    with Folio.open(folder) as folio:
        generate_folio(folio, 2, 1, TODAY)
        return folio.data()


def test_many_cases_keep_the_front_matter_short(many_years):
    """Many practice cases: the contents lists years, the index links to the log, coverage counts."""
    document = model.build_portfolio(many_years, TODAY)
    assert len(document.commentaries) > model.CONTENTS_CASES_MAX
    years = {item.case.date.year for item in document.commentaries}
    assert len(document.case_contents) == len(years)
    assert all(link.label.startswith("Cases ") for link in document.case_contents)
    debriefs = next(row for row in document.index if row.requirement.id == "practice.debriefs")
    assert [link.anchor for link in debriefs.links] == ["case-log", "commentaries"]
    assert document.coverage.wide
    html = render.portfolio_html(document)
    assert 'class="matrix counts"' in html and "Columns:" not in html
    assert html.count('class="mark-col"') == 0
    for row in (row for group in document.coverage.groups for row in group.rows if row.shown):
        assert row.marks[row.first] and row.count == sum(row.marks)


def test_few_cases_keep_the_matrix_and_list_each_case(many_years):
    """Up to the limits, each case is listed in the contents and the coverage is a matrix."""
    refs = {case.ref for case in sorted(many_years.cases, key=lambda case: case.date)[:5]}
    few = FolioData(
        profile=many_years.profile,
        training=many_years.training,
        cases=tuple(case for case in many_years.cases if case.ref in refs),
        observations=tuple(item for item in many_years.observations if item.ref in refs),
    )
    document = model.build_portfolio(few, TODAY)
    assert [link.anchor for link in document.case_contents] == [item.anchor for item in document.commentaries]
    assert not document.coverage.wide
    assert "Columns:" in render.portfolio_html(document)


@pytest.fixture
def passported(folio_dir):
    """A passported mediator's folio: lead since 2011, foundation course, 4 lead cases and 24 h CPD a year."""
    with Folio.open(folio_dir) as folio, folio.batch():
        folio.put(
            Profile.from_dict(
                {
                    "name": "Jordan Ashdown",
                    "membership_body": "CMC",
                    "membership_number": "CMC-7781",
                    "registration_anniversary": "2019-09-01",
                    "route": "passported",
                    "lead_since": "2011-09-01",
                }
            )
        )
        folio.put(PPCContact.from_dict({"name": "Sam Ellery", "register": "College of Mediators PPC register"}))
        folio.put(
            Training.from_dict(
                {
                    "kind": "foundation",
                    "title": "Foundation mediation course",
                    "provider": "Westbridge Mediation",
                    "date": "2009-03-14",
                    "hours": "42",
                }
            )
        )
        for year in range(2019, 2026):
            for number, month in enumerate((10, 1, 4, 7)):
                held = date(year if month >= 9 else year + 1, month, 15)
                folio.put(
                    Case.from_dict(
                        {
                            "ref": f"PP-{year}-{number}",
                            "kind": "mediation",
                            "role": "lead",
                            "date": held.isoformat(),
                            "prep_hours": "2",
                            "meeting_hours": "4",
                            "followup_hours": "1",
                            "outcome": "agreement",
                        }
                    )
                )
                folio.put(
                    CPDEntry.from_dict(
                        {"date": held.isoformat(), "hours": "6", "method": "reading", "title": f"Reading {held}"}
                    )
                )
            folio.put(
                PPCSession.from_dict(
                    {"date": f"{year}-12-05", "hours": "1.5", "mode": "one-to-one", "ppc": "Sam Ellery"}
                )
            )
        folio.put_passport_declaration(
            Verification.from_dict(
                {
                    "name": "Sam Ellery",
                    "register": "College of Mediators PPC register",
                    "role": "PPC",
                    "date": "2026-10-01",
                    "statement": "I have known this mediator's work since 2011.",
                }
            )
        )
    return folio_dir


def test_passported_form_5_fills(passported, tmp_path):
    """Form 5 of a passported mediator: filled from the records, met, on a page of its own."""
    out = tmp_path / "passport.pdf"
    said = cli("--data-dir", str(passported), "passport", "-o", str(out), "--date", TODAY.isoformat())
    assert "DRAFT" not in said
    pages = texts(out)
    form = pages[0]
    for words in (
        "Jordan Ashdown",
        "since 1 September 2011",
        "14 March 2009",
        "Westbridge Mediation",
        "(42 h)",
        "Sam Ellery (PPC)",
        "1 October 2026",
        "Not applicable: no SEND training recorded",
        "I have known this mediator's work since 2011.",
    ):
        assert words in form, words
    assert "Casework and CPD by registration year" not in form
    rest = " ".join(pages[1:])
    assert "2019–20" in rest and "2025–26" in rest and "All 5 requirements are met." in rest
    assert re.search(r"see p\.\s*3", form)


def test_form_5_enters_the_rules_once(passported):
    """Form 5's model asks the rules one question, `assess_passport`, and arranges its answer."""
    from sendfolio.portfolio.packs import build_passport
    from tests.helpers.tracing import calls_into_the_rules

    with Folio.open(passported) as folio:
        data = folio.data()
    calls = calls_into_the_rules(lambda: build_passport(data, TODAY))
    assert calls == [("build_passport", "assess_passport")]
    assert build_passport(data, TODAY).info.draft is False


def test_form_5_declarant_comes_from_the_ppc_before_the_declaration_is_recorded(passported, tmp_path):
    """Before the declaration is recorded, the PPC on record is the declarant and signs the printed form: no DRAFT."""
    from sendfolio.portfolio.packs import build_passport, declarant

    with Folio.open(passported) as folio:
        data = folio.data()
    data = dataclasses.replace(data, passport_declaration=None)
    who = declarant(data)
    assert (who.name, who.role, who.date) == ("Sam Ellery", "PPC", None)
    pack = build_passport(data, TODAY)
    assert not pack.info.draft
    html = render.passport_html(pack)
    assert "I, Sam Ellery (PPC), confirm that Jordan Ashdown" in " ".join(html.split())
    assert "Manager / PPC / Mentor," not in html and "not recorded" not in html


def test_period_options_filter_the_records(demo_folio, folio_dir, tmp_path):
    """--from/--to keep the cases, reflections and CPD of the period; training stays; bad periods exit 2."""
    demo_folio.close()
    out = tmp_path / "period.pdf"
    cli(
        "--data-dir",
        str(folio_dir),
        "portfolio",
        "-o",
        str(out),
        "--date",
        TODAY.isoformat(),
        "--from",
        "2026-06-01",
        "--to",
        "2026-10-31",
    )
    text = " ".join(texts(out))
    assert "1 June 2026 to 31 October 2026" in text
    assert "SM-DEMO-003" in text and "SM-DEMO-004" in text
    assert "SM-DEMO-001" not in text and "SM-DEMO-002" not in text
    assert "Foundation certificate in mediation" in text
    result = CliRunner().invoke(
        main,
        [
            "--data-dir",
            str(folio_dir),
            "portfolio",
            "-o",
            str(out),
            "--date",
            TODAY.isoformat(),
            "--from",
            "2027-01-01",
        ],
    )
    assert result.exit_code == 2 and "after the compile date 2026-11-29" in result.output
    result = CliRunner().invoke(
        main,
        ["--data-dir", str(folio_dir), "portfolio", "-o", str(out), "--date", TODAY.isoformat(), "--to", "2020-01-01"],
    )
    assert result.exit_code == 2 and "--to: 2020-01-01 is before the period's first day (2026-01-02)" in result.output


def test_all_and_from_to_are_either_or(demo_folio, folio_dir, tmp_path):
    """--all (the whole archive) with --from or --to is a usage error naming both; nothing is written."""
    demo_folio.close()
    out = tmp_path / "both.pdf"
    for extra in (["--from", "2026-01-01"], ["--to", "2026-06-01"]):
        result = CliRunner().invoke(
            main,
            ["--data-dir", str(folio_dir), "portfolio", "-o", str(out), "--date", TODAY.isoformat(), "--all", *extra],
        )
        assert result.exit_code == 2 and "--all" in result.output and "--from/--to" in result.output, result.output
    assert not out.exists()


def test_a_period_past_the_compile_date_ends_on_it(demo_folio):
    """--to after --date: the period printed ends on the compile date."""
    document = model.build_portfolio(
        demo_folio.data(), TODAY, model.CoveredPeriod(date(2026, 1, 1), date(2027, 12, 31))
    )
    assert document.period == model.CoveredPeriod(date(2026, 1, 1), TODAY)
