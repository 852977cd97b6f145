"""What the practice's three screens show above their tables (standards, Appendix D), from the folio and today.

`register_summary` and `register_reminders` give what the governance register shows (the duties
recorded, what lapses or falls due for review), `standing_words` an item's standing in its table; `feedback_summary` and `development_summary` the one
line the feedback and the development plan show. The judgements are the rules' (`register`, `item_standing`, `governance_reminders`,
`feedback_response`, a target's `is_overdue`); these only count and word them.
"""

from __future__ import annotations

from datetime import date

from sendfolio.domain.governance import FEEDBACK_RESPONSE_DAYS, REMINDER_DAYS
from sendfolio.domain.records import FolioData
from sendfolio.domain.wording import count
from sendfolio.rules import Standing, feedback_response, governance_reminders, register

STATE_WORDS = {
    "current": "Current",
    "lapses-soon": f"Within {REMINDER_DAYS} days",
    "lapsed": "Lapsed or overdue",
    "undated": "No date",
    "not-recorded": "Not recorded",
}
"""Where a register item stands (`rules/practice.REGISTER_STATES`), in the register's table."""


def register_summary(data: FolioData, today: date) -> str:
    """How many of the §1.2 duties are recorded on `today`, and which are not yet."""
    entries = register(data, today)
    recorded = sum(entry.state != "not-recorded" for entry in entries)
    missing = [entry.kind.title for entry in entries if entry.state == "not-recorded"]
    summary = f"Governance register (Appendix D §1.2) · {recorded} of {len(entries)} duties recorded"
    if missing:
        summary += f" · not yet recorded: {', '.join(missing)}"
    return summary


def register_reminders(data: FolioData, today: date) -> str:
    """What lapses or falls due for review in the 60 days from `today`, one a line (or that nothing does)."""
    lines = [f"! {item.text}" for item in governance_reminders(data, today)]
    return "\n".join(lines or ["Nothing lapses or falls due for review in the next 60 days."])


def standing_words(standing: Standing) -> str:
    """An item's standing in its row: "Within 60 days (12 days)" while it lapses soon, else the state in words."""
    words = STATE_WORDS[standing.state]
    if standing.state == "lapses-soon" and standing.days_left is not None:
        return f"{words} ({count(standing.days_left, 'day')})"
    return words


def feedback_summary(data: FolioData, today: date) -> str:
    """The feedback received, and its responses counted by how they stand on `today`."""
    responses = [feedback_response(item, today) for item in data.feedback]
    counted = {status: sum(item.status == status for item in responses) for status in ("met", "missed", "overdue")}
    waiting = sum(item.status == "due" for item in responses)
    return (
        f"Feedback (Appendix D §2) · {count(len(responses), 'received', 'received')} · "
        f"{counted['met']} answered within {FEEDBACK_RESPONSE_DAYS} working days · {counted['missed']} late · "
        f"{counted['overdue']} overdue · {waiting} awaiting an answer"
    )


def development_summary(data: FolioData, today: date) -> str:
    """The development plan's targets counted: all, open, past their review date on `today`."""
    targets = data.development_plan
    late = sum(target.is_overdue(today) for target in targets)
    opened = sum(target.status == "open" for target in targets)
    return (
        f"Development plan (Appendix D §2) · {count(len(targets), 'target')} · {opened} open · "
        f"{late} past the review date"
    )
