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
from typing import TYPE_CHECKING

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
from sendfolio.samples import demo_plan

if TYPE_CHECKING:
    from sendfolio.store import Folio

MEDIATOR = "Robin Fairweather"
"""The demo mediator: an invented name."""

PPC_NAME = "Dr Morgan Hale"
"""The demo PPC: an invented name."""

UNSHOWN_CRITERIA = 4
"""How many observation criteria the demo leaves not yet demonstrated."""


def write_demo(folio: Folio, today: date) -> None:
    """Fill `folio` (an open, empty `Folio`) with the demo records, dated around `today`."""
    with folio.batch():
        folio.put(_profile(today))
        folio.put(PPCContact.from_dict({"name": PPC_NAME, "register": "College of Mediators PPC register"}))
        for record in (*_training(today), *_returned(_cases(today)), *_reflections(today), *_cpd(today), *_ppc(today)):
            folio.put(record)
        cases = {case.ref: case for case in _cases(today)}
        for observation in _returned(_observations(today), cases):
            folio.put(observation)
        for need in demo_plan.learning_plan(today):
            folio.put(need)
    demo_plan.attach_certificates(folio, today, {course.id: course for course in folio.training()})


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
                    observed_by=f"{observer} ({role})",
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


REFLECTIONS = (
    ("demo-refl-1", 235, 0.75, "SM-DEMO-002", "Co-mediating for the first time"),
    ("demo-refl-2", 145, 0.5, "SM-DEMO-003", "Keeping separate meetings to time"),
    ("demo-refl-3", 55, 0.5, "SM-DEMO-004", "Leading a four-party case with health provision"),
)
"""(id, days ago, hours, case, title) of the demo reflections."""

REFLECTION_BODIES = {
    "demo-refl-1": (
        "## What?\n\n"
        "My first case as co-mediator, with my PPC leading. The parent had come with a written list of "
        "the speech and language therapy she believed the plan left out; the LA officer had brought the "
        "plan and the therapist's report. I opened, took the notes on the flip chart and summarised after "
        "each round.\n\n"
        "## So what?\n\n"
        "Reading my notes afterwards, my summaries of the LA's position were twice as long as my summaries "
        "of the parent's. I was more at ease with the officer's language of hours and provision than with "
        "the parent's account of her son's evenings at home. Nobody remarked on it, but the parent twice "
        'said "that\'s not what I meant", and that was the moment the two of them started talking over '
        "each other.\n\n"
        "Agreeing the therapy hours first worked because it gave both of them something concrete to hold on "
        "to before the placement question, which could not be settled.\n\n"
        "## Now what?\n\n"
        "- Summarise each party in turn and keep the summaries the same length.\n"
        "- Use the parent's own words before translating them into the plan's wording.\n"
        "- Practise short summaries at the next role play evening and ask for feedback on balance.\n"
    ),
    "demo-refl-2": (
        "## Description\n\n"
        "A disagreement resolution meeting between a parent and a secondary school about help with "
        "getting to school after a change of timetable. I co-mediated and ran both separate meetings.\n\n"
        "## Feelings\n\n"
        "Nervous before the start, because the school had asked for the meeting to finish by half past "
        "three. Steadier once the agenda was on the wall and both had agreed it.\n\n"
        "## Evaluation\n\n"
        "The visible agenda kept the joint sessions on track. The separate meetings did not: the first ran "
        "to forty minutes and the school's deputy head was left waiting, and came back to the room "
        "noticeably cooler.\n\n"
        "## Analysis\n\n"
        "I let the parent's separate meeting run on because she was finally speaking freely, and I did not "
        "want to cut her off. Agreeing the length of each separate meeting at the start would have let me "
        "close it without it feeling like a judgement on what she was saying. Reframing the question around "
        "the young person's school day, rather than the transport budget, is what moved things on.\n\n"
        "## Conclusion\n\n"
        "The time I gave one party cost goodwill with the other. Even-handedness includes time.\n\n"
        "## Action plan\n\n"
        "Agree the length of separate meetings in the opening, keep a clock in view, and watch how an "
        "experienced colleague handles the same thing.\n"
    ),
    "demo-refl-3": (
        "## Concrete experience\n\n"
        "I led a mediation about an EHC needs assessment with four parties: the parent, the LA's SEN "
        "officer, a health commissioner and the young person's key worker, who brought his written views. "
        "My PPC observed.\n\n"
        "## Reflective observation\n\n"
        "The joint session changed when the key worker read the young person's views aloud. Until then the "
        "health commissioner and the LA officer had been discussing who was responsible; afterwards they "
        "were discussing what he needed. I had planned to bring the views in later and am glad I moved them "
        "forward.\n\n"
        "Where I struggled was the overlap between health and education duties. The parent asked directly "
        "who decides about therapy after he turns sixteen and I could not answer with confidence.\n\n"
        "## Abstract conceptualisation\n\n"
        "Chapter 9 of the SEND Code of Practice sets out how health and education provision are agreed in a "
        "plan, and chapter 8 covers preparing for adulthood. I knew the first well and the second only in "
        "outline, and the gap showed as soon as the young person's age came up.\n\n"
        "## Active experimentation\n\n"
        "- Put the child's or young person's views at the start of the joint session when they are available.\n"
        "- Attend the post-16 training day and read chapter 8 before the next case with a young person over "
        "fourteen.\n"
        "- Map in advance which body decides each disputed item, and share it with the parties.\n"
    ),
}
"""The demo reflections' Markdown, each written to the headings of a reflective model."""


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
                "body": REFLECTION_BODIES[rid],
            }
        )
        for rid, ago, hours, case, title in REFLECTIONS
    ]


CPD = (
    (
        "reading",
        3.0,
        "SEND Code of Practice, chapters 1 and 11",
        "",
        "Read before the SEND course. Knowing where mediation sits among the disagreement resolution "
        "arrangements made the legal module much easier to follow.",
    ),
    (
        "reading",
        1.5,
        "SEND Code of Practice, chapter 9: EHC needs assessments and plans",
        "",
        "Sections F and I must be specific and quantified. I can now follow a discussion about the wording "
        "of provision without losing track of the process.",
    ),
    (
        "conference",
        5.0,
        "Regional SEND Mediation Conference: young people's participation",
        "Regional SEND Network",
        "A young person described being talked about, not to, in a meeting. At intake I now ask how each "
        "child or young person wants their views brought in.",
    ),
    (
        "role-play",
        3.0,
        "Role play: summarising in a heated joint meeting",
        "Regional Mediators' Group",
        "Practised summaries of one or two sentences. Naming the feeling before the content lowered the "
        "temperature; the observers said my summaries of the two sides were now even.",
    ),
    (
        "user-feedback",
        1.0,
        "Feedback forms from the first two cases",
        "",
        "One parent wrote that the outline of the day arrived the evening before. The outline now goes out "
        "with the confirmation letter.",
    ),
    (
        "team-discussion",
        1.5,
        "Led a peer discussion on writing SMART agreements",
        "Regional Mediators' Group",
        'Colleagues\' examples showed how often "as soon as possible" slips into agreements. I now check '
        "every action for who, what and by when before the parties sign.",
    ),
    (
        "peer-observation",
        2.0,
        "Observed a colleague's disagreement resolution meeting about an annual review",
        "Regional Mediators' Group",
        "She agreed a length for each separate meeting in her opening and kept to it without seeming "
        "abrupt, by giving a five-minute warning. I used the same approach in my next case.",
    ),
    (
        "training",
        6.0,
        "Post-16 duties: further education colleges and preparing for adulthood",
        "Riverside SEND Mediation Academy",
        "A college named in a plan must admit the young person, while the LA secures the provision. Before a "
        "post-16 case I now set out who decides each disputed item.",
    ),
)
"""(method, hours, title, provider, learning) of the demo CPD entries, oldest first."""


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
                "learning": learning,
            }
        )
        for index, (method, hours, title, provider, learning) in enumerate(CPD)
    ]


PPC_SESSIONS = (
    (
        "Planning supported practice after the SEND course: observe one case, co-mediate two, then lead one "
        "with the PPC observing. What to look for when observing.",
        "Ask the service for a case to observe. Start the case log and keep a reflection after each case.",
    ),
    (
        "De-brief of observing SM-DEMO-001: how the lead set ground rules without sounding formal, and how "
        "sections F and I of a plan are worded.",
        "Co-mediate the next case with the PPC leading; draft an opening statement and send it beforehand.",
    ),
    (
        "The reflection on co-mediating SM-DEMO-002: the balance of summaries between the parent and the "
        "LA officer, and the role play feedback on summarising.",
        "Take a disagreement resolution case as co-mediator and run the separate meetings.",
    ),
    (
        "SM-DEMO-003: separate meetings that ran long, and how to agree their length in the opening. "
        "Choosing a case to lead.",
        "Observe a colleague who keeps separate meetings to time; propose a case to lead with the PPC observing.",
    ),
    (
        "Preparing to lead SM-DEMO-004: a four-party agenda, the health commissioner's part, and how the "
        "young person's written views will be brought in.",
        "Send the pre-meeting letter; ask the key worker how the young person wants his views shared.",
    ),
)
"""(topics, actions) of the supervision sessions, oldest first."""


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
                "topics": PPC_SESSIONS[len(PPC_SESSIONS) - month][0],
                "actions": PPC_SESSIONS[len(PPC_SESSIONS) - month][1],
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
                "topics": "Observed the led case SM-DEMO-004 from the pre-meetings to the signed agreement.",
                "actions": "De-brief held straight after the meeting; post-16 duties agreed as the next learning need.",
            }
        )
    )
    return sessions
