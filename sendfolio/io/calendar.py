"""The deadlines calendar: an iCalendar (.ics) file with one all-day event per statutory deadline.

Only the case reference identifies a case. `calendar_bytes(cleared, today, stamp)` is what
`sendfolio deadlines --ics` and the app's calendar screen write (through
`services.export.write_calendar`), from the records the privacy gate released.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import date, datetime, timedelta

from sendfolio.domain.cleared import ClearedFolio, require_cleared
from sendfolio.domain.records import FolioData
from sendfolio.domain.timescales import Deadline, all_deadlines, upcoming
from sendfolio.rules import PracticeDate, practice_dates

ICS_PRODID = "-//sendfolio//SEND mediation deadlines//EN"
"""The PRODID of the iCalendar files we write."""


def event_uid(deadline: Deadline) -> str:
    """A stable iCalendar UID for a case's deadline, so a re-import updates rather than duplicates."""
    digest = hashlib.sha256(f"{deadline.case}|{deadline.event}".encode()).hexdigest()[:24]
    return f"{digest}@sendfolio"


def practice_uid(entry: PracticeDate) -> str:
    """A stable iCalendar UID for a date of the provider's practice (a renewal, a lapse, a response due)."""
    digest = hashlib.sha256(f"practice|{entry.key}|{entry.due.isoformat()}".encode()).hexdigest()[:24]
    return f"{digest}@sendfolio"


def calendar_deadlines(data: FolioData, today: date, refs: Collection[str] | None = None) -> list[Deadline]:
    """The upcoming statutory deadlines of the cases `refs` (None: every case) as of `today`."""
    cases = [case for case in data.cases if refs is None or case.ref in refs]
    return list(upcoming(all_deadlines(cases, today)))


def calendar_bytes(
    cleared: ClearedFolio, today: date, stamp: datetime, *, refs: Collection[str] | None = None
) -> bytes:
    """An iCalendar file with one all-day event per upcoming deadline (of the cases `refs`, else every case).

    Only the case reference identifies a case; the records must have passed the privacy gate.
    Without `refs` it also holds the dates of the provider's practice (`rules.practice_dates`):
    the re-registration, the governance register's lapses and reviews, feedback responses due.
    """
    from icalendar import Calendar, Event

    data = require_cleared(cleared, "the deadlines calendar").data
    deadlines = calendar_deadlines(data, today, refs)
    practice: list[PracticeDate] = list(practice_dates(data, today)) if refs is None else []
    calendar = Calendar()
    calendar.add("prodid", ICS_PRODID)
    calendar.add("version", "2.0")
    for item in deadlines:
        if item.due is None:  # a step whose date cannot be worked out yet has no place in a calendar
            continue
        event = Event()
        event.add("uid", event_uid(item))
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.case}: {item.event}")
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("description", f"{item.rule}\nSource: {item.source}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    for entry in practice:
        event = Event()
        event.add("uid", practice_uid(entry))
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("dtstart", entry.due)
        event.add("dtend", entry.due + timedelta(days=1))
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
