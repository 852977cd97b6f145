"""Reflection templates as data: the headings a new reflection starts from.

Each template is a name, a label the mediator recognises and its headings, each
with a short prompt. `template_body` turns one into the Markdown a new reflection
opens with. The Form 3 de-brief headings come from `records.DEBRIEF_TITLES`, so
they read exactly as in the standards.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendfolio.domain.records import DEBRIEF_HEADINGS, DEBRIEF_TITLES


@dataclass(frozen=True)
class Template:
    """A reflective model: its key, its label and its headings with prompts."""

    key: str
    """Short stable name, e.g. `gibbs`."""
    label: str
    """What the mediator sees when choosing, e.g. `Gibbs reflective cycle`."""
    headings: tuple[tuple[str, str], ...]
    """(heading, prompt) pairs in the order they are written."""


TEMPLATES: tuple[Template, ...] = (
    Template("blank", "Blank page", ()),
    Template(
        "gibbs",
        "Gibbs reflective cycle",
        (
            ("Description", "What happened? Keep to the facts; use the case reference, never names."),
            ("Feelings", "What were you thinking and feeling at the time?"),
            ("Evaluation", "What was good and bad about the experience?"),
            ("Analysis", "What sense can you make of it? What helped or hindered?"),
            ("Conclusion", "What else could you have done?"),
            ("Action plan", "If it arose again, what would you do?"),
        ),
    ),
    Template(
        "rolfe",
        "Rolfe: What? So what? Now what?",
        (
            ("What?", "Describe the situation and your part in it."),
            ("So what?", "What does it tell you about your practice, the parties and the process?"),
            ("Now what?", "What will you do differently, and what do you need to learn?"),
        ),
    ),
    Template(
        "kolb",
        "Kolb learning cycle",
        (
            ("Concrete experience", "What did you do and see?"),
            ("Reflective observation", "Looking back, what do you notice?"),
            ("Abstract conceptualisation", "What ideas, theory or standards explain it?"),
            ("Active experimentation", "What will you try next time?"),
        ),
    ),
    Template(
        "debrief",
        "Form 3 de-brief and supervision",
        tuple((DEBRIEF_TITLES[key], "") for key in DEBRIEF_HEADINGS),
    ),
)
"""Every template a new reflection can start from, blank first."""


def template(key: str) -> Template:
    """The template with this key; raises KeyError naming the allowed keys."""
    for item in TEMPLATES:
        if item.key == key:
            return item
    raise KeyError(f"no reflection template {key!r}: use one of {', '.join(t.key for t in TEMPLATES)}")


def template_body(key: str) -> str:
    """The Markdown a new reflection opens with: one `##` heading per step, with its prompt."""
    parts = []
    for heading, prompt in template(key).headings:
        parts.append(f"## {heading}\n\n" + (f"_{prompt}_\n\n" if prompt else "\n"))
    return "".join(parts)


def word_count(text: str) -> int:
    """Words in a reflection's Markdown, not counting heading marks and emphasis."""
    return sum(1 for word in text.split() if any(char.isalnum() for char in word))
