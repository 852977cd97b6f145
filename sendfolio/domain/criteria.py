"""The observation criteria of Forms 1–3 (Appendix A of the standards), as data.

Every bullet item of Appendix A Forms 1 (Pre-mediation), 2 (Mediation) and 3
(Post-mediation) is one `Criterion`, in the seed's wording (its spelling and
grammar kept, e.g. "Demonstrate impartial at all times"). Ids read
``f<form>.<section>.<item>`` with sections ``pm`` (Process Management), ``sk``
(Skills and Knowledge) and ``ds`` (De-brief and Supervision).

How sub-bullets become criteria: a bullet that only introduces a list ("Determine:",
"Create a safe environment:", "Identification of") is not itself a criterion; each
of its sub-bullets is one, with the parent's wording as a prefix ("Determine:
who should attend the meeting"), the parent's words in `Criterion.parent`, and an
id under the parent's id (``f1.pm.determine.attendees``,
``f2.sk.safe-environment.welcome``), so anything that wants the whole group can
match on the id prefix.

Form 1's first line reads "Make initial contact with parties Identify issues for
mediation" in the seed: two bullets run together by the conversion of the
original form, so they are two criteria here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

SECTIONS = {"pm": "Process Management", "sk": "Skills and Knowledge", "ds": "De-brief and Supervision"}
"""Observation form sections by their short code in criterion ids."""

FORM_TITLES = {1: "Pre-mediation", 2: "Mediation", 3: "Post-mediation"}
"""The titles of observation Forms 1–3."""


@dataclass(frozen=True)
class Criterion:
    """One item of observation Forms 1–3, in the seed's wording."""

    id: str
    form: int
    form_title: str
    section: str
    text: str
    parent: str = ""

    def to_dict(self) -> dict[str, object]:
        """The JSON-safe form, as `sendfolio criteria --json` prints it."""
        return {
            "id": self.id,
            "form": self.form,
            "form_title": self.form_title,
            "section": self.section,
            "text": self.text,
        }


Row = tuple[str, str, *tuple[tuple[str, str], ...]]
"""One bullet: (slug, text), or a group (slug, parent's words, (sub-slug, sub-text), ...)."""


def _items(form: int, code: str, rows: tuple[Row, ...]) -> tuple[Criterion, ...]:
    """Criteria from (slug, text) rows, or (slug, parent, (sub-slug, sub-text), ...) groups."""
    made: list[Criterion] = []
    for row in rows:
        slug, text, *subs = row
        if not subs:
            made.append(_criterion(form, code, slug, text))
            continue
        for sub_slug, sub_text in subs:
            made.append(_criterion(form, code, f"{slug}.{sub_slug}", f"{text} {sub_text}", text))
    return tuple(made)


def _criterion(form: int, code: str, slug: str, text: str, parent: str = "") -> Criterion:
    """One criterion with its id built from form, section and slug."""
    return Criterion(
        id=f"f{form}.{code}.{slug}",
        form=form,
        form_title=FORM_TITLES[form],
        section=SECTIONS[code],
        text=text,
        parent=parent,
    )


_FORM_1_PM = (
    ("initial-contact", "Make initial contact with parties"),
    ("identify-issues", "Identify issues for mediation"),
    ("screen-safety", "Screen for safety and suitability"),
    (
        "determine",
        "Determine:",
        ("information", "information required from whom"),
        ("attendees", "who should attend the meeting"),
    ),
    ("child-views", "Ensure child's or young person's views are incorporated appropriately"),
    ("child-participation", "Explore the active participation of the child or young person in mediation"),
    ("informed-consent", "Establish informed consent"),
    ("sencop-timescales", "Ensure compliance with SENCOP timescales"),
    ("organise-meeting", "Organise meeting date, time, venue as required by the service"),
    ("accessible", "Ensure the mediation is accessible to those with SEND"),
    ("inform-participants", "Inform participants"),
    ("sticking-points", "Prepare for obvious sticking points"),
    ("records", "Maintain accurate records as required by the service"),
)
"""Form 1 (Pre-mediation), Process Management."""

_FORM_1_SK = (
    ("engage", "Engage effectively with all parties"),
    ("trust-rapport", "Build trust and rapport"),
    ("listen-actively", "Listen actively: reflect, summarise, show understanding, clarifying"),
    ("explain-process", "Explain mediation process, principles, mediator role"),
    ("confidentiality", "Apply confidentiality appropriately"),
    ("impartial", "Demonstrate impartial at all times"),
    ("challenge", "Challenge appropriately"),
    ("tribunal-info", "Give information about SEND Tribunal + COP"),
    ("signpost", "Signpost where necessary"),
)
"""Form 1 (Pre-mediation), Skills and Knowledge."""

_FORM_2_PM = (
    ("punctual", "Arrive punctually to prepare room"),
    ("forms", "Carry appropriate forms"),
    ("pre-meetings", "Conduct pre-meetings as required"),
    ("arena", "Establish arena (incl. ground rules)"),
    ("introductions", "Manage introductions"),
    ("confidentiality", "Clarify confidentiality"),
    ("agenda", "Establish issues for each party and agree a mutual agenda"),
    ("explore-issues", "Allow time for issues to be explored"),
    ("child-supported", "Ensure a child or young person is supported + the mediation is accessible to them."),
    ("options", "Assist in the identification and evaluation of potential options"),
    ("agreement", "Build and secure agreement"),
    ("manage-time", "Manage time"),
    ("breaks", "Offer breaks as appropriate"),
    ("separate-meetings", "Use separate meetings effectively"),
    ("outcome", "Confirm outcome + next steps"),
    ("certificate", "Issue of mediation certificate"),
    ("end-when-necessary", "End mediation when necessary"),
    ("close-positively", "Close positively"),
)
"""Form 2 (Mediation), Process Management."""

_FORM_2_SK = (
    ("engage", "Engage effectively with all parties"),
    (
        "safe-environment",
        "Create a safe environment:",
        ("welcome", "Positive welcome"),
        ("reassurance", "Offer reassurance"),
        ("explain", "Explain what will happen"),
        ("confidence", "Show confidence"),
    ),
    ("listen-actively", "Listen actively: reflect, summarise, show understanding, clarify"),
    ("opportunity-to-speak", "Ensure all have opportunity to speak"),
    ("child-views", "Ensure the views of the child or young person are considered and understood"),
    ("constructive-exchange", "Facilitate constructive exchange"),
    ("understanding", "Build understanding"),
    ("interruptions-conflict", "Manage interruptions + high conflict"),
    ("emotion", "Acknowledge emotion"),
    ("power-imbalance", "Address power imbalance"),
    ("navigate-process", "Navigate through the process"),
    ("impartiality", "Maintain impartiality"),
    ("challenge", "Challenge appropriately"),
    ("reality-test", "Reality test proposals"),
    ("send-context", "Apply knowledge of SEND context"),
    ("ethical-framework", "Work within an ethical framework"),
    ("confidentiality", "Agree confidentiality and how it is to be applied in this situation"),
    ("smart-agreement", "Write clear SMART agreement"),
)
"""Form 2 (Mediation), Skills and Knowledge."""

_FORM_3_PM = (
    ("paperwork", "Send out final agreements or other paperwork"),
    ("case-records", "Complete case records"),
    ("close-file", "Close file"),
)
"""Form 3 (Post-mediation), Process Management."""

_FORM_3_SK = (
    ("communicate", "Communicate clearly with all parties and ensure the process is accessible"),
    ("feedback", "Clear feedback to service"),
    ("timely-close", "Close case in a timely manner"),
)
"""Form 3 (Post-mediation), Skills and Knowledge."""

_FORM_3_DS = (
    ("key-strengths", "Key Strengths"),
    ("breakthroughs", "Key breakthrough points"),
    ("challenges", "Key challenges and learning points"),
    ("outcome", "Discussion of outcome"),
    ("gaps", "Identification of", ("skills", "Skills gaps"), ("knowledge", "Knowledge gaps")),
    ("learning-plan", "Plan for meeting learning needs"),
)
"""Form 3 (Post-mediation), De-brief and Supervision."""

CRITERIA: tuple[Criterion, ...] = (
    _items(1, "pm", _FORM_1_PM)
    + _items(1, "sk", _FORM_1_SK)
    + _items(2, "pm", _FORM_2_PM)
    + _items(2, "sk", _FORM_2_SK)
    + _items(3, "pm", _FORM_3_PM)
    + _items(3, "sk", _FORM_3_SK)
    + _items(3, "ds", _FORM_3_DS)
)
"""Every observation criterion of Forms 1–3, in form and section order."""

CRITERIA_IDS: tuple[str, ...] = tuple(item.id for item in CRITERIA)
"""The id of every criterion, in order."""

DEBRIEF_CRITERIA = MappingProxyType(
    {
        "f3.ds.key-strengths": "strengths",
        "f3.ds.breakthroughs": "breakthroughs",
        "f3.ds.challenges": "challenges",
        "f3.ds.outcome": "outcome",
        "f3.ds.gaps.skills": "skills_gaps",
        "f3.ds.gaps.knowledge": "knowledge_gaps",
        "f3.ds.learning-plan": "learning_plan",
    }
)
"""Form 3's De-brief and Supervision criteria, each shown by a de-brief recording its heading (a case's
`debrief` key). A de-brief that writes under a heading demonstrates that criterion in that case."""

_BY_ID = MappingProxyType({item.id: item for item in CRITERIA})
"""Criteria by id, for `criterion()`."""


def criterion(criterion_id: str) -> Criterion:
    """The criterion with this id, or KeyError saying how to list the ids."""
    try:
        return _BY_ID[criterion_id]
    except KeyError:
        raise KeyError(
            f"'{criterion_id}' is not a criterion of Forms 1–3; "
            "`sendfolio criteria` lists the ids (e.g. f1.pm.initial-contact)"
        ) from None


def is_criterion(criterion_id: str) -> bool:
    """True when the id names a criterion of Forms 1–3."""
    return criterion_id in _BY_ID


def criteria_by_form_section() -> dict[tuple[int, str], tuple[Criterion, ...]]:
    """Criteria grouped by (form, section name), in form and section order."""
    grouped: dict[tuple[int, str], list[Criterion]] = {}
    for item in CRITERIA:
        grouped.setdefault((item.form, item.section), []).append(item)
    return {key: tuple(items) for key, items in grouped.items()}
