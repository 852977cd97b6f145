"""The text of a reflection: template prompts, empty sections, and the mediator's own words. Pure.

A reflection can start from a template (Gibbs, Rolfe, Kolb, the Form 3 de-brief): one
Markdown heading per step, each followed by its prompt. Prompts are stored as Markdown
comments, ``<!-- What happened? … -->``, so they are recognisable as prompts in the stored
text and never printed. Reflections written before that kept each prompt as an italic
line under its heading (``_What happened? …_``); a line that is exactly a known prompt is
treated the same way.

`own_words_markdown` is what the portfolio prints: prompts dropped, and a heading with
nothing of the mediator's own under it (a section left empty) dropped too. `has_own_words`
says whether anything is left once headings and prompts are gone: a reflection without
words of its own cannot be saved, and is not counted towards the hours of reflection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sendfolio.domain.vocabulary import DEBRIEF_HEADINGS, DEBRIEF_TITLES


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

PROMPTS = frozenset(prompt for item in TEMPLATES for _, prompt in item.headings if prompt)
"""Every template prompt, to recognise one kept as a plain line by an older version."""

COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
"""A Markdown (HTML) comment: where a template's prompt is kept. An unclosed one runs to the end."""

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
"""An ATX heading line, capturing its marks."""

FENCE = re.compile(r"^ {0,3}(```|~~~)")
"""The opening or closing line of a fenced code block."""


def prompt_comment(prompt: str) -> str:
    """A prompt as it is stored under its heading: a Markdown comment, never printed."""
    return f"<!-- {prompt.replace('--', '-')} -->"


LEGACY_PROMPT = re.compile(
    r"^(\s*)([_*]{1,2})?("
    + "|".join(re.escape(prompt) for prompt in sorted(PROMPTS, key=len, reverse=True))
    + r")\2?[ \t]*"
)
"""A line opening with a known prompt, alone or in emphasis (how older versions kept prompts)."""


def _without_legacy_prompt(line: str) -> str:
    """The line without a known prompt at its start (the mediator's words after it are kept)."""
    return LEGACY_PROMPT.sub(r"\1", line, count=1)


def strip_prompts(text: str) -> str:
    """The text without template prompts (Markdown comments, and known prompts kept as lines)."""
    text = COMMENT.sub("", text or "")
    return "\n".join(_without_legacy_prompt(line) for line in text.split("\n"))


def _heading_level(line: str, fenced: bool) -> int:
    """The level of an ATX heading line (0 when the line is not a heading)."""
    if fenced:
        return 0
    found = HEADING.match(line)
    return len(found.group(1)) if found else 0


def own_words_markdown(text: str) -> str:
    """The Markdown to print: prompts dropped, and headings with nothing of the mediator's own under them."""
    lines = strip_prompts(text).replace("\r\n", "\n").split("\n")
    levels, fenced = [], False
    for line in lines:
        levels.append(_heading_level(line, fenced))
        if FENCE.match(line):
            fenced = not fenced
    kept = []
    for index, line in enumerate(lines):
        level = levels[index]
        if level and not _has_content_under(lines, levels, index, level):
            continue
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip() + "\n" if any(s.strip() for s in kept) else ""


def _has_content_under(lines: list[str], levels: list[int], index: int, level: int) -> bool:
    """True when some line that is not a heading stands under the heading at `index` (before its section ends)."""
    for later in range(index + 1, len(lines)):
        if levels[later] and levels[later] <= level:
            return False
        if not levels[later] and lines[later].strip():
            return True
    return False


def own_words(text: str) -> str:
    """The mediator's own words: the text without prompts and without heading lines."""
    lines = own_words_markdown(text).split("\n")
    fenced, kept = False, []
    for line in lines:
        if not _heading_level(line, fenced):
            kept.append(line)
        if FENCE.match(line):
            fenced = not fenced
    return "\n".join(kept).strip()


def has_own_words(text: str) -> bool:
    """True when the text holds at least one word of the mediator's own (not a heading, not a prompt).

    The answer of looking for a letter or digit in `own_words(text)` -- whose lines are the lines
    of the text that are not headings once the prompts are gone -- but it stops at the first such
    line: the rules ask this of every reflection at each start, and most reflections answer on their first line.
    When the first line of text is indented, `own_words` (which strips the text) may read it as a
    heading or a fence: then the whole text is read, for the same answer.
    """
    fenced, first = False, True
    for raw in COMMENT.sub("", text or "").split("\n"):
        line = _without_legacy_prompt(raw)
        if not _heading_level(line, fenced):
            if first and line.strip():
                if line[:1].isspace():
                    return any(char.isalnum() for char in own_words(text))
                first = False
            if any(char.isalnum() for char in line):
                return True
        if FENCE.match(line):
            fenced = not fenced
    return False


NO_OWN_WORDS = (
    "has no words of the mediator's own: write under at least one heading "
    "(headings and template prompts alone are not a reflection)"
)
"""Why a reflection without words of its own cannot be saved."""
