"""A compile that only lays out: the rules hand the document model one finished assessment.

Following the records from `build_portfolio` (and the templates that print its answer), the
rules are entered once, through `rules.assess`; the document model calls no other rule. The
assessment is the rules' own answer, so the portfolio's figures are those `sendfolio check`
gives.
"""

from __future__ import annotations

from sendfolio import rules
from sendfolio.portfolio.model import build_portfolio
from tests.helpers.tracing import calls_into_the_rules


def test_the_portfolio_enters_the_rules_once(demo_folio, today):
    """Building the portfolio asks the rules one question: `assess`. (The templates print the model
    and nothing else: `portfolio.render` gives them no function of the rules.)"""
    data = demo_folio.data()
    assert calls_into_the_rules(lambda: build_portfolio(data, today)) == [("build_portfolio", "assess")]


def test_the_assessment_is_the_rules_own_answer(demo_folio, today):
    """What the portfolio prints as met or unmet is `rules.accreditation` of the same records."""
    data = demo_folio.data()
    found = rules.assess(data, today)
    assert found.report == rules.accreditation(found.records, today)
    portfolio = build_portfolio(data, today)
    assert [row.requirement for row in portfolio.index] == sorted(found.report.requirements, key=lambda r: r.met)
    assert portfolio.case_log.casework_hours == found.casework_hours == rules.casework_hours(found.records)


def test_the_other_documents_enter_the_rules_once(demo_folio, today):
    """The renewal pack, the service review and its summary each ask the rules one question (Form 5:
    `test_portfolio_robust.py`, on a passported folio)."""
    from sendfolio.portfolio.packs import build_renewal
    from sendfolio.portfolio.review import build_review, build_summary

    data = demo_folio.data()
    year = rules.current_registration_year(data.profile, today)
    assert calls_into_the_rules(lambda: build_renewal(data, year, today)) == [("build_renewal", "assess_renewal")]
    assert calls_into_the_rules(lambda: build_review(data, year, today)) == [("year_facts", "assess_review")]
    assert calls_into_the_rules(lambda: build_summary(data, year, today)) == [("year_facts", "assess_review")]
