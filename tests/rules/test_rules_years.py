"""Registration years, annual renewal and the passported route (Form 5): plain records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sendfolio import rules
from sendfolio.domain.records import Case, CPDEntry, FolioData, PPCSession, Profile, Training, Verification
from sendfolio.domain.standards import RULE_SET
from tests.helpers.dates import FIXED_TODAY


def profile(**fields) -> Profile:
    """A profile from raw values."""
    return Profile.from_dict(fields)


def cpd(when: str, hours: float, method: str = "training") -> CPDEntry:
    """A CPD diary entry."""
    return CPDEntry.from_dict({"date": when, "hours": hours, "method": method, "title": "SEND update"})


def case(ref: str, when: str, role: str = "lead", outcome: str = "agreement") -> Case:
    """A case of four hours."""
    return Case.from_dict(
        {
            "ref": ref,
            "kind": "mediation",
            "role": role,
            "date": when,
            "prep_hours": 1,
            "meeting_hours": 2,
            "followup_hours": 1,
            "outcome": outcome,
        }
    )


def ppc(when: str) -> PPCSession:
    """A one-to-one PPC session."""
    return PPCSession.from_dict({"date": when, "ppc": "A. Example", "hours": 1, "mode": "one-to-one"})


# ---------------------------------------------------------------- registration years


def test_without_an_anniversary_the_registration_year_is_the_calendar_year():
    """No anniversary: 1 January to 31 December."""
    assert rules.registration_year(Profile(), 2025) == (date(2025, 1, 1), date(2025, 12, 31))
    assert rules.current_registration_year(Profile(), date(2025, 1, 1)) == 2025


def test_registration_year_runs_from_the_anniversary():
    """An anniversary of 6 April: the 2024 year runs 2024-04-06 to 2025-04-05."""
    who = profile(registration_anniversary="2019-04-06")
    assert rules.registration_year(who, 2024) == (date(2024, 4, 6), date(2025, 4, 5))
    assert rules.current_registration_year(who, date(2025, 4, 5)) == 2024
    assert rules.current_registration_year(who, date(2025, 4, 6)) == 2025


def test_a_29_february_anniversary_falls_on_1_march_in_other_years():
    """Leap-day registration: 1 March in common years, 29 February in leap years; no gap, no overlap."""
    who = profile(registration_anniversary="2020-02-29")
    assert rules.registration_year(who, 2023) == (date(2023, 3, 1), date(2024, 2, 28))
    assert rules.registration_year(who, 2024) == (date(2024, 2, 29), date(2025, 2, 28))
    assert rules.current_registration_year(who, date(2024, 2, 28)) == 2023
    assert rules.current_registration_year(who, date(2024, 2, 29)) == 2024
    assert rules.current_registration_year(who, date(2025, 2, 28)) == 2024
    assert rules.current_registration_year(who, date(2025, 3, 1)) == 2025


@pytest.mark.parametrize(
    ("today", "renews"),
    [
        (date(2025, 4, 4), date(2025, 4, 6)),  # two days before the anniversary
        (date(2025, 4, 5), date(2025, 4, 6)),  # the registration year's last day
        (date(2025, 4, 6), date(2026, 4, 6)),  # the anniversary itself: a new year has begun
        (date(2025, 4, 7), date(2026, 4, 6)),
    ],
)
def test_the_registration_renews_on_the_first_day_of_the_next_year(today, renews):
    """Renewal falls on the anniversary after the registration year holding today; without one, on 1 January."""
    assert rules.renews_on(profile(registration_anniversary="2019-04-06"), today) == renews
    assert rules.renews_on(Profile(), today) == date(today.year + 1, 1, 1)
    assert rules.renews_on(Profile(), date(2025, 12, 31)) == date(2026, 1, 1)
    assert rules.renews_on(profile(registration_anniversary="2020-02-29"), date(2027, 2, 28)) == date(2027, 3, 1)


# ---------------------------------------------------------------- renewal


def renewing() -> FolioData:
    """A folio that meets renewal in calendar 2025 exactly at the thresholds."""
    return FolioData(
        cases=(case("SM-1", "2025-02-01"), case("SM-2", "2025-05-01", role="co-mediator"), case("SM-3", "2025-09-01")),
        cpd=(cpd("2025-01-15", 12), cpd("2025-06-15", 8, "reading")),
        ppc_sessions=(ppc("2025-03-01"),),
    )


def test_renewal_met_at_the_thresholds():
    """20 hours, 3 cases, one PPC session: met, with the year's dates."""
    report = rules.renewal(renewing(), 2025, FIXED_TODAY)
    assert report.met and (report.year_start, report.year_end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert [item.id for item in report.requirements] == [rule.id for rule in RULE_SET.in_group("renewal")]


@pytest.mark.parametrize(("hours", "met"), [(7.5, False), (8, True)])
def test_renewal_cpd_boundary(hours, met):
    """19.5 hours of CPD is not enough; 20 is."""
    data = replace(renewing(), cpd=(cpd("2025-01-15", 12), cpd("2025-06-15", hours, "reading")))
    found = rules.renewal(data, 2025, FIXED_TODAY).requirement("renewal.cpd-hours")
    assert found.met is met
    if not met:
        assert found.detail == "19.5 of 20 hours of CPD from 1 Jan 2025 to 31 Dec 2025."


@pytest.mark.parametrize(
    "change", [{"outcome": "not-held"}, {"outcome": "withdrawn"}, {"role": "observer"}, {"date": "2024-12-31"}]
)
def test_renewal_cases_not_held_observed_or_outside_the_year_do_not_count(change):
    """Only cases co-mediated or led, held, within the year count towards 3."""
    data = replace(renewing(), cases=renewing().cases[:2] + (renewing().cases[2].with_changes(**change),))
    found = rules.renewal(data, 2025, FIXED_TODAY).requirement("renewal.cases")
    assert not found.met and found.numeric_have == 2


def test_renewal_supervision_by_ppc_session_or_supervision_cpd():
    """A PPC session or a CPD entry with method supervision; otherwise unmet."""
    none = replace(renewing(), ppc_sessions=())
    assert not rules.renewal(none, 2025, FIXED_TODAY).requirement("renewal.supervision").met
    assert (
        "No PPC session or supervision"
        in rules.renewal(none, 2025, FIXED_TODAY).requirement("renewal.supervision").detail
    )
    supervised = replace(none, cpd=none.cpd + (cpd("2025-11-01", 1, "supervision"),))
    assert rules.renewal(supervised, 2025, FIXED_TODAY).requirement("renewal.supervision").met
    found = rules.renewal(renewing(), 2025, FIXED_TODAY).requirement("renewal.supervision")
    assert found.have == "1 PPC session, 0 supervision CPD entries"
    assert (
        rules.renewal(supervised, 2025, FIXED_TODAY)
        .requirement("renewal.supervision")
        .have.endswith("1 supervision CPD entry")
    )


def test_renewal_follows_the_anniversary_year():
    """With a 6 April anniversary, CPD on 5 April 2026 belongs to the 2025 year."""
    data = replace(
        renewing(),
        profile=profile(registration_anniversary="2018-04-06"),
        cpd=(cpd("2025-04-06", 10), cpd("2026-04-05", 10), cpd("2026-04-06", 5)),
    )
    assert rules.cpd_totals(data, 2025)["total"] == 20
    assert rules.renewal(data, 2025, FIXED_TODAY).requirement("renewal.cpd-hours").met
    assert rules.cpd_totals(data, 2026)["total"] == 5


@pytest.mark.parametrize(("hours", "met", "have"), [(7.5, False, 19.5), (8, True, 20.0), (8.004, True, 20.0)])
def test_cpd_target_of_a_year(hours, met, have):
    """The CPD diary's target line is the renewal rule on that registration year: 20 hours, to the hundredth."""
    data = replace(renewing(), cpd=(cpd("2025-01-15", 12), cpd("2025-06-15", hours, "reading")))
    target = rules.cpd_target(data, 2025)
    assert (target.id, target.met, target.numeric_need, target.numeric_have) == ("renewal.cpd-hours", met, 20, have)
    assert target == rules.renewal(data, 2025, FIXED_TODAY).requirement("renewal.cpd-hours")
    assert rules.cpd_target(data, 2024).numeric_have == 0 and not rules.cpd_target(data, 2024).met


def test_cpd_totals_by_method():
    """Totals of the year, split by method."""
    assert rules.cpd_totals(renewing(), 2025) == {"total": 20.0, "by_method": {"training": 12.0, "reading": 8.0}}
    assert rules.cpd_totals(renewing(), 2024) == {"total": 0, "by_method": {}}


# ---------------------------------------------------------------- passport (Form 5)

AS_OF = date(2025, 6, 30)
"""The check date of the passport tests: 2025 is unfinished, so 2022–2024 are judged."""


def passported() -> FolioData:
    """A long-standing lead mediator, records from 2022, who meets Form 5."""
    cases = tuple(case(f"SM-{year}-{n}", f"{year}-0{n + 2}-01") for year in (2022, 2023, 2024) for n in (1, 2, 3))
    return FolioData(
        profile=profile(route="passported", lead_since="2012-09-01"),
        training=(
            Training.from_dict(
                {
                    "kind": "foundation",
                    "title": "Mediation foundation",
                    "provider": "Example",
                    "date": "2010-05-01",
                    "hours": 40,
                }
            ),
        ),
        cases=cases,
        cpd=tuple(cpd(f"{year}-10-01", 20) for year in (2022, 2023, 2024)),
        passport_declaration=Verification.from_dict({"name": "B. Example", "role": "manager", "date": "2025-06-01"}),
    )


def test_the_passported_folio_meets_form_5():
    """Every Form 5 rule met, in the rule set's order."""
    report = rules.passport(passported(), AS_OF)
    assert [item.id for item in report.requirements] == [rule.id for rule in RULE_SET.in_group("passport")]
    assert report.unmet == () and report.met
    assert report.requirement("passport.casework").have == "2022: 3, 2023: 3, 2024: 3"


def test_passport_foundation_needs_40_hours():
    """A 39-hour foundation training is not enough."""
    data = passported()
    data = replace(data, training=(data.training[0].with_changes(hours=39),))
    assert not rules.passport(data, AS_OF).requirement("passport.foundation").met
    assert not rules.passport(replace(data, training=()), AS_OF).requirement("passport.foundation").met


def test_passport_send_training_is_informational():
    """SEND training is listed when there is one, and met either way."""
    assert rules.passport(passported(), AS_OF).requirement("passport.send-training").met
    data = passported()
    send = Training.from_dict(
        {"kind": "send", "title": "SEND", "provider": "Example SEND", "date": "2019-01-10", "hours": 12}
    )
    found = rules.passport(replace(data, training=data.training + (send,)), AS_OF).requirement("passport.send-training")
    assert found.met and "10 Jan 2019 by Example SEND" in found.have


def test_passport_casework_needs_3_lead_cases_every_judged_year():
    """A judged year with 2 held lead cases is named; a co-mediated case does not count."""
    data = passported()
    cases = tuple(item.with_changes(role="co-mediator") if item.ref == "SM-2023-2" else item for item in data.cases)
    found = rules.passport(replace(data, cases=cases), AS_OF).requirement("passport.casework")
    assert (
        not found.met
        and found.detail == "Fewer than 3 cases led in 2023 (2). Not counted: 2023: 1 co-mediated, not led."
    )
    assert (found.numeric_need, found.numeric_have) == (3, 2)


def test_passport_casework_says_why_a_booked_lead_case_is_not_counted():
    """A lead case still booked is left out of its year's count, and the detail says it is booked."""
    data = passported()
    booked = {"status": "booked", "outcome": "", "meeting_hours": "", "followup_hours": ""}
    cases = tuple(item.with_changes(**booked) if item.ref == "SM-2023-2" else item for item in data.cases)
    found = rules.passport(replace(data, cases=cases), AS_OF).requirement("passport.casework")
    assert not found.met and found.detail.endswith("Not counted: 2023: 1 booked, not yet held.")


def test_passport_judges_neither_the_current_year_nor_years_before_the_records():
    """2025 is unfinished and 2012–2021 precede the records: neither is judged."""
    data = passported()
    assert rules.judged_years(data, AS_OF) == (2022, 2023, 2024)
    early = replace(data, cpd=data.cpd + (cpd("2021-03-01", 20),))
    found = rules.passport(early, AS_OF).requirement("passport.casework")
    assert not found.met and "2021 (0)" in found.detail


def test_passport_needs_a_lead_since_date_and_a_full_year():
    """No lead-since date, or no finished year in the records, is unmet."""
    data = passported()
    found = rules.passport(replace(data, profile=Profile()), AS_OF).requirement("passport.casework")
    assert not found.met and "No date is recorded since which" in found.detail
    found = rules.passport(data, date(2022, 12, 31)).requirement("passport.cpd")
    assert not found.met and "No registration year since 1 Sep 2012" in found.detail


def test_passport_cpd_every_year():
    """A judged year short of 20 hours of CPD is named."""
    data = passported()
    data = replace(data, cpd=data.cpd[:2] + (cpd("2024-10-01", 19.5),))
    found = rules.passport(data, AS_OF).requirement("passport.cpd")
    assert not found.met and found.detail == "Fewer than 20 hours of CPD in 2024 (19.5)."


def test_passport_years_follow_the_anniversary():
    """With an April anniversary the years read 2022–23 and so on."""
    data = replace(passported(), profile=profile(lead_since="2012-09-01", registration_anniversary="2015-04-01"))
    found = rules.passport(data, date(2025, 6, 30)).requirement("passport.casework")
    assert found.have.startswith("2021–22: ")


def test_passport_declaration():
    """A declaration is needed, dated by the check date."""
    data = passported()
    assert not rules.passport(replace(data, passport_declaration=None), AS_OF).requirement("passport.declaration").met
    found = rules.passport(data, date(2025, 5, 31)).requirement("passport.declaration")
    assert not found.met


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"status": "booked", "outcome": "", "meeting_hours": "", "followup_hours": ""}, "1 booked, not yet held"),
        ({"outcome": "withdrawn"}, "1 withdrawn"),
        ({"status": "not-held", "outcome": ""}, "1 not held"),
        ({"role": "observer"}, "1 observed only"),
    ],
)
def test_renewal_says_why_each_case_left_out_is_not_counted(change, why):
    """A booked lead case is 'booked, not yet held', not lumped with observed or withdrawn ones."""
    data = replace(renewing(), cases=renewing().cases[:2] + (renewing().cases[2].with_changes(**change),))
    found = rules.renewal(data, 2025, FIXED_TODAY).requirement("renewal.cases")
    assert found.have == f"2 cases held; not counted: {why}"
    assert f"not counted: {why}." in found.detail


def test_renewal_checks_additional_learning_or_refresher_training():
    """§1.5.1: a training or refresher CPD entry, or a refresher course, in the year; reading alone is not enough."""
    from sendfolio.domain.records import CPDEntry, FolioData, Training

    reading = CPDEntry.from_dict({"date": "2025-05-01", "hours": 20, "method": "reading", "title": "SEND Code"})
    data = FolioData(cpd=(reading,))
    found = rules.renewal(data, 2025, FIXED_TODAY).requirement("renewal.learning")
    assert not found.met and found.source == "§1.5.1" and "No additional learning" in found.detail
    refresher = CPDEntry.from_dict({"date": "2025-06-01", "hours": 6, "method": "refresher", "title": "Refresher day"})
    assert rules.renewal(FolioData(cpd=(reading, refresher)), 2025, FIXED_TODAY).requirement("renewal.learning").met
    course = Training.from_dict(
        {"kind": "refresher", "title": "Post-16 update", "provider": "A provider", "date": "2025-07-01", "hours": 6}
    )
    assert (
        rules.renewal(FolioData(cpd=(reading,), training=(course,)), 2025, FIXED_TODAY)
        .requirement("renewal.learning")
        .met
    )
    earlier = refresher.with_changes(date="2024-06-01")
    assert not rules.renewal(FolioData(cpd=(reading, earlier)), 2025, FIXED_TODAY).requirement("renewal.learning").met


def test_passport_refusal_names_section_1_6_and_what_is_missing():
    """Form 5 applies only on the passported route once the criteria hold; a declarant is the PPC or the declaration."""
    from dataclasses import replace as changed

    data = passported()
    assert rules.passport_refusal(data, AS_OF) is None
    new_route = rules.passport_refusal(changed(data, profile=data.profile.with_changes(route="new")), AS_OF)
    assert new_route.startswith("§1.6") and "new accreditation" in new_route
    no_cpd = rules.passport_refusal(changed(data, cpd=()), AS_OF)
    assert no_cpd.startswith("§1.6") and "CPD every year" in no_cpd
    nobody = changed(data, passport_declaration=None, ppc_contact=None)
    assert "Declaration of competence" in rules.passport_refusal(nobody, AS_OF)


def test_hours_by_year_totals_each_registration_year_newest_first():
    """Sessions on either side of an anniversary fall in their own registration years; no year without hours."""
    mine = profile(name="A. Mediator", registration_anniversary="2024-04-01")
    sessions = [
        PPCSession.from_dict({"date": "2024-03-31", "ppc": "P. Consultant", "hours": 1.5, "mode": "one-to-one"}),
        PPCSession.from_dict({"date": "2024-04-01", "ppc": "P. Consultant", "hours": 1, "mode": "one-to-one"}),
        PPCSession.from_dict({"date": "2025-03-31", "ppc": "P. Consultant", "hours": 2, "mode": "one-to-one"}),
        PPCSession.from_dict({"date": "2026-05-01", "ppc": "P. Consultant", "hours": 0.5, "mode": "one-to-one"}),
    ]
    totals = rules.hours_by_year(mine, sessions)
    assert totals == {2026: 0.5, 2024: 3.0, 2023: 1.5}
    assert list(totals) == [2026, 2024, 2023]
    assert rules.hours_by_year(mine, []) == {}
