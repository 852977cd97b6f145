"""Records: one validation per type, with messages that name the field and what is allowed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from sendfolio.domain.records import (
    RECORD_TYPES,
    Case,
    CPDEntry,
    InvalidRecord,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Reflection,
    Training,
    Verification,
)

GOOD_CASE = {
    "ref": "SM-2025-014",
    "kind": "mediation",
    "role": "lead",
    "date": "2025-03-02",
    "prep_hours": "1.5",
    "meeting_hours": "3",
    "followup_hours": "0.5",
    "outcome": "agreement",
}
"""A valid case as CSV-like text."""


def problems(kind, raw) -> dict[str, str]:
    """The field → problem map of an invalid record."""
    with pytest.raises(InvalidRecord) as caught:
        kind.from_dict(raw)
    return {error.field: error.problem for error in caught.value.errors}


def test_case_parses_text_values():
    """Strings from a form or CSV become typed values."""
    case = Case.from_dict({**GOOD_CASE, "issues": "placement; transport", "debriefed": "yes"})
    assert case.date == date(2025, 3, 2)
    assert case.total_hours == 5.0
    assert case.issues == ("placement", "transport")
    assert case.debriefed is True
    assert case.is_active


@pytest.mark.parametrize("text", ["2 Mzr 2025", "2 Ma 2025", "31 Feb 2025"])
def test_dates_in_words_must_name_a_real_month_and_day(text):
    """A month name that is no month, or a day the month lacks, is refused."""
    assert "date" in problems(Case, {**GOOD_CASE, "date": text})


def test_a_booked_case_needs_no_outcome_or_meeting_hours():
    """A case can be logged before it is held; outcome and meeting / follow-up hours come once it is."""
    booked = {"ref": "SM-2025-020", "kind": "mediation", "role": "lead", "date": "2025-06-02", "status": "booked"}
    case = Case.from_dict(booked)
    assert (case.status, case.outcome, case.total_hours, case.is_held) == ("booked", "", 0.0, False)
    found = problems(Case, {**booked, "status": "held"})
    assert found == {
        "meeting_hours": "is required once the case is held",
        "followup_hours": "is required once the case is held",
        "outcome": "is required once the case is held",
    }
    assert "only a held case has an outcome" in problems(Case, {**booked, "outcome": "agreement"})["outcome"]


@pytest.mark.parametrize(
    ("stored", "status", "outcome"),
    [
        ({"outcome": "agreement"}, "held", "agreement"),
        ({"outcome": "withdrawn"}, "withdrawn", ""),
        ({"outcome": "not-held"}, "not-held", ""),
        ({"outcome": "not-held", "status": "held"}, "not-held", ""),
        ({"outcome": "", "meeting_hours": "", "followup_hours": ""}, "booked", ""),
    ],
)
def test_a_case_stored_before_statuses_reads_its_status_from_its_outcome(stored, status, outcome):
    """Stored cases, old CSV rows and old backups without a status keep their meaning."""
    case = Case.from_dict({**GOOD_CASE, **stored})
    assert (case.status, case.outcome) == (status, outcome)
    assert Case.from_dict(case.to_dict()) == case


def test_like_hours_have_like_limits():
    """Every kind of case hours, a CPD entry, a PPC session and a reflection stop at the same 100 hours."""
    for name in ("prep_hours", "meeting_hours", "followup_hours"):
        assert "from 0 to 100" in problems(Case, {**GOOD_CASE, name: "101"})[name]
        assert getattr(Case.from_dict({**GOOD_CASE, name: "30"}), name) == 30
    entry = {"date": "2025-01-05", "hours": "101", "method": "reading", "title": "Reading"}
    assert "more than 0 to 100" in problems(CPDEntry, entry)["hours"]
    session = {"date": "2025-01-05", "hours": "101", "mode": "group", "ppc": "A. Consultant"}
    assert "more than 0 to 100" in problems(PPCSession, session)["hours"]
    reflection = {"date": "2025-01-05", "hours": "101", "title": "On pacing"}
    assert "more than 0 to 100" in problems(Reflection, reflection)["hours"]


@pytest.mark.parametrize("text", ["02/03/2025", "2/3/2025", "2025-03-02", "2 Mar 2025", "02 march 2025"])
def test_uk_and_iso_dates(text):
    """Dates are YYYY-MM-DD, the UK DD/MM/YYYY, or as the screens show them (2 Mar 2025)."""
    assert Case.from_dict({**GOOD_CASE, "date": text}).date == date(2025, 3, 2)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("ref", "Jane Doe", "never a name"),
        ("kind", "arbitration", "mediation / disagreement-resolution"),
        ("role", "boss", "observer / co-mediator / lead"),
        ("date", "31/02/2025", "not a real calendar date"),
        ("date", "March 2nd", "YYYY-MM-DD or DD/MM/YYYY"),
        ("prep_hours", "-1", "from 0 to 100"),
        ("meeting_hours", "three", "not a number"),
        ("meeting_hours", "nan", "finite"),
        ("outcome", "won", "agreement / partial-agreement"),
        ("debriefed", "maybe", "yes or no"),
    ],
)
def test_bad_case_values_name_field_and_allowed(field, value, words):
    """Each bad value names its field and says what is allowed."""
    assert words in problems(Case, {**GOOD_CASE, field: value})[field]


def test_every_bad_field_is_reported_at_once():
    """A form shows every error, not only the first."""
    found = problems(Case, {**GOOD_CASE, "kind": "x", "role": "y", "followup_hours": ""})
    assert set(found) == {"kind", "role", "followup_hours"}
    assert "required" in found["followup_hours"]


def test_unknown_field_refused():
    """Unknown columns are an error, not silently dropped."""
    assert "not a field" in problems(Case, {**GOOD_CASE, "child_name": "x"})["child_name"]


def test_certificate_cannot_predate_mediation():
    """Timeline dates out of order are rejected with a clear message."""
    found = problems(Case, {**GOOD_CASE, "mediation_concluded": "2025-03-02", "certificate_issued": "2025-03-01"})
    assert "predate the mediation" in found["certificate_issued"]


def test_training_covers_only_its_kind():
    """A foundation course cannot list SEND modules."""
    raw = {
        "kind": "foundation",
        "title": "F",
        "provider": "P",
        "date": "2023-01-01",
        "hours": "40",
        "covers": "legislative-framework",
    }
    assert "not covered by foundation" in problems(Training, raw)["covers"]


@pytest.mark.parametrize(
    ("kind", "raw", "field"),
    [
        (CPDEntry, {"date": "2025-01-01", "hours": "0", "method": "reading", "title": "T"}, "hours"),
        (CPDEntry, {"date": "2025-01-01", "hours": "1", "method": "napping", "title": "T"}, "method"),
        (PPCSession, {"date": "2025-01-01", "ppc": "P", "hours": "1", "mode": "phone"}, "mode"),
        (Reflection, {"date": "2025-01-01", "hours": "1", "title": ""}, "title"),
        (Observation, {"ref": "A-1", "criterion": "X Y"}, "criterion"),
        (PPCContact, {"name": "P", "email": "not-an-email"}, "email"),
        (Profile, {"membership_body": "FMC"}, "membership_body"),
        (Verification, {"name": "P", "date": ""}, "date"),
    ],
)
def test_each_type_validates(kind, raw, field):
    """Every record type refuses a bad value in the named field."""
    assert field in problems(kind, raw)


def test_with_changes_revalidates():
    """Editing a record goes through the same validation."""
    case = Case.from_dict(GOOD_CASE)
    assert case.with_changes(outcome="no-agreement").outcome == "no-agreement"
    with pytest.raises(InvalidRecord):
        case.with_changes(prep_hours="lots")


hours_text = st.decimals(min_value=0, max_value=24, places=2).map(str)
"""Hours as a mediator would type them."""


@given(
    prep=hours_text,
    meeting=hours_text,
    followup=hours_text,
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    role=st.sampled_from(["observer", "co-mediator", "lead"]),
    notes=st.text(st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\t\n"), max_size=200),
)
def test_case_round_trips_through_dict(prep, meeting, followup, day, role, notes):
    """Any valid case survives to_dict → from_dict unchanged."""
    case = Case.from_dict(
        {
            **GOOD_CASE,
            "prep_hours": prep,
            "meeting_hours": meeting,
            "followup_hours": followup,
            "date": day.strftime("%d/%m/%Y"),
            "role": role,
            "notes": notes,
        }
    )
    assert Case.from_dict(case.to_dict()) == case


def test_every_type_is_registered():
    """Each record type is known by its kind."""
    assert {
        "case",
        "observation",
        "reflection",
        "cpd",
        "ppc",
        "training",
        "profile",
        "ppc_contact",
        "verification",
    } <= set(RECORD_TYPES)
