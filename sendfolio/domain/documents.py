"""An attached document's record: a certificate or other evidence kept beside the folio.

Re-exported by `records.py`, which gathers every record type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from sendfolio.domain import fields as f
from sendfolio.domain.record_base import Identified, digest_field as _digest, field_spec as _spec, id_field as _id
from sendfolio.domain.vocabulary import CASE_REF, RECORD_ID

ATTACHMENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
"""The file types a mediator may attach, with their media types."""

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
"""The largest file that may be attached: 20 MB."""

ATTACHMENT_FOR = (
    rf"(training:{RECORD_ID}|membership|insurance|verification|case:{CASE_REF}|cpd:{RECORD_ID}|governance:{RECORD_ID})"
)
"""What an attachment is evidence for."""

ATTACHMENT_FOR_HELP = "training:ID, membership, insurance, verification, case:REF, cpd:ID or governance:ID"
"""What an attachment may be evidence for, in words."""


@dataclass(frozen=True, kw_only=True)
class Attachment(Identified):
    """A certificate or other document kept with the folio, and what it is evidence for.

    The file itself is kept by the store beside the folio (encrypted with it); the record
    holds what the portfolio prints about it.
    """

    KIND: ClassVar[str] = "attachment"
    id: str = _id()
    evidence_for: str = _spec(f.pattern(ATTACHMENT_FOR, ATTACHMENT_FOR_HELP))
    title: str = _spec(f.text(required=True, max_length=200, single_line=True))
    file_type: str = _spec(f.choice(tuple(ATTACHMENT_TYPES)))
    size: int = _spec(f.whole_number(minimum=1, maximum=ATTACHMENT_MAX_BYTES))
    pages: int = _spec(f.whole_number(minimum=1, maximum=10_000), 1)
    sha256: str = _digest()
    added: dt.date = _spec(f.a_date())

    @property
    def file_name(self) -> str:
        """The name of its file in the attachments folder."""
        return f"{self.id}.{'jpg' if self.file_type == 'jpeg' else self.file_type}"


def came_in_words(how: str, signer: str, certificate: str, signed_at: str, imported: dt.date) -> str:
    """How a returned form came in: "digitally signed by …; unchanged since signing; imported on …" or
    "returned electronically, not signed, imported on …"."""
    from sendfolio.domain.wording import long_date

    if how == "signed":
        issued = f" ({certificate})" if certificate else ""
        when = f", signed {signed_at}" if signed_at else ""
        return f"digitally signed by {signer}{issued}{when}; unchanged since signing; imported on {long_date(imported)}"
    return f"returned electronically, not signed, imported on {long_date(imported)}"
