"""What Training and profile shows around its courses: the profile in a few lines, the courses' heading, a course
in full.

`profile_text` words the profile, the PPC and where documents go; `training_heading` the line above
the courses; `course_detail` the highlighted course, the columns a narrow table cuts off included.
"""

from __future__ import annotations

from pathlib import Path

from sendfolio.domain.records import PPCContact, Profile, Training
from sendfolio.domain.wording import hours_text, in_sentence, short_date, words
from sendfolio.services.outputs import shown_path


def profile_text(profile: Profile, contact: PPCContact | None = None, output: Path | None = None) -> str:
    """The profile, the PPC and where documents go in a few lines, with a dash for what is not filled in."""
    anniversary = (
        f"{profile.registration_anniversary:%-d %B}" if profile.registration_anniversary else "— (calendar year)"
    )
    membership = " ".join(part for part in (profile.membership_body, profile.membership_number) if part) or "—"
    lines = [
        f"Name: {profile.name or '—'}    Membership: {membership}",
        f"Registration anniversary: {anniversary}    Route: {words(profile.route).split(' (')[0]}",
        f"Accredited: {short_date(profile.accredited_on) if profile.accredited_on else 'not yet recorded'}"
        + (f"    Lead since: {short_date(profile.lead_since)}" if profile.lead_since else ""),
        "PPC: " + (f"{contact.name}" + (f" ({contact.register})" if contact.register else "") if contact else "—"),
        *([f"Documents go to: {shown_path(output)}  (o to change)"] if output is not None else []),
        "Press p to edit your profile and your PPC's details.",
    ]
    return "\n".join(lines)


def training_heading(courses: int) -> str:
    """The line above the courses: how many, or how to add the first."""
    return f"Training courses ({courses})" if courses else "Training courses: none yet — press a to add one."


def course_detail(course: Training) -> str:
    """A course in one line, the columns a narrow table cuts off included."""
    covers = "; ".join(in_sentence(words(item)) for item in course.covers) or "nothing recorded"
    recognised = f"recognised by {course.recognised_by}" if course.recognised_by else "no recognising body"
    return (
        f"{course.title}: {in_sentence(words(course.kind))}, {course.provider}, {short_date(course.date)}, "
        f"{hours_text(course.hours)} h, {recognised} · covers: {covers}"
    )
