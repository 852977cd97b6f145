"""The learning plan and the attached documents, as the portfolio prints them.

The learning plan traces each need to what raised it (a case's de-brief, a PPC session,
the mediator's own choice) and to the CPD entries and reflections that met it. Attached
documents are numbered A1, A2, … in the appendix; each is listed beside the requirement
it evidences, and its pages are added after its own page in the appendix once the PDF is
laid out (`appendix.insert_attachments`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendfolio.domain.links import link_words, linked_record
from sendfolio.domain.records import Attachment, CPDEntry, FolioData, LearningNeed, Reflection, Training
from sendfolio.domain.wording import short_date
from sendfolio.portfolio.casework import case_anchor
from sendfolio.portfolio.wording import anchor

STATUS_WORDS = {"open": "Open", "met": "Met", "dropped": "No longer pursued"}
"""How the portfolio names each status of a learning need."""

SOURCE_KIND_WORDS = {"case": "De-brief of case", "ppc": "PPC session", "own": "Own choice"}
"""How the portfolio says where a need came from."""


@dataclass(frozen=True)
class PlanLink:
    """A record a learning need links to, in words, with its anchor in the document when printed."""

    words: str
    anchor: str = ""


@dataclass(frozen=True)
class NeedView:
    """One learning need as printed."""

    need: LearningNeed
    status: str
    overdue: bool
    raised_by: PlanLink
    met_by: tuple[PlanLink, ...]


@dataclass(frozen=True)
class LearningPlan:
    """The learning needs, those from cases first (by target date), with counts."""

    items: tuple[NeedView, ...]
    met: int
    open: int
    overdue: int


@dataclass(frozen=True)
class AttachmentView:
    """An attached document as printed: its number in the appendix and what it evidences."""

    attachment: Attachment
    label: str
    anchor: str
    evidence_words: str
    returned_words: str = ""

    @property
    def kind_words(self) -> str:
        """`PDF, 3 pages` / `PNG image`."""
        if self.attachment.file_type == "pdf":
            pages = self.attachment.pages
            return f"PDF, {pages} page{'s' if pages != 1 else ''}"
        return f"{self.attachment.file_type.upper()} image"

    @property
    def added_pages(self) -> int:
        """How many pages the document adds after its own page in the appendix."""
        return self.attachment.pages if self.attachment.file_type == "pdf" else 1


def learning_plan(
    data: FolioData,
    as_of: date,
    commentary_refs: set[str],
    reflection_anchors: dict[str, str],
    period: tuple[date, date] | None = None,
) -> LearningPlan:
    """The learning plan of `data` as of `as_of`, linked to the commentaries and reflections printed.

    With a `period` (first and last day), only needs due in it are shown, and open needs due after it.
    """
    start, end = period or (date.min, date.max)
    shown = [need for need in data.learning_plan if start <= need.due and (need.due <= end or need.status == "open")]
    items = tuple(_need_view(data, need, as_of, commentary_refs, reflection_anchors) for need in shown)
    return LearningPlan(
        items=items,
        met=sum(1 for item in items if item.need.status == "met"),
        open=sum(1 for item in items if item.need.status == "open"),
        overdue=sum(1 for item in items if item.overdue),
    )


def _need_view(
    data: FolioData, need: LearningNeed, as_of: date, commentary_refs: set[str], reflection_anchors: dict[str, str]
) -> NeedView:
    """One need with its links in words."""
    kind = need.source.partition(":")[0]
    raised = PlanLink(SOURCE_KIND_WORDS.get(kind, "Own choice"))
    if kind == "case":
        case = data.case(need.case_ref)
        when = f" ({short_date(case.date)})" if case else ""
        raised = PlanLink(
            f"De-brief of case {need.case_ref}{when}",
            case_anchor(need.case_ref) if need.case_ref in commentary_refs else "",
        )
    elif kind == "ppc":
        raised = PlanLink(link_words(data, need.source).replace("PPC session", "Supervision session with the PPC"))
    met = []
    for link in need.met_by:
        target = linked_record(data, link)
        where = ""
        if isinstance(target, CPDEntry):
            where = cpd_anchor(target.id)
        elif isinstance(target, Reflection):
            prefix = f"{target.id}|"
            where = next((value for key, value in reflection_anchors.items() if key.startswith(prefix)), "")
        met.append(PlanLink(link_words(data, link), where))
    return NeedView(
        need=need,
        status=STATUS_WORDS[need.status],
        overdue=need.is_overdue(as_of),
        raised_by=raised,
        met_by=tuple(met),
    )


def cpd_anchor(entry_id: str) -> str:
    """The anchor of a CPD entry in the CPD diary."""
    return anchor("cpd", entry_id)


def attachment_views(data: FolioData) -> tuple[AttachmentView, ...]:
    """The attached documents numbered A1, A2, … in the order of the appendix.

    An observer's returned form says how it came back and its SHA-256, so the assessor can
    check the copy against the file the observer sent.
    """
    returns = {item.attachment: item for item in data.returns if item.attachment}
    checked = data.verification
    ppc_copy = checked.attachment if checked is not None and checked.returned else ""
    return tuple(
        AttachmentView(
            attachment=item,
            label=f"A{number}",
            anchor=f"attachment-a{number}",
            evidence_words=link_words(data, item.evidence_for),
            returned_words=(
                f"{returns[item.id].how_words}; the observer's file as it came back (SHA-256 {item.sha256})"
                if item.id in returns
                else f"{checked.how_words}; the PPC's file as it came back (SHA-256 {item.sha256})"
                if checked is not None and item.id == ppc_copy
                else ""
            ),
        )
        for number, item in enumerate(data.attachments, start=1)
    )


def rule_prefixes(data: FolioData, item: Attachment) -> tuple[str, ...]:
    """The requirement ids (by prefix) an attachment is evidence for."""
    target = item.evidence_for
    if target == "membership":
        return ("membership.",)
    if target == "insurance":
        return ("insurance.",)
    if target == "verification":
        return ("ppc.verification",)
    kind, _, _ = target.partition(":")
    if kind == "training":
        course = linked_record(data, target)
        if not isinstance(course, Training):
            return ()
        return {"foundation": ("foundation.",), "send": ("send-training.",)}.get(course.kind, ("refresher.",))
    if kind == "case":
        return ("practice.cases",)
    if kind == "cpd":
        return ("cpd.",)
    return ()
