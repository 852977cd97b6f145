"""Accreditation rules, coverage and `check --json`: plain records, no files, no app."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sendfolio import rules
from sendfolio.domain.criteria import CRITERIA_IDS
from sendfolio.domain.records import (
    CPD_METHODS,
    OUTCOMES,
    Case,
    CPDEntry,
    FolioData,
    Observation,
    PPCSession,
    Profile,
    Reflection,
    Training,
    Verification,
)
from sendfolio.domain.standards import RULE_SET

AS_OF = date(2024, 12, 31)
"""The check date of these tests."""

SEND_DAY = "2024-05-10"
"""The SEND training's date: supported practice starts here."""


def make_case(ref, role="co-mediator", when="2024-06-10", hours=(1, 2, 1), **more) -> Case:
    """A case with (prep, meeting, follow-up) hours, de-briefed and held unless told otherwise."""
    prep, meeting, followup = hours
    raw = {
        "ref": ref,
        "kind": "mediation",
        "role": role,
        "date": when,
        "prep_hours": prep,
        "meeting_hours": meeting,
        "followup_hours": followup,
        "outcome": "agreement",
        "debriefed": True,
    }
    return Case.from_dict({**raw, **more})


def training(kind, when, hours, recognised_by, covers) -> Training:
    """A course record."""
    return Training.from_dict(
        {
            "kind": kind,
            "title": f"{kind} course",
            "provider": "Example Mediation Ltd",
            "date": when,
            "hours": hours,
            "recognised_by": recognised_by,
            "covers": covers,
        }
    )


def accredited() -> FolioData:
    """A folio that meets every accreditation rule, exactly at the thresholds."""
    cases = (
        make_case("OBS-1", role="observer", when="2024-05-20", hours=(1, 3, 0)),
        make_case("SM-1", when="2024-06-10"),
        make_case("SM-2", when="2024-07-10"),
        make_case("SM-3", role="lead", when="2024-08-10", observed_by="A. Example (PPC)"),
    )
    return FolioData(
        profile=Profile.from_dict({"name": "Sam Example", "membership_body": "CMC"}),
        training=(
            training("foundation", "2020-03-01", 40, "OCN", list(rules.FOUNDATION_WORDS)),
            training("send", SEND_DAY, 12, "CMC", list(rules.SEND_MODULE_WORDS)),
        ),
        cases=cases,
        observations=tuple(Observation.from_dict({"ref": "SM-1", "criterion": cid}) for cid in CRITERIA_IDS),
        reflections=tuple(
            Reflection.from_dict({"date": day, "hours": 1, "title": "Reflection", "body": "What I noticed."})
            for day in ("2024-06-12", "2024-08-12")
        ),
        verification=Verification.from_dict(
            {"name": "A. Example", "register": "COM PPC register", "date": "2024-09-01"}
        ),
    )


def requirement(data: FolioData, rule_id: str, as_of: date = AS_OF) -> rules.Requirement:
    """One accreditation requirement of a folio."""
    return rules.accreditation(data, as_of).requirement(rule_id)


def with_case(data: FolioData, ref: str, **changes) -> FolioData:
    """The folio with one case changed."""
    return replace(data, cases=tuple(case.with_changes(**changes) if case.ref == ref else case for case in data.cases))


def test_the_accredited_folio_meets_every_rule_in_rule_set_order():
    """At the thresholds everything is met, and every accreditation rule id is reported."""
    report = rules.accreditation(accredited(), AS_OF)
    assert [item.id for item in report.requirements] == [rule.id for rule in RULE_SET.in_group("accreditation")]
    assert report.unmet == () and report.met


@pytest.mark.parametrize(("followup", "met"), [(0.9, False), (1.0, True)])
def test_casework_hours_boundary(followup, met):
    """11.9 hours of casework is not enough; 12.0 is."""
    found = requirement(with_case(accredited(), "SM-3", followup_hours=followup), "practice.casework-hours")
    assert found.met is met
    assert (found.numeric_need, found.numeric_have) == (12.0, 11.9 if not met else 12.0)
    if not met:
        assert found.detail == (
            "11.9 of 12 hours of casework after the SEND training on 10 May 2024; observed cases are not counted."
        )


def test_observer_hours_are_shown_not_counted():
    """Observing is not casework: its hours appear in `have` only."""
    data = with_case(accredited(), "SM-3", followup_hours=0)
    found = requirement(data, "practice.casework-hours")
    assert not found.met and "4 observer hours not counted" in found.have
    assert rules.casework_hours(data) == 11 and rules.observer_hours(data) == 4


def test_activity_before_the_send_training_is_not_supported_practice():
    """A case and a reflection dated before the SEND training count for nothing."""
    data = with_case(accredited(), "SM-1", date="2024-05-09")
    data = replace(data, reflections=(data.reflections[0].with_changes(date="2024-05-01"), data.reflections[1]))
    assert [case.ref for case in rules.practice_cases(data)] == ["SM-2", "SM-3"]
    hours = requirement(data, "practice.casework-hours")
    assert not hours.met and "nor 4 hours before the SEND training" in hours.detail
    reflection = requirement(data, "practice.reflection-hours")
    assert not reflection.met and "1 hours written before it do not count" in reflection.detail


@pytest.mark.parametrize(("hours", "met"), [(0.9, False), (1.0, True)])
def test_reflection_hours_boundary(hours, met):
    """1.9 hours of reflection is not enough; 2.0 is."""
    data = accredited()
    data = replace(data, reflections=(data.reflections[0], data.reflections[1].with_changes(hours=hours)))
    found = requirement(data, "practice.reflection-hours")
    assert found.met is met and found.numeric_have == 1.0 + hours


def test_send_training_before_the_foundation_course_does_not_count():
    """SEND training must come after the foundation course; without it no practice starts."""
    data = accredited()
    data = replace(data, training=(data.training[0].with_changes(date="2024-06-01"), data.training[1]))
    report = rules.accreditation(data, AS_OF)
    hours = report.requirement("send-training.hours")
    assert not hours.met and "not after the foundation course on 1 Jun 2024" in hours.detail
    assert rules.practice_cases(data) == ()
    for rule_id in ("practice.casework-hours", "practice.cases", "practice.final-lead", "practice.debriefs"):
        assert not report.requirement(rule_id).met
        assert "Supported practice starts with SEND training" in report.requirement(rule_id).detail


def test_short_send_training_does_not_count():
    """11.5 hours of SEND training is short of 12."""
    data = accredited()
    data = replace(data, training=(data.training[0], data.training[1].with_changes(hours=11.5)))
    found = requirement(data, "send-training.hours")
    assert not found.met and "is 11.5 of 12 hours" in found.detail


def test_send_training_provider_and_modules():
    """SEND training must be recognised by CMC or COM and cover the four modules."""
    data = accredited()
    send = data.training[1].with_changes(recognised_by="OCN", covers=["legislative-framework", "send-context"])
    data = replace(data, training=(data.training[0], send))
    assert not requirement(data, "send-training.provider").met
    modules = requirement(data, "send-training.modules")
    assert not modules.met and (modules.numeric_need, modules.numeric_have) == (4, 2)
    assert "local processes and procedures" in modules.detail


@pytest.mark.parametrize(
    ("field", "value", "rule_id", "met"),
    [
        ("hours", 39.5, "foundation.hours", False),
        ("hours", 40, "foundation.hours", True),
        ("covers", ["process-principles", "role-play-skills", "role-play-assessment"], "foundation.content", False),
        ("recognised_by", "Civil Mediation Council", "foundation.provider", True),
        ("recognised_by", "ilm", "foundation.provider", True),
        ("recognised_by", "Another Awarding Body", "foundation.provider", False),
        ("recognised_by", "", "foundation.provider", False),
    ],
)
def test_foundation_course_rules(field, value, rule_id, met):
    """40 hours, all four elements, and a recognised approving or awarding body."""
    data = accredited()
    data = replace(data, training=(data.training[0].with_changes(**{field: value}), data.training[1]))
    assert requirement(data, rule_id).met is met


def test_no_training_at_all():
    """Without courses every training rule says so."""
    report = rules.accreditation(replace(accredited(), training=()), AS_OF)
    assert "No foundation mediation course" in report.requirement("foundation.hours").detail
    assert "No SEND training is recorded" in report.requirement("send-training.hours").detail


def test_three_cases_need_a_period_of_observation_first():
    """Without an observed case after the SEND training, active cases do not count."""
    data = replace(accredited(), cases=accredited().cases[1:])
    found = requirement(data, "practice.cases")
    assert (
        not found.met
        and "No case observed by the mediator (role: observer) on or after the SEND training" in found.detail
    )


def test_cases_not_held_or_before_the_observation_are_not_counted():
    """Only held active cases dated after the observed case count towards 3."""
    data = with_case(accredited(), "SM-2", outcome="not-held")
    found = requirement(data, "practice.cases")
    assert not found.met and found.numeric_have == 2 and "not counted: 1 not held" in found.detail
    data = with_case(accredited(), "SM-1", date="2024-05-15")
    found = requirement(data, "practice.cases")
    assert not found.met and "1 on or before the observed case" in found.detail


def test_the_final_case_must_be_led():
    """A co-mediated latest case does not complete the practice."""
    data = with_case(accredited(), "SM-3", role="co-mediator")
    found = requirement(data, "practice.final-lead")
    assert not found.met and "SM-3 on 10 Aug 2024 was co-mediator, not led" in found.detail


def test_the_final_lead_must_be_observed():
    """A led latest case with no observer recorded does not complete the practice."""
    found = requirement(with_case(accredited(), "SM-3", observed_by=""), "practice.final-lead")
    assert not found.met and "no observer is recorded" in found.detail


def test_a_later_co_mediated_case_displaces_the_final_lead():
    """The latest case is the one judged, not the latest led one."""
    data = replace(accredited(), cases=accredited().cases + (make_case("SM-4", when="2024-09-01"),))
    assert not requirement(data, "practice.final-lead").met


def test_every_practice_case_needs_a_debrief():
    """A case without a de-brief is named."""
    found = requirement(with_case(accredited(), "SM-2", debriefed=False), "practice.debriefs")
    assert not found.met and found.detail == "No de-brief recorded for SM-2."
    assert (found.numeric_need, found.numeric_have) == (3, 2)


def test_a_case_still_booked_after_its_day_is_not_yet_practice():
    """A booked case whose day has come (nobody has marked it held) is counted nowhere: not in the casework
    hours, not among the cases to de-brief, never the final case; the renewal leaves it out the same way."""
    late = make_case("SM-4", role="lead", when="2024-09-01", status="booked", outcome="", debriefed=False)
    data = replace(accredited(), cases=accredited().cases + (late,))
    assert "SM-4" not in {case.ref for case in rules.practice_cases(data)}
    assert rules.casework_hours(data) == rules.casework_hours(accredited())
    debriefs = requirement(data, "practice.debriefs")
    assert debriefs.met and (debriefs.numeric_need, debriefs.numeric_have) == (3, 3)
    assert requirement(data, "practice.final-lead").met  # SM-3, led and observed, is still the final case
    assert rules.final_case(rules.practice_cases(data)).ref == "SM-3"


def test_a_withdrawn_last_case_is_not_the_final_case_nor_one_to_de_brief():
    """A meeting that did not take place has nothing to de-brief and cannot be the observed final case."""
    gone = make_case("SM-4", when="2024-09-01", outcome="withdrawn", debriefed=False)
    data = replace(accredited(), cases=accredited().cases + (gone,))
    assert requirement(data, "practice.debriefs").met and requirement(data, "practice.final-lead").met


def test_coverage_missing_one_criterion():
    """One criterion never shown leaves coverage unmet, naming it in the standards' words, not by its id."""
    data = accredited()
    data = replace(data, observations=tuple(o for o in data.observations if o.criterion != "f3.ds.gaps.skills"))
    grid = rules.coverage(data)
    assert grid.missing == ("f3.ds.gaps.skills",) and not grid.complete
    found = requirement(data, "practice.criteria-coverage")
    assert (
        not found.met
        and "Identification of Skills gaps (Form 3)" in found.detail
        and "f3." not in found.detail
        and found.numeric_have == 74
    )


def test_coverage_rows_and_cases():
    """Rows say in which practice cases each criterion was shown; observer cases do not count."""
    data = accredited()
    extra = (
        Observation.from_dict({"ref": "SM-3", "criterion": "f1.pm.initial-contact"}),
        Observation.from_dict({"ref": "OBS-1", "criterion": "f1.sk.engage"}),
        Observation.from_dict({"ref": "SM-2", "criterion": "f9.xx.unknown"}),
    )
    grid = rules.coverage(replace(data, observations=data.observations + extra))
    assert [case.ref for case in grid.cases] == ["SM-1", "SM-2", "SM-3"]
    assert grid.row("f1.pm.initial-contact").refs == ("SM-1", "SM-3")
    assert grid.row("f1.sk.engage").refs == ("SM-1",)
    assert grid.unknown == ("f9.xx.unknown",)
    only_observed = replace(data, observations=(extra[1],))
    assert "f1.sk.engage" in rules.coverage(only_observed).missing


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"register": ""}, "does not name the PPC's register"),
        ({"role": "mentor"}, "not a PPC"),
        ({"date": "2025-01-02"}, "after 31 Dec 2024"),
        ({"date": "2024-08-01"}, "before the latest practice case on 2024-08-10"),
    ],
)
def test_ppc_verification_needs_name_register_and_a_sound_date(changes, why):
    """The PPC's verification is complete and dated after the final case, by the check date."""
    data = accredited()
    found = requirement(replace(data, verification=data.verification.with_changes(**changes)), "ppc.verification")
    assert not found.met and why in found.detail


def test_missing_verification_and_membership():
    """No verification and no membership are both unmet; COM membership is met."""
    data = replace(accredited(), verification=None, profile=Profile())
    assert not requirement(data, "ppc.verification").met
    assert not requirement(data, "membership.body").met
    assert requirement(replace(data, profile=Profile.from_dict({"membership_body": "COM"})), "membership.body").met


def test_records_after_the_check_date_are_left_out():
    """Accreditation on a date before the final case sees only what was there then."""
    report = rules.accreditation(accredited(), date(2024, 7, 31))
    assert report.requirement("practice.casework-hours").numeric_have == 8
    assert not report.requirement("ppc.verification").met


def test_requirement_to_dict_and_progress():
    """The JSON form has exactly the documented keys; progress is a fraction."""
    found = requirement(with_case(accredited(), "SM-3", followup_hours=0), "practice.casework-hours")
    assert set(found.to_dict()) == {"id", "title", "source", "need", "have", "met", "detail"}
    assert found.progress == pytest.approx(11 / 12)
    assert requirement(accredited(), "membership.body").progress is None


def test_check_json_shape():
    """`check --json`: rule set, date, accreditation and renewal with the §2 ids."""
    data = replace(
        accredited(),
        cpd=(
            CPDEntry.from_dict({"date": "2024-03-01", "hours": 20, "method": "training", "title": "SEND law update"}),
        ),
        ppc_sessions=(
            PPCSession.from_dict({"date": "2024-04-01", "ppc": "A. Example", "hours": 1, "mode": "one-to-one"}),
        ),
    )
    found = json.loads(json.dumps(rules.check_json(data, AS_OF, 2024)))
    assert set(found) == {"rule_set", "as_of", "accreditation", "renewal", "practice", "evidence"}
    assert (found["rule_set"], found["as_of"]) == ("SEND 2018", "2024-12-31")
    assert set(found["accreditation"]) == {"met", "requirements"} and found["accreditation"]["met"] is True
    assert set(found["renewal"]) == {"year_start", "year_end", "met", "requirements"}
    assert (found["renewal"]["year_start"], found["renewal"]["year_end"]) == ("2024-01-01", "2024-12-31")
    assert [item["id"] for item in found["renewal"]["requirements"]] == [
        "renewal.cpd-hours",
        "renewal.cases",
        "renewal.supervision",
        "renewal.learning",
    ]
    assert found["renewal"]["met"] is True
    for item in found["accreditation"]["requirements"] + found["renewal"]["requirements"]:
        assert set(item) == {"id", "title", "source", "need", "have", "met", "detail"}
    assert rules.check_json(data, AS_OF)["renewal"]["year_start"] == "2024-01-01"


# ---------------------------------------------------------------- the engine never raises

DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))
"""Dates a folio may hold."""
HOURS = st.sampled_from([0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 12, 20, 40])
"""Hours of preparation, follow-up, CPD or courses."""
SHORT_HOURS = st.sampled_from([0, 0.5, 1, 2.5, 6, 11.9, 12, 24])
"""Hours of a meeting or a reflection (at most 24), some near the thresholds."""
REFS = st.sampled_from(["SM-1", "SM-2", "SM-3", "DR-4", "OBS-5"])
"""Case references, few so that observations often match a case."""

CASES = st.builds(
    lambda ref, role, day, hours, outcome, seen, briefed: Case.from_dict(
        {
            "ref": ref,
            "kind": "mediation",
            "role": role,
            "date": day,
            "prep_hours": hours[0],
            "meeting_hours": hours[1],
            "followup_hours": hours[2],
            "outcome": outcome,
            "observed_by": seen,
            "debriefed": briefed,
        }
    ),
    REFS,
    st.sampled_from(["observer", "co-mediator", "lead"]),
    DAYS,
    st.tuples(HOURS, SHORT_HOURS, HOURS),
    st.sampled_from(OUTCOMES),
    st.sampled_from(["", "A. Example"]),
    st.booleans(),
)
"""Any valid case."""
COVERS = {"foundation": tuple(rules.FOUNDATION_WORDS), "send": tuple(rules.SEND_MODULE_WORDS), "refresher": ()}
"""What each kind of course may cover."""


def _course(kind, day, hours, body, picks) -> Training:
    """A generated course covering only what its kind can cover."""
    covers = [item for item in picks if item in COVERS[kind]]
    return Training.from_dict(
        {
            "kind": kind,
            "title": "Course",
            "provider": "Example",
            "date": day,
            "hours": hours,
            "recognised_by": body,
            "covers": covers,
        }
    )


TRAINING = st.builds(
    _course,
    st.sampled_from(list(COVERS)),
    DAYS,
    HOURS,
    st.sampled_from(["", "CMC", "OCN", "x"]),
    st.lists(st.sampled_from(COVERS["foundation"] + COVERS["send"]), max_size=8),
)
"""Any valid course."""
PROFILES = st.builds(
    lambda body, anniversary, since: Profile.from_dict(
        {"membership_body": body, "registration_anniversary": anniversary, "lead_since": since}
    ),
    st.sampled_from(["", "CMC", "COM"]),
    st.one_of(st.none(), DAYS, st.just(date(2020, 2, 29))),
    st.one_of(st.none(), DAYS),
)
"""Any profile, some with a 29 February anniversary."""
VERIFICATIONS = st.one_of(
    st.none(),
    st.builds(
        lambda day, register, role: Verification.from_dict(
            {"name": "A. Example", "date": day, "register": register, "role": role}
        ),
        DAYS,
        st.sampled_from(["", "COM"]),
        st.sampled_from(["PPC", "manager", "mentor"]),
    ),
)
"""No verification, or any valid one."""
FOLIOS = st.builds(
    FolioData,
    profile=PROFILES,
    cases=st.lists(CASES, max_size=8).map(tuple),
    observations=st.lists(
        st.builds(
            lambda ref, cid: Observation.from_dict({"ref": ref, "criterion": cid}),
            REFS,
            st.sampled_from(CRITERIA_IDS + ("f9.xx.other",)),
        ),
        max_size=10,
    ).map(tuple),
    reflections=st.lists(
        st.builds(
            lambda day, hours: Reflection.from_dict({"date": day, "hours": hours, "title": "R", "body": "Notes."}),
            DAYS,
            SHORT_HOURS.filter(bool),
        ),
        max_size=4,
    ).map(tuple),
    cpd=st.lists(
        st.builds(
            lambda day, hours, method: CPDEntry.from_dict(
                {"date": day, "hours": hours, "method": method, "title": "C"}
            ),
            DAYS,
            HOURS,
            st.sampled_from(CPD_METHODS),
        ),
        max_size=6,
    ).map(tuple),
    ppc_sessions=st.lists(
        st.builds(lambda day: PPCSession.from_dict({"date": day, "ppc": "P", "hours": 1, "mode": "group"}), DAYS),
        max_size=3,
    ).map(tuple),
    training=st.lists(TRAINING, max_size=4).map(tuple),
    verification=VERIFICATIONS,
    passport_declaration=VERIFICATIONS,
)
"""Any valid folio built from records."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=FOLIOS, as_of=DAYS, year=st.integers(min_value=2014, max_value=2027))
def test_the_engine_never_raises_on_a_valid_folio(data, as_of, year):
    """Any valid folio gives a full, JSON-safe answer for every report."""
    found = rules.check_json(data, as_of, year)
    json.dumps(found)
    assert len(found["accreditation"]["requirements"]) == 14
    assert len(rules.passport(data, as_of).requirements) == 5
    for item in rules.accreditation(data, as_of).requirements + rules.passport(data, as_of).requirements:
        assert item.met or item.detail, item.id
    assert rules.cpd_totals(data, year)["total"] >= 0
    assert rules.current_registration_year(data.profile, as_of) in (as_of.year - 1, as_of.year)


def test_one_practice_case_is_counted_in_the_singular():
    """With one practice case the requirements say "1 case", never "1 cases" (counts through one helper)."""
    data = accredited()
    data = replace(data, cases=tuple(case for case in data.cases if case.ref in ("OBS-1", "SM-1")))
    data = with_case(data, "SM-1", debriefed=False)
    assert " in 1 case since " in requirement(data, "practice.casework-hours").have
    assert requirement(data, "practice.cases").have.startswith("1 case after observing")
    assert requirement(data, "practice.debriefs").have == "0 of 1 case de-briefed"
    assert " over 1 practice case" in requirement(data, "practice.criteria-coverage").have
