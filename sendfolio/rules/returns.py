"""What the observers' returns say beside the mediator's own entries. Pure.

A returned form that leaves unticked a criterion the mediator ticked for the same case is a
disagreement: the observer did not confirm it. `disagreements` lists them (with the observer's
remark beside the criterion, when they wrote one) for `check`, the Dashboard and the case pages.
`came_in` says how a case's evidence came: a signed return, an unsigned one, a paper form the
mediator transcribed, or the mediator's own entries. `gaps_without_need` lists the skills and
knowledge gaps a de-brief names (the mediator's or an observer's) in a case no learning need
comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendfolio.domain.criteria import CRITERIA, DEBRIEF_CRITERIA
from sendfolio.domain.records import FolioData, Observation

HOW_WORDS = {"signed": "signed", "unsigned": "unsigned return", "paper": "paper"}
"""How a return came in, as `check --json` names it."""

MEDIATORS_OWN = "mediator's own"
"""Evidence the mediator entered without a form."""

TEXTS = {crit.id: crit.text for crit in CRITERIA}
"""Each criterion's wording by id."""


@dataclass(frozen=True)
class Disagreement:
    """A criterion the mediator ticked for a case that an observer's returned form leaves unticked."""

    ref: str
    criterion: str
    observer: str
    remark: str = ""

    @property
    def words(self) -> str:
        """The disagreement in a sentence, with the observer's remark when there is one."""
        said = f' (their remark: "{self.remark}")' if self.remark else ""
        return (
            f"{self.ref}: \u201c{TEXTS.get(self.criterion, self.criterion)}\u201d is the mediator's own entry, "
            f"not ticked on the form returned by {self.observer}{said}"
        )


def disagreements(data: FolioData, ref: str | None = None) -> tuple[Disagreement, ...]:
    """Every disagreement between the mediator's ticks and the observers' current returns (of one case, if given)."""
    found = []
    for item in data.observations if ref is None else data.observations_for(ref):
        if item.returned or item.criterion in DEBRIEF_CRITERIA:
            continue
        form = str(item.criterion[1])
        for back in data.returns_for(item.ref):
            if form in back.forms and item.criterion not in back.ticked:
                found.append(
                    Disagreement(item.ref, item.criterion, back.observer, back.remarks.get(item.criterion, ""))
                )
    return tuple(found)


def tick_provenance(data: FolioData, item: Observation) -> str:
    """Who recorded one tick: "returned by ⟨observer⟩ on ⟨date⟩", "entered by the mediator", or, for a tick of
    an observer's paper form, "transcribed by the mediator from the observer's signed paper form"."""
    if item.returned:
        for back in data.returns_for(item.ref):
            if back.how == "paper" and back.observer == item.observer and item.criterion in back.ticked:
                return f"{back.how_words} ({back.observer})"
    return item.provenance


def came_in(data: FolioData, ref: str) -> tuple[str, ...]:
    """How one case's evidence came in: "signed", "unsigned return", "paper", "mediator's own" (each once)."""
    kinds = [HOW_WORDS[item.how] for item in data.returns_for(ref)]
    observations = data.observations_for(ref)
    kept = {item.observer for item in data.returns_for(ref, current_only=False)}
    if any(item.returned and item.observer not in kept for item in observations):
        kinds.append(HOW_WORDS["unsigned"])  # returned before returns were kept
    case = data.case(ref)
    own_debrief = case is not None and any(key not in case.debrief_returned for key in case.debrief)
    if own_debrief or any(not item.returned for item in observations):
        kinds.append(MEDIATORS_OWN)
    return tuple(dict.fromkeys(kinds))


GAP_HEADINGS = {"skills_gaps": "skills gaps", "knowledge_gaps": "knowledge gaps"}
"""The de-brief headings that name what is still to learn, in words."""


@dataclass(frozen=True)
class Gap:
    """A skills or knowledge gap written in a case's de-brief that no learning need comes from."""

    ref: str
    heading: str
    by: str
    text: str

    @property
    def words(self) -> str:
        """The gap in a sentence."""
        return f"{self.ref}: {GAP_HEADINGS[self.heading]} in the de-brief ({self.by}), no learning need: {self.text}"


def gaps_without_need(data: FolioData, ref: str | None = None) -> tuple[Gap, ...]:
    """Skills and knowledge gaps from de-briefs (of one case, if given) that no learning need addresses."""
    addressed = {need.case_ref for need in data.learning_plan if need.case_ref}
    found = []
    chosen = data.case(ref) if ref is not None else None
    for case in data.cases if ref is None else ((chosen,) if chosen is not None else ()):
        if case.ref in addressed:
            continue
        for heading in GAP_HEADINGS:
            text = case.debrief.get(heading, "").strip()
            if text:
                who = case.debrief_by if heading in case.debrief_returned else "the mediator"
                found.append(Gap(case.ref, heading, who, " ".join(text.split())))
            for back in data.returns_for(case.ref):
                written = back.debrief.get(heading, "").strip()
                if written:
                    found.append(Gap(case.ref, heading, back.observer, " ".join(written.split())))
    return tuple(found)
