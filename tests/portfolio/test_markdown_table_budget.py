"""Tables in the user's Markdown: laid out as tables within a budget of cells, else printed as their text."""

from __future__ import annotations

from sendfolio.portfolio.render import TABLE_CELLS_MINIMUM, TABLE_COLUMNS, markdown


def table(columns: int, rows: int, cell: str = "x") -> str:
    """A Markdown table of `columns` x `rows` cells holding `cell`."""
    header = "|" + "|".join(f"h{index}" for index in range(columns)) + "|"
    return "\n".join([header, "|" + "---|" * columns, *("|" + f"{cell}|" * columns for _ in range(rows))])


def test_a_small_table_is_a_table():
    """A few columns and rows print as a real table."""
    html = str(markdown(table(3, 4)))
    assert html.count("<td>") == 12 and "<pre>" not in html


def test_a_table_too_wide_for_the_page_prints_as_its_text():
    """Wider than `TABLE_COLUMNS`: preformatted, every cell's text kept, nothing laid out as cells."""
    html = str(markdown("Before\n\n" + table(TABLE_COLUMNS + 1, 3, "val") + "\n\nAfter"))
    assert "<table>" not in html and "<pre><code>" in html
    assert html.replace("\u200b", "").count("val|") == 3 * (TABLE_COLUMNS + 1)
    assert "<p>Before</p>" in html and "<p>After</p>" in html


def test_tables_past_the_field_budget_print_as_their_text():
    """The first tables that fit the budget of cells are tables; the ones past it are preformatted."""
    each = table(4, 9)
    body = "\n\n".join([each] * 20)
    html = str(markdown(body))
    budget = max(TABLE_CELLS_MINIMUM, len(body) // 20)
    laid_out = budget // 40
    assert html.count("<table>") == laid_out and html.count("<pre><code>") == 20 - laid_out


def test_html_in_a_preformatted_table_stays_escaped():
    """A table printed as text is escaped like any code block."""
    html = str(markdown(table(TABLE_COLUMNS + 1, 1, "<script>")))
    assert "<script>" not in html and "&lt;script&gt;" in html
