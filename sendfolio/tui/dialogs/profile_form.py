"""The mediator's profile form, one for the whole app: the first run, Training & profile, and Privacy use it.

`ProfileForm(profile, contact)` edits the profile with the PPC's details below it and dismisses
with (Profile, PPCContact or None); `save_profile(app, result)` puts both in the folio.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sendfolio.domain.records import MEMBERSHIP_BODIES, ROUTES, FieldError, InvalidRecord, PPCContact, Profile, Record
from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete

    from sendfolio.tui.support.host import HostApp

PROFILE_SPECS = (
    FieldSpec("name", "Your name", "text", help="As it should appear on your portfolio."),
    FieldSpec(
        "membership_body",
        "Membership body",
        "choice",
        options=MEMBERSHIP_BODIES,
        help="CMC (Civil Mediation Council) or COM (College of Mediators).",
    ),
    FieldSpec("membership_number", "Membership number", "text"),
    FieldSpec(
        "registration_anniversary",
        "Registration anniversary",
        "date",
        help="The day your registration renews each year (any year's date will do, e.g. 01/04/2024); "
        "leave empty to use calendar years.",
    ),
    FieldSpec(
        "route",
        "Route",
        "choice",
        options=ROUTES,
        help="new: accreditation by portfolio (§1.1–1.3); passported: long-standing mediator (§1.6, Form 5).",
    ),
    FieldSpec("lead_since", "Lead SEND mediator since", "date", help="For the passported route; optional."),
    FieldSpec(
        "accredited_on",
        "Accredited on",
        "date",
        help="The date your membership body accredited you as a SEND mediator; leave empty until then. "
        "A renewal pack for a year before it says so.",
    ),
    FieldSpec(
        "returned_forms_only",
        "Count only forms returned by observers",
        "yesno",
        help="Off: criteria you enter count alongside observers' returned Forms 1–3 (the standards allow both).",
    ),
)
"""The mediator's profile form: asked on the first run, and edited later from Training & profile."""

PPC_PREFIX = "ppc_"
"""The profile form's PPC fields are the PPC contact's fields with this prefix."""

PPC_SPECS = (
    FieldSpec("ppc_name", "Your PPC's name", "text", help="Your Professional Practice Consultant; optional here."),
    FieldSpec("ppc_register", "Your PPC's register", "text", help="e.g. College of Mediators PPC register"),
    FieldSpec("ppc_email", "Your PPC's e-mail", "text", help="optional, e.g. name@example.org"),
    FieldSpec("ppc_phone", "Your PPC's phone", "text", help="optional"),
)
"""The PPC's details, set in the profile form too (the PPC area edits the same record)."""


class ProfileForm(EditRecordScreen):
    """The profile form with the PPC's details: dismisses with (Profile, PPCContact or None), or None.

    The PPC's contact is left as it was when its fields are all blank.
    """

    def __init__(self, profile: Profile, contact: PPCContact | None, title: str = "Your profile") -> None:
        """Edit `profile` and, below it, `contact`."""
        shown = {PPC_PREFIX + key: value for key, value in (contact.to_dict() if contact else {}).items()}
        super().__init__(Profile, PROFILE_SPECS + PPC_SPECS, initial=profile, title=title, shown=shown)
        self.contact = contact

    def build(self) -> Record:
        """The profile; the PPC's details are checked too (`contact_from_form`). Raises `InvalidRecord`."""
        values = self.values()
        mine = {key: value for key, value in values.items() if not key.startswith(PPC_PREFIX)}
        errors = []
        try:
            profile = Profile.from_dict({**self.initial.to_dict(), **mine}) if self.initial else Profile.from_dict(mine)
        except InvalidRecord as invalid:
            errors += invalid.errors
        try:
            self.new_contact = self.contact_from_form(values)
        except InvalidRecord as invalid:
            errors += [FieldError(PPC_PREFIX + error.field, error.problem) for error in invalid.errors]
        if errors:
            raise InvalidRecord(Profile.KIND, errors)
        return profile

    def contact_from_form(self, values: dict) -> PPCContact | None:
        """The PPC contact the form's PPC fields describe (None when they are all blank)."""
        ppc = {key[len(PPC_PREFIX) :]: value for key, value in values.items() if key.startswith(PPC_PREFIX)}
        if not any(str(value).strip() for value in ppc.values()):
            return None
        return PPCContact.from_dict(ppc)

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Dismiss with (profile, contact) when saved, None when cancelled."""
        if result is None:
            return super().dismiss(None)
        return super().dismiss((result, self.new_contact))


def save_profile(app: HostApp, result: tuple[Profile, PPCContact | None] | None) -> bool:
    """Put the profile (and the PPC's details, if given) from `ProfileForm` in the folio; True when saved."""
    if result is None:
        return False
    put_profile(app.current_folio, *result)
    return True


def put_profile(folio: Any, profile: Profile, contact: PPCContact | None) -> None:
    """Put the profile (and the PPC's details, if given) in `folio` as one save."""
    with folio.batch():
        folio.put(profile)
        if contact is not None:
            folio.put(contact)
