"""Changes to a case that touch more than one record, each saved as one change.

The case screens call these; each goes through the Folio in one save (a rename is
`Folio.rename_case`), so a case and its observations are never half-changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sendfolio.domain.records import Case, FieldError, Observation

if TYPE_CHECKING:
    from sendfolio.store import Folio


@dataclass(frozen=True)
class DeletedCase:
    """A deleted case with its observations, enough to put it back (undo)."""

    case: Case
    """The deleted case."""
    observations: tuple[Observation, ...]
    """Its observed criteria, deleted with it."""


def ref_in_use(folio: Folio, case: Case, original: Case | None) -> list[FieldError]:
    """A field error when a new or renamed case takes a reference another case already has."""
    renamed = original is None or case.ref != original.ref
    if renamed and folio.case(case.ref) is not None:
        return [FieldError("ref", f"'{case.ref}' is already the reference of another case: choose another")]
    return []


def save_case(folio: Folio, case: Case, original: Case | None) -> Case:
    """Save a new or edited case; a renamed case keeps its observations and linked reflections (one save)."""
    if original is None:
        return folio.put(case)
    return folio.rename_case(original.ref, case.ref, case)


def delete_case(folio: Folio, case: Case) -> DeletedCase:
    """Delete a case and its observations; return what is needed to undo it."""
    deleted = DeletedCase(case, tuple(folio.observations(case.ref)))
    folio.delete(case)
    return deleted


def restore_case(folio: Folio, deleted: DeletedCase) -> None:
    """Put a deleted case and its observations back."""
    with folio.batch():
        folio.put(deleted.case)
        for item in deleted.observations:
            folio.put(item)


def observation(folio: Folio, ref: str, criterion: str) -> Observation | None:
    """The observation of one criterion in one case, if recorded."""
    return next((item for item in folio.observations(ref) if item.criterion == criterion), None)


def tick_criterion(folio: Folio, case: Case, criterion: str) -> Observation:
    """Record a criterion as shown in a case (observer: the case's observer)."""
    return folio.put(
        Observation.from_dict(
            {
                "ref": case.ref,
                "criterion": criterion,
                "observer": case.observed_by,
                "observer_role": case.observed_by_role,
            }
        )
    )


def entered_if_changed(record: Observation, before: Observation | None) -> Observation:
    """An edited observation: what an observer returned, once changed here, is the mediator's own entry."""
    if before is None or not before.returned or (record.observer, record.notes) == (before.observer, before.notes):
        return record
    return record.with_changes(recorded_by="mediator", returned_on=None, observer_role="")


def debrief_entered_if_changed(case: Case, before: Case) -> Case:
    """An edited de-brief: a heading an observer returned, once changed here, is the mediator's own entry."""
    kept = [key for key in case.debrief_returned if case.debrief.get(key) == before.debrief.get(key)]
    if kept == list(case.debrief_returned):
        return case
    cleared = {} if kept else {"debrief_by": "", "debrief_by_role": "", "debrief_returned_on": None}
    return case.with_changes(debrief_returned=kept, **cleared)
