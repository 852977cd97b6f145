"""A fictional, realistic folio for a mediator part-way through SEND accreditation.

`write_demo(folio, today)` fills an empty folio so every screen and report has
something true to show: foundation and SEND training done, one observed case,
three active cases with the last one led, reflections, a year of CPD and PPC
sessions, and one case still in progress with deadlines ahead. Still missing, as
for a real mediator part-way: a quarter of an hour of reflection, four observation
criteria and the PPC's verification (and, depending on the day, some of the year's CPD).

Everything here is invented. Cases carry references, never names; the text names
no child, family, school or local authority, and holds no contact details.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sendfolio.domain.records import (
    Case,
    CPDEntry,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Reflection,
    Training,
)

MEDIATOR = "Robin Fairweather"
"""The demo mediator: an invented name."""

PPC_NAME = "Dr Morgan Hale"
"""The demo PPC: an invented name."""

UNSHOWN_CRITERIA = 4
"""How many observation criteria the demo leaves not yet demonstrated."""


def write_demo(folio: Any, today: date) -> None:
    """Fill `folio` (an open, empty `Folio`) with the demo records, dated around `today`."""
    with folio.batch():
        folio.put(_profile(today))
        folio.put(PPCContact.from_dict({"name": PPC_NAME, "register": "College of Mediators PPC register"}))
        for record in (*_training(today), *_cases(today), *_reflections(today), *_cpd(today), *_ppc(today)):
            folio.put(record)
        for observation in _observations(today):
            folio.put(observation)


def _day(today: date, days_ago: int) -> str:
    """The ISO date `days_ago` days before `today` (negative: in the future)."""
    return (today - timedelta(days=days_ago)).isoformat()


def _weekday(today: date, days_ago: int) -> str:
    """Like `_day`, moved back to the Friday when it falls at a weekend (meetings, courses)."""
    day = today - timedelta(days=days_ago)
    return (day - timedelta(days=max(0, day.weekday() - 4))).isoformat()


def _profile(today: date) -> Profile:
    """The demo mediator's profile, registered as a member of the College of Mediators."""
    anniversary = date(today.year - 2, 4, 1)
    return Profile.from_dict(
        {
            "name": MEDIATOR,
            "membership_body": "COM",
            "membership_number": "COM-48213",
            "registration_anniversary": anniversary.isoformat(),
            "route": "new",
        }
    )


def _training(today: date) -> list[Training]:
    """A 40-hour foundation course two years back and 12-hour SEND training a year back."""
    return [
        Training.from_dict(
            {
                "id": "demo-foundation",
                "kind": "foundation",
                "title": "Foundation certificate in mediation",
                "provider": "Northfield Mediation Training",
                "date": _weekday(today, 760),
                "hours": "40",
                "recognised_by": "CMC",
                "covers": "process-principles;role-play-skills;role-play-assessment;written-assignment",
            }
        ),
        Training.from_dict(
            {
                "id": "demo-send",
                "kind": "send",
                "title": "SEND mediation: law, context and practice",
                "provider": "Riverside SEND Mediation Academy",
                "date": _weekday(today, 330),
                "hours": "12",
                "recognised_by": "COM",
                "covers": "legislative-framework;send-context;mediation-practice;local-processes",
            }
        ),
    ]


CASES = (
    # ref, days ago, kind, role, prep, meeting, follow-up, outcome, observer, issues, notes
    (
        "SM-DEMO-001",
        300,
        "mediation",
        "observer",
        1.0,
        3.0,
        0.5,
        "agreement",
        "",
        "placement",
        "Observed an experienced mediator; parent and LA officer, agreement on a phased move.",
    ),
    (
        "SM-DEMO-002",
        240,
        "mediation",
        "co-mediator",
        1.5,
        3.0,
        0.5,
        "partial-agreement",
        "Lead mediator (PPC)",
        "section F provision;speech and language therapy",
        "Co-mediated; agreed therapy hours, not the placement.",
    ),
    (
        "SM-DEMO-003",
        150,
        "disagreement-resolution",
        "co-mediator",
        1.0,
        2.5,
        0.5,
        "agreement",
        "Co-mediator",
        "school transport",
        "Disagreement resolution between a parent and a school about transport support.",
    ),
    (
        "SM-DEMO-004",
        60,
        "mediation",
        "lead",
        1.0,
        3.0,
        1.0,
        "agreement",
        PPC_NAME,
        "EHC needs assessment;health provision",
        "Led the case, observed by my PPC; health commissioner attended.",
    ),
)
"""The demo's past cases: one observed, then three active with the last led."""


def _cases(today: date) -> list[Case]:
    """The past cases with their timelines, and one case still in progress."""
    cases = [_past_case(today, *row) for row in CASES]
    cases.append(
        Case.from_dict(
            {
                "ref": "SM-DEMO-005",
                "kind": "mediation",
                "role": "lead",
                "date": _weekday(today, -12),
                "prep_hours": "0.5",
                "meeting_hours": "0",
                "followup_hours": "0",
                "outcome": "not-held",
                "issues": "EHC plan content",
                "notes": "Arranged; meeting date fixed, parties to be told.",
                "decision_notice": _weekday(today, 40),
                "adviser_contacted": _weekday(today, 30),
                "la_informed": _weekday(today, 20),
                "date_fixed": _weekday(today, 5),
            }
        )
    )
    return cases


def _past_case(
    today: date,
    ref: str,
    ago: int,
    kind: str,
    role: str,
    prep: float,
    meeting: float,
    followup: float,
    outcome: str,
    observer: str,
    issues: str,
    notes: str,
) -> Case:
    """One finished case with a plausible statutory timeline."""
    held = date.fromisoformat(_weekday(today, ago))
    timeline = {
        "decision_notice": _weekday(held, 45),
        "adviser_contacted": _weekday(held, 35),
        "la_informed": _weekday(held, 28),
        "date_fixed": _weekday(held, 14),
        "parties_notified": _weekday(held, 12),
        "mediation_concluded": held.isoformat(),
        "certificate_issued": _weekday(held, -1),
    }
    if outcome in ("agreement", "partial-agreement"):
        timeline["agreement_reached"] = held.isoformat()
    if "health" in issues:
        timeline["health_commissioner_told"] = _weekday(held, 27)
    return Case.from_dict(
        {
            "ref": ref,
            "kind": kind,
            "role": role,
            "date": held.isoformat(),
            "prep_hours": str(prep),
            "meeting_hours": str(meeting),
            "followup_hours": str(followup),
            "outcome": outcome,
            "observed_by": observer,
            "debriefed": "yes",
            "issues": issues,
            "notes": notes,
            "health_care": "yes" if "health" in issues else "no",
            "debrief": DEBRIEFS[ref],
            **timeline,
        }
    )


DEBRIEFS = {
    "SM-DEMO-001": {
        "strengths": "Saw how the lead mediator set ground rules without sounding formal.",
        "breakthroughs": "A separate meeting let the parent say what mattered most.",
        "challenges": "Following the detail of section F while watching the process.",
        "outcome": "Observed only: agreement on a phased move.",
        "knowledge_gaps": "How phased transitions are written into an EHC plan.",
        "learning_plan": "Read chapter 9 of the SEND Code before co-mediating.",
    },
    "SM-DEMO-002": {
        "strengths": "Clear opening; both parties said they felt heard.",
        "breakthroughs": "Agreeing therapy hours first built momentum.",
        "challenges": "Keeping the LA officer and the parent from talking over each other.",
        "outcome": "Partial agreement; the placement question goes to tribunal.",
        "skills_gaps": "Summarising sooner when emotions run high.",
        "learning_plan": "Practise short summaries in the next role play; discuss with PPC.",
    },
    "SM-DEMO-003": {
        "strengths": "Kept the agenda visible and agreed it at the start.",
        "breakthroughs": "Reframing transport around the young person's school day.",
        "challenges": "Separate meetings ran long.",
        "outcome": "Agreement recorded in SMART terms.",
        "skills_gaps": "Managing time in separate meetings.",
        "learning_plan": "Agree timings for separate meetings at the start of the next case.",
    },
    "SM-DEMO-004": {
        "strengths": "Led the whole case; balanced four parties including the health commissioner.",
        "breakthroughs": "The young person's written views changed the tone of the joint session.",
        "challenges": "Health and education duties overlapped; parties were unsure who decides what.",
        "outcome": "Agreement, with actions for the LA and the health body.",
        "knowledge_gaps": "Post-16 duties on further education colleges.",
        "learning_plan": "Read the post-16 chapter of the SEND Code; discuss with PPC next month.",
    },
}
"""Form 3 de-brief notes of each demo case, in the mediator's own words."""


def _observations(today: date) -> list[Observation]:
    """Forms 1-3 criteria spread over the active cases, all but a few demonstrated."""
    from sendfolio.domain.standards import CRITERIA

    active = [row[0] for row in CASES if row[3] != "observer"]
    shown = CRITERIA[: len(CRITERIA) - UNSHOWN_CRITERIA]
    return [
        Observation.from_dict(
            {
                "ref": active[index % len(active)],
                "criterion": criterion.id,
                "observer": PPC_NAME if index % len(active) == len(active) - 1 else "Co-mediator",
                "notes": "Seen and discussed at the de-brief." if index % 5 == 0 else "",
            }
        )
        for index, criterion in enumerate(shown)
    ]


REFLECTIONS = (
    ("demo-refl-1", 235, 0.75, "SM-DEMO-002", "Co-mediating for the first time", "rolfe"),
    ("demo-refl-2", 145, 0.5, "SM-DEMO-003", "Working with a school about transport", "gibbs"),
    ("demo-refl-3", 55, 0.5, "SM-DEMO-004", "Leading a case with health provision", "rolfe"),
)
"""(id, days ago, hours, case, title, model) of the demo reflections."""


def _reflections(today: date) -> list[Reflection]:
    """Three reflections on practice, 1.75 hours in all (the rule asks for 2)."""
    return [
        Reflection.from_dict(
            {
                "id": rid,
                "date": _day(today, ago),
                "hours": str(hours),
                "case": case,
                "title": title,
                "body": _reflection_body(model),
            }
        )
        for rid, ago, hours, case, title, model in REFLECTIONS
    ]


def _reflection_body(model: str) -> str:
    """A short reflection in Markdown, written to Rolfe's or Gibbs's headings."""
    if model == "rolfe":
        return (
            "## What?\n\nThe meeting opened with both parties **far apart** on provision.\n\n"
            "## So what?\n\nI noticed I summarised the LA's position more fully than the parent's.\n\n"
            "## Now what?\n\n- Summarise each party in turn\n- Check balance at each break\n"
        )
    return (
        "## Description\n\nA disagreement about transport support.\n\n"
        "## Feelings\n\nNervous at the start, steadier once the agenda was agreed.\n\n"
        "## Evaluation\n\nThe agenda worked; the separate meetings ran long.\n\n"
        "## Analysis\n\nTime limits for separate meetings would have helped.\n\n"
        "## Conclusion\n\nAgree timings at the start.\n\n"
        "## Action plan\n\nUse a visible timer in the next case.\n"
    )


CPD = (
    ("training", 6.0, "Post-16 duties and further education", "Riverside SEND Mediation Academy"),
    ("reading", 3.0, "SEND Code of Practice: chapter 11 (resolving disagreements)", ""),
    ("role-play", 3.0, "Role play: multi-party meeting with a health commissioner", "Regional mediators' group"),
    ("conference", 5.0, "Annual SEND mediation conference", "Regional SEND network"),
    ("team-discussion", 1.5, "Led a peer discussion on agreement writing", "Regional mediators' group"),
    ("user-feedback", 1.0, "Reviewed anonymised feedback from parties", ""),
    ("peer-observation", 2.0, "Observed a peer's disagreement resolution meeting", "Regional mediators' group"),
    ("reading", 1.5, "Mental Capacity Act 2005: young people aged 16 to 25", ""),
)
"""(method, hours, title, provider) of the demo CPD entries, oldest first."""


def _cpd(today: date) -> list[CPDEntry]:
    """About a year of CPD entries, spread every six weeks."""
    count = len(CPD)
    return [
        CPDEntry.from_dict(
            {
                "id": f"demo-cpd-{index + 1}",
                "date": _day(today, 42 * (count - index)),
                "hours": str(hours),
                "method": method,
                "title": title,
                "provider": provider,
                "learning": "What I will do differently: " + title.lower() + " informs how I prepare.",
            }
        )
        for index, (method, hours, title, provider) in enumerate(CPD)
    ]


def _ppc(today: date) -> list[PPCSession]:
    """PPC supervision every two months, and the observation of the led case."""
    sessions = [
        PPCSession.from_dict(
            {
                "id": f"demo-ppc-{month}",
                "date": _day(today, 60 * month + 10),
                "ppc": PPC_NAME,
                "hours": "1",
                "mode": "one-to-one",
                "topics": "Reviewing recent casework and reflections.",
                "actions": "Prepare the next reflection before the following session.",
            }
        )
        for month in range(1, 6)
    ]
    sessions.append(
        PPCSession.from_dict(
            {
                "id": "demo-ppc-obs",
                "date": _weekday(today, 60),
                "ppc": PPC_NAME,
                "hours": "4",
                "mode": "observation",
                "topics": "Observed the led case SM-DEMO-004.",
                "actions": "De-brief held after the meeting.",
            }
        )
    )
    return sessions
