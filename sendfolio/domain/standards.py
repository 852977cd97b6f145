"""The "SEND 2018" rule set: each requirement of the standards, its threshold and its words, as data.

Source: *Professional Standards for Mediators Working With SEND* (CMC and College of
Mediators, version 1, May 2018). Nothing here computes anything: `rules.py` reads
these thresholds by rule id, so a revised standard (or another body's numbers) is a
new `RuleSet`, not an edit scattered through the code.

The observation criteria of Forms 1–3 are in `criteria.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

GROUPS = ("accreditation", "renewal", "passport")
"""Which report a rule belongs to."""


@dataclass(frozen=True)
class Rule:
    """One requirement of the standards: what it needs and the reading assumed."""

    id: str
    title: str
    source: str
    group: str
    text: str

    @property
    def assumption(self) -> str:
        """The rule's text, which states any reading assumed (alias for `text`)."""
        return self.text


@dataclass(frozen=True)
class RuleSet:
    """A versioned set of rules with their thresholds and recognised bodies."""

    name: str
    version: str
    rules: tuple[Rule, ...]
    thresholds: Mapping[str, float]
    recognised: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id, or KeyError naming the known ids."""
        for item in self.rules:
            if item.id == rule_id:
                return item
        raise KeyError(f"no rule '{rule_id}' in {self.name}; known rules: {', '.join(self.rule_ids)}")

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule id, in order."""
        return tuple(item.id for item in self.rules)

    def threshold(self, rule_id: str) -> float:
        """The number a rule needs (hours or a count), or KeyError if it has none."""
        try:
            return float(self.thresholds[rule_id])
        except KeyError:
            raise KeyError(f"rule '{rule_id}' has no threshold in {self.name}") from None

    def bodies(self, rule_id: str) -> tuple[str, ...]:
        """The bodies a rule recognises (e.g. approving a course), or KeyError."""
        try:
            return self.recognised[rule_id]
        except KeyError:
            raise KeyError(f"rule '{rule_id}' recognises no bodies in {self.name}") from None

    def in_group(self, group: str) -> tuple[Rule, ...]:
        """The rules of one report: accreditation, renewal or passport."""
        return tuple(item for item in self.rules if item.group == group)


def _rule(rule_id: str, title: str, source: str, group: str, text: str) -> Rule:
    """A rule; a short constructor so the table below reads like the standards."""
    return Rule(id=rule_id, title=title, source=source, group=group, text=text)


_A, _R, _P = GROUPS
"""Short names of the three groups, so the rule table below stays readable."""

SEND_2018_RULES = (
    _rule(
        "foundation.hours",
        "Foundation course of 40 hours",
        "§1.1",
        _A,
        "A foundation mediation course of at least 40 hours. Read as one course of 40 hours or more; "
        "shorter courses are not added together.",
    ),
    _rule(
        "foundation.content",
        "Foundation course content",
        "§1.1",
        _A,
        "The foundation course covered the process and principles of mediation, developed skills through "
        "role play, and assessed by role play and by a written assignment (all four must be recorded).",
    ),
    _rule(
        "foundation.provider",
        "Foundation course provider",
        "§1.1",
        _A,
        "The foundation provider is approved by the CMC or the COM, or the programme is verified by a "
        "national awarding body. Only CMC, COM, OCN and ILM are recognised automatically; any other body "
        "must be shown to the assessor, so it is not counted as met.",
    ),
    _rule(
        "send-training.hours",
        "SEND training of 12 hours",
        "§1.1, §2.2",
        _A,
        "SEND-specific training of at least 12 hours, completed after the foundation course (one programme; "
        "separate shorter sessions are not added together). Its date starts the supported practice.",
    ),
    _rule(
        "send-training.provider",
        "SEND training provider",
        "§1.1",
        _A,
        "The SEND training was delivered by a recognised provider of the COM or the CMC "
        "(recorded as recognised by CMC or COM).",
    ),
    _rule(
        "send-training.modules",
        "SEND training modules",
        "§2.2, App. B",
        _A,
        "The SEND training covered the four modules: legislative framework; contextual knowledge of SEND; "
        "mediation practice and the conduct of cases; local processes and procedures.",
    ),
    _rule(
        "practice.casework-hours",
        "12 hours of casework",
        "§1.2",
        _A,
        "At least 12 hours of casework (preparation, meeting and follow-up) dated on or after the SEND "
        "training, in cases where the mediator co-mediated or led. Hours spent only observing are shown "
        "but not counted.",
    ),
    _rule(
        "practice.reflection-hours",
        "2 hours of reflection",
        "§1.2, §2.3",
        _A,
        "At least 2 hours of written reflection on practice dated on or after the SEND training.",
    ),
    _rule(
        "practice.cases",
        "3 cases after observation",
        "§1.2, §1.3",
        _A,
        "At least 3 cases co-mediated or led after a period of observation: read as at least one case "
        "observed on or after the SEND training, then 3 active cases dated after it. Cases not held or "
        "withdrawn are not counted.",
    ),
    _rule(
        "practice.final-lead",
        "Final case led and observed",
        "§1.3",
        _A,
        "The latest practice case (co-mediated or led, on or after the SEND training) was led by the "
        "mediator and observed by an experienced mediator or PPC (an observer is recorded).",
    ),
    _rule(
        "practice.debriefs",
        "De-brief after each case",
        "§1.2",
        _A,
        "A de-brief is recorded after every practice case (co-mediated or led, on or after the SEND training).",
    ),
    _rule(
        "practice.criteria-coverage",
        "Forms 1–3 criteria demonstrated",
        "§1.2, App. A",
        _A,
        "Every criterion of observation Forms 1–3 was demonstrated at least once over the practice cases "
        "(not necessarily in each case). Observations recorded against cases only observed do not count. "
        "A De-brief and Supervision criterion of Form 3 is shown by a de-brief that records its heading. "
        "Criteria entered by the mediator count alongside those on forms returned by observers (the standards "
        "do not ask for returned forms), unless the profile asks for returned forms only.",
    ),
    _rule(
        "ppc.verification",
        "Verified by a PPC",
        "§1.3",
        _A,
        "The portfolio is verified by a PPC: their name, register and the date are recorded, the date is "
        "not after the check date nor before the latest practice case. Where the PPC returned Form 4 "
        "themselves, it confirms every statement of Form 4.",
    ),
    _rule(
        "membership.body",
        "Member of CMC or COM",
        "§1.4.1",
        _A,
        "The mediator is a member of the Civil Mediation Council (CMC) or the College of Mediators (COM).",
    ),
    _rule(
        "renewal.cpd-hours",
        "20 hours of CPD",
        "§1.4.3",
        _R,
        "At least 20 hours of CPD dated in the registration year. Only CPD diary entries count; a PPC "
        "session counts only if it is also entered in the CPD diary.",
    ),
    _rule(
        "renewal.cases",
        "3 cases in the year",
        "§1.4.3",
        _R,
        "At least 3 mediation or disagreement-resolution cases completed in the registration year, read "
        "as co-mediated or led and held: cases only observed, not held or withdrawn are not counted.",
    ),
    _rule(
        "renewal.supervision",
        "Supervision accessed",
        "§1.4.3, §1.5.2",
        _R,
        "Mentoring support or supervision accessed in the registration year: at least one PPC session, or "
        "a CPD entry with the method supervision.",
    ),
    _rule(
        "renewal.learning",
        "Additional learning or refresher training",
        "§1.5.1",
        _R,
        "Additional days of learning or refresher training in the registration year, building on the SEND "
        "training: read as at least one CPD entry with the method training or refresher, or a refresher "
        "course under Training, dated in the year.",
    ),
    _rule(
        "passport.foundation",
        "Foundation training of 40 hours",
        "§1.6, Form 5",
        _P,
        "A foundation training in mediation of at least 40 hours, with its date and provider.",
    ),
    _rule(
        "passport.send-training",
        "Specialised SEND training (if applicable)",
        "§1.6, Form 5",
        _P,
        "Any SEND training is listed with its date and provider; it is not required for passporting, so "
        "this is always met.",
    ),
    _rule(
        "passport.casework",
        "Lead SEND mediator, 3 cases a year",
        "§1.6, Form 5",
        _P,
        "Lead SEND mediator since the date in the profile, with at least 3 cases led (and held) in each "
        "full registration year since then that the records cover (from the first year with any case, "
        "CPD, PPC or reflection record). The current, unfinished year is not judged.",
    ),
    _rule(
        "passport.cpd",
        "CPD every year",
        "§1.6, Form 5",
        _P,
        "Relevant CPD on an annual basis, read as the §1.4.3 minimum of 20 hours in each full registration "
        "year judged for casework.",
    ),
    _rule(
        "passport.declaration",
        "Declaration of competence",
        "§1.6, Form 5",
        _P,
        "A declaration by a manager, PPC or mentor is recorded with their name and a date not after the check date.",
    ),
)
"""Every rule of the SEND 2018 standards, in the order reports list them."""

SEND_2018_THRESHOLDS = MappingProxyType(
    {
        "foundation.hours": 40.0,
        "send-training.hours": 12.0,
        "practice.casework-hours": 12.0,
        "practice.reflection-hours": 2.0,
        "practice.cases": 3.0,
        "practice.observations": 1.0,
        "renewal.cpd-hours": 20.0,
        "renewal.cases": 3.0,
        "renewal.supervision": 1.0,
        "passport.foundation": 40.0,
        "passport.casework": 3.0,
        "passport.cpd": 20.0,
    }
)
"""The numbers each rule needs, by rule id (hours, or counts of cases / sessions)."""

SEND_2018_RECOGNISED = MappingProxyType(
    {
        "foundation.provider": ("CMC", "COM", "OCN", "ILM"),
        "send-training.provider": ("CMC", "COM"),
        "membership.body": ("CMC", "COM"),
    }
)
"""The bodies each rule recognises, by rule id (abbreviations as recorded)."""

BODY_NAMES = MappingProxyType(
    {
        "CIVIL MEDIATION COUNCIL": "CMC",
        "THE CIVIL MEDIATION COUNCIL": "CMC",
        "COLLEGE OF MEDIATORS": "COM",
        "THE COLLEGE OF MEDIATORS": "COM",
        "OPEN COLLEGE NETWORK": "OCN",
        "INSTITUTE OF LEADERSHIP AND MANAGEMENT": "ILM",
        "INSTITUTE OF LEADERSHIP & MANAGEMENT": "ILM",
    }
)
"""Full names of the recognised bodies, upper-case, to the abbreviations rules compare."""

RULE_SET = RuleSet(
    name="SEND 2018",
    version="1 (May 2018)",
    rules=SEND_2018_RULES,
    thresholds=SEND_2018_THRESHOLDS,
    recognised=SEND_2018_RECOGNISED,
)
"""The rule set in force: Professional Standards for SEND Mediators, version 1, May 2018."""


RULE_WORDS = MappingProxyType(
    {
        "foundation.hours": "a foundation course in mediation … 40 hours in length",
        "foundation.content": "Covers the process and principles of mediation; develops skills through role play; "
        "contains a level of assessment through role play and written assignment",
        "foundation.provider": "the training provider may be approved by … the Civil Mediation Council or the "
        "College of Mediators; or the programme may have been verified by a national organisation which awards "
        "vocational training qualifications",
        "send-training.hours": "a SEND specific training programme … a minimum of 12 hours' delivery",
        "send-training.provider": "delivered by a recognised provider of the College of Mediators or the Civil "
        "Mediation Council",
        "send-training.modules": "covers the necessary material under four main headings",
        "practice.casework-hours": "at least 12 hours of casework",
        "practice.reflection-hours": "a further 2 hours of reflection on their practice",
        "practice.cases": "after a period of observation, a mediator will actively participate in three cases",
        "practice.final-lead": "taking a lead on the final case … a final case, observed by an experienced mediator",
        "practice.debriefs": "There should be opportunities for de-briefing after each case.",
        "practice.criteria-coverage": "not all the criteria are met within each case, but they should be "
        "demonstrated over the whole period",
        "ppc.verification": "a written portfolio … with the verification of their PPC",
        "membership.body": "a member of either the Civil Mediation Council or the College of Mediators",
        "renewal.cpd-hours": "maintain a CPD log, providing evidence of a minimum of 20 hours completed CPD activity",
        "renewal.cases": "verify that they have completed at least three mediation cases",
        "renewal.supervision": "verify that they have accessed mentoring support / supervision",
        "renewal.learning": "Additional days of learning or refresher training … to complement and build on what "
        "was learnt in the SEND specific training course",
        "passport.foundation": "Foundation Training in Mediation (minimum 40 hours)",
        "passport.send-training": "Specialised Training in SEND Mediation (if applicable)",
        "passport.casework": "worked as lead SEND mediator since date and maintain a caseload of 3 cases per year "
        "minimum",
        "passport.cpd": "undertake relevant CPD on an annual basis",
        "passport.declaration": "An experienced mediator, PPC or manager … must provide a declaration of competence",
    }
)
"""Each rule in the standards' own words, as the assessor reads them beside the paragraph (§)."""
