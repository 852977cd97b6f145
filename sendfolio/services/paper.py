"""An observer's form on paper (printed and filled by hand, flattened, or scanned): kept as it came, its
ticks transcribed by the mediator. For `sendfolio attach FILE --for case:REF --observer NAME` and the app.

`keep_paper_form` keeps the file with the case (an attachment, as any document) and records the
observer's return of it (`ObserverReturn`, how "paper"), with the ticks given; `transcribe_tick`
adds or takes back one tick of that return (the app's checklist, one criterion at a time). Each
tick is an observation of the observer's, so the portfolio prints it under their name as
"transcribed by the mediator from the observer's signed paper form (attached A3)".

Refused with one line (`PaperFormRefused`), nothing saved: a case not in the folio or not yet
held, the mediator named as the observer, a date completed after today or before the case.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from sendfolio.domain.criteria import CRITERIA
from sendfolio.domain.records import Observation, ObserverReturn
from sendfolio.domain.vocabulary import TIMELINE_DATES
from sendfolio.domain.wording import forms_words, long_date

if TYPE_CHECKING:
    from sendfolio.io.attachments import CheckedFile
    from sendfolio.store import Folio

CRITERIA_BY_ID = {crit.id: crit for crit in CRITERIA}
"""Each criterion of Forms 1–3 by its id."""


class PaperFormRefused(ValueError):
    """A paper form that cannot be kept as the observer's return, in one line."""


def paper_title(observer: str, forms: Sequence[str]) -> str:
    """How the portfolio names the kept paper form: "Forms 1, 2 and 3 on paper, signed by ⟨observer⟩"."""
    return f"{forms_words(forms)} on paper, signed by {' '.join(observer.split())}"


def keep_paper_form(
    folio: Folio,
    document: CheckedFile,
    ref: str,
    *,
    observer: str,
    role: str = "",
    completed: date | None = None,
    forms: Sequence[str] | None = None,
    ticks: Mapping[str, str] | None = None,
    today: date,
) -> ObserverReturn:
    """Keep `document` (read with `services.attach.read_document`) as `observer`'s paper form of case `ref`,
    with the ticks transcribed from it (criterion id → the observer's comment), in one save. `forms`: the
    forms on the paper (default: those of the ticks given, else all three).

    A later paper form of the same observer for the same forms replaces theirs (kept, marked replaced),
    their earlier ticks on those forms taken back. Raises `PaperFormRefused`; nothing is saved then.
    """
    from sendfolio.io.returned_form import same_observer

    data = folio.data()
    observer = " ".join(observer.split())
    ticks = dict(ticks or {})
    unknown = [crit_id for crit_id in ticks if crit_id not in CRITERIA_BY_ID]
    if unknown:
        raise PaperFormRefused(f"--tick: {unknown[0]} is not a criterion id (`sendfolio criteria` lists them)")
    forms = sorted(set(forms or ()) | {crit_id[1] for crit_id in ticks}) or ["1", "2", "3"]
    _check(folio, ref, observer, completed, forms, today)
    attachment = document.record(f"case:{ref}", paper_title(observer, forms), today)
    attachment = attachment.with_changes(id=_fresh({item.id for item in data.attachments}))
    kept = ObserverReturn.from_dict(
        {
            "id": _fresh({item.id for item in data.returns}),
            "ref": ref,
            "observer": observer,
            "observer_role": role,
            "forms": forms,
            "completed": completed,
            "imported": today,
            "ticked": list(ticks),
            "how": "paper",
            "attachment": attachment.id,
            "sha256": attachment.sha256,
        }
    )
    replaced = [
        old.with_changes(replaced_by=kept.id)
        for old in data.returns_for(ref)
        if same_observer(old.observer, observer) and set(old.forms) <= set(forms)
    ]
    taken_back = [
        item
        for item in data.observations_for(ref)
        if item.returned and same_observer(item.observer, observer) and item.criterion[1] in forms
    ]
    ticked = [_tick(kept, crit_id, comment) for crit_id, comment in ticks.items()]
    folio.save_changes([attachment, *replaced, kept, *ticked], taken_back, {attachment.id: document.content})
    return kept


def transcribe_tick(folio: Folio, return_id: str, criterion: str, comment: str = "", *, ticked: bool = True) -> None:
    """Tick (or, `ticked` false, untick) `criterion` on the paper return `return_id`, as the observer did."""
    data = folio.data()
    kept = next((item for item in data.returns if item.id == return_id), None)
    if kept is None or kept.how != "paper":
        raise PaperFormRefused(f"no paper form {return_id} in this folio")
    if criterion not in CRITERIA_BY_ID:
        raise PaperFormRefused(f"{criterion} is not a criterion id")
    others = tuple(item for item in kept.ticked if item != criterion)
    forms = sorted(set(kept.forms) | {criterion[1]}) if ticked else list(kept.forms)
    changed = kept.with_changes(ticked=(*others, criterion) if ticked else others, forms=forms)
    before = [
        item
        for item in data.observations_for(kept.ref)
        if item.criterion == criterion and item.returned and item.observer == kept.observer
    ]
    records = [changed, _tick(kept, criterion, comment)] if ticked else [changed]
    folio.save_changes(records, before)


def _tick(kept: ObserverReturn, criterion: str, comment: str) -> Observation:
    """The observation of one criterion ticked on the observer's paper form."""
    return Observation.from_dict(
        {
            "ref": kept.ref,
            "criterion": criterion,
            "observer": kept.observer,
            "observer_role": kept.observer_role,
            "notes": comment,
            "recorded_by": "returned-form",
            "returned_on": kept.completed,
        }
    )


def _check(folio: Folio, ref: str, observer: str, completed: date | None, forms: Sequence[str], today: date) -> None:
    """Refuse, in one line, a paper form no observer could have sent (as a returned PDF is refused)."""
    from sendfolio.io.returned_form import same_observer

    data = folio.data()
    case = data.case(ref)
    if case is None:
        raise PaperFormRefused(f"--for: no case {ref} in this folio")
    if not observer:
        raise PaperFormRefused("--observer: the observer's name, as they wrote it on the form, is required")
    if case.status == "booked":
        raise PaperFormRefused(
            f"case {ref} is not yet held (booked for {long_date(case.date)}): keep the form once it has been held"
        )
    mediator = data.profile.name
    if mediator and same_observer(observer, mediator):
        raise PaperFormRefused(
            f"--observer: {mediator} is the mediator; the forms are completed by the co-mediator, PPC, manager "
            "or mentor who worked alongside or observed"
        )
    if completed is not None and completed > today:
        raise PaperFormRefused(f"--completed: {long_date(completed)} is after today: check the date on the form")
    dates = [case.date]
    if "1" in forms:  # Form 1 is completed on the preparation, from the first date of the case's timeline
        dates += [getattr(case, name) for name in TIMELINE_DATES if getattr(case, name, None)]
    if completed is not None and completed < min(dates):
        raise PaperFormRefused(
            f"--completed: {long_date(completed)} is before the case ({long_date(min(dates))}): "
            "check the date on the form"
        )


def _fresh(taken: set[str]) -> str:
    """A record id not in `taken`."""
    while True:
        candidate = secrets.token_hex(6)
        if candidate not in taken:
            return candidate
