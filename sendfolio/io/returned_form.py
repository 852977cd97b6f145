"""Reading a Forms 1–3 PDF the observer filled in and returned, and turning it into records.

`read_returned_form` reads the fields with pypdf (as any PDF reader saved them) into a
`ReturnedForm`: the form reference tying it to a folio and a case, and for each form the
observer's name, role and date, the criteria ticked with their comments, and Form 3's
de-brief. `returned_records` checks it against the folio (our folio, a case it holds) and
gives the records to save: an observation per ticked criterion and the case with the
de-brief, each saying it was returned by the observer on the form's date.

A PDF that is not one of our forms, a form for another folio or an unknown case, a form
with no observer's name, an encrypted or broken PDF: each is one problem, and nothing is
imported. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sendfolio.domain.criteria import CRITERIA, DEBRIEF_CRITERIA
from sendfolio.domain.fields import FieldProblem, parse_date_value
from sendfolio.domain.form_fields import (
    KEYWORDS_PREFIX,
    REFERENCE_FIELD,
    FormReference,
    debrief_field,
    header_field,
    note_field,
    seen_field,
)
from sendfolio.domain.records import (
    DEBRIEF_HEADINGS,
    Attachment,
    Case,
    FolioData,
    InvalidRecord,
    Observation,
    ObserverReturn,
)
from sendfolio.domain.vocabulary import TIMELINE_DATES
from sendfolio.domain.wording import count, long_date, short_date
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord
from sendfolio.io.signatures import AlteredAfterSigning, SignatureCheck, check_signature

TEXT_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%B %d, %Y")
"""Other ways an observer may write a date, beyond YYYY-MM-DD and DD/MM/YYYY."""

PAPER_ROUTE = (
    "keep it as the observer's form with `sendfolio attach FILE --for case:{case} --observer NAME --role ROLE "
    "--completed DATE`, then enter the ticks from it with `--tick CRITERION` (once for each), or in the app, "
    "where importing it offers the same"
)
"""What to do with a form on paper, printed, scanned or flattened: attach it to its case, then enter the ticks."""

UNTICKED = {"", "/Off", "Off", "/off", "off", "/No", "No"}
"""Values of a tick box that is not ticked."""


@dataclass(frozen=True)
class ReturnedSheet:
    """One of Forms 1–3 as the observer completed it."""

    form: int
    observer: str
    role: str
    completed: date | None
    ticked: dict[str, str] = field(default_factory=dict)
    debrief: dict[str, str] = field(default_factory=dict)
    remarks: dict[str, str] = field(default_factory=dict)

    @property
    def used(self) -> bool:
        """True when the observer ticked or wrote anything on this form."""
        return bool(self.ticked or self.debrief or self.remarks)


@dataclass(frozen=True)
class ReturnedForm:
    """A returned PDF: its reference, the case it is for, and each form completed."""

    file: str
    reference: FormReference
    case_ref: str
    sheets: tuple[ReturnedSheet, ...]
    raw: bytes = b""
    pages: int = 1
    signature: SignatureCheck | None = None

    @property
    def sha256(self) -> str:
        """The SHA-256 of the file as it came back."""
        return hashlib.sha256(self.raw).hexdigest()

    def describe(self) -> list[str]:
        """What the form records, one line per form completed, in words (first, whether it is signed)."""
        if self.signature is not None:
            sign = self.signature
            lines = [
                f"{self.file}: digitally signed by {sign.signer} ({sign.certificate})"
                + (f", {sign.signed_at}" if sign.signed_at else "")
                + "; unchanged since signing"
            ]
        else:
            lines = [f"{self.file}: not signed"]
        for sheet in self.sheets:
            what = [f"{len(sheet.ticked)} {'criterion' if len(sheet.ticked) == 1 else 'criteria'} seen"]
            if sheet.debrief:
                what.append(f"de-brief under {len(sheet.debrief)} headings")
            when = short_date(sheet.completed) if sheet.completed else "no date"
            role = f" ({sheet.role})" if sheet.role else ""
            lines.append(f"Form {sheet.form} for {self.case_ref}: {sheet.observer}{role}, {when}: {', '.join(what)}")
            if sheet.completed is None:
                lines.append(
                    f"  Warning: Form {sheet.form} has no date completed: it is kept without one "
                    "(never the case's date); ask the observer to date it"
                )
            if sheet.remarks:
                verb = "is" if len(sheet.remarks) == 1 else "are"
                unticked = count(len(sheet.remarks), "comment")
                lines.append(f"  {unticked} beside criteria not ticked {verb} kept as the observer's remarks")
        return lines


def paper_problem(file: str, message: str, case: str = "") -> ImportProblems:
    """The one problem of an observer's form on paper (printed, flattened or scanned): what to do with it."""
    return ImportProblems([Problem(file, None, "", message + PAPER_ROUTE.format(case=case or "REF"), case)])


def _problem(file: str, message: str) -> ImportProblems:
    """One problem with the whole file."""
    return ImportProblems([Problem(file, None, "", message)])


def _fields(file: str, raw: bytes) -> tuple[dict[str, Any], str, int]:
    """The form's field values by name, the document's keywords and its page count, or a problem saying why not.

    Read in a child process bounded in time and memory (`store.pdf_reading`): a hostile file
    is refused, never read here.
    """
    from sendfolio.store.pdf_reading import DocumentRefused, read_form

    try:
        return read_form(raw)
    except DocumentRefused as why:
        raise _problem(file, str(why)) from None


def _text(value: Any) -> str:
    """A text field's value as trimmed text ('' when empty)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(item) for item in value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _one_line(value: Any) -> str:
    """A one-line field's value with its white space collapsed."""
    return " ".join(_text(value).split())


def _ticked(value: Any) -> bool:
    """True when a tick box is ticked."""
    return value is not None and str(value).strip() not in UNTICKED


def observer_date(text: str) -> date:
    """A date as an observer may write it (14/03/2026, 2026-03-14, 14 March 2026), or `FieldProblem`."""
    try:
        return parse_date_value(text)
    except FieldProblem:
        for pattern in TEXT_DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    raise FieldProblem(f"'{text}' is not a date: write it as DD/MM/YYYY, e.g. 14/03/2026")


def _reference(file: str, values: dict[str, Any], keywords: str) -> FormReference:
    """The form reference from its field (else the keywords), or a problem: not one of our forms."""
    from_field = FormReference.parse(_text(values.get(REFERENCE_FIELD)))
    from_keywords = (
        FormReference.parse(keywords[len(KEYWORDS_PREFIX) :]) if keywords.startswith(KEYWORDS_PREFIX) else None
    )
    if from_field and from_keywords and from_field != from_keywords:
        raise _problem(file, "its form reference has been changed: ask the observer to fill in the form as sent")
    reference = from_field or from_keywords
    if reference is None:
        raise paper_problem(
            file,
            "is not one of the observer forms sendfolio makes (it has no form reference; to make them, use the case "
            "log (f) or `sendfolio forms --case REF`): if it is an observer's printed or scanned form, ",
        )
    return reference


def _sheet(file: str, number: int, values: dict[str, Any]) -> ReturnedSheet:
    """One form as completed, or a problem with its date."""
    ticked, remarks = {}, {}
    for crit in CRITERIA:
        if crit.form != number or crit.id in DEBRIEF_CRITERIA:
            continue
        comment = _text(values.get(note_field(crit.id)))
        if _ticked(values.get(seen_field(crit.id))):
            ticked[crit.id] = comment
        elif comment:
            remarks[crit.id] = comment
    debrief = {}
    if number == 3:
        for heading in DEBRIEF_HEADINGS:
            text = _text(values.get(debrief_field(heading)))
            if text:
                debrief[heading] = text
    written = _one_line(values.get(header_field(number, "signed_on")))  # never the header's date: the case's
    completed = None
    if written:
        try:
            completed = observer_date(written)
        except FieldProblem as bad:
            raise _problem(file, f"Form {number}, date: {bad}") from None
    return ReturnedSheet(
        form=number,
        observer=_one_line(values.get(header_field(number, "observer"))),
        role=_one_line(values.get(header_field(number, "role"))),
        completed=completed,
        ticked=ticked,
        debrief=debrief,
        remarks=remarks,
    )


def read_returned_form(file: str, raw: bytes) -> ReturnedForm:
    """A returned form read from a PDF's bytes, or `ImportProblems` with the one reason it cannot be."""
    return returned_from_fields(file, raw, *form_fields(file, raw))


form_fields = _fields
"""A returned PDF's field values, keywords and page count, read once (bounded): see `_fields`."""


def returned_from_fields(file: str, raw: bytes, values: dict[str, Any], keywords: str, pages: int) -> ReturnedForm:
    """A returned Forms 1–3 PDF from its fields as `form_fields` read them, or `ImportProblems`."""
    reference = _reference(file, values, keywords)
    if not any(name.startswith(("seen_", "note_", "debrief_", "f1_", "f2_", "f3_")) for name in values):
        raise paper_problem(
            file,
            "is one of the observer forms but has no fields left to read (it was printed or flattened): ",
            reference.case,
        )
    sheets = [_sheet(file, number, values) for number in reference.forms]
    case_ref = reference.case or next(
        (
            _one_line(values.get(header_field(number, "case")))
            for number in reference.forms
            if values.get(header_field(number, "case"))
        ),
        "",
    )
    if not case_ref:
        raise _problem(file, "names no case: write the case reference in the header of the form")
    named = [sheet for sheet in sheets if sheet.observer]
    if not named and not any(sheet.used for sheet in sheets):
        raise paper_problem(
            file,
            "has nothing filled in (no observer's name, no tick): if the observer filled it in by hand, or their "
            "program flattened what they wrote onto the page, ",
            case_ref,
        )
    if not named:
        raise _problem(
            file,
            "has no observer's name: the observer writes their name in the header "
            "(Co-mediator / PPC / Manager / Mentor) of each form they complete",
        )
    for sheet in sheets:
        if sheet.used and not sheet.observer:
            raise _problem(file, f"Form {sheet.form} is filled in but has no observer's name in its header")
    try:
        signature = check_signature(raw)
    except AlteredAfterSigning as altered:
        raise _problem(file, f"{altered}: ask the observer to fill it in and sign it again") from None
    return ReturnedForm(
        file=file,
        reference=reference,
        case_ref=case_ref,
        sheets=tuple(named),
        raw=raw,
        pages=max(1, pages),
        signature=signature,
    )


@dataclass
class ReturnChanges:
    """What one returned form changes in the folio: records to put, records it replaces, and in words."""

    file: str
    records: list[SourcedRecord] = field(default_factory=list)
    removed: list[Observation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    observer_differs: bool = False


def same_observer(one: str, other: str) -> bool:
    """True when two names are the same observer's (case and spacing aside)."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def returned_records(
    form: ReturnedForm,
    existing: FolioData,
    folio_id: str | None,
    case_refs: set[str],
    today: date,
    taken_ids: set[str] | None = None,
    *,
    set_observed_by: bool = False,
) -> ReturnChanges:
    """The records a returned form adds and replaces, checked against the folio, or `ImportProblems`.

    Each observer named on the form makes one return (`ObserverReturn`): the forms they
    completed, their de-brief and their remarks beside criteria they did not tick, dated
    `today` as imported. Each ticked criterion becomes an observation returned by that observer
    on the form's date, with their comment. A later return of the same observer for the same
    case replaces their earlier one for the forms it carries: its ticks not given again are
    taken back, and the earlier return is marked as replaced (and named in `notes`).

    Refused (`ImportProblems`, one line): a form naming the mediator as the observer, dated
    before the case or after `today`, or for a case not yet held. Where the case's "Observed by"
    names someone else, `notes` says so, and `set_observed_by` records the form's observer there.
    """
    file = form.file
    if form.reference.folio and form.reference.folio != (folio_id or ""):
        raise _problem(
            file,
            f"was made for another folio (form reference {form.reference}): import it into the folio that made it",
        )
    if form.case_ref not in case_refs:
        raise _problem(file, f"is for case {form.case_ref}, which is not in this folio")
    changes = ReturnChanges(file)
    case = existing.case(form.case_ref)
    if case is None and any(sheet.debrief for sheet in form.sheets):
        raise _problem(file, f"holds a de-brief for case {form.case_ref}: import the case first, then this form")
    _check_plausible(form, existing, case, today)
    if case is not None:
        case = _observed_by(form, case, set_observed_by, changes)
    taken = set(taken_ids or ()) | {item.id for item in existing.returns}
    try:
        for observer, sheets in _by_observer(form.sheets).items():
            new_id = _new_id(taken)
            forms = {sheet.form for sheet in sheets}
            last = sheets[-1]
            debrief = {key: text for sheet in sheets for key, text in sheet.debrief.items()}
            returned = ObserverReturn.from_dict(
                {
                    "id": new_id,
                    "ref": form.case_ref,
                    "observer": last.observer,
                    "observer_role": last.role,
                    "forms": [str(number) for number in sorted(forms)],
                    "completed": max((sheet.completed for sheet in sheets if sheet.completed), default=None),
                    "imported": today,
                    "ticked": [crit_id for sheet in sheets for crit_id in sheet.ticked],
                    "debrief": debrief,
                    "remarks": {key: text for sheet in sheets for key, text in sheet.remarks.items()},
                    "sha256": form.sha256,
                    **_signed(form.signature),
                }
            )
            again = next((old for old in existing.returns_for(form.case_ref) if _same_return(old, returned)), None)
            if again is not None:  # the very return already kept: nothing replaced, nothing new
                returned = again
            else:
                returned = returned.with_changes(attachment=_kept_file(form, changes, today, taken))
                changes.removed += _replaced_ticks(existing, form.case_ref, observer, forms)
                changes.records += _replaced_returns(existing, returned, file)
                changes.notes += _replaced_notes(existing, returned)
            changes.records.append(SourcedRecord(returned, file, None, where="return"))
            for sheet in sheets:
                for crit_id, comment in sheet.ticked.items():
                    observation = Observation.from_dict(
                        {
                            "ref": form.case_ref,
                            "criterion": crit_id,
                            "observer": sheet.observer,
                            "observer_role": sheet.role,
                            "notes": comment,
                            "recorded_by": "returned-form",
                            "returned_on": sheet.completed,
                        }
                    )
                    changes.records.append(SourcedRecord(observation, file, None, where=f"Form {sheet.form}"))
            if case is not None:
                case = _case_after(case, last, forms, bool(debrief))
    except InvalidRecord as bad:
        raise ImportProblems(
            [Problem(file, None, _field_words(error.field), error.problem) for error in bad.errors]
        ) from None
    if case is not None and case != existing.case(form.case_ref):
        changes.records.insert(0, SourcedRecord(case, file, None, where="Form 3"))
    return changes


def _check_plausible(form: ReturnedForm, existing: FolioData, case: Case | None, today: date) -> None:
    """Refuse, with one line, a return no observer could have sent: see `returned_records`."""
    file, mediator = form.file, existing.profile.name
    if case is not None and case.status == "booked":
        raise _problem(
            file,
            f"is for case {case.ref}, which is not yet held (booked for {long_date(case.date)}): "
            "import it once the case has been held",
        )
    for sheet in form.sheets:
        if mediator and same_observer(sheet.observer, mediator):
            raise _problem(
                file,
                f"Form {sheet.form} names the mediator ({mediator}) as the observer: the forms are completed "
                "by the co-mediator, PPC, manager or mentor who worked alongside or observed",
            )
        if sheet.completed is None:
            continue
        if sheet.completed > today:
            raise _problem(
                file,
                f"Form {sheet.form}, date completed: {long_date(sheet.completed)} is after today: ask the observer",
            )
        earliest = _earliest(case, sheet.form)
        if earliest is not None and sheet.completed < earliest:
            raise _problem(
                file,
                f"Form {sheet.form}, date completed: {long_date(sheet.completed)} is before the case "
                f"({long_date(earliest)}): ask the observer to check it",
            )


def _earliest(case: Case | None, form: int) -> date | None:
    """The first day a form of the case can be completed: the case's date (Form 1, on the preparation:
    the first date of its timeline)."""
    if case is None:
        return None
    if form != 1:
        return case.date
    dates: list[date] = [case.date, *(getattr(case, name) for name in TIMELINE_DATES if getattr(case, name, None))]
    return min(dates)


def _observed_by(form: ReturnedForm, case: Case, set_it: bool, changes: ReturnChanges) -> Case:
    """The case with "Observed by" naming the form's observer (name and role) when it named someone else, or
    only a role, and `set_it`; else as it is (the difference said in `changes.notes`)."""
    recorded = case.observer_words
    if not recorded:
        return case
    if case.observed_by and any(same_observer(case.observed_by, sheet.observer) for sheet in form.sheets):
        return case
    sheet = form.sheets[0]
    wanted = sheet.observer + (f" ({sheet.role})" if sheet.role else "")
    if set_it:
        changes.notes.append(f'sets the case\'s "Observed by" to {wanted} (it said {recorded})')
        return case.with_changes(observed_by=sheet.observer, observed_by_role=sheet.role)
    role_only = "" if case.observed_by else " (the case names a role, not who observed)"
    changes.notes.append(f'the case says "Observed by {recorded}", but this form is from {wanted}{role_only}')
    changes.observer_differs = True
    return case


def _by_observer(sheets: tuple[ReturnedSheet, ...]) -> dict[str, list[ReturnedSheet]]:
    """The sheets of each observer named on the form (the first spelling of a name stands for it)."""
    grouped: dict[str, list[ReturnedSheet]] = {}
    for sheet in sheets:
        name = next((known for known in grouped if same_observer(known, sheet.observer)), sheet.observer)
        grouped.setdefault(name, []).append(sheet)
    return grouped


def _new_id(taken: set[str]) -> str:
    """A fresh record id for a return (not one in `taken`, which it joins)."""
    while True:
        candidate = secrets.token_hex(6)
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def _signed(signature: SignatureCheck | None) -> dict[str, str]:
    """The return's fields saying how it came: signed (by whom, with which certificate, when) or not."""
    if signature is None:
        return {"how": "unsigned"}
    return {
        "how": "signed",
        "signer": signature.signer,
        "certificate": signature.certificate,
        "signed_at": signature.signed_at,
    }


def _kept_file(form: ReturnedForm, changes: ReturnChanges, today: date, taken: set[str]) -> str:
    """The id of the attachment keeping the returned file byte for byte (made once per file)."""
    if changes.files:
        return next(iter(changes.files))
    names = sorted({" ".join(sheet.observer.split()) for sheet in form.sheets})
    numbers = " and ".join(str(sheet.form) for sheet in form.sheets)
    kept = Attachment.from_dict(
        {
            "id": _new_id(taken),
            "evidence_for": f"case:{form.case_ref}",
            "title": f"Form{'s' if len(form.sheets) > 1 else ''} {numbers} as returned by {' and '.join(names)}",
            "file_type": "pdf",
            "size": len(form.raw),
            "pages": form.pages,
            "sha256": form.sha256,
            "added": today,
        }
    )
    changes.files[kept.id] = form.raw
    changes.records.append(SourcedRecord(kept, form.file, None, where="the returned file"))
    return kept.id


def _same_return(old: ObserverReturn, new: ObserverReturn) -> bool:
    """True when a return already kept says what the new one says (the same file imported again)."""
    if old.sha256 and new.sha256:
        return old.sha256 == new.sha256
    fields = ("forms", "completed", "observer_role", "ticked", "debrief", "remarks")
    return same_observer(old.observer, new.observer) and all(
        getattr(old, name) == getattr(new, name) for name in fields
    )


def _replaced(existing: FolioData, new: ObserverReturn) -> list[ObserverReturn]:
    """The current returns of the same observer for the same case that the new one replaces (all their forms again)."""
    return [
        old
        for old in existing.returns_for(new.ref)
        if same_observer(old.observer, new.observer) and set(old.forms) <= set(new.forms)
    ]


def _replaced_returns(existing: FolioData, new: ObserverReturn, file: str) -> list[SourcedRecord]:
    """The returns the new one replaces, marked as replaced by it (kept, as they came back)."""
    return [
        SourcedRecord(old.with_changes(replaced_by=new.id), file, None, where="return")
        for old in _replaced(existing, new)
    ]


def _replaced_notes(existing: FolioData, new: ObserverReturn) -> list[str]:
    """What the new return replaces, in words: "replaces the return of ⟨observer⟩ of 12 Apr 2026"."""
    notes = [f"replaces the return of {old.observer} of {short_date(old.imported)}" for old in _replaced(existing, new)]
    legacy = _legacy_dates(existing, new.ref, new.observer, set(new.form_numbers))
    if legacy:
        notes.append(f"replaces the return of {new.observer} of {short_date(max(legacy))}")
    return notes


def _replaced_ticks(existing: FolioData, ref: str, observer: str, forms: set[int]) -> list[Observation]:
    """The observer's earlier returned ticks on these forms of this case, which a new return replaces."""
    return [
        item
        for item in existing.observations_for(ref)
        if item.returned and same_observer(item.observer, observer) and int(item.criterion[1]) in forms
    ]


def _legacy_dates(existing: FolioData, ref: str, observer: str, forms: set[int]) -> list[date]:
    """The dates of the observer's earlier returned ticks kept without a return record (before returns were kept)."""
    if any(same_observer(item.observer, observer) for item in existing.returns_for(ref, current_only=False)):
        return []
    return [item.returned_on for item in _replaced_ticks(existing, ref, observer, forms) if item.returned_on]


def _case_after(case: Case, sheet: ReturnedSheet, forms: set[int], debriefed: bool) -> Case:
    """The case once this observer's return is in: de-briefed when they wrote one, observed by them when no one was.

    A de-brief this observer returned before returns were kept (in the case's own de-brief) is
    taken out when their new Form 3 replaces it; the mediator's notes stay.
    """
    if 3 in forms and case.debrief_returned and same_observer(case.debrief_by, sheet.observer):
        kept = {key: text for key, text in case.debrief.items() if key not in case.debrief_returned}
        case = case.with_changes(
            debrief=kept, debrief_returned=[], debrief_by="", debrief_by_role="", debrief_returned_on=None
        )
    if debriefed:
        case = case.with_changes(debriefed=True)
    if not case.observer_words:
        case = case.with_changes(observed_by=sheet.observer, observed_by_role=sheet.role)
    return case


def _field_words(name: str) -> str:
    """A record field as the form names it."""
    if name.startswith("debrief_") or name == "debrief":
        return "de-brief"
    return {"notes": "comment", "observer": "observer's name", "observer_role": "role"}.get(name, name)
