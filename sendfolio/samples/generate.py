"""A synthetic archive of many years, for benchmarks and stress tests.

`generate_folio(folio, years, seed, today)` writes, per year, about 60 cases with
observation checklists, 60 reflections of 300–800 words, 40 CPD entries and 12 PPC
sessions. The same seed gives the same folio. Every record is built through the
records' own validation; the text is made of mediation vocabulary, never names.
The records are gathered first and saved with one `replace_all` (one save, linear in
the number of records; a put per record inside a batch costs TinyDB a pass over the
whole table each time, which made ten years take most of a minute).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sendfolio.domain.records import (
    CASE_KINDS,
    CPD_METHODS,
    OUTCOMES,
    PPC_MODES,
    Case,
    CPDEntry,
    FolioData,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Record,
    Reflection,
    Training,
)

if TYPE_CHECKING:
    from sendfolio.store import Folio

PER_YEAR = {"cases": 60, "reflections": 60, "cpd": 40, "ppc": 12}
"""How many records of each kind one synthetic year holds."""

VOCABULARY = (
    "parent",
    "local",
    "authority",
    "officer",
    "school",
    "provision",
    "plan",
    "agreement",
    "meeting",
    "issue",
    "assessment",
    "placement",
    "transport",
    "therapy",
    "support",
    "views",
    "young",
    "person",
    "summary",
    "option",
    "reality",
    "test",
    "break",
    "separate",
    "joint",
    "session",
    "agenda",
    "listen",
    "reframe",
    "balance",
    "power",
    "trust",
    "rapport",
    "timescale",
    "certificate",
    "tribunal",
    "health",
    "care",
    "needs",
    "outcome",
    "learning",
    "reflect",
    "practice",
    "skill",
    "knowledge",
    "impartial",
    "confidential",
    "record",
    "follow-up",
    "preparation",
    "concern",
    "progress",
    "review",
    "next",
    "steps",
)
"""Words the synthetic reflections and notes are made of."""


def generate_folio(folio: Folio, years: int, seed: int, today: date) -> dict[str, int]:
    """Fill an empty folio with `years` years of synthetic records; returns counts per kind."""
    rng = random.Random(seed)
    start = date(today.year - years, 1, 1)
    from sendfolio.domain.criteria import CRITERIA

    criteria = [criterion.id for criterion in CRITERIA]
    counts = {"cases": 0, "observations": 0, "reflections": 0, "cpd": 0, "ppc": 0}
    bins: dict[str, list[Record]] = {"cases": [], "observations": [], "reflections": [], "cpd": [], "ppc_sessions": []}
    for year in range(years):
        _one_year(bins, rng, date(start.year + year, 1, 1), year, criteria, counts)
    kinds: dict[str, Any] = {name: tuple(records) for name, records in bins.items()}  # named as FolioData's fields
    folio.replace_all(
        FolioData(
            profile=Profile.from_dict(
                {"name": "Synthetic Mediator", "membership_body": "CMC", "registration_anniversary": start.isoformat()}
            ),
            ppc_contact=PPCContact.from_dict(
                {"name": "Synthetic PPC", "register": "College of Mediators PPC register"}
            ),
            training=tuple(_training(start)),
            **kinds,
        )
    )
    return counts


def _training(start: date) -> list[Training]:
    """A foundation course and SEND training just before the archive starts."""
    return [
        Training.from_dict(
            {
                "kind": "foundation",
                "title": "Foundation mediation",
                "provider": "Synthetic Training",
                "date": (start - timedelta(days=400)).isoformat(),
                "hours": "40",
                "recognised_by": "CMC",
                "covers": "process-principles;role-play-skills;role-play-assessment;written-assignment",
            }
        ),
        Training.from_dict(
            {
                "kind": "send",
                "title": "SEND mediation",
                "provider": "Synthetic Training",
                "date": (start - timedelta(days=30)).isoformat(),
                "hours": "12",
                "recognised_by": "COM",
                "covers": "legislative-framework;send-context;mediation-practice;local-processes",
            }
        ),
    ]


def _one_year(
    bins: dict[str, list[Record]],
    rng: random.Random,
    first: date,
    year: int,
    criteria: list[str],
    counts: dict[str, int],
) -> None:
    """Add one synthetic year of every kind of record to `bins` (lists by FolioData field)."""
    for number in range(PER_YEAR["cases"]):
        ref = f"SYN-{first.year}-{number + 1:03d}"
        observed = year == 0 and number == 0  # the period of observation that practice follows
        bins["cases"].append(_case(rng, ref, first if observed else _day_in(rng, first), observed))
        for criterion in rng.sample(criteria, 20):
            bins["observations"].append(
                Observation.from_dict(
                    {"ref": ref, "criterion": criterion, "observer": "Co-mediator", "notes": _words(rng, 8, 20)}
                )
            )
            counts["observations"] += 1
        counts["cases"] += 1
    for _ in range(PER_YEAR["reflections"]):
        bins["reflections"].append(
            Reflection.from_dict(
                {
                    "date": _day_in(rng, first).isoformat(),
                    "hours": "0.5",
                    "title": _words(rng, 3, 6).capitalize(),
                    "body": _reflection(rng),
                }
            )
        )
        counts["reflections"] += 1
    for _ in range(PER_YEAR["cpd"]):
        bins["cpd"].append(
            CPDEntry.from_dict(
                {
                    "date": _day_in(rng, first).isoformat(),
                    "hours": str(rng.choice([0.5, 1, 1.5, 2, 3])),
                    "method": rng.choice(CPD_METHODS),
                    "title": _words(rng, 3, 7).capitalize(),
                    "learning": _words(rng, 20, 60),
                }
            )
        )
        counts["cpd"] += 1
    for month in range(PER_YEAR["ppc"]):
        bins["ppc_sessions"].append(
            PPCSession.from_dict(
                {
                    "date": date(first.year, month + 1, 10).isoformat(),
                    "ppc": "Synthetic PPC",
                    "hours": "1",
                    "mode": rng.choice(PPC_MODES),
                    "topics": _words(rng, 10, 30),
                    "actions": _words(rng, 5, 15),
                }
            )
        )
        counts["ppc"] += 1


def _case(rng: random.Random, ref: str, held: date, observed: bool = False) -> Case:
    """One synthetic case with a plausible timeline (`observed`: the mediator only observed it)."""
    role = "observer" if observed else rng.choice(["co-mediator", "lead", "lead"])
    return Case.from_dict(
        {
            "ref": ref,
            "kind": rng.choice(CASE_KINDS),
            "role": role,
            "date": held.isoformat(),
            "prep_hours": str(rng.choice([0.5, 1, 1.5])),
            "meeting_hours": str(rng.choice([2, 3, 4])),
            "followup_hours": str(rng.choice([0.5, 1])),
            "outcome": rng.choice(OUTCOMES[:4]),
            "observed_by_role": "Co-mediator",
            "debriefed": "yes",
            "issues": "placement;provision",
            "notes": _words(rng, 20, 60),
            "decision_notice": (held - timedelta(days=40)).isoformat(),
            "la_informed": (held - timedelta(days=25)).isoformat(),
            "mediation_concluded": held.isoformat(),
            "certificate_issued": (held + timedelta(days=2)).isoformat(),
        }
    )


def _day_in(rng: random.Random, first: date) -> date:
    """A random day of the year that begins on `first`."""
    return first + timedelta(days=rng.randrange(365))


def _words(rng: random.Random, least: int, most: int) -> str:
    """A run of vocabulary words."""
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(least, most)))


def _reflection(rng: random.Random) -> str:
    """A Markdown reflection of 300–800 words under Rolfe's headings."""
    total = rng.randint(300, 800)
    parts = [total // 3, total // 3, total - 2 * (total // 3)]
    sections = zip(("What?", "So what?", "Now what?"), parts)
    return "\n\n".join(f"## {title}\n\n{' '.join(rng.choice(VOCABULARY) for _ in range(n))}." for title, n in sections)
