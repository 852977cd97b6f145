"""Hypothesis strategies for valid records with awkward text: any Unicode (no surrogates),
quotes, commas, formula-like starts, line breaks in multi-line fields, odd hours and dates.

Unlike tests/rules/test_rules.py's FOLIOS (plain values, shaped to reach the rules' branches),
these aim at what a save, an export and an import must carry through unchanged.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from sendfolio.domain.criteria import CRITERIA
from sendfolio.domain.records import (
    CASE_KINDS,
    CASE_ROLES,
    CPD_METHODS,
    DEBRIEF_HEADINGS,
    OUTCOMES,
    PPC_MODES,
    Case,
    CPDEntry,
    FolioData,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Reflection,
    Training,
)
from sendfolio.domain.text import DIRECTION_CONTROLS
from sendfolio.domain.vocabulary import HELD_OUTCOMES
from tests.helpers.dates import FIXED_TODAY

CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="".join(DIRECTION_CONTROLS))
"""Any Unicode character a text field allows (control characters and direction controls are refused; tab and new
line come below)."""

TRICKY = st.sampled_from(
    ["=1+1", "+44", "-x", "@a", "'", "''", '"', '""', ",", ";", "\\", "\t", "é", "👍", "\u2028", "\u00ad", "\u200b"]
)
"""Pieces of text that trouble spreadsheets, CSV quoting or JSON escaping."""

LINE = st.lists(st.one_of(st.text(CHARS.filter(lambda c: c not in "\r\n"), max_size=12), TRICKY), max_size=4).map(
    "".join
)
"""Single-line text (the record strips it; blank is fine where a field is optional)."""

TITLE = LINE.filter(lambda value: value.strip())
"""Single-line text that is not blank (a required title)."""

TEXT = st.lists(st.one_of(st.text(CHARS, max_size=20), TRICKY, st.just("\n"), st.just("\r\n")), max_size=6).map("".join)
"""Multi-line text."""

DAYS = st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31))
"""Any date a record allows."""

HOURS = st.one_of(
    st.decimals(min_value="0.01", max_value=24, places=2).map(str), st.sampled_from([0.1, 1 / 3, 7.25, 24])
)
"""Hours as typed (text) or as stored (floats, some without a short decimal form)."""

REFS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9/_.\-]{0,12}", fullmatch=True)
"""Case references."""


HELD_BY = FIXED_TODAY
"""The last date a generated case held (not booked) may have: a held case dated after today is refused
by every way in (`rules.case_refusals`), so a valid folio never holds one."""


def _case(ref, kind, role, day, hours, outcome, notes, debrief, issues) -> Case:
    """A valid case with awkward text (no timeline dates, which have their own order rules); a case held
    on a day after `HELD_BY` is moved back to it."""
    if outcome in HELD_OUTCOMES and day > HELD_BY:
        day = HELD_BY
    return Case.from_dict(
        {
            "ref": ref,
            "kind": kind,
            "role": role,
            "date": day,
            "prep_hours": hours,
            "meeting_hours": hours,
            "followup_hours": hours,
            "outcome": outcome,
            "notes": notes,
            "debrief": debrief,
            "issues": issues,
            "debriefed": bool(debrief),
        }
    )


CASES = st.builds(
    _case,
    REFS,
    st.sampled_from(CASE_KINDS),
    st.sampled_from(CASE_ROLES),
    DAYS,
    HOURS,
    st.sampled_from(OUTCOMES),
    TEXT,
    st.dictionaries(st.sampled_from(DEBRIEF_HEADINGS), TEXT.filter(str.strip), max_size=3),
    st.lists(st.from_regex(r"[a-z][a-z \-]{0,10}[a-z]", fullmatch=True), max_size=3),
)
"""Valid cases."""

CPD = st.builds(
    lambda day, hours, method, title, provider, learning: CPDEntry.from_dict(
        {"date": day, "hours": hours, "method": method, "title": title, "provider": provider, "learning": learning}
    ),
    DAYS,
    HOURS,
    st.sampled_from(CPD_METHODS),
    TITLE,
    LINE,
    TEXT,
)
"""Valid CPD entries."""

REFLECTIONS = st.builds(
    lambda day, hours, title, body: Reflection.from_dict(
        {"date": day, "hours": hours, "title": title, "body": "Noted.\n\n" + body}
    ),
    DAYS,
    HOURS,
    TITLE,
    TEXT,
)
"""Valid reflections (not linked to a case or CPD entry), each with words of the mediator's own."""

PPC = st.builds(
    lambda day, ppc, hours, mode, topics, actions: PPCSession.from_dict(
        {"date": day, "ppc": ppc, "hours": hours, "mode": mode, "topics": topics, "actions": actions}
    ),
    DAYS,
    TITLE,
    HOURS,
    st.sampled_from(PPC_MODES),
    TEXT,
    TEXT,
)
"""Valid PPC sessions."""

TRAINING = st.builds(
    lambda day, hours, title, provider: Training.from_dict(
        {"kind": "refresher", "title": title, "provider": provider, "date": day, "hours": hours}
    ),
    DAYS,
    HOURS,
    TITLE,
    TITLE,
)
"""Valid refresher courses."""


def observations_of(cases: list[Case]):
    """Valid observations naming these cases and real criteria (one per case and criterion)."""
    if not cases:
        return st.just([])
    pair = st.tuples(st.sampled_from([case.ref for case in cases]), st.sampled_from([item.id for item in CRITERIA]))
    return st.lists(st.tuples(pair, LINE, TEXT), max_size=6, unique_by=lambda item: item[0]).map(
        lambda items: [
            Observation.from_dict({"ref": ref, "criterion": criterion, "observer": observer, "notes": notes})
            for (ref, criterion), observer, notes in items
        ]
    )


@st.composite
def folios(draw) -> FolioData:
    """A valid folio of awkward records (unique case references)."""
    cases = draw(st.lists(CASES, max_size=4, unique_by=lambda case: case.ref))
    return FolioData(
        profile=draw(
            st.builds(
                lambda name, number: Profile.from_dict({"name": name, "membership_number": number}),
                LINE.filter(lambda v: len(v.strip()) <= 120),
                LINE.filter(lambda v: len(v.strip()) <= 60),
            )
        ),
        cases=tuple(cases),
        observations=tuple(draw(observations_of(cases))),
        reflections=tuple(draw(st.lists(REFLECTIONS, max_size=3))),
        cpd=tuple(draw(st.lists(CPD, max_size=4))),
        ppc_sessions=tuple(draw(st.lists(PPC, max_size=3))),
        training=tuple(draw(st.lists(TRAINING, max_size=2))),
        ppc_contact=draw(
            st.one_of(
                st.none(),
                st.builds(
                    lambda name: PPCContact.from_dict({"name": name}), TITLE.filter(lambda v: len(v.strip()) <= 120)
                ),
            )
        ),
    )
