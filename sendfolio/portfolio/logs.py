"""The log parts of the document model: reflections, the CPD diary, PPC sessions.

Pure: records and the rules' answers (`rules.assess`, `rules.cpd_years`) in, frozen view objects out. Shared by
the portfolio and the renewal pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendfolio import rules
from sendfolio.domain.records import CPD_METHODS, PPC_MODES, CPDEntry, FolioData, PPCContact, PPCSession, Reflection
from sendfolio.domain.wording import short_date, span
from sendfolio.portfolio.casework import case_anchor, reflection_anchor, reflection_key


@dataclass(frozen=True)
class ReflectionView:
    """One reflection as printed: its anchor, and the case it is about if that case is written up."""

    reflection: Reflection
    anchor: str
    case_anchor: str


@dataclass(frozen=True)
class Reflections:
    """The reflections of the period and the hours the rules engine counts."""

    items: tuple[ReflectionView, ...]
    total_hours: float
    counted_hours: float


def reflections(written: tuple[Reflection, ...], counted_hours: float, practice_refs: set[str]) -> Reflections:
    """Every reflection with the mediator's own words (`written`) in date order, linked to its case's commentary
    where there is one; `counted_hours` are the hours the rules count."""
    ordered = sorted(written, key=lambda item: (item.date, item.title))
    items = tuple(
        ReflectionView(
            reflection=item,
            anchor=reflection_anchor(item, index),
            case_anchor=case_anchor(item.case) if item.case in practice_refs else "",
        )
        for index, item in enumerate(ordered)
    )
    return Reflections(
        items=items,
        total_hours=round(sum(item.hours for item in ordered), 2),
        counted_hours=counted_hours,
    )


def reflection_anchors(section: Reflections) -> dict[str, str]:
    """The anchor of each reflection by its key, for links from the case commentaries."""
    return {reflection_key(view.reflection): view.anchor for view in section.items}


@dataclass(frozen=True)
class CPDLog:
    """The CPD diary: entries, totals per registration year, and hours by method."""

    entries: tuple[CPDEntry, ...]
    years: tuple[rules.CPDYear, ...]
    methods: tuple[str, ...]
    total: float
    spans: tuple[str, ...] = ()
    """Per year, the part of it the totals cover: "1 Apr 2025 – 31 Mar 2026", or "9 Jan – 31 Mar 2026, part year"."""

    def method_hours(self, method: str) -> tuple[float, ...]:
        """Hours of one method in each year, in the order of `years`."""
        return tuple(year.by_method.get(method, 0.0) for year in self.years)

    def method_total(self, method: str) -> float:
        """Hours of one method over all the years shown."""
        return round(sum(self.method_hours(method)), 2)


def cpd_log(
    cpd: tuple[CPDEntry, ...], years: tuple[rules.CPDYear, ...], covers: tuple[date, date] | None = None
) -> CPDLog:
    """The CPD diary of the entries given, with the rules' totals of each registration year (`rules.cpd_years`);
    `covers`: the period the entries were taken from, so each year's column names the part of it counted."""
    entries = tuple(sorted(cpd, key=lambda item: (item.date, item.title)))
    used = {method for year in years for method in year.by_method}
    return CPDLog(
        entries=entries,
        years=years,
        methods=tuple(m for m in CPD_METHODS if m in used),
        total=round(sum(year.total for year in years), 2),
        spans=tuple(year_span(year.start, year.end, covers) for year in years),
    )


def year_span(start: date, end: date, covers: tuple[date, date] | None) -> str:
    """The part of a registration year within `covers`, in words, said to be part of the year when it is."""
    first, last = (max(start, covers[0]), min(end, covers[1])) if covers else (start, end)
    if (first, last) == (start, end):
        return span(start, end)
    head = f"{first.day} {first:%b}" if first.year == last.year else short_date(first)
    return f"{head} – {short_date(last)}, part year"


@dataclass(frozen=True)
class PPCLog:
    """Supervision and mentoring with the PPC: sessions, hours, and how they were held."""

    contact: PPCContact | None
    sessions: tuple[PPCSession, ...]
    total_hours: float
    by_mode: tuple[tuple[str, int, float], ...]


def ppc_log(data: FolioData) -> PPCLog:
    """The PPC sessions in date order with totals by mode."""
    sessions = tuple(sorted(data.ppc_sessions, key=lambda item: (item.date, item.ppc)))
    by_mode = tuple(
        (mode, len(found), round(sum(item.hours for item in found), 2))
        for mode in PPC_MODES
        if (found := [item for item in sessions if item.mode == mode])
    )
    return PPCLog(
        contact=data.ppc_contact,
        sessions=sessions,
        total_hours=round(sum(item.hours for item in sessions), 2),
        by_mode=by_mode,
    )
