"""The service layer under both shells (`sendfolio.services`), on real folios in a temporary folder.

What both the commands and the screens rely on: one period filter (what the Compile screen
counts is what the portfolio prints), the privacy gate on every door that leaves the machine
(and never on the JSON backup), outputs refused on the folio's own files, and the cancel flag.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendfolio.domain.records import Case, FolioData, Profile, Training
from sendfolio.portfolio.model import build_portfolio
from sendfolio.portfolio.progress import CompileCancelled
from sendfolio.privacy import PrivacyFindings
from sendfolio.services.compile import compile_document, document_records
from sendfolio.services.export import export_records, write_calendar
from sendfolio.services.forms import write_forms
from sendfolio.services.outputs import OutputRefusedFor
from sendfolio.store import Folio
from sendfolio.tui.views.compile_plan import contents


def case(ref: str, day: date, notes: str = "", status: str = "held") -> Case:
    """One fictional mediation case."""
    return Case.from_dict(
        {
            "ref": ref,
            "kind": "mediation",
            "role": "lead",
            "date": day.isoformat(),
            "status": status,
            "prep_hours": 1,
            "meeting_hours": 3,
            "followup_hours": 0.5,
            "outcome": "agreement" if status == "held" else "",
            "notes": notes,
        }
    )


def printed_counts(data: FolioData, today: date) -> dict[str, int]:
    """How many records of each kind the portfolio's document model prints."""
    shown = build_portfolio(data, today)
    courses = [view.course for view in shown.foundation + shown.send_training] + list(shown.other_training)
    return {
        "cases": len(shown.case_log.rows),
        "reflections": len(shown.reflections.items),
        "cpd": len(shown.cpd.entries),
        "ppc": len(shown.ppc.sessions),
        "training": len(courses),
    }


def held_counts(data: FolioData) -> dict[str, int]:
    """How many records of each kind `data` holds."""
    return {
        "cases": len(data.cases),
        "reflections": len(data.reflections),
        "cpd": len(data.cpd),
        "ppc": len(data.ppc_sessions),
        "training": len(data.training),
    }


def test_the_compile_counts_what_the_portfolio_prints_in_the_practice_period(demo_folio, today):
    """A course booked after the compile date is not printed, so it is not counted either (the screen's
    own filter used to keep every course whatever its date)."""
    booked = Training.from_dict(
        {
            "kind": "refresher",
            "title": "Booked refresher day",
            "provider": "Fictional Mediation Trust",
            "date": (today + timedelta(days=40)).isoformat(),
            "hours": 6,
        }
    )
    demo_folio.put(booked)
    data = demo_folio.data()
    held = document_records("portfolio", data, today.year, today)
    assert held.practice and held.period is not None and held.period.end <= today
    assert booked not in held.records.training
    assert held_counts(held.records) == printed_counts(data, today)
    shown = contents("portfolio", data, today.year, today)  # what the Compile screen says goes in
    assert f"{printed_counts(data, today)['training']} courses" in shown


def test_the_compile_counts_what_the_portfolio_prints_without_a_practice_period(today):
    """No SEND training yet: the whole archive up to the compile date, never a case planned after it."""
    data = FolioData(
        profile=Profile.from_dict({"name": "Test Mediator"}),
        cases=(
            case("SM-T-001", today - timedelta(days=30)),
            case("SM-T-002", today + timedelta(days=9), status="booked"),
        ),
    )
    held = document_records("portfolio", data, today.year, today)
    assert not held.practice
    assert [item.ref for item in held.records.cases] == ["SM-T-001"]
    assert held_counts(held.records) == printed_counts(data, today)


@pytest.fixture
def leaky(folio_dir, today):
    """A folio with one case whose notes hold a phone number: an open finding."""
    with Folio.open(folio_dir) as folio:
        folio.put(case("SM-T-001", date(2025, 3, 2), "Parent's mobile 07700 900123."))
        folio.put(case("SM-T-002", today + timedelta(days=3), status="booked"))
    with Folio.open(folio_dir) as folio:
        yield folio


@pytest.mark.parametrize("kind", ["cases", "reflections"])
def test_csv_and_markdown_exports_are_refused_while_a_finding_is_open(leaky, tmp_path, kind):
    """The privacy gate refuses a CSV or Markdown export; nothing is written."""
    out = tmp_path / ("reflections" if kind == "reflections" else "cases.csv")
    with pytest.raises(PrivacyFindings):
        export_records(leaky, kind, out)
    assert not out.exists()


def test_the_json_backup_is_never_refused(leaky, tmp_path):
    """A backup is for the mediator alone: written even with a finding open."""
    out = tmp_path / "backup.json"
    assert "JSON backup" in export_records(leaky, "backup", out).what
    assert b"07700 900123" in out.read_bytes()


def test_the_calendar_is_refused_while_a_finding_is_open(leaky, tmp_path, today):
    """The deadlines calendar leaves the machine too: refused, nothing written."""
    out = tmp_path / "deadlines.ics"
    with pytest.raises(PrivacyFindings):
        write_calendar(leaky, out, today)
    assert not out.exists()


def test_the_observer_forms_are_refused_while_a_finding_is_open(leaky, tmp_path):
    """Forms 1–3 go to the observer: refused while a finding is open, nothing written."""
    out = tmp_path / "forms.pdf"
    with pytest.raises(PrivacyFindings):
        write_forms(leaky, out, case_ref=None)
    assert not out.exists()


@pytest.mark.parametrize("kind", ["portfolio", "renewal", "passport"])
def test_every_document_is_refused_while_a_finding_is_open(leaky, tmp_path, today, kind):
    """The portfolio, the renewal pack and Form 5 (and their HTML): refused, nothing written."""
    out, html = tmp_path / "doc.pdf", tmp_path / "doc.html"
    with pytest.raises(PrivacyFindings):
        compile_document(leaky, kind, out, as_of=today, year=2025, html_out=html)
    assert not out.exists() and not html.exists()


def test_the_service_review_is_refused_while_a_finding_is_open(leaky, tmp_path, today):
    """The annual service review and its summary: refused, neither written."""
    from sendfolio.services.compile import compile_review

    out = tmp_path / "review.pdf"
    with pytest.raises(PrivacyFindings):
        compile_review(leaky, 2025, out, as_of=today)
    assert list(tmp_path.glob("review*")) == []


def test_an_output_on_the_folios_own_files_is_refused_by_name(leaky, today):
    """The service says which output it refused (the shell names it: -o, --html, export…)."""
    with pytest.raises(OutputRefusedFor) as refused:
        compile_document(leaky, "portfolio", leaky.data_dir.parent / "x.pdf", html_out=leaky.path, as_of=today)
    assert refused.value.role == "html" and "folio file itself" in str(refused.value)


def test_a_cancelled_compile_writes_nothing(demo_folio, tmp_path, today):
    """The cancel flag stops the compile before anything is written."""
    out = tmp_path / "portfolio.pdf"
    with pytest.raises(CompileCancelled):
        compile_document(demo_folio, "portfolio", out, as_of=today, cancelled=lambda: True)
    assert not out.exists()
