"""Registration years. Pure.

A registration year starts on the anniversary in the profile (29 February falls on
1 March in other years); without one, it is the calendar year.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

from sendfolio.domain.records import Profile


class DatedHours(Protocol):
    """A record with a date and hours (a PPC session, a CPD entry)."""

    @property
    def date(self) -> date:
        """When it happened."""
        ...

    @property
    def hours(self) -> float:
        """How long it took."""
        ...


def anniversary_in(anniversary: date, year: int) -> date:
    """The anniversary's day in `year`; 29 February falls on 1 March in other years."""
    try:
        return anniversary.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def registration_year(profile: Profile, year: int) -> tuple[date, date]:
    """(first day, last day) of the registration year beginning in `year`."""
    anniversary = profile.registration_anniversary
    if anniversary is None:
        return date(year, 1, 1), date(year, 12, 31)
    start = anniversary_in(anniversary, year)
    return start, anniversary_in(anniversary, year + 1) - timedelta(days=1)


def current_registration_year(profile: Profile, today: date) -> int:
    """The year in which the registration year containing `today` began."""
    start, _ = registration_year(profile, today.year)
    return today.year if today >= start else today.year - 1


def renews_on(profile: Profile, today: date) -> date:
    """The day the registration next renews: the first day of the registration year after the one holding `today`."""
    start, _ = registration_year(profile, current_registration_year(profile, today) + 1)
    return start


def in_period(when: date, start: date, end: date) -> bool:
    """True when `when` falls from `start` to `end`, both included."""
    return start <= when <= end


def year_label(profile: Profile, year: int) -> str:
    """A registration year as people say it: "2024", or "2024–25" when it starts after 1 January."""
    start, end = registration_year(profile, year)
    return str(year) if start.year == end.year else f"{year}–{str(end.year)[-2:]}"


def hours_by_year(profile: Profile, records: Iterable[DatedHours]) -> dict[int, float]:
    """The hours of `records` in each registration year that has any, newest year first."""
    totals: dict[int, float] = {}
    for record in records:
        year = current_registration_year(profile, record.date)
        totals[year] = totals.get(year, 0.0) + record.hours
    return dict(sorted(totals.items(), reverse=True))
