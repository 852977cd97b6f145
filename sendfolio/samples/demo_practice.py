"""The demo's sole provider's practice (standards, Appendix D): its governance register, the conduct
declarations of its cases, service users' feedback and a development plan.

Dated around the day the demo is made, so that there is always something to see: the insurance
lapses within the next few weeks, the safeguarding training is more than three years old, one
piece of feedback was answered late, one held case still has a declaration to answer, and one
development target is past its review. Everything is invented; no person is named.
"""

from __future__ import annotations

from datetime import date, timedelta

from sendfolio.domain.governance import DevelopmentTarget, Feedback, GovernanceItem
from sendfolio.domain.records import Case
from sendfolio.domain.timescales import add_working_days
from sendfolio.samples.demo_dates import day

REGISTER = (
    # (item, title, reviewed days ago, due days ahead or None, evidence, url)
    ("legislation", "", 120, None, "Annual check against the Act, the Regulations and the Code", ""),
    ("data-protection-policy", "Privacy notice and data protection policy", 200, None, "Policy, version 3", ""),
    ("data-protection-registration", "", 300, 65, "Registration certificate", ""),
    ("safeguarding-policy", "", 90, None, "Safeguarding policy, version 4", ""),
    (
        "safeguarding-training",
        "Safeguarding children and adults at risk, level 2",
        1_120,
        None,
        "Course certificate",
        "",
    ),
    (
        "codes-of-conduct",
        "",
        150,
        None,
        "Codes of Conduct of the CMC and the College of Mediators, read and signed",
        "",
    ),
    ("accreditation", "", 250, 115, "Registration confirmation", ""),
    ("complaints-policy", "", 60, None, "Published on the practice website", "https://example.org/complaints"),
    ("equality-policy", "Equality and inclusion policy", 400, None, "Policy, version 2", ""),
    ("insurance", "Professional indemnity insurance", 325, 40, "Schedule of cover, limit of indemnity stated", ""),
    (
        "accountability",
        "Statement of accountability",
        180,
        None,
        "One-page statement: a sole provider answers for all",
        "",
    ),
)
"""The demo's register: one entry per §1.2 duty. The insurance lapses in 40 days (within the 60 shown),
the safeguarding training (reviewed three years and a month ago) has lapsed, the equality policy is
overdue for review."""


def governance(today: date) -> list[GovernanceItem]:
    """The demo's governance register, dated around `today`."""
    return [
        GovernanceItem.from_dict(
            {
                "id": f"demo-governance-{number}",
                "item": item,
                "title": title,
                "reviewed": day(today, reviewed),
                "due": (today + timedelta(days=ahead)).isoformat() if ahead is not None else "",
                "evidence": evidence,
                "url": url,
            }
        )
        for number, (item, title, reviewed, ahead, evidence, url) in enumerate(REGISTER, start=1)
    ]


DECLARED = {
    "SM-DEMO-002": {
        "conduct_independence": "yes",
        "conduct_no_prior_role": "yes",
        "conduct_outcomes_agreed": "yes",
        "conduct_outcomes_agreed_note": "All agreed the summary of agreed actions could go to the therapy service.",
        "conduct_adjustments": "yes",
        "conduct_adjustments_note": "Later start so the parent could arrange childcare.",
        "conduct_child_views": "yes",
        "conduct_child_views_note": "Views gathered beforehand by the key worker and read out with consent.",
        "conduct_signposting": "yes",
        "conduct_signposting_note": "Signposted to the local information, advice and support service.",
    },
    "SM-DEMO-003": {
        "conduct_independence": "yes",
        "conduct_no_prior_role": "yes",
        "conduct_outcomes_agreed": "not-applicable",
        "conduct_outcomes_agreed_note": "No outcome was shared beyond those present.",
        "conduct_adjustments": "not-applicable",
        "conduct_signposting": "yes",
    },
    "SM-DEMO-004": {
        "conduct_independence": "yes",
        "conduct_no_prior_role": "yes",
        "conduct_outcomes_agreed": "yes",
        "conduct_adjustments": "yes",
        "conduct_adjustments_note": "Ground-floor room and written agenda in plain English.",
        "conduct_child_views": "yes",
        "conduct_child_views_note": "The young person wrote a statement and joined the first half.",
        "conduct_signposting": "yes",
    },
}
"""The conduct declarations of the demo's held cases; one on SM-DEMO-003 (the child's views) is left
unanswered, so that the gap shows."""


def declared(case: Case) -> Case:
    """A demo case with its conduct declarations answered (the case itself when it has none)."""
    answers = DECLARED.get(case.ref)
    return case.with_changes(**answers) if answers else case


def feedback(cases: dict[str, Case]) -> list[Feedback]:
    """Service users' feedback on the demo's held cases; the complaint on SM-DEMO-003 was answered late."""
    rows = (
        # (case, from, working days after the meeting, answered after n working days, complaint, ratings, words)
        ("SM-DEMO-002", "parent-carer", 3, 6, "no", (5, 4, 5, 4), "Clear about what would happen on the day.", ""),
        (
            "SM-DEMO-003",
            "parent-carer",
            2,
            24,
            "yes",
            (3, 2, 4, 0),
            "The meeting was moved twice at short notice.",
            "Apologised, explained the room booking problem and changed how dates are confirmed.",
        ),
        ("SM-DEMO-004", "young-person", 5, 4, "no", (4, 5, 5, 5), "I was asked what I thought first.", ""),
        ("SM-DEMO-004", "local-authority", 4, 12, "no", (5, 5, 4, 0), "Well prepared; actions recorded clearly.", ""),
    )
    found = []
    for number, (ref, who, after, answered, complaint, ratings, comments, response) in enumerate(rows, start=1):
        received = add_working_days(cases[ref].date, after)
        found.append(
            Feedback.from_dict(
                {
                    "id": f"demo-feedback-{number}",
                    "case": ref,
                    "given_by": who,
                    "received": received.isoformat(),
                    "complaint": complaint,
                    "rating_explained": ratings[0],
                    "rating_safe": ratings[1],
                    "rating_impartial": ratings[2],
                    "rating_views": ratings[3],
                    "comments": comments,
                    "response": response or "Thanked for the feedback.",
                    "responded": add_working_days(received, answered).isoformat(),
                }
            )
        )
    return found


def development_plan(today: date) -> list[DevelopmentTarget]:
    """The demo's practice development plan: one target met, one under way, one past its review."""
    rows = (
        (
            "Share collated feedback with the local authorities each year",
            "Send the anonymised annual summary to the commissioning officers.",
            -60,
            "open",
            "Summary drafted from this year's feedback.",
        ),
        (
            "Confirm meeting dates in writing with every party",
            "A written confirmation sent the day a date is fixed.",
            30,
            "met",
            "In place since the complaint about moved dates.",
        ),
        (
            "An easy-read explanation of mediation for young people",
            "Draft with a young people's group; test with two families.",
            10,
            "open",
            "First draft written; review missed while the group was on break.",
        ),
    )
    return [
        DevelopmentTarget.from_dict(
            {
                "id": f"demo-development-{number}",
                "target": target,
                "action": action,
                "review": day(today, ago),
                "status": status,
                "progress": progress,
            }
        )
        for number, (target, action, ago, status, progress) in enumerate(rows, start=1)
    ]
