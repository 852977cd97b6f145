"""How the portfolio words values: dates, hours and the labels of coded values.

Pure functions and tables, used by the document model and as Jinja filters.
"""

from __future__ import annotations

import re
from datetime import date

from sendfolio.domain.records import DEBRIEF_TITLES

LABELS = {
    "mediation": "Mediation",
    "disagreement-resolution": "Disagreement resolution",
    "observer": "Observer",
    "co-mediator": "Co-mediator",
    "lead": "Lead",
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
    "met": "Met",
    "missed": "Missed",
    "overdue": "Overdue",
    "due": "Due",
    "unknown": "Unknown",
}
"""Plain words for the coded values of records (kinds, roles, outcomes, methods, modes)."""

FOUNDATION_CRITERIA = {
    "process-principles": "Covers the process and principles of mediation",
    "role-play-skills": "Develops skills through role play",
    "role-play-assessment": "Assessment through role play",
    "written-assignment": "Assessment through a written assignment",
}
"""The §1.1 criteria of a foundation course, in the standards' words."""

SEND_MODULE_TITLES = {
    "legislative-framework": "Module 1: Legislative framework",
    "send-context": "Module 2: Contextual knowledge of SEND",
    "mediation-practice": "Module 3: Mediation principles, practice and the conduct of cases",
    "local-processes": "Module 4: Local processes and procedures",
}
"""The four modules of SEND training (§2.2, Appendix B)."""

BODY_TITLES = {
    "CMC": "Civil Mediation Council (CMC)",
    "COM": "College of Mediators (COM)",
}
"""Full names of the membership bodies."""

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


def label(value: str) -> str:
    """The plain-words label of a coded value (the value itself when unknown)."""
    if not value:
        return ""
    return LABELS.get(value, value)


def long_date(value: date | None) -> str:
    """A date written the British way: 3 March 2025 (empty for none)."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def short_date(value: date | None) -> str:
    """A compact date for tables: 03/03/2025 (a dash for none)."""
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y")


def hours(value: float | None) -> str:
    """Hours as a decimal with at most two places: 1.5, 12, 0.75."""
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def hours_h(value: float | None) -> str:
    """Hours with their unit: 1.5 h."""
    return f"{hours(value)} h"


def body_title(code: str) -> str:
    """The full name of a membership or recognising body, or the text given."""
    return BODY_TITLES.get(code.upper(), code) if code else ""


def debrief_title(key: str) -> str:
    """The Form 3 heading of a de-brief key."""
    return DEBRIEF_TITLES.get(key, key)


def anchor(*parts: str) -> str:
    """An HTML id made of the parts: lower-case letters, digits and -."""
    joined = "-".join(parts).lower()
    return re.sub(r"[^a-z0-9]+", "-", joined).strip("-")


def sentence(text: str) -> str:
    """The text with its first letter in capitals, as a table's first column reads."""
    return text[:1].upper() + text[1:] if text else ""


def yes_no(value: bool) -> str:
    """Yes or No."""
    return "Yes" if value else "No"


FILTERS = {
    "label": label,
    "long_date": long_date,
    "short_date": short_date,
    "hours": hours,
    "hours_h": hours_h,
    "body_title": body_title,
    "debrief_title": debrief_title,
    "yes_no": yes_no,
    "sentence": sentence,
}
"""The Jinja filters the templates use, by name."""
