"""The demo's final case as an assessor reads its evidence: two observers, a signed return, a paper one, a disagreement.

SM-DEMO-004 was observed by the PPC, whose Forms 1–3 came back signed with a digital ID (a
self-signed one, made here at run time with pyHanko: nothing real), and by the co-mediator, whose
Form 2 came back on paper: kept as it came (a scan, as a PDF) and its ticks transcribed by the
mediator. The co-mediator left one criterion unticked that the mediator had ticked, with a remark:
a disagreement, printed as such. Each return keeps its file byte for byte with its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import warnings
from collections.abc import Callable
from datetime import date, timedelta

from sendfolio.domain.criteria import CRITERIA
from sendfolio.domain.records import Attachment, Observation, ObserverReturn
from sendfolio.domain.wording import long_date
from sendfolio.samples.certificate import certificate_pdf
from sendfolio.samples.demo_diary import PPC_NAME
from sendfolio.store import Folio

CASE = "SM-DEMO-004"
"""The demo's final case, observed by two people."""

CO_MEDIATOR = ("Jordan Vale", "co-mediator")
"""The second observer of the final case (fictional), whose form came back on paper."""

PAPER_TICKS = {
    "f2.pm.breaks": "Kept to the breaks we agreed.",
    "f2.sk.engage": "",
    "f2.sk.opportunity-to-speak": "Made sure the parent had time to finish.",
}
"""What the co-mediator ticked on their paper Form 2, with their comments."""

DISAGREED = "f2.sk.challenge"
"""The criterion the mediator ticked and the co-mediator left unticked."""

REMARK = "Only partial: I would not tick this yet. The challenge came late, and only to the LA."
"""The co-mediator's remark beside the criterion they left unticked."""


def write_returns(folio: Folio, today: date) -> None:
    """Add the final case's two returns (records and kept files) and the mediator's own tick they disagree on."""
    data = folio.data()
    case = data.case(CASE)
    if case is None:
        return
    ppc_ticks = tuple(
        item.criterion for item in data.observations_for(CASE) if item.returned and item.observer == PPC_NAME
    )
    completed = case.date + timedelta(days=3)
    signed_pdf, signed_at = _signed_form(ppc_ticks, case.date)
    signed_file = _kept("demo-return-1", f"Forms 1, 2 and 3 as returned by {PPC_NAME}", signed_pdf, today)
    signed = ObserverReturn.from_dict(
        {
            "id": "demo-return-ppc",
            "ref": CASE,
            "observer": PPC_NAME,
            "observer_role": "PPC",
            "forms": ["1", "2", "3"],
            "completed": completed,
            "imported": today,
            "ticked": list(ppc_ticks),
            "how": "signed",
            "attachment": signed_file.id,
            "sha256": signed_file.sha256,
            "signer": PPC_NAME,
            "certificate": "a self-signed digital ID",
            "signed_at": signed_at,
        }
    )
    name, role = CO_MEDIATOR
    scan = _paper_scan(case.date + timedelta(days=1))
    paper_file = _kept("demo-return-2", f"Form 2 on paper, signed by {name}", scan, today)
    paper = ObserverReturn.from_dict(
        {
            "id": "demo-return-paper",
            "ref": CASE,
            "observer": name,
            "observer_role": role,
            "forms": ["2"],
            "completed": case.date + timedelta(days=1),
            "imported": today,
            "ticked": list(PAPER_TICKS),
            "how": "paper",
            "attachment": paper_file.id,
            "sha256": paper_file.sha256,
            "remarks": {DISAGREED: REMARK},
        }
    )
    ticks = [
        Observation.from_dict(
            {
                "ref": CASE,
                "criterion": criterion,
                "observer": name,
                "observer_role": role,
                "notes": comment,
                "recorded_by": "returned-form",
                "returned_on": paper.completed,
            }
        )
        for criterion, comment in PAPER_TICKS.items()
    ]
    own = Observation.from_dict(  # the mediator's own tick, entered before the forms came back
        {"ref": CASE, "criterion": DISAGREED, "notes": "Challenged the LA's reading of the therapy report."}
    )
    folio.save_changes(
        [signed_file, paper_file, signed, paper, *ticks, own],
        files={signed_file.id: signed_pdf, paper_file.id: scan},
    )


def _kept(ident: str, title: str, content: bytes, today: date) -> Attachment:
    """The attachment keeping a returned file as it came, with the case."""
    return Attachment.from_dict(
        {
            "id": ident,
            "evidence_for": f"case:{CASE}",
            "title": title,
            "file_type": "pdf",
            "size": len(content),
            "pages": 1,
            "sha256": hashlib.sha256(content).hexdigest(),
            "added": today,
        }
    )


def _form_lines(heading: str, observer: str, ticks: tuple[str, ...] | list[str], on: date) -> list:
    """A one-page summary of a returned form: heading, observer, date and the criteria ticked."""
    texts = {crit.id: f"Form {crit.form}: {crit.text}" for crit in CRITERIA}
    lines = [(heading, 20, "title"), (f"Case {CASE}", 13, "body"), (observer, 12, "body")]
    lines += [(f"[x] {texts[item]}"[:95], 8, "small") for item in list(ticks)[:30]]
    lines += [(f"I worked alongside / observed this mediator in this case. Completed {long_date(on)}.", 9, "small")]
    return lines


def _paper_scan(on: date) -> bytes:
    """The co-mediator's Form 2 as scanned: ticks, comments, their remark, and the signature line."""
    name, role = CO_MEDIATOR
    texts = {crit.id: crit.text for crit in CRITERIA}
    lines = [
        ("Form 2: Mediation (scanned)", 20, "title"),
        (f"Case {CASE}", 13, "body"),
        (f"{name} ({role})", 12, "body"),
    ]
    lines += [(f"[x] {texts[item]}: {comment}"[:95], 9, "small") for item, comment in PAPER_TICKS.items()]
    lines += [(f"[ ] {texts[DISAGREED]}: Only partial: I would not tick this yet.", 9, "small")]
    lines += [(f"Signed: {name}    Completed {long_date(on)}", 10, "small")]
    return certificate_pdf([lines], title=f"Form 2 for {CASE}, scanned")


def _signed_form(ticks: tuple[str, ...], case_date: date) -> tuple[bytes, str]:
    """The PPC's return, signed with a self-signed digital ID made now (nothing real); and when it was signed."""
    from asn1crypto import keys, x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    with warnings.catch_warnings():  # pyHanko's imports warn of cryptography's deprecations
        warnings.simplefilter("ignore")
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

    unsigned = certificate_pdf(
        [_form_lines("Observation forms 1-3", f"{PPC_NAME} (PPC)", ticks, case_date + timedelta(days=3))],
        title=f"Forms 1-3 for {CASE}",
    )
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, PPC_NAME)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        cert_registry=None,  # type: ignore[arg-type]  # no other certificates: a self-signed digital ID
    )
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(unsigned), strict=False)
    fields.append_signature_field(writer, fields.SigFieldSpec("f3_signature", on_page=0, box=(80, 60, 280, 100)))
    _outside_any_event_loop(
        lambda: signers.sign_pdf(
            writer, signers.PdfSignatureMetadata(field_name="f3_signature"), signer=signer, output=out
        )
    )
    from pyhanko.pdf_utils.reader import PdfFileReader

    when = PdfFileReader(io.BytesIO(out.getvalue()), strict=False).embedded_signatures[0].self_reported_timestamp
    when = (when or now).astimezone(dt.UTC)
    return out.getvalue(), f"{long_date(when.date())} at {when:%H:%M} UTC"


def _outside_any_event_loop(call: Callable[[], object]) -> None:
    """Run `call` here, or in a thread of its own when an event loop is running here (pyHanko signs with
    `asyncio.run`, which refuses to run inside one: the app, or an async test, writing the demo)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        call()
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(call).result()
