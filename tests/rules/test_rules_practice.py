"""The provider's practice rules (Appendix D): governance reminders at their boundaries, conduct gaps,
feedback responses in England working days, the calendar's practice dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendfolio.domain.governance import DevelopmentTarget, Feedback, GovernanceItem
from sendfolio.domain.records import Case, FolioData, Profile
from sendfolio.rules import (
    conduct_gaps,
    feedback_response,
    feedback_responses,
    governance_reminders,
    item_standing,
    overdue_targets,
    practice_dates,
    practice_json,
    register,
    working_days_between,
)

TODAY = date(2026, 3, 2)


def item(key: str, **values) -> GovernanceItem:
    """A governance register entry."""
    return GovernanceItem.from_dict({"item": key, **values})


def case(ref: str, role: str = "lead", status: str = "held", **values) -> Case:
    """A case dated in February 2026."""
    held = {"meeting_hours": "3", "followup_hours": "1", "outcome": "agreement"} if status == "held" else {}
    return Case.from_dict(
        {"ref": ref, "kind": "mediation", "role": role, "date": "2026-02-10", "status": status, **held, **values}
    )


@pytest.mark.parametrize(
    ("days", "listed", "words"),
    [
        (-1, True, "Insurance cover lapsed 1 day ago, on 1 March 2026"),
        (0, True, "Insurance cover lapses today"),
        (1, True, "Insurance cover lapses in 1 day, on 3 March 2026"),
        (60, True, "Insurance cover lapses in 60 days, on 1 May 2026"),
        (61, False, ""),
    ],
)
def test_a_lapse_is_listed_from_60_days_ahead(days, listed, words):
    data = FolioData(governance=(item("insurance", due=(TODAY + timedelta(days=days)).isoformat()),))
    found = governance_reminders(data, TODAY)
    assert bool(found) is listed
    if listed:
        assert found[0].text == words
        assert found[0].days_left == days
        assert found[0].source == "Appendix D §1.2"
        assert "adequate insurance cover" in found[0].standard


@pytest.mark.parametrize(("days", "listed"), [(0, True), (60, True), (61, False), (-30, True)])
def test_a_policy_overdue_for_review_is_worked_out_from_its_last_review(days, listed):
    reviewed = date(2025, 3, 2) + timedelta(days=days)  # reviewed a year before the due date
    data = FolioData(governance=(item("safeguarding-policy", reviewed=reviewed.isoformat()),))
    found = governance_reminders(data, TODAY)
    assert bool(found) is listed
    if days == 0:
        assert found[0].text == "Safeguarding policy due for review today"
    if days < 0:
        assert found[0].text == "Safeguarding policy overdue for review since 31 January 2026 (30 days)"


def test_training_three_years_old_has_lapsed_and_the_newest_certificate_counts():
    old = item("safeguarding-training", reviewed="2023-02-20", title="Level 2 safeguarding")
    assert governance_reminders(FolioData(governance=(old,)), TODAY)[0].state == "lapsed"
    renewed = item("safeguarding-training", reviewed="2025-11-01", title="Level 2 refresher")
    assert governance_reminders(FolioData(governance=(old, renewed)), TODAY) == []
    own_interval = item("safeguarding-training", reviewed="2025-11-02", months="4")
    assert governance_reminders(FolioData(governance=(own_interval,)), TODAY)[0].text == (
        "Safeguarding training lapses today"
    )


@pytest.mark.parametrize(
    ("days", "state"),
    [(-1, "lapsed"), (0, "lapses-soon"), (1, "lapses-soon"), (59, "lapses-soon"), (60, "lapses-soon"), (61, "current")],
)
def test_an_items_standing_at_its_date_and_60_days_ahead(days, state):
    """The day after its date it has lapsed; on the day and up to 60 days ahead it lapses soon; 61 days ahead, current."""
    entry = item("insurance", due=(TODAY + timedelta(days=days)).isoformat())
    standing = item_standing(entry, TODAY)
    assert (standing.due, standing.days_left, standing.state) == (TODAY + timedelta(days=days), days, state)
    assert item_standing(entry, TODAY, within=days).state == ("lapsed" if days < 0 else "lapses-soon")


@pytest.mark.parametrize(("reviewed", "state"), [("2025-03-01", "lapsed"), ("2025-03-02", "lapses-soon")])
def test_an_items_standing_counts_on_from_its_last_review(reviewed, state):
    """A policy reviewed a year and a day ago is overdue; a year ago to the day, due for review today."""
    standing = item_standing(item("complaints-policy", reviewed=reviewed), TODAY)
    assert standing.state == state
    assert item_standing(item("complaints-policy", evidence="Version 2"), TODAY).state == "undated"


def test_the_register_and_the_rows_judge_alike():
    """Every entry of the register stands as `item_standing` says of the entry that counts."""
    data = FolioData(
        governance=(
            item("insurance", due=(TODAY + timedelta(days=60)).isoformat()),
            item("complaints-policy", reviewed="2025-03-01"),
            item("data-protection-registration", due=(TODAY + timedelta(days=61)).isoformat()),
            item("safeguarding-policy", evidence="Version 1"),
        )
    )
    for entry in register(data, TODAY):
        if entry.item is not None:
            standing = item_standing(entry.item, TODAY)
            assert (entry.due, entry.days_left, entry.state) == (standing.due, standing.days_left, standing.state)


def test_the_register_lists_every_item_and_an_undated_one_is_a_reminder():
    data = FolioData(governance=(item("insurance", due="2027-01-01"),))
    entries = {entry.kind.key: entry.state for entry in register(data, TODAY)}
    assert entries["insurance"] == "current" and entries["complaints-policy"] == "not-recorded"
    assert len(entries) == 11


def test_an_item_without_a_date_is_a_reminder_and_unrecorded_items_are_not():
    data = FolioData(governance=(item("data-protection-registration", evidence="Certificate"),))
    (found,) = governance_reminders(data, TODAY)
    assert found.state == "undated"
    assert found.text == "Data protection registration recorded without a date to renew it by"
    assert governance_reminders(FolioData(), TODAY) == []


def test_conduct_gaps_are_on_held_cases_the_mediator_led_or_co_mediated():
    answered = dict(
        conduct_independence="yes",
        conduct_no_prior_role="yes",
        conduct_outcomes_agreed="not-applicable",
        conduct_adjustments="no",
        conduct_child_views="yes",
        conduct_signposting="yes",
    )
    data = FolioData(
        cases=(
            case("SM-1"),
            case("SM-2", **answered),
            case("SM-3", role="observer"),
            case("SM-4", status="booked"),
            case("SM-5", role="co-mediator", **{**answered, "conduct_signposting": ""}),
            case("SM-6", date="2025-01-10"),
        )
    )
    gaps = conduct_gaps(data, date(2026, 1, 1), date(2026, 12, 31))
    assert [gap.case for gap in gaps] == ["SM-1", "SM-5"]
    assert len(gaps[0].missing) == 6
    assert gaps[1].text == "SM-5: signposting not answered"


def test_working_days_are_counted_after_the_day_received():
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1  # Friday to Monday
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1  # over Good Friday and Easter Monday


@pytest.mark.parametrize(
    ("responded", "status", "days"),
    [("2026-04-23", "met", 19), ("2026-04-24", "met", 20), ("2026-04-27", "missed", 21)],
)
def test_the_response_is_due_on_the_20th_working_day_across_easter(responded, status, days):
    # received Wednesday 25 March 2026; Good Friday 3 April and Easter Monday 6 April are not working days
    feedback = Feedback.from_dict({"given_by": "parent-carer", "received": "2026-03-25", "responded": responded})
    response = feedback_response(feedback, date(2026, 6, 1))
    assert response.due == date(2026, 4, 24)
    assert (response.status, response.working_days) == (status, days)


def test_a_response_not_yet_sent_is_due_then_overdue():
    feedback = Feedback.from_dict({"given_by": "young-person", "received": "2026-03-25", "case": "SM-1"})
    assert feedback_response(feedback, date(2026, 4, 24)).status == "due"
    overdue = feedback_response(feedback, date(2026, 4, 27))
    assert overdue.status == "overdue"
    assert overdue.text == "Feedback on SM-1 received 25 March 2026: response overdue since 24 April 2026"
    sent_later = Feedback.from_dict({"given_by": "other", "received": "2026-03-25", "responded": "2026-04-20"})
    assert feedback_response(sent_later, date(2026, 4, 1)).status == "due"  # sent after the day asked about
    assert feedback_response(feedback, date(2026, 4, 27), days=25).status == "due"
    later = Feedback.from_dict({"given_by": "other", "received": "2026-05-01"})
    assert feedback_responses(FolioData(feedback=(feedback, later)), date(2026, 4, 1))[0].feedback is feedback


def test_overdue_development_targets_and_the_check_json_part():
    target = DevelopmentTarget.from_dict({"target": "Collate feedback for the LA", "review": "2026-02-01"})
    met = DevelopmentTarget.from_dict({"target": "Publish complaints policy", "review": "2026-01-01", "status": "met"})
    data = FolioData(
        development_plan=(target, met),
        cases=(case("SM-1"),),
        governance=(item("insurance", due="2026-03-31"),),
        feedback=(Feedback.from_dict({"given_by": "other", "received": "2026-01-30"}),),
    )
    assert overdue_targets(data, TODAY) == [target]
    part = practice_json(data, TODAY, date(2026, 1, 1), date(2026, 12, 31))
    assert part["reminders"][0]["days_left"] == 29 and part["reminders"][0]["item"] == "insurance"
    assert part["conduct_gaps"][0]["case"] == "SM-1" and len(part["conduct_gaps"][0]["missing"]) == 6
    assert part["feedback"][0]["status"] == "overdue"


def test_practice_dates_for_the_calendar():
    data = FolioData(
        profile=Profile.from_dict({"registration_anniversary": "2024-09-01"}),
        governance=(item("insurance", due="2026-09-30", title="Policy with a named insurer"), item("legislation")),
        feedback=(Feedback.from_dict({"given_by": "other", "received": "2026-02-25"}),),
    )
    found = practice_dates(data, TODAY)
    assert [(entry.title, entry.due) for entry in found] == [
        ("Response to feedback due", date(2026, 3, 25)),
        ("Annual re-registration as a SEND mediator", date(2026, 9, 1)),
        ("Insurance cover lapses", date(2026, 9, 30)),
    ]
