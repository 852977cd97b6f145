"""Forms 1–3 in the observer's hands (issue 10): a fillable PDF out, the returned PDF in.

The observer has only a PDF reader: the tests fill the real PDF's fields with pypdf, as a
reader does, save it, and import it through the real CLI into a real folio.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from sendfolio.cli import main
from sendfolio.domain.criteria import CRITERIA, DEBRIEF_CRITERIA
from sendfolio.domain.form_fields import FOLIO_ID_SETTING, REFERENCE_FIELD, debrief_field, note_field, seen_field
from sendfolio.domain.records import DEBRIEF_HEADINGS
from sendfolio.samples.demo import write_demo
from sendfolio.store import Folio
from tests.helpers.dates import FIXED_TODAY
from tests.helpers.folios import FOLIO_ID as FOLIO_ID, FORMS_CASE, demo_case_forms

CASE = FORMS_CASE
"""A demo practice case (the mediator's 1st, no form returned yet) that the forms are made for."""


def invoke(data_dir: Path, *args: str):
    """Run `sendfolio --data-dir DIR ARGS` in-process."""
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], prog_name="sendfolio")


def make_demo(folder: Path, form_id: str = FOLIO_ID) -> Path:
    """A demo folio in `folder` whose observer forms carry `form_id`."""
    with Folio.open(folder) as folio:
        write_demo(folio, FIXED_TODAY)
        folio.put_setting(FOLIO_ID_SETTING, form_id)
    return folder


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """One demo folio, its forms for CASE (made once per run, `demo_case_forms`) and blank Forms 3, made through
    the CLI."""
    root = tmp_path_factory.mktemp("forms")
    folder = make_demo(root / "folio")
    shutil.copy(demo_case_forms(tmp_path_factory), root / "case.pdf")
    blank = invoke(folder, "forms", "--blank", "--form", "3", "-o", str(root / "blank.pdf"))
    assert blank.exit_code == 0, blank.output
    return root


def fill(source: Path, out: Path, values: dict[str, str], *, password: str = "") -> Path:
    """Fill the form's fields as a PDF reader does (ticks as /on), and save it."""
    writer = PdfWriter(clone_from=PdfReader(source))
    ticks = {name: "/on" for name, value in values.items() if name.startswith("seen_") and value}
    text = {name: value for name, value in values.items() if not name.startswith("seen_")}
    for page in writer.pages:
        writer.update_page_form_field_values(page, {**text, **ticks}, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    if password:
        writer.encrypt(password)
    writer.write(out)
    return out


OBSERVED = {
    "f1_observer": "Alex Penrose",
    "f1_role": "co-mediator",
    "f1_signed_on": "03/04/2026",
    seen_field("f1.pm.initial-contact"): "yes",
    note_field("f1.pm.initial-contact"): "Called both parties within a day.",
    seen_field("f1.sk.engage"): "yes",
    "f3_observer": "Alex Penrose",
    "f3_role": "co-mediator",
    "f3_signed_on": "6 April 2026",
    seen_field("f3.pm.close-file"): "yes",
    debrief_field("outcome"): "Agreement; we went over the SMART wording together.",
    debrief_field("skills_gaps"): "Summarising sooner under pressure.",
}
"""What the observer fills in: two forms, three ticks, a comment and two de-brief headings."""


def folio_copy(made: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo folio (the module's one stays untouched)."""
    return make_demo(tmp_path / "folio")


def test_the_forms_hold_every_criterion_as_fields_and_the_reference_is_read_only(made):
    """Every criterion has a tick and a comment field, Form 3 a text area per de-brief heading."""
    reader = PdfReader(made / "case.pdf")
    fields = reader.get_fields()
    for crit in CRITERIA:
        if crit.id in DEBRIEF_CRITERIA:
            assert debrief_field(DEBRIEF_CRITERIA[crit.id]) in fields
        else:
            assert fields[seen_field(crit.id)]["/FT"] == "/Btn" and fields[note_field(crit.id)]["/FT"] == "/Tx"
    assert fields[REFERENCE_FIELD]["/V"] == f"SF1 folio:{FOLIO_ID} case:{CASE} forms:1-2-3"
    assert int(fields[REFERENCE_FIELD]["/Ff"]) & 1 and int(fields["f1_case"]["/Ff"]) & 1
    assert fields["f2_case"]["/V"] == CASE and fields["f1_mediator"]["/V"] == "Robin Fairweather"
    assert fields["f2_place"]["/V"] == "1st"
    assert reader.metadata["/Keywords"].endswith(fields[REFERENCE_FIELD]["/V"])
    ticks = [
        a.get_object()
        for page in reader.pages
        for a in page.get("/Annots") or ()
        if a.get_object().get("/FT") == "/Btn"
    ]
    assert ticks and all(tick["/DA"] == "/ZaDb 0 Tf 0 g" for tick in ticks)  # drawn even when a reader redraws fields
    assert "/ZaDb" in reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "How to fill in and return these forms" in text
    assert "I worked alongside / observed this mediator in this case." in text
    for wording in (
        "Demonstrate impartial at all times",
        "Give information about SEND Tribunal + COP",
        "Close positively",
    ):
        assert wording in " ".join(text.split())


def test_a_new_user_round_trip(made, tmp_path):
    """demo, forms, fill, import: check counts the criteria, and a second import changes nothing."""
    folder = folio_copy(made, tmp_path)
    returned = fill(made / "case.pdf", tmp_path / "returned.pdf", OBSERVED)
    before = json.loads(invoke(folder, "check", "--json").output)
    result = invoke(folder, "import", str(returned))
    assert result.exit_code == 0, result.output
    assert "Form 1 for SM-DEMO-002: Alex Penrose (co-mediator), 3 Apr 2026: 2 criteria seen" in result.output
    with Folio.open(folder, readonly=True) as folio:
        seen = {item.criterion: item for item in folio.observations(CASE) if item.returned}
        case = folio.case(CASE)
        (kept,) = folio.data().returns_for(CASE)
    assert set(seen) == {"f1.pm.initial-contact", "f1.sk.engage", "f3.pm.close-file"}
    assert seen["f1.pm.initial-contact"].notes == "Called both parties within a day."
    assert seen["f1.pm.initial-contact"].provenance == "returned by Alex Penrose on 3 April 2026"
    assert seen["f3.pm.close-file"].returned_on.isoformat() == "2026-04-06"
    assert kept.debrief["outcome"].startswith("Agreement; we went over") and kept.observer == "Alex Penrose"
    assert list(kept.debrief) == ["outcome", "skills_gaps"] and kept.forms == ("1", "3")
    assert case.debrief["strengths"] and case.debriefed  # the mediator's own de-brief notes are kept beside it
    after = json.loads(invoke(folder, "check", "--json").output)
    have = {item["id"]: item["have"] for item in after["accreditation"]["requirements"]}
    old = {item["id"]: item["have"] for item in before["accreditation"]["requirements"]}
    assert old["practice.criteria-coverage"].endswith("(49 on returned forms)")
    assert have["practice.criteria-coverage"].endswith("(51 on returned forms)")
    invoke(folder, "export", str(tmp_path / "one.json"))
    again = invoke(folder, "import", str(returned))
    assert again.exit_code == 0 and "observations: 3 unchanged" in again.output and "added" not in again.output
    invoke(folder, "export", str(tmp_path / "two.json"))
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_a_dry_run_says_what_would_be_recorded_and_saves_nothing(made, tmp_path):
    """--dry-run lists each form's observer and ticks, and the folio stays byte-identical."""
    folder = folio_copy(made, tmp_path)
    returned = fill(made / "case.pdf", tmp_path / "returned.pdf", OBSERVED)
    before = (folder / "folio.json").read_bytes()
    result = invoke(folder, "import", "--dry-run", str(returned))
    assert (
        result.exit_code == 0
        and "Form 3 for SM-DEMO-002" in result.output
        and "observations: 3 added" in result.output
        and "observers' returns: 1 added" in result.output
    )
    assert (folder / "folio.json").read_bytes() == before


def digest(folder: Path) -> str:
    """The SHA-256 of the folio file."""
    return hashlib.sha256((folder / "folio.json").read_bytes()).hexdigest()


def refused(folder: Path, path: Path) -> str:
    """Import `path`, which must fail with exit 2 and one line, leaving the folio byte-identical."""
    before = digest(folder)
    result = invoke(folder, "import", str(path))
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sendfolio: nothing was imported: "), result.stderr
    assert digest(folder) == before
    return lines[0]


def test_a_pdf_that_is_not_our_form(made, tmp_path):
    """Any other PDF: not one of our forms."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(tmp_path / "letter.pdf")
    line = refused(folio_copy(made, tmp_path), tmp_path / "letter.pdf")
    assert "is not one of the observer forms" in line


def test_a_form_for_a_case_not_in_the_folio(made, tmp_path):
    """A blank form naming a case the folio does not hold."""
    returned = fill(
        made / "blank.pdf",
        tmp_path / "blank-returned.pdf",
        {"f3_case": "SM-ELSEWHERE-9", "f3_observer": "Alex Penrose", "f3_signed_on": "01/10/2025",
         seen_field("f3.pm.close-file"): "yes"},
    )  # fmt: skip
    line = refused(folio_copy(made, tmp_path), returned)
    assert "is for case SM-ELSEWHERE-9, which is not in this folio" in line


def test_a_blank_form_naming_a_case_of_the_folio_is_imported(made, tmp_path):
    """A blank Form 3 with a case reference written in: recorded against that case."""
    returned = fill(
        made / "blank.pdf",
        tmp_path / "blank-returned.pdf",
        {"f3_case": CASE, "f3_observer": "Sam Ortega", "f3_role": "PPC", "f3_signed_on": "2026-04-04",
         seen_field("f3.sk.feedback"): "yes"},
    )  # fmt: skip
    folder = folio_copy(made, tmp_path)
    assert invoke(folder, "import", str(returned)).exit_code == 0
    with Folio.open(folder, readonly=True) as folio:
        (found,) = [item for item in folio.observations(CASE) if item.criterion == "f3.sk.feedback"]
    assert found.observer == "Sam Ortega" and found.observer_role == "PPC" and found.returned


def test_a_form_from_another_folio(made, tmp_path):
    """Forms made by another folio are refused, even for a case with the same reference."""
    other = make_demo(tmp_path / "other", form_id="fedcba9876543210")
    returned = fill(made / "case.pdf", tmp_path / "returned.pdf", OBSERVED)
    assert "was made for another folio" in refused(other, returned)


def test_a_form_with_no_observer_name(made, tmp_path):
    """Ticks without the observer's name: refused, naming what is missing."""
    values = {key: value for key, value in OBSERVED.items() if not key.endswith("_observer")}
    returned = fill(made / "case.pdf", tmp_path / "returned.pdf", values)
    assert "has no observer's name" in refused(folio_copy(made, tmp_path), returned)


def test_an_encrypted_pdf(made, tmp_path):
    """A password-protected PDF: ask for it without a password."""
    returned = fill(made / "case.pdf", tmp_path / "returned.pdf", OBSERVED, password="secret")
    assert "is encrypted" in refused(folio_copy(made, tmp_path), returned)


@pytest.mark.parametrize("damage", ["truncated", "not-a-pdf"])
def test_a_broken_pdf(made, tmp_path, damage):
    """A damaged file or one that is not a PDF at all."""
    raw = (made / "case.pdf").read_bytes()
    bad = tmp_path / "returned.pdf"
    bad.write_bytes(raw[:2000] if damage == "truncated" else b"Dear mediator, here is my form.\n")
    assert "is not a readable PDF" in refused(folio_copy(made, tmp_path), bad)


def test_a_bad_date_names_the_form(made, tmp_path):
    """A date the observer wrote that is not a date: refused, naming the form."""
    returned = fill(made / "case.pdf", tmp_path / "returned.pdf", {**OBSERVED, "f1_signed_on": "last Tuesday"})
    assert "Form 1, date: 'last Tuesday' is not a date" in refused(folio_copy(made, tmp_path), returned)


def test_csv_observations_stay_the_mediators_and_an_edit_of_a_returned_one_becomes_the_mediators(made, tmp_path):
    """CSV import keeps working (entered by the mediator); a CSV row changing a returned comment is not misattributed."""
    folder = folio_copy(made, tmp_path)
    assert invoke(folder, "import", str(fill(made / "case.pdf", tmp_path / "r.pdf", OBSERVED))).exit_code == 0
    csv = tmp_path / "observations.csv"
    csv.write_text(
        "ref,criterion,observer,notes\n"
        f"{CASE},f1.pm.initial-contact,Alex Penrose,My own note instead\n"
        f"{CASE},f2.pm.punctual,Co-mediator,Arrived early\n"
    )
    assert invoke(folder, "import", str(csv)).exit_code == 0
    with Folio.open(folder, readonly=True) as folio:
        found = {item.criterion: item for item in folio.observations(CASE)}
    assert found["f1.pm.initial-contact"].provenance == "entered by the mediator"
    assert found["f2.pm.punctual"].provenance == "entered by the mediator"
    assert found["f1.sk.engage"].returned


def test_forms_for_a_case_not_in_the_folio_is_one_line(made, tmp_path):
    """`forms --case` with an unknown case: exit 2, one line, nothing written."""
    folder = folio_copy(made, tmp_path)
    result = invoke(folder, "forms", "--case", "NOPE-1", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and "no case NOPE-1" in result.stderr and not (tmp_path / "x.pdf").exists()


def test_pdf_bytes_read_back_without_the_file_name(made):
    """The reader works on bytes (the TUI reads the file once); all heading fields are de-brief headings."""
    from sendfolio.io.returned_form import read_returned_form

    raw = io.BytesIO()
    fill(made / "case.pdf", raw, OBSERVED)
    form = read_returned_form("returned.pdf", raw.getvalue())
    assert form.case_ref == CASE and [sheet.form for sheet in form.sheets] == [1, 3]
    assert set(form.sheets[1].debrief) <= set(DEBRIEF_HEADINGS)


def test_the_portfolio_prints_the_returned_forms_and_the_coverage_agrees_with_the_debriefs(made, tmp_path):
    """After an import the case's forms name the observer and carry the comment; every de-brief tick matches."""
    from sendfolio import rules
    from sendfolio.portfolio import render
    from sendfolio.portfolio.model import build_portfolio, latest_date

    folder = folio_copy(made, tmp_path)
    assert invoke(folder, "import", str(fill(made / "case.pdf", tmp_path / "r.pdf", OBSERVED))).exit_code == 0
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    document = build_portfolio(data, latest_date(data, FIXED_TODAY))
    (item,) = [entry for entry in document.commentaries if entry.case.ref == CASE]
    returned = [sheet for sheet in item.forms.sheets if sheet.returned and sheet.observer == "Alex Penrose"]
    assert [sheet.form for sheet in returned] == [1, 3]
    html = render.portfolio_html(document)
    assert "Called both parties within a day." in html and f'id="{returned[0].anchor}"' in html
    assert f'href="#{returned[0].anchor}"' in html  # a coverage tick links to the returned form
    grid = rules.coverage(data)
    for entry in document.commentaries:
        printed = set(entry.forms.debrief_headings())
        for crit_id, heading in DEBRIEF_CRITERIA.items():
            from sendfolio.portfolio.wording import debrief_title

            ticked = entry.case.ref in grid.row(crit_id).refs
            assert ticked == (debrief_title(heading) in printed), (entry.case.ref, crit_id)


def test_a_reader_that_drops_the_reference_field_falls_back_on_the_keywords(made, tmp_path):
    """With the form reference field emptied, the document's keywords still tie the form to its case."""
    folder = folio_copy(made, tmp_path)
    returned = fill(made / "case.pdf", tmp_path / "r.pdf", {**OBSERVED, REFERENCE_FIELD: ""})
    result = invoke(folder, "import", str(returned))
    assert result.exit_code == 0, result.output


def test_a_changed_reference_is_refused(made, tmp_path):
    """A form reference edited to name another case does not match the keywords: refused."""
    changed = f"SF1 folio:{FOLIO_ID} case:SM-DEMO-004 forms:1-2-3"
    returned = fill(made / "case.pdf", tmp_path / "r.pdf", {**OBSERVED, REFERENCE_FIELD: changed})
    assert "form reference has been changed" in refused(folio_copy(made, tmp_path), returned)


def test_what_observers_write_goes_through_the_identifier_check(made, tmp_path):
    """An e-mail address in a comment, a phone number in the role: the identifier check finds both before anything leaves."""
    folder = folio_copy(made, tmp_path)
    values = {**OBSERVED, "f1_role": "co-mediator 07700 900123", note_field("f1.sk.engage"): "Write to jo@example.org"}
    assert invoke(folder, "import", str(fill(made / "case.pdf", tmp_path / "r.pdf", values))).exit_code == 0
    found = invoke(folder, "privacy-check", "--json")
    assert found.exit_code != 0
    fields = {(item["kind"], item["field"]) for item in json.loads(found.output)}
    assert ("observation", "notes") in fields and ("observation", "observer_role") in fields
    refused = invoke(folder, "portfolio", "-o", str(tmp_path / "p.pdf"))
    assert refused.exit_code == 2 and not (tmp_path / "p.pdf").exists()
