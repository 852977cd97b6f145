"""What the year-scoped tables show above their rows, worked out from the folio and the year on show.

`cpd_year_view(data, year)` gives the CPD diary's `CPDYearView` (the year, its hours against the
target, the hours by method) and `ppc_year_view(data, year)` the PPC screen's `PPCYearView` (the
PPC's details, the verification, the year's sessions, the hours of every year). The figures come
from the rules (`cpd_totals`, `cpd_target`, `hours_by_year`); these only put them in words. The
screens hold the view in a reactive attribute and show it in its `watch_` method.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendfolio.domain.records import FolioData, PPCContact, Profile, Verification
from sendfolio.domain.wording import count, hours_text, short_date, span, words
from sendfolio.rules import cpd_target, cpd_totals, hours_by_year, in_period, registration_year


def year_span(profile: Profile, year: int) -> str:
    """A registration year in words, e.g. `registration year 2025: 1 Apr 2025 to 31 Mar 2026`."""
    start, end = registration_year(profile, year)
    return f"registration year {year}: {span(start, end)}"


@dataclass(frozen=True)
class CPDYearView:
    """What the CPD diary shows above its entries for one registration year."""

    heading: str
    """The diary and the year on show, with its dates."""
    need: float
    """The hours the year needs (the progress bar's total)."""
    have: float
    """The year's hours as far as they count towards the need (the progress bar's progress: never past the need)."""
    total: str
    """The year's hours of the hours needed, and what is left to go (or that the target is met)."""
    methods: str
    """The year's hours by method, largest first, or how to add the first entry."""


def cpd_year_view(data: FolioData, year: int) -> CPDYearView:
    """The CPD diary's summary of registration year `year`, from `rules.cpd_totals` and `rules.cpd_target`."""
    totals, target = cpd_totals(data, year), cpd_target(data, year)
    need = target.numeric_need or 0.0
    met = "target met" if target.met else f"{hours_text(need - totals['total'])} h to go"
    return CPDYearView(
        heading=f"CPD diary · {year_span(data.profile, year)}",
        need=need,
        have=min(totals["total"], need),
        total=f"{hours_text(totals['total'])} of {hours_text(need)} h · {met}",
        methods=breakdown(totals["by_method"]),
    )


def breakdown(by_method: dict[str, float]) -> str:
    """Hours by method, largest first, e.g. `training 6 h · reading 2.5 h`."""
    if not by_method:
        return "No CPD recorded in this year yet: press a to add an entry."
    ordered = sorted(by_method.items(), key=lambda item: (-item[1], item[0]))
    return "By method: " + " · ".join(f"{words(method)} {hours_text(hours)} h" for method, hours in ordered)


@dataclass(frozen=True)
class PPCYearView:
    """What the PPC screen shows above its sessions for one registration year."""

    contact: str
    """The PPC's details on one line, or how to add them."""
    verification: str
    """Whether the portfolio has been verified, by whom and how, or how to ask for it."""
    heading: str
    """The year on show, with its sessions' hours and how many there are."""
    years: str
    """The session hours of every registration year that has any, newest first."""


def ppc_year_view(data: FolioData, year: int) -> PPCYearView:
    """The PPC screen's summary, its sessions of registration year `year` counted."""
    start, end = registration_year(data.profile, year)
    sessions = sorted((item for item in data.ppc_sessions if in_period(item.date, start, end)), key=lambda s: s.date)
    hours = sum(item.hours for item in sessions)  # in the table's order, as the table's rows add up
    return PPCYearView(
        contact=contact_text(data.ppc_contact),
        verification=verification_text(data.verification),
        heading=f"Sessions · {year_span(data.profile, year)} · {hours_text(hours)} h in {count(len(sessions), 'session')}",
        years=years_text(hours_by_year(data.profile, data.ppc_sessions)),
    )


def years_text(totals: dict[int, float]) -> str:
    """Session hours in every registration year that has any, newest first (`rules.hours_by_year`)."""
    if not totals:
        return "No sessions recorded yet: press a to add one."
    return "Hours by year: " + " · ".join(f"{year} {hours_text(hours)} h" for year, hours in totals.items())


def contact_text(contact: PPCContact | None) -> str:
    """The PPC's details on one line, or how to add them."""
    if contact is None:
        return "PPC: not recorded yet — press c to add your PPC's details."
    parts = [contact.name, contact.register, contact.email, contact.phone]
    return "PPC: " + " · ".join(part for part in parts if part)


def verification_text(verification: Verification | None) -> str:
    """Whether the portfolio has been verified, and by whom."""
    if verification is None:
        return "Verification: not yet given — f writes Form 4 for your PPC to sign, i imports their return."
    register = f" ({verification.register})" if verification.register else ""
    how = ""
    if verification.returned:
        how = ", on Form 4 signed by the PPC" if verification.how == "signed" else ", on Form 4 returned unsigned"
    return f"Verification: by {verification.name}{register} on {short_date(verification.date)}{how}"
