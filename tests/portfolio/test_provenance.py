"""Who recorded each observation and de-brief, and how the coverage counts them (issue 10)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sendfolio import rules
from sendfolio.domain.criteria import CRITERIA_IDS, DEBRIEF_CRITERIA
from sendfolio.domain.records import Case, InvalidRecord, Observation
from sendfolio.store import Folio
from sendfolio.store.storage import SCHEMA
from tests.rules.test_rules import accredited, requirement

RETURNED = {"observer": "Alex Penrose", "observer_role": "co-mediator", "recorded_by": "returned-form"}


def returned(ref: str, criterion: str, on: str = "2024-06-12") -> Observation:
    """An observation from a form the observer returned."""
    return Observation.from_dict({"ref": ref, "criterion": criterion, **RETURNED, "returned_on": on})


def test_observation_says_who_recorded_it():
    """A returned observation names its observer (and the form's date, when the observer gave one); anything
    else was entered by the mediator."""
    assert returned("SM-1", "f1.sk.engage").provenance == "returned by Alex Penrose on 12 June 2024"
    assert Observation.from_dict({"ref": "SM-1", "criterion": "f1.sk.engage"}).provenance == "entered by the mediator"
    with pytest.raises(InvalidRecord) as bad:
        Observation.from_dict({"ref": "SM-1", "criterion": "f1.sk.engage", "recorded_by": "returned-form"})
    assert {error.field for error in bad.value.errors} == {"observer"}
    undated = Observation.from_dict({"ref": "SM-1", "criterion": "f1.sk.engage", **RETURNED})
    assert undated.provenance == "returned by Alex Penrose"  # never given the case's date instead
    with pytest.raises(InvalidRecord, match="recorded_by"):
        Observation.from_dict({"ref": "SM-1", "criterion": "f1.sk.engage", "recorded_by": "someone"})


def test_debrief_criteria_are_shown_by_the_debrief():
    """With no observation of them, Form 3's de-brief criteria are shown by the de-brief's headings."""
    data = accredited()
    data = replace(data, observations=tuple(o for o in data.observations if o.criterion not in DEBRIEF_CRITERIA))
    assert set(rules.coverage(data).missing) == set(DEBRIEF_CRITERIA)
    notes = {heading: f"Notes on {heading}" for heading in DEBRIEF_CRITERIA.values()}
    data = replace(data, cases=tuple(c.with_changes(debrief=notes) if c.ref == "SM-2" else c for c in data.cases))
    grid = rules.coverage(data)
    assert grid.complete
    assert all(grid.row(crit).refs == ("SM-2",) for crit in DEBRIEF_CRITERIA)
    assert requirement(data, "practice.criteria-coverage").met
    blank = {**notes, "outcome": "   "}
    data = replace(data, cases=tuple(c.with_changes(debrief=blank) if c.ref == "SM-2" else c for c in data.cases))
    assert rules.coverage(data).missing == ("f3.ds.outcome",)


def test_check_counts_both_and_says_how_many_are_backed():
    """Entries by the mediator and returned forms both count; `have` says how many rest on returned forms."""
    data = accredited()
    data = replace(data, observations=(*data.observations, returned("SM-2", "f1.sk.engage")))
    found = requirement(data, "practice.criteria-coverage")
    assert found.met and found.have.endswith("(1 on returned forms)")
    assert rules.coverage(data).row("f1.sk.engage").returned_refs == ("SM-2",)


def test_returned_forms_only_counts_only_returned_forms():
    """The profile setting counts only returned forms: the mediator's own entries are then not enough."""
    data = accredited()
    only = replace(data, profile=data.profile.with_changes(returned_forms_only=True))
    found = requirement(only, "practice.criteria-coverage")
    assert not found.met and found.numeric_have == 0 and "on forms returned by observers" in found.need
    backed = tuple(returned("SM-1", crit) for crit in CRITERIA_IDS)
    assert requirement(replace(only, observations=backed), "practice.criteria-coverage").met
    returned_debrief = (
        accredited()
        .cases[1]
        .with_changes(
            debrief={"outcome": "Agreed."},
            debrief_by="Alex Penrose",
            debrief_returned_on="2024-07-11",
            debrief_returned=["outcome"],
        )
    )
    grid = rules.coverage(replace(only, cases=(*only.cases[:1], returned_debrief, *only.cases[2:]), observations=()))
    assert grid.row("f3.ds.outcome").refs == (returned_debrief.ref,) and grid.backed == 1


def test_a_returned_debrief_needs_its_observer():
    """A de-brief marked as returned without the observer's name and date is refused."""
    case = accredited().cases[1]
    with pytest.raises(InvalidRecord, match="debrief_returned"):
        case.with_changes(debrief={"outcome": "Agreed."}, debrief_returned=["outcome"])
    assert case.debrief_provenance("outcome") == "entered by the mediator"


def test_a_schema_2_folio_opens_with_every_observation_the_mediators(tmp_path):
    """Migration 2 -> 3: observations stored before provenance read as entered by the mediator."""
    case = Case.from_dict(
        {"ref": "SM-1", "kind": "mediation", "role": "lead", "date": "2024-06-10", "prep_hours": 1,
         "meeting_hours": 2, "followup_hours": 1, "outcome": "agreement"}
    ).to_dict()  # fmt: skip
    old_observation = {"ref": "SM-1", "criterion": "f1.sk.engage", "observer": "Co-mediator", "notes": ""}
    for key in ("debrief_by", "debrief_by_role", "debrief_returned_on", "debrief_returned"):
        case.pop(key)
    (tmp_path / "folio.json").write_text(
        json.dumps({"sendfolio": {"schema": 2}, "cases": {"1": case}, "observations": {"1": old_observation}})
    )
    with Folio.open(tmp_path) as folio:
        (found,) = folio.observations()
        assert found.recorded_by == "mediator" and found.observer == "Co-mediator"
        folio.put(found.with_changes(notes="Seen."))
    saved = json.loads((tmp_path / "folio.json").read_text())
    assert saved["sendfolio"]["schema"] == SCHEMA >= 3
    assert next(iter(saved["observations"].values()))["recorded_by"] == "mediator"


def test_the_demo_coverage_and_debrief_pages_agree(demo_folio, today):
    """On the demo portfolio, a de-brief criterion is ticked for a case exactly when that case's Form 3 prints it."""
    from sendfolio.portfolio import render
    from sendfolio.portfolio.model import build_portfolio, latest_date
    from sendfolio.portfolio.wording import debrief_title

    data = demo_folio.data()
    document = build_portfolio(data, latest_date(data, today))
    assert document.commentaries
    columns = document.coverage.refs
    marks = {
        (row.criterion.id, ref): mark
        for group in document.coverage.groups
        for row in group.rows
        for ref, mark in zip(columns, row.marks)
    }
    html = render.portfolio_html(document)
    checked = 0
    for item in document.commentaries:
        printed = set(item.forms.debrief_headings())
        for crit_id, heading in DEBRIEF_CRITERIA.items():
            assert marks[(crit_id, item.case.ref)] == (debrief_title(heading) in printed), (item.case.ref, crit_id)
            checked += 1
        for sheet in item.forms.sheets:
            assert f'id="{sheet.anchor}"' in html
    assert checked == len(DEBRIEF_CRITERIA) * len(document.commentaries)
