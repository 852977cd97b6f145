"""Training and profile: the courses taken, what each covered, and the mediator's own details.

A course's "covers" is chosen from the foundation criteria and the SEND modules;
the `Training` record itself refuses a module its kind of course cannot cover, so
the form reports it under the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import DataTable, Static

from sendfolio.domain.records import (
    FOUNDATION_COVERS,
    SEND_MODULES,
    TRAINING_KINDS,
    Record,
    Training,
)
from sendfolio.domain.wording import hours_text, short_date, words
from sendfolio.services.outputs import shown_path
from sendfolio.tui.dialogs.forms import FieldSpec
from sendfolio.tui.dialogs.profile_form import ProfileForm, put_profile
from sendfolio.tui.dialogs.training_form import TrainingForm
from sendfolio.tui.screens.record_screen import RecordTableScreen, draft, record_bindings
from sendfolio.tui.support.saving import saving
from sendfolio.tui.views.profile import course_detail, profile_text, training_heading
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

TRAINING_SPECS = (
    FieldSpec("kind", "Kind of course", "choice", options=TRAINING_KINDS),
    FieldSpec("title", "Title", "text"),
    FieldSpec("provider", "Provider", "text"),
    FieldSpec("date", "Date completed", "date"),
    FieldSpec("hours", "Hours", "hours", help="e.g. 40"),
    FieldSpec("recognised_by", "Recognised by", "text", help="CMC, COM, OCN, ILM or another body"),
    FieldSpec(
        "covers",
        "What it covered",
        "list",
        options=FOUNDATION_COVERS + SEND_MODULES,
        help="What a course of the kind chosen covers; space ticks.",
    ),
)
"""The fields of the course form."""


class ProfileScreen(RecordTableScreen):
    """The mediator's profile above the table of training courses."""

    HELP = (
        "Your profile (p: name, membership body and number, registration anniversary, route) and your "
        "training courses, each with what it covered: the foundation criteria or the four SEND modules. "
        "c attaches the highlighted course's certificate, m your membership certificate or insurance (the file "
        "chosen in a folder tree); o chooses the folder your PDFs, forms and exports go to."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *record_bindings("course"),
        Binding(
            "p", "profile", "Edit profile", tooltip="Your name, membership, registration anniversary, route and PPC"
        ),
        Binding("c", "attach_certificate", "Certificate", tooltip="Attach the highlighted course's certificate"),
        Binding(
            "m",
            "attach_membership",
            "Membership/insurance",
            tooltip="Attach your membership certificate or your insurance",
            show=False,
        ),
        Binding(
            "o", "output_folder", "Output folder", tooltip="The folder your PDFs, forms and exports go to", show=False
        ),
    ]
    """Courses: add / edit / delete; edit the profile; attach a certificate, membership or insurance; the output
    folder."""

    RECORD_TYPE = Training
    """The table holds training courses."""
    SPECS = TRAINING_SPECS
    """The course form's fields."""
    FORM = TrainingForm
    """The course form: "What it covered" follows the kind of course."""
    NOUN = "course"
    """What a record is called."""
    COLUMNS = ("Date", "Hours", "Recognised", "Covers", "Kind", "Title", "Provider")
    """The table's columns, those an assessor's requirements turn on first (within 80 columns)."""
    TABLE_ID = "training-table"
    PALETTE_NAME = "Training"
    """The area's name in the command palette."""
    SUMMARY_ID = "profile-summary"
    """The profile, above the courses."""

    courses: var[int | None] = var(None, init=False)
    """How many courses the folio holds (None until first drawn); `watch_courses` says it above them."""

    course: var[Training | None] = var(None, init=False)
    """The highlighted course; `watch_course` shows it in full under the table."""

    def compose(self) -> ComposeResult:
        """The profile, then the courses."""
        yield AreaBar()
        with Vertical(id="profile-body"):
            yield Static("", id="profile-summary", classes="summary", markup=False)
            yield Static("Training courses", id="training-heading", classes="summary", markup=False)
            yield self.make_table()
            yield Static("", id="training-detail", classes="detail-pane", markup=False)
        yield AppFooter()

    def records(self) -> list[Training]:
        """The courses, oldest first."""
        return sorted(self.app.current_folio.training(), key=lambda course: (course.date, course.title))

    def row(self, record: Any) -> Sequence[Any]:
        """One course as table cells."""
        covers = f"{len(record.covers)} of 4" if record.kind in ("foundation", "send") else "—"
        return (
            short_date(record.date),
            f"{hours_text(record.hours)}",
            record.recognised_by or "—",
            covers,
            words(record.kind),
            record.title,
            record.provider,
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted course in full under the table (a narrow table cuts columns off)."""
        self.course = next((item for item in self.records() if self.key_of(item) == event.row_key.value), None)

    def watch_course(self, course: Training | None) -> None:
        """Show the highlighted course in full."""
        self.query_one("#training-detail", Static).update(course_detail(course) if course else "")

    def watch_courses(self, courses: int | None) -> None:
        """Say how many courses there are above them."""
        if courses is not None:
            self.query_one("#training-heading", Static).update(training_heading(courses))

    def new_record(self) -> Record | None:
        """A new course starts dated today."""
        return draft(Training, date=self.app.today)

    def refresh_view(self) -> None:
        """Redraw the profile and the courses."""
        from sendfolio.services.outputs import output_folder

        folio = self.app.current_folio
        self.summary = profile_text(folio.profile(), folio.ppc_contact(), output_folder(folio))
        self.courses = len(folio.training())
        self.refresh_table()

    @work(exclusive=True, group="profile-asking")
    async def action_profile(self) -> None:
        """Edit the mediator's profile; put it (and the PPC's details) in the folio at once (a large folio off the
        screen's thread)."""
        folio = self.app.current_folio
        result = await self.app.push_screen_wait(ProfileForm(folio.profile(), folio.ppc_contact()))
        if result is not None:
            await saving(folio, put_profile, folio, *result)
            self.notify("Saved your profile.")
            self.refresh_view()

    def action_attach_certificate(self) -> None:
        """Attach a certificate to the highlighted course: the file picker first, the course already chosen."""
        course = self.highlighted()
        if not isinstance(course, Training):
            self.notify("Add the course first (a), then attach its certificate.", severity="warning", markup=False)
            return
        self.attach(f"training:{course.id}")

    def action_attach_membership(self) -> None:
        """Attach the membership certificate (or the insurance: chosen in the dialog), the file picker first."""
        self.attach("membership", only=("membership", "insurance"))

    @work(exclusive=True, group="profile-asking")
    async def attach(self, target: str, only: tuple[str, ...] | None = None) -> None:
        """Open the attach dialog for `target` with the file picker over it; say what was attached."""
        from sendfolio.tui.dialogs.attach import AttachScreen
        from sendfolio.tui.screens.attachments import targets

        choices = [item for item in targets(self.app.current_folio.data()) if only is None or item[0] in only]
        saved = await self.app.push_screen_wait(AttachScreen(choices, target, pick=True))
        if saved is not None:
            self.notify(f"Attached “{saved.title}”: see Documents (0).", markup=False)
            self.refresh_view()

    @work(exclusive=True, group="profile-asking")
    async def action_output_folder(self) -> None:
        """Choose the folder every document goes to (checked: a folder outside the data folder), and save it."""
        from sendfolio.services.outputs import check_output_folder, output_folder, set_output_folder
        from sendfolio.tui.dialogs.ask_text import AskFolderScreen

        folio = self.app.current_folio
        dialog = AskFolderScreen(
            "Output folder",
            "Your portfolio, renewal pack, Form 5, observer forms, calendar and exports go here (made when needed). "
            "It must be outside the data folder.",
            shown_path(output_folder(folio)),
            check=partial(check_output_folder, data_dir=folio.data_dir),
        )
        folder = await self.app.push_screen_wait(dialog)
        if folder is None:
            return
        saved = set_output_folder(folio, str(folder))
        self.notify(f"Documents now go to {shown_path(saved)}.", markup=False)
        self.refresh_view()
