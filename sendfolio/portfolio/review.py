"""Document models of the sole provider's annual service review and its shareable summary (Appendix D).

Pure: records and the rules' judgements in, frozen view objects out.

- `build_review`: the provider's own review of one registration year (§1.2 governance
  register with its evidence and dates, cases by kind and outcome, statutory timescales met,
  the §3-4 conduct declarations of each case, feedback and response times, complaints, the
  development plan's progress).
- `build_summary`: the anonymised, aggregated summary to share with a local authority (§2,
  "collating feedback to share with Local Authorities"). Counts only: no case reference, no
  date but the year's, no comment. A count of 1 to 4 is printed as "fewer than 5"; where one
  hidden count could be worked out from a total and the other counts, the next smallest is
  withheld too ("not shown"). A count of none is printed as none: it tells of no one.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sendfolio import rules
from sendfolio.domain.governance import (
    APPENDIX_D,
    CONDUCT_DECLARATIONS,
    FEEDBACK_FROM,
    FEEDBACK_QUESTIONS,
    FEEDBACK_RESPONSE_DAYS,
    ConductDeclaration,
    DevelopmentTarget,
    Feedback,
    GovernanceItem,
)
from sendfolio.domain.records import Attachment, Case, FolioData
from sendfolio.domain.timescales import all_deadlines, is_informational
from sendfolio.domain.vocabulary import CASE_KINDS, HELD_OUTCOMES
from sendfolio.portfolio.model import CoveredPeriod, DocumentInfo, document_info

SMALL = 5
"""Counts below this are not printed in the shareable summary: "fewer than 5"."""

FEWER = "fewer than 5"
"""How a small count reads in the shareable summary."""

WITHHELD = "not shown"
"""How a count reads when it is withheld so that a small one cannot be worked out from the others."""

FROM_WORDS = {
    "parent-carer": "Parents and carers",
    "young-person": "Young people",
    "local-authority": "Local authorities",
    "other": "Others",
}
"""Who gave feedback, in words."""

FROM_ONE = {
    "parent-carer": "Parent or carer",
    "young-person": "Young person",
    "local-authority": "Local authority",
    "other": "Other",
}
"""Who gave one piece of feedback, in words."""

ANSWER_WORDS = {"yes": "Yes", "no": "No", "not-applicable": "Not applicable", "": "Not answered"}
"""A conduct declaration's answer, in words."""

REVIEW_SECTIONS = (
    ("governance", "Governance register"),
    ("cases", "Cases by kind and outcome"),
    ("timescales", "Statutory timescales"),
    ("conduct", "The conduct of mediation"),
    ("feedback", "Service-user feedback"),
    ("complaints", "Complaints"),
    ("development", "Development plan"),
)
"""(anchor, heading) of the review's sections, in order."""

SUMMARY_SECTIONS = (
    ("summary-cases", "Cases"),
    ("summary-timescales", "Statutory timescales"),
    ("summary-feedback", "Feedback from service users"),
    ("summary-governance", "Governance"),
)
"""(anchor, heading) of the shareable summary's sections, in order."""

STATE_WORDS = {
    "current": "Current",
    "lapses-soon": "Due within 60 days",
    "lapsed": "Lapsed or overdue",
    "undated": "No date recorded",
    "not-recorded": "Not recorded",
}
"""Where a governance item stands, as the review's table says it."""


@dataclass(frozen=True)
class RegisterRow:
    """One §1.2 item of the register: the standard, the evidence, the dates and where it stands."""

    title: str
    standard: str
    source: str
    evidence: tuple[str, ...]
    reviewed: date | None
    due: date | None
    state: str
    words: str

    @property
    def state_words(self) -> str:
        """Where it stands, in a word or two."""
        return STATE_WORDS[self.state]


@dataclass(frozen=True)
class CountRow:
    """One row of a table of counts: its label and its figures (numbers, or words in the summary)."""

    label: str
    figures: tuple[str, ...]


@dataclass(frozen=True)
class CountTable:
    """A table of counts with its column headings and total row."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[CountRow, ...]
    total: CountRow | None = None


@dataclass(frozen=True)
class ConductRow:
    """One case's conduct declarations as answered."""

    case: str
    date: date
    answers: tuple[str, ...]
    notes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FeedbackRow:
    """One piece of feedback and its response, for the provider's review."""

    feedback: Feedback
    who: str
    due: date
    status: str
    working_days: int | None
    ratings: str


@dataclass(frozen=True)
class ServiceReview:
    """The provider's annual service review of one registration year."""

    info: DocumentInfo
    provider: str
    membership: str
    year_label: str
    period: CoveredPeriod
    as_of: date
    sections: tuple[tuple[str, str], ...]
    register: tuple[RegisterRow, ...]
    cases: CountTable
    timescales: CountTable
    declarations: tuple[ConductDeclaration, ...]
    conduct: tuple[ConductRow, ...]
    conduct_totals: CountTable
    feedback: tuple[FeedbackRow, ...]
    feedback_counts: CountTable
    ratings: CountTable
    complaints: tuple[FeedbackRow, ...]
    development: tuple[DevelopmentTarget, ...]
    response_days: int
    summary_name: str


@dataclass(frozen=True)
class ServiceSummary:
    """The anonymised, aggregated summary of one year's service, to share with a local authority."""

    info: DocumentInfo
    provider: str
    year_label: str
    period: CoveredPeriod
    sections: tuple[tuple[str, str], ...]
    cases: CountTable
    outcomes: CountTable
    timescales: CountTable
    feedback: CountTable
    ratings: CountTable
    responses: CountTable
    governance: tuple[tuple[str, str], ...]
    response_days: int


def shown(number: int) -> str:
    """A count as the summary prints it: "fewer than 5" from 1 to 4, otherwise the number."""
    return FEWER if 0 < number < SMALL else str(number)


def shown_with_total(numbers: Sequence[int], total: int) -> tuple[str, ...]:
    """Counts that add up to a printed total, with small ones hidden and none recoverable by subtraction.

    When exactly one count is hidden and the total is printed, the smallest other non-zero count
    is withheld too, so that the hidden one cannot be worked out from the others.
    """
    words = [shown(number) for number in numbers]
    hidden = [index for index, word in enumerate(words) if word == FEWER]
    if len(hidden) == 1 and total >= SMALL:
        others = [index for index, number in enumerate(numbers) if index not in hidden and number > 0]
        if others:
            words[min(others, key=lambda index: numbers[index])] = WITHHELD
    return tuple(words)


OUTCOME_COLUMNS = (*HELD_OUTCOMES, "withdrawn", "not-held", "booked")
"""The columns of the cases table: a held case's outcome, else its status."""

OUTCOME_WORDS = {
    "agreement": "Agreement",
    "partial-agreement": "Partial agreement",
    "no-agreement": "No agreement",
    "withdrawn": "Withdrawn",
    "not-held": "Not held",
    "booked": "Booked",
}
"""The column headings of the cases table."""

KIND_WORDS = {"mediation": "Mediation", "disagreement-resolution": "Disagreement resolution"}
"""The row headings of the cases table."""


def _outcome(case: Case) -> str:
    """A held case's outcome, or its status."""
    return case.outcome if case.is_held else case.status


def case_counts(cases: Sequence[Case]) -> tuple[list[tuple[str, list[int]]], list[int]]:
    """(kind words, count per outcome column) for each kind, and the column totals."""
    counted = Counter((case.kind, _outcome(case)) for case in cases)
    rows = [(KIND_WORDS[kind], [counted[(kind, column)] for column in OUTCOME_COLUMNS]) for kind in CASE_KINDS]
    totals = [sum(row[1][index] for row in rows) for index in range(len(OUTCOME_COLUMNS))]
    return rows, totals


def timescale_counts(cases: Sequence[Case], as_of: date) -> list[tuple[str, list[int]]]:
    """Per statutory step the mediator keeps: (step, [met, missed, overdue, due or unknown])."""
    found: dict[str, list[int]] = {}
    for deadline in all_deadlines(cases, as_of):
        if is_informational(deadline):
            continue
        row = found.setdefault(deadline.event, [0, 0, 0, 0])
        index = {"met": 0, "missed": 1, "overdue": 2}.get(deadline.status, 3)
        row[index] += 1
    return sorted(found.items())


TIMESCALE_COLUMNS = ("Met", "Missed", "Overdue", "Still to come or date unknown")
"""The columns of the timescales table."""


def _evidence(item: GovernanceItem | None, attachments: Sequence[Attachment]) -> tuple[str, ...]:
    """What evidences a register entry: its note, its web address and the documents attached for it."""
    if item is None:
        return ()
    found = [item.evidence] if item.evidence else []
    if item.url:
        found.append(item.url)
    found += [f"attached: {doc.title}" for doc in attachments if doc.evidence_for == f"governance:{item.id}"]
    if item.item == "insurance":
        found += [f"attached: {doc.title}" for doc in attachments if doc.evidence_for == "insurance"]
    return tuple(found)


def register_rows(data: FolioData, register: Sequence[rules.RegisterEntry]) -> tuple[RegisterRow, ...]:
    """The governance register as the rules judged it, item by item in the order of §1.2, with its evidence."""
    return tuple(
        RegisterRow(
            title=entry.item.label if entry.item else entry.kind.title,
            standard=entry.kind.standard,
            source=entry.kind.source,
            evidence=_evidence(entry.item, data.attachments),
            reviewed=entry.item.reviewed if entry.item else None,
            due=entry.due,
            state=entry.state,
            words=entry.words,
        )
        for entry in register
    )


def _ratings_words(feedback: Feedback) -> str:
    """The ratings given, as "3 of 4 questions, 4.5 on average"."""
    given = feedback.ratings()
    if not given:
        return "none given"
    average = sum(given.values()) / len(given)
    return f"{len(given)} of {len(FEEDBACK_QUESTIONS)} rated, {average:.1f} out of 5 on average"


def feedback_rows(responses: Sequence[rules.FeedbackResponse]) -> tuple[FeedbackRow, ...]:
    """The year's feedback, oldest first, with each response's due date and status (as the rules judged them)."""
    return tuple(
        FeedbackRow(
            feedback=response.feedback,
            who=FROM_ONE[response.feedback.given_by],
            due=response.due,
            status=response.status,
            working_days=response.working_days,
            ratings=_ratings_words(response.feedback),
        )
        for response in responses
    )


def _from_counts(rows: Sequence[FeedbackRow]) -> list[int]:
    """How many pieces of feedback came from each kind of service user."""
    counted = Counter(row.feedback.given_by for row in rows)
    return [counted[who] for who in FEEDBACK_FROM]


def _rating_counts(rows: Sequence[FeedbackRow]) -> list[tuple[str, int, int]]:
    """Per question: (question, answers, answers rating it 4 or 5)."""
    found = []
    for question in FEEDBACK_QUESTIONS:
        given = [row.feedback.ratings().get(question.key, 0) for row in rows]
        answered = [value for value in given if value]
        found.append((question.text, len(answered), sum(1 for value in answered if value >= 4)))
    return found


def _response_counts(rows: Sequence[FeedbackRow]) -> list[int]:
    """[answered in time, answered late, outstanding past the date, not yet due]."""
    counted = Counter(row.status for row in rows)
    return [counted["met"], counted["missed"], counted["overdue"], counted["due"]]


RESPONSE_COLUMNS = ("Answered in time", "Answered late", "Overdue", "Not yet due")
"""The columns of the responses table."""


def conduct_rows(cases: Sequence[Case]) -> tuple[ConductRow, ...]:
    """The declarations of each case given: the held cases the mediator led or co-mediated."""
    return tuple(
        ConductRow(
            case=case.ref,
            date=case.date,
            answers=tuple(ANSWER_WORDS[getattr(case, item.field)] for item in CONDUCT_DECLARATIONS),
            notes=tuple(
                (item.title, getattr(case, item.note_field))
                for item in CONDUCT_DECLARATIONS
                if getattr(case, item.note_field)
            ),
        )
        for case in cases
    )


def conduct_totals(rows: Sequence[ConductRow]) -> CountTable:
    """Per declaration: how many cases answered yes, no, not applicable, or not at all."""
    order = ("Yes", "No", "Not applicable", "Not answered")
    table = []
    for index, item in enumerate(CONDUCT_DECLARATIONS):
        counted = Counter(row.answers[index] for row in rows)
        table.append(CountRow(f"{item.title} ({item.paragraph})", tuple(str(counted[word]) for word in order)))
    return CountTable("Conduct declarations of the cases held", order, tuple(table))


def review_info(kind: str, name: str, subject: str, compiled: date) -> DocumentInfo:
    """Title, author and subject of the review or its summary (never a draft: nothing in it is pass or fail)."""
    info = document_info(kind, name, rules.Report(met=True, requirements=()), compiled)
    return dataclasses.replace(info, subject=subject)


class YearFacts(NamedTuple):
    """What both documents count in one registration year: the rules' answer, its dates, cases and feedback."""

    found: rules.ReviewAssessment
    period: CoveredPeriod
    kinds: list[tuple[str, list[int]]]
    totals: list[int]
    feedback: tuple[FeedbackRow, ...]


def year_facts(data: FolioData, year: int, as_of: date) -> YearFacts:
    """The registration year beginning in `year` (the rules asked once: `rules.assess_review`), counted."""
    found = rules.assess_review(data, year, as_of)
    kinds, totals = case_counts(found.cases)
    return YearFacts(found, CoveredPeriod(found.start, found.end), kinds, totals, feedback_rows(found.feedback))


def build_review(data: FolioData, year: int, as_of: date, summary_name: str = "") -> ServiceReview:
    """The provider's review of the registration year beginning in `year`, as of `as_of`."""
    found, period, rows, totals, feedback = year_facts(data, year, as_of)
    label, cases = found.label, found.cases
    conduct = conduct_rows(found.conduct_cases)
    profile = data.profile
    membership = (
        f"{profile.membership_body}{', number ' + profile.membership_number if profile.membership_number else ''}"
        if profile.membership_body
        else "Not recorded"
    )
    return ServiceReview(
        info=review_info(
            "Annual service review",
            profile.name,
            f"Annual service review of a sole SEND mediation provider, {label}",
            as_of,
        ),
        provider=profile.name,
        membership=membership,
        year_label=label,
        period=period,
        as_of=as_of,
        sections=REVIEW_SECTIONS,
        register=register_rows(data, found.register),
        cases=CountTable(
            "Cases led or co-mediated in the year, by kind and outcome",
            tuple(OUTCOME_WORDS[column] for column in OUTCOME_COLUMNS) + ("All",),
            tuple(CountRow(kind, (*map(str, counts), str(sum(counts)))) for kind, counts in rows),
            CountRow("All", (*map(str, totals), str(sum(totals)))),
        ),
        timescales=CountTable(
            "Statutory steps of the year's mediation cases",
            TIMESCALE_COLUMNS,
            tuple(CountRow(event, tuple(map(str, counts))) for event, counts in timescale_counts(cases, as_of)),
        ),
        declarations=CONDUCT_DECLARATIONS,
        conduct=conduct,
        conduct_totals=conduct_totals(conduct),
        feedback=feedback,
        feedback_counts=CountTable(
            "Feedback received in the year",
            ("Received",),
            tuple(
                CountRow(FROM_WORDS[who], (str(number),))
                for who, number in zip(FEEDBACK_FROM, _from_counts(feedback), strict=True)
            ),
            CountRow("All", (str(len(feedback)),)),
        ),
        ratings=CountTable(
            "Ratings given (1 to 5)",
            ("Answers", "Rated 4 or 5"),
            tuple(CountRow(text, (str(answers), str(high))) for text, answers, high in _rating_counts(feedback)),
        ),
        complaints=tuple(row for row in feedback if row.feedback.complaint),
        development=tuple(sorted(data.development_plan, key=lambda target: (target.review, target.target))),
        response_days=FEEDBACK_RESPONSE_DAYS,
        summary_name=summary_name,
    )


def one_way(caption: str, counts: Sequence[tuple[str, int]], heading: str = "Cases") -> CountTable:
    """A one-way table of counts with its total, for the summary: small counts hidden, none recoverable.

    The summary prints no two-way table: a hidden cell of one could be worked out from the
    totals of its row and its column.
    """
    total = sum(number for _, number in counts)
    words = shown_with_total([number for _, number in counts], total)
    return CountTable(
        caption,
        (heading,),
        tuple(CountRow(label, (word,)) for (label, _), word in zip(counts, words, strict=True)),
        CountRow("All", (shown(total),)),
    )


def _summary_rating(text: str, answers: int, high: int) -> CountRow:
    """One question's answers and those rating it 4 or 5, small counts hidden (and the rest when recoverable)."""
    return CountRow(text, (shown(answers), shown_with_total([high, answers - high], answers)[0]))


def build_summary(data: FolioData, year: int, as_of: date) -> ServiceSummary:
    """The anonymised, aggregated summary of the registration year beginning in `year` (counts only)."""
    found, period, rows, totals, feedback = year_facts(data, year, as_of)
    label, cases = found.label, found.cases
    responses = _response_counts(feedback)
    from_counts = _from_counts(feedback)
    steps = timescale_counts(cases, as_of)
    return ServiceSummary(
        info=review_info(
            "Service summary",
            data.profile.name,
            f"Anonymised summary of a SEND mediation service, {label}",
            as_of,
        ),
        provider=data.profile.name,
        year_label=label,
        period=period,
        sections=SUMMARY_SECTIONS,
        cases=one_way("Cases by kind", [(kind, sum(counts)) for kind, counts in rows]),
        outcomes=one_way(
            "Cases by outcome",
            [(OUTCOME_WORDS[column], number) for column, number in zip(OUTCOME_COLUMNS, totals, strict=True)],
        ),
        timescales=CountTable(
            "Statutory steps met",
            ("Met", "Not met"),
            tuple(
                CountRow(event, shown_with_total([counts[0], sum(counts[1:3])], sum(counts[:3])))
                for event, counts in steps
            ),
        ),
        feedback=one_way(
            "Feedback received",
            [(FROM_WORDS[who], number) for who, number in zip(FEEDBACK_FROM, from_counts, strict=True)],
            "Received",
        ),
        ratings=CountTable(
            "How service users rated the service",
            ("Answers", "Rated 4 or 5 out of 5"),
            tuple(_summary_rating(text, answers, high) for text, answers, high in _rating_counts(feedback)),
        ),
        responses=one_way(
            f"Responses to feedback (due within {FEEDBACK_RESPONSE_DAYS} working days)",
            list(zip(RESPONSE_COLUMNS, responses, strict=True)),
            "Feedback",
        ),
        governance=tuple((row.kind.title, STATE_WORDS[row.state]) for row in found.register),
        response_days=FEEDBACK_RESPONSE_DAYS,
    )


SOURCES = f"{APPENDIX_D} §1.2, §2, §3, §4"
"""The paragraphs the review answers to."""
