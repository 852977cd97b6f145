"""The case form (every Case field, timeline dates and conduct declarations included) and the de-brief notes editor.

`CaseFormScreen(original, folio, today)` is the shared `EditRecordScreen` over `CASE_SPECS`, with the
case's own checks (`rules.case_refusals`: no case held before its date, under Status; a reference
already in use) and a warning under each timeline date after today (`rules.timeline_date_warning`),
shown as it is typed and when the form opens. `DebriefScreen(case)` edits the Form 3
de-brief: whether it was held, and a note under each heading (`records.DEBRIEF_TITLES`);
it dismisses with the changed, validated case (the caller saves it) or None. Both keep drafts as every
form does (`form_drafts.DraftingForm`); the de-brief's is `form-debrief-<case>`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static, TabbedContent, TabPane, Tabs, TextArea

from sendfolio import rules
from sendfolio.domain.governance import CONDUCT_ANSWERS, CONDUCT_DECLARATIONS
from sendfolio.domain.records import (
    CASE_KINDS,
    CASE_ROLES,
    CASE_STATUSES,
    DEBRIEF_HEADINGS,
    DEBRIEF_TITLES,
    HELD_OUTCOMES,
    Case,
    FieldError,
    InvalidRecord,
)
from sendfolio.paths import style_path
from sendfolio.privacy.check import record_findings
from sendfolio.tui.dialogs.form_drafts import DRAFT_BACK, DraftingForm, ref_word
from sendfolio.tui.dialogs.forms import (
    FORM_HINT,
    SAVE_ANYWAY,
    EditRecordScreen,
    FieldSpec,
    field_help,
    identifier_warning,
    make_editor,
)
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.ticks import TickBox

if TYPE_CHECKING:
    from sendfolio.store.folio import Folio

TIMELINE_LABELS = {
    "decision_notice": "LA decision notice sent",
    "adviser_contacted": "Mediation adviser contacted",
    "mediation_declined": "Adviser told mediation is not wanted",
    "la_informed": "LA told the parent wants mediation",
    "health_commissioner_told": "Health commissioner (ICB) told",
    "date_fixed": "Mediation date fixed",
    "parties_notified": "Parties told of the date",
    "la_unable_to_arrange": "LA cannot arrange it within 30 days",
    "mediation_concluded": "Mediation concluded",
    "certificate_issued": "Certificate issued",
    "agreement_reached": "Agreement reached",
}
"""The case's statutory timeline dates in words (records.TIMELINE_DATES)."""

CASE_DETAIL_SPECS = (
    FieldSpec("ref", "Case reference", "text", help="Letters, digits and - / _ . e.g. SM-2025-014. Never a name."),
    FieldSpec("date", "Date", "date", help="The date of the mediation meeting (or of the case)."),
    FieldSpec(
        "status",
        "Status",
        "choice",
        options=CASE_STATUSES,
        help="Booked until the meeting is held; then Held, with its hours and outcome. "
        "Left blank: Held when an outcome is given, else Booked.",
    ),
    FieldSpec("kind", "Kind", "choice", options=CASE_KINDS),
    FieldSpec("role", "Your role", "choice", options=CASE_ROLES),
    FieldSpec("prep_hours", "Preparation hours", "hours"),
    FieldSpec("meeting_hours", "Meeting hours", "hours", help="Needed once the case is held."),
    FieldSpec("followup_hours", "Follow-up hours", "hours", help="Needed once the case is held."),
    FieldSpec("outcome", "Outcome", "choice", options=HELD_OUTCOMES, help="Needed once the case is held."),
    FieldSpec("issues", "Issues", "list", help="Separate with ; e.g. placement; speech and language therapy"),
    FieldSpec("health_care", "Health care among the issues", "yesno", help="Space ticks or unticks."),
    FieldSpec("notes", "Notes (no names)", "multiline"),
    *(FieldSpec(name, label, "date") for name, label in TIMELINE_LABELS.items()),
    FieldSpec("observed_by", "Observed by", "text", help="The name of who observed you, if anyone (as on their form)."),
    FieldSpec("observed_by_role", "Their role", "text", help="Co-mediator, PPC, manager or mentor."),
    FieldSpec(
        "debriefed",
        "De-brief held after the case",
        "yesno",
        help="Space ticks or unticks. The notes under the Form 3 headings: b on the case log.",
    ),
)
"""Every field of a case but the conduct declarations, in the order the form shows them."""

CASE_HINT = (
    "Write dates as DD/MM/YYYY (e.g. 02/03/2025), YYYY-MM-DD or 2 Mar 2025.\n"
    "Status, kind and role: Enter opens the list; ↑↓ then Enter chooses."
)
"""The hint at the top of the first section: how dates and lists are filled."""

TIMELINE_HINT = "Dates that have happened (optional): DD/MM/YYYY, YYYY-MM-DD or 2 Mar 2025."
"""The one date hint of the timeline section."""

CONDUCT_GROUP = "Conduct of the mediation (standards, Appendix D §3-4)"
"""The heading of the case form's conduct declarations."""

ANSWER_LABELS = (("yes", "Yes"), ("no", "No"), ("not-applicable", "Not applicable"))
"""How a declaration's answers read in the form."""

CONDUCT_SPECS = tuple(
    spec
    for item in CONDUCT_DECLARATIONS
    for spec in (
        FieldSpec(
            item.field,
            f"{item.title} ({item.paragraph})",
            "choice",
            options=CONDUCT_ANSWERS,
            labels=ANSWER_LABELS,
            help=f"{item.question}. Leave blank until answered.",
            group=CONDUCT_GROUP,
        ),
        FieldSpec(item.note_field, "Note", "text", help="How, or why not (optional; no names).", group=CONDUCT_GROUP),
    )
)
"""The conduct declarations of a held case, each answered yes / no / not applicable with a note beside it."""

CASE_SPECS = CASE_DETAIL_SPECS + CONDUCT_SPECS
"""Every field of the case form: the case, then its conduct declarations in their own group."""

CASE_SECTIONS = (
    ("case", "Case", ("ref", "date", "status", "kind", "role")),
    ("hours", "Hours and outcome", ("prep_hours", "meeting_hours", "followup_hours", "outcome")),
    ("issues", "Issues and notes", ("issues", "health_care", "notes")),
    ("timeline", "Timeline", tuple(TIMELINE_LABELS)),
    (
        "debrief",
        "De-brief and conduct",
        ("observed_by", "observed_by_role", "debriefed", *(spec.name for spec in CONDUCT_SPECS)),
    ),
)
"""The case form's sections: (key, title, fields in order); each fits one screen at 80×24."""

assert [name for _, _, names in CASE_SECTIONS for name in names] == [spec.name for spec in CASE_SPECS]


class SectionScroll(VerticalScroll, inherit_bindings=False):
    """A section's fields, scrolling (with the mouse) when a problem line makes them longer than the screen;
    it binds no keys, so PgDn and PgUp are the form's: the next and previous section."""


class CaseFormScreen(EditRecordScreen[Case]):
    """The case form: a new case (`original` None) or an existing one, checked as the rules say."""

    def __init__(
        self,
        original: Case | None,
        folio: Folio,
        today: date,
        *,
        focus: str | None = None,
        shown: dict[str, Any] | None = None,
    ) -> None:
        """Keep the case, the folio (for references in use) and today (for dates still to come)."""
        self.original = original
        self.folio = folio
        self.today = today
        title = "New case" if original is None else f"Case {original.ref}"
        super().__init__(Case, CASE_SPECS, initial=original, title=title, check=self.problems, focus=focus, shown=shown)

    def problems(self, case: Case) -> list[FieldError]:
        """What stops the case being saved: held before its date; a reference another case has."""
        from sendfolio.tui.views.caseops import ref_in_use

        return rules.case_refusals(case, self.today) + ref_in_use(self.folio, case, self.original)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "section(1)", "Next section", priority=True),
        Binding("pageup", "section(-1)", "Previous section", priority=True),
    ]
    """PgDn / PgUp move between the sections (Tab also goes on from a section's last field to the next)."""

    HELP = (
        "The case in five sections: Case, Hours and outcome, Issues and notes, Timeline, De-brief and conduct. "
        "PgDn and PgUp move between them; Tab and shift+Tab move field by field, on into the next section. "
        "The line under the section says how to fill the field you are in. ctrl+s saves from any section; "
        "a problem takes you to its field. Esc leaves, asking first if you changed anything."
    )

    def compose(self) -> ComposeResult:
        """The title, the sections as tabs (one row per field), the focused field's help, and the buttons."""
        start = self.start_values()
        specs = {spec.name: spec for spec in self.specs}
        with Vertical(id="form-dialog", classes="case-form"):
            yield Label(Text(self.title_text), id="form-title")
            yield Label(FORM_HINT, id="form-hint")
            with TabbedContent(id="case-sections"):
                for key, title, names in CASE_SECTIONS:
                    with TabPane(title, id=f"section-{key}"), SectionScroll(classes="case-section"):
                        if key in ("case", "timeline"):
                            yield Static(CASE_HINT if key == "case" else TIMELINE_HINT, classes="field-help")
                        group = ""
                        for name in names:
                            if name.endswith("_note") and name.startswith("conduct_"):
                                continue  # beside its declaration
                            if specs[name].group and specs[name].group != group:
                                yield Label(Text(specs[name].group), classes="form-group-title")
                            group = specs[name].group
                            yield from self._compose_row(specs, name, start)
            yield Static("", id="case-help", classes="field-help")
            yield Label("", id="form-errors", classes="field-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)
        yield AppFooter()

    def _compose_row(self, specs: dict[str, FieldSpec], name: str, start: dict[str, Any]) -> ComposeResult:
        """One field on one row (a declaration with its note beside it), its problem and warning lines under it."""
        spec = specs[name]
        note = specs.get(f"{name}_note") if name.startswith("conduct_") else None
        with Vertical(classes="form-field case-field"):
            with Horizontal(classes="case-row"):
                yield Label(Text("" if spec.kind == "yesno" else spec.label), classes="field-label case-label")
                editor = make_editor(spec, start.get(name))
                if name in TIMELINE_LABELS and isinstance(editor, Input):
                    editor.placeholder = ""  # the section's one hint says how to write a date
                if note is not None:
                    editor.add_class("case-answer")
                yield editor
                if note is not None:
                    note_editor = make_editor(note, start.get(note.name))
                    assert isinstance(note_editor, Input)
                    note_editor.placeholder = "How, or why not"
                    yield note_editor
            yield Label("", id=f"error-{name}", classes="field-error")
            if note is not None:
                yield Label("", id=f"error-{note.name}", classes="field-error")
            if name in TIMELINE_LABELS:
                yield Label("", id=f"warn-{name}", classes="field-error field-warning")

    def section_of(self, name: str) -> tuple[int, tuple[str, ...]]:
        """The index of the section holding the field `name`, and that section's fields."""
        for index, (_key, _title, names) in enumerate(CASE_SECTIONS):
            if name in names:
                return index, names
        return -1, ()

    def reveal(self, name: str) -> Widget:
        """Show the section holding the field `name` and return its editor (to focus)."""
        index, _names = self.section_of(name)
        if index >= 0:
            self.query_one(TabbedContent).active = f"section-{CASE_SECTIONS[index][0]}"
        return self.editor(name)

    def action_section(self, step: int) -> None:
        """Show the next (or previous) section, the cursor in its first field."""
        tabs = self.query_one(TabbedContent)
        keys = [key for key, _title, _names in CASE_SECTIONS]
        index = keys.index(tabs.active.removeprefix("section-")) if tabs.active else 0
        target = (index + step) % len(keys)
        self.set_focus(self.reveal(CASE_SECTIONS[target][2][0]))

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Focus only a field of the section on show: a request for one in a hidden section (a list's own refocus
        after its choice, arriving once PgDn has moved on) keeps the cursor where it is, or puts it in the first
        field shown. Textual would show that field's section again (its tab pane asks to), or, the field being
        hidden, leave the focus nowhere, so the keys typed next would go astray."""
        if widget is not None and self.hidden_section(widget):
            kept = self.focused
            widget = kept if kept is not None and not self.hidden_section(kept) else self.first_shown()
        super().set_focus(widget, scroll_visible, from_app_focus)

    def hidden_section(self, widget: Widget) -> bool:
        """True when `widget` is in a section not on show (once a section is: the form is built)."""
        pane = next((node for node in widget.ancestors if isinstance(node, TabPane)), None)
        active = self.query_one("#case-sections", TabbedContent).active if pane is not None else ""
        return bool(active) and pane is not None and pane.id != active

    def first_shown(self) -> Widget:
        """The first field of the section on show."""
        key = self.query_one("#case-sections", TabbedContent).active.removeprefix("section-")
        return self.editor(next(names[0] for section, _title, names in CASE_SECTIONS if section == key))

    def focus_next(self, selector: Any = "*") -> Widget | None:
        """Tab from a section's last field goes on to the next section's first field."""
        return self._across(1) or super().focus_next(selector)

    def focus_previous(self, selector: Any = "*") -> Widget | None:
        """shift+Tab from a section's first field goes back to the previous section's last field."""
        return self._across(-1) or super().focus_previous(selector)

    def _across(self, step: int) -> Widget | None:
        """Move the focus across a section's edge (and show the next section), or None when not at an edge."""
        name = (getattr(self.focused, "id", None) or "").removeprefix("field-")
        index, names = self.section_of(name)
        if index < 0:
            return None
        edge = names[-1] if step > 0 else names[0]
        target = index + step
        if name != edge or not 0 <= target < len(CASE_SECTIONS):
            return None
        following = CASE_SECTIONS[target][2]
        widget = self.reveal(following[0] if step > 0 else following[-1])
        self.set_focus(widget)
        return widget

    def show_errors(self, errors: Any, *, warning: bool = False) -> None:
        """Every problem under its field; the first one's section shown, with the cursor in it."""
        super().show_errors(errors, warning=warning)
        names = {error.field for error in errors}
        first = next((spec.name for spec in self.specs if spec.name in names), None)
        if first is not None:
            self.set_focus(self.reveal(first))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The cursor at the end of the field (as in every form); the line under the sections says how to fill it."""
        super().on_descendant_focus(event)
        name = (event.widget.id or "").removeprefix("field-")
        spec = next((item for item in self.specs if item.name == name), None)
        words = "" if spec is None or name in TIMELINE_LABELS else field_help(spec)
        if spec is None and isinstance(event.widget, Tabs):
            words = "←→ choose a section; Tab goes into it."
        self.query_one("#case-help", Static).update(Text(words))

    @on(Mount)
    def _flag_dates(self) -> None:
        """Flag the timeline dates already after today; show the section of the field the cursor starts in."""
        for name in TIMELINE_LABELS:
            self.show_date_warning(name)
        if self.first_focus:
            self.set_focus(self.reveal(self.first_focus))

    def show_date_warning(self, name: str) -> None:
        """Show (or clear) the warning under one timeline date, as its field now reads."""
        label = self.query_one(f"#warn-{name}", Label)
        warning = rules.timeline_date_warning(name, self.values()[name], self.today)
        label.update(Text(warning))
        label.display = bool(warning)

    @on(Input.Changed)
    def _date_typed(self, event: Input.Changed) -> None:
        """A timeline date typed: say at once if it is after today."""
        name = (event.input.id or "").removeprefix("field-")
        if name in TIMELINE_LABELS:
            self.show_date_warning(name)


DEBRIEF_FIELDS = (
    FieldSpec("debriefed", "De-brief held", "yesno"),
    *(FieldSpec(heading, DEBRIEF_TITLES[heading], "multiline") for heading in DEBRIEF_HEADINGS),
)
"""The de-brief's fields, as its draft keeps them: held, and the note under each heading."""


class DebriefScreen(DraftingForm[Case | None]):
    """Edit a case's de-brief (Form 3 headings); dismiss with the changed case, or None."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    HELP = "Your de-brief and supervision notes for this case, under the headings of Form 3."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    """ctrl+s saves; Escape cancels (asking first when something changed)."""

    def __init__(self, case: Case) -> None:
        """Keep the case whose de-brief is edited."""
        super().__init__()
        self.case = case
        notes = {heading: case.debrief.get(heading, "") for heading in DEBRIEF_HEADINGS}
        self._start: dict[str, Any] = {"debriefed": case.debriefed, "debrief": notes}
        self._warned: dict[str, Any] | None = None
        self._last_note: Widget | None = None

    @property
    def draft_name(self) -> str:
        """The name of this de-brief's draft: the case it belongs to."""
        return "form-debrief-" + ref_word(self.case.ref)

    def draft_fields(self) -> tuple[FieldSpec, ...]:
        """Held, and a note under each heading."""
        return DEBRIEF_FIELDS

    def draft_values(self) -> dict[str, Any]:
        """The de-brief, flat: held, and each heading's note."""
        values = self.values()
        return {"debriefed": values["debriefed"], **values["debrief"]}

    def has_changes(self) -> bool:
        """True when the de-brief differs from the case's."""
        return self.values() != self._start

    @property
    def unsaved_what(self) -> str:
        """The unsaved work, in a few words."""
        return f"the de-brief of case {self.case.ref}"

    def compose(self) -> ComposeResult:
        """A checkbox, then a text area under each Form 3 heading (from a kept draft, if any)."""
        start = {"debriefed": self.case.debriefed, **self._start["debrief"]}
        start.update(self.restored_draft(start))
        with Vertical(id="form-dialog"):
            yield Label(Text(f"De-brief of case {self.case.ref}"), id="form-title")
            if self.draft:
                yield Label(DRAFT_BACK, id="form-hint", classes="-draft")
            with VerticalScroll(id="form-fields"):
                yield TickBox("De-brief held", start["debriefed"], id="field-debriefed")
                for heading in DEBRIEF_HEADINGS:
                    yield Label(DEBRIEF_TITLES[heading], classes="field-label")
                    yield TextArea(
                        start[heading],
                        id=f"field-{heading}",
                        soft_wrap=True,
                        classes="debrief-area",
                    )
                yield Label("", id="form-errors", classes="field-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        """Say whether a draft is back, and focus the checkbox."""
        self.query_one("#form-errors").display = False
        self.query_one("#field-debriefed").focus()
        self.announce_draft()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Moving into a note puts the cursor at its end (as in every form): typing adds, never lands in front.
        Coming back to the same note (after a question) leaves the cursor where it was."""
        if isinstance(event.widget, TextArea) and event.widget is not self._last_note:
            event.widget.move_cursor(event.widget.document.end)
        self._last_note = event.widget

    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        """Any change keeps a draft soon."""
        self.schedule_draft()

    def values(self) -> dict[str, Any]:
        """The de-brief as the form holds it: held, and the notes by heading."""
        notes = {heading: self.query_one(f"#field-{heading}", TextArea).text for heading in DEBRIEF_HEADINGS}
        return {"debriefed": self.query_one("#field-debriefed", Checkbox).value, "debrief": notes}

    def action_save(self) -> None:
        """Dismiss with the validated case, or show what is wrong."""
        try:
            case = self.case.with_changes(**self.values())
        except InvalidRecord as invalid:
            errors = self.query_one("#form-errors", Label)
            errors.update(Text("\n".join(str(error) for error in invalid.errors)))
            errors.set_class(False, "field-warning")
            errors.display = True
            return
        if self._warned_of_identifiers(case):
            return
        self.dismiss_saved(case)

    def _warned_of_identifiers(self, case: Case) -> bool:
        """Show likely identifiers in the de-brief and return True, once for the same notes."""
        values = self.values()
        if values == self._warned:
            return False
        findings = [
            item for item in record_findings(case, getattr(self.app, "folio", None)) if item.field.startswith("debrief")
        ]
        if not findings:
            return False
        self._warned = values
        errors = self.query_one("#form-errors", Label)
        lines = [f"{DEBRIEF_TITLES[item.field.split('.', 1)[1]]}: {identifier_warning([item])}" for item in findings]
        errors.update(Text("\n".join(lines)))
        errors.set_class(True, "field-warning")
        errors.display = True
        self.notify(SAVE_ANYWAY, title="Possible identifier", severity="warning", markup=False)
        return True

    @on(Button.Pressed, "#form-save")
    def _form_save(self, event: Button.Pressed) -> None:
        """The Save button."""
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _form_cancel(self, event: Button.Pressed) -> None:
        """The Cancel button."""
        event.stop()
        self.action_cancel()
