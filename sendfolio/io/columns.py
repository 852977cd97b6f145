"""The CSV kinds of docs/ARCHITECTURE.md, "Formats": which columns each holds, and telling them apart by header."""

from __future__ import annotations

from dataclasses import dataclass

from sendfolio.domain.governance import (
    CONDUCT_DECLARATIONS,
    FEEDBACK_QUESTIONS,
    DevelopmentTarget,
    Feedback,
    GovernanceItem,
)
from sendfolio.domain.records import (
    DEBRIEF_HEADINGS,
    TIMELINE_DATES,
    Case,
    CPDEntry,
    LearningNeed,
    Observation,
    PPCSession,
    Record,
    Training,
)
from sendfolio.io.problems import Problem


@dataclass(frozen=True)
class CsvKind:
    """One kind of CSV file: its name, its record type and its columns in export order."""

    name: str
    record_type: type[Record]
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column, required first, in the order export writes them."""
        return self.required + self.optional

    @property
    def label(self) -> str:
        """How messages name a file of this kind."""
        return f"a {self.name} CSV"


DEBRIEF_PREFIX = "debrief_"
"""Case columns `debrief_<heading>` carry the Form 3 de-brief notes (an extra beyond §4b)."""

DEBRIEF_COLUMNS = tuple(DEBRIEF_PREFIX + heading for heading in DEBRIEF_HEADINGS)
"""The de-brief columns of a cases CSV, in the order of the Form 3 headings."""

_SECTION_4B_DATES = ("decision_notice", "adviser_contacted", "la_informed", "mediation_concluded", "certificate_issued")
"""The case timeline columns docs/ARCHITECTURE.md, "Formats" lists, in its order."""

CONDUCT_COLUMNS = tuple(
    name for declaration in CONDUCT_DECLARATIONS for name in (declaration.field, declaration.note_field)
)
"""The case columns of the conduct declarations (Appendix D §3-4): each answer, then its note."""

CASE_EXTRA_COLUMNS = (
    ("status", "health_care", "observed_by_role")
    + tuple(name for name in TIMELINE_DATES if name not in _SECTION_4B_DATES)
    + DEBRIEF_COLUMNS
    + CONDUCT_COLUMNS
)
"""Case columns beyond §4b, written at the end so a cases CSV holds the whole case."""

CSV_KINDS: dict[str, CsvKind] = {
    kind.name: kind
    for kind in (
        CsvKind(
            "cases",
            Case,
            ("ref", "kind", "role", "date", "prep_hours", "meeting_hours", "followup_hours", "outcome"),
            ("observed_by", "debriefed", "issues", "notes") + _SECTION_4B_DATES + CASE_EXTRA_COLUMNS,
        ),
        CsvKind("cpd", CPDEntry, ("date", "hours", "method", "title"), ("provider", "learning")),
        CsvKind("ppc", PPCSession, ("date", "ppc", "hours", "mode"), ("topics", "actions")),
        CsvKind("training", Training, ("kind", "title", "provider", "date", "hours"), ("recognised_by", "covers")),
        CsvKind("observations", Observation, ("ref", "criterion"), ("observer", "notes")),
        CsvKind("plan", LearningNeed, ("need", "action", "due"), ("status", "source", "met_by")),
        CsvKind(
            "governance", GovernanceItem, ("item",), ("title", "reviewed", "due", "months", "evidence", "url", "notes")
        ),
        CsvKind(
            "feedback",
            Feedback,
            ("given_by", "received"),
            ("case", "complaint")
            + tuple(f"rating_{question.key}" for question in FEEDBACK_QUESTIONS)
            + ("comments", "response", "responded"),
        ),
        CsvKind("development", DevelopmentTarget, ("target", "review"), ("action", "status", "progress")),
    )
}
"""Every CSV kind by name, with its columns (required first, in §4b order)."""


def detect_kind(file: str, line: int, header: list[str]) -> tuple[CsvKind | None, list[Problem]]:
    """The kind whose columns the header names, or problems saying which columns are wrong."""
    names = [name for name in header if name]
    problems = _duplicates(file, line, names)
    exact = [kind for kind in CSV_KINDS.values() if _fits(kind, set(names))]
    if len(exact) == 1 and not problems:
        return exact[0], []
    best = _closest(set(names))
    if best is None:
        return None, problems + [Problem(file, line, "header", _no_kind_message(names))]
    return None, problems + _mismatch(file, line, best, names)


def _fits(kind: CsvKind, names: set[str]) -> bool:
    """True when the header has every required column of the kind and nothing else."""
    return set(kind.required) <= names <= set(kind.columns)


def _closest(names: set[str]) -> CsvKind | None:
    """The kind sharing the most columns with the header (fewest required missing on a tie)."""
    scored = [(len(names & set(kind.columns)), -len(set(kind.required) - names), kind) for kind in CSV_KINDS.values()]
    shared, _, kind = max(scored, key=lambda item: (item[0], item[1]))
    return kind if shared else None


def _mismatch(file: str, line: int, kind: CsvKind, names: list[str]) -> list[Problem]:
    """Problems for the unknown and missing columns of a header read as `kind`."""
    allowed = ", ".join(kind.columns)
    unknown = [
        Problem(file, line, name, f"is not a column of {kind.label}: allowed columns are {allowed}")
        for name in names
        if name not in kind.columns
    ]
    missing = [
        Problem(file, line, name, f"required column is missing ({kind.label} needs {', '.join(kind.required)})")
        for name in kind.required
        if name not in names
    ]
    return unknown + missing


def _duplicates(file: str, line: int, names: list[str]) -> list[Problem]:
    """Problems for columns named twice in the header."""
    seen: set[str] = set()
    repeated: list[str] = []
    for name in names:
        if name in seen:
            repeated.append(name)
        seen.add(name)
    return [
        Problem(file, line, name, "column appears more than once in the header") for name in dict.fromkeys(repeated)
    ]


def _no_kind_message(names: list[str]) -> str:
    """Why a header matches no kind, with the required columns of each."""
    kinds = "; ".join(f"{kind.name}: {', '.join(kind.required)}" for kind in CSV_KINDS.values())
    hint = " (columns must be separated by commas)" if any(";" in name for name in names) else ""
    return f"does not name the columns of any kind{hint}; the required columns are {kinds}"
