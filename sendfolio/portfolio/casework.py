"""The casework parts of the document model: case log, commentaries, timescales, coverage.

Pure: the rules' assessment of the period (`rules.assess`) in, frozen view objects out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sendfolio import rules
from sendfolio.domain.criteria import CRITERIA_IDS, FORM_TITLES, Criterion, criterion, is_criterion
from sendfolio.domain.records import DEBRIEF_HEADINGS, Case, FolioData, Observation, Reflection
from sendfolio.domain.timescales import PROCESS_STATUSES, Deadline, case_deadlines, is_informational, non_working_reason
from sendfolio.portfolio.case_forms import CaseForms, case_forms, link_for
from sendfolio.portfolio.wording import anchor, debrief_title

MATRIX_CASES_MAX = 12
"""Up to this many practice cases the coverage is a criteria × cases matrix; beyond, a count per criterion."""


def case_anchor(ref: str) -> str:
    """The HTML id of a case's commentary."""
    return anchor("case", ref)


def reflection_anchor(reflection: Reflection, index: int) -> str:
    """The HTML id of a reflection (its record id, else its position)."""
    return anchor("reflection", reflection.id or str(index + 1))


@dataclass(frozen=True)
class CaseRow:
    """One line of the case log."""

    case: Case
    practice: bool
    anchor: str


@dataclass(frozen=True)
class CaseLog:
    """Every case of the period, with the totals the rules engine counts."""

    rows: tuple[CaseRow, ...]
    casework_hours: float
    observer_hours: float
    practice_start: date | None
    practice_count: int


def case_log(found: rules.Assessment) -> CaseLog:
    """The case log: all cases of the period in date order; practice cases marked and linked."""
    practice = {case.ref for case in found.practice_cases}
    ordered = sorted(found.records.cases, key=lambda case: (case.date, case.ref))
    rows = tuple(
        CaseRow(case=case, practice=case.ref in practice, anchor=case_anchor(case.ref) if case.ref in practice else "")
        for case in ordered
    )
    return CaseLog(
        rows=rows,
        casework_hours=found.casework_hours,
        observer_hours=found.observer_hours,
        practice_start=found.practice_start,
        practice_count=len(practice),
    )


@dataclass(frozen=True)
class Shown:
    """A criterion demonstrated in a case, with who saw it and the evidence noted."""

    id: str
    text: str
    observer: str
    notes: str


@dataclass(frozen=True)
class ShownGroup:
    """The criteria shown in one case under one form and section."""

    form: int
    form_title: str
    section: str
    items: tuple[Shown, ...]


@dataclass(frozen=True)
class Commentary:
    """One practice case written up: role, hours, issues, timescales, criteria and de-brief."""

    number: int
    case: Case
    anchor: str
    deadlines: tuple[Deadline, ...]
    groups: tuple[ShownGroup, ...]
    shown_count: int
    debrief: tuple[tuple[str, str], ...]
    reflections: tuple[tuple[str, str], ...]
    forms: CaseForms | None = None
    final: bool = False
    others: tuple[OtherDeadline, ...] = ()
    non_working: str = ""


@dataclass(frozen=True)
class OtherDeadline:
    """Another party's deadline around a case: shown for information, never counted as met or missed."""

    deadline: Deadline
    whose: str
    passed: bool


WHOSE = {
    "tribunal appeal deadline": "The family's: appeal to the tribunal",
    "LA acts on agreement": "The local authority's: act on the agreement (reg 42)",
    "health body tells LA": "The health body's: tell the local authority what it will do (reg 42)",
}
"""Whose deadline each informational event is, as the portfolio says it."""


def split_deadlines(case: Case, as_of: date) -> tuple[tuple[Deadline, ...], tuple[OtherDeadline, ...]]:
    """A case's deadlines: those the mediator's process keeps (counted), and other people's (for information)."""
    own, others = [], []
    for item in case_deadlines(case, as_of):
        if is_informational(item):
            passed = item.due is not None and item.due < as_of
            others.append(OtherDeadline(item, WHOSE.get(item.event, "Another party's"), passed))
        else:
            own.append(item)
    return tuple(own), tuple(others)


def shown_groups(observations: tuple[Observation, ...]) -> tuple[ShownGroup, ...]:
    """A case's observations grouped by form and section, in the forms' order."""
    known = [item for item in observations if is_criterion(item.criterion)]
    order = {crit_id: index for index, crit_id in enumerate(CRITERIA_IDS)}
    known.sort(key=lambda item: order[item.criterion])
    groups: dict[tuple[int, str], list[Shown]] = {}
    for item in known:
        crit = criterion(item.criterion)
        groups.setdefault((crit.form, crit.section), []).append(_shown(crit, item))
    return tuple(
        ShownGroup(form=form, form_title=FORM_TITLES[form], section=section, items=tuple(items))
        for (form, section), items in groups.items()
    )


def _shown(crit: Criterion, observation: Observation) -> Shown:
    """One demonstrated criterion as printed."""
    return Shown(id=crit.id, text=crit.text, observer=observation.observer, notes=observation.notes)


def debrief_rows(case: Case) -> tuple[tuple[str, str], ...]:
    """The case's de-brief under the Form 3 headings, in the form's order."""
    return tuple((debrief_title(key), case.debrief[key]) for key in DEBRIEF_HEADINGS if case.debrief.get(key))


def commentaries(found: rules.Assessment, reflection_ids: dict[str, str]) -> tuple[Commentary, ...]:
    """One commentary per practice case, in date order."""
    return tuple(
        _commentary(found, case, number, reflection_ids) for number, case in enumerate(found.practice_cases, start=1)
    )


def _commentary(found: rules.Assessment, case: Case, number: int, reflection_ids: dict[str, str]) -> Commentary:
    """The commentary of one practice case."""
    data, as_of = found.records, found.as_of
    groups = shown_groups(data.observations_for(case.ref))
    linked = tuple((reflection_ids[item_key], item.title) for item_key, item in _reflections_on(data, case.ref))
    own, others = split_deadlines(case, as_of)
    return Commentary(
        number=number,
        case=case,
        anchor=case_anchor(case.ref),
        deadlines=own,
        others=others,
        non_working=non_working_reason(case.date) if case.is_held else "",
        groups=groups,
        shown_count=sum(len(group.items) for group in groups),
        debrief=debrief_rows(case),
        reflections=linked,
        forms=case_forms(data, case, number, found.disagreements),
        final=case == found.final_case and case.role == "lead" and bool(case.observer_words),
    )


def _reflections_on(data: FolioData, ref: str) -> list[tuple[str, Reflection]]:
    """(key, reflection) for the reflections written about one case."""
    ordered = sorted(data.reflections, key=lambda item: (item.date, item.title))
    return [(reflection_key(item), item) for item in ordered if item.case == ref]


def reflection_key(item: Reflection) -> str:
    """A key naming a reflection uniquely enough to link to it."""
    return f"{item.id}|{item.date}|{item.title}"


@dataclass(frozen=True)
class TimescaleRow:
    """How one practice case kept to the statutory timescales."""

    ref: str
    anchor: str
    counts: tuple[int, ...]
    tracked: bool


@dataclass(frozen=True)
class TimescaleSummary:
    """Timescales met, missed, overdue, due and unknown over the practice cases."""

    statuses: tuple[str, ...]
    rows: tuple[TimescaleRow, ...]
    totals: tuple[int, ...]
    problems: tuple[Deadline, ...]
    others: int = 0
    non_working: tuple[tuple[str, str, date, str], ...] = ()


def timescale_summary(items: tuple[Commentary, ...]) -> TimescaleSummary:
    """Counts of each deadline status per practice case, the totals, and each one missed or overdue."""
    rows = []
    for item in items:
        counts = Counter(deadline.status for deadline in item.deadlines)
        rows.append(
            TimescaleRow(
                ref=item.case.ref,
                anchor=item.anchor,
                counts=tuple(counts.get(status, 0) for status in PROCESS_STATUSES),
                tracked=bool(item.deadlines),
            )
        )
    totals = tuple(sum(row.counts[index] for row in rows) for index in range(len(PROCESS_STATUSES)))
    problems = tuple(d for item in items for d in item.deadlines if d.status in ("missed", "overdue"))
    return TimescaleSummary(
        statuses=PROCESS_STATUSES,
        rows=tuple(rows),
        totals=totals,
        problems=problems,
        others=sum(len(item.others) for item in items),
        non_working=tuple(
            (item.case.ref, item.anchor, item.case.date, item.non_working) for item in items if item.non_working
        ),
    )


@dataclass(frozen=True)
class MatrixRow:
    """One criterion of the coverage matrix: shown in which practice cases."""

    criterion: Criterion
    marks: tuple[bool, ...]
    shown: bool
    links: tuple[str, ...] = ()
    returned: tuple[bool, ...] = ()

    @property
    def count(self) -> int:
        """In how many practice cases the criterion was shown."""
        return sum(self.marks)

    @property
    def first(self) -> int | None:
        """The column (0-based) of the first practice case that showed it, None when none did."""
        return self.marks.index(True) if self.shown else None


@dataclass(frozen=True)
class MatrixGroup:
    """The matrix rows of one form and section."""

    form: int
    form_title: str
    section: str
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class CoverageView:
    """The criteria × practice cases matrix, grouped by form and section."""

    refs: tuple[str, ...]
    anchors: tuple[str, ...]
    groups: tuple[MatrixGroup, ...]
    shown: int
    total: int
    missing: tuple[Criterion, ...]
    returned_only: bool = False
    backed: int = 0

    @property
    def wide(self) -> bool:
        """True when there are too many practice cases for one column each: print counts instead."""
        return len(self.refs) > MATRIX_CASES_MAX


def coverage_view(grid: rules.Coverage) -> CoverageView:
    """The coverage matrix from the rules' `coverage` of the period."""
    refs = tuple(case.ref for case in grid.cases)
    groups: dict[tuple[int, str], list[MatrixRow]] = {}
    for row in grid.rows:
        crit = row.criterion
        marks = tuple(ref in row.refs for ref in refs)
        showings = [row.showing(ref) for ref in refs]
        links = tuple(
            link_for(ref, crit.id, item.returned, item.observer) if item else "" for ref, item in zip(refs, showings)
        )
        returned = tuple(bool(item and item.returned) for item in showings)
        groups.setdefault((crit.form, crit.section), []).append(MatrixRow(crit, marks, bool(row.refs), links, returned))
    return CoverageView(
        refs=refs,
        anchors=tuple(case_anchor(ref) for ref in refs),
        groups=tuple(
            MatrixGroup(form, FORM_TITLES[form], section, tuple(items)) for (form, section), items in groups.items()
        ),
        shown=len(grid.rows) - len(grid.missing),
        total=len(grid.rows),
        missing=tuple(criterion(crit_id) for crit_id in grid.missing),
        returned_only=grid.returned_only,
        backed=grid.backed,
    )
