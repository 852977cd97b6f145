"""How the demo's dates are worked out: so many days before the day it is made."""

from __future__ import annotations

from datetime import date, timedelta


def day(today: date, days_ago: int) -> str:
    """The ISO date `days_ago` days before `today` (negative: in the future)."""
    return (today - timedelta(days=days_ago)).isoformat()


def weekday(today: date, days_ago: int) -> str:
    """Like `day`, moved back to the Friday when it falls at a weekend (meetings, courses)."""
    day = today - timedelta(days=days_ago)
    return (day - timedelta(days=max(0, day.weekday() - 4))).isoformat()
