"""A form's draft: kept as the reflection editor keeps its own, offered back, and read as a door from outside.

API::

    class MyForm(DraftingForm[Record | None]):
        draft_name = "form-cpd-new"          # a property: the kind of record and which one
        def draft_fields(self): ...           # the fields (name, kind, options) a draft may fill
        def draft_values(self): ...           # what the fields hold, flat, by field name
        def has_changes(self): ...            # True when a field differs from the record
        def action_save(self): ...            # validate, then `self.dismiss_saved(record)`

    values, problem = kept_values(folio, "form-case-new", fields)

`DraftingForm` is the base of `forms.EditRecordScreen` and the de-brief (`case_form.DebriefScreen`).
`restored_draft(record)` (in `compose`) reads the kept draft (one holding only what the fields show
without it, `record`, is removed); `announce_draft()` (in `on_mount`) says it is back on the form's hint
line (`#form-hint`, `DRAFT_BACK`), or says in one line why it could not be used; `schedule_draft()` (on every change) keeps a draft
`FORM_DRAFT_DELAY` seconds after typing stops; Escape with changes asks (`leave_form.LeaveFormScreen`,
from a worker): Keep as draft, Discard (the draft goes too) or Keep editing; Escape without changes closes
and drops a draft that holds nothing the record does not. `dismiss_saved(result)` closes and removes the
draft once the caller has saved the record (the app's folio revision moved; a large folio's save in its
thread is waited for). Drafts go through `store.drafts`: encrypted when the folio is. `draft_word` and
`ref_word` make the names: a case reference that could be read as another gets a digest, so a case's
draft is never offered in another case's form.

A draft file may be damaged, written under another passphrase, a link or pipe, too large, or written
by hand to break the app: `store.drafts.read_draft` refuses the file (it is set aside, never deleted),
and `fitting` refuses a value a field cannot show (a number where ticks go, a mapping for a date, a list
of a million issues, a text longer than any record allows), so restoring a draft never raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual import getters, work
from textual.screen import ModalScreen
from textual.widgets import Label

from sendfolio.domain.wording import count

if TYPE_CHECKING:
    from textual.timer import Timer

    from sendfolio.store.folio import Folio
    from sendfolio.tui.support.host import HostApp

LONGEST_LINE = 2_000
"""The most characters a one-line field takes back from a draft."""

LONGEST_TEXT = 100_000
"""The most characters a longer field takes back from a draft."""

MOST_ITEMS = 200
"""The most items a list field takes back from a draft."""

FORM_DRAFT_DELAY = 2.0
"""Seconds of quiet typing before a form's draft is kept."""

DRAFT_BACK = "Your draft is back: ctrl+s saves it; Esc, then Discard, forgets it."
"""What a form says under its title when a kept draft fills it."""

LEFT_OUT = object()
"""What `fitting` returns for a value the field cannot hold."""


class DraftField(Protocol):
    """What a draft needs to know of a field (`forms.FieldSpec` is one)."""

    @property
    def name(self) -> str:
        """The field's name in the draft."""
        ...

    @property
    def kind(self) -> str:
        """One of `forms.FIELD_KINDS`."""
        ...

    @property
    def options(self) -> Sequence[str]:
        """The choices of a "choice" or "list" field."""
        ...


def draft_word(text: str) -> str:
    """Text as part of a draft file's name: lower-case letters, digits and single dashes."""
    plain = "".join(char if char.isascii() and char.isalnum() else "-" for char in text.lower())[:70]
    return "-".join(part for part in plain.split("-") if part)


def ref_word(ref: str) -> str:
    """A case reference as part of a draft's name: its plain form (`SM-2025-014` → `sm-2025-014`), with a digest of
    the reference when that form could stand for another reference too (`SM/2025/014`, `sm-2025-014`), so that a
    case's draft is never offered in another case's form."""
    word = draft_word(ref)
    if word.upper() == ref:
        return word
    return f"{word[:40]}-{hashlib.sha256(ref.encode('utf-8')).hexdigest()[:10]}"


def fitting(spec: DraftField, value: Any) -> Any:
    """`value` as the field `spec` can show it, or `LEFT_OUT`."""
    if spec.kind == "yesno":
        return value if isinstance(value, bool) else LEFT_OUT
    if spec.kind == "list" and spec.options:
        if not isinstance(value, list) or len(value) > MOST_ITEMS:
            return LEFT_OUT
        return [item for item in value if isinstance(item, str) and item in spec.options]
    if spec.kind == "list" and isinstance(value, list):
        items = [item for item in value[:MOST_ITEMS] if isinstance(item, str)]
        value = "; ".join(items)
    if spec.kind == "choice":
        return value if isinstance(value, str) and (value in spec.options or value == "") else LEFT_OUT
    if isinstance(value, (int, float)) and not isinstance(value, bool) and spec.kind == "hours":
        value = str(value)
    if not isinstance(value, str):
        return LEFT_OUT
    longest = LONGEST_TEXT if spec.kind == "multiline" else LONGEST_LINE
    return value if len(value) <= longest else LEFT_OUT


def kept_values(folio: Folio, name: str, specs: Sequence[DraftField]) -> tuple[dict[str, Any], str]:
    """The usable values of the draft `name` for the fields `specs`, and one line on what could not be used."""
    from sendfolio.store.drafts import UnreadableDraft, read_draft, set_aside

    try:
        kept = read_draft(folio, name)
    except UnreadableDraft as unreadable:
        try:
            where = f"it is set aside as drafts/{set_aside(folio, name).name}"
        except OSError:
            where = "it stays in the drafts folder"
        return {}, f"A draft of this form could not be used: {unreadable}; {where}."
    if not kept:
        return {}, ""
    values: dict[str, Any] = {}
    left_out = 0
    for spec in specs:
        if spec.name not in kept:
            continue
        value = fitting(spec, kept[spec.name])
        if value is LEFT_OUT:
            left_out += 1
        else:
            values[spec.name] = value
    problem = (
        f"Part of the draft of this form could not be used: {count(left_out, 'field')} left as saved."
        if left_out
        else ""
    )
    return values, problem


ResultT = TypeVar("ResultT")
"""What the form dismisses with."""


class DraftingForm(ModalScreen[ResultT]):
    """A form whose typing is never lost: drafts kept, offered back, and Escape asking what becomes of them."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    def __init__(self) -> None:
        """No draft read yet."""
        super().__init__()
        self.draft: dict[str, Any] = {}
        """The values restored from a kept draft when the form opened (empty: none)."""
        self._draft_problem = ""
        self._draft_timer: Timer | None = None
        self._drafts_stopped = False  # never `_closing`: Textual's message pump has its own

    # -- what each form says about itself ------------------------------------------------

    @property
    def draft_name(self) -> str:
        """The name of this form's draft (`store.drafts`): its kind of record and which one."""
        raise NotImplementedError

    def draft_fields(self) -> Sequence[DraftField]:
        """The fields a draft may fill."""
        raise NotImplementedError

    def draft_values(self) -> dict[str, Any]:
        """What the fields hold, flat, by field name."""
        raise NotImplementedError

    def has_changes(self) -> bool:
        """True when a field differs from the record."""
        raise NotImplementedError

    def action_save(self) -> None:
        """Validate and `dismiss_saved`, or show what is wrong."""
        raise NotImplementedError

    @property
    def unsaved_what(self) -> str:
        """The unsaved work, in a few words (for the questions)."""
        raise NotImplementedError

    # -- the draft ---------------------------------------------------------------------

    def _folio(self) -> Folio | None:
        """The open folio, None before one is open."""
        folio = getattr(self.app, "folio", None)
        return folio if folio is not None and hasattr(folio, "data_dir") else None

    def restored_draft(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """The usable values of a draft kept of this form (left with Keep as draft, or when sendfolio closed).

        `record` is what the fields show without it; a draft holding nothing else is removed, not offered.
        """
        from sendfolio.store.drafts import discard_draft

        folio = self._folio()
        if folio is None:
            return self.draft
        self.draft, self._draft_problem = kept_values(folio, self.draft_name, self.draft_fields())
        if self.draft and all(record.get(name) == value for name, value in self.draft.items()):
            self.draft = {}
            if not self._draft_problem:
                with contextlib.suppress(OSError):
                    discard_draft(folio, self.draft_name)
        return self.draft

    def announce_draft(self) -> None:
        """Say that a kept draft is back (on the form's hint line, under its title: never over its buttons), or
        in one line why one could not be used."""
        hints = self.query("#form-hint")
        if self.draft and hints:
            hints.first(Label).update(DRAFT_BACK)
            hints.first().add_class("-draft")
        elif self.draft:
            self.notify(DRAFT_BACK, title="Draft restored", timeout=8)
        if self._draft_problem:
            self.notify(self._draft_problem, title="Draft", severity="warning", timeout=10, markup=False)

    def schedule_draft(self) -> None:
        """Keep a draft once typing pauses (as the reflection editor does)."""
        if self._drafts_stopped or not self.is_mounted:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(FORM_DRAFT_DELAY, self._autosave)

    def _autosave(self) -> None:
        """Keep the draft now if the form has changes (a failure to write it is said, never raised)."""
        if self._drafts_stopped or not self.is_mounted or self._folio() is None or not self.has_changes():
            return
        try:
            self.keep_draft()
        except OSError as error:
            self.notify(f"The draft could not be kept: {error.strerror or error}", severity="warning")

    def keep_draft(self) -> None:
        """Keep the fields as a draft, offered back when this form is next opened; raises OSError."""
        from sendfolio.store.drafts import save_draft

        folio = self._folio()
        if folio is None:
            raise OSError("no folio is open to keep it beside")
        save_draft(folio, self.draft_name, json.loads(json.dumps(self.draft_values(), default=str)))

    def stop_drafting(self) -> None:
        """No more drafts from this form (it is closing)."""
        self._drafts_stopped = True
        if self._draft_timer is not None:
            self._draft_timer.stop()

    def forget_draft(self, app: Any = None) -> None:
        """Remove this form's kept draft (saved, or discarded by the mediator)."""
        from sendfolio.store.drafts import discard_draft

        self.stop_drafting()
        folio = getattr(app or self.app, "folio", None)
        if folio is not None and hasattr(folio, "data_dir"):
            with contextlib.suppress(OSError):
                discard_draft(folio, self.draft_name)

    def dismiss_saved(self, result: ResultT) -> None:
        """Close with the record to save; its draft goes once the caller has saved it (the folio changed)."""
        app = self.app
        revision = getattr(app, "revision", None)
        self.stop_drafting()
        self.dismiss(result)
        app.call_after_refresh(self._forget_draft_if_saved, app, revision)

    def _forget_draft_if_saved(self, app: Any, revision: int | None) -> None:
        """Remove the kept draft once the form's record is saved (the app's folio changed since); while a large
        folio's save is still under way in its thread, look again after the next refresh; a save that never came
        (or failed) leaves the draft."""
        from sendfolio.tui.support.saving import under_way

        if getattr(app, "revision", None) != revision:
            self.forget_draft(app)
        elif under_way():
            app.call_after_refresh(self._forget_draft_if_saved, app, revision)

    # -- leaving -----------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """True when a field was changed and not saved (the app asks before quitting)."""
        return self.is_mounted and self.has_changes()

    def save_unsaved(self) -> None:
        """Save as ctrl+s does (the form stays open showing any problem)."""
        self.action_save()

    def action_cancel(self) -> None:
        """Close without saving; with changes, ask first: keep them as a draft, discard them, or keep editing."""
        if not self.has_changes():
            self.forget_draft()  # any draft holds nothing the record does not
            self.dismiss(None)
            return
        self._ask_how_to_leave()

    @work(exclusive=True, group="leave-form")
    async def _ask_how_to_leave(self) -> None:
        """Ask what becomes of the changes, then do it: keep a draft and close, discard and close, or stay."""
        from sendfolio.tui.dialogs.leave_form import LeaveFormScreen

        answer = await self.app.push_screen_wait(LeaveFormScreen(self.unsaved_what))
        if answer == "discard":
            self.forget_draft()
            self.dismiss(None)
        elif answer == "draft":
            try:
                self.keep_draft()
            except OSError as error:  # never close on changes that were not kept
                self.notify(f"The draft could not be kept: {error.strerror or error}", severity="error")
                return
            self.stop_drafting()
            self.notify("Kept as a draft: open the same form again to carry on.", title="Draft kept")
            self.dismiss(None)
