"""`has_own_words` (stops at the first line of the mediator's own) answers as `own_words` read whole does."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from sendfolio.domain.reflection_text import PROMPTS, TEMPLATES, has_own_words, own_words, prompt_comment

PROMPT = sorted(PROMPTS)[0]
"""One of the templates' prompts."""

LINES = [
    "",
    "   ",
    "# Heading",
    "## What happened",
    "#",
    "####### seven marks is text",
    "#NoSpace is text",
    "```",
    "~~~",
    "    # indented four: text",
    "<!-- a prompt -->",
    "<!-- an unclosed prompt",
    "-->",
    prompt_comment(PROMPT),
    PROMPT,
    f"*{PROMPT}*",
    f"**{PROMPT}** and my own words",
    f"{PROMPT} 3",
    f"{PROMPT} # a heading once the prompt is gone",
    f"{PROMPT}```",
    f"  {PROMPT}",
    "—",
    "!!",
    "word",
    "ünïcode",
    "x\r",
    "# Title\r",
]
"""Lines a reflection may be made of: headings, fences, prompts old and new, comments, words, punctuation."""


def reference(text: str) -> bool:
    """The definition: a letter or digit in the mediator's own words, read whole."""
    return any(char.isalnum() for char in own_words(text))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_same_answer_as_reading_the_whole_text(lines, newline):
    """Any mix of headings, fences, prompts and words: the quick answer is the whole text's."""
    text = newline.join(lines)
    assert has_own_words(text) == reference(text)


def test_templates_alone_have_no_words_and_one_word_is_enough():
    """A template as it is opened has none; one word under any heading is enough."""
    from sendfolio.tui.views.reflection_templates import template_body

    for template in TEMPLATES:
        body = template_body(template.key)
        assert not has_own_words(body)
        assert has_own_words(body + "\nIt went well.")
    assert not has_own_words("") and not has_own_words("# Only a heading\n\n## And another")
    assert has_own_words("```\n# inside a fence is text\n```")
