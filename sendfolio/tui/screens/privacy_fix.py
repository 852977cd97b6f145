"""Open the record holding a privacy finding at its field, and save what the mediator changes.

`await open_at_field(app, finding, record)` (from a `@work` coroutine) opens the form the record's
own area uses (the case form, the de-brief, the CPD, PPC, training, profile and verification forms)
with the cursor in the field named by the finding, and saves what it returns as that area does (a large folio off the screen's thread); an
observation opens its case's checklist and a reflection the reflection editor, which save themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sendfolio.privacy.identifiers import Finding
from sendfolio.tui.support.saving import saving

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp


async def open_at_field(app: HostApp, finding: Finding, record: Any) -> None:
    """Open the right form for `record`, focused on the finding's field, and save what it returns."""
    from sendfolio.tui.dialogs.forms import EditRecordScreen

    field = finding.field.split(".")[0]
    kind = finding.kind
    if kind == "case" and finding.field.startswith("debrief."):
        from sendfolio.tui.dialogs.case_form import DebriefScreen

        await _put(app, await app.push_screen_wait(DebriefScreen(record)))
        return
    if kind == "case":
        from sendfolio.tui.dialogs.case_form import CASE_SPECS, CaseFormScreen
        from sendfolio.tui.views import caseops

        case_form = CaseFormScreen(record, app.current_folio, app.today, focus=_field_or_none(CASE_SPECS, field))
        case = await app.push_screen_wait(case_form)
        if case is not None:
            await saving(app.current_folio, caseops.save_case, app.current_folio, case, record)
        return
    if kind == "observation":
        from sendfolio.tui.screens.checklist import ChecklistScreen

        app.push_screen(ChecklistScreen(record.ref))
        return
    if kind == "reflection":
        from sendfolio.tui.screens.reflection_editor import ReflectionEditor

        app.push_screen(ReflectionEditor(record))
        return
    specs, title = _specs(kind)
    form = EditRecordScreen(type(record), specs, initial=record, title=title, focus=_field_or_none(specs, field))
    changed = await app.push_screen_wait(form)
    if kind == "passport_declaration":
        if changed is not None:
            await saving(app.current_folio, app.current_folio.put_passport_declaration, changed)
    else:
        await _put(app, changed)


async def _put(app: HostApp, record: Any) -> None:
    """Save a record a form returned (None: cancelled); a large folio off the screen's thread."""
    if record is not None:
        await saving(app.current_folio, app.current_folio.put, record)
        app.notify("Saved.")


def _field_or_none(specs: Any, field: str) -> str | None:
    """The field to focus, if the form has it."""
    return field if any(spec.name == field for spec in specs) else None


def _specs(kind: str) -> tuple[Any, str]:
    """The form fields and title of a kind of record."""
    if kind == "cpd":
        from sendfolio.tui.screens.cpd import CPD_SPECS

        return CPD_SPECS, "Edit CPD entry"
    if kind == "ppc":
        from sendfolio.tui.screens.ppc import SESSION_SPECS

        return SESSION_SPECS, "Edit PPC session"
    if kind == "ppc_contact":
        from sendfolio.tui.screens.ppc import CONTACT_SPECS

        return CONTACT_SPECS, "Your PPC"
    if kind in ("verification", "passport_declaration"):
        from sendfolio.tui.screens.ppc import VERIFICATION_SPECS

        return VERIFICATION_SPECS, "Verification"
    if kind == "training":
        from sendfolio.tui.screens.profile import TRAINING_SPECS

        return TRAINING_SPECS, "Edit course"
    from sendfolio.tui.dialogs.profile_form import PROFILE_SPECS

    return PROFILE_SPECS, "Your profile"
