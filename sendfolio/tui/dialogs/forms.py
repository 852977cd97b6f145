"""A form that edits one record, validated by the record type itself.

API::

    from sendfolio.domain.records import CPDEntry, CPD_METHODS
    from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec

    SPECS = (
        FieldSpec("date", "Date", "date"),
        FieldSpec("hours", "Hours", "hours", help="e.g. 1.5"),
        FieldSpec("method", "Method", "choice", options=CPD_METHODS),
        FieldSpec("title", "Title", "text"),
        FieldSpec("learning", "What I learnt", "multiline"),
    )

    def saved(entry: CPDEntry | None) -> None:
        if entry is not None:
            self.app.current_folio.put(entry)      # the caller saves at once

    self.app.push_screen(EditRecordScreen(CPDEntry, SPECS, initial=None, title="New CPD entry"), saved)

`FieldSpec(name, label, kind, options=(), help="")` describes one field; `kind` is one of
`FIELD_KINDS`:

- "text": one-line Input; "date": Input for YYYY-MM-DD or DD/MM/YYYY; "hours": Input for a decimal;
- "multiline": TextArea;
- "choice": Select over `options` (a blank entry too, unless the field is required by the record);
- "yesno": Checkbox (space toggles);
- "list": with `options`, a SelectionList (space toggles each); without, an Input of items separated by ";".

`EditRecordScreen(record_type, specs, initial=None, title="", check=None, focus=None)` is a
`ModalScreen[Record | None]`.
Save (ctrl+s, or the Save button) builds `record_type.from_dict(values)` -- the record's own
validation -- from the initial record's values (so fields without a spec, e.g. `id`, are kept)
overlaid with the form's values. Each `FieldError` is shown under its field in a Label with class
"field-error" (errors of fields without a spec go in `#form-errors`), nothing is dismissed, and
the first bad field gets the focus. A valid record whose free text holds a likely identifier (the
privacy check's findings, with the folio's do-not-print list) is only warned about: the finding
is shown under its field (class "field-warning") and the next ctrl+s with the same values saves.
`check(record) -> list[FieldError]`, if given, adds the
caller's own checks (e.g. a case reference already in use), shown the same way. A valid record
dismisses the screen with it. `focus` names the field the cursor starts in (default: the first). Escape (or
Cancel) with unsaved changes asks first (`leave_form.LeaveFormScreen`): Keep as draft, Discard or Keep
editing; without changes it dismisses with None. Drafts come from its base, `form_drafts.DraftingForm`: kept a
moment after typing stops (encrypted when the folio is), brought back when the same form opens again (only
values the fields can hold; an unreadable draft is said in one line and set aside), removed on save or Discard.

Widget ids: each field's editor is `#field-<name>`, its error label `#error-<name>`.
Styles: `#form-dialog`, `.form-field`, `.field-help`, `.field-error` in styles/app.tcss.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from sendfolio.domain.records import FieldError, InvalidRecord, Record
from sendfolio.domain.wording import count, hours_text, short_date, words
from sendfolio.paths import style_path
from sendfolio.privacy.check import record_findings
from sendfolio.privacy.identifiers import CATEGORY_TITLES, Finding
from sendfolio.tui.dialogs.form_drafts import DraftingForm, draft_word, ref_word
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.ticks import TickBox, TickList
from sendfolio.tui.widgets.writing import WritingArea

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp

FIELD_KINDS = ("text", "multiline", "date", "hours", "choice", "yesno", "list")
"""The kinds of field a form can show."""

PLACEHOLDERS = {"date": "e.g. 2 Mar 2025, 02/03/2025 or 2025-03-02", "hours": "hours as a decimal, e.g. 1.5"}
"""Placeholder text of the inputs that expect a particular form of value."""

KIND_HELP = {
    "date": "Write the date as DD/MM/YYYY (e.g. 02/03/2025), YYYY-MM-DD or 2 Mar 2025.",
    "choice": "Enter opens the list; ↑↓ then Enter chooses.",
    "yesno": "Space ticks or unticks.",
}
"""How to fill each kind of field, added to its help line so a newcomer is never left guessing."""

FORM_HINT = "Tab / shift+Tab: next / previous field · ctrl+s: save · Esc: cancel"
"""The line under a form's title saying how to move around it."""


def field_help(spec: FieldSpec) -> str:
    """A field's help line: its own words, then how to fill its kind (unless the words already say)."""
    how = KIND_HELP.get(spec.kind, "")
    if spec.kind == "list" and spec.options:
        how = "↑↓ move; Space ticks or unticks each."
    if not how or how.split(";")[0].lower() in spec.help.lower() or "space ticks" in spec.help.lower():
        return spec.help
    return f"{spec.help} {how}".strip()


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: the record field's name, its label, and how it is edited."""

    name: str
    """The record field it edits."""
    label: str
    """The words above the editor."""
    kind: str = "text"
    """How it is edited: one of FIELD_KINDS."""
    options: Sequence[str] = ()
    """The choices of a "choice" or "list" field."""
    help: str = ""
    """A line of help under the editor."""
    labels: tuple[tuple[str, str], ...] = ()
    """(option, words) pairs: how a "choice" or "list" field shows an option (default: the option itself)."""
    group: str = ""
    """The heading of the group the field belongs to (shown once, above the group's first field)."""

    def label_of(self, option: str) -> str:
        """The words shown for one option."""
        return dict(self.labels).get(option) or words(option)

    def __post_init__(self) -> None:
        """Refuse a kind the form cannot show."""
        if self.kind not in FIELD_KINDS:
            raise ValueError(f"FieldSpec {self.name}: kind must be one of {', '.join(FIELD_KINDS)}")


def display_value(spec: FieldSpec, value: Any) -> Any:
    """A record's stored value as the field's editor shows it."""
    if spec.kind == "yesno":
        return bool(value)
    if spec.kind == "list":
        items = list(value or ())
        return items if spec.options else "; ".join(items)
    if spec.kind == "choice":
        return value if value in spec.options else Select.NULL
    if value is None:
        return ""
    if spec.kind == "date" and isinstance(value, str) and value:
        try:
            return short_date(date.fromisoformat(value))
        except ValueError:
            return value
    if spec.kind == "hours" and isinstance(value, (int, float)):
        return f"{hours_text(value)}"
    return str(value)


def make_editor(spec: FieldSpec, value: Any) -> Widget:
    """The widget that edits one field, holding `value`."""
    shown = display_value(spec, value)
    editor_id = f"field-{spec.name}"
    if spec.kind == "multiline":
        return WritingArea(shown, id=editor_id, soft_wrap=True, classes="form-textarea")
    if spec.kind == "choice":
        return Select(
            [(Text(spec.label_of(option)), option) for option in spec.options],
            value=shown,
            id=editor_id,
            prompt="(choose)",
            compact=True,
        )
    if spec.kind == "yesno":
        return TickBox(spec.label, shown, id=editor_id)
    if spec.kind == "list" and spec.options:
        selections = [Selection(Text(spec.label_of(option)), option, option in shown) for option in spec.options]
        return TickList(*selections, id=editor_id, classes="form-selection")
    return Input(shown, id=editor_id, placeholder=PLACEHOLDERS.get(spec.kind, ""), compact=True, select_on_focus=False)


def editor_raw(spec: FieldSpec, value: Any) -> Any:
    """The raw value (as `editor_value` reads it) of an editor made to hold `value`."""
    shown = display_value(spec, value)
    if spec.kind == "choice":
        return "" if shown is Select.NULL else shown
    return shown


def editor_value(spec: FieldSpec, editor: Widget) -> Any:
    """The raw value an editor holds, as `Record.from_dict` reads it."""
    if isinstance(editor, TextArea):
        return editor.text
    if isinstance(editor, Select):
        return "" if editor.value is Select.NULL else editor.value
    if isinstance(editor, Checkbox):
        return editor.value
    if isinstance(editor, SelectionList):
        return [option for option in spec.options if option in editor.selected]
    return editor.value if isinstance(editor, Input) else ""


R = TypeVar("R", bound=Record)
"""The kind of record a form edits."""


class EditRecordScreen(DraftingForm[R | None]):
    """Edit one record; dismiss with the valid record, or None when cancelled."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    HELP = (
        "Fill in the fields, then press ctrl+s to save. Tab and shift+Tab move between fields; "
        "Enter opens a list of choices; Space ticks a box. A field with a problem says what is allowed "
        "under it, and nothing is saved until every field is right. Esc leaves, asking first if you "
        "changed anything."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    """ctrl+s saves (from any field); Escape cancels, asking first when something changed."""

    def __init__(
        self,
        record_type: type[R],
        specs: Sequence[FieldSpec],
        initial: R | None = None,
        title: str = "",
        check: Callable[[R], list[FieldError]] | None = None,
        focus: str | None = None,
        shown: Mapping[str, Any] | None = None,
    ) -> None:
        """Keep what to edit; the editors are built in `compose`; `focus` names the field to start in.

        `shown` overrides what some fields show at first (e.g. a blank for a not-yet-held case's
        zero meeting hours), without changing the record.
        """
        super().__init__()
        self.first_focus = focus
        self.shown = dict(shown or {})
        self.check = check
        self.record_type = record_type
        self.specs = tuple(specs)
        self.initial = initial
        self.title_text = title or f"Edit {record_type.KIND}"
        self._start: dict[str, Any] = {}
        self._warned: dict[str, Any] | None = None
        self._last_focused: Widget | None = None

    @property
    def draft_name(self) -> str:
        """The name of this form's draft: the kind of record and which one (its key in the folio), or "new"."""
        from sendfolio.store.layout import TABLES

        table = TABLES.get(self.record_type)
        names = table.key if table is not None else ("id",)
        key = [str(getattr(self.initial, name, "") or "") for name in names]
        if not any(key):
            which = "new"  # a new record, or the only one of its kind (the profile, the PPC's contact)
        elif names == ("id",):
            which = key[0]
        else:  # kept by its reference (a case) or by several fields (an observation: case, criterion, observer)
            which = ref_word(" ".join(key))
        return "form-" + draft_word(f"{self.record_type.KIND} {which}")

    def start_values(self) -> dict[str, Any]:
        """What the fields hold when the form opens: the record, what `shown` overrides, a kept draft over both."""
        start = {**(self.initial.to_dict() if self.initial is not None else {}), **self.shown}
        shown = {spec.name: editor_raw(spec, start.get(spec.name)) for spec in self.specs}
        return {**start, **self.restored_draft(shown)}

    def compose(self) -> ComposeResult:
        """The title, one labelled editor per field (from a kept draft, if any), and the buttons."""
        start = self.start_values()
        with Vertical(id="form-dialog"):
            yield Label(Text(self.title_text), id="form-title")
            yield Label(FORM_HINT, id="form-hint")
            with VerticalScroll(id="form-fields"):
                group = ""
                for spec in self.specs:
                    if spec.group and spec.group != group:
                        yield Label(Text(spec.group), classes="form-group-title")
                    group = spec.group
                    yield from self._compose_field(spec, start.get(spec.name))
                yield Label("", id="form-errors", classes="field-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")
        yield AppFooter()

    def _compose_field(self, spec: FieldSpec, value: Any) -> ComposeResult:
        """One field: its label, editor, help and (empty) error line."""
        with Vertical(classes="form-field"):
            if spec.kind != "yesno":
                yield Label(Text(spec.label), classes="field-label")
            yield make_editor(spec, value)
            if field_help(spec):
                yield Static(Text(field_help(spec)), classes="field-help")
            yield Label("", id=f"error-{spec.name}", classes="field-error")

    def on_mount(self) -> None:
        """Remember the starting values (to spot unsaved changes) and focus the first field."""
        self._start = self.values()
        if self.draft:  # the fields a draft filled count as changed from the record
            start = self.initial.to_dict() if self.initial is not None else {}
            self._start = {**self._start, **{name: start.get(name) for name in self.draft}}
        self.announce_draft()
        self.query_one("#form-errors", Label).display = False
        for label in self.query(".form-field .field-error"):
            label.display = False
        if self.specs:
            self.editor(self.first_focus or self.specs[0].name).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Moving into a field puts the cursor at the end of what it holds: typing adds, never replaces.

        Focus coming back to the same field (after a question) leaves its cursor where it was.
        """
        widget = event.widget
        if widget is self._last_focused:
            return
        self._last_focused = widget
        if isinstance(widget, Input):
            widget.cursor_position = len(widget.value)
        elif isinstance(widget, TextArea):
            widget.move_cursor(widget.document.end)

    def editor(self, name: str) -> Widget:
        """The editor widget of one field."""
        return self.query_one(f"#field-{name}")

    def values(self) -> dict[str, Any]:
        """Every field's raw value, by field name."""
        return {spec.name: editor_value(spec, self.editor(spec.name)) for spec in self.specs}

    def draft_values(self) -> dict[str, Any]:
        """What a draft keeps: every field's raw value."""
        return self.values()

    def draft_fields(self) -> Sequence[FieldSpec]:
        """The fields a draft may fill: all of them."""
        return self.specs

    def has_changes(self) -> bool:
        """True when any field differs from what it held when the form opened."""
        return self.values() != self._start

    def build(self) -> R:
        """The record the form describes; raises `InvalidRecord`."""
        base = self.initial.to_dict() if self.initial is not None else {}
        return self.record_type.from_dict({**base, **self.values()})

    def action_save(self) -> None:
        """Validate and dismiss with the record, or show every problem and stay."""
        try:
            record = self.build()
        except InvalidRecord as invalid:
            self.show_errors(invalid.errors)
            return
        problems = self.check(record) if self.check is not None else []
        if problems:
            self.show_errors(problems)
            return
        if self.warned_of_identifiers(record):
            return
        self.dismiss_saved(record)

    def warned_of_identifiers(self, record: Record) -> bool:
        """Show likely identifiers under their fields and return True, once for the same values."""
        values = self.values()
        if values == self._warned:
            return False
        findings = record_findings(record, getattr(self.app, "folio", None))
        if not findings:
            return False
        self._warned = values
        warnings = [FieldError(name, text) for name, text in warnings_by_field(findings).items()]
        self.show_errors(warnings, warning=True)
        return True

    def show_errors(self, errors: Sequence[Any], *, warning: bool = False) -> None:
        """Put each field's problem (or `warning`) under it; focus the first field named."""
        by_field = _errors_by_field(errors)
        named = {spec.name for spec in self.specs}
        for spec in self.specs:
            label = self.query_one(f"#error-{spec.name}", Label)
            label.update(Text(choices_in_words(spec, by_field.get(spec.name, ""))))
            label.display = spec.name in by_field
            label.set_class(warning, "field-warning")
        others = [f"{name}: {problem}" for name, problem in by_field.items() if name not in named]
        general = self.query_one("#form-errors", Label)
        general.update(Text("\n".join(others)))
        general.display = bool(others)
        general.set_class(warning, "field-warning")
        first = next((spec.name for spec in self.specs if spec.name in by_field), None)
        if first is not None:
            self.editor(first).focus()
            self.query_one(f"#error-{first}").scroll_visible()
        if warning:
            self.notify(SAVE_ANYWAY, title="Possible identifier", severity="warning", markup=False)
        else:
            self.notify(f"Not saved: {count(len(by_field), 'field')} to fix", severity="error")

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    def recheck(self, event: Message) -> None:
        """A field whose problem is on show is checked again as it changes: fixed, its problem goes.
        Any change keeps a draft soon."""
        self.schedule_draft()
        widget = getattr(event, "control", None) or getattr(event, "text_area", None)
        name = (getattr(widget, "id", None) or "").removeprefix("field-")
        if not name:
            return
        labels = self.query(f"#error-{name}")
        if not labels or not labels.first().display:
            return
        try:
            record = self.build()
            left = list(self.check(record)) if self.check is not None else []
        except InvalidRecord as invalid:
            left = invalid.errors
        problem = _errors_by_field(left).get(name)
        label = labels.first(Label)
        spec = next((item for item in self.specs if item.name == name), None)
        label.update(Text(choices_in_words(spec, problem or "") if spec else problem or ""))
        label.display = problem is not None

    @property
    def unsaved_what(self) -> str:
        """The unsaved work, in a few words."""
        return f"the form “{self.title_text}”"

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


SAVE_ANYWAY = "Not saved yet: edit it out, or press ctrl+s again to save it as it is."
"""What the form says after showing a likely identifier."""


def identifier_warning(findings: Sequence[Finding]) -> str:
    """The findings of one field as one warning, e.g. `⚠ looks like a UK postcode: »SW1A 1AA«. ...`."""
    shown = []
    for finding in findings:
        title = CATEGORY_TITLES[finding.category]
        hidden = " (with invisible characters or unusual spaces)" if finding.hidden_characters else ""
        shown.append(f"{'an' if title[0] in 'aeiouN' else 'a'} {title}: »{finding.match}«{hidden}")
    return (
        f"⚠ looks like {' and '.join(shown)}. PDFs and exports are held back while "
        f"{'it stays' if len(findings) == 1 else 'they stay'}; ctrl+s again saves it as it is."
    )


def warnings_by_field(findings: Sequence[Finding]) -> dict[str, str]:
    """One warning per field (a de-brief heading counts as its record field), in order."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.field.split(".")[0], []).append(finding)
    return {name: identifier_warning(items) for name, items in grouped.items()}


def choices_in_words(spec: FieldSpec, problem: str) -> str:
    """A problem of a choice or list field with its options in words ("Co-mediator", not "co-mediator")."""
    if spec.kind not in ("choice", "list") or not spec.options or not problem:
        return problem
    options = sorted(spec.options, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(option) for option in options) + r")(?![\w-])")
    return pattern.sub(lambda found: words(found.group(1)), problem)


def _errors_by_field(errors: Sequence[Any]) -> Mapping[str, str]:
    """Field errors joined per field name, in order."""
    joined: dict[str, str] = {}
    for error in errors:
        joined[error.field] = f"{joined[error.field]}; {error.problem}" if error.field in joined else error.problem
    return joined
