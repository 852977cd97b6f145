"""Coverage of the Forms 1–3 criteria over the practice cases. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from sendfolio.domain.records import Case, FolioData
from sendfolio.domain.standards import CRITERIA, Criterion
from sendfolio.rules.evidence import practice_cases


@dataclass(frozen=True)
class CoverageRow:
    """One criterion and the practice cases in which it was shown."""

    criterion: Criterion
    refs: tuple[str, ...]

    @property
    def shown(self) -> bool:
        """True when the criterion was shown in at least one practice case."""
        return bool(self.refs)


@dataclass(frozen=True)
class Coverage:
    """The criteria × practice cases matrix of Forms 1–3."""

    cases: tuple[Case, ...]
    rows: tuple[CoverageRow, ...]
    missing: tuple[str, ...]
    unknown: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every criterion was shown at least once."""
        return not self.missing

    def row(self, criterion_id: str) -> CoverageRow:
        """The row of one criterion, or KeyError."""
        for item in self.rows:
            if item.criterion.id == criterion_id:
                return item
        raise KeyError(f"'{criterion_id}' is not a criterion of Forms 1–3")


def coverage(data: FolioData) -> Coverage:
    """Which criteria were shown in which practice cases; `missing` lists those never shown."""
    cases = practice_cases(data)
    order = {case.ref: index for index, case in enumerate(cases)}
    shown: dict[str, set[str]] = {}
    for item in data.observations:
        if item.ref in order:
            shown.setdefault(item.criterion, set()).add(item.ref)
    rows = tuple(
        CoverageRow(criterion=crit, refs=tuple(sorted(shown.get(crit.id, ()), key=order.__getitem__)))
        for crit in CRITERIA
    )
    known = {crit.id for crit in CRITERIA}
    return Coverage(
        cases=cases,
        rows=rows,
        missing=tuple(row.criterion.id for row in rows if not row.refs),
        unknown=tuple(sorted(set(shown) - known)),
    )
