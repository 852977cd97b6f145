"""The SEND 2018 rule set and the Forms 1–3 criteria, as data."""

from __future__ import annotations

import re

import pytest

from sendfolio.domain.criteria import (
    CRITERIA,
    CRITERIA_IDS,
    Criterion,
    criteria_by_form_section,
    criterion,
    is_criterion,
)
from sendfolio.domain.records import Observation
from sendfolio.domain.standards import GROUPS, RULE_SET

DESIGN_RULE_IDS = {
    "accreditation": [
        "foundation.hours",
        "foundation.content",
        "foundation.provider",
        "send-training.hours",
        "send-training.provider",
        "send-training.modules",
        "practice.casework-hours",
        "practice.reflection-hours",
        "practice.cases",
        "practice.final-lead",
        "practice.debriefs",
        "practice.criteria-coverage",
        "ppc.verification",
        "membership.body",
    ],
    "renewal": ["renewal.cpd-hours", "renewal.cases", "renewal.supervision", "renewal.learning"],
    "passport": [
        "passport.foundation",
        "passport.send-training",
        "passport.casework",
        "passport.cpd",
        "passport.declaration",
    ],
}
"""The rule ids of docs/ARCHITECTURE.md, "Rule ids", by report."""


def test_rule_set_is_named_and_versioned():
    """The rule set says which standards it encodes."""
    assert RULE_SET.name == "SEND 2018"
    assert RULE_SET.version


@pytest.mark.parametrize("group", GROUPS)
def test_every_design_rule_id_is_in_its_group(group):
    """Every rule id of docs/ARCHITECTURE.md, "Rule ids" is present, in order, in the right report."""
    assert [rule.id for rule in RULE_SET.in_group(group)] == DESIGN_RULE_IDS[group]


def test_every_rule_has_title_source_and_reading():
    """A rule names its section of the standards and says what it needs."""
    for rule in RULE_SET.rules:
        assert rule.title and rule.text.endswith(".")
        assert rule.source.startswith("§"), rule.id
        assert rule.assumption == rule.text


@pytest.mark.parametrize(
    ("rule_id", "value"),
    [
        ("foundation.hours", 40),
        ("send-training.hours", 12),
        ("practice.casework-hours", 12),
        ("practice.reflection-hours", 2),
        ("practice.cases", 3),
        ("renewal.cpd-hours", 20),
        ("renewal.cases", 3),
        ("passport.foundation", 40),
        ("passport.casework", 3),
        ("passport.cpd", 20),
    ],
)
def test_thresholds_are_data_by_rule_id(rule_id, value):
    """The numbers of the standards are looked up by rule id."""
    assert RULE_SET.threshold(rule_id) == float(value)


def test_unknown_threshold_and_rule_are_clear_key_errors():
    """Asking for what is not there names the rule."""
    with pytest.raises(KeyError, match="membership.body"):
        RULE_SET.threshold("membership.body")
    with pytest.raises(KeyError, match="no rule 'practice.nope'"):
        RULE_SET.rule("practice.nope")


def test_recognised_bodies():
    """Foundation courses may be verified by OCN or ILM; SEND training needs CMC or COM."""
    assert RULE_SET.bodies("foundation.provider") == ("CMC", "COM", "OCN", "ILM")
    assert RULE_SET.bodies("send-training.provider") == ("CMC", "COM")


def test_criteria_counts_per_form_and_section():
    """Every bullet of Forms 1–3, sub-bullets one each."""
    counts = {key: len(items) for key, items in criteria_by_form_section().items()}
    assert counts == {
        (1, "Process Management"): 14,
        (1, "Skills and Knowledge"): 9,
        (2, "Process Management"): 18,
        (2, "Skills and Knowledge"): 21,
        (3, "Process Management"): 3,
        (3, "Skills and Knowledge"): 3,
        (3, "De-brief and Supervision"): 7,
    }
    assert len(CRITERIA) == len(set(CRITERIA_IDS)) == 75


def test_criterion_ids_are_readable_and_valid_for_observations():
    """Ids read f<form>.<section>.<item> and an Observation accepts every one."""
    for item in CRITERIA:
        assert re.fullmatch(rf"f{item.form}\.(pm|sk|ds)\.[a-z0-9.\-]+", item.id)
        assert Observation.from_dict({"ref": "SM-1", "criterion": item.id}).criterion == item.id


@pytest.mark.parametrize(
    ("criterion_id", "form_title", "section", "text"),
    [
        ("f1.pm.initial-contact", "Pre-mediation", "Process Management", "Make initial contact with parties"),
        ("f1.pm.identify-issues", "Pre-mediation", "Process Management", "Identify issues for mediation"),
        (
            "f1.pm.determine.information",
            "Pre-mediation",
            "Process Management",
            "Determine: information required from whom",
        ),
        (
            "f1.pm.determine.attendees",
            "Pre-mediation",
            "Process Management",
            "Determine: who should attend the meeting",
        ),
        ("f1.sk.impartial", "Pre-mediation", "Skills and Knowledge", "Demonstrate impartial at all times"),
        ("f1.sk.tribunal-info", "Pre-mediation", "Skills and Knowledge", "Give information about SEND Tribunal + COP"),
        ("f2.pm.arena", "Mediation", "Process Management", "Establish arena (incl. ground rules)"),
        ("f2.pm.close-positively", "Mediation", "Process Management", "Close positively"),
        (
            "f2.sk.safe-environment.welcome",
            "Mediation",
            "Skills and Knowledge",
            "Create a safe environment: Positive welcome",
        ),
        (
            "f2.sk.safe-environment.confidence",
            "Mediation",
            "Skills and Knowledge",
            "Create a safe environment: Show confidence",
        ),
        ("f2.sk.smart-agreement", "Mediation", "Skills and Knowledge", "Write clear SMART agreement"),
        ("f3.pm.close-file", "Post-mediation", "Process Management", "Close file"),
        ("f3.sk.feedback", "Post-mediation", "Skills and Knowledge", "Clear feedback to service"),
        ("f3.ds.key-strengths", "Post-mediation", "De-brief and Supervision", "Key Strengths"),
        ("f3.ds.gaps.knowledge", "Post-mediation", "De-brief and Supervision", "Identification of Knowledge gaps"),
        ("f3.ds.learning-plan", "Post-mediation", "De-brief and Supervision", "Plan for meeting learning needs"),
    ],
)
def test_criteria_keep_the_seed_wording(criterion_id, form_title, section, text):
    """Criteria are in the words of the forms."""
    found = criterion(criterion_id)
    assert (found.form_title, found.section, found.text) == (form_title, section, text)


def test_sub_bullets_carry_their_parent():
    """Each sub-bullet is a criterion under its parent's id, with the parent's words kept."""
    safe = [item for item in CRITERIA if item.id.startswith("f2.sk.safe-environment.")]
    assert [item.text.split(": ")[1] for item in safe] == [
        "Positive welcome",
        "Offer reassurance",
        "Explain what will happen",
        "Show confidence",
    ]
    assert {item.parent for item in safe} == {"Create a safe environment:"}
    assert not is_criterion("f2.sk.safe-environment")


def test_unknown_criterion_is_a_clear_key_error():
    """A wrong id says where to find the right ones."""
    with pytest.raises(KeyError, match="sendfolio criteria"):
        criterion("f9.xx.nothing")


def test_criteria_are_in_form_then_section_order():
    """Forms 1, 2, 3 in order; the grouping keeps that order."""
    keys = list(criteria_by_form_section())
    assert [form for form, _ in keys] == sorted(form for form, _ in keys)
    assert CRITERIA[0].id == "f1.pm.initial-contact" and CRITERIA[-1].id == "f3.ds.learning-plan"


def test_criterion_to_dict():
    """The JSON form carries id, form, title, section and text."""
    assert criterion("f3.ds.outcome").to_dict() == {
        "id": "f3.ds.outcome",
        "form": 3,
        "form_title": "Post-mediation",
        "section": "De-brief and Supervision",
        "text": "Discussion of outcome",
    }
    assert isinstance(CRITERIA[0], Criterion)
