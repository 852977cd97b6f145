"""What the CPD diary and the PPC screen show above their tables, worked out from plain records (no app)."""

from __future__ import annotations

from sendfolio.domain.records import CPDEntry, FolioData, PPCContact, PPCSession, Profile, Verification
from sendfolio.tui.views.year_tables import cpd_year_view, ppc_year_view, year_span

MINE = Profile.from_dict({"name": "Alex Rowan", "registration_anniversary": "2024-04-01"})
"""A fictional mediator whose registration years start on 1 April."""


def cpd(when: str, hours: float, method: str) -> CPDEntry:
    """A CPD diary entry."""
    return CPDEntry.from_dict({"date": when, "hours": hours, "method": method, "title": "SEND update"})


def session(when: str, hours: float) -> PPCSession:
    """A one-to-one session with a fictional PPC."""
    return PPCSession.from_dict({"date": when, "ppc": "Dr Morgan Hale", "hours": hours, "mode": "one-to-one"})


def test_a_year_in_words_runs_from_the_anniversary():
    """The registration year's number and its first and last days."""
    assert year_span(MINE, 2025) == "registration year 2025: 1 Apr 2025 – 31 Mar 2026"


def test_the_cpd_year_counts_its_own_entries_against_the_target():
    """Entries of the year only; the bar never runs past the need; the breakdown largest first."""
    data = FolioData(
        profile=MINE,
        cpd=(cpd("2025-04-01", 2.5, "reading"), cpd("2026-03-31", 4, "training"), cpd("2026-04-01", 9, "training")),
    )
    view = cpd_year_view(data, 2025)
    assert view.heading == "CPD diary · registration year 2025: 1 Apr 2025 – 31 Mar 2026"
    assert (view.need, view.have) == (20, 6.5)
    assert view.total == "6.5 of 20 h · 13.5 h to go"
    assert view.methods == "By method: Training 4 h · Reading 2.5 h"


def test_a_cpd_year_past_its_target_says_so_and_fills_the_bar():
    """More hours than needed: the target met, the bar full (not beyond)."""
    data = FolioData(profile=MINE, cpd=(cpd("2025-05-01", 12, "training"), cpd("2025-06-01", 12, "reading")))
    view = cpd_year_view(data, 2025)
    assert view.have == view.need == 20
    assert view.total == "24 of 20 h · target met"


def test_an_empty_cpd_year_says_how_to_add_an_entry():
    """No entries in the year: nothing counted, and the key that adds one."""
    view = cpd_year_view(FolioData(profile=MINE), 2025)
    assert (view.have, view.total) == (0, "0 of 20 h · 20 h to go")
    assert view.methods == "No CPD recorded in this year yet: press a to add an entry."


def test_the_ppc_year_counts_its_sessions_and_lists_every_year():
    """The year's sessions and hours; every year with sessions, newest first."""
    data = FolioData(
        profile=MINE,
        ppc_sessions=(session("2025-03-31", 1.5), session("2025-04-01", 1), session("2026-03-31", 0.5)),
    )
    view = ppc_year_view(data, 2025)
    assert view.heading == "Sessions · registration year 2025: 1 Apr 2025 – 31 Mar 2026 · 1.5 h in 2 sessions"
    assert view.years == "Hours by year: 2025 1.5 h · 2024 1.5 h"
    assert view.contact == "PPC: not recorded yet — press c to add your PPC's details."
    assert view.verification.startswith("Verification: not yet given")


def test_the_ppc_view_names_the_ppc_and_how_the_verification_came():
    """The contact's details that are given, one line; a verification returned signed on Form 4 says so."""
    contact = PPCContact.from_dict({"name": "Dr Morgan Hale", "register": "CMC PPC register", "phone": "01632 960000"})
    verified = Verification.from_dict(
        {"name": "Dr Morgan Hale", "register": "CMC PPC register", "date": "2026-02-02", "how": "signed"}
    )
    data = FolioData(profile=MINE, ppc_contact=contact, verification=verified)
    view = ppc_year_view(data, 2025)
    assert view.contact == "PPC: Dr Morgan Hale · CMC PPC register · 01632 960000"
    assert view.verification == (
        "Verification: by Dr Morgan Hale (CMC PPC register) on 2 Feb 2026, on Form 4 signed by the PPC"
    )
    assert view.heading.endswith("0 h in 0 sessions")
    assert view.years == "No sessions recorded yet: press a to add one."
