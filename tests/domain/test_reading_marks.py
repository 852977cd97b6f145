"""The plain marks a text may hold without the look-alike table being loaded are no look-alikes."""

from __future__ import annotations

from sendfolio.domain.reading import PLAIN_MARKS, look_alikes, reading


def test_no_plain_mark_looks_like_a_letter_or_digit():
    """Skipping the confusables data for these characters changes no reading."""
    table = look_alikes()
    assert not [char for char in PLAIN_MARKS if ord(char) in table]


def test_a_look_alike_beside_plain_marks_is_still_read_as_its_letter():
    """One Cyrillic letter among dashes and ticks is folded as before."""
    assert reading("Z\u043ee — ✓ 12 “x”").text.startswith("Zoe")


def test_the_letters_that_look_like_digits_are_those_of_the_confusables_data():
    """The table the do-not-print pattern is built from is the one Unicode's data gives."""
    from sendfolio.domain.reading import DIGITS_ALIKE, digits_alike_from_data

    assert digits_alike_from_data() == DIGITS_ALIKE
