"""`Folio.rename_case`: one atomic save that moves a case's observations and linked reflections."""

from __future__ import annotations

import json

import pytest

from sendfolio.domain.records import Case, InvalidRecord, Observation, Reflection
from sendfolio.store import Folio, FolioError

CASE = {
    "ref": "SM-2025-001",
    "kind": "mediation",
    "role": "lead",
    "date": "2025-03-02",
    "prep_hours": 1,
    "meeting_hours": 3,
    "followup_hours": 0,
    "outcome": "agreement",
    "observed_by": "PPC A. Example",
}
"""A fictional case."""


@pytest.fixture
def folio(tmp_path):
    """A real folio on disk with two cases, observations of the first and reflections linked to each."""
    with Folio.open(tmp_path / "folio") as folio:
        with folio.batch():
            folio.put(Case.from_dict(CASE))
            folio.put(Case.from_dict({**CASE, "ref": "SM-2025-002", "date": "2025-04-01"}))
            for criterion in ("f1.pm.initial-contact", "f1.pm.identify-issues"):
                folio.put(Observation.from_dict({"ref": "SM-2025-001", "criterion": criterion, "notes": "seen"}))
            folio.put(Observation.from_dict({"ref": "SM-2025-002", "criterion": "f1.pm.initial-contact"}))
            folio.put(
                Reflection.from_dict(
                    {"date": "2025-03-05", "hours": 1, "title": "On 001", "body": "x", "case": "SM-2025-001"}
                )
            )
            folio.put(
                Reflection.from_dict(
                    {"date": "2025-04-05", "hours": 1, "title": "On 002", "body": "y", "case": "SM-2025-002"}
                )
            )
        yield folio


def saved(folio: Folio) -> dict:
    """What the folio file holds now, read from disk."""
    return json.loads(folio.path.read_text())


def test_rename_moves_observations_and_reflections_in_one_save(folio):
    """The case, its observations and its reflections all carry the new reference, on disk too."""
    before = folio.path.stat().st_mtime_ns, len(folio.backup_paths())
    renamed = folio.rename_case("SM-2025-001", "SM-2025-009")
    assert renamed.ref == "SM-2025-009" and folio.case("SM-2025-001") is None
    assert {item.criterion for item in folio.observations("SM-2025-009")} == {
        "f1.pm.initial-contact",
        "f1.pm.identify-issues",
    }
    assert folio.observations("SM-2025-001") == ()
    assert [item.case for item in folio.reflections()] == ["SM-2025-009", "SM-2025-002"]
    assert len(folio.observations("SM-2025-002")) == 1  # the other case is untouched
    assert len(folio.backup_paths()) <= before[1] + 1  # one save, so at most one new backup
    whole = saved(folio)
    assert "SM-2025-001" not in json.dumps(whole)  # nowhere: records, settings (recent entries) alike
    records = json.dumps({name: table for name, table in whole.items() if name != "settings"})
    assert records.count("SM-2025-009") == 4  # the case, two observations, one reflection


def test_rename_saves_the_edited_content(folio):
    """The edited case passed in is what is stored, under the new reference."""
    edited = folio.case("SM-2025-001").with_changes(outcome="no-agreement")
    folio.rename_case("SM-2025-001", "SM-2025-010", edited)
    assert folio.case("SM-2025-010").outcome == "no-agreement"


def test_rename_to_a_reference_in_use_is_refused(folio):
    """Another case's reference is refused and nothing changes."""
    before = saved(folio)
    with pytest.raises(FolioError, match="SM-2025-002 already exists"):
        folio.rename_case("SM-2025-001", "SM-2025-002")
    assert saved(folio) == before and folio.case("SM-2025-001") is not None


def test_rename_of_a_missing_case_is_refused(folio):
    """A case that is not there cannot be renamed."""
    with pytest.raises(FolioError, match="no case SM-2099-001"):
        folio.rename_case("SM-2099-001", "SM-2099-002")


def test_rename_to_a_bad_reference_changes_nothing(folio):
    """A reference the record refuses raises InvalidRecord before anything is saved."""
    before = saved(folio)
    with pytest.raises(InvalidRecord):
        folio.rename_case("SM-2025-001", "Jane Smith's case")
    assert saved(folio) == before


def test_rename_to_the_same_reference_just_saves_the_case(folio):
    """Keeping the reference saves the edited case and leaves the rest alone."""
    edited = folio.case("SM-2025-001").with_changes(meeting_hours=4)
    folio.rename_case("SM-2025-001", "SM-2025-001", edited)
    assert folio.case("SM-2025-001").meeting_hours == 4
    assert len(folio.observations("SM-2025-001")) == 2


def test_rename_carries_learning_needs_and_attached_documents(folio, tmp_path):
    """A need raised in the case's de-brief and a document attached to the case follow the new reference."""
    from datetime import date

    from sendfolio.domain.records import LearningNeed
    from sendfolio.io.attachments import check_content
    from sendfolio.samples.certificate import certificate_pdf

    folio.put(
        LearningNeed.from_dict(
            {"need": "Summaries", "action": "Role play", "due": "2025-06-01", "source": "case:SM-2025-001"}
        )
    )
    folio.put(
        LearningNeed.from_dict({"need": "Other", "action": "Read", "due": "2025-06-01", "source": "case:SM-2025-002"})
    )
    checked = check_content("a.pdf", certificate_pdf([[("Agreement", 14, "title")]]))
    folio.attach(checked.record("case:SM-2025-001", "Agreement", date(2025, 3, 3)), checked.content)
    folio.rename_case("SM-2025-001", "SM-2025-009")
    reopened = Folio.open(folio.data_dir, readonly=True)
    assert sorted(item.source for item in reopened.learning_plan()) == ["case:SM-2025-002", "case:SM-2025-009"]
    (document,) = reopened.attachments()
    assert document.evidence_for == "case:SM-2025-009"
    assert reopened.attachment_bytes(document) == checked.content
