"""The learning plan: each learning need, its action and target date, what raised it and what met it.

A need comes from a de-brief's skills or knowledge gaps (f picks one, and the form starts
filled from it), from a PPC session, or from the mediator's own choice. Its source and the
CPD entries and reflections that met it are chosen from lists of the folio's own records.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from sendfolio.domain.records import NEED_STATUSES, LearningNeed, Record
from sendfolio.domain.wording import short_date
from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec
from sendfolio.tui.dialogs.gap_chooser import GapChooser
from sendfolio.tui.screens.record_screen import RecordTableScreen, draft, record_bindings
from sendfolio.tui.support.saving import large, saving
from sendfolio.tui.views.plan import plan_summary
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

GAP_HEADINGS = ("skills_gaps", "knowledge_gaps")
"""The de-brief headings a learning need is taken from."""

NEW_NEED_WEEKS = 12
"""A new need's target date: this many weeks ahead."""

STATUS_WORDS = {"open": "open", "met": "met", "dropped": "dropped"}
"""How the table shows each status."""

PLAN_KEYS = "a: add · f: from a de-brief's gaps · m: mark met · Enter: edit (choose what met it)"
"""The plan's own keys, under the summary."""


class LearningPlanScreen(RecordTableScreen):
    """The learning needs, open ones first, with what raised them and what met them."""

    HELP = (
        "Your learning plan: each learning need with the action you plan, a target date, where it came from "
        "(a case's de-brief, a PPC session or your own choice) and the CPD entries and reflections that met it. "
        "f starts a need from a de-brief's skills or knowledge gaps. The portfolio prints it as "
        '"Learning needs and how they were met".'
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *record_bindings("learning need"),
        Binding("f", "from_debrief", "From a de-brief", tooltip="Start a need from a case's skills or knowledge gaps"),
        Binding("m", "mark_met", "Met", tooltip="Mark the highlighted need as met"),
    ]
    """Add / edit / delete, start from a de-brief, mark met."""

    RECORD_TYPE = LearningNeed
    """The table holds learning needs."""
    NOUN = "learning need"
    """What a record is called."""
    COLUMNS = ("Target", "Status", "Raised in", "Met by", "Need")
    """The table's columns."""
    TABLE_ID = "plan-table"
    SUMMARY_ID = "plan-summary"
    """The counts above the table."""
    PALETTE_NAME = "Learning plan"
    """The area's name in the command palette."""

    def compose(self) -> ComposeResult:
        """The summary line, then the needs."""
        yield AreaBar()
        with Vertical(id="plan-body"):
            yield Static("", id="plan-summary", classes="summary", markup=False)
            yield Static(PLAN_KEYS, id="plan-help", classes="breakdown", markup=False)
            yield self.make_table()
        yield AppFooter()

    def specs(self) -> Sequence[FieldSpec]:
        """The form's fields, with the folio's cases, sessions, CPD entries and reflections to choose from."""
        data = self.app.current_folio.data()
        sources = [("own", "My own choice")]
        sources += [
            (f"case:{case.ref}", f"De-brief of case {case.ref} ({short_date(case.date)})") for case in data.cases
        ]
        sources += [
            (f"ppc:{item.id}", f"PPC session {short_date(item.date)} with {item.ppc}") for item in data.ppc_sessions
        ]
        met = [(f"cpd:{item.id}", f"CPD {short_date(item.date)}: {item.title}") for item in reversed(data.cpd)]
        met += [
            (f"reflection:{item.id}", f"Reflection {short_date(item.date)}: {item.title}")
            for item in reversed(data.reflections)
        ]
        return (
            FieldSpec("need", "Learning need", "text", help="what you need to learn, in a line"),
            FieldSpec("action", "Action", "multiline", help="how you will meet it"),
            FieldSpec("due", "Target date", "date"),
            FieldSpec("status", "Status", "choice", options=NEED_STATUSES),
            FieldSpec(
                "source",
                "Raised in",
                "choice",
                options=tuple(value for value, _ in sources),
                labels=tuple(sources),
            ),
            FieldSpec(
                "met_by",
                "Met by",
                "list",
                options=tuple(value for value, _ in met),
                labels=tuple(met),
                help="the CPD entries and reflections that met it",
            ),
        )

    def records(self) -> list[LearningNeed]:
        """Open needs first (by target date), then met and dropped ones."""
        order = {"open": 0, "met": 1, "dropped": 2}
        return sorted(
            self.app.current_folio.learning_plan(), key=lambda item: (order[item.status], item.due, item.need)
        )

    def row(self, record: Any) -> Sequence[Any]:
        """One need as table cells; an overdue one says so."""
        status: str | Text = STATUS_WORDS[record.status]
        if record.is_overdue(self.app.today):
            status = Text("overdue", style="bold red")
        source = record.source.replace("case:", "case ").replace("ppc:", "PPC ") if record.source != "own" else "own"
        if record.source.startswith("ppc:"):
            session = next((s for s in self.app.current_folio.ppc_sessions() if f"ppc:{s.id}" == record.source), None)
            source = f"PPC {short_date(session.date)}" if session else "PPC session"
        return (
            short_date(record.due),
            status,
            source,
            met_words(record.met_by),
            record.need,
        )

    def describe(self, record: Record) -> str:
        """A need in a few words."""
        return record.need if isinstance(record, LearningNeed) else self.NOUN

    def new_record(self) -> Record | None:
        """A new need is open, the mediator's own, due twelve weeks from today."""
        return draft(LearningNeed, due=self.app.today + timedelta(weeks=NEW_NEED_WEEKS), status="open", source="own")

    def refresh_view(self) -> None:
        """The counts, then the table."""
        self.summary = plan_summary(self.app.current_folio.learning_plan(), self.app.today)
        self.refresh_table()

    def action_mark_met(self) -> None:
        """Mark the highlighted need as met (edit it to say what met it)."""
        record = self.highlighted()
        if record is None:
            self.notify("Nothing to mark: press a to add a learning need.", severity="warning")
            return
        if large(self.app.current_folio):
            self._mark_met_in_thread(record)
            return
        self._marked(self.app.current_folio.put(record.with_changes(status="met")))

    @work(group="plan-mark-met", description="saving a need as met")
    async def _mark_met_in_thread(self, record: Any) -> None:
        """Mark a large folio's need as met off the screen's thread (`saving`)."""
        folio = self.app.current_folio
        saved = await saving(folio, folio.put, record.with_changes(status="met"))
        if self.is_attached:
            self._marked(saved)

    def _marked(self, saved: Any) -> None:
        """Say the need is met, and show it highlighted."""
        self.notify("Marked as met. Press Enter to choose the CPD or reflection that met it.", markup=False)
        self.refresh_view()
        self.refresh_table(select=self.key_of(saved))

    @work(exclusive=True, group="need-from-debrief")
    async def action_from_debrief(self) -> None:
        """Choose a skills or knowledge gap from a case's de-brief, then open the new-need form filled from it."""
        gaps = debrief_gaps(self.app.current_folio.cases())
        if not gaps:
            self.notify("No de-brief records a skills or knowledge gap yet.", severity="warning")
            return
        gap = await self.app.push_screen_wait(GapChooser(gaps))
        if gap is None:
            return
        ref, _, text, plan = gap
        initial = draft(
            LearningNeed,
            need=text[:500].splitlines()[0].rstrip(". "),
            action=plan,
            due=self.app.today + timedelta(weeks=NEW_NEED_WEEKS),
            status="open",
            source=f"case:{ref}",
        )
        form = EditRecordScreen(LearningNeed, self.specs(), initial=initial, title=f"New learning need from case {ref}")
        await self.fill_and_save(form)


def met_words(met_by: Sequence[str]) -> str:
    """What met a need, in short: `CPD, reflection`, `2 CPD`, or a dash."""
    if not met_by:
        return "—"
    kinds = [item.partition(":")[0] for item in met_by]
    parts = []
    for kind, word in (("cpd", "CPD"), ("reflection", "reflection")):
        count = kinds.count(kind)
        if count:
            parts.append(word if count == 1 else f"{count} {word}{'' if kind == 'cpd' else 's'}")
    return ", ".join(parts)


def debrief_gaps(cases: Sequence[Any]) -> list[tuple[str, str, str, str]]:
    """(case ref, heading, gap, the de-brief's plan) for each skills or knowledge gap, newest case first."""
    found = []
    for case in sorted(cases, key=lambda item: item.date, reverse=True):
        for heading in GAP_HEADINGS:
            text = case.debrief.get(heading, "")
            if text:
                found.append((case.ref, heading, text, case.debrief.get("learning_plan", "")))
    return found
