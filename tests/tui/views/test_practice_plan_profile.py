"""What the practice's screens, the learning plan and Training and profile show above their tables, from plain
records (no app)."""

from __future__ import annotations

from datetime import date

from sendfolio import rules
from sendfolio.domain.governance import GOVERNANCE_KINDS, DevelopmentTarget, Feedback, GovernanceItem
from sendfolio.domain.records import FolioData, LearningNeed, PPCContact, Profile, Training
from sendfolio.tui.views.plan import plan_summary
from sendfolio.tui.views.practice import (
    development_summary,
    feedback_summary,
    register_reminders,
    register_summary,
    standing_words,
)
from sendfolio.tui.views.profile import course_detail, profile_text, training_heading

TODAY = date(2026, 11, 29)
"""The day the figures are for."""


def test_an_empty_register_names_every_duty_not_yet_recorded():
    """No items: none of the duties recorded, each named, and nothing said to lapse."""
    summary = register_summary(FolioData(), TODAY)
    assert summary.startswith(f"Governance register (Appendix D §1.2) · 0 of {len(GOVERNANCE_KINDS)} duties recorded")
    assert all(kind.title in summary for kind in GOVERNANCE_KINDS)


def test_the_register_reminds_of_what_lapses_soon_in_the_rules_words():
    """An item lapsing within 60 days: counted as recorded, and one marked line in the rules' own words."""
    insurance = GovernanceItem.from_dict(
        {"item": GOVERNANCE_KINDS[0].key, "due": "2026-12-20", "reviewed": "2025-12-20"}
    )
    data = FolioData(governance=(insurance,))
    assert f"· 1 of {len(GOVERNANCE_KINDS)} duties recorded" in register_summary(data, TODAY)
    reminders = register_reminders(data, TODAY)
    words = [f"! {item.text}" for item in rules.governance_reminders(data, TODAY)]
    assert words and reminders.splitlines()[: len(words)] == words


def test_an_items_standing_in_its_row_is_the_rules_state_in_words():
    """Lapsing soon gives the days left; the other states their word."""
    assert standing_words(rules.Standing(date(2026, 12, 1), 2, "lapses-soon")) == "Within 60 days (2 days)"
    assert standing_words(rules.Standing(date(2026, 11, 29), 0, "lapses-soon")) == "Within 60 days (0 days)"
    assert standing_words(rules.Standing(date(2026, 11, 28), -1, "lapsed")) == "Lapsed or overdue"
    assert standing_words(rules.Standing(date(2027, 1, 29), 61, "current")) == "Current"
    assert standing_words(rules.Standing(None, None, "undated")) == "No date"


def test_feedback_is_counted_by_how_its_response_stands():
    """One answered in time, one still within its 20 working days."""
    answered = Feedback.from_dict(
        {"given_by": "parent-carer", "received": "2026-10-01", "response": "Thanks", "responded": "2026-10-05"}
    )
    waiting = Feedback.from_dict({"given_by": "young-person", "received": "2026-11-27"})
    line = feedback_summary(FolioData(feedback=(answered, waiting)), TODAY)
    assert line == (
        "Feedback (Appendix D §2) · 2 received · 1 answered within 20 working days · 0 late · 0 overdue · "
        "1 awaiting an answer"
    )


def test_development_targets_are_counted_open_and_past_review():
    """Two targets: both open, one past its review date."""
    late = DevelopmentTarget.from_dict({"target": "Written complaints policy", "review": "2026-10-01"})
    later = DevelopmentTarget.from_dict({"target": "Feedback form in easy read", "review": "2027-02-01"})
    line = development_summary(FolioData(development_plan=(late, later)), TODAY)
    assert line == "Development plan (Appendix D §2) · 2 targets · 2 open · 1 past the review date"


def test_the_learning_plan_counts_its_needs():
    """No needs, then one open past its target and one met."""
    assert plan_summary((), TODAY) == "Learning plan · no learning needs yet"
    overdue = LearningNeed.from_dict({"need": "Tribunal procedure", "action": "Read the rules", "due": "2026-11-01"})
    met = LearningNeed.from_dict({"need": "Health duties", "action": "Course", "due": "2026-12-01", "status": "met"})
    assert plan_summary((overdue, met), TODAY) == "Learning plan · 2 needs: 1 open, 1 past the target date, 1 met"


def test_the_profile_and_its_courses_in_words():
    """A dash for what is not filled in, the PPC named, the courses' heading counting them."""
    text = profile_text(Profile.from_dict({"name": "Alex Rowan"}), PPCContact.from_dict({"name": "Dr Morgan Hale"}))
    assert text.splitlines()[0] == "Name: Alex Rowan    Membership: —"
    assert "PPC: Dr Morgan Hale" in text and "Documents go to" not in text
    assert training_heading(0) == "Training courses: none yet — press a to add one."
    assert training_heading(2) == "Training courses (2)"
    course = Training.from_dict(
        {
            "kind": "refresher",
            "title": "Listening skills",
            "provider": "Fictional Training",
            "date": "2025-03-01",
            "hours": 6,
        }
    )
    assert course_detail(course).startswith("Listening skills: ")
    assert "no recognising body · covers: nothing recorded" in course_detail(course)
