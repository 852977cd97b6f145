"""The mediator's everyday jobs, as the command palette finds them from any area.

A `Job` names the area it lives in and the action its screen runs (e.g. the case log's "add"),
with the words a mediator might type for it ("new case", "booked", "re-registration"). The
palette (tui/palette.py) offers every job wherever the mediator is: choosing one goes to its
area and runs the action there. `words_match` is the palette's search: every word typed must
begin a word of the title, the job's own words or its help, so "renewal" finds the renewal pack
and "form 5" the passported declaration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    """One everyday job: its title, the words it is known by, its area and the action run there."""

    title: str
    """What the palette lists, in the mediator's words."""
    help: str
    """A line saying what it does."""
    mode: str
    """The area it lives in (its mode)."""
    action: str = ""
    """The action its area's screen runs once shown ("" just shows the area)."""
    words: str = ""
    """Other words the mediator might type for it."""


JOBS: tuple[Job, ...] = (
    Job(
        "New case: add a case to the case log",
        "A mediation you held or have booked: reference, date, role, hours, outcome",
        "cases",
        "add",
        "add case booked book held mediation record log",
    ),
    Job(
        "Timeline of a case: the statutory steps and their dates",
        "Opens the case log: the highlighted case's timeline (t)",
        "cases",
        "timeline",
        "deadlines steps certificate appeal outcome letter 30 days",
    ),
    Job(
        "Observation checklist of a case (Forms 1–3)",
        "Opens the case log: the highlighted case's criteria observed (c)",
        "cases",
        "checklist",
        "observed observation criteria forms 1-3 form 1 form 2 form 3",
    ),
    Job(
        "De-brief of a case",
        "Opens the case log: the highlighted case's de-brief, its skills and knowledge gaps (b)",
        "cases",
        "debrief",
        "debrief de-brief gaps skills knowledge observer",
    ),
    Job(
        "Write a reflection",
        "A new reflection on practice, from a template",
        "reflections",
        "new",
        "reflection new reflective practice template write",
    ),
    Job(
        "Add a CPD entry",
        "Continuing professional development: what you learnt, when, and the hours",
        "cpd",
        "add",
        "cpd continuing professional development learning hours diary course reading",
    ),
    Job(
        "Add a PPC session (supervision)",
        "A session with your professional practice consultant",
        "ppc",
        "add",
        "ppc supervision supervisor session consultant professional practice",
    ),
    Job(
        "Your PPC's contact details",
        "Your professional practice consultant's name, register, e-mail and phone",
        "ppc",
        "contact",
        "ppc contact consultant supervisor email phone",
    ),
    Job(
        "Verification by your PPC",
        "Record that your PPC verified your portfolio (their name, register, the date)",
        "ppc",
        "verification",
        "verify verification verified ppc sign signed",
    ),
    Job(
        "Your profile: name, membership, registration anniversary, route",
        "Who you are, your membership body and number, the anniversary your registration year starts on",
        "profile",
        "profile",
        "profile me name membership number anniversary registration route re-registration year",
    ),
    Job(
        "Add a training course",
        "The foundation course or SEND training: provider, date, hours, what it covered",
        "profile",
        "add",
        "training course foundation send modules provider",
    ),
    Job(
        "Compile the portfolio for accreditation (PDF, with Form 4)",
        "The written portfolio the assessor reads, ending with Form 4",
        "compile",
        "choose('portfolio')",
        "portfolio accreditation pdf compile print assessor form 4 four",
    ),
    Job(
        "Form 4 for your PPC to sign and return (fillable PDF)",
        "Opens the PPC area: Form 4 with the facts it certifies, for your PPC to confirm, sign and send back (f)",
        "ppc",
        "form4",
        "form 4 four ppc sign signed verification fillable pdf accreditation form",
    ),
    Job(
        "Renewal pack for re-registration (PDF)",
        "The pack of one registration year: CPD, cases, supervision, learning",
        "compile",
        "choose('renewal')",
        "renewal renew re-registration reregistration registration annual pack pdf",
    ),
    Job(
        "Passported declaration (Form 5, PDF)",
        "For a mediator accredited elsewhere: the declaration and its evidence",
        "compile",
        "choose('passport')",
        "passport passported declaration form 5 five pdf",
    ),
    Job(
        "Annual service review (PDF)",
        "The practice's year in review (Appendix D), with a summary to share",
        "compile",
        "choose('review')",
        "annual service review summary practice appendix d pdf",
    ),
    Job(
        "Learning plan: add a learning need",
        "A need from a de-brief or a PPC session, and what met it",
        "plan",
        "add",
        "learning plan need needs gaps development",
    ),
    Job(
        "Learning plan: a need from a de-brief's gaps",
        "Start a learning need from a case's skills or knowledge gaps",
        "plan",
        "from_debrief",
        "learning plan need debrief de-brief gaps",
    ),
    Job(
        "Attach a certificate or document",
        "A PDF or image: a training certificate, membership, insurance",
        "documents",
        "add",
        "certificate attach attachment document documents file upload pdf image insurance membership",
    ),
    Job(
        "Practice register: governance, policies, insurance (Appendix D)",
        "Your practice as a sole provider: the governance duties and when each is reviewed",
        "practice",
        "",
        "practice register governance policies policy insurance complaints sole provider appendix d",
    ),
    Job(
        "Feedback from service users",
        "Feedback and your responses, due within 20 working days",
        "feedback",
        "",
        "feedback service users responses response complaint",
    ),
    Job(
        "Practice development plan: the service's targets",
        "The targets of your practice (Appendix D §2)",
        "development",
        "",
        "development plan practice targets service",
    ),
)
"""Every everyday job, in the order the palette lists them."""


def _words(text: str) -> list[str]:
    """The words of a text, lower case ("re-registration" also as "re", "registration" and "reregistration")."""
    words = re.findall(r"[\w§]+(?:[-–'][\w]+)*", text.lower())
    extra = [part for word in words if "-" in word or "–" in word for part in re.split(r"[-–]", word)]
    joined = [re.sub(r"[-–]", "", word) for word in words if "-" in word or "–" in word]
    return words + extra + joined


def words_match(query: str, *texts: str) -> bool:
    """True when every word of `query` begins a word of one of `texts` ("new case" finds "New case: add…")."""
    wanted = _words(query)
    if not wanted:
        return False
    have = [word for text in texts for word in _words(text)]
    return all(any(word.startswith(part) for word in have) for part in wanted)
