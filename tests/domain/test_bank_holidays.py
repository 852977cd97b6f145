"""England's bank holidays as sendfolio works them out, against the `holidays` package's England calendar."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from sendfolio.domain.bank_holidays import easter_sunday, england_bank_holidays
from sendfolio.domain.timescales import CALENDAR_YEARS, bank_holidays, non_working_reason

PACKAGE_YEARS = range(CALENDAR_YEARS.start, 2101)
"""The years the package's calendar covers (it has no England holidays after 2100)."""

NEW_YEAR_1974 = date(1974, 1, 1)
"""The first New Year's Day bank holiday in England (by proclamation); the package starts it a year late."""


def test_every_year_a_record_can_hold_matches_the_holidays_package():
    """Same dates and names as `holidays.country_holidays("GB", subdiv="ENG")`, 1969 to 2100."""
    package = dict(holidays.country_holidays("GB", subdiv="ENG", years=PACKAGE_YEARS, expand=False))
    ours = england_bank_holidays(PACKAGE_YEARS)
    assert ours.pop(NEW_YEAR_1974) == "New Year's Day"
    assert ours == package


def test_the_calendar_reaches_past_the_packages_years():
    """A deadline may fall in the year after the latest record: those years have their holidays too."""
    assert bank_holidays()[date(2101, 12, 26)] == "Boxing Day"
    assert max(CALENDAR_YEARS) == 2101 and date(2101, 12, 27) in bank_holidays()


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2022-06-02", "Spring Bank Holiday"),  # moved for the Platinum Jubilee
        ("2022-06-03", "Platinum Jubilee of Elizabeth II"),
        ("2020-05-08", "May Day"),  # moved to VE Day
        ("2021-12-28", "Boxing Day (observed)"),  # Christmas on a Saturday, Boxing Day on the Sunday
        ("2022-12-27", "Christmas Day (observed)"),  # Christmas on a Sunday, Boxing Day on the Monday
        ("2022-01-03", "New Year's Day (observed)"),
        ("2025-04-18", "Good Friday"),
        ("2025-08-25", "Late Summer Bank Holiday"),
        ("2025-08-23", "Saturday"),
        ("2025-08-26", ""),
    ],
)
def test_why_a_day_is_not_a_working_day(day, reason):
    """The reason a deadline gives for skipping a day."""
    assert non_working_reason(date.fromisoformat(day)) == reason


def test_easter():
    """Easter Sunday, checked against published dates."""
    assert [easter_sunday(year) for year in (2000, 2019, 2024, 2025, 2038)] == [
        date(2000, 4, 23),
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2038, 4, 25),
    ]
