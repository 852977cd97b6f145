"""Learning needs from a de-brief's gaps: what `sendfolio import --learning-needs` and the app's offer do.

A de-brief (the mediator's, or one an observer returned) that names skills or knowledge gaps in
a case no learning need comes from (`rules.gaps_without_need`) gives one learning need per gap:
the gap as the need, the de-brief's plan for meeting learning needs as the action, due in twelve
weeks, raised by that case.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sendfolio import rules
from sendfolio.domain.records import LearningNeed

if TYPE_CHECKING:
    from sendfolio.domain.records import FolioData
    from sendfolio.store import Folio

NEW_NEED_WEEKS = 12
"""How far ahead a learning need from a de-brief is due."""

NO_PLAN = "Plan how to meet it: a course, reading, or a session with the PPC."
"""The action of a need whose de-brief has no plan for meeting learning needs."""


def open_gaps(data: FolioData, refs: Iterable[str]) -> tuple[rules.Gap, ...]:
    """The de-brief gaps of these cases that no learning need addresses."""
    wanted = set(refs)
    return tuple(gap for gap in rules.gaps_without_need(data) if gap.ref in wanted)


def needs_from_gaps(folio: Folio, refs: Iterable[str], today: date) -> list[LearningNeed]:
    """Add a learning need for each open de-brief gap of these cases, in one save; returns them."""
    data = folio.data()
    needs = []
    for gap in open_gaps(data, refs):
        case = data.case(gap.ref)
        plans = [case.debrief.get("learning_plan", "")] if case is not None else []
        plans += [item.debrief.get("learning_plan", "") for item in data.returns_for(gap.ref)]
        plan = next((text.strip() for text in plans if text and text.strip()), NO_PLAN)
        needs.append(
            LearningNeed.from_dict(
                {
                    "need": gap.text.splitlines()[0][:500].rstrip(". ") or gap.text[:500],
                    "action": plan[:2_000],
                    "due": today + timedelta(weeks=NEW_NEED_WEEKS),
                    "status": "open",
                    "source": f"case:{gap.ref}",
                }
            )
        )
    return [item for item in folio.put_many(needs) if isinstance(item, LearningNeed)] if needs else []
