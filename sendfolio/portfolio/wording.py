"""How the portfolio words values: dates, hours and the labels of coded values.

Pure functions and tables, used by the document model and as Jinja filters.
"""

from __future__ import annotations

import re
from datetime import date

from sendfolio.domain.governance import CONDUCT_DECLARATIONS
from sendfolio.domain.records import DEBRIEF_TITLES, Case
from sendfolio.domain.standards import RULE_WORDS
from sendfolio.domain.wording import MONTHS, hours_text as _hours_text, long_date, numeric_date, words

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


label = words
"""The plain-words label of a coded value (the value itself when unknown)."""

short_date = numeric_date
"""A compact date for tables: 03/03/2025 (a dash for none)."""


def hours(value: float | None) -> str:
    """Hours as a decimal with at most two places: 1.5, 12, 0.75."""
    return _hours_text(value)


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


ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
"""A date written the ISO way inside a sentence."""


def prose_dates(text: str) -> str:
    """The text with every ISO date in it written the British way: 2026-01-02 becomes 2 January 2026."""

    def british(found: re.Match[str]) -> str:
        """One ISO date in words (left as it is when it is not a real date)."""
        try:
            return long_date(date(int(found.group(1)), int(found.group(2)), int(found.group(3))))
        except ValueError:
            return found.group(0)

    return ISO_DATE.sub(british, text or "")


def step_date(value: date | None, coarse: bool = False, long: bool = False) -> str:
    """A statutory step's date: 03/04/2026 (or 3 April 2026 when `long`), or only April 2026 when `coarse`."""
    if value is None:
        return "—"
    if coarse:
        return f"{MONTHS[value.month - 1]} {value.year}"
    return long_date(value) if long else numeric_date(value)


def standard_words(rule_id: str) -> str:
    """The requirement in the standards' own words (empty when none is kept)."""
    return RULE_WORDS.get(rule_id, "")


CONDUCT_ANSWER_WORDS = {"yes": "Yes", "no": "No", "not-applicable": "Not applicable", "": "Not answered"}
"""A conduct declaration's answer, as the case page prints it."""


def conduct(case: Case) -> list[tuple[str, str, str, str]]:
    """A case's conduct declarations (Appendix D §3-4) as (title, paragraph, answer, note); none when none is answered."""
    answers = [getattr(case, item.field, "") for item in CONDUCT_DECLARATIONS]
    if not any(answers):
        return []
    return [
        (item.title, item.paragraph, CONDUCT_ANSWER_WORDS[answer], getattr(case, item.note_field, ""))
        for item, answer in zip(CONDUCT_DECLARATIONS, answers, strict=True)
    ]


FILTERS = {
    "conduct": conduct,
    "standard_words": standard_words,
    "step_date": step_date,
    "prose_dates": prose_dates,
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
