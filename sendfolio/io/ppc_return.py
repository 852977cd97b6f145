"""Reading Form 4 as the PPC returned it, and turning it into their verification.

`read_pdf_return` reads a returned PDF's fields once and tells Form 4 (its reference starts
`SF4`) from Forms 1–3 (`returned_form`). `read_ppc_return` reads the PPC's name, registration,
date, comments and the statements they ticked, and checks the signature exactly as an observer's
return is checked (`io.signatures`: a file changed after signing is refused). `ppc_records`
checks it against the folio and gives the records to save: the verification from the PPC's own
hand (`Verification` with how it came in) and the file kept byte for byte as an attachment.

Refused with one line, nothing imported: a Form 4 made for another folio, one naming the
mediator as the PPC or signed by the mediator, one dated after today, one with no name or date,
one altered after signing, and a printed or flattened one (it goes in as an attached document).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sendfolio.domain.fields import FieldProblem
from sendfolio.domain.form4_fields import (
    COMMENTS_FIELD,
    CONFIRMATIONS,
    DATE_FIELD,
    FORM4_PREFIX,
    KEYWORDS_PREFIX,
    NAME_FIELD,
    REGISTER_FIELD,
    Form4Reference,
    confirm_field,
    is_form4,
)
from sendfolio.domain.form_fields import REFERENCE_FIELD
from sendfolio.domain.records import Attachment, FolioData, InvalidRecord, Verification
from sendfolio.domain.wording import long_date, short_date
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord
from sendfolio.io.returned_form import (
    ReturnedForm,
    _one_line,
    _problem,
    _text,
    _ticked,
    form_fields,
    observer_date,
    returned_from_fields,
    same_observer,
)
from sendfolio.io.signatures import AlteredAfterSigning, SignatureCheck, check_signature

PAPER_ROUTE = (
    "keep it as the PPC's signed Form 4 with `sendfolio attach FILE --for verification --title \"Form 4 signed by "
    'the PPC"`, then record the verification in the PPC area (v)'
)
"""What to do with a Form 4 on paper, printed, scanned or flattened."""


@dataclass(frozen=True)
class PPCReturn:
    """Form 4 as the PPC returned it: who, their registration, when, what they confirmed and wrote, how it came."""

    file: str
    reference: Form4Reference
    name: str
    register: str
    verified_on: date
    comments: str
    confirmed: tuple[str, ...]
    raw: bytes = b""
    pages: int = 1
    signature: SignatureCheck | None = None

    @property
    def sha256(self) -> str:
        """The SHA-256 of the file as it came back."""
        return hashlib.sha256(self.raw).hexdigest()

    def describe(self) -> list[str]:
        """What the return records, in words (first, whether it is signed)."""
        if self.signature is not None:
            sign = self.signature
            head = f"{self.file}: digitally signed by {sign.signer} ({sign.certificate})"
            lines = [head + (f", {sign.signed_at}" if sign.signed_at else "") + "; unchanged since signing"]
        else:
            lines = [f"{self.file}: not signed"]
        register = f" ({self.register})" if self.register else ""
        lines.append(
            f"Form 4: verified by {self.name}{register} on {short_date(self.verified_on)}, "
            f"{len(self.confirmed)} of {len(CONFIRMATIONS)} statements confirmed"
        )
        if len(self.confirmed) < len(CONFIRMATIONS):
            lines.append("  Warning: not every statement is confirmed: the verification is not met until it is")
        return lines


def read_pdf_return(file: str, raw: bytes) -> ReturnedForm | PPCReturn:
    """A returned PDF: Forms 1–3 from an observer, or Form 4 from the PPC; `ImportProblems` when neither."""
    values, keywords, pages = form_fields(file, raw)
    if is_form4(_text(values.get(REFERENCE_FIELD)), keywords):
        return read_ppc_return(file, raw, values, keywords, pages)
    return returned_from_fields(file, raw, values, keywords, pages)


def read_ppc_return(file: str, raw: bytes, values: dict[str, Any], keywords: str, pages: int) -> PPCReturn:
    """Form 4 as the PPC returned it, or `ImportProblems` with the one reason it cannot be read."""
    from_field = Form4Reference.parse(_text(values.get(REFERENCE_FIELD)))
    from_keywords = (
        Form4Reference.parse(keywords[len(KEYWORDS_PREFIX) :]) if keywords.startswith(KEYWORDS_PREFIX) else None
    )
    if from_field and from_keywords and from_field != from_keywords:
        raise _problem(file, "its form reference has been changed: ask the PPC to fill in Form 4 as sent")
    reference = from_field or from_keywords
    if reference is None:
        raise _problem(file, "is a Form 4 whose form reference has been changed: ask the PPC to fill it in as sent")
    if not any(name.startswith(FORM4_PREFIX) for name in values):
        raise _problem(file, "is a Form 4 with no fields left to read (printed or flattened): " + PAPER_ROUTE)
    name = _one_line(values.get(NAME_FIELD))
    if not name:
        raise _problem(file, "Form 4 has no PPC's name: the PPC writes their name under the verification")
    written = _one_line(values.get(DATE_FIELD))
    if not written:
        raise _problem(file, "Form 4 has no date: ask the PPC to date their verification")
    try:
        verified_on = observer_date(written)
    except FieldProblem as bad:
        raise _problem(file, f"Form 4, date: {bad}") from None
    try:
        signature = check_signature(raw)
    except AlteredAfterSigning as altered:
        raise _problem(file, f"{altered}: ask the PPC to fill it in and sign it again") from None
    return PPCReturn(
        file=file,
        reference=reference,
        name=name,
        register=_one_line(values.get(REGISTER_FIELD)),
        verified_on=verified_on,
        comments=_text(values.get(COMMENTS_FIELD)),
        confirmed=tuple(key for key in CONFIRMATIONS if _ticked(values.get(confirm_field(key)))),
        raw=raw,
        pages=max(1, pages),
        signature=signature,
    )


@dataclass
class PPCChanges:
    """What a PPC's Form 4 changes in the folio: the records to put, the file to keep, and in words."""

    records: list[SourcedRecord] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def ppc_records(form: PPCReturn, existing: FolioData, folio_id: str | None, today: date, new_id: str) -> PPCChanges:
    """The verification a PPC's Form 4 records, checked against the folio, or `ImportProblems` (one line).

    The file is kept as an attachment with id `new_id`. The same file imported again changes nothing.
    """
    file = form.file
    if form.reference.folio != (folio_id or ""):
        raise _problem(
            file, f"was made for another folio (form reference {form.reference}): import it into the folio that made it"
        )
    mediator = existing.profile.name
    signer = form.signature.signer if form.signature is not None else ""
    for who, what in ((form.name, "as the PPC"), (signer, "as its signer")):
        if mediator and who and same_observer(who, mediator):
            raise _problem(
                file, f"Form 4 names the mediator ({mediator}) {what}: Form 4 is verified and signed by the PPC"
            )
    if form.verified_on > today:
        raise _problem(file, f"Form 4, date: {long_date(form.verified_on)} is after today: ask the PPC")
    changes = PPCChanges()
    old = existing.verification
    if old is not None and old.sha256 and old.sha256 == form.sha256:
        changes.notes.append(f"already imported on {short_date(old.imported or today)}: nothing changes")
        return changes
    kept = Attachment.from_dict(
        {
            "id": new_id,
            "evidence_for": "verification",
            "title": f"Form 4 as returned by {form.name}",
            "file_type": "pdf",
            "size": len(form.raw),
            "pages": form.pages,
            "sha256": form.sha256,
            "added": today,
        }
    )
    signed = form.signature
    try:
        verification = Verification.from_dict(
            {
                "name": form.name,
                "register": form.register,
                "role": "PPC",
                "date": form.verified_on,
                "statement": form.comments,
                "confirmed": list(form.confirmed),
                "how": "signed" if signed is not None else "unsigned",
                "imported": today,
                "attachment": kept.id,
                "sha256": form.sha256,
                "signer": signed.signer if signed else "",
                "certificate": signed.certificate if signed else "",
                "signed_at": signed.signed_at if signed else "",
            }
        )
    except InvalidRecord as bad:
        words = {"statement": "comments", "name": "PPC's name", "register": "registration"}
        raise ImportProblems(
            [Problem(file, None, words.get(error.field, error.field), error.problem) for error in bad.errors]
        ) from None
    if signer and not same_observer(signer, form.name):
        changes.notes.append(f"signed by {signer}, not by the PPC it names ({form.name}): the portfolio says so")
    if old is not None:
        by = "returned by" if old.returned else "recorded by the mediator for"
        changes.notes.append(f"replaces the verification {by} {old.name} of {short_date(old.date)}")
    changes.records += [
        SourcedRecord(verification, file, None, where="Form 4"),
        SourcedRecord(kept, file, None, where="the returned file"),
    ]
    changes.files[kept.id] = form.raw
    return changes
