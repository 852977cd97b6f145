"""`sendfolio review`: the sole provider's annual service review (Appendix D) and its anonymised summary,
compiled from real folios and read back with pypdf as an assessor and a local authority officer would."""

from __future__ import annotations

import re
from datetime import date

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendfolio.cli import main
from sendfolio.domain.governance import CONDUCT_DECLARATIONS, Feedback, GovernanceItem
from sendfolio.domain.records import Case, Profile
from sendfolio.portfolio.review import FEWER, REVIEW_SECTIONS, SUMMARY_SECTIONS, WITHHELD, shown, shown_with_total
from sendfolio.portfolio.wording import conduct
from sendfolio.samples.demo import write_demo
from sendfolio.store import Folio

TODAY = date(2026, 11, 29)
"""The day the demo is written around and the review compiled on (registration year 2026 runs from 1 April)."""

RULE_ID = re.compile(r"\b(?:f[123]\.|renewal\.|practice\.|accreditation\.|passport\.|foundation\.)[a-z]")
"""What a rule or criterion id looks like: never printed."""

SOFTWARE = re.compile(r"sendfolio|folio|record kind|json|csv|\brule\b|dashboard", re.IGNORECASE)
"""Words of the software, never printed for a reader of the review."""


def run(folio_dir, *args: str):
    """Run `sendfolio --data-dir folio_dir ARGS`."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


def pdf_text(path) -> str:
    """The text of every page of a PDF, its white space flattened."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


@pytest.fixture(scope="module")
def demo_review(tmp_path_factory):
    """The demo folio's review of registration year 2026 and its summary, compiled once: (review, summary) text."""
    folder = tmp_path_factory.mktemp("review")
    with Folio.open(folder / "folio") as folio:
        write_demo(folio, TODAY)
    result = run(folder / "folio", "review", "--year", "2026", "-o", str(folder / "review.pdf"), "--date", "2026-11-29")
    assert result.exit_code == 0, result.output + result.stderr
    assert "review-summary.pdf: 3 pages" in result.output or "review-summary.pdf:" in result.output
    return pdf_text(folder / "review.pdf"), pdf_text(folder / "review-summary.pdf")


def test_the_review_has_every_section_and_the_year_s_evidence(demo_review):
    review, _ = demo_review
    for _, heading in REVIEW_SECTIONS:
        assert heading in review, heading
    assert "Annual service review, 2026–27" in review and "1 April 2026 to 31 March 2027" in review
    assert "Professional indemnity insurance" in review and "https://example.org/" in review
    assert "Safeguarding children and adults at risk, level 2" in review and "Lapsed or overdue" in review
    assert "SM-DEMO-003" in review and "Not answered" in review  # the declaration left open
    assert "Missed in 24 working days" in review  # the complaint answered late
    assert "later than the 20 allowed" in review
    assert "An easy-read explanation of mediation for young people" in review
    assert "kept beside it as review-summary.pdf" in review


def test_neither_document_prints_a_rule_id_software_words_or_you(demo_review):
    for text in demo_review:
        assert not RULE_ID.search(text), RULE_ID.search(text)
        assert not SOFTWARE.search(text), re.search(r".{30}" + SOFTWARE.pattern + r".{30}", text, re.IGNORECASE)
        assert not re.search(r"\byour?\b", text, re.IGNORECASE), re.search(r".{40}\byour?\b.{40}", text, re.I)


def test_the_summary_holds_counts_only_small_ones_suppressed(demo_review):
    _, summary = demo_review
    for _, heading in SUMMARY_SECTIONS:
        assert heading in summary, heading
    assert FEWER in summary
    assert "SM-DEMO" not in summary and "Robin Fairweather" in summary  # the provider, never a party
    for words in ("moved twice", "asked what I thought", "Thanked for the feedback", "childcare", "example.org"):
        assert words not in summary
    dates = re.findall(
        r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December) \d{4}\b",
        summary,
    )
    assert set(dates) <= {"1 April 2026", "31 March 2027", "29 November 2026"}, dates
    counts = re.sub(r"page \d+ of \d+", "", summary).replace("a count of 1 to 4", "").replace("Rated 4 or 5", "")
    for day in dates:
        counts = counts.replace(day, "")
    assert not re.search(r"(?<![§.\d])\b[1-4]\b(?![.\d])", counts), re.search(r".{30}(?<![§.\d])\b[1-4]\b.{30}", counts)


def test_small_counts_and_the_count_that_would_give_one_away():
    assert [shown(number) for number in (0, 1, 4, 5, 12)] == ["0", FEWER, FEWER, "5", "12"]
    assert shown_with_total([1, 6], 7) == (FEWER, WITHHELD)
    assert shown_with_total([2, 3], 5) == (FEWER, FEWER)
    assert shown_with_total([5, 6, 1, 0], 12) == (WITHHELD, "6", FEWER, "0")
    assert shown_with_total([0, 7], 7) == ("0", "7")
    assert shown_with_total([1, 2], 3) == (FEWER, FEWER)


def held(ref: str, day: str, outcome: str = "agreement") -> Case:
    """A held mediation case led by the mediator."""
    return Case.from_dict(
        {
            "ref": ref,
            "kind": "mediation",
            "role": "lead",
            "date": day,
            "prep_hours": "1",
            "meeting_hours": "3",
            "followup_hours": "1",
            "outcome": outcome,
            "conduct_independence": "yes",
        }
    )


def test_counts_of_five_or_more_are_printed_and_one_small_count_is_never_worked_out(tmp_path):
    folio_dir = tmp_path / "folio"
    with Folio.open(folio_dir) as folio, folio.batch():
        folio.put(Profile.from_dict({"name": "A. Provider"}))
        for number in range(7):
            folio.put(
                held(f"SM-2025-{number:03}", f"2025-0{number + 2}-10", "agreement" if number < 6 else "no-agreement")
            )
        for number in range(6):
            folio.put(
                Feedback.from_dict(
                    {
                        "given_by": "parent-carer",
                        "received": f"2025-0{number + 2}-20",
                        "responded": f"2025-0{number + 2}-24",
                    }
                )
            )
        folio.put(GovernanceItem.from_dict({"item": "insurance", "due": "2026-03-31"}))
    out = tmp_path / "out" / "review.pdf"
    result = run(
        folio_dir,
        "review",
        "--year",
        "2025",
        "-o",
        str(out),
        "--summary",
        str(tmp_path / "la.pdf"),
        "--date",
        "2025-12-31",
    )
    assert result.exit_code == 0, result.output + result.stderr
    summary = pdf_text(tmp_path / "la.pdf")
    assert "Mediation 7" in summary and "Agreement not shown" in summary and f"No agreement {FEWER}" in summary
    assert "Parents and carers 6" in summary and "Answered in time 6" in summary
    review = pdf_text(out)
    assert "Agreement Partial agreement" in review and "Mediation 6 0 1 0 0 0 7" in review
    assert "Met in 2 working days" in review


def test_an_identifier_in_feedback_stops_the_review(tmp_path):
    folio_dir = tmp_path / "folio"
    with Folio.open(folio_dir) as folio:
        folio.put(Feedback.from_dict({"given_by": "other", "received": "2025-05-01", "comments": "Call 07700 900123"}))
    result = run(folio_dir, "review", "--year", "2025", "-o", str(tmp_path / "review.pdf"))
    assert result.exit_code == 2
    assert "feedback" in result.stderr and not (tmp_path / "review.pdf").exists()


def test_bad_usage_is_one_line(tmp_path):
    folio_dir = tmp_path / "folio"
    with Folio.open(folio_dir) as folio:
        folio.put(Profile.from_dict({"name": "A. Provider"}))
    same = run(
        folio_dir, "review", "--year", "2025", "-o", str(tmp_path / "a.pdf"), "--summary", str(tmp_path / "a.pdf")
    )
    assert same.exit_code == 2 and "--summary: give a different file for the summary" in same.stderr
    year = run(folio_dir, "review", "--year", "1066", "-o", str(tmp_path / "a.pdf"))
    assert year.exit_code == 2 and "--year: 1066 is not a registration year" in year.stderr


def test_the_portfolio_case_page_prints_the_declarations_once_any_is_answered(tmp_path):
    """The demo's practice cases print their conduct declarations in the standards' words; unanswered ones say so."""
    from sendfolio.portfolio import render
    from sendfolio.portfolio.model import build_portfolio

    with Folio.open(tmp_path / "folio") as folio:
        write_demo(folio, TODAY)
        data = folio.data()
    html = " ".join(render.portfolio_html(build_portfolio(data, TODAY)).split())
    assert html.count("<h3>Conduct of the mediation</h3>") == 3  # the three practice cases
    assert "The child's or young person's views</span> (Appendix D §3): Not answered" in html.replace("&#39;", "'")
    assert "Confidentiality</span> (Appendix D §4.1): Not applicable. No outcome was shared" in html
    plain = data.cases[0].with_changes(**{item.field: "" for item in CONDUCT_DECLARATIONS})
    assert conduct(plain) == []
