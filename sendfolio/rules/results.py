"""The shapes of the rules' answers. Pure.

`Requirement` is one rule's result; `Report` and `RenewalReport` gather them.
`result()` builds a Requirement from a rule of `standards.RULE_SET`, so titles and
sources are never retyped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sendfolio.domain.standards import RULE_SET


@dataclass(frozen=True)
class Requirement:
    """One rule's result: what was needed, what the records show, met or not, and why."""

    id: str
    title: str
    source: str
    need: str
    have: str
    met: bool
    detail: str = ""
    numeric_need: float | None = None
    numeric_have: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of `sendfolio check --json`."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "need": self.need,
            "have": self.have,
            "met": self.met,
            "detail": self.detail,
        }

    @property
    def progress(self) -> float | None:
        """How far along a numeric rule is, from 0.0 to 1.0 (None when not numeric)."""
        if self.numeric_need is None or self.numeric_have is None:
            return None
        if self.numeric_need <= 0:
            return 1.0 if self.met else 0.0
        return max(0.0, min(1.0, self.numeric_have / self.numeric_need))


@dataclass(frozen=True)
class Report:
    """The requirements of accreditation or passporting, and whether all are met."""

    met: bool
    requirements: tuple[Requirement, ...]

    def requirement(self, rule_id: str) -> Requirement:
        """The result of one rule, or KeyError naming the rule."""
        for item in self.requirements:
            if item.id == rule_id:
                return item
        raise KeyError(f"no requirement '{rule_id}' in this report")

    @property
    def unmet(self) -> tuple[Requirement, ...]:
        """The requirements not yet met."""
        return tuple(item for item in self.requirements if not item.met)

    def to_dict(self) -> dict[str, Any]:
        """{"met", "requirements"} as in `sendfolio check --json`."""
        return {"met": self.met, "requirements": [item.to_dict() for item in self.requirements]}


@dataclass(frozen=True)
class RenewalReport(Report):
    """The annual re-registration requirements of one registration year."""

    year_start: date = date.min
    year_end: date = date.max

    def to_dict(self) -> dict[str, Any]:
        """{"year_start", "year_end", "met", "requirements"} as in `sendfolio check --json`."""
        return {"year_start": self.year_start.isoformat(), "year_end": self.year_end.isoformat(), **super().to_dict()}


def result(
    rule_id: str, need: str, have: str, met: bool, detail: str = "", numeric: tuple[float, float] | None = None
) -> Requirement:
    """A Requirement for a rule of the rule set; `numeric` is (need, have) for progress bars."""
    rule = RULE_SET.rule(rule_id)
    numeric_need, numeric_have = numeric if numeric else (None, None)
    return Requirement(
        id=rule.id,
        title=rule.title,
        source=rule.source,
        need=need,
        have=have,
        met=met,
        detail="" if met else detail,
        numeric_need=numeric_need,
        numeric_have=numeric_have,
    )


def at_least(have: float, need: float) -> bool:
    """True when `have` reaches `need`, comparing hours to the hundredth (no float dust)."""
    return round(have, 2) >= round(need, 2)
