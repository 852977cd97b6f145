"""A fictional, realistic folio for a mediator part-way through SEND accreditation.

`write_demo(folio, today)` fills an empty folio so every screen and report has
something true to show: foundation and SEND training done, one observed case,
three active cases with the last one led, reflections, a year of CPD and PPC
sessions, and one case still in progress with deadlines ahead. Still missing, as
for a real mediator part-way: a quarter of an hour of reflection, four observation
criteria and the PPC's verification (and, depending on the day, some of the year's CPD).
As a sole provider (Appendix D) it keeps a governance register, conduct declarations, service
users' feedback and a development plan (`demo_practice`).

Everything here is invented. Cases carry references, never names; the text names
no child, family, school or local authority, and holds no contact details.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sendfolio.domain.records import (
    Case,
    Observation,
    PPCContact,
    Profile,
    Training,
)
from sendfolio.samples import demo_plan, demo_practice, demo_returns
from sendfolio.samples.demo_dates import weekday as _weekday
from sendfolio.samples.demo_diary import PPC_NAME as PPC_NAME, cpd_entries, ppc_sessions, reflections

if TYPE_CHECKING:
    from sendfolio.store import Folio

MEDIATOR = "Robin Fairweather"
"""The demo mediator: an invented name."""

UNSHOWN_CRITERIA = 4
"""How many observation criteria the demo leaves not yet demonstrated."""


def write_demo(folio: Folio, today: date) -> None:
    """Fill `folio` (an open, empty `Folio`) with the demo records, dated around `today`."""
    with folio.batch():
        folio.put(_profile(today))
        folio.put(PPCContact.from_dict({"name": PPC_NAME, "register": "College of Mediators PPC register"}))
        for record in (
            *_training(today),
            *_returned([demo_practice.declared(case) for case in _cases(today)]),
            *reflections(today),
            *cpd_entries(today),
            *ppc_sessions(today),
        ):
            folio.put(record)
        cases = {case.ref: case for case in _cases(today)}
        for observation in _returned(_observations(today), cases):
            folio.put(observation)
        for need in demo_plan.learning_plan(today):
            folio.put(need)
        for record in (
            *demo_practice.governance(today),
            *demo_practice.feedback(cases),
            *demo_practice.development_plan(today),
        ):
            folio.put(record)
    demo_plan.attach_certificates(folio, today, {course.id: course for course in folio.training()})
    demo_returns.write_returns(folio, today)


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
    # ref, days ago, kind, role, prep, meeting, follow-up, outcome, (observer, their role), issues, notes
    (
        "SM-DEMO-001",
        300,
        "mediation",
        "observer",
        1.0,
        3.0,
        0.5,
        "agreement",
        ("", ""),
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
        ("", "Lead mediator (PPC)"),  # a role without a name: a returned form offers to name the observer
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
        ("", "Co-mediator"),
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
        (PPC_NAME, "PPC"),
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
                "status": "booked",
                "prep_hours": "0.5",
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
    observer: tuple[str, str],
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
            "observed_by": observer[0],
            "observed_by_role": observer[1],
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
        "learning_plan": "Attend the post-16 training day and read chapter 8 of the SEND Code; discuss with PPC.",
    },
}
"""Form 3 de-brief notes of each demo case, in the mediator's own words."""


OBSERVATION_NOTES = {
    "f1.pm.initial-contact": "Phoned the parent first, then the LA officer, the same afternoon.",
    "f1.pm.child-views": "Asked the key worker how the young person wanted his views brought in.",
    "f1.pm.accessible": "Offered a ground-floor room and a later start for the parent's childcare.",
    "f1.sk.trust-rapport": "The parent said at the break that she had felt listened to from the first call.",
    "f1.sk.challenge": "Asked the LA officer, without blame, what the plan's wording would mean in practice.",
    "f2.pm.pre-meetings": "Short pre-meetings with each party set expectations for the day.",
    "f2.pm.explore-issues": "Gave the therapy question time before moving on to the placement.",
    "f2.pm.breaks": "Called a break when the health commissioner and the parent began to talk over each other.",
    "f2.pm.close-positively": "Thanked both sides for staying with a hard conversation.",
    "f2.sk.safe-environment.confidence": "Calm, clear opening despite a tense start.",
    "f2.sk.understanding": "Reframed the disagreement around the young person's week.",
    "f2.sk.impartiality": "Stayed even-handed when the school pressed for a quick decision.",
    "f2.sk.confidentiality": "Agreed at the start what could be shared with the therapist afterwards.",
}
"""What the observer noted against some of the criteria, each in its own words (the rest are ticks only)."""


def _observations(today: date) -> list[Observation]:
    """Forms 1-3 criteria spread over the active cases, all but a few demonstrated."""
    from sendfolio.domain.criteria import CRITERIA, DEBRIEF_CRITERIA

    active = [row[0] for row in CASES if row[3] != "observer"]
    ticked = [item for item in CRITERIA if item.id not in DEBRIEF_CRITERIA]  # the de-briefs show those
    shown = ticked[: len(ticked) - UNSHOWN_CRITERIA]
    return [
        Observation.from_dict(
            {
                "ref": active[index % len(active)],
                "criterion": criterion.id,
                "observer": PPC_NAME if index % len(active) == len(active) - 1 else "Co-mediator",
                "notes": OBSERVATION_NOTES.get(criterion.id, ""),
            }
        )
        for index, criterion in enumerate(shown)
    ]


RETURNED_FORMS = {
    "SM-DEMO-003": (
        "Alex Penrose",
        "co-mediator",
        2,
        (
            "Both parties were called within a day and knew what to expect.",
            "Checked early whether the young person wanted to take part.",
            "Kept the agenda on the wall and returned to it after each break.",
        ),
    ),
    "SM-DEMO-004": (
        PPC_NAME,
        "PPC",
        3,
        (
            "Prepared the health commissioner as carefully as the parent.",
            "The young person's written views were read out and referred to throughout.",
            "Agreement written in SMART terms with named actions for each body.",
        ),
    ),
}
"""Cases whose Forms 1–3 came back from the observer: (observer, role, days after the case, comments)."""


def _returned(records: list, cases: dict | None = None) -> list:
    """Cases and observations of `RETURNED_FORMS` as the observers returned them (the rest as entered)."""
    made, commented = [], {ref: 0 for ref in RETURNED_FORMS}
    for record in records:
        if record.ref not in RETURNED_FORMS:
            made.append(record)
            continue
        observer, role, after, comments = RETURNED_FORMS[record.ref]
        case = record if cases is None else cases[record.ref]
        on = (case.date + timedelta(days=after)).isoformat()
        if isinstance(record, Case):
            made.append(
                record.with_changes(
                    observed_by=observer,
                    observed_by_role=role,
                    debrief_by=observer,
                    debrief_by_role=role,
                    debrief_returned_on=on,
                    debrief_returned=[key for key in record.debrief if record.debrief[key]],
                )
            )
            continue
        note = comments[commented[record.ref]] if commented[record.ref] < len(comments) else record.notes
        commented[record.ref] += 1
        made.append(
            record.with_changes(
                observer=observer, observer_role=role, recorded_by="returned-form", returned_on=on, notes=note
            )
        )
    return made
