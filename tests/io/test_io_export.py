"""`sendfolio export`: JSON backup round trips byte for byte, CSV and Markdown round trips,
safe cells, atomic and guarded writes."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.governance import DevelopmentTarget, Feedback, GovernanceItem
from sendfolio.domain.records import (
    Case,
    CPDEntry,
    LearningNeed,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Reflection,
    Training,
    Verification,
)
from sendfolio.io.columns import CSV_KINDS
from sendfolio.io.exporter import DATA_FIELDS
from sendfolio.store import Folio

TRICKY_RECORDS = [
    Case.from_dict(
        {
            "ref": "SM-2025-014",
            "kind": "mediation",
            "role": "lead",
            "date": "2025-03-02",
            "prep_hours": "1.25",
            "meeting_hours": "3",
            "followup_hours": "0.5",
            "outcome": "partial-agreement",
            "debriefed": "yes",
            "issues": "placement; transport",
            "notes": '- first point\n=SUM(A1), with a comma\n"quoted"',
            "decision_notice": "2025-01-06",
            "la_informed": "2025-01-20",
            "date_fixed": "2025-02-01",
            "health_care": "yes",
            "debrief": {"strengths": "+ calm pacing", "learning_plan": "@ read reg 42"},
            "conduct_independence": "yes",
            "conduct_outcomes_agreed": "n/a",
            "conduct_outcomes_agreed_note": "=no outcome was shared, with a comma",
        }
    ),
    Case.from_dict(
        {
            "ref": "SM-2025-015",
            "kind": "disagreement-resolution",
            "role": "observer",
            "date": "2025-04-02",
            "prep_hours": "0",
            "meeting_hours": "2",
            "followup_hours": "0",
            "outcome": "withdrawn",
        }
    ),
    Observation.from_dict(
        {
            "ref": "SM-2025-014",
            "criterion": "f1.pm.initial-contact",
            "observer": '=HYPERLINK("x")',
            "notes": "'quoted' and -dashed",
        }
    ),
    CPDEntry.from_dict(
        {
            "date": "2025-01-05",
            "hours": "2",
            "method": "reading",
            "title": "@home reading",
            "learning": "line one\r\nline two",
        }
    ),
    PPCSession.from_dict({"date": "2025-02-05", "ppc": "R. Example", "hours": "1.5", "mode": "group", "topics": "-"}),
    Training.from_dict(
        {
            "kind": "send",
            "title": "SEND module",
            "provider": "Example Mediation Ltd",
            "date": "2024-11-01",
            "hours": "14",
            "recognised_by": "CMC",
            "covers": "legislative-framework; send-context",
        }
    ),
    Reflection.from_dict(
        {
            "date": "2025-03-03",
            "hours": "0.5",
            "title": "Case #14: what I learnt",
            "case": "SM-2025-014",
            "body": "## What happened\n\n- a list\n\n---\n\nThe end.",
        }
    ),
    Profile.from_dict({"name": "A. Fictional", "membership_body": "CMC", "registration_anniversary": "2024-09-01"}),
    PPCContact.from_dict({"name": "R. Example", "email": "ppc@example.org"}),
    Verification.from_dict({"name": "R. Example", "date": "2025-06-01", "statement": "Verified."}),
    LearningNeed.from_dict(
        {
            "need": '=Chairing, with "quotes"',
            "action": "Observe a colleague; then lead\nwith support",
            "due": "2025-09-30",
            "source": "case:SM-2025-014",
        }
    ),
    GovernanceItem.from_dict(
        {
            "item": "complaints-policy",
            "title": "-Complaints, and disputes",
            "reviewed": "2025-01-10",
            "months": "6",
            "url": "https://example.org/complaints",
        }
    ),
    GovernanceItem.from_dict({"item": "insurance", "due": "2025-12-31", "evidence": "@schedule"}),
    Feedback.from_dict(
        {
            "case": "SM-2025-014",
            "given_by": "parent-carer",
            "received": "2025-03-10",
            "complaint": "yes",
            "rating_explained": "4",
            "comments": '+"slow" to reply\nsecond line',
            "response": "Apologised.",
            "responded": "2025-04-01",
        }
    ),
    DevelopmentTarget.from_dict(
        {"target": "=Collate feedback for the LA", "review": "2025-09-01", "status": "met", "progress": "-done"}
    ),
]
"""Records of every kind with text a spreadsheet or a front matter parser could misread."""


def cli(folio_dir: Path, *args: str):
    """Run `sendfolio --data-dir folio_dir ARGS` and return click's result."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


@pytest.fixture
def filled(folio_dir):
    """A folio holding TRICKY_RECORDS; returns its folder."""
    with Folio.open(folio_dir) as folio, folio.batch():
        for record in TRICKY_RECORDS:
            folio.put(record)
    return folio_dir


def without_ids(records) -> list[dict]:
    """Records as sorted dicts without their store ids, to compare across folios."""
    plain = [{key: value for key, value in record.to_dict().items() if key != "id"} for record in records]
    return sorted(plain, key=repr)


def test_backup_round_trip_is_byte_identical(filled, tmp_path):
    """Export, restore into an empty folio, export again: the same bytes."""
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    result = cli(filled, "export", str(first))
    assert result.exit_code == 0, result.output
    assert "plaintext" in result.output and str(first) in result.output
    restored = tmp_path / "restored"
    assert cli(restored, "import", str(first)).exit_code == 0
    assert cli(restored, "export", str(second)).exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    assert first.read_text(encoding="utf-8").endswith("}\n")


def test_demo_folio_round_trips_byte_identical(demo_folio, tmp_path):
    """The demo portfolio survives export and restore unchanged."""
    folder = demo_folio.data_dir
    demo_folio.close()
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert cli(folder, "export", str(first)).exit_code == 0
    assert cli(tmp_path / "restored", "import", str(first)).exit_code == 0
    assert cli(tmp_path / "restored", "export", str(second)).exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    with Folio.open(folder) as original, Folio.open(tmp_path / "restored") as restored:
        assert restored.data() == original.data()


@pytest.mark.parametrize("kind", CSV_KINDS)
def test_csv_export_reimports_to_equal_records(filled, tmp_path, kind):
    """Each kind exported as CSV imports into an empty folio as the same records."""
    out = tmp_path / f"{kind}.csv"
    result = cli(filled, "export", str(out), "--kind", kind)
    assert result.exit_code == 0, result.output
    assert "plaintext" in result.output
    field = DATA_FIELDS[kind]
    fresh = tmp_path / "fresh"
    files = [str(out)]
    if kind in ("observations", "plan", "feedback"):
        cases = tmp_path / "cases.csv"
        cli(filled, "export", str(cases), "--kind", "cases")
        files.append(str(cases))
    imported = cli(fresh, "import", *files)
    assert imported.exit_code == 0, imported.output + imported.stderr
    with Folio.open(filled) as original, Folio.open(fresh) as copy:
        assert without_ids(getattr(copy.data(), field)) == without_ids(getattr(original.data(), field))


def test_csv_header_follows_design_order(filled, tmp_path):
    """A cases CSV starts with the \u00a74b columns in order, the extra case columns after them."""
    out = tmp_path / "cases.csv"
    cli(filled, "export", str(out), "--kind", "cases")
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[:17] == [
        "ref",
        "kind",
        "role",
        "date",
        "prep_hours",
        "meeting_hours",
        "followup_hours",
        "outcome",
        "observed_by",
        "debriefed",
        "issues",
        "notes",
        "decision_notice",
        "adviser_contacted",
        "la_informed",
        "mediation_concluded",
        "certificate_issued",
    ]
    assert "health_care" in header[17:] and "debrief_strengths" in header[17:]


def test_formula_cells_are_made_safe_and_restored(filled, tmp_path):
    """No exported cell starts like a formula; re-import gives the original text."""
    out = tmp_path / "obs.csv"
    cli(filled, "export", str(out), "--kind", "observations")
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",'quoted' and -dashed" in text
    import csv

    cells = [cell for row in csv.reader(text.splitlines()) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    cases = tmp_path / "cases.csv"
    cli(filled, "export", str(cases), "--kind", "cases")
    assert "\"'- first point" in cases.read_text(encoding="utf-8-sig")
    fresh = tmp_path / "fresh"
    assert cli(fresh, "import", str(cases), str(out)).exit_code == 0
    with Folio.open(fresh) as folio:
        assert folio.observations()[0].observer == '=HYPERLINK("x")'
        assert folio.observations()[0].notes == "'quoted' and -dashed"
        assert folio.case("SM-2025-014").debrief == {"strengths": "+ calm pacing", "learning_plan": "@ read reg 42"}


def test_reflections_export_as_markdown_files_and_reimport(filled, tmp_path):
    """Reflections go to a folder of .md files that import back as the same reflections."""
    folder = tmp_path / "reflections"
    result = cli(filled, "export", str(folder), "--kind", "reflections")
    assert result.exit_code == 0, result.output
    files = sorted(folder.glob("*.md"))
    assert [path.name for path in files] == ["2025-03-03-case-14-what-i-learnt.md"]
    assert 'title: "Case #14: what I learnt"' in files[0].read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    cases = tmp_path / "cases.csv"
    cli(filled, "export", str(cases), "--kind", "cases")
    assert cli(fresh, "import", str(cases), *map(str, files)).exit_code == 0
    with Folio.open(filled) as original, Folio.open(fresh) as copy:
        assert without_ids(copy.reflections()) == without_ids(original.reflections())


def test_reflections_need_a_new_or_empty_folder(filled, tmp_path):
    """Reflections are not written into a folder that already holds files."""
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("mine", encoding="utf-8")
    result = cli(filled, "export", str(tmp_path / "busy"), "--kind", "reflections")
    assert result.exit_code == 2 and "not an empty folder" in result.stderr


@pytest.mark.parametrize("name", ["folio.json", "folio.json.1", "folio.lock", ".hidden.tmp"])
def test_export_refuses_the_folios_own_files(filled, name):
    """An export never writes over the folio, its backups, its lock or temporary files."""
    target = filled / name
    before = target.read_bytes() if target.exists() else None
    result = cli(filled, "export", str(target))
    assert result.exit_code == 2 and "folio's own" in result.stderr
    assert (target.read_bytes() if target.exists() else None) == before


def test_export_refuses_a_folder_as_file(filled, tmp_path):
    """A JSON backup needs a file name, not a folder."""
    result = cli(filled, "export", str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.stderr


def test_exported_files_are_private_and_leave_no_temporary_files(filled, tmp_path):
    """Exports are readable by their owner only, and only the named file is left behind."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    cli(filled, "export", str(out_dir / "b.json"))
    cli(filled, "export", str(out_dir / "b.json"))
    assert [path.name for path in out_dir.iterdir()] == ["b.json"]
    assert stat.S_IMODE((out_dir / "b.json").stat().st_mode) == 0o600
