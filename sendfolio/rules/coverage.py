"""Coverage of the Forms 1–3 criteria over the practice cases. Pure.

A criterion is shown in a case by an observation of it (by any observer: it counts once), or --
for Form 3's De-brief and Supervision criteria -- by a de-brief that writes under its heading
(`DEBRIEF_CRITERIA`), the mediator's or an observer's return's, so the coverage and a case's
de-brief can never disagree. Each showing keeps who recorded it:
an observer on a returned form, or the mediator. The profile's `returned_forms_only`
counts only what came back on returned forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendfolio.domain.criteria import CRITERIA, DEBRIEF_CRITERIA, Criterion
from sendfolio.domain.records import Case, FolioData
from sendfolio.rules.evidence import practice_cases
from sendfolio.rules.returns import tick_provenance


@dataclass(frozen=True)
class Showing:
    """One criterion shown in one case: from an observation or the de-brief, and who recorded it."""

    ref: str
    returned: bool
    provenance: str
    from_debrief: bool = False
    observer: str = ""


@dataclass(frozen=True)
class CoverageRow:
    """One criterion and the practice cases in which it was shown (and counted)."""

    criterion: Criterion
    refs: tuple[str, ...]
    showings: tuple[Showing, ...] = ()

    @property
    def shown(self) -> bool:
        """True when the criterion was shown (and counted) in at least one practice case."""
        return bool(self.refs)

    @property
    def returned_refs(self) -> tuple[str, ...]:
        """The practice cases where an observer's returned form shows it."""
        return tuple(item.ref for item in self.showings if item.returned)

    @property
    def backed(self) -> bool:
        """True when a returned form shows it in at least one practice case."""
        return any(item.returned for item in self.showings)

    def showing(self, ref: str) -> Showing | None:
        """How it was shown in one case, if it was."""
        return next((item for item in self.showings if item.ref == ref), None)


@dataclass(frozen=True)
class Coverage:
    """The criteria × practice cases matrix of Forms 1–3."""

    cases: tuple[Case, ...]
    rows: tuple[CoverageRow, ...]
    missing: tuple[str, ...]
    unknown: tuple[str, ...] = ()
    returned_only: bool = False

    @property
    def complete(self) -> bool:
        """True when every criterion was shown at least once."""
        return not self.missing

    @property
    def backed(self) -> int:
        """How many criteria a returned form shows in some practice case."""
        return sum(row.backed for row in self.rows)

    def row(self, criterion_id: str) -> CoverageRow:
        """The row of one criterion, or KeyError."""
        for item in self.rows:
            if item.criterion.id == criterion_id:
                return item
        raise KeyError(f"'{criterion_id}' is not a criterion of Forms 1–3")


def showings(data: FolioData, cases: tuple[Case, ...]) -> dict[str, list[Showing]]:
    """Every criterion id with how it was shown in each of `cases` (in their order)."""
    wanted = {case.ref for case in cases}
    found: dict[tuple[str, str], Showing] = {}
    for item in data.observations:
        if item.ref in wanted:
            old = found.get((item.criterion, item.ref))
            if old is not None and (old.returned or not item.returned):
                continue  # a criterion counts once in a case; a returned form's tick is the one shown
            observer = item.observer if item.returned else ""
            found[(item.criterion, item.ref)] = Showing(
                item.ref, item.returned, tick_provenance(data, item), observer=observer
            )
    for back in data.returns:
        if back.ref not in wanted or not back.current:
            continue
        for crit_id, heading in DEBRIEF_CRITERIA.items():
            old = found.get((crit_id, back.ref))
            if back.debrief.get(heading, "").strip() and (old is None or not old.returned):
                found[(crit_id, back.ref)] = Showing(back.ref, True, back.debrief_provenance(), True, back.observer)
    for case in cases:
        for crit_id, heading in DEBRIEF_CRITERIA.items():
            if not case.debrief.get(heading, "").strip():
                continue
            returned = heading in case.debrief_returned
            old = found.get((crit_id, case.ref))
            if old is None or (returned and not old.returned):
                observer = case.debrief_by if returned else ""
                found[(crit_id, case.ref)] = Showing(
                    case.ref, returned, case.debrief_provenance(heading), True, observer
                )
    order = {case.ref: index for index, case in enumerate(cases)}
    grouped: dict[str, list[Showing]] = {}
    for (crit_id, _), showing in sorted(found.items(), key=lambda pair: order[pair[0][1]]):
        grouped.setdefault(crit_id, []).append(showing)
    return grouped


def coverage(data: FolioData) -> Coverage:
    """Which criteria were shown in which practice cases; `missing` lists those never shown (counted)."""
    cases = practice_cases(data)
    returned_only = data.profile.returned_forms_only
    grouped = showings(data, cases)
    rows = tuple(
        CoverageRow(
            criterion=crit,
            refs=tuple(item.ref for item in grouped.get(crit.id, ()) if item.returned or not returned_only),
            showings=tuple(grouped.get(crit.id, ())),
        )
        for crit in CRITERIA
    )
    known = {crit.id for crit in CRITERIA}
    return Coverage(
        cases=cases,
        rows=rows,
        missing=tuple(row.criterion.id for row in rows if not row.refs),
        unknown=tuple(sorted(set(grouped) - known)),
        returned_only=returned_only,
    )
