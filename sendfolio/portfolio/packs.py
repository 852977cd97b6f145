"""Document models of the renewal pack (§1.4.3) and the passported declaration (§1.6, Form 5).

Pure: records and the rules' one answer for each (`rules.assess_renewal`, `rules.assess_passport`) in,
frozen view objects out.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sendfolio import rules
from sendfolio.domain.records import Case, FolioData, Training, Verification
from sendfolio.domain.wording import long_date
from sendfolio.portfolio import logs
from sendfolio.portfolio.model import CoveredPeriod, DocumentInfo, IndexRow, Link, document_info, index_rows
from sendfolio.portfolio.wording import prose_dates

RENEWAL_SECTIONS = (
    ("requirements", "Requirements for re-registration"),
    ("renewal-cpd", "CPD log"),
    ("renewal-cases", "Cases in the year"),
    ("renewal-supervision", "Supervision and mentoring accessed"),
    ("declaration", "Declaration"),
)
"""(anchor, heading) of the renewal pack's sections."""

RENEWAL_EVIDENCE = {
    "renewal.cpd-hours": "renewal-cpd",
    "renewal.cases": "renewal-cases",
    "renewal.supervision": "renewal-supervision",
    "renewal.learning": "renewal-cpd",
}
"""Where each renewal rule's evidence stands, by anchor."""

PASSPORT_EVIDENCE = {
    "passport.foundation": "form-5",
    "passport.send-training": "form-5",
    "passport.casework": "passport-years",
    "passport.cpd": "passport-years",
    "passport.declaration": "form-5-signatures",
}
"""Where each passport rule's evidence stands, by anchor."""

PASSPORT_HEADINGS = {
    "form-5": "Form 5",
    "passport-years": "Casework and CPD by year",
    "form-5-signatures": "Form 5 signatures",
}
"""Headings of the passported declaration's anchors."""


@dataclass(frozen=True)
class RenewalPack:
    """The evidence for annual re-registration in one registration year."""

    info: DocumentInfo
    profile: object
    year_label: str
    period: CoveredPeriod
    sections: tuple[Link, ...]
    index: tuple[IndexRow, ...]
    cpd: logs.CPDLog
    cases: tuple
    supervision: logs.PPCLog
    supervision_cpd: tuple
    cases_apart: tuple[tuple[object, str], ...] = ()
    service_review: bool = False
    accredited_on: date | None = None
    before_accreditation: bool = False
    """True when the whole registration year ended before the mediator was accredited."""


def why_apart(case: Case, as_of: date) -> str:
    """Why a case of the registration year is not one the mediator took part in (empty when it is)."""
    if case.date > as_of:
        return f"dated {long_date(case.date)}, after this pack was compiled"
    if not case.is_held:
        return {"booked": "booked, not yet held", "withdrawn": "withdrawn", "not-held": "not held"}.get(
            case.status, "not held"
        )
    return ""


def build_renewal(data: FolioData, year: int, as_of: date) -> RenewalPack:
    """The renewal pack of the registration year beginning in `year` (the rules asked once: `rules.assess_renewal`)."""
    found = rules.assess_renewal(data, year, as_of)
    in_year, report = found.records, found.report
    headings = dict(RENEWAL_SECTIONS)
    links = {rule_id: (Link(a, headings[a]),) for rule_id, a in RENEWAL_EVIDENCE.items()}
    info = document_info("Renewal evidence", data.profile.name, report, as_of)
    ordered = sorted(in_year.cases, key=lambda c: (c.date, c.ref))
    return RenewalPack(
        info=dataclasses.replace(info, subject=f"Annual re-registration evidence, {found.label}"),
        profile=data.profile,
        year_label=found.label,
        period=CoveredPeriod(found.start, found.end),
        sections=tuple(Link(a, title) for a, title in RENEWAL_SECTIONS),
        index=index_rows(report, links),
        cpd=logs.cpd_log(in_year.cpd, found.cpd_years),
        cases=tuple(case for case in ordered if not why_apart(case, as_of)),
        cases_apart=tuple((case, why_apart(case, as_of)) for case in ordered if why_apart(case, as_of)),
        supervision=logs.ppc_log(in_year),
        supervision_cpd=tuple(item for item in in_year.cpd if item.method == "supervision"),
        service_review=bool(data.governance or data.feedback or data.development_plan),
        accredited_on=data.profile.accredited_on,
        before_accreditation=data.profile.accredited_on is not None and found.end < data.profile.accredited_on,
    )


@dataclass(frozen=True)
class PassportYear:
    """One registration year judged for the passported route."""

    label: str
    start: date
    end: date
    lead_cases: int
    cpd_hours: float


@dataclass(frozen=True)
class Declarant:
    """Who declares the mediator's competence on Form 5: from the declaration recorded, else the PPC."""

    name: str
    role: str
    register: str
    date: date | None


@dataclass(frozen=True)
class PassportPack:
    """Form 5, filled from the records, with the rules' verdict and the years behind it."""

    info: DocumentInfo
    profile: object
    ppc_name: str
    index: tuple[IndexRow, ...]
    foundation: Training | None
    send_training: tuple[Training, ...]
    lead_since: date | None
    years: tuple[PassportYear, ...]
    declaration: Verification | None
    declarant: Declarant | None = None


class PassportRefused(ValueError):
    """Form 5 does not apply to these records (standards §1.6); the message says what is missing, in one line."""


ROLE_WORDS = {"PPC": "PPC", "manager": "Manager", "mentor": "Mentor"}
"""How the declarant's role reads on Form 5."""


def declarant(data: FolioData) -> Declarant | None:
    """The declarant of Form 5: the declaration recorded, else the PPC contact (to sign the printed form)."""
    found = data.passport_declaration
    if found is not None:
        return Declarant(found.name, ROLE_WORDS.get(found.role, found.role), found.register, found.date)
    if data.ppc_contact is not None:
        return Declarant(data.ppc_contact.name, "PPC", data.ppc_contact.register, None)
    return None


def passport_refusal(data: FolioData, as_of: date) -> str | None:
    """Why Form 5 cannot be produced for these records (one line naming §1.6), or None (`rules.passport_refusal`)."""
    refused = rules.passport_refusal(data, as_of)
    return prose_dates(refused) if refused else None


def _declaration_on_form(report: rules.Report, who: Declarant | None) -> rules.Report:
    """The report with the declaration given by signing the form when no declaration is recorded yet."""
    found = report.requirement("passport.declaration")
    if found.met or who is None:
        return report
    signed = dataclasses.replace(
        found, have=f"given by signing this form: {who.name} ({who.role})", met=True, detail=""
    )
    items = tuple(signed if item.id == found.id else item for item in report.requirements)
    return rules.Report(met=all(item.met for item in items), requirements=items)


def build_passport(data: FolioData, as_of: date) -> PassportPack:
    """The passported declaration (Form 5) as of `as_of` (the rules asked once: `rules.assess_passport`);
    `PassportRefused` when it does not apply (§1.6)."""
    found = rules.assess_passport(data, as_of)
    if found.refusal:
        raise PassportRefused(prose_dates(found.refusal))
    shown = found.records
    who = declarant(data)
    report = _declaration_on_form(found.report, who)
    links = {rule_id: (Link(a, PASSPORT_HEADINGS[a]),) for rule_id, a in PASSPORT_EVIDENCE.items()}
    info = document_info("Passported declaration", data.profile.name, report, as_of)
    return PassportPack(
        info=dataclasses.replace(info, subject="Accreditation as a SEND mediator, passported (Form 5)"),
        profile=data.profile,
        ppc_name=data.ppc_contact.name if data.ppc_contact else "",
        index=index_rows(report, links),
        foundation=found.foundation_course,
        send_training=tuple(sorted((t for t in shown.training if t.kind == "send"), key=lambda t: t.date)),
        lead_since=data.profile.lead_since,
        years=tuple(PassportYear(y.label, y.start, y.end, y.lead_cases, y.cpd_hours) for y in found.years),
        declaration=data.passport_declaration,
        declarant=who,
    )
