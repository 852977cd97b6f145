"""The sole provider's practice (standards, Appendix D): the governance register, feedback, the development plan.

Three record screens on the shared `RecordTableScreen` pattern, reached with p (the register)
and, from any of them, g / f / v. The register shows what has lapsed or lapses within 60 days
in the standards' words (`rules.governance_reminders`), and each item's standing in its row
(`rules.item_standing`); feedback shows each response due within
20 working days as met, missed, overdue or due (`rules.feedback_responses`), and s answers the
highlighted feedback; the development plan shows the targets past their review date. The annual
service review that gathers them is compiled from the Compile area (8).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Static

from sendfolio.domain.governance import (
    FEEDBACK_FROM,
    FEEDBACK_QUESTIONS,
    FEEDBACK_RESPONSE_DAYS,
    GOVERNANCE_KEYS,
    GOVERNANCE_KINDS,
    PLAN_STATUSES,
    DevelopmentTarget,
    Feedback,
    GovernanceItem,
)
from sendfolio.domain.records import Record
from sendfolio.domain.wording import count, short_date
from sendfolio.rules import feedback_response, item_standing
from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec
from sendfolio.tui.screens.record_screen import RecordTableScreen, draft, record_bindings
from sendfolio.tui.views.practice import (
    development_summary,
    feedback_summary,
    register_reminders,
    register_summary,
    standing_words,
)
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

SWITCH_BINDINGS: list[BindingType] = [
    Binding("g", "go('practice')", "Register", tooltip="The governance register (Appendix D §1.2)"),
    Binding("f", "go('feedback')", "Feedback", tooltip="Service users' feedback and the responses"),
    Binding("v", "go('development')", "Development", tooltip="The practice development plan (Appendix D §2)"),
]
"""g, f and v move between the three screens of the practice (each screen offers the other two)."""


class PracticeScreen(RecordTableScreen):
    """One of the practice's screens: it offers the keys to the other two."""

    MODE: ClassVar[str] = ""
    """The app mode that holds this screen."""

    def action_go(self, mode: str) -> None:
        """Switch to another screen of the practice."""
        self.app.action_area(mode)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No key to the screen already on show."""
        return not (action == "go" and parameters and parameters[0] == self.MODE)


FROM_LABELS = (
    ("parent-carer", "Parent or carer"),
    ("young-person", "Young person"),
    ("local-authority", "Local authority"),
    ("other", "Other"),
)
"""Who gave feedback, in words."""

REGISTER_SPECS = (
    FieldSpec(
        "item",
        "Duty (Appendix D §1.2)",
        "choice",
        options=GOVERNANCE_KEYS,
        labels=tuple((kind.key, kind.title) for kind in GOVERNANCE_KINDS),
    ),
    FieldSpec("title", "Title", "text", help="e.g. Professional indemnity insurance (optional)."),
    FieldSpec("reviewed", "Last reviewed", "date", help="When it was last reviewed, renewed or taken."),
    FieldSpec(
        "due",
        "Lapses or due for review on",
        "date",
        help="The expiry or review date; blank: counted on from the last review.",
    ),
    FieldSpec(
        "months",
        "Review every (months)",
        "text",
        help="Blank or 0: the usual interval (36 months for safeguarding training, 12 for the rest).",
    ),
    FieldSpec("evidence", "Evidence", "text", help="What shows it: a certificate, a schedule, a policy's version."),
    FieldSpec("url", "Web address", "text", help="Where it is published online (the complaints policy)."),
    FieldSpec("notes", "Notes", "multiline"),
)
"""The fields of a governance register item."""

RATING_SPECS = tuple(
    FieldSpec(
        f"rating_{question.key}",
        f"{question.text} ({question.paragraph})",
        "choice",
        options=("1", "2", "3", "4", "5"),
        help="1 not at all, 5 fully; blank: not answered.",
    )
    for question in FEEDBACK_QUESTIONS
)
"""The rated questions of the feedback form."""

PLAN_SPECS = (
    FieldSpec("target", "Target", "text", help="What the service will achieve, e.g. share collated feedback."),
    FieldSpec("action", "Action", "multiline"),
    FieldSpec("review", "Review by", "date"),
    FieldSpec("status", "Status", "choice", options=PLAN_STATUSES),
    FieldSpec("progress", "Progress notes", "multiline"),
)
"""The fields of a development plan target."""


class GovernanceScreen(PracticeScreen):
    """The governance register: each §1.2 duty with its evidence and dates, and what needs attention."""

    HELP = (
        "Your governance register as a sole mediation provider (standards, Appendix D §1.2): insurance, "
        "safeguarding training, data-protection registration, your policies. Each item has its evidence, the date "
        "last reviewed and the date it lapses or is due for review; what lapses within 60 days is listed above. "
        "f shows feedback, v the development plan."
    )
    """What this screen is for, shown in help."""

    BINDINGS: ClassVar[list[BindingType]] = [*record_bindings("register item"), *SWITCH_BINDINGS]
    """Add / edit / delete, and the other practice screens."""

    MODE = "practice"
    """The register's app mode."""
    RECORD_TYPE = GovernanceItem
    """The table holds governance items."""
    SPECS = REGISTER_SPECS
    """The register item form."""
    NOUN = "register item"
    """What a record is called."""
    COLUMNS = ("Duty", "Standing", "Lapses or due", "Last reviewed", "Title")
    """The table's columns."""
    TABLE_ID = "governance-table"
    """The table's id."""
    SUMMARY_ID = "governance-summary"
    """The line above the table."""
    PALETTE_NAME = "Register"
    """The screen's name in the command palette."""

    def compose(self) -> ComposeResult:
        """What needs attention, then the register."""
        yield AreaBar()
        with Vertical(id="governance-body"):
            yield Static("", id="governance-summary", classes="summary", markup=False)
            yield Static("", id="governance-reminders", classes="breakdown", markup=False)
            yield self.make_table()
            yield Static("", id="record-detail", classes="detail-pane", markup=False)
        yield AppFooter()

    def records(self) -> list[GovernanceItem]:
        """Every item, in the order of §1.2."""
        return sorted(
            self.app.current_folio.data().governance, key=lambda item: (GOVERNANCE_KEYS.index(item.item), item.id)
        )

    def row(self, record: Any) -> Sequence[Any]:
        """One item as table cells."""
        standing = item_standing(record, self.app.today)
        return (
            record.kind.title,
            standing_words(standing),
            short_date(standing.due),
            short_date(record.reviewed),
            record.title or "—",
        )

    def describe(self, record: Record) -> str:
        """An item in a few words."""
        return record.label if isinstance(record, GovernanceItem) else self.NOUN

    reminders: var[str] = var("", init=False)
    """What lapses or falls due for review soon, one a line; `watch_reminders` shows it."""

    def watch_reminders(self, reminders: str) -> None:
        """Show what needs attention under the summary."""
        self.query_one("#governance-reminders", Static).update(reminders)

    def refresh_view(self) -> None:
        """Redraw the summary, the reminders and the table."""
        data = self.app.current_folio.data()
        self.summary = register_summary(data, self.app.today)
        self.reminders = register_reminders(data, self.app.today)
        self.refresh_table()


class FeedbackScreen(PracticeScreen):
    """Service users' feedback and the responses, each due within 20 working days."""

    HELP = (
        "Feedback from service users (standards, Appendix D §2), anonymised: who gave it (never a name), "
        "when, the ratings, the comments, and the response with the date it was sent. A response is due "
        "within 20 working days (weekends and England's bank holidays not counted). s answers the "
        "highlighted feedback. g shows the governance register, v the development plan."
    )
    """What this screen is for, shown in help."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *record_bindings("feedback"),
        Binding("s", "answer", "Answer", tooltip="Write the response to the highlighted feedback"),
        *SWITCH_BINDINGS,
    ]
    """Add / edit / delete, answer, and the other practice screens."""

    MODE = "feedback"
    """The feedback's app mode."""
    RECORD_TYPE = Feedback
    """The table holds feedback."""
    NOUN = "feedback"
    """What a record is called."""
    COLUMNS = ("Received", "Response due", "Response", "Complaint", "From", "Case")
    """The table's columns."""
    TABLE_ID = "feedback-table"
    """The table's id."""
    SUMMARY_ID = "feedback-summary"
    """The line above the table."""
    PALETTE_NAME = "Feedback"
    """The screen's name in the command palette."""

    def compose(self) -> ComposeResult:
        """The counts, then the feedback."""
        yield AreaBar()
        with Vertical(id="feedback-body"):
            yield Static("", id="feedback-summary", classes="summary", markup=False)
            yield self.make_table()
            yield Static("", id="record-detail", classes="detail-pane", markup=False)
        yield AppFooter()

    def specs(self) -> Sequence[FieldSpec]:
        """The feedback form; the case is chosen from the folio's cases."""
        refs = tuple(case.ref for case in sorted(self.app.current_folio.cases(), key=lambda case: case.date))
        return (
            FieldSpec("case", "Case", "choice", options=refs, help="The case it is about (optional)."),
            FieldSpec("given_by", "From", "choice", options=FEEDBACK_FROM, labels=FROM_LABELS, help="Never a name."),
            FieldSpec("received", "Received", "date"),
            FieldSpec("complaint", "A complaint", "yesno"),
            *RATING_SPECS,
            FieldSpec("comments", "Comments (no names)", "multiline"),
            FieldSpec("response", "Response (no names)", "multiline"),
            FieldSpec(
                "responded",
                "Response sent",
                "date",
                help=f"Due within {FEEDBACK_RESPONSE_DAYS} working days of receiving it.",
            ),
        )

    def records(self) -> list[Feedback]:
        """Every piece of feedback, latest first."""
        return sorted(self.app.current_folio.data().feedback, key=lambda item: (item.received, item.id), reverse=True)

    def row(self, record: Any) -> Sequence[Any]:
        """One piece of feedback as table cells."""
        response = feedback_response(record, self.app.today)
        if response.status in ("met", "missed"):
            state = (
                f"{'Sent' if response.status == 'met' else 'Late'}: {count(response.working_days or 0, 'working day')}"
            )
        else:
            state = "Overdue" if response.status == "overdue" else "Awaiting"
        return (
            short_date(record.received),
            short_date(response.due),
            state,
            "Yes" if record.complaint else "No",
            dict(FROM_LABELS)[record.given_by],
            record.case or "—",
        )

    def describe(self, record: Record) -> str:
        """Feedback in a few words."""
        return f"received {short_date(record.received)}" if isinstance(record, Feedback) else self.NOUN

    def new_record(self) -> Record | None:
        """New feedback starts received today."""
        return draft(Feedback, received=self.app.today)

    def _form(self, record: Feedback | None, title: str, focus: str | None = None, **shown: Any) -> None:
        """Open the feedback form, its ratings shown as the choices they are."""
        ratings = {f"rating_{key}": str(value) for key, value in (record.ratings() if record else {}).items()}
        form = EditRecordScreen(
            Feedback, self.specs(), initial=record, title=title, focus=focus, shown={**ratings, **shown}
        )
        self.open_form(form)

    def action_add(self) -> None:
        """Open the form for new feedback."""
        self._form(self.new_record(), "New feedback")  # type: ignore[arg-type]

    def action_edit(self) -> None:
        """Open the form on the highlighted feedback."""
        record = self.highlighted()
        if not isinstance(record, Feedback):
            self.notify("Nothing to edit: press a to add feedback.", severity="warning")
            return
        self._form(record, "Edit feedback")

    def action_answer(self) -> None:
        """Open the highlighted feedback at its response, sent today unless a date is already there."""
        record = self.highlighted()
        if not isinstance(record, Feedback):
            self.notify("Nothing to answer: press a to add feedback.", severity="warning")
            return
        sent = {} if record.responded else {"responded": self.app.today.isoformat()}
        self._form(record, "Answer feedback", focus="response", **sent)

    def refresh_view(self) -> None:
        """Redraw the counts and the table."""
        self.summary = feedback_summary(self.app.current_folio.data(), self.app.today)
        self.refresh_table()


class DevelopmentScreen(PracticeScreen):
    """The practice development plan: the service's targets, their review dates and progress."""

    HELP = (
        "The development plan of your service (standards, Appendix D §2): clear targets, reviewed regularly. "
        "It is the service's, beside your own learning plan (9). g shows the governance register, f feedback."
    )
    """What this screen is for, shown in help."""

    BINDINGS: ClassVar[list[BindingType]] = [*record_bindings("target"), *SWITCH_BINDINGS]
    """Add / edit / delete, and the other practice screens."""

    MODE = "development"
    """The development plan's app mode."""
    RECORD_TYPE = DevelopmentTarget
    """The table holds development targets."""
    SPECS = PLAN_SPECS
    """The target form."""
    NOUN = "target"
    """What a record is called."""
    COLUMNS = ("Review by", "Status", "Target")
    """The table's columns."""
    TABLE_ID = "development-table"
    """The table's id."""
    SUMMARY_ID = "development-summary"
    """The line above the table."""
    PALETTE_NAME = "Development plan"
    """The screen's name in the command palette."""

    def compose(self) -> ComposeResult:
        """The counts, then the targets."""
        yield AreaBar()
        with Vertical(id="development-body"):
            yield Static("", id="development-summary", classes="summary", markup=False)
            yield self.make_table()
            yield Static("", id="record-detail", classes="detail-pane", markup=False)
        yield AppFooter()

    def records(self) -> list[DevelopmentTarget]:
        """Every target, by review date."""
        return sorted(self.app.current_folio.data().development_plan, key=lambda item: (item.review, item.target))

    def row(self, record: Any) -> Sequence[Any]:
        """One target as table cells."""
        status = {"open": "Open", "met": "Met", "dropped": "Dropped"}[record.status]
        if record.is_overdue(self.app.today):
            status = "Open, past its review"
        return (short_date(record.review), status, record.target)

    def describe(self, record: Record) -> str:
        """A target in a few words."""
        return record.target if isinstance(record, DevelopmentTarget) else self.NOUN

    def new_record(self) -> Record | None:
        """A new target starts open."""
        return draft(DevelopmentTarget, status="open")

    def refresh_view(self) -> None:
        """Redraw the counts and the table."""
        self.summary = development_summary(self.app.current_folio.data(), self.app.today)
        self.refresh_table()
