"""The deadlines calendar: an iCalendar (.ics) file with one all-day event per statutory deadline.

Only the case reference identifies a case. `calendar_bytes(deadlines, stamp)` is what
`sendfolio deadlines --ics` and the app's calendar screen write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from sendfolio.domain.timescales import Deadline
from sendfolio.rules import PracticeDate

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


def calendar_bytes(deadlines: Sequence[Deadline], stamp: datetime, practice: Sequence[PracticeDate] = ()) -> bytes:
    """An iCalendar file with one all-day event per deadline; only the case reference identifies a case.

    `practice` adds the dates of the provider's practice (`rules.practice_dates`): the
    re-registration, the governance register's lapses and reviews, feedback responses due.
    """
    from icalendar import Calendar, Event

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
    return calendar.to_ical()
