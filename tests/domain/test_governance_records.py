"""The sole provider's records (Appendix D): governance items, feedback, development targets and the
conduct declarations on a case; their data with paragraphs, their store tables and their CSV kinds."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.governance import (
    CONDUCT_DECLARATIONS,
    FEEDBACK_QUESTIONS,
    FEEDBACK_RESPONSE_DAYS,
    GOVERNANCE_KINDS,
    REMINDER_DAYS,
    DevelopmentTarget,
    Feedback,
    GovernanceItem,
    governance_kind,
)
from sendfolio.domain.records import Case, InvalidRecord
from sendfolio.store import Folio
from sendfolio.store.storage import SCHEMA


def held_case(**changes) -> Case:
    """A held lead case, with changes."""
    values = {
        "ref": "SM-2026-001",
        "kind": "mediation",
        "role": "lead",
        "date": "2026-02-02",
        "prep_hours": "1",
        "meeting_hours": "3",
        "followup_hours": "1",
        "outcome": "agreement",
    }
    return Case.from_dict({**values, **changes})


def cli(folio_dir, *args: str):
    """Run `sendfolio --data-dir folio_dir ARGS`."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


def test_the_section_1_2_items_are_data_with_their_paragraph_and_interval():
    keys = [kind.key for kind in GOVERNANCE_KINDS]
    assert len(keys) == len(set(keys))
    assert {"insurance", "safeguarding-training", "data-protection-registration", "complaints-policy"} <= set(keys)
    for kind in GOVERNANCE_KINDS:
        assert kind.source.startswith("Appendix D §1.2")
        assert 1 <= kind.months <= 60 and kind.standard and kind.title
    assert governance_kind("insurance").lapses and not governance_kind("safeguarding-policy").lapses
    assert governance_kind("safeguarding-training").months == 36
    assert (REMINDER_DAYS, FEEDBACK_RESPONSE_DAYS) == (60, 20)
    with pytest.raises(KeyError, match="known items"):
        governance_kind("parking")


def test_declarations_are_unanswered_by_default_and_take_yes_no_not_applicable():
    case = held_case()
    assert all(getattr(case, item.field) == "" for item in CONDUCT_DECLARATIONS)
    answered = held_case(conduct_independence="Yes", conduct_signposting="N/A", conduct_adjustments="no")
    assert (answered.conduct_independence, answered.conduct_signposting, answered.conduct_adjustments) == (
        "yes",
        "not-applicable",
        "no",
    )
    assert {item.paragraph for item in CONDUCT_DECLARATIONS} == {"§4.1", "§3"}
    with pytest.raises(InvalidRecord) as raised:
        held_case(conduct_child_views="maybe")
    assert str(raised.value.errors[0]) == (
        "conduct_child_views: 'maybe' is not allowed: use one of yes / no / not-applicable"
    )


@pytest.mark.parametrize(
    ("record_type", "values", "field", "words"),
    [
        (GovernanceItem, {"item": "parking"}, "item", "is not allowed: use one of legislation"),
        (GovernanceItem, {"item": "insurance", "reviewed": "2026-02-01", "due": "2026-01-01"}, "due", "cannot be"),
        (GovernanceItem, {"item": "complaints-policy", "url": "example.org"}, "url", "a web address"),
        (GovernanceItem, {"item": "insurance", "months": "200"}, "months", "from 0 to 120"),
        (Feedback, {"given_by": "Mrs Smith", "received": "2026-01-05"}, "given_by", "parent-carer / young-person"),
        (Feedback, {"given_by": "other", "received": "2026-01-05", "rating_safe": "6"}, "rating_safe", "0 to 5"),
        (
            Feedback,
            {"given_by": "other", "received": "2026-01-05", "responded": "2026-01-04"},
            "responded",
            "cannot be before the feedback was received",
        ),
        (Feedback, {"given_by": "other", "received": "2026-01-05", "case": "Jane Smith"}, "case", "never a name"),
        (DevelopmentTarget, {"target": "", "review": "2026-06-01"}, "target", "is required"),
        (DevelopmentTarget, {"target": "Collate feedback", "review": "2026-06-01", "status": "done"}, "status", "open"),
    ],
)
def test_bad_values_name_the_field_and_what_is_allowed(record_type, values, field, words):
    with pytest.raises(InvalidRecord) as raised:
        record_type.from_dict(values)
    assert raised.value.errors[0].field == field
    assert words in raised.value.errors[0].problem


def test_an_item_takes_the_default_interval_of_its_kind_unless_it_sets_its_own():
    item = GovernanceItem.from_dict({"item": "safeguarding-training", "reviewed": "2024-05-01"})
    assert (item.interval, item.label) == (36, "Safeguarding training")
    assert GovernanceItem.from_dict({"item": "insurance", "months": "6", "title": "Cover"}).interval == 6
    feedback = Feedback.from_dict({"given_by": "young-person", "received": "2026-01-05", "rating_views": "5"})
    assert feedback.ratings() == {"views": 5} and len(FEEDBACK_QUESTIONS) == 4


def test_the_store_keeps_the_new_kinds_and_a_schema_4_folio_opens_unchanged(folio_dir):
    folio_dir.mkdir(parents=True, exist_ok=True)
    old_case = {k: v for k, v in held_case().to_dict().items() if not k.startswith("conduct_")}
    (folio_dir / "folio.json").write_text(
        json.dumps({"sendfolio": {"schema": 4}, "cases": {"1": old_case}}), encoding="utf-8"
    )
    with Folio.open(folio_dir) as folio:
        assert folio.cases()[0].conduct_independence == ""
        folio.put(held_case(conduct_independence="yes", conduct_independence_note="Self-employed"))
        folio.put(GovernanceItem.from_dict({"item": "insurance", "due": "2026-09-30"}))
        folio.put(Feedback.from_dict({"given_by": "parent-carer", "received": "2026-02-10", "case": "SM-2026-001"}))
        folio.put(DevelopmentTarget.from_dict({"target": "Share collated feedback", "review": "2026-07-01"}))
    saved = json.loads((folio_dir / "folio.json").read_text(encoding="utf-8"))
    assert saved["sendfolio"]["schema"] == SCHEMA >= 5
    with Folio.open(folio_dir) as folio:
        data = folio.data()
    assert data.cases[0].conduct_independence_note == "Self-employed"
    assert data.governance[0].due == date(2026, 9, 30)
    assert (len(data.feedback), len(data.development_plan)) == (1, 1)


def test_register_and_feedback_csv_import_all_or_nothing(folio_dir, tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(
        "item,title,reviewed,due,evidence,url\n"
        "insurance,Professional indemnity,01/10/2025,30/09/2026,Schedule 2025,\n"
        "complaints-policy,,2025-11-01,,,https://example.org/complaints\n",
        encoding="utf-8",
    )
    feedback = tmp_path / "feedback.csv"
    feedback.write_text(
        "given_by,received,case,complaint,rating_impartial,comments\n"
        "parent-carer,2026-02-10,SM-404,no,5,Calm and clear\n",
        encoding="utf-8",
    )
    refused = cli(folio_dir, "import", str(register), str(feedback))
    assert refused.exit_code == 2
    assert "feedback.csv:2: case: no case 'SM-404' in the folio or in this import" in refused.stderr
    with Folio.open(folio_dir) as folio:
        assert folio.data().governance == ()
    feedback.write_text(
        "given_by,received,complaint,rating_impartial,comments\nparent-carer,2026-02-10,no,5,Calm and clear\n",
        encoding="utf-8",
    )
    done = cli(folio_dir, "import", str(register), str(feedback))
    assert done.exit_code == 0, done.stderr
    assert "governance items: 2 added" in done.output and "feedback records: 1 added" in done.output
    with Folio.open(folio_dir) as folio:
        data = folio.data()
    assert [item.item for item in data.governance] == ["complaints-policy", "insurance"]
    assert data.feedback[0].rating_impartial == 5
    bad = tmp_path / "bad.csv"
    bad.write_text("item,due\nparking,2026-01-01\n", encoding="utf-8")
    result = cli(folio_dir, "import", str(bad))
    assert result.exit_code == 2 and "bad.csv:2: item: 'parking' is not allowed" in result.stderr


def test_check_lists_the_practice_reminders_of_the_demo(demo_folio, folio_dir):
    demo_folio.close()
    result = cli(folio_dir, "check", "--today", "2026-11-29")
    lines = result.output.split("The practice (Appendix D): ")[1].splitlines()
    assert lines[0] == "4 reminders"
    assert "[OVERDUE] Equality and inclusion policy overdue for review since 25 October 2026 (35 days)" in lines[1]
    assert "[LAPSED] Safeguarding children and adults at risk, level 2 lapsed" in lines[2]
    assert "[soon] Professional indemnity insurance lapses in 40 days, on 8 January 2027 (Appendix D §1.2)" in lines[3]
    assert "[conduct] SM-DEMO-003: the child's or young person's views not answered" in lines[4]
    report = json.loads(cli(folio_dir, "check", "--json", "--today", "2026-11-29").output)
    assert [item["state"] for item in report["practice"]["reminders"]] == ["lapsed", "lapsed", "lapses-soon"]
    assert [item["status"] for item in report["practice"]["feedback"]] == ["met", "missed", "met", "met"]


def test_feedback_follows_a_renamed_case_and_is_unlinked_from_a_deleted_one(folio_dir):
    with Folio.open(folio_dir) as folio:
        folio.put(held_case())
        folio.put(Feedback.from_dict({"given_by": "other", "received": "2026-02-10", "case": "SM-2026-001"}))
        folio.rename_case("SM-2026-001", "SM-2026-101")
        assert [item.case for item in folio.data().feedback] == ["SM-2026-101"]
        folio.delete(folio.case("SM-2026-101"))
        assert [item.case for item in folio.data().feedback] == [""]
    assert b"SM-2026-101" not in (folio_dir / "folio.json").read_bytes()
