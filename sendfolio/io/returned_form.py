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

import io
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
from sendfolio.domain.records import DEBRIEF_HEADINGS, FolioData, InvalidRecord, Observation
from sendfolio.domain.wording import count
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord

TEXT_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%B %d, %Y")
"""Other ways an observer may write a date, beyond YYYY-MM-DD and DD/MM/YYYY."""

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
    unticked_comments: int = 0

    @property
    def used(self) -> bool:
        """True when the observer ticked or wrote anything on this form."""
        return bool(self.ticked or self.debrief or self.unticked_comments)


@dataclass(frozen=True)
class ReturnedForm:
    """A returned PDF: its reference, the case it is for, and each form completed."""

    file: str
    reference: FormReference
    case_ref: str
    sheets: tuple[ReturnedSheet, ...]

    def describe(self) -> list[str]:
        """What the form records, one line per form completed, in words."""
        lines = []
        for sheet in self.sheets:
            what = [f"{len(sheet.ticked)} {'criterion' if len(sheet.ticked) == 1 else 'criteria'} seen"]
            if sheet.debrief:
                what.append(f"de-brief under {len(sheet.debrief)} headings")
            when = sheet.completed.strftime("%d/%m/%Y") if sheet.completed else "no date"
            role = f" ({sheet.role})" if sheet.role else ""
            lines.append(f"Form {sheet.form} for {self.case_ref}: {sheet.observer}{role}, {when}: {', '.join(what)}")
            if sheet.unticked_comments:
                verb = "is" if sheet.unticked_comments == 1 else "are"
                unticked = count(sheet.unticked_comments, "comment")
                lines.append(f"  {unticked} beside criteria not ticked {verb} not recorded")
        return lines


def _problem(file: str, message: str) -> ImportProblems:
    """One problem with the whole file."""
    return ImportProblems([Problem(file, None, "", message)])


def _fields(file: str, raw: bytes) -> tuple[dict[str, Any], str]:
    """The form's field values by name and the document's keywords, or a problem saying why not."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            raise _problem(
                file, "is encrypted (password-protected): ask the observer to save it again without a password"
            )
        found = reader.get_fields() or {}
        metadata = reader.metadata
        keywords = str(metadata.get("/Keywords", "") or "") if metadata is not None else ""
    except ImportProblems:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError):
        raise _problem(file, "is not a readable PDF (it is damaged, or not a PDF at all)") from None
    return {name: spec.get("/V") for name, spec in found.items()}, keywords


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
        raise _problem(
            file,
            "is not one of the observer forms sendfolio makes (it has no form reference): "
            "make them from the case log (f) or with `sendfolio forms --case REF`",
        )
    return reference


def _sheet(file: str, number: int, values: dict[str, Any]) -> ReturnedSheet:
    """One form as completed, or a problem with its date."""
    ticked, unticked = {}, 0
    for crit in CRITERIA:
        if crit.form != number or crit.id in DEBRIEF_CRITERIA:
            continue
        comment = _text(values.get(note_field(crit.id)))
        if _ticked(values.get(seen_field(crit.id))):
            ticked[crit.id] = comment
        elif comment:
            unticked += 1
    debrief = {}
    if number == 3:
        for heading in DEBRIEF_HEADINGS:
            text = _text(values.get(debrief_field(heading)))
            if text:
                debrief[heading] = text
    written = _one_line(values.get(header_field(number, "signed_on"))) or _one_line(
        values.get(header_field(number, "date"))
    )
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
        unticked_comments=unticked,
    )


def read_returned_form(file: str, raw: bytes) -> ReturnedForm:
    """A returned form read from a PDF's bytes, or `ImportProblems` with the one reason it cannot be."""
    values, keywords = _fields(file, raw)
    reference = _reference(file, values, keywords)
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
    if not named:
        raise _problem(
            file,
            "has no observer's name: the observer writes their name in the header "
            "(Co-mediator / PPC / Manager / Mentor) of each form they complete",
        )
    for sheet in sheets:
        if sheet.used and not sheet.observer:
            raise _problem(file, f"Form {sheet.form} is filled in but has no observer's name in its header")
        if sheet.observer and sheet.completed is None:
            raise _problem(file, f"Form {sheet.form} has no date: the observer writes the date it was completed")
    return ReturnedForm(file=file, reference=reference, case_ref=case_ref, sheets=tuple(named))


def returned_records(
    form: ReturnedForm, existing: FolioData, folio_id: str | None, case_refs: set[str]
) -> list[SourcedRecord]:
    """The records a returned form adds, checked against the folio, or `ImportProblems`.

    Each ticked criterion becomes an observation returned by the observer on the form's date,
    with their comment; Form 3's de-brief goes into the case under its headings (the
    mediator's notes under headings the observer left blank are kept).
    """
    file = form.file
    if form.reference.folio and form.reference.folio != (folio_id or ""):
        raise _problem(
            file,
            f"was made for another folio (form reference {form.reference}): import it into the folio that made it",
        )
    if form.case_ref not in case_refs:
        raise _problem(file, f"is for case {form.case_ref}, which is not in this folio")
    records: list[SourcedRecord] = []
    case = existing.case(form.case_ref)
    if case is None and any(sheet.debrief for sheet in form.sheets):
        raise _problem(file, f"holds a de-brief for case {form.case_ref}: import the case first, then this form")
    try:
        for sheet in form.sheets:
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
                records.append(SourcedRecord(observation, file, None, where=f"Form {sheet.form}"))
            if sheet.debrief and case is not None:
                case = case.with_changes(
                    debrief={**case.debrief, **sheet.debrief},
                    debriefed=True,
                    debrief_by=sheet.observer,
                    debrief_by_role=sheet.role,
                    debrief_returned_on=sheet.completed,
                    debrief_returned=[key for key in DEBRIEF_HEADINGS if key in sheet.debrief],
                )
        if case is not None and not case.observed_by:
            observer = form.sheets[-1]
            case = case.with_changes(observed_by=observer.observer + (f" ({observer.role})" if observer.role else ""))
    except InvalidRecord as bad:
        raise ImportProblems(
            [Problem(file, None, _field_words(error.field), error.problem) for error in bad.errors]
        ) from None
    if case is not None and case != existing.case(form.case_ref):
        records.insert(0, SourcedRecord(case, file, None, where="Form 3"))
    return records


def _field_words(name: str) -> str:
    """A record field as the form names it."""
    if name.startswith("debrief_") or name == "debrief":
        return "de-brief"
    return {"notes": "comment", "observer": "observer's name", "observer_role": "role"}.get(name, name)
