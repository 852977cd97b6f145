"""Form 4 for the PPC: a fillable PDF the Professional Practice Consultant verifies, signs and returns.

Form 4 (Appendix A) certifies that the mediator has met all the training and practice
requirements. `build_ppc_form` states the facts it certifies as the portfolio's Form 4 does
(`portfolio.form4`, from `rules.assess`): the courses, the hours, the practice cases with
their dates and the mediator's role, the observed final case and the PPC's sessions. The PPC
ticks each statement of Appendix A they confirm, writes their name, registration, the date and
any comments, and signs in the signature field with a digital ID (or prints and signs by hand).
The mediator's name, the day it was made and the form reference are read-only; the reference
(`SF4 folio:<id> form:4 made:<date>`, also in the keywords) ties the return to this folio
(`sendfolio.io.ppc_return` reads it back). Pure except `compile_ppc_form`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sendfolio import rules
from sendfolio.domain.cleared import ClearedFolio, require_cleared
from sendfolio.domain.form4_fields import (
    COMMENTS_FIELD,
    CONFIRMATIONS,
    DATE_FIELD,
    KEYWORDS_PREFIX,
    MADE_FIELD,
    MEDIATOR_FIELD,
    NAME_FIELD,
    REGISTER_FIELD,
    SIGNATURE_FIELD,
    Form4Reference,
    confirm_field,
)
from sendfolio.domain.form_fields import REFERENCE_FIELD
from sendfolio.domain.standards import RULE_SET
from sendfolio.portfolio.form4 import Form4, Missing, form4
from sendfolio.portfolio.observer_forms import STYLESHEET, FormsResult, write_fillable

PPC_STYLESHEET = "ppc_form.css"
"""Form 4's own print rules, after the observer forms' stylesheet (in `styles/`)."""


@dataclass(frozen=True)
class Confirmation:
    """A statement of Appendix A the PPC confirms with a tick."""

    key: str
    field: str
    text: str


@dataclass(frozen=True)
class PPCFormDocument:
    """The Form 4 the PPC receives: the facts it certifies, the statements to confirm, the fields."""

    title: str
    author: str
    subject: str
    keywords: str
    compiled: date
    mediator: str
    membership: str
    reference: Form4Reference
    facts: Form4
    outstanding: tuple[Missing, ...]
    confirmations: tuple[Confirmation, ...]
    ppc_name: str
    ppc_register: str
    fields: dict[str, str]


FIELDS = {
    "mediator": MEDIATOR_FIELD,
    "made": MADE_FIELD,
    "name": NAME_FIELD,
    "register": REGISTER_FIELD,
    "date": DATE_FIELD,
    "comments": COMMENTS_FIELD,
    "signature": SIGNATURE_FIELD,
    "reference": REFERENCE_FIELD,
}
"""The form's fields by what they hold (the template names them through this)."""


def build_ppc_form(cleared: ClearedFolio, folio: str, as_of: date) -> PPCFormDocument:
    """Form 4 for the PPC, stating the facts of the records as of `as_of`, tied to the folio `folio`.

    The form leaves the machine, so it is made from the records the privacy gate released.
    """
    data = require_cleared(cleared, "Form 4 for the PPC").data
    facts = form4(rules.assess(data, as_of, None))
    verification = RULE_SET.rule("ppc.verification").title  # the one thing the PPC's own return gives
    outstanding = tuple(item for item in facts.missing if item.title != verification)
    mediator = data.profile.name
    name = mediator or "the mediator"
    profile = data.profile
    membership = (
        f"{profile.membership_body} number {profile.membership_number}".strip()
        if profile.membership_body and profile.membership_number
        else profile.membership_body
    )
    reference = Form4Reference(folio, as_of.isoformat())
    contact = data.ppc_contact
    return PPCFormDocument(
        title=f"Form 4 for the Professional Practice Consultant: {mediator or 'SEND mediator'}",
        author=mediator or "SEND mediator",
        subject=f"Form 4 of Appendix A ({RULE_SET.name} standards), for the PPC to verify and sign",
        keywords=KEYWORDS_PREFIX + str(reference),
        compiled=as_of,
        mediator=mediator,
        membership=membership,
        reference=reference,
        facts=facts,
        outstanding=outstanding,
        confirmations=tuple(
            Confirmation(key, confirm_field(key), text.format(name=name)) for key, text in CONFIRMATIONS.items()
        ),
        ppc_name=contact.name if contact else "",
        ppc_register=contact.register if contact else "",
        fields=FIELDS,
    )


def ppc_form_html(document: PPCFormDocument) -> str:
    """Form 4's HTML (template `ppc_form4.html.j2`)."""
    from sendfolio.portfolio import render

    return render.render("ppc_form4.html.j2", document)


def compile_ppc_form(document: PPCFormDocument, out: Path) -> FormsResult:
    """Print Form 4 to a fillable PDF at `out` (written atomically); the mediator's facts are read-only."""
    locked = {REFERENCE_FIELD, MEDIATOR_FIELD, MADE_FIELD}
    return write_fillable(ppc_form_html(document), document.compiled, locked, Path(out), (STYLESHEET, PPC_STYLESHEET))
