"""The portfolio's CPD columns name the part of the year they cover (issue 24, item 11), so they never
contradict the renewal pack: where a column counts fewer hours than the pack of that year, it says it
covers part of the year, and which part.
"""

from __future__ import annotations

from sendfolio.portfolio import render
from sendfolio.portfolio.logs import year_span
from sendfolio.portfolio.model import build_portfolio, latest_date
from sendfolio.portfolio.packs import build_renewal
from sendfolio.samples.demo import write_demo
from sendfolio.store import Folio
from tests.helpers.dates import FIXED_TODAY


def test_a_year_cut_by_the_portfolio_period_says_part_year():
    """The words of a clipped year, one in the same calendar year, and a whole year."""
    from datetime import date

    assert year_span(date(2025, 4, 1), date(2026, 3, 31), (date(2026, 1, 9), date(2026, 12, 6))) == (
        "9 Jan – 31 Mar 2026, part year"
    )
    assert year_span(date(2025, 4, 1), date(2026, 3, 31), None) == "1 Apr 2025 – 31 Mar 2026"


def test_the_portfolios_cpd_columns_never_contradict_the_renewal_packs(tmp_path):
    """Each column's hours equal the pack's for that year, or the column says which part of the year it covers."""
    with Folio.open(tmp_path / "folio") as folio:
        write_demo(folio, FIXED_TODAY)
        data = folio.data()
    document = build_portfolio(data, latest_date(data, FIXED_TODAY))
    html = render.portfolio_html(document)
    log = document.cpd
    assert len(log.spans) == len(log.years) and log.years
    for year, words in zip(log.years, log.spans, strict=True):
        pack = build_renewal(data, year.year, FIXED_TODAY).cpd
        whole = next(item for item in pack.years if item.year == year.year)
        if year.total != whole.total:
            assert words.endswith(", part year"), (year, words)
        assert words in html
    assert any(words.endswith(", part year") for words in log.spans)
