"""What the learning plan shows above its needs: `plan_summary(needs, today)`, the needs counted in words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sendfolio.domain.records import LearningNeed
from sendfolio.domain.wording import count


def plan_summary(needs: Sequence[LearningNeed], today: date) -> str:
    """How many needs, how many open (and past their target date on `today`), how many met."""
    if not needs:
        return "Learning plan · no learning needs yet"
    open_ = sum(1 for item in needs if item.status == "open")
    overdue = sum(1 for item in needs if item.is_overdue(today))
    met = sum(1 for item in needs if item.status == "met")
    late = f", {overdue} past the target date" if overdue else ""
    return f"Learning plan · {count(len(needs), 'need')}: {open_} open{late}, {met} met"
