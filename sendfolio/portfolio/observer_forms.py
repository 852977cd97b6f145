"""Forms 1–3 for the observer: a fillable PDF that goes out, and the names of its fields.

The observer -- a co-mediator, the PPC, a manager or a mentor -- has only a PDF reader.
`build_forms` lays out Appendix A's Forms 1–3 with every criterion in the standards' wording,
a tick box and a comment field each, Form 3's de-brief headings as text areas, and the
observer's name, role and date; `compile_forms` prints them to a PDF whose fields
(AcroForm, made by WeasyPrint from HTML inputs) fill and save in any PDF reader.

A case's forms are pre-filled with the case reference (never a name), its date, the
mediator's name and the case's place in the practice period. The form reference field,
read-only, and the document's keywords tie the returned form to this folio and this case
(`FormReference`); `sendfolio.io.returned_form` reads it back.

See docs/ARCHITECTURE.md. Pure except `compile_forms`, which imports WeasyPrint and pypdf.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sendfolio import rules
from sendfolio.domain.cleared import ClearedFolio, require_cleared
from sendfolio.domain.criteria import CRITERIA, DEBRIEF_CRITERIA, FORM_TITLES, SECTIONS, Criterion
from sendfolio.domain.form_fields import (
    FOLIO_ID_SETTING,
    KEYWORDS_PREFIX,
    REFERENCE_FIELD,
    FormReference,
    debrief_field,
    header_field,
    note_field,
    seen_field,
)
from sendfolio.domain.records import Case, FolioData
from sendfolio.domain.standards import RULE_SET
from sendfolio.pypdf_internals import add_object

if TYPE_CHECKING:
    from pypdf import PdfWriter

    from sendfolio.store import Folio

PLACE_WORDS = {1: "1st", 2: "2nd", 3: "3rd"}
"""How the forms' header says a case's place: "1st / 2nd / 3rd Case"."""

HEADINGS = {1: "PRE-MEDIATION", 2: "MEDIATION", 3: "POST-MEDIATION"}
"""Each form's heading, as the standards print it."""

PLACE_LABELS = {1: "1st / 2nd / 3rd Case", 2: "1st / 2nd / 3rd Observation", 3: "1st / 2nd / 3rd Observation"}
"""The header's place label of each form, in the standards' words."""


def folio_id(folio: Folio) -> str:
    """The folio's form id, made and saved the first time forms are made (the folio must be writable then)."""
    existing = folio.get_setting(FOLIO_ID_SETTING)
    if isinstance(existing, str) and re.fullmatch(r"[0-9a-f]{16}", existing):
        return existing
    made = secrets.token_hex(8)
    folio.put_setting(FOLIO_ID_SETTING, made)
    return made


@dataclass(frozen=True)
class Item:
    """One criterion on a form: its wording (under its group heading, if any) and its fields."""

    criterion: Criterion
    wording: str
    group: str
    starts_group: bool
    seen: str
    note: str


@dataclass(frozen=True)
class DebriefItem:
    """One de-brief heading of Form 3 as a text area."""

    wording: str
    group: str
    starts_group: bool
    field: str


@dataclass(frozen=True)
class Section:
    """Process Management, Skills and Knowledge, or De-brief and Supervision."""

    title: str
    items: tuple[Item, ...] = ()
    debrief: tuple[DebriefItem, ...] = ()


@dataclass(frozen=True)
class ObserverForm:
    """One of Forms 1–3, its header pre-filled (or blank) and its sections."""

    number: int
    title: str
    heading: str
    place_label: str
    values: dict
    fields: dict
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class FormsDocument:
    """The PDF the observer receives: how to fill it in, the forms, and the reference tying it to the case."""

    title: str
    author: str
    subject: str
    keywords: str
    compiled: date
    case_ref: str
    reference: FormReference
    forms: tuple[ObserverForm, ...]
    upcoming: bool = False

    @property
    def blank(self) -> bool:
        """True for blank forms, not made for one case."""
        return not self.case_ref


def _items(form: int, code: str) -> tuple[Item, ...]:
    """The criteria of one form section, each with its tick and comment fields."""
    made, previous = [], ""
    for crit in CRITERIA:
        if crit.form != form or crit.section != SECTIONS[code]:
            continue
        wording = crit.text[len(crit.parent) :].strip() if crit.parent else crit.text
        made.append(
            Item(
                crit,
                wording,
                crit.parent,
                bool(crit.parent) and crit.parent != previous,
                seen_field(crit.id),
                note_field(crit.id),
            )
        )
        previous = crit.parent
    return tuple(made)


def _debrief() -> tuple[DebriefItem, ...]:
    """Form 3's De-brief and Supervision headings as text areas, in the standards' wording."""
    made, previous = [], ""
    for crit in CRITERIA:
        if crit.id not in DEBRIEF_CRITERIA:
            continue
        wording = crit.text[len(crit.parent) :].strip() if crit.parent else crit.text
        starts = bool(crit.parent) and crit.parent != previous
        made.append(DebriefItem(wording, crit.parent, starts, debrief_field(DEBRIEF_CRITERIA[crit.id])))
        previous = crit.parent
    return tuple(made)


def _sections(form: int) -> tuple[Section, ...]:
    """The sections of one form, in the standards' order."""
    sections = [Section(SECTIONS["pm"], _items(form, "pm")), Section(SECTIONS["sk"], _items(form, "sk"))]
    if form == 3:
        sections.append(Section(SECTIONS["ds"], debrief=_debrief()))
    return tuple(sections)


def place_in_practice(data: FolioData, case: Case) -> str:
    """The case's place in the practice period as the header says it: "2nd", "4th"; "" when not a practice case."""
    refs = [item.ref for item in rules.practice_cases(data)]
    if case.ref not in refs:
        return ""
    number = refs.index(case.ref) + 1
    return PLACE_WORDS.get(number, f"{number}th")


def _form(number: int, values: dict[str, str]) -> ObserverForm:
    """One form with its header values."""
    names = ("mediator", "observer", "role", "date", "place", "case", "signed_on", "signature")
    return ObserverForm(
        number=number,
        title=FORM_TITLES[number],
        heading=HEADINGS[number],
        place_label=PLACE_LABELS[number],
        values={name: values.get(name, "") for name in names},
        fields={name: header_field(number, name) for name in names},
        sections=_sections(number),
    )


def build_forms(
    cleared: ClearedFolio,
    case_ref: str | None,
    forms: tuple[int, ...],
    *,
    folio: str = "",
    compiled: date | None = None,
) -> FormsDocument:
    """Forms `forms` for one case (pre-filled and tied to `folio`), or blank ones when `case_ref` is None.

    The forms leave the machine, so they are made from the records the privacy gate released.
    Raises `KeyError` naming the case when the folio has no case `case_ref`.
    """
    data = require_cleared(cleared, "the observer's forms").data
    forms = tuple(sorted(set(forms)))
    mediator = data.profile.name
    if case_ref is None:
        values = {"mediator": mediator}
        reference = FormReference("", "", forms)
        title, compiled = "Observation forms 1–3 (blank)", compiled or date(2018, 5, 1)
    else:
        case = data.case(case_ref)
        if case is None:
            raise KeyError(f"no case {case_ref} in the folio")
        values = {
            "mediator": mediator,
            "case": case.ref,
            "date": case.date.strftime("%d/%m/%Y"),
            "place": place_in_practice(data, case),
        }
        reference = FormReference(folio, case.ref, forms)
        title, compiled = f"Observation forms for case {case.ref}", compiled or case.date
    return FormsDocument(
        title=title,
        author=mediator or "SEND mediator",
        subject=f"Forms {', '.join(map(str, forms))} of Appendix A ({RULE_SET.name} standards), for the observer",
        keywords=KEYWORDS_PREFIX + str(reference),
        compiled=compiled,
        case_ref=case_ref or "",
        reference=reference,
        forms=tuple(_form(number, values) for number in forms),
        upcoming=any(case.ref == case_ref and case.status == "booked" for case in data.cases),
    )


def forms_html(document: FormsDocument) -> str:
    """The forms' HTML (template `observer_forms.html.j2`)."""
    from sendfolio.portfolio import render

    return render.render("observer_forms.html.j2", document)


@dataclass(frozen=True)
class FormsResult:
    """Forms written: where, how many pages and fields."""

    path: Path
    pages: int
    fields: int
    sha256: str


STYLESHEET = "observer_forms.css"
"""The print stylesheet of the observer's forms, in `styles/`."""


def compile_forms(document: FormsDocument, out: Path) -> FormsResult:
    """Print the forms to a fillable PDF at `out` (written atomically); the reference fields are read-only."""
    locked = {REFERENCE_FIELD}
    if not document.blank:  # what the mediator filled in is not the observer's to change
        locked |= {form.fields[name] for form in document.forms for name in ("case", "mediator", "date", "place")}
    return write_fillable(forms_html(document), document.compiled, locked, Path(out))


def write_fillable(
    html: str, compiled: date, locked: set[str], out: Path, stylesheets: tuple[str, ...] = (STYLESHEET,)
) -> FormsResult:
    """Lay out a form's HTML as a fillable PDF and write it at `out` (atomically), the fields `locked` read-only.

    Shared by Forms 1–3 and Form 4: the same fields, tick boxes, signature field and fonts.
    """
    from weasyprint import CSS, HTML

    from sendfolio.paths import style_path
    from sendfolio.portfolio.weasy import font_configuration, make_fetcher, quiet_weasyprint, source_date
    from sendfolio.store.atomic import write_atomic
    from sendfolio.store.outputs import make_output_folder

    quiet_weasyprint()
    with source_date(compiled):
        sheets = [
            CSS(url=style_path(name).as_uri(), url_fetcher=make_fetcher(), font_config=font_configuration())
            for name in stylesheets
        ]
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        rendered = HTML(string=html, base_url=None, url_fetcher=make_fetcher()).render(
            font_config=font_configuration(), stylesheets=sheets, pdf_forms=True
        )
        raw = rendered.write_pdf(pdf_forms=True, pdf_identifier=identifier)
    data, fields = _lock_fields(raw, locked)
    make_output_folder(out.parent)
    write_atomic(out, data)
    return FormsResult(out, len(rendered.pages), fields, hashlib.sha256(data).hexdigest())


def _lock_fields(raw: bytes, locked: set[str]) -> tuple[bytes, int]:
    """The PDF with the fields `locked` made read-only and the signature fields made signature fields.

    Tick boxes get a tick drawn from ZapfDingbats (`/DA`, `/MK /CA`), so a reader that redraws
    the fields (NeedAppearances) still shows a tick.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    count = 0
    for page in writer.pages:
        for annotation in page.get("/Annots") or ():
            widget = annotation.get_object()
            name = widget.get("/T")
            if name is None:
                continue
            count += 1
            if str(name) in locked:
                widget[NameObject("/Ff")] = NumberObject(int(widget.get("/Ff", 0)) | 1)
            if str(name).endswith("_signature"):  # laid out as a text box, kept as the observer's signature field
                widget[NameObject("/FT")] = NameObject("/Sig")
                for key in ("/V", "/DV", "/DA", "/Ff", "/MaxLen", "/AP"):
                    if key in widget:
                        del widget[key]
                continue
            if widget.get("/FT") == "/Btn" and "/DA" not in widget:
                widget[NameObject("/DA")] = TextStringObject("/ZaDb 0 Tf 0 g")
                widget[NameObject("/MK")] = DictionaryObject({NameObject("/CA"): TextStringObject("4")})
    _add_tick_font(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), count


def _add_tick_font(writer: PdfWriter) -> None:
    """Name ZapfDingbats in the form's resources (/DR) as /ZaDb, the font tick boxes draw with."""
    from pypdf.generic import DictionaryObject, NameObject

    form = writer.root_object.get("/AcroForm")
    if form is None:
        return
    form = form.get_object()
    resources = form.setdefault(NameObject("/DR"), DictionaryObject()).get_object()
    fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
    if "/Helv" not in fonts:  # the standard tag readers fill text fields with: defined, so poppler draws it
        fonts[NameObject("/Helv")] = add_object(
            writer,
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                    NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                }
            ),
        )
    if "/ZaDb" not in fonts:
        fonts[NameObject("/ZaDb")] = add_object(
            writer,
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject("/ZapfDingbats"),
                }
            ),
        )
