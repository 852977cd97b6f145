"""Importing into a folio: check the read records against each other and the folio, then
save them all in one batch, or nothing.

Reading (`reading.py`) validates each record on its own with its type's `from_dict`; this
module adds what needs the whole picture: observations name real criteria and cases,
reflections name real cases and CPD entries, no case or observation is given twice, and
an update of an existing case keeps the fields its file did not have.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendfolio.domain.governance import Feedback
from sendfolio.domain.records import (
    Attachment,
    Case,
    CPDEntry,
    FolioData,
    Identified,
    InvalidRecord,
    LearningNeed,
    Observation,
    Record,
    Reflection,
    Verification,
)
from sendfolio.domain.wording import count
from sendfolio.io.columns import DEBRIEF_PREFIX
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord
from sendfolio.io.reading import Decrypt, ReadFiles, read_files
from sendfolio.io.returned_form import returned_records
from sendfolio.rules import case_refusals

if TYPE_CHECKING:
    from sendfolio.io.ppc_return import PPCReturn
    from sendfolio.io.returned_form import ReturnedForm
    from sendfolio.store import Folio

KIND_LABELS = {
    "case": "cases",
    "observation": "observations",
    "reflection": "reflections",
    "cpd": "CPD entries",
    "ppc": "PPC sessions",
    "training": "training courses",
    "plan": "learning needs",
    "attachment": "attachments",
    "governance": "governance items",
    "feedback": "feedback records",
    "development": "development targets",
    "return": "observers' returns",
    "verification": "the PPC's verification",
}
"""How a report names each kind of record."""

SAVE_ORDER = (
    "case",
    "training",
    "cpd",
    "ppc",
    "reflection",
    "observation",
    "return",
    "verification",
    "plan",
    "attachment",
    "governance",
    "feedback",
    "development",
)
"""Kinds in the order they are put: cases before the observations and reflections naming them."""


@dataclass
class ImportPlan:
    """What an import would do: the records to put, and counts of added / updated / unchanged."""

    to_put: list[Record] = field(default_factory=list)
    counts: dict[str, Counter] = field(default_factory=dict)
    backup: FolioData | None = None
    forms: list[str] = field(default_factory=list)
    backup_files: dict[str, bytes] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    duplicates: list[tuple[SourcedRecord, SourcedRecord]] = field(default_factory=list)
    to_remove: list[Record] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    observer_differs: bool = False
    debrief_cases: set[str] = field(default_factory=set)
    """The cases whose records (a case, an observer's return) the files hold, changed or not: their de-briefs."""

    def count(self, kind: str, outcome: str) -> None:
        """Count one record of `kind` as added, updated or unchanged."""
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def summary(self) -> list[str]:
        """One line per kind: how many records are added, updated and already present."""
        lines = []
        for kind in SAVE_ORDER:
            counter = self.counts.get(kind)
            if counter:
                parts = [
                    f"{counter[outcome]} {outcome}" for outcome in ("added", "updated", "unchanged") if counter[outcome]
                ]
                lines.append(f"{KIND_LABELS[kind]}: {', '.join(parts)}")
        if self.to_remove:
            lines.append(
                f"{KIND_LABELS['observation']}: {len(self.to_remove)} taken back "
                "(ticked on the observer's earlier return, not on this one)"
            )
        if self.duplicates:
            shown = [f"{_where(item)} repeats {_place(first, item.file)}" for item, first in self.duplicates[:5]]
            more = f" and {len(self.duplicates) - 5} more" if len(self.duplicates) > 5 else ""
            lines.append(
                f"skipped {count(len(self.duplicates), 'exact duplicate row')}, each the same as an earlier one: "
                f"{'; '.join(shown)}{more}"
            )
        return lines


def plan_import(
    paths: list[Path],
    existing: FolioData,
    folio_id: str | None = None,
    decrypt: Decrypt | None = None,
    today: date | None = None,
    *,
    set_observed_by: bool = False,
) -> ImportPlan:
    """Read, validate and check every file against `existing`; `ImportProblems` lists all problems.

    `folio_id` is the id this folio prints on the observer forms it makes: a returned form
    carrying another id is refused. `decrypt` opens an encrypted JSON backup (see `read_files`).
    Rows that repeat an earlier row of the import exactly are skipped and listed in the plan's
    `duplicates`. A returned form is dated as imported `today` (the machine's date unless given);
    `set_observed_by` records its observer as the case's "Observed by" where that names someone else.
    """
    found, problems = read_files(paths, decrypt)
    removed: list[Record] = []
    notes: dict[str, list[str]] = {}
    files: dict[str, bytes] = {}
    differs: list[bool] = []
    if found.forms:
        problems += _returned_records(
            found, existing, folio_id, today or date.today(), removed, notes, files, differs, set_observed_by
        )
    if found.ppc_returns:
        problems += _ppc_returns(found, existing, folio_id, today or date.today(), notes, files)
    items = sorted(found.records, key=lambda item: SAVE_ORDER.index(item.record.KIND))
    duplicates: list[tuple[SourcedRecord, SourcedRecord]] = []
    if found.backup is None:
        items, duplicates = _without_duplicates(items)
        problems += check_references(items, existing, cases_known=not problems, today=today or date.today())
    else:  # a backup is restored as the folio held it: only what the store refuses is checked
        problems += _repeated(items)
    if problems:
        order = {str(path): index for index, path in enumerate(paths)}
        raise ImportProblems(sorted(problems, key=lambda problem: (order.get(problem.file, 0), problem.line or 0)))
    if found.backup is not None:
        plan = ImportPlan(backup=found.backup, backup_files=found.backup_files, settings=found.settings)
        for item in items:
            plan.count(item.record.KIND, "added")
        return plan
    plan = _plan_records(items, existing)
    given = {_key(item.record) for item in items}
    plan.to_remove = [record for record in removed if _key(record) not in given]
    returned: list[ReturnedForm | PPCReturn] = [*found.forms, *found.ppc_returns]
    plan.forms = [
        line for form in returned for line in [*form.describe(), *(f"  {note}" for note in notes.get(form.file, ()))]
    ]
    plan.duplicates = duplicates
    plan.observer_differs = any(differs)
    plan.files = {
        record.id: files[record.id] for record in plan.to_put if isinstance(record, Attachment) and record.id in files
    }
    return plan


def _returned_records(
    found: ReadFiles,
    existing: FolioData,
    folio_id: str | None,
    today: date,
    removed: list[Record],
    notes: dict[str, list[str]],
    files: dict[str, bytes],
    differs: list[bool],
    set_observed_by: bool = False,
) -> list[Problem]:
    """Add the records of each returned form to `found`, and what each replaces to `removed` (said in `notes`);
    the problems of those that cannot be imported."""
    case_refs = {case.ref for case in existing.cases} | {
        item.record.ref for item in found.records if isinstance(item.record, Case)
    }
    problems: list[Problem] = []
    taken: set[str] = {item.id for item in existing.attachments}
    for form in found.forms:
        try:
            changes = returned_records(
                form, existing, folio_id, case_refs, today, taken, set_observed_by=set_observed_by
            )
        except ImportProblems as bad:
            problems += bad.problems
            continue
        found.records += changes.records
        removed += changes.removed
        files.update(changes.files)
        differs.append(changes.observer_differs)
        notes.setdefault(form.file, []).extend(changes.notes)
    return problems


def _ppc_returns(
    found: ReadFiles,
    existing: FolioData,
    folio_id: str | None,
    today: date,
    notes: dict[str, list[str]],
    files: dict[str, bytes],
) -> list[Problem]:
    """Add the verification of the PPC's returned Form 4 to `found` (its file to `files`); its problems."""
    from sendfolio.io.ppc_return import ppc_records
    from sendfolio.io.returned_form import _new_id

    if len(found.ppc_returns) > 1:
        return [Problem(form.file, None, "", "only one PPC's Form 4 can be imported at a time")
                for form in found.ppc_returns[1:]]  # fmt: skip
    (form,) = found.ppc_returns
    try:
        changes = ppc_records(form, existing, folio_id, today, _new_id({item.id for item in existing.attachments}))
    except ImportProblems as bad:
        return bad.problems
    found.records += changes.records
    files.update(changes.files)
    notes.setdefault(form.file, []).extend(changes.notes)
    return []


def _without_duplicates(
    items: list[SourcedRecord],
) -> tuple[list[SourcedRecord], list[tuple[SourcedRecord, SourcedRecord]]]:
    """The items without exact repeats of an earlier item, and each repeat with the item it repeats."""
    first: dict[tuple, SourcedRecord] = {}
    kept, repeats = [], []
    for item in items:
        content = (item.record.KIND, repr(sorted(item.record.to_dict().items())), tuple(sorted(item.given)))
        if content in first:
            repeats.append((item, first[content]))
        else:
            first[content] = item
            kept.append(item)
    return kept, repeats


def _where(item: SourcedRecord) -> str:
    """Where a record was, in full: its file and line (or place in a backup)."""
    return f"{item.file}:{item.line}" if item.line is not None else f"{item.file} {item.where}"


def check_references(
    items: list[SourcedRecord], existing: FolioData, *, cases_known: bool = True, today: date | None = None
) -> list[Problem]:
    """Problems with references between records: criteria, cases, CPD entries, repeated keys; and, with
    `today`, a case marked held whose date has not come (`rules.case_refusals`).

    When some records could not be read (`cases_known` false), references to cases and CPD
    entries are not checked: the missing one may be on a row with a problem of its own.
    """
    case_refs = {case.ref for case in existing.cases} | {
        item.record.ref for item in items if isinstance(item.record, Case)
    }
    cpd_ids = {entry.id for entry in existing.cpd} | {
        item.record.id for item in items if isinstance(item.record, CPDEntry)
    }
    problems = _repeated(items)
    for item in items:
        record = item.record
        if isinstance(record, Case) and today is not None:
            problems += [item.problem(error.field, error.problem) for error in case_refusals(record, today)]
        elif isinstance(record, Observation):
            problems += _observation_problems(item, case_refs if cases_known else None)
        elif isinstance(record, Reflection) and cases_known:
            problems += _reflection_problems(item, case_refs, cpd_ids)
        elif isinstance(record, LearningNeed) and cases_known:
            problems += _need_problems(item, case_refs, existing)
        elif isinstance(record, Feedback) and cases_known and record.case and record.case not in case_refs:
            problems.append(item.problem("case", f"no case '{record.case}' in the folio or in this import"))
    return problems


def _need_problems(item: SourcedRecord, case_refs: set[str], existing: FolioData) -> list[Problem]:
    """A learning need's case, PPC session, CPD entries and reflections, when given, must exist."""
    known = {
        "case": case_refs,
        "ppc": {session.id for session in existing.ppc_sessions},
        "cpd": {entry.id for entry in existing.cpd},
        "reflection": {reflection.id for reflection in existing.reflections},
    }
    words = {"case": "case", "ppc": "PPC session", "cpd": "CPD entry", "reflection": "reflection"}
    problems = []
    for column, links in (("source", (item.record.source,)), ("met_by", item.record.met_by)):
        for link in links:
            kind, _, ident = link.partition(":")
            if kind in known and ident not in known[kind]:
                problems.append(item.problem(column, f"no {words[kind]} '{ident}' in the folio"))
    return problems


def _observation_problems(item: SourcedRecord, case_refs: set[str] | None) -> list[Problem]:
    """An observation must name a criterion of Forms 1–3 and a case (unless `case_refs` is None)."""
    from sendfolio.domain.criteria import is_criterion

    problems = []
    if not is_criterion(item.record.criterion):
        problems.append(
            item.problem("criterion", f"'{item.record.criterion}' is not a criterion id: see `sendfolio criteria`")
        )
    if case_refs is not None and item.record.ref not in case_refs:
        problems.append(item.problem("ref", f"no case '{item.record.ref}' in the folio or in this import"))
    return problems


def _reflection_problems(item: SourcedRecord, case_refs: set[str], cpd_ids: set[str]) -> list[Problem]:
    """A reflection's case and CPD entry, when given, must exist."""
    problems = []
    if item.record.case and item.record.case not in case_refs:
        problems.append(item.problem("case", f"no case '{item.record.case}' in the folio or in this import"))
    if item.record.cpd and item.record.cpd not in cpd_ids:
        problems.append(item.problem("cpd", f"no CPD entry with id '{item.record.cpd}' in the folio"))
    return problems


def _key(record: Record) -> tuple[Any, ...] | None:
    """What identifies a record within its kind (None: records without a key of their own)."""
    if isinstance(record, Case):
        return ("case", record.ref)
    if isinstance(record, Observation):
        return ("observation", record.ref, record.criterion, record.observer)
    if isinstance(record, Identified) and record.id:
        return (record.KIND, record.id)
    if isinstance(record, Verification):
        return ("verification", "the PPC's verification")
    return None


def _repeated(items: list[SourcedRecord]) -> list[Problem]:
    """Problems for a case, observation or id given more than once in the import."""
    first: dict[tuple[Any, ...], SourcedRecord] = {}
    problems = []
    for item in items:
        key = _key(item.record)
        if key is None:
            continue
        if key in first:
            other = first[key]
            place = _place(other, item.file)
            name = {"case": "ref", "observation": "criterion"}.get(key[0], "id")
            problems.append(item.problem(name, f"'{' '.join(key[1:])}' is given twice (also at {place})"))
        else:
            first[key] = item
    return problems


def _place(item: SourcedRecord, file: str) -> str:
    """Where a record was, said briefly when it is in `file`."""
    if item.line is None:
        return f"{item.where}" if item.file == file else f"{item.file} {item.where}"
    return f"line {item.line}" if item.file == file else f"{item.file}:{item.line}"


def _plan_records(items: list[SourcedRecord], existing: FolioData) -> ImportPlan:
    """Sort records into added, updated (merged with what the folio holds) and unchanged."""
    plan, problems = ImportPlan(), []
    singles = (existing.verification,) if existing.verification is not None else ()
    keyed = {_key(record): record for record in (*existing.cases, *existing.observations, *existing.returns, *singles)}
    contents = {
        _content(record)
        for record in (
            *existing.reflections,
            *existing.cpd,
            *existing.ppc_sessions,
            *existing.training,
            *existing.learning_plan,
            *existing.governance,
            *existing.feedback,
            *existing.development_plan,
        )
    }
    for item in items:
        refused = item.record.save_problems()
        if refused:
            problems += [item.problem(bad.field, bad.problem) for bad in refused]
            continue
        old = keyed.get(_key(item.record))
        if old is None:
            new = item.record
            outcome = "unchanged" if _content(new) in contents else "added"
        else:
            try:
                new = _merged(old, item)
            except InvalidRecord as error:
                problems += [
                    item.problem(bad.field, f"{bad.problem} (after updating the case already in the folio)")
                    for bad in error.errors
                ]
                continue
            outcome = "unchanged" if new == old else "updated"
        plan.count(new.KIND, outcome)
        if new.KIND in ("case", "return"):
            plan.debrief_cases.add(getattr(new, "ref", ""))
        if outcome != "unchanged":
            plan.to_put.append(new)
    if problems:
        raise ImportProblems(problems)
    return plan


def _content(record: Record) -> tuple[str, str]:
    """A record's content without its id, to spot one already in the folio."""
    values = record.to_dict()
    values.pop("id", None)
    return record.KIND, repr(sorted(values.items()))


def _merged(old: Record, item: SourcedRecord) -> Record:
    """The folio's record updated with the columns the import file had (all when not known)."""
    if not item.given:
        record: Record = item.record
        return record
    values, new = old.to_dict(), item.record.to_dict()
    for column in item.given:
        if column.startswith(DEBRIEF_PREFIX):
            heading = column.removeprefix(DEBRIEF_PREFIX)
            values["debrief"] = {**values.get("debrief", {}), heading: new.get("debrief", {}).get(heading, "")}
        else:
            values[column] = new[column]
    return _entered_where_changed(type(old).from_dict(values), old)


def _entered_where_changed(merged: Record, old: Record) -> Record:
    """A CSV row that changes what an observer returned makes it the mediator's entry (never misattributed)."""
    if (
        isinstance(merged, Observation)
        and isinstance(old, Observation)
        and old.returned
        and (merged.observer, merged.notes) != (old.observer, old.notes)
    ):
        return merged.with_changes(recorded_by="mediator", returned_on=None, observer_role="")
    if isinstance(merged, Case) and isinstance(old, Case) and merged.debrief_returned:
        kept = [key for key in merged.debrief_returned if merged.debrief.get(key) == old.debrief.get(key)]
        if kept != list(merged.debrief_returned):
            cleared = {} if kept else {"debrief_by": "", "debrief_by_role": "", "debrief_returned_on": None}
            return merged.with_changes(debrief_returned=kept, **cleared)
    return merged


def apply_plan(folio: Folio, plan: ImportPlan) -> None:
    """Save the plan: restore a backup whole, or take back what a return replaces and put every record, in one batch."""
    if plan.backup is not None:
        folio.replace_all(plan.backup, plan.backup_files, plan.settings)
        return
    folio.save_changes(plan.to_put, plan.to_remove, plan.files)
