"""The learning plan's record: a need, its action and target date, where it came from and what met it.

Re-exported by `records.py`, which gathers every record type.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, get_args

from sendfolio.domain import fields as f
from sendfolio.domain.record_base import FieldError, Identified, field_spec as _spec, id_field as _id
from sendfolio.domain.vocabulary import CASE_REF, RECORD_ID

NeedStatus = Literal["open", "met", "dropped"]
"""Where a learning need stands: still to do, met, or no longer pursued."""

NEED_STATUSES: tuple[NeedStatus, ...] = get_args(NeedStatus)
"""Every status of a learning need, in the order offered."""

NEED_SOURCE = rf"(case:{CASE_REF}|ppc:{RECORD_ID}|own)"
"""Where a learning need came from: a case's de-brief, a PPC session, or the mediator's own choice."""

NEED_SOURCE_HELP = "case:REF (a de-brief), ppc:ID (a PPC session) or own"
"""What a learning need's source may be, in words."""

NEED_MET_BY = rf"(cpd|reflection):{RECORD_ID}"
"""A record that met a learning need: a CPD entry or a reflection."""


def _need_status(raw: Any) -> NeedStatus:
    """Where a need stands; blank means open."""
    return "open" if f.is_blank(raw) else f.choice(NEED_STATUSES)(raw)


def _need_source(raw: Any) -> str:
    """Where a need came from; blank means the mediator's own choice."""
    if f.is_blank(raw):
        return "own"
    source: str = f.pattern(NEED_SOURCE, NEED_SOURCE_HELP)(raw)
    return source


@dataclass(frozen=True, kw_only=True)
class LearningNeed(Identified):
    """One need of the learning plan: what to learn, how, by when, and what met it."""

    KIND: ClassVar[str] = "plan"
    id: str = _id()
    need: str = _spec(f.text(required=True, max_length=500, single_line=True))
    action: str = _spec(f.text(required=True, max_length=2_000))
    due: dt.date = _spec(f.a_date())
    status: NeedStatus = _spec(_need_status, "open")
    source: str = _spec(_need_source, "own")
    met_by: tuple[str, ...] = _spec(f.a_list(max_items=50, item_length=60), ())

    def problems(self) -> list[FieldError]:
        """Each met_by item names a CPD entry or a reflection."""
        wrong = [item for item in self.met_by if not re.fullmatch(NEED_MET_BY, item)]
        if wrong:
            return [FieldError("met_by", f"'{wrong[0]}' is not allowed: use cpd:ID or reflection:ID, separated by ;")]
        return []

    @property
    def case_ref(self) -> str:
        """The case whose de-brief raised this need ('' when it came from elsewhere)."""
        return self.source.removeprefix("case:") if self.source.startswith("case:") else ""

    def is_overdue(self, today: dt.date) -> bool:
        """True when the need is still open after its target date."""
        return self.status == "open" and self.due < today
