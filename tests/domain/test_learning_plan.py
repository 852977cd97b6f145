"""The learning plan: its record, its CSV kind `plan`, and its place in the JSON backup."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.records import InvalidRecord, LearningNeed
from sendfolio.store import Folio


def need(**changes) -> LearningNeed:
    """A valid learning need, with changes."""
    values = {"need": "Managing a parent's distress", "action": "Role play with a peer", "due": "2026-03-31"}
    return LearningNeed.from_dict({**values, **changes})


def test_a_need_defaults_to_open_and_own():
    item = need()
    assert (item.status, item.source, item.met_by) == ("open", "own", ())
    assert item.is_overdue(date(2026, 4, 1)) and not item.is_overdue(date(2026, 3, 31))
    assert not need(status="met").is_overdue(date(2027, 1, 1))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"need": ""}, "need", "is required"),
        ({"due": "31/02/2026"}, "due", "not a real calendar date"),
        ({"status": "done"}, "status", "open / met / dropped"),
        ({"source": "Jane Smith"}, "source", "case:REF (a de-brief), ppc:ID (a PPC session) or own"),
        ({"met_by": "cpd:abc; 12345"}, "met_by", "use cpd:ID or reflection:ID"),
    ],
)
def test_bad_values_name_the_field_and_what_is_allowed(changes, field, words):
    with pytest.raises(InvalidRecord) as raised:
        need(**changes)
    assert raised.value.errors[0].field == field
    assert words in raised.value.errors[0].problem


def test_links_parse():
    item = need(source="case:SM-2025-014", met_by="cpd:abc123; reflection:def456")
    assert item.case_ref == "SM-2025-014"
    assert item.met_by == ("cpd:abc123", "reflection:def456")


def test_csv_round_trip_and_reference_checks(demo_folio, tmp_path):
    cpd_id = demo_folio.cpd()[0].id
    ref = demo_folio.cases()[0].ref
    demo_folio.close()
    runner = CliRunner()
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "need,action,due,status,source,met_by\n"
        f"Reading on EHC plan reviews,Read the Code chapter 9,31/01/2026,met,case:{ref},cpd:{cpd_id}\n"
        "Chairing a large meeting,Observe a colleague,2026-06-30,,,\n",
        encoding="utf-8",
    )
    folder = str(demo_folio.data_dir)
    result = runner.invoke(main, ["--data-dir", folder, "import", str(plan)])
    assert result.exit_code == 0, result.output
    assert "learning needs: 2 added" in result.output
    with Folio.open(folder, readonly=True) as folio:
        before = {item.need: item for item in folio.learning_plan()}
    assert before["Chairing a large meeting"].source == "own"
    out = tmp_path / "out.csv"
    assert runner.invoke(main, ["--data-dir", folder, "export", str(out), "--kind", "plan"]).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "need,action,due,status,source,met_by"
    assert f"case:{ref},cpd:{cpd_id}" in text
    again = runner.invoke(main, ["--data-dir", folder, "import", str(out)])
    assert f"learning needs: {len(before)} unchanged" in again.output

    bad = tmp_path / "bad.csv"
    bad.write_text("need,action,due,source,met_by\nX,Y,2026-01-01,case:NO-SUCH,cpd:nope\n", encoding="utf-8")
    refused = runner.invoke(main, ["--data-dir", folder, "import", str(bad)])
    assert refused.exit_code == 2
    assert "bad.csv:2: source: no case 'NO-SUCH' in the folio" in refused.output
    assert "bad.csv:2: met_by: no CPD entry 'nope' in the folio" in refused.output


def test_backup_round_trip_keeps_the_plan(folio_dir, tmp_path):
    with Folio.open(folio_dir) as folio:
        folio.put(need())
    runner = CliRunner()
    backup = tmp_path / "b.json"
    assert runner.invoke(main, ["--data-dir", str(folio_dir), "export", str(backup)]).exit_code == 0
    assert '"learning_plan"' in backup.read_text()
    restored = tmp_path / "r"
    assert runner.invoke(main, ["--data-dir", str(restored), "import", str(backup)]).exit_code == 0
    with Folio.open(restored, readonly=True) as folio:
        assert [item.need for item in folio.learning_plan()] == ["Managing a parent's distress"]


def test_the_identifier_check_reads_the_plan_and_attachment_titles(folio_dir):
    from sendfolio.io.attachments import check_content
    from sendfolio.privacy.check import open_findings
    from sendfolio.samples.certificate import certificate_pdf

    with Folio.open(folio_dir) as folio:
        folio.put(need(action="Ask jo.parent@example.com how the meeting felt"))
        checked = check_content("c.pdf", certificate_pdf([[("Certificate", 20, "title")]]))
        folio.attach(
            checked.record("membership", "Card sent to sam.family@example.org", date(2026, 1, 5)), checked.content
        )
        findings = open_findings(folio)
    assert sorted((item.kind, item.field) for item in findings) == [("attachment", "title"), ("plan", "action")]
    result = CliRunner().invoke(main, ["--data-dir", str(folio_dir), "privacy-check"])
    assert result.exit_code != 0 and "jo.parent@example.com" in result.output
