"""Many observers per case (issue 24): each observer's return kept under their name, a later one replacing theirs.

The observers fill the real forms' fields with pypdf as a PDF reader does, and the returns go
in through the real CLI into a real folio.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio import rules
from sendfolio.cli import main
from sendfolio.domain.form_fields import debrief_field, note_field, seen_field
from sendfolio.domain.wording import short_date
from sendfolio.store import Folio
from sendfolio.store.storage import SCHEMA
from tests.helpers.dates import FIXED_TODAY
from tests.helpers.folios import demo_case_forms, demo_part
from tests.portfolio.test_observer_forms import CASE, OBSERVED, fill, invoke, make_demo

SECOND = {
    "f1_observer": "Sam Ortega",
    "f1_role": "PPC",
    "f1_signed_on": "04/04/2026",
    seen_field("f1.pm.initial-contact"): "yes",
    note_field("f1.pm.initial-contact"): "Seen from the PPC's side: prompt and clear.",
    seen_field("f1.pm.informed-consent"): "yes",
    "f3_observer": "Sam Ortega",
    "f3_role": "PPC",
    "f3_signed_on": "07/04/2026",
    debrief_field("strengths"): "Calm under pressure.",
}
"""A second observer of the same case: one criterion the first also ticked, one new, a de-brief of their own."""


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    """The case's forms (made once per run, `demo_case_forms`), and the two observers' returns of them."""
    root = tmp_path_factory.mktemp("returns")
    shutil.copy(demo_case_forms(tmp_path_factory), root / "case.pdf")
    first = fill(root / "case.pdf", root / "first.pdf", OBSERVED)
    second = fill(root / "case.pdf", root / "second.pdf", SECOND)
    return root, first, second


def imported(tmp_path: Path, *files: Path, folder: Path | None = None) -> Path:
    """A fresh demo folio (or the folio in `folder`) with `files` imported one after another."""
    folder = folder or make_demo(tmp_path / "folio")
    for file in files:
        result = invoke(folder, "import", str(file))
        assert result.exit_code == 0, result.output
    return folder


def test_two_observers_returns_are_both_kept_counted_and_printed(forms, tmp_path):
    """The second observer's return adds to the first: both ticks of a criterion, both de-briefs, each by name."""
    from sendfolio.portfolio import render
    from sendfolio.portfolio.model import build_portfolio, latest_date

    _, first, second = forms
    folder = imported(tmp_path, first, second)
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    both = [item for item in data.observations_for(CASE) if item.criterion == "f1.pm.initial-contact" and item.returned]
    assert {item.observer for item in both} == {"Alex Penrose", "Sam Ortega"}
    kept = data.returns_for(CASE)
    assert [(item.observer, item.current) for item in kept] == [("Alex Penrose", True), ("Sam Ortega", True)]
    assert kept[1].debrief == {"strengths": "Calm under pressure."}
    row = rules.coverage(data).row("f1.pm.initial-contact")
    assert row.refs.count(CASE) == 1  # a criterion counts once in a case, whoever saw it
    assert CASE in rules.coverage(data).row("f1.pm.informed-consent").refs
    document = build_portfolio(data, latest_date(data, FIXED_TODAY))
    (item,) = [entry for entry in document.commentaries if entry.case.ref == CASE]
    by_observer = {(sheet.form, sheet.observer) for sheet in item.forms.sheets if sheet.returned}
    assert {(1, "Alex Penrose"), (3, "Alex Penrose"), (1, "Sam Ortega"), (3, "Sam Ortega")} <= by_observer
    html = render.portfolio_html(document)
    assert "Called both parties within a day." in html and "side: prompt and clear." in html
    assert "Calm under pressure." in html and "Summarising sooner under pressure." in html


def test_a_later_return_of_the_same_observer_replaces_theirs_unticks_included(forms, tmp_path):
    """Alex returns again without one tick: the dry run names what it replaces, and the tick is taken back."""
    root, first, second = forms
    folder = imported(tmp_path, first, second)
    corrected = {key: value for key, value in OBSERVED.items() if key != seen_field("f1.sk.engage")}
    again = fill(root / "case.pdf", tmp_path / "corrected.pdf", corrected)
    before = (folder / "folio.json").read_bytes()
    dry = invoke(folder, "import", "--dry-run", str(again))
    assert dry.exit_code == 0 and (folder / "folio.json").read_bytes() == before
    assert f"replaces the return of Alex Penrose of {short_date(date.today())}" in dry.output
    assert "observations: 1 taken back" in dry.output
    assert invoke(folder, "import", str(again)).exit_code == 0
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    alex = {item.criterion for item in data.observations_for(CASE) if item.observer == "Alex Penrose"}
    assert alex == {"f1.pm.initial-contact", "f3.pm.close-file"}
    sam = {item.criterion for item in data.observations_for(CASE) if item.observer == "Sam Ortega"}
    assert sam == {"f1.pm.initial-contact", "f1.pm.informed-consent"}  # the other observer's return is untouched
    every = data.returns_for(CASE, current_only=False)
    assert len(every) == 3 and sorted(item.observer for item in data.returns_for(CASE)) == [
        "Alex Penrose",
        "Sam Ortega",
    ]
    (old,) = [item for item in every if not item.current]
    (new,) = [item for item in data.returns_for(CASE) if item.observer == "Alex Penrose"]
    assert old.observer == "Alex Penrose" and old.replaced_by == new.id and "f1.sk.engage" not in new.ticked


def test_the_same_return_imported_twice_changes_nothing(forms, tmp_path):
    """Importing one return again adds no return and replaces nothing."""
    _, first, _ = forms
    folder = imported(tmp_path, first)
    before = (folder / "folio.json").read_bytes()
    result = invoke(folder, "import", str(first))
    assert result.exit_code == 0 and "replaces" not in result.output and "added" not in result.output
    assert (folder / "folio.json").read_bytes() == before


def test_a_schema_5_folio_keeps_every_record_and_the_returns_survive_a_backup(forms, tmp_path):
    """Migration 5 -> 6 keeps every observation; a JSON backup carries the returns and restores them."""
    _, first, second = forms
    folder = imported(tmp_path, first, second)
    whole = json.loads((folder / "folio.json").read_text())
    whole["sendfolio"]["schema"] = 5
    whole.pop("returns")
    whole["observations"] = {
        key: doc for key, doc in whole["observations"].items() if doc.get("observer") != "Sam Ortega"
    }
    old = tmp_path / "old"
    old.mkdir()
    (old / "folio.json").write_text(json.dumps(whole))
    with Folio.open(old) as folio:
        kept = folio.data()
        folio.put(kept.observations[0].with_changes(notes="Seen again."))
    assert len(kept.observations) == len(whole["observations"]) and not kept.returns
    assert json.loads((old / "folio.json").read_text())["sendfolio"]["schema"] == SCHEMA >= 6
    assert invoke(folder, "export", str(tmp_path / "backup.json")).exit_code == 0
    fresh = tmp_path / "fresh"
    assert invoke(fresh, "import", str(tmp_path / "backup.json")).exit_code == 0
    with Folio.open(fresh, readonly=True) as folio, Folio.open(folder, readonly=True) as original:
        assert folio.data().returns == original.data().returns
        assert folio.data().observations == original.data().observations


def test_deleting_or_renaming_a_case_takes_its_returns_with_it(forms, tmp_path):
    """The returns follow their case."""
    _, first, _ = forms
    folder = imported(tmp_path, first)
    with Folio.open(folder) as folio:
        folio.rename_case(CASE, "SM-DEMO-902")
        assert [item.ref for item in folio.data().returns if item.ref != "SM-DEMO-004"] == ["SM-DEMO-902"]
        folio.delete(folio.case("SM-DEMO-902"))
        assert not folio.data().returns_for("SM-DEMO-902") and not folio.observations("SM-DEMO-902")


def test_the_import_summary_hides_an_identifier_in_an_observers_name(forms, tmp_path):
    """An observer's name holding an NHS number, or a word on the do-not-print list, is printed with it
    hidden (issue 19: the summary printed the name whole); the record keeps what the form said."""
    root, _, _ = forms
    leaky = fill(root / "case.pdf", tmp_path / "leaky.pdf", {**SECOND, "f1_observer": "Sam Ortega 943 476 5919"})
    folder = make_demo(tmp_path / "folio")
    assert invoke(folder, "do-not-print", "add", "Ortega").exit_code == 0
    result = invoke(folder, "import", str(leaky))
    assert result.exit_code == 0, result.output
    assert "943 476 5919" not in result.output and "Ortega" not in result.output
    assert "Sam [word on the do-not-print list hidden] [NHS number hidden] (PPC)" in result.output
    with Folio.open(folder, readonly=True) as folio:
        assert "Sam Ortega 943 476 5919" in {item.observer for item in folio.data().returns}
    shown = invoke(folder, "privacy-check")
    assert "»943 476 5919«" in shown.output and "»Ortega«" in shown.output  # the check itself shows what it found


def test_the_returned_file_is_kept_byte_for_byte_encrypted_in_backups_and_restorable(forms, tmp_path):
    """The observer's PDF is kept as it came (SHA-256, import date), encrypted with the folio, in a backup."""
    from sendfolio.store.crypto import TEST_PARAMS, new_codec

    _, first, _ = forms
    folder = make_demo(tmp_path / "folio")
    codec = new_codec("fictional returns passphrase", TEST_PARAMS)
    with Folio.open(folder) as folio:
        folio.change_codec(codec)
    env = {"SENDFOLIO_PASSPHRASE": "fictional returns passphrase"}
    result = CliRunner().invoke(main, ["--data-dir", str(folder), "import", str(first)], env=env)
    assert result.exit_code == 0, result.output
    raw = first.read_bytes()
    with Folio.open(folder, codec=codec) as folio:
        (kept,) = folio.data().returns_for(CASE)
        (attached,) = [item for item in folio.attachments() if item.id == kept.attachment]
        assert folio.attachment_bytes(attached) == raw
        on_disk = (folder / "attachments" / attached.file_name).read_bytes()
    assert raw not in on_disk and b"Called both parties" not in on_disk
    assert kept.sha256 == attached.sha256 == hashlib.sha256(raw).hexdigest()
    assert kept.imported == date.today() and attached.evidence_for == f"case:{CASE}"
    assert attached.title == "Forms 1 and 3 as returned by Alex Penrose" and attached.pages == 9
    backup = tmp_path / "backup.json"
    assert CliRunner().invoke(main, ["--data-dir", str(folder), "export", str(backup)], env=env).exit_code == 0
    fresh = tmp_path / "fresh"
    assert invoke(fresh, "import", str(backup)).exit_code == 0
    with Folio.open(fresh, readonly=True) as folio:
        (restored,) = folio.data().returns_for(CASE)
        (copy,) = [item for item in folio.attachments() if item.id == restored.attachment]
        assert folio.attachment_bytes(copy) == raw


def test_the_portfolio_appends_the_observers_own_pages_and_says_how_they_came(forms, tmp_path):
    """The case's form says "returned electronically, not signed, imported on …" and links the observer's pages,
    drawn with what the observer filled in."""
    from pypdf import PdfReader

    from sendfolio.domain.wording import long_date

    _, first, _ = forms
    folder = imported(tmp_path, first, folder=demo_part(tmp_path / "folio", cases=[CASE], keep=["training"]))
    out = tmp_path / "portfolio.pdf"
    result = invoke(folder, "portfolio", "-o", str(out))
    assert result.exit_code == 0, result.output
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages]
    words = f"returned electronically, not signed, imported on {long_date(date.today())}"
    case_pages = [
        text for text in pages if f"On the form returned by Alex Penrose, completed 3 April 2026; {words}" in text
    ]
    assert case_pages and all("the observer's own pages: A" in text for text in case_pages)
    copies = [text for text in pages if "Forms 1 and 3 as returned by Alex Penrose" in text]
    assert any(words in text and "SHA-256" in text for text in copies)
    assert any("Called both parties within a day." in text and "Form 1 for" not in text for text in copies[1:])


def test_a_direction_control_in_a_returned_observers_name_is_refused(forms, tmp_path):
    """A right-to-left override in the observer's name on a returned form is refused in one line naming
    the field (issue 19: it was kept and printed in the PDF); nothing is imported."""
    root, _, _ = forms
    hostile = fill(root / "case.pdf", tmp_path / "rlo.pdf", {**SECOND, "f1_observer": "Sam \u202eagetrO"})
    folder = make_demo(tmp_path / "folio")
    with Folio.open(folder, readonly=True) as folio:
        before = len(folio.data().returns)
    result = invoke(folder, "import", str(hostile))
    assert result.exit_code == 2
    assert "rlo.pdf: observer's name" in result.stderr
    assert "holds a direction control, U+202E (right-to-left override)" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "\u202e" not in result.output
    with Folio.open(folder, readonly=True) as folio:
        assert len(folio.data().returns) == before


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"f1_observer": "Robin Fairweather"}, "Form 1 names the mediator (Robin Fairweather) as the observer"),
        ({"f1_signed_on": "01/01/2020"}, "Form 1, date completed: 1 January 2020 is before the case"),
        ({"f3_signed_on": "02/04/2026"}, "Form 3, date completed: 2 April 2026 is before the case (3 April 2026)"),
        ({"f3_signed_on": "01/01/2099"}, "Form 3, date completed: 1 January 2099 is after today"),
    ],
)
def test_an_implausible_return_is_refused_with_one_line_and_the_folio_unchanged(forms, tmp_path, changes, says):
    """The mediator as observer, a date before the case or after today: refused, the folio byte for byte as it was."""
    from tests.portfolio.test_observer_forms import refused

    root, _, _ = forms
    returned = fill(root / "case.pdf", tmp_path / "implausible.pdf", {**OBSERVED, **changes})
    assert says in refused(make_demo(tmp_path / "folio"), returned)


def test_a_return_for_a_case_not_yet_held_is_refused(forms, tmp_path):
    """A booked case has not been observed yet."""
    from tests.portfolio.test_observer_forms import refused

    root, _, _ = forms
    folder = make_demo(tmp_path / "folio")
    assert invoke(folder, "forms", "--blank", "--form", "3", "-o", str(tmp_path / "blank.pdf")).exit_code == 0
    values = {"f3_case": "SM-DEMO-005", "f3_observer": "Sam Ortega", "f3_signed_on": "04/04/2026"}
    returned = fill(tmp_path / "blank.pdf", tmp_path / "booked.pdf", {**values, seen_field("f3.sk.feedback"): "yes"})
    assert "is for case SM-DEMO-005, which is not yet held" in refused(folder, returned)


def test_a_blank_date_completed_is_a_warning_and_never_the_case_date(forms, tmp_path):
    """No date completed: imported with a warning, kept without a date (the header's case date is not used)."""
    root, _, _ = forms
    undated = fill(root / "case.pdf", tmp_path / "undated.pdf", {**OBSERVED, "f1_signed_on": ""})
    folder = make_demo(tmp_path / "folio")
    result = invoke(folder, "import", str(undated))
    assert result.exit_code == 0, result.output
    assert "Warning: Form 1 has no date completed" in result.output
    with Folio.open(folder, readonly=True) as folio:
        form1 = [item for item in folio.observations(CASE) if item.returned and item.criterion.startswith("f1.")]
    assert form1 and all(item.returned_on is None for item in form1)


def test_observed_by_naming_someone_else_is_said_and_set_on_request(forms, tmp_path):
    """The case says "Observed by Lead mediator (PPC)": the dry run says the form is from someone else;
    --set-observed-by records the form's observer."""
    _, first, _ = forms
    folder = make_demo(tmp_path / "folio")
    dry = invoke(folder, "import", "--dry-run", str(first))
    assert 'the case says "Observed by Lead mediator (PPC)", but this form is from Alex Penrose (co-mediator)' in (
        dry.output
    )
    assert "--set-observed-by" in dry.output
    assert invoke(folder, "import", "--set-observed-by", str(first)).exit_code == 0
    with Folio.open(folder, readonly=True) as folio:
        case = folio.case(CASE)
        assert (case.observed_by, case.observed_by_role) == ("Alex Penrose", "co-mediator")  # a name and a role
        assert case.observer_words == "Alex Penrose (co-mediator)"
    again = invoke(folder, "import", "--dry-run", str(first))
    assert "Observed by" not in again.output


def test_a_disagreement_is_kept_printed_and_reported(forms, tmp_path):
    """A comment beside an unticked criterion is the observer's remark; where the mediator ticked it, check, the
    Dashboard's figures and the case's forms say the tick is the mediator's own, not on the returned form."""
    from sendfolio.portfolio import render
    from sendfolio.portfolio.model import build_portfolio, latest_date
    from sendfolio.tui.views.dashboard import dashboard_view

    root, _, _ = forms
    remark = "Only partial: I would not tick this yet"
    values = {**SECOND, note_field("f1.pm.sticking-points"): remark}
    folder = imported(tmp_path, fill(root / "case.pdf", tmp_path / "disagrees.pdf", values))
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    (kept,) = data.returns_for(CASE)
    assert kept.remarks == {"f1.pm.sticking-points": remark}
    report = json.loads(invoke(folder, "check", "--json").output)
    (case,) = [item for item in report["evidence"] if item["case"] == CASE]
    assert set(case["came_in"]) == {"unsigned return", "mediator's own"}
    assert {"criterion": "f1.pm.sticking-points", "observer": "Sam Ortega", "remark": remark} in case["disagreements"]
    assert "f1.pm.initial-contact" not in {item["criterion"] for item in case["disagreements"]}  # Sam ticked it
    human = " ".join(invoke(folder, "check").output.split())
    assert "Observers' returns:" in human and remark in human
    figures = dashboard_view(data, FIXED_TODAY)
    assert any("Prepare for obvious sticking points" in line and remark in line for line in figures.disagreements)
    html = render.portfolio_html(build_portfolio(data, latest_date(data, FIXED_TODAY)))
    assert "remarks beside criteria not ticked" in html and remark in html
    assert "The mediator's own entry, not on the returned form: Sam Ortega did not tick it." in html
    assert "The mediator's own entry, not on the returned form</dd>" in html


def sign(source: Path, out: Path, signer_name: str = "Sam Ortega") -> Path:
    """Sign a filled form in its Form 3 signature field, as a PDF reader does with a self-signed digital ID
    made here and now (nothing real)."""
    import datetime as dt
    import io
    import warnings

    from asn1crypto import keys, x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, signer_name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        cert_registry=None,
    )
    signed = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(source.read_bytes()), strict=False)
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="f3_signature"), signer=signer, output=signed)
    out.write_bytes(signed.getvalue())
    return out


def test_a_signed_return_is_checked_and_worded_so(forms, tmp_path):
    """Signed with a self-signed digital ID: unchanged since signing, the signer, the certificate and the time kept."""
    _, _, second = forms
    signed = sign(second, tmp_path / "signed.pdf")
    folder = make_demo(tmp_path / "folio")
    result = invoke(folder, "import", str(signed))
    assert result.exit_code == 0, result.output
    assert "digitally signed by Sam Ortega (a self-signed digital ID)" in result.output
    assert "unchanged since signing" in result.output and result.stderr == ""
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    (kept,) = data.returns_for(CASE)
    assert (kept.how, kept.signer, kept.certificate) == ("signed", "Sam Ortega", "a self-signed digital ID")
    assert kept.signed_at.endswith("UTC") and kept.how_words.startswith("digitally signed by Sam Ortega")
    assert "unchanged since signing" in kept.how_words
    report = json.loads(invoke(folder, "check", "--json").output)
    (case,) = [item for item in report["evidence"] if item["case"] == CASE]
    assert "signed" in case["came_in"]


def test_an_unsigned_return_is_accepted_and_worded_unsigned(forms, tmp_path):
    """No signature: still imported, and said to be not signed."""
    _, first, _ = forms
    folder = make_demo(tmp_path / "folio")
    result = invoke(folder, "import", str(first))
    assert result.exit_code == 0 and f"{first}: not signed" in result.output
    with Folio.open(folder, readonly=True) as folio:
        (kept,) = folio.data().returns_for(CASE)
    assert kept.how == "unsigned" and kept.how_words.startswith("returned electronically, not signed, imported on")


@pytest.mark.parametrize("how", ["bytes changed", "field filled in after signing"])
def test_a_return_altered_after_signing_is_refused(forms, tmp_path, how):
    """A signed return changed afterwards (its bytes, or a field filled in a later revision): one line, nothing kept."""
    from pypdf import PdfWriter

    from tests.portfolio.test_observer_forms import refused

    _, _, second = forms
    signed = sign(second, tmp_path / "signed.pdf").read_bytes()
    altered = tmp_path / "altered.pdf"
    if how == "bytes changed":
        assert b"(Sam Ortega)" in signed
        altered.write_bytes(signed.replace(b"(Sam Ortega)", b"(Sam Ortegb)", 1))
    else:
        writer = PdfWriter(altered_source := tmp_path / "signed.pdf", incremental=True)
        writer.update_page_form_field_values(None, {note_field("f1.pm.records"): "Added later."})
        writer.write(altered)
        assert altered.read_bytes().startswith(signed) and altered_source.exists()
    assert "was changed after it was signed" in refused(make_demo(tmp_path / "folio"), altered)


def test_a_pdf_with_only_an_owner_password_is_read(forms, tmp_path):
    """A return that opens without a password (only an owner password set) is read like any other, and printed."""
    from pypdf import PdfReader, PdfWriter

    _, first, _ = forms
    writer = PdfWriter(clone_from=PdfReader(first))
    writer.encrypt(user_password="", owner_password="fictional-owner-password")
    locked = tmp_path / "owner-only.pdf"
    writer.write(locked)
    assert PdfReader(locked).is_encrypted
    folder = imported(tmp_path, locked, folder=demo_part(tmp_path / "folio", cases=[CASE]))
    with Folio.open(folder, readonly=True) as folio:
        assert {item.observer for item in folio.observations(CASE) if item.returned} == {"Alex Penrose"}
    result = invoke(folder, "portfolio", "-o", str(tmp_path / "p.pdf"))
    assert result.exit_code == 0, result.output
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(tmp_path / "p.pdf").pages]
    copies = [text for text in pages if "as returned by Alex Penrose, page 2 of 9" in text]
    assert copies and "Called both parties within a day." in copies[0]


def test_the_form_is_comfortable_and_its_fills_show_in_any_viewer(forms, tmp_path):
    """Helv and ZaDb in the form's resources, the mediator's header fields read-only, two-line comment boxes,
    ticks of 12 pt, a signature field on each form, and "to be held" on the forms of a booked case."""
    from pypdf import PdfReader

    root, _, _ = forms
    reader = PdfReader(root / "case.pdf")
    fonts = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    assert {"/Helv", "/ZaDb"} <= set(fonts)
    fields = reader.get_fields()
    for name in ("f1_mediator", "f1_date", "f1_place", "f1_case"):
        assert int(fields[name]["/Ff"]) & 1, name
    assert not int(fields["f1_observer"].get("/Ff", 0)) & 1
    assert {fields[f"f{n}_signature"]["/FT"] for n in (1, 2, 3)} == {"/Sig"}
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots") or ()]

    def size(widget, index):
        box = [float(value) for value in widget["/Rect"]]
        return abs(box[index + 2] - box[index])

    notes = [w for w in widgets if str(w.get("/T", "")).startswith("note_")]
    ticks = [w for w in widgets if str(w.get("/T", "")).startswith("seen_")]
    assert min(size(w, 1) for w in notes) >= 2 * 9 * 1.2 and min(size(w, 0) for w in ticks) >= 12
    folder = make_demo(tmp_path / "folio")
    assert invoke(folder, "forms", "--case", "SM-DEMO-005", "-o", str(tmp_path / "booked.pdf")).exit_code == 0
    text = " ".join(PdfReader(tmp_path / "booked.pdf").pages[0].extract_text().split())
    assert "Case SM-DEMO-005, to be held" in text


def test_flattened_printed_and_scanned_returns_are_sent_down_the_paper_route(forms, tmp_path):
    """A flattened return (our reference, no fields), a printed PDF and a scan: each refused with what to do,
    and each goes in by attaching it to the case as the observer's form."""
    from PIL import Image
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    from tests.portfolio.test_observer_forms import refused

    _, first, _ = forms
    folder = make_demo(tmp_path / "folio")
    flattened = PdfWriter(clone_from=PdfReader(first))
    del flattened.root_object[NameObject("/AcroForm")]
    for page in flattened.pages:
        if "/Annots" in page:
            del page[NameObject("/Annots")]
    flattened.write(tmp_path / "flattened.pdf")
    printed = PdfWriter()
    printed.add_blank_page(width=595, height=842)
    printed.write(tmp_path / "printed.pdf")
    Image.new("RGB", (120, 170), "white").save(tmp_path / "scan.png")
    said = {
        "flattened.pdf": refused(folder, tmp_path / "flattened.pdf"),
        "printed.pdf": refused(folder, tmp_path / "printed.pdf"),
        "scan.png": refused(folder, tmp_path / "scan.png"),
    }
    assert "has no fields left to read (it was printed or flattened)" in said["flattened.pdf"]
    assert f"--for case:{CASE}" in said["flattened.pdf"]
    assert "if it is an observer's printed or scanned form" in said["printed.pdf"]
    assert "is an image: if it is an observer's scanned form" in said["scan.png"]
    for line in said.values():
        assert "sendfolio attach FILE --for case:" in line and "then enter the ticks" in line
    for name in ("flattened.pdf", "scan.png"):
        result = invoke(folder, "attach", str(tmp_path / name), "--for", f"case:{CASE}", "--title", "Observer's form")
        assert result.exit_code == 0, result.output
    with Folio.open(folder, readonly=True) as folio:
        assert len([item for item in folio.attachments() if item.evidence_for == f"case:{CASE}"]) == 2


def test_debrief_gaps_no_learning_need_addresses_are_listed(forms, tmp_path):
    """A returned de-brief names a skills gap; with no learning need from the case, check and the Dashboard say so."""
    from sendfolio.tui.views.dashboard import dashboard_view

    _, first, _ = forms
    folder = make_demo(tmp_path / "folio")
    with Folio.open(folder) as folio:
        for need in folio.learning_plan():
            if need.case_ref == CASE:
                folio.delete(need)
    assert invoke(folder, "import", str(first)).exit_code == 0
    report = json.loads(invoke(folder, "check", "--json").output)
    (case,) = [item for item in report["evidence"] if item["case"] == CASE]
    gap = {"heading": "skills_gaps", "by": "Alex Penrose", "text": "Summarising sooner under pressure."}
    assert gap in case["gaps_without_need"]
    human = " ".join(invoke(folder, "check").output.split())
    assert "De-brief gaps no learning need addresses:" in human and "Summarising sooner under pressure." in human
    with Folio.open(folder, readonly=True) as folio:
        figures = dashboard_view(folio.data(), FIXED_TODAY)
    assert any("Summarising sooner under pressure." in line for line in figures.gaps)
