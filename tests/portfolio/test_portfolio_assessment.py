"""A compile that only lays out: the rules hand the document model one finished assessment.

Following the records from `build_portfolio` (and the templates that print its answer), the
rules are entered once, through `rules.assess`; the document model calls no other rule. The
assessment is the rules' own answer, so the portfolio's figures are those `sendfolio check`
gives.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

from sendfolio import rules
from sendfolio.portfolio.model import build_portfolio

PACKAGE = Path(rules.__file__).resolve().parents[1]
"""The sendfolio package folder."""


def calls_into_the_rules(work: Any) -> list[tuple[str, str]]:
    """(caller, rule) for every call from the document model or the templates into a rule function."""
    rules_dir, seen = PACKAGE / "rules", []

    def profile(frame: FrameType, event: str, arg: object) -> None:
        """Note a call whose callee is a module-level function of the rules, made from outside them."""
        if event != "call" or frame.f_back is None:
            return
        callee = Path(frame.f_code.co_filename)
        caller = Path(frame.f_back.f_code.co_filename)
        if callee.parent == rules_dir and caller.parent != rules_dir and "." not in frame.f_code.co_qualname:
            seen.append((frame.f_back.f_code.co_qualname, frame.f_code.co_qualname))

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return seen


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
