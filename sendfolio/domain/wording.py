"""The one set of wording helpers: dates, counts with their nouns, hours, date windows, choices in words.

Every screen, report and command words these the same way by calling these functions;
nothing here does I/O or knows about a screen.

API::

    short_date(date(2025, 3, 15))        # "15 Mar 2025" ("—" for None): screens, tables, messages
    long_date(date(2025, 3, 3))          # "3 March 2025" ("" for None): the portfolio's prose
    numeric_date(date(2025, 3, 3))       # "03/03/2025" ("—" for None): the portfolio's compact tables
    span(start, end)                     # "1 Apr 2025 – 31 Mar 2026"
    days_until(due, today)               # "in 3 days", "today", "tomorrow", "2 days ago"
    count(1, "PPC session")              # "1 PPC session"; count(3, "CPD entry", "CPD entries")
    hours_text(1.50)                     # "1.5" (at most two places, no trailing zeros)
    words("disagreement-resolution")     # "Disagreement resolution" (the value itself when unknown)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names, for dates written the British way."""

CHOICE_WORDS = {
    "mediation": "Mediation",
    "disagreement-resolution": "Disagreement resolution",
    "observer": "Observer",
    "co-mediator": "Co-mediator",
    "lead": "Lead",
    "booked": "Booked",
    "held": "Held",
    "agreement": "Agreement",
    "partial-agreement": "Partial agreement",
    "no-agreement": "No agreement",
    "withdrawn": "Withdrawn",
    "not-held": "Not held",
    "training": "Training",
    "refresher": "Refresher training",
    "reading": "Reading",
    "role-play": "Role play",
    "team-discussion": "Team discussion",
    "conference": "Conference",
    "peer-observation": "Peer observation",
    "user-feedback": "Feedback from users",
    "supervision": "Supervision",
    "other": "Other",
    "one-to-one": "One-to-one",
    "group": "Group",
    "observation": "Observation",
    "foundation": "Foundation course",
    "send": "SEND training",
    "new": "New accreditation (standards §1.1–1.3)",
    "passported": "Passported (standards §1.6, Form 5)",
    "process-principles": "Process and principles of mediation",
    "role-play-skills": "Skills through role play",
    "role-play-assessment": "Assessment by role play",
    "written-assignment": "Assessment by written assignment",
    "legislative-framework": "Legislative framework",
    "send-context": "Contextual knowledge of SEND",
    "mediation-practice": "Mediation practice and the conduct of cases",
    "local-processes": "Local processes and procedures",
    "met": "Met",
    "missed": "Missed",
    "overdue": "Overdue",
    "due": "Due",
    "unknown": "Unknown",
    "passed": "Date passed",
}
"""Plain words for the coded values of records (kinds, roles, statuses, outcomes, methods, modes)."""


def words(value: str) -> str:
    """The plain words of a coded value ("" for none; the value itself when unknown)."""
    if not value:
        return ""
    return CHOICE_WORDS.get(value, value)


def in_sentence(text: str) -> str:
    """Words put inside a sentence: the first letter small, but a first word in capitals (SEND, PPC) kept as written."""
    first = text.split(" ", 1)[0]
    if not text or (first.isupper() and len(first) > 1):
        return text
    return text[:1].lower() + text[1:]


def short_date(value: date | None) -> str:
    """A date as screens and messages show it: `15 Mar 2025`, or a dash when there is none."""
    return f"{value.day} {value:%b %Y}" if value else "—"


def long_date(value: date | None) -> str:
    """A date written out the British way: 3 March 2025 (empty for none)."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def numeric_date(value: date | None) -> str:
    """A compact date for printed tables: 03/03/2025 (a dash for none)."""
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y")


def span(start: date, end: date) -> str:
    """A date window in words: `1 Apr 2025 – 31 Mar 2026`."""
    return f"{short_date(start)} – {short_date(end)}"


def days_until(due: date, today: date) -> str:
    """How far a date is from today, in words: `in 3 days`, `today`, `tomorrow`, `yesterday`, `2 days ago`."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {count(days, 'day')}" if days > 0 else f"{count(-days, 'day')} ago"


def count(number: int, one: str, many: str | None = None) -> str:
    """A number with its noun in the right form: `1 case`, `3 cases`, `2 CPD entries`."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def hours_words(value: float) -> str:
    """Hours with their noun, as people write them: `1 hour`, `0.5 hours`, `12 hours`."""
    return f"{hours_text(value)} {'hour' if value == 1 else 'hours'}"


def hours_text(value: float | None) -> str:
    """Hours (or a count) as people write them: 12, 11.9, 0.25 (a dash for none)."""
    if value is None:
        return "—"
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def forms_words(numbers: Iterable[int | str]) -> str:
    """Observation forms named as people write them: "Form 2", "Forms 1 and 3", "Forms 1, 2 and 3"."""
    listed = [str(number) for number in sorted({int(number) for number in numbers})]
    if len(listed) == 1:
        return f"Form {listed[0]}"
    return f"Forms {', '.join(listed[:-1])} and {listed[-1]}"
