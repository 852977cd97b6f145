"""England's bank holidays, worked out here: the standing rules, substitute days and the one-off days.

API: `england_bank_holidays(years) -> dict[date, str]`, each holiday's date and name, for the
years given. The names are the ones the deadlines show when a day is not a working day
("Good Friday", "Boxing Day (observed)").

The rules (Banking and Financial Dealings Act 1971 and the proclamations since):
New Year's Day (from 1974), Good Friday, Easter Monday, the early May bank holiday (first
Monday in May, from 1978), the spring bank holiday (last Monday in May, from 1971; Whit Monday
before), the late summer bank holiday (last Monday in August, from 1971), Christmas Day and
Boxing Day. A New Year's, Christmas or Boxing Day on a weekend has its substitute on the next
weekday not already a holiday. Proclamations moved some days (`MOVED`) and added others
(`ONE_OFF`); both tables need a line when a new one is proclaimed.

Built here rather than with the `holidays` package, whose start-up imports every country's
calendar on each app start and command: `tests/domain/test_bank_holidays.py` checks
this calendar against that package's England calendar for every year a record can hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

ONE_OFF = {
    date(1977, 6, 7): "Silver Jubilee of Elizabeth II",
    date(1981, 7, 29): "Wedding of Charles and Diana",
    date(1999, 12, 31): "Millennium Celebrations",
    date(2002, 6, 3): "Golden Jubilee of Elizabeth II",
    date(2011, 4, 29): "Wedding of William and Catherine",
    date(2012, 6, 5): "Diamond Jubilee of Elizabeth II",
    date(2022, 6, 3): "Platinum Jubilee of Elizabeth II",
    date(2022, 9, 19): "State Funeral of Queen Elizabeth II",
    date(2023, 5, 8): "Coronation of Charles III",
}
"""Bank holidays proclaimed for one year only."""

MOVED = {
    (1995, "May Day"): date(1995, 5, 8),
    (2020, "May Day"): date(2020, 5, 8),
    (2002, "Spring Bank Holiday"): date(2002, 6, 4),
    (2012, "Spring Bank Holiday"): date(2012, 6, 4),
    (2022, "Spring Bank Holiday"): date(2022, 6, 2),
}
"""(year, holiday): the day a proclamation moved a standing bank holiday to that year."""


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def first_monday(year: int, month: int) -> date:
    """The first Monday of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=-first.weekday() % 7)


def last_monday(year: int, month: int) -> date:
    """The last Monday of a month."""
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def standing_days(year: int) -> dict[str, date]:
    """The year's standing bank holidays by name, on their days (before moves and substitutes)."""
    easter = easter_sunday(year)
    days = {"Good Friday": easter - timedelta(days=2), "Easter Monday": easter + timedelta(days=1)}
    if year >= 1974:
        days["New Year's Day"] = date(year, 1, 1)
    if year >= 1978:
        days["May Day"] = first_monday(year, 5)
    if year >= 1971:
        days["Spring Bank Holiday"] = last_monday(year, 5)
        days["Late Summer Bank Holiday"] = last_monday(year, 8)
    else:
        days["Pentecost Monday"] = easter + timedelta(days=50)
    days["Christmas Day"] = date(year, 12, 25)
    days["Boxing Day"] = date(year, 12, 26)
    return {name: MOVED.get((year, name), day) for name, day in days.items()}


def year_bank_holidays(year: int) -> dict[date, str]:
    """One year's bank holidays: standing, moved, one-off, and the substitutes for weekend ones."""
    holidays = {day: name for name, day in standing_days(year).items()}
    holidays.update((day, name) for day, name in ONE_OFF.items() if day.year == year)
    for name, day in (
        ("New Year's Day", date(year, 1, 1)),
        ("Christmas Day", date(year, 12, 25)),
        ("Boxing Day", date(year, 12, 26)),
    ):
        if holidays.get(day) == name and day.weekday() >= 5:
            substitute = day + timedelta(days=1)
            while substitute.weekday() >= 5 or substitute in holidays:
                substitute += timedelta(days=1)
            holidays[substitute] = f"{name} (observed)"
    return holidays


def england_bank_holidays(years: Iterable[int]) -> dict[date, str]:
    """England's bank holidays in the years given, by date (each with its name)."""
    holidays: dict[date, str] = {}
    for year in years:
        holidays.update(year_bank_holidays(year))
    return holidays
