"""Returned text keeps its line breaks (issue 24, item 11): an observer's bullet list stays a list on the case page.

The observer's words are plain text, not Markdown: each line is kept, a line starting with a
dash or a bullet is an item of a list, and nothing they type is read as markup.
"""

from __future__ import annotations

from sendfolio.domain.form_fields import note_field, seen_field
from sendfolio.portfolio.render import returned_text
from sendfolio.store import Folio
from tests.helpers.dates import FIXED_TODAY
from tests.portfolio.test_observer_forms import CASE, fill, invoke, make_demo

LISTED = "Strong on:\n- reframing\n• pacing the joint session\nWorth watching:\nsummarising under pressure"
"""What an observer typed in a comment box: two lines of their own and a list."""


def test_the_lines_and_list_of_a_returned_comment_are_kept():
    """Lines become line breaks, dashes and bullets a list, and markup typed stays text."""
    html = str(returned_text(LISTED + "\n\n**not bold** <b>x</b>"))
    assert html.startswith("<p>Strong on:</p><ul><li>reframing</li><li>pacing the joint session</li></ul>")
    assert "<p>Worth watching:<br>summarising under pressure</p>" in html
    assert "**not bold** &lt;b&gt;x&lt;/b&gt;" in html


def test_a_returned_bullet_list_is_a_list_on_the_case_page(tmp_path):
    """Imported through the CLI, the observer's list prints as a list under their name."""
    from sendfolio.portfolio import render
    from sendfolio.portfolio.model import build_portfolio, latest_date

    folder = make_demo(tmp_path / "folio")
    assert invoke(folder, "forms", "--case", CASE, "--form", "1", "-o", str(tmp_path / "case.pdf")).exit_code == 0
    values = {
        "f1_observer": "Alex Rowan", "f1_role": "co-mediator", "f1_signed_on": "04/04/2026",
        seen_field("f1.pm.initial-contact"): "yes", note_field("f1.pm.initial-contact"): LISTED,
    }  # fmt: skip
    returned = fill(tmp_path / "case.pdf", tmp_path / "returned.pdf", values)
    assert invoke(folder, "import", str(returned)).exit_code == 0
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    html = render.portfolio_html(build_portfolio(data, latest_date(data, FIXED_TODAY)))
    assert "<ul><li>reframing</li><li>pacing the joint session</li></ul>" in html
    assert "Worth watching:<br>summarising under pressure" in html
