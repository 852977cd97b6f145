"""The portfolio as a document model: the rules' assessment in, sections out.

Pure and testable without WeasyPrint: `build_portfolio(data, as_of, period)` asks the rules
once (`rules.assess`) and arranges their answer into a frozen `Portfolio` that the templates
only print. Every number printed comes from that assessment or the timescales
(`sendfolio.domain.timescales`), never recomputed here, so the PDF and `sendfolio check` agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sendfolio import rules
from sendfolio.domain.records import FolioData, Training
from sendfolio.domain.standards import RULE_SET
from sendfolio.domain.wording import long_date
from sendfolio.portfolio import casework, evidence_docs, logs
from sendfolio.portfolio.form4 import Form4, form4
from sendfolio.portfolio.wording import FOUNDATION_CRITERIA, SEND_MODULE_TITLES, label

SECTIONS = (
    ("requirements", "Requirements index"),
    ("profile", "Profile and route"),
    ("training", "Training"),
    ("case-log", "Case log"),
    ("commentaries", "Case commentaries"),
    ("coverage", "Criteria coverage"),
    ("reflections", "Reflections on practice"),
    ("cpd", "Continuing professional development"),
    ("learning-plan", "Learning needs and how they were met"),
    ("ppc-log", "Supervision and mentoring"),
    ("verification", "Verification and declaration"),
    ("attachments", "Appendix: attached documents"),
)
"""(anchor, heading) of the portfolio's numbered sections, in order; the contents lists them."""

HEADINGS = dict(SECTIONS) | {
    "training-foundation": "Foundation course",
    "training-send": "SEND training",
    "timescales": "Timescales over the practice cases",
    "cpd-totals": "CPD totals",
}
"""The heading of every anchor an evidence link can point at (numbered sections and sub-sections)."""

EVIDENCE = {
    "foundation.hours": ("training-foundation",),
    "foundation.content": ("training-foundation",),
    "foundation.provider": ("training-foundation",),
    "send-training.hours": ("training-send",),
    "send-training.provider": ("training-send",),
    "send-training.modules": ("training-send",),
    "practice.casework-hours": ("case-log",),
    "practice.reflection-hours": ("reflections",),
    "practice.cases": ("case-log",),
    "practice.criteria-coverage": ("coverage",),
    "ppc.verification": ("verification",),
    "membership.body": ("profile",),
}
"""Where the evidence for each accreditation rule stands, by anchor (case rules are added per case)."""

CASE_LINKS_MAX = 6
"""Up to this many practice cases, the index links to each commentary; beyond, to the case log and section 5."""

CONTENTS_CASES_MAX = 24
"""Up to this many commentaries, the contents lists each; beyond, one line per calendar year."""


@dataclass(frozen=True)
class CoveredPeriod:
    """The dates the portfolio covers, both included."""

    start: date
    end: date

    def holds(self, when: date) -> bool:
        """True when `when` falls in the period."""
        return self.start <= when <= self.end


@dataclass(frozen=True)
class Link:
    """A link to where something stands in the document; the PDF prints its page number."""

    anchor: str
    label: str


@dataclass(frozen=True)
class IndexRow:
    """One requirement of the index: the rules engine's result and where its evidence is."""

    requirement: rules.Requirement
    links: tuple[Link, ...]


@dataclass(frozen=True)
class DocumentInfo:
    """What every compiled document carries: title, author, subject, dates, draft state."""

    title: str
    author: str
    subject: str
    compiled: date
    rule_set: str
    draft: bool
    unmet: tuple[str, ...]


@dataclass(frozen=True)
class CourseView:
    """A training course with the §1.1 criteria or §2.2 modules it covered."""

    course: Training
    checklist: tuple[tuple[str, bool], ...]
    judged: bool


@dataclass(frozen=True)
class Portfolio:
    """The written portfolio of a sole provider (standards §1.3), ready to print."""

    info: DocumentInfo
    profile: object
    ppc_name: str
    period: CoveredPeriod
    sections: tuple[Link, ...]
    case_contents: tuple[Link, ...]
    index: tuple[IndexRow, ...]
    foundation: tuple[CourseView, ...]
    send_training: tuple[CourseView, ...]
    other_training: tuple[Training, ...]
    practice_start: date | None
    case_log: casework.CaseLog
    commentaries: tuple[casework.Commentary, ...]
    timescales: casework.TimescaleSummary
    coverage: casework.CoverageView
    reflections: logs.Reflections
    cpd: logs.CPDLog
    ppc: logs.PPCLog
    verification: object
    learning_plan: evidence_docs.LearningPlan | None = None
    attachments: tuple[evidence_docs.AttachmentView, ...] = ()
    form4: Form4 | None = None
    coarse_dates: bool = False


def latest_date(data: FolioData, not_after: date | None = None) -> date:
    """The latest date of any record (none after `not_after`): the default compile date.

    Never 'now', so the same records give the same file; records dated after `not_after`
    (planned cases) do not move the date into the future.
    """
    dated = [
        item.date
        for group in (data.cases, data.reflections, data.cpd, data.ppc_sessions, data.training)
        for item in group
    ]
    dated += [item.date for item in (data.verification, data.passport_declaration) if item is not None]
    dated = [day for day in dated if not_after is None or day <= not_after]
    return max(dated, default=date(2018, 5, 1))


def whole_period(data: FolioData, as_of: date) -> CoveredPeriod:
    """From the earliest case, reflection, CPD entry or PPC session to the compile date: the whole archive."""
    return CoveredPeriod(*rules.whole_period(data, as_of))


def practice_period(data: FolioData, as_of: date) -> CoveredPeriod | None:
    """The period of supported practice: from the SEND training to the PPC's verification (or `as_of`)."""
    found = rules.practice_period(data, as_of)
    return CoveredPeriod(*found) if found else None


def default_period(data: FolioData, as_of: date) -> CoveredPeriod:
    """What the portfolio covers unless told otherwise: the practice period, else the whole archive."""
    return practice_period(data, as_of) or whole_period(data, as_of)


def within(data: FolioData, period: CoveredPeriod) -> FolioData:
    """The records of the period; training, profile and verification are kept whatever their date."""
    return rules.within(data, period.start, period.end)


def shown_records(data: FolioData, as_of: date, period: CoveredPeriod | None = None) -> tuple[CoveredPeriod, FolioData]:
    """The period the portfolio covers and the records it prints (`rules.period_records`, the one filter)."""
    (start, end), shown = rules.period_records(data, as_of, (period.start, period.end) if period else None)
    return CoveredPeriod(start, end), shown


def index_rows(report: rules.Report, links: Mapping[str, tuple[Link, ...]]) -> tuple[IndexRow, ...]:
    """The requirements with their evidence links, those not met first (otherwise in rule-set order)."""
    rows = [IndexRow(requirement=item, links=links.get(item.id, ())) for item in report.requirements]
    return tuple(sorted(rows, key=lambda row: row.requirement.met))


def evidence_links(commentaries: tuple[casework.Commentary, ...]) -> dict[str, tuple[Link, ...]]:
    """Where each accreditation rule's evidence stands, including the case commentaries."""
    found = {rule_id: tuple(Link(a, HEADINGS[a]) for a in anchors) for rule_id, anchors in EVIDENCE.items()}
    case_links = tuple(Link(item.anchor, item.case.ref) for item in commentaries)
    log_link = Link("case-log", HEADINGS["case-log"])
    if len(case_links) > CASE_LINKS_MAX:
        found["practice.debriefs"] = (log_link, Link("commentaries", HEADINGS["commentaries"]))
    else:
        found["practice.debriefs"] = case_links or (log_link,)
    found["practice.final-lead"] = case_links[-1:] or (log_link,)
    return found


def case_contents(commentaries: tuple[casework.Commentary, ...]) -> tuple[Link, ...]:
    """The contents lines under "Case commentaries": one per case, or one per year when there are many."""
    if len(commentaries) <= CONTENTS_CASES_MAX:
        return tuple(
            Link(
                item.anchor,
                f"Case {item.number}: {item.case.ref} ({label(item.case.role).lower()}, {long_date(item.case.date)})",
            )
            for item in commentaries
        )
    years: dict[int, list[casework.Commentary]] = {}
    for item in commentaries:
        years.setdefault(item.case.date.year, []).append(item)
    return tuple(
        Link(items[0].anchor, f"Cases {items[0].number}–{items[-1].number}: {year} ({len(items)} cases)")
        for year, items in years.items()
    )


def document_info(kind: str, name: str, report: rules.Report, compiled: date) -> DocumentInfo:
    """Title, author, subject and draft state of a compiled document."""
    who = name or "Unnamed mediator"
    subject = f"{kind} for accreditation as a SEND mediator ({RULE_SET.name} standards)"
    return DocumentInfo(
        title=f"{kind}: {who}",
        author=who,
        subject=subject,
        compiled=compiled,
        rule_set=f"{RULE_SET.name}, version {RULE_SET.version}",
        draft=not report.met,
        unmet=tuple(item.id for item in report.unmet),
    )


def course_views(data: FolioData, kind: str, judged: Training | None) -> tuple[CourseView, ...]:
    """The courses of one kind with their checklist, the one the rules judge marked."""
    words = FOUNDATION_CRITERIA if kind == "foundation" else SEND_MODULE_TITLES
    courses = sorted((item for item in data.training if item.kind == kind), key=lambda item: item.date)
    return tuple(
        CourseView(
            course=item,
            checklist=tuple((text, key in item.covers) for key, text in words.items()),
            judged=item == judged,
        )
        for item in courses
    )


def build_portfolio(
    data: FolioData, as_of: date, period: CoveredPeriod | None = None, *, coarse_dates: bool = False
) -> Portfolio:
    """The whole portfolio of the records in `period` (default: the practice period, see `default_period`).

    The rules are asked once (`rules.assess`); this arranges their answer. A period running past
    the compile date ends on it: records after `as_of` are never printed.
    """
    asked = period
    found = rules.assess(data, as_of, (period.start, period.end) if period else None)
    period, shown, report = CoveredPeriod(found.start, found.end), found.records, found.report
    reflection_section = logs.reflections(
        found.written, found.reflection_hours, {case.ref for case in found.practice_cases}
    )
    written = casework.commentaries(found, logs.reflection_anchors(reflection_section))
    attached = evidence_docs.attachment_views(data)
    index = index_rows(report, evidence_links(written))
    return Portfolio(
        info=document_info("Portfolio", data.profile.name, report, as_of),
        profile=data.profile,
        ppc_name=data.ppc_contact.name if data.ppc_contact else "",
        period=period,
        sections=tuple(Link(a, title) for a, title in SECTIONS if a != "attachments" or attached),
        case_contents=case_contents(written),
        index=with_attachments(index, attached, data),
        foundation=course_views(shown, "foundation", found.foundation_course),
        send_training=course_views(shown, "send", found.send_training),
        other_training=tuple(item for item in shown.training if item.kind not in ("foundation", "send")),
        practice_start=found.practice_start,
        case_log=casework.case_log(found),
        commentaries=written,
        timescales=casework.timescale_summary(written),
        coverage=casework.coverage_view(found.coverage),
        reflections=reflection_section,
        cpd=logs.cpd_log(shown.cpd, found.cpd_years, (found.start, found.end)),
        ppc=logs.ppc_log(shown),
        verification=shown.verification,
        learning_plan=evidence_docs.learning_plan(
            data,
            as_of,
            {item.case.ref for item in written},
            logs.reflection_anchors(reflection_section),
            (period.start, period.end) if asked is not None else None,
        ),
        attachments=attached,
        form4=form4(found),
        coarse_dates=coarse_dates,
    )


def with_attachments(
    index: tuple[IndexRow, ...], attached: tuple[evidence_docs.AttachmentView, ...], data: FolioData
) -> tuple[IndexRow, ...]:
    """The index with each attached document linked beside the first requirement it evidences."""
    extra: dict[str, list[Link]] = {}
    for view in attached:
        prefixes = evidence_docs.rule_prefixes(data, view.attachment)
        row = next((row for row in index if row.requirement.id.startswith(prefixes)), None) if prefixes else None
        if row is not None:
            extra.setdefault(row.requirement.id, []).append(Link(view.anchor, f"{view.label}: {view.attachment.title}"))
    return tuple(
        dataclasses.replace(row, links=row.links + tuple(extra[row.requirement.id]))
        if row.requirement.id in extra
        else row
        for row in index
    )


def period_text(period: CoveredPeriod) -> str:
    """The period as words: 3 March 2025 to 14 February 2026."""
    return f"{long_date(period.start)} to {long_date(period.end)}"
