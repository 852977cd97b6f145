"""What the Compile screen shows, without any widgets: the documents, what goes in, what is still unmet.

The compile itself is `services.compile.compile_document`, run by the screen in a worker (it
imports the compiler, and through it WeasyPrint, only then). What goes in is counted with the
compile's own period filter (`services.compile.document_records`), so the screen counts what
the PDF prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendfolio import rules
from sendfolio.domain.records import FolioData
from sendfolio.domain.wording import count
from sendfolio.services.compile import document_records


@dataclass(frozen=True)
class Document:
    """One kind of PDF the mediator can make."""

    label: str
    """What the choice is called on screen."""
    stem: str
    """The document's job in `services.outputs.default_name` (its file's name starts with it)."""
    per_year: bool = False
    """True when the document covers one registration year."""

    def file_name(self, year: int | None) -> str:
        """The default file name, e.g. `renewal-2025.pdf` (`services.outputs.default_name`)."""
        from sendfolio.services.outputs import default_name

        return default_name(self.stem, year=year)


DOCUMENTS: dict[str, Document] = {
    "portfolio": Document("Portfolio for accreditation", "portfolio"),
    "renewal": Document("Renewal pack (one registration year)", "renewal", per_year=True),
    "passport": Document("Passported declaration (Form 5)", "passport"),
    "review": Document(
        "Annual service review, with a summary to share (one registration year)", "review", per_year=True
    ),
}
"""The documents, by key, in the order they are offered."""


def review_contents(data: FolioData, year: int) -> str:
    """What the annual service review holds: the register, the year's cases and feedback, the development plan."""
    start, end = rules.registration_year(data.profile, year)
    cases = [case for case in data.cases if rules.in_period(case.date, start, end) and case.is_active]
    feedback = [item for item in data.feedback if rules.in_period(item.received, start, end)]
    parts = [
        count(len(data.governance), "register item"),
        count(len(cases), "case") + " led or co-mediated",
        count(len(feedback), "piece of feedback", "pieces of feedback"),
        count(len(data.development_plan), "development target"),
    ]
    return (
        "Goes in: " + " · ".join(parts) + ".\nBeside it: an anonymised summary with counts only, to share with a "
        "local authority (1 to 4 shown as 'fewer than 5')."
    )


def contents(kind: str, data: FolioData, year: int, today: date) -> str:
    """What will go in the document, as counts (the portfolio: those of the period it covers)."""
    if kind == "review":
        return review_contents(data, year)
    held = document_records(kind, data, year, today)
    period = ""
    if kind == "portfolio" and held.practice and held.period is not None:
        start, end = held.period.start, held.period.end
        period = f"Covers the practice period, {start:%-d %B %Y} to {end:%-d %B %Y} (SEND training to verification).\n"
    shown = held.records
    parts = [
        count(len(shown.cases), "case"),
        count(len(shown.reflections), "reflection"),
        count(len(shown.cpd), "CPD entry", "CPD entries") + f" ({sum(item.hours for item in shown.cpd):g} h)",
        count(len(shown.ppc_sessions), "PPC session"),
    ]
    if kind != "renewal":
        parts.insert(1, count(len(shown.observations), "observed criterion", "observed criteria"))
        parts.append(count(len(shown.training), "course"))
    return period + "Goes in: " + " · ".join(parts)


def report(kind: str, data: FolioData, year: int, today: date) -> rules.Report:
    """The rules' report for the document chosen."""
    if kind == "renewal":
        return rules.renewal(data, year, today)
    if kind == "passport":
        return rules.passport(data, today)
    return rules.accreditation(data, today)


def unmet(kind: str, data: FolioData, year: int, today: date) -> str:
    """The requirements still unmet, one a line with what is needed and what the records show."""
    if kind == "review":
        return practice_attention(data, year, today)
    if kind == "passport":
        refused = rules.passport_refusal(data, today)
        if refused:
            return f"✗ Form 5 cannot be made for these records. {refused}."
    found = report(kind, data, year, today)
    if not found.unmet:
        return f"✓ All {len(found.requirements)} requirements are met."
    lines = [f"Still unmet ({len(found.unmet)} of {len(found.requirements)}) — the PDF can be made anyway:"]
    lines += [f"✗ {item.title}: need {item.need}; have {item.have}" for item in found.unmet]
    return "\n".join(lines)


def practice_attention(data: FolioData, year: int, today: date) -> str:
    """What the review will show as needing attention: lapses, unanswered declarations, late responses."""
    start, end = rules.registration_year(data.profile, year)
    lines = [f"! {item.text}" for item in rules.governance_reminders(data, today)]
    lines += [f"! Conduct declarations of case {gap.text}" for gap in rules.conduct_gaps(data, start, end)]
    lines += [
        f"! {item.text}"
        for item in rules.feedback_responses(data, today)
        if item.status in ("overdue", "missed") and rules.in_period(item.feedback.received, start, end)
    ]
    if not lines:
        return "✓ Nothing in the practice needs attention. The review can be made."
    return "\n".join(["The review will show (it can be made anyway):", *lines])
