"""Each practice case's Forms 1–3 as the portfolio prints them: as returned by the observer, or as entered.

Pure. A case's observations and de-brief are grouped into sheets: one per form and per
who recorded it (an observer on a returned form, or the mediator), each with the header
of Appendix A's forms (mediator, observer and role, date, the case's place) and the
criteria seen with comments; Form 3's sheets carry the de-brief. The de-brief rows come
from the same showings the coverage counts (`sendfolio.rules.coverage.showings`), so the
coverage matrix and a case's de-brief can never disagree. Each sheet has an anchor the
coverage matrix links its ticks to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendfolio.domain.criteria import CRITERIA, DEBRIEF_CRITERIA, FORM_TITLES, SECTIONS
from sendfolio.domain.records import Case, FolioData, Observation, ObserverReturn
from sendfolio.domain.wording import forms_words
from sendfolio.portfolio.wording import anchor, debrief_title
from sendfolio.rules.returns import Disagreement

PLACES = {1: "1st", 2: "2nd", 3: "3rd"}
"""A case's place in the practice period as the forms' header says it."""


@dataclass(frozen=True)
class SheetRow:
    """A criterion seen (or a de-brief heading written), with the comment."""

    text: str
    comment: str
    not_confirmed_by: str = ""


@dataclass(frozen=True)
class SheetSection:
    """Process Management, Skills and Knowledge or De-brief and Supervision on one sheet."""

    title: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class Sheet:
    """One form of one case as returned by one observer, or as entered by the mediator."""

    form: int
    title: str
    anchor: str
    returned: bool
    observer: str
    role: str
    completed: date | None
    sections: tuple[SheetSection, ...]
    how: str = ""
    attachment: str = ""
    remarks: tuple[SheetRow, ...] = ()
    others_returned: bool = False
    paper: bool = False

    @property
    def seen(self) -> int:
        """How many criteria the sheet records as seen (de-brief headings included)."""
        return sum(len(section.rows) for section in self.sections)


@dataclass(frozen=True)
class CaseForms:
    """A practice case's forms: its place, and its sheets in form order (returned before entered)."""

    place: str
    sheets: tuple[Sheet, ...]

    def debrief_headings(self) -> tuple[str, ...]:
        """The de-brief criteria the sheets print (what the coverage counts for this case)."""
        return tuple(
            row.text for sheet in self.sheets for section in sheet.sections if section.title == SECTIONS["ds"]
            for row in section.rows
        )  # fmt: skip

    def other_observers(self, recorded: str) -> tuple[str, ...]:
        """Each observer but `recorded` (the case's "Observed by") whose forms came back, in words:
        "Jordan Vale (co-mediator), Form 2 on paper"."""
        found: dict[tuple[str, str], list[Sheet]] = {}
        for sheet in self.sheets:
            if sheet.returned and sheet.observer and sheet.observer.casefold() != recorded.casefold():
                found.setdefault((sheet.observer, sheet.role), []).append(sheet)
        return tuple(
            f"{name}{f' ({role})' if role else ''}, {forms_words(s.form for s in sheets)}"
            + (" on paper" if all(s.paper for s in sheets) else "")
            for (name, role), sheets in found.items()
        )


def sheet_anchor(ref: str, form: int, observer: str, returned: bool) -> str:
    """The HTML id of one sheet (the coverage matrix links here)."""
    return anchor("case", ref, "form", str(form), observer if returned else "entered")


def _key(returned: bool, observer: str, role: str, completed: date | None) -> tuple:
    """Who recorded something: what makes a sheet (one observer's returns of a form make one sheet)."""
    return (not returned, observer if returned else "", role if returned else "", completed if returned else None)


def _merged_by_observer(sheets: dict[tuple, dict[str, list[SheetRow]]]) -> dict[tuple, dict[str, list[SheetRow]]]:
    """Sheets of the same form and observer returned on different days as one, dated the latest day."""
    merged: dict[tuple, dict[str, list[SheetRow]]] = {}
    latest: dict[tuple, tuple] = {}
    for key, sections in sorted(sheets.items(), key=_sheet_order):
        who = key[:4]
        latest[who] = key
        target = merged.setdefault(who, {})
        for title, rows in sections.items():
            target.setdefault(title, []).extend(rows)
    return {latest[who]: sections for who, sections in merged.items()}


def case_forms(data: FolioData, case: Case, place: int, disagreeing: tuple[Disagreement, ...]) -> CaseForms:
    """The sheets of one practice case (its `place`, 1-based, in the practice period).

    Each observer's ticks, comments and de-brief make their own sheets; the mediator's entries make theirs.
    `disagreeing` are the rules' disagreements (`rules.assess`): criteria a return does not confirm.
    """
    sheets: dict[tuple, dict[str, list[SheetRow]]] = {}
    observations = data.observations_for(case.ref)
    returns = data.returns_for(case.ref)
    unconfirmed: dict[str, str] = {}
    for item in disagreeing:
        if item.ref != case.ref:
            continue
        unconfirmed[item.criterion] = ", ".join(filter(None, (unconfirmed.get(item.criterion), item.observer)))
    for crit in CRITERIA:
        seen = [item for item in observations if item.criterion == crit.id]
        if crit.id in DEBRIEF_CRITERIA:
            rows = _debrief_rows(case, crit.id, seen, returns)
        else:
            rows = [
                (
                    SheetRow(crit.text, item.notes, "" if item.returned else unconfirmed.get(crit.id, "")),
                    _key(item.returned, item.observer, item.observer_role, item.returned_on),
                )
                for item in seen
            ]
        for row, key in rows:
            per_form = sheets.setdefault((crit.form, *key), {})
            per_form.setdefault(crit.section, []).append(row)
    for kept in returns:  # a form the observer left unticked but wrote remarks on still has its sheet
        for form in kept.form_numbers:
            if _remarks(kept, form):
                sheets.setdefault((form, *_key(True, kept.observer, kept.observer_role, kept.completed)), {})
    made = []
    for (form, entered, observer, role, completed), sections in sorted(
        _merged_by_observer(sheets).items(), key=_sheet_order
    ):
        back = None if entered else _return_of(returns, observer, form)
        made.append(
            Sheet(
                form=form,
                title=FORM_TITLES[form],
                anchor=sheet_anchor(case.ref, form, observer, not entered),
                returned=not entered,
                observer=observer,
                role=role,
                completed=completed,
                sections=tuple(SheetSection(title, tuple(rows)) for title, rows in sections.items()),
                how=back.how_words if back else "",
                attachment=back.attachment if back else "",
                remarks=_remarks(back, form) if back else (),
                others_returned=entered and any(str(form) in item.forms for item in returns),
                paper=back is not None and back.how == "paper",
            )
        )
    return CaseForms(place=PLACES.get(place, f"{place}th"), sheets=tuple(made))


def _remarks(back: ObserverReturn, form: int) -> tuple[SheetRow, ...]:
    """The observer's remarks beside criteria of this form they did not tick."""
    return tuple(
        SheetRow(crit.text, back.remarks[crit.id]) for crit in CRITERIA if crit.form == form and crit.id in back.remarks
    )


def _return_of(returns: tuple[ObserverReturn, ...], observer: str, form: int) -> ObserverReturn | None:
    """The observer's current return carrying this form (None for what came back before returns were kept)."""
    return next((item for item in returns if item.observer == observer and form in item.form_numbers), None)


def _sheet_order(item: tuple) -> tuple:
    """Sheets in form order, returned ones first, then by date and observer."""
    form, entered, observer, _, completed = item[0]
    return (form, entered, completed or date.min, observer)


def _debrief_rows(
    case: Case, crit_id: str, seen: list[Observation], returns: tuple[ObserverReturn, ...]
) -> list[tuple[SheetRow, tuple]]:
    """A Form 3 de-brief criterion as printed, once per who recorded it: the case's de-brief under its
    heading, each observer's returned de-brief, else an observation of it."""
    heading = DEBRIEF_CRITERIA[crit_id]
    rows: dict[tuple, SheetRow] = {}
    text = case.debrief.get(heading, "").strip()
    if text:
        returned = heading in case.debrief_returned
        key = _key(returned, case.debrief_by, case.debrief_by_role, case.debrief_returned_on)
        backing = next((item for item in seen if item.returned), None)
        if backing is not None and not returned and not any(item.debrief.get(heading) for item in returns):
            key = _key(True, backing.observer, backing.observer_role, backing.returned_on)
        rows[key] = SheetRow(debrief_title(heading), text)
    for item in returns:
        written = item.debrief.get(heading, "").strip()
        key = _key(True, item.observer, item.observer_role, item.completed)
        if written and key not in rows:
            rows[key] = SheetRow(debrief_title(heading), written)
    for observation in seen:
        key = _key(observation.returned, observation.observer, observation.observer_role, observation.returned_on)
        if key not in rows and (observation.returned or not text):
            rows[key] = SheetRow(debrief_title(heading), observation.notes or "Discussed at the de-brief.")
    return [(row, key) for key, row in rows.items()]


def link_for(ref: str, crit_id: str, returned: bool, observer: str) -> str:
    """The sheet anchor a coverage tick of `crit_id` in case `ref` links to."""
    form = int(crit_id[1])
    return sheet_anchor(ref, form, observer, returned)
