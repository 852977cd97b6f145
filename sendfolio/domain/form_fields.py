"""The fields of the Forms 1–3 PDF for the observer, and the reference tying it to a folio and a case.

Shared by the forms written (`sendfolio.portfolio.observer_forms`) and the returned forms read
(`sendfolio.io.returned_form`), so both name every field the same way. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMS = (1, 2, 3)
"""The observation forms of Appendix A."""

FOLIO_ID_SETTING = "observer_forms.folio_id"
"""The folio setting holding the random id printed on every form it makes."""

REFERENCE_FIELD = "form_reference"
"""The read-only field holding the form reference."""

REFERENCE = re.compile(
    r"^SF1 folio:(?P<folio>[0-9a-f]{16}|-) case:(?P<case>\S+) forms:(?P<forms>[123](?:-[123]){0,2})$"
)
"""A form reference: `SF1 folio:<id or -> case:<ref or -> forms:1-2-3`."""

KEYWORDS_PREFIX = "Observer forms; "
"""The document keywords start with this, then the form reference."""


@dataclass(frozen=True)
class FormReference:
    """What ties a returned form to a folio and a case: `folio` and `case` are empty on a blank form."""

    folio: str
    case: str
    forms: tuple[int, ...]

    def __str__(self) -> str:
        """`SF1 folio:<id> case:<ref> forms:1-2-3` (a `-` for what a blank form leaves open)."""
        return f"SF1 folio:{self.folio or '-'} case:{self.case or '-'} forms:{'-'.join(map(str, self.forms))}"

    @classmethod
    def parse(cls, text: str) -> FormReference | None:
        """The reference written in `text`, or None when it is not one."""
        found = REFERENCE.match((text or "").strip())
        if not found:
            return None
        folio, case = found["folio"], found["case"]
        return cls(
            "" if folio == "-" else folio, "" if case == "-" else case, tuple(map(int, found["forms"].split("-")))
        )


def field_key(criterion_id: str) -> str:
    """A criterion id as part of a field name: PDF field names may not hold dots."""
    return criterion_id.replace(".", "_")


def seen_field(criterion_id: str) -> str:
    """The tick box of a criterion."""
    return "seen_" + field_key(criterion_id)


def note_field(criterion_id: str) -> str:
    """The comment field of a criterion."""
    return "note_" + field_key(criterion_id)


def header_field(form: int, name: str) -> str:
    """A field of a form's header or sign-off: mediator, case, date, place, observer, role, signed_on, signature."""
    return f"f{form}_{name}"


def debrief_field(heading: str) -> str:
    """The text area of a Form 3 de-brief heading (a key of `DEBRIEF_TITLES`)."""
    return "debrief_" + heading
