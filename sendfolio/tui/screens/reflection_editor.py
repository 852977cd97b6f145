"""The reflection editor: details, a Markdown editor and a live preview side by side.

The editor builds the record with `Reflection.from_dict`, so a bad date or a
number of hours out of range is reported beside the form exactly as the CSV
import or a JSON backup would report it. Saving puts the record in the folio at
once; leaving with unsaved changes asks first. A likely identifier in the text is warned
about under the form, and the next ctrl+s with the same text saves it as it is.

While there are unsaved changes, a draft is kept a moment after typing stops
(`sendfolio.store.drafts`: beside the folio, encrypted when the folio is). Opening the
same reflection (or a new one) again offers that draft: Restore fills the editor, Discard
removes it, Esc ("not now") keeps it and goes back to the list, which shows it. Saving
removes it. Esc with changes asks as every form does (`leave_form.LeaveFormScreen`): Keep as
draft, Discard or Keep editing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Markdown, Select, Static, TextArea
from textual.widgets.text_area import LanguageDoesNotExist

from sendfolio.domain.records import InvalidRecord, Reflection
from sendfolio.domain.wording import hours_text, short_date
from sendfolio.paths import style_path
from sendfolio.privacy.check import record_findings
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.forms import SAVE_ANYWAY, warnings_by_field
from sendfolio.tui.screens.record_screen import binding_commands
from sendfolio.tui.support.saving import large, saving
from sendfolio.tui.views.reflection_templates import word_count
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.writing import WritingArea

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp

DRAFT_DELAY = 2.0
"""Seconds of quiet typing before the draft is kept."""

PREVIEW_DELAY = 0.25
"""Seconds of quiet typing before the preview is redrawn."""

TEXT_FIELDS = ("date", "hours", "title")
"""The reflection's fields typed into an Input, in form order."""

CHOICE_FIELDS = ("case", "cpd")
"""The reflection's fields chosen from a list of the folio's records."""


def markdown_editor(body: str) -> WritingArea:
    """A TextArea for Markdown, highlighted when tree-sitter's Markdown grammar is installed."""
    editor = WritingArea(body, id="body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
    try:
        editor.language = "markdown"
    except LanguageDoesNotExist:
        editor.language = None
    return editor


class ReflectionEditor(Screen[Reflection | None]):
    """Write or edit one reflection; dismisses with the saved record, or None when left (Esc, or another area
    chosen while nothing is unsaved: `app.leave_area_screens` dismisses it)."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    TITLE = "Reflection editor"
    """The screen's name in help."""

    HELP = (
        "Write in Markdown on the left (## for a heading, - for a list, _text_ for emphasis); the preview "
        "on the right shows how it will read. ctrl+s saves; Esc goes back, asking first if you have unsaved "
        "changes. F3 hides the preview for more room."
    )

    CSS_PATH = style_path("records.tcss")
    """The records screens' styles."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the reflection (checked first)"),
        Binding("escape", "leave", "Back", tooltip="Back to the list; asks first if there are unsaved changes"),
        Binding("f3", "toggle_preview", "Preview", tooltip="Show or hide the preview"),
    ]
    """Save, leave (asking if there are unsaved changes), show or hide the preview."""

    PALETTE_NAME = "Reflection"
    """The screen's name in the command palette."""

    def palette_commands(self) -> list:
        """This screen's keys, offered in the command palette."""
        return binding_commands(self)

    words: var[int] = var(0, init=False)
    """Words written so far in the body, shown under the editor."""

    state: var[str] = var("", init=False)
    """Whether what is on the form is saved, has unsaved changes, or is not saved yet."""

    problems: var[tuple[str, bool]] = var(("", False), init=False)
    """What is wrong with the form (one line per field), and whether it is only a warning; shown under the details."""

    preview_shown: var[bool] = var(True, init=False)
    """Whether the preview is beside the editor (F3 hides it, giving the editor the whole width)."""

    def __init__(self, reflection: Reflection | None = None, *, body: str = "", heading: str = "") -> None:
        """Edit `reflection`, or start a new one from `body` (a template's Markdown)."""
        super().__init__()
        self.reflection = reflection
        self.heading = heading or ("Edit reflection" if reflection else "New reflection")
        self.initial = self._raw_from(reflection, body)
        self._preview_timer: Timer | None = None
        self._draft_timer: Any = None
        self._keep_kept_draft = False
        self._warned: dict[str, str] | None = None

    def _raw_from(self, reflection: Reflection | None, body: str) -> dict[str, str]:
        """The form's starting values as text."""
        if reflection is None:
            return {"date": short_date(self.app.today), "hours": "", "title": "", "body": body, "case": "", "cpd": ""}
        raw = reflection.to_dict()
        values = {key: str(raw.get(key) or "") for key in (*TEXT_FIELDS, "body", *CHOICE_FIELDS)}
        return {**values, "date": short_date(reflection.date), "hours": hours_text(reflection.hours)}

    def compose(self) -> ComposeResult:
        """Details on two lines, errors, then the editor beside the preview."""
        yield AreaBar()
        with Vertical(id="reflection-form"):
            yield Static(self.heading, id="editor-heading", markup=False)
            with Horizontal(classes="form-line"):
                yield Label("Date", classes="field-label")
                yield Input(self.initial["date"], id="date", placeholder="e.g. 2 Mar 2025", compact=True)
                yield Label("Hours", classes="field-label")
                yield Input(self.initial["hours"], id="hours", placeholder="e.g. 0.5", compact=True)
                yield Label("Title", classes="field-label")
                yield Input(self.initial["title"], id="title", placeholder="what it is about", compact=True)
            with Horizontal(classes="form-line"):
                yield Label("Case", classes="field-label")
                yield self._case_select()
                yield Label("CPD", classes="field-label")
                yield self._cpd_select()
            yield Static("", id="errors", markup=False)
        with Horizontal(id="writing"):
            yield markdown_editor(self.initial["body"])
            yield Markdown(self.initial["body"], id="preview", open_links=False)
        yield Static("", id="word-count", markup=False)
        yield AppFooter()

    def _case_select(self) -> Select:
        """A list of the folio's cases by reference, newest first."""
        cases = sorted(self.app.current_folio.cases(), key=lambda case: case.date, reverse=True)
        options = [(Text(f"{case.ref} ({short_date(case.date)})"), case.ref) for case in cases]
        return self._select("case", options, "no case")

    def _cpd_select(self) -> Select:
        """A list of the CPD diary's entries, newest first."""
        entries = sorted(self.app.current_folio.cpd(), key=lambda entry: entry.date, reverse=True)
        options = [(Text(f"{short_date(entry.date)} {entry.title}"), entry.id) for entry in entries]
        return self._select("cpd", options, "no CPD entry")

    def _select(self, name: str, options: list[tuple[Text, str]], prompt: str) -> Select:
        """A compact Select with a blank choice, keeping the current value even if its record has gone."""
        value = self.initial[name]
        if value and value not in {option[1] for option in options}:
            options.append((Text(f"{value} (no longer in the folio)"), value))
        return Select(options, id=name, prompt=prompt, value=value or Select.NULL, compact=True)

    def on_mount(self) -> None:
        """Show the word count and put the cursor where writing starts."""
        self._show_word_count()
        self.watch_problems(self.problems)
        self.query_one("#title" if not self.initial["title"] else "#body").focus()
        self._offer_draft()

    # -- drafts ----------------------------------------------------------------------

    @property
    def draft_name(self) -> str:
        """The name of this reflection's draft."""
        which = self.reflection.id if self.reflection is not None and self.reflection.id else "new"
        return "reflection-" + "".join(c if c.isascii() and c.isalnum() else "-" for c in which.lower())[:60]

    def _offer_draft(self) -> None:
        """Offer a draft kept from last time, if it differs from what the editor holds."""
        from sendfolio.store.drafts import discard_draft, load_draft

        kept = load_draft(self.app.current_folio, self.draft_name)
        if not kept or {key: kept.get(key, "") for key in self.initial} == self.initial:
            if kept:
                discard_draft(self.app.current_folio, self.draft_name)
            return
        title = kept.get("title") or "untitled"
        words = word_count(str(kept.get("body", "")))
        self._ask_about_draft(
            kept, f"An unsaved draft of this reflection was kept (“{title}”, {words} words). Restore it?"
        )

    @work(exclusive=True, group="reflection-asking")
    async def _ask_about_draft(self, kept: dict[str, Any], question: str) -> None:
        """Ask whether to restore the draft kept, then act on the answer (`_draft_answered`)."""
        restore = await self.app.push_screen_wait(
            ConfirmScreen(question, yes_label="Restore", no_label="Discard", not_now=True)
        )
        self._draft_answered(restore, kept)

    def _draft_answered(self, restore: bool | None, kept: dict[str, Any]) -> None:
        """Fill the editor from the draft; forget it only on Discard; on Esc ("not now") keep it and leave.

        Leaving keeps the draft whole: typing here would soon overwrite it with the new text.
        The list shows the kept draft until it is restored or discarded.
        """
        from textual.widgets.select import InvalidSelectValueError

        from sendfolio.store.drafts import discard_draft

        if restore is None:
            self._keep_kept_draft = True
            self.dismiss(None)
            return
        if not restore:
            discard_draft(self.app.current_folio, self.draft_name)
            return
        for name in TEXT_FIELDS:
            self.query_one(f"#{name}", Input).value = str(kept.get(name, ""))
        for name in CHOICE_FIELDS:
            select = self.query_one(f"#{name}", Select)
            value = str(kept.get(name, ""))
            try:
                select.value = value or Select.NULL
            except InvalidSelectValueError:
                select.value = Select.NULL
        self.query_one("#body", TextArea).text = str(kept.get("body", ""))
        self._show_word_count()

    def _schedule_draft(self) -> None:
        """Keep a draft once typing pauses."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._autosave)

    def _autosave(self) -> None:
        """Keep the draft now if there are unsaved changes (a failure to write it is only noted)."""
        if not self.is_mounted or not self.is_dirty():
            return
        try:
            self.keep_draft()
        except OSError as error:
            self.notify(f"The draft could not be kept: {error.strerror or error}", severity="warning")

    def keep_draft(self) -> None:
        """Write the draft of what the editor holds."""
        from sendfolio.store.drafts import save_draft

        save_draft(self.app.current_folio, self.draft_name, self.raw())

    def forget_draft(self) -> None:
        """Remove the draft (saved or discarded); one set aside for later ("not now") stays."""
        from sendfolio.store.drafts import discard_draft

        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self._keep_kept_draft:
            return
        try:
            discard_draft(self.app.current_folio, self.draft_name)
        except OSError:
            pass

    @property
    def unsaved_what(self) -> str:
        """The unsaved work, in a few words."""
        title = self.query_one("#title", Input).value.strip()
        return f"the reflection “{title}”" if title else "a new reflection"

    def has_unsaved_changes(self) -> bool:
        """True when the editor holds changes not saved."""
        return self.is_mounted and self.is_dirty()

    def save_unsaved(self) -> None:
        """Save as ctrl+s does, at once whatever the folio's size: the app closes next, once the form is saved (the
        editor stays open showing any problem)."""
        self._save(at_once=True)

    def on_input_changed(self) -> None:
        """A detail changed: keep a draft soon."""
        if self.is_mounted:
            self._schedule_draft()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Update the word count at once and the preview after a pause in typing."""
        self._show_word_count()
        self._schedule_draft()
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._refresh_preview)

    def _refresh_preview(self) -> None:
        """Render the Markdown being written into the preview."""
        self.query_one("#preview", Markdown).update(self.query_one("#body", TextArea).text)

    def _show_word_count(self) -> None:
        """Count the words written so far, and whether there are unsaved changes (drawn as they change)."""
        self.words = word_count(self.query_one("#body", TextArea).text)
        self.state = "unsaved changes" if self.is_dirty() else "saved" if self.reflection else "not saved yet"

    def watch_words(self) -> None:
        """Redraw the word count."""
        self._draw_word_count()

    def watch_state(self) -> None:
        """Redraw the word count with the new state."""
        self._draw_word_count()

    def _draw_word_count(self) -> None:
        """Words written so far, and whether there are unsaved changes."""
        self.query_one("#word-count", Static).update(f"{self.words} words · {self.state}")

    def raw(self) -> dict[str, str]:
        """The form's current values as text, keyed by the reflection's field names."""
        raw = {name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}
        for name in CHOICE_FIELDS:
            value = self.query_one(f"#{name}", Select).value
            raw[name] = "" if value is Select.NULL else str(value)
        raw["body"] = self.query_one("#body", TextArea).text
        return raw

    def is_dirty(self) -> bool:
        """True when the form differs from what was last saved or loaded."""
        return self.raw() != self.initial

    def action_save(self) -> None:
        """Validate with `Reflection.from_dict`; put it in the folio (a large one off the screen's thread), or show
        each error inline."""
        self._save(at_once=False)

    def _save(self, at_once: bool) -> None:
        """Validate, then save: on the screen's thread when `at_once` or the folio is small, else in a thread."""
        raw: dict[str, Any] = self.raw()
        if self.reflection is not None:
            raw["id"] = self.reflection.id
        try:
            record = Reflection.from_dict(raw).checked_for_saving()
        except InvalidRecord as invalid:
            self._show_errors(invalid)
            return
        if self._warned_of_identifiers(record, raw):
            return
        folio = self.app.current_folio
        if at_once or not large(folio):
            self._saved(folio.put(record))
        else:
            self._save_in_thread(folio, record)

    @work(exclusive=True, group="reflection-save")
    async def _save_in_thread(self, folio: Any, record: Reflection) -> None:
        """Save a large folio's reflection off the screen's thread; what the save raises is reported as ever."""
        self._saved(await saving(folio, folio.put, record))

    def _saved(self, saved: Reflection) -> None:
        """The reflection stands in the file: its draft goes, and the editor closes (if it is still on show)."""
        self.forget_draft()
        self.notify(f"Reflection saved: {saved.title}", markup=False)
        if self.app.screen is self:
            self.dismiss(saved)

    def _warned_of_identifiers(self, record: Reflection, raw: dict[str, Any]) -> bool:
        """Show likely identifiers under the form and return True, once for the same text."""
        if raw == self._warned:
            return False
        findings = record_findings(record, self.app.current_folio)
        if not findings:
            return False
        self._warned = raw
        self.problems = ("\n".join(f"{name}: {text}" for name, text in warnings_by_field(findings).items()), True)
        self.notify(SAVE_ANYWAY, title="Possible identifier", severity="warning", markup=False)
        return True

    def _show_errors(self, invalid: InvalidRecord) -> None:
        """List each field's problem under the form and mark the field."""
        bad = {error.field for error in invalid.errors}
        for name in (*TEXT_FIELDS, *CHOICE_FIELDS):
            self.query_one(f"#{name}").set_class(name in bad, "-invalid")
        self.problems = ("\n".join(f"⚠ {error}" for error in invalid.errors), False)
        first = next((name for name in (*TEXT_FIELDS, *CHOICE_FIELDS) if name in bad), "body")
        self.query_one(f"#{first}").focus()

    def watch_problems(self, problems: tuple[str, bool]) -> None:
        """Show what is wrong under the details (marked as a warning when it is one), or nothing."""
        text, warning = problems
        errors = self.query_one("#errors", Static)
        errors.update(text)
        errors.set_class(warning, "-warning")
        errors.display = bool(text)

    def action_leave(self) -> None:
        """Go back to the list, asking first when there are unsaved changes."""
        if not self.is_dirty():
            self.forget_draft()
            self.dismiss(None)
            return
        self._ask_before_leaving()

    @work(exclusive=True, group="reflection-asking")
    async def _ask_before_leaving(self) -> None:
        """Ask as every form does: keep the changes as a draft (the list shows it), discard them, or keep editing."""
        from sendfolio.tui.dialogs.leave_form import LeaveFormScreen

        answer = await self.app.push_screen_wait(LeaveFormScreen(self.unsaved_what))
        if answer == "draft":
            try:
                self.keep_draft()
            except OSError as error:  # never leave on changes that were not kept
                self.notify(f"The draft could not be kept: {error.strerror or error}", severity="error")
                return
            self._keep_kept_draft = True
            self.forget_draft()  # stops the timer; the draft just kept stays
            self.dismiss(None)
        elif answer == "discard":
            self.forget_draft()
            self.dismiss(None)

    def action_toggle_preview(self) -> None:
        """Show or hide the preview, giving the editor the whole width."""
        self.preview_shown = not self.preview_shown

    def watch_preview_shown(self, shown: bool) -> None:
        """Show or hide the preview."""
        self.query_one("#preview", Markdown).display = shown
