"""The demo's diary: its reflections, a year of CPD and its sessions with the PPC.

Everything here is invented: the entries name no child, family, school or local authority.
"""

from __future__ import annotations

from datetime import date

from sendfolio.domain.records import CPDEntry, PPCSession, Reflection
from sendfolio.samples.demo_dates import day as _day, weekday as _weekday

PPC_NAME = "Dr Morgan Hale"
"""The demo PPC: an invented name."""

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


def reflections(today: date) -> list[Reflection]:
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


def cpd_entries(today: date) -> list[CPDEntry]:
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


def ppc_sessions(today: date) -> list[PPCSession]:
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
