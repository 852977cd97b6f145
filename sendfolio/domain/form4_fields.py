"""The fields of the Form 4 PDF the PPC verifies and signs, and the reference tying it to a folio.

Form 4 (Appendix A) "certifies that a mediator has met all the training and practice
requirements and can be accredited as a SEND mediator. It should therefore be signed by someone
who is themselves an experienced SEND mediator, has observed them at least once, has played a
specific role in mentoring the new mediator and supported them to reflect on their practice."
Each of those is a statement the PPC confirms with a tick. Shared by the form written
(`sendfolio.portfolio.ppc_form`) and the return read (`sendfolio.io.ppc_return`). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORM4_PREFIX = "f4_"
"""Every field of Form 4 but the reference starts with this."""

NAME_FIELD = "f4_ppc_name"
"""The PPC's name, written by the PPC."""

REGISTER_FIELD = "f4_ppc_register"
"""The PPC's registration: the register they are on and their number."""

DATE_FIELD = "f4_signed_on"
"""The date the PPC verified."""

COMMENTS_FIELD = "f4_comments"
"""The PPC's comments."""

SIGNATURE_FIELD = "f4_signature"
"""The signature field the PPC signs in with a digital ID."""

MEDIATOR_FIELD = "f4_mediator"
"""The mediator's name (read-only)."""

MADE_FIELD = "f4_made"
"""The date the form was made, with the facts as they stood then (read-only)."""

CONFIRMATIONS = {
    "requirements": "{name} has met all the training and practice requirements and can be accredited as a SEND "
    "mediator; the facts above are correct.",
    "experienced": "I am myself an experienced SEND mediator.",
    "observed": "I have observed {name} at least once.",
    "mentored": "I have played a specific role in mentoring {name}.",
    "reflection": "I have supported {name} to reflect on their practice.",
}
"""The statements the PPC confirms, each with a tick box, in Appendix A's words (`{name}`: the mediator)."""


CONFIRMATION_WORDS = {
    "requirements": "that the requirements are met",
    "experienced": "being an experienced SEND mediator",
    "observed": "having observed the mediator",
    "mentored": "having mentored the mediator",
    "reflection": "having supported the mediator's reflection",
}
"""Each statement in a few words, for what is not confirmed."""


def confirm_field(key: str) -> str:
    """The tick box of a statement the PPC confirms."""
    return f"{FORM4_PREFIX}confirm_{key}"


REFERENCE = re.compile(r"^SF4 folio:(?P<folio>[0-9a-f]{16}) form:4 made:(?P<made>\d{4}-\d{2}-\d{2})$")
"""A Form 4 reference: `SF4 folio:<id> form:4 made:<YYYY-MM-DD>`."""

KEYWORDS_PREFIX = "Form 4 for the PPC; "
"""The document keywords start with this, then the form reference."""


@dataclass(frozen=True)
class Form4Reference:
    """What ties a returned Form 4 to its folio, and the day it was made."""

    folio: str
    made: str

    def __str__(self) -> str:
        """`SF4 folio:<id> form:4 made:<YYYY-MM-DD>`."""
        return f"SF4 folio:{self.folio} form:4 made:{self.made}"

    @classmethod
    def parse(cls, text: str) -> Form4Reference | None:
        """The reference written in `text`, or None when it is not one."""
        found = REFERENCE.match((text or "").strip())
        return cls(found["folio"], found["made"]) if found else None


def is_form4(reference_text: str, keywords: str) -> bool:
    """True when a PDF's form reference (or its keywords) says it is a Form 4 for the PPC."""
    return (reference_text or "").strip().startswith("SF4 ") or (keywords or "").startswith(KEYWORDS_PREFIX)
