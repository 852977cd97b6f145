"""Reflection templates as data: the headings a new reflection starts from.

The templates themselves (a name, a label the mediator recognises and its headings,
each with a short prompt) live with the reflection text rules in
`sendfolio.domain.reflection_text`, which also knows how to leave the prompts out of
everything printed. `template_body` turns one into the Markdown a new reflection
opens with: each prompt is a Markdown comment under its heading, so the compiler can
drop it. The Form 3 de-brief headings come from `records.DEBRIEF_TITLES`, so they read
exactly as in the standards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from sendfolio.domain.reflection_text import TEMPLATES, Template, prompt_comment, strip_prompts

__all__ = ["TEMPLATES", "Template", "count_words_ahead", "listed_word_count", "template", "template_body", "word_count"]


def template(key: str) -> Template:
    """The template with this key; raises KeyError naming the allowed keys."""
    for item in TEMPLATES:
        if item.key == key:
            return item
    raise KeyError(f"no reflection template {key!r}: use one of {', '.join(t.key for t in TEMPLATES)}")


def template_body(key: str) -> str:
    """The Markdown a new reflection opens with: one `##` heading per step, its prompt as a comment."""
    parts = []
    for heading, prompt in template(key).headings:
        parts.append(f"## {heading}\n\n" + (f"{prompt_comment(prompt)}\n\n" if prompt else "\n"))
    return "".join(parts)


ALNUM = re.compile(r"[^\W_]")
"""A letter or digit (a word character but the underscore)."""


def word_count(text: str) -> int:
    """Words in a reflection's Markdown, not counting prompts, heading marks and emphasis.

    A word is anything between spaces holding a letter or digit (a quick test first:
    most words are letters only; ten years of reflections are counted when the list opens).
    """
    return sum(1 for word in strip_prompts(text).split() if word.isalnum() or ALNUM.search(word))


@lru_cache(maxsize=4096)
def listed_word_count(body: str) -> int:
    """`word_count` of a reflection as stored, kept: the list shows every reflection's count each time it is
    drawn, and the counts are worked out ahead, off the screen's thread (`count_words_ahead`)."""
    return word_count(body)


def count_words_ahead(bodies: Iterable[str]) -> None:
    """Count the words of these reflections now (from a worker), so that the list does not wait for them."""
    for body in bodies:
        listed_word_count(body)
