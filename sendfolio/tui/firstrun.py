"""The first run: a welcome that starts a new folio or opens the demo.

`WelcomeScreen` shows when the folio is empty. "Start my folio" opens the profile
form and saves the profile at once; "Explore the demo folio" opens a fictional
folio in a separate folder (`demo_dir(data_dir)`), so the mediator's own folio is
never touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from sendfolio.domain.records import MEMBERSHIP_BODIES, ROUTES, FieldError, InvalidRecord, PPCContact, Profile, Record
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.forms import EditRecordScreen, FieldSpec

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

    def dismiss(self, result=None):  # type: ignore[override]
        """Dismiss with (profile, contact) when saved, None when cancelled."""
        if result is None:
            return super().dismiss(None)
        return super().dismiss((result, self.new_contact))


def save_profile(app, result: tuple[Profile, PPCContact | None] | None) -> bool:
    """Put the profile (and the PPC's details, if given) from `ProfileForm` in the folio; True when saved."""
    if result is None:
        return False
    profile, contact = result
    with app.folio.batch():
        app.folio.put(profile)
        if contact is not None:
            app.folio.put(contact)
    return True


WELCOME_TEXT = (
    "sendfolio keeps your case log, reflections, CPD diary and PPC sessions, checks them against "
    "the SEND mediator standards (2018), and compiles your portfolio.\n\n"
    "Everything stays on this computer and is saved as you type it in. "
    "Cases carry a reference, never a name."
)
"""What the welcome screen says."""


def demo_dir(data_dir: Path) -> Path:
    """The folder of the demo folio: beside the real one, named `<name>-demo`."""
    return data_dir.parent / f"{data_dir.name}-demo"


class WelcomeScreen(ModalScreen[None]):
    """The first thing a new mediator sees: start a folio, or explore the demo."""

    HELP = "Your folio is empty. Start it with your profile, or look around a fictional demo folio first."
    """What this screen is for, shown in help."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start my folio"),
        Binding("d", "demo", "Explore the demo"),
        Binding("escape", "close", "Not now"),
    ]
    """s starts the folio, d opens the demo, Escape closes the welcome."""

    def compose(self) -> ComposeResult:
        """The welcome text and two buttons."""
        with Vertical(id="welcome-dialog"):
            yield Label("Welcome to sendfolio", id="welcome-title")
            yield Static(WELCOME_TEXT, id="welcome-text")
            with Horizontal(id="welcome-buttons"):
                yield Button("Start my folio (s)", id="welcome-start", variant="primary")
                yield Button("Explore the demo folio (d)", id="welcome-demo")
        yield AppFooter()

    def on_mount(self) -> None:
        """Focus "Start my folio"."""
        self.query_one("#welcome-start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Start or explore, from the buttons."""
        event.stop()
        if event.button.id == "welcome-start":
            self.action_start()
        else:
            self.action_demo()

    def action_start(self) -> None:
        """Open the profile form."""
        form = ProfileForm(self.app.folio.profile(), self.app.folio.ppc_contact())
        self.app.push_screen(form, self._profile_saved)

    def _profile_saved(self, result: tuple[Profile, PPCContact | None] | None) -> None:
        """Save the profile and close the welcome."""
        if not save_profile(self.app, result):
            return
        self.app.notify("Profile saved. Next: add your training (7) and your cases (2).")
        self.dismiss(None)

    def action_demo(self) -> None:
        """Open (or make) the demo folio and show it, in a worker owned by the app."""
        self.query_one("#welcome-text", Static).update("Preparing the demo folio…")
        self.app.run_worker(explore_demo(self.app, self), exclusive=True, group="demo")

    def action_close(self) -> None:
        """Close the welcome; the empty folio stays open."""
        self.dismiss(None)


async def explore_demo(app, welcome: WelcomeScreen) -> None:
    """Open the demo folio (filling it the first time) and switch the app to it."""
    from sendfolio.store import FolioError

    try:
        await app.open_demo(before=lambda: welcome.dismiss(None))
    except FolioError as error:
        welcome.query_one("#welcome-text", Static).update(Text(f"The demo folio could not be opened: {error}"))
