"""The portfolio's document model and HTML, without WeasyPrint.

Builds the model from the demo folio (a real folio on disk) and checks that every
number printed is the rules engine's, every requirement points at evidence that is
in the document, and the user's Markdown cannot bring in HTML or images.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from datetime import date

import pytest

from sendfolio import rules
from sendfolio.domain.records import Reflection
from sendfolio.domain.standards import RULE_SET
from sendfolio.portfolio import model, packs, render
from sendfolio.rules.evidence import dated_until

TODAY = date(2026, 11, 29)
"""The date the demo is written around and the portfolio compiled on."""


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """The demo folio's records (a real folio written with `write_demo`)."""
    from sendfolio.samples.demo import write_demo
    from sendfolio.store import Folio

    with Folio.open(tmp_path_factory.mktemp("demo")) as folio:
        write_demo(folio, TODAY)
        return folio.data()


@pytest.fixture(scope="module")
def portfolio(data):
    """The demo's portfolio model."""
    return model.build_portfolio(data, TODAY)


def test_index_lists_every_accreditation_rule_unmet_first(portfolio, data):
    """Every accreditation rule is in the index, the unmet ones before the met ones."""
    ids = [row.requirement.id for row in portfolio.index]
    assert sorted(ids) == sorted(rule.id for rule in RULE_SET.in_group("accreditation"))
    met = [row.requirement.met for row in portfolio.index]
    assert met == sorted(met)
    report = rules.accreditation(data, TODAY)
    assert {row.requirement for row in portfolio.index} == set(report.requirements)


def test_every_requirement_links_to_an_anchor_in_the_html(portfolio):
    """Each requirement has evidence links, and each link's anchor is an id in the HTML."""
    html = render.portfolio_html(portfolio)
    ids = set(re.findall(r'id="([^"]+)"', html))
    for row in portfolio.index:
        assert row.links, row.requirement.id
        for link in row.links:
            assert link.anchor in ids, (row.requirement.id, link.anchor)


def test_totals_are_the_rules_engines(portfolio, data):
    """Casework, reflection and CPD totals are exactly what the rules engine counts of the period's records."""
    shown = model.within(data, portfolio.period)
    report = rules.accreditation(shown, TODAY)
    assert portfolio.case_log.casework_hours == report.requirement("practice.casework-hours").numeric_have
    assert portfolio.reflections.counted_hours == report.requirement("practice.reflection-hours").numeric_have
    for year in portfolio.cpd.years:
        assert year.total == rules.cpd_totals(shown, year.year)["total"]
        assert year.by_method == rules.cpd_totals(shown, year.year)["by_method"]


def test_one_commentary_per_practice_case_with_timescales(portfolio, data):
    """A commentary for each practice case, in date order, with its deadlines."""
    from sendfolio.domain.timescales import case_deadlines, is_informational

    practice = rules.practice_cases(dated_until(data, TODAY))
    assert [item.case.ref for item in portfolio.commentaries] == [case.ref for case in practice]
    for item in portfolio.commentaries:
        every = case_deadlines(item.case, TODAY)
        assert list(item.deadlines) == [d for d in every if not is_informational(d)]
        assert [other.deadline for other in item.others] == [d for d in every if is_informational(d)]
    counted = sum(sum(row.counts) for row in portfolio.timescales.rows)
    assert counted == sum(len(item.deadlines) for item in portfolio.commentaries)


def test_coverage_marks_criteria_not_yet_shown(portfolio, data):
    """The matrix has every criterion; those never shown are the rules engine's missing ones."""
    grid = rules.coverage(data)
    rows = [row for group in portfolio.coverage.groups for row in group.rows]
    assert len(rows) == len(grid.rows)
    assert {row.criterion.id for row in rows if not row.shown} == set(grid.missing)


def test_draft_iff_something_unmet(portfolio, data):
    """The document is a draft exactly when the accreditation report is not met."""
    report = rules.accreditation(data, TODAY)
    assert portfolio.info.draft is (not report.met)
    html = render.portfolio_html(portfolio)
    assert ('class="draft-mark"' in html) is portfolio.info.draft


def test_html_is_accessible_and_titled(portfolio):
    """lang en-GB, a title, real headings and header cells."""
    html = render.portfolio_html(portfolio)
    assert '<html lang="en-GB">' in html
    assert "<title>Portfolio: Robin Fairweather</title>" in html
    assert '<th scope="col">' in html and '<th scope="row">' in html
    for _, heading in model.SECTIONS:
        assert heading in html


def test_user_markdown_brings_no_html_and_no_images():
    """Raw HTML is escaped; images become their description; user headings sink below h3."""
    hostile = (
        '# Heading\n\n<img src="http://127.0.0.1:9/x.png"> <link rel="attachment" href="file:///etc/passwd">\n\n'
        "![a picture](http://127.0.0.1:9/y.png) ![](file:///etc/passwd)\n\n<script>alert(1)</script>"
    )
    html = str(render.markdown(hostile))
    assert "<img" not in html and "<link" not in html and "<script" not in html
    assert "&lt;img" in html and "[image not included: a picture]" in html
    assert "<h4>Heading</h4>" in html and "<h1" not in html


def test_period_keeps_only_its_records(data):
    """--from/--to: logs hold only the period's records; training is kept whatever its date."""
    period = model.CoveredPeriod(date(2026, 6, 1), TODAY)
    built = model.build_portfolio(data, TODAY, period)
    assert all(period.holds(row.case.date) for row in built.case_log.rows)
    assert all(period.holds(entry.date) for entry in built.cpd.entries)
    assert built.foundation and built.send_training
    assert built.period == period


def test_default_period_is_the_practice_period(data):
    """By default the portfolio covers the SEND training to the compile date (no verification yet).

    The demo's CPD entry from before the SEND training is in the whole archive, not in the practice period.
    """
    send = rules.send_training(data)
    built = model.build_portfolio(data, TODAY)
    assert built.period == model.CoveredPeriod(send.date, TODAY) == model.default_period(data, TODAY)
    early = [entry for entry in data.cpd if entry.date < send.date]
    assert early and not any(entry in built.cpd.entries for entry in early)
    whole = model.build_portfolio(data, TODAY, model.whole_period(data, TODAY))
    assert whole.period.start == min(entry.date for entry in early)
    assert all(entry in whole.cpd.entries for entry in early)


def test_practice_period_ends_at_the_verification(data):
    """A PPC verification ends the default period on its date; one dated after the compile date does not."""
    send = rules.send_training(data)
    verified = dataclasses.replace(data, verification=_verification(date(2026, 10, 1)))
    assert model.default_period(verified, TODAY) == model.CoveredPeriod(send.date, date(2026, 10, 1))
    built = model.build_portfolio(verified, TODAY)
    assert all(row.case.date <= date(2026, 10, 1) for row in built.case_log.rows)
    later = dataclasses.replace(data, verification=_verification(date(2027, 1, 5)))
    assert model.default_period(later, TODAY) == model.CoveredPeriod(send.date, TODAY)
    untrained = dataclasses.replace(data, training=tuple(item for item in data.training if item.kind != "send"))
    assert model.default_period(untrained, TODAY) == model.whole_period(untrained, TODAY)


def _verification(day: date):
    """A PPC verification dated `day` (fictional names)."""
    from sendfolio.domain.records import Verification

    return Verification.from_dict(
        {"name": "Pat Example", "role": "PPC", "register": "Fictional PPC register", "date": day.isoformat()}
    )


def test_compile_date_is_the_latest_record_not_today(data):
    """Without --date the compile date is the latest record's date."""
    latest = model.latest_date(data)
    dated = [case.date for case in data.cases] + [item.date for item in data.cpd]
    assert latest == max([latest, *dated]) and latest >= max(dated)


def test_renewal_and_passport_models(data):
    """The renewal pack holds one registration year; the passport model follows the passport report."""
    year = rules.current_registration_year(data.profile, TODAY)
    pack = packs.build_renewal(data, year, TODAY)
    start, end = rules.registration_year(data.profile, year)
    assert all(start <= entry.date <= end for entry in pack.cpd.entries)
    assert pack.cpd.years[0].total == rules.cpd_totals(data, year)["total"]
    assert [row.requirement.id for row in pack.index if not row.requirement.met] == list(
        rules.renewal(data, year, TODAY).unmet and [item.id for item in rules.renewal(data, year, TODAY).unmet]
    )
    with pytest.raises(packs.PassportRefused, match="§1.6"):
        packs.build_passport(data, TODAY)
    passported = dataclasses.replace(data, profile=data.profile.with_changes(route="passported"))
    with pytest.raises(packs.PassportRefused, match="Lead SEND mediator"):
        packs.build_passport(passported, TODAY)


def test_reflection_with_hostile_text_renders_escaped(data):
    """A reflection's raw HTML reaches the HTML escaped, not as markup."""
    sneaky = Reflection.from_dict(
        {"date": "2026-10-01", "hours": "0.5", "title": "Sneaky", "body": '<img src="http://127.0.0.1:1/x">'}
    )
    built = model.build_portfolio(dataclasses.replace(data, reflections=data.reflections + (sneaky,)), TODAY)
    html = render.portfolio_html(built)
    assert '<img src="http://127.0.0.1:1/x">' not in html
    assert "&lt;img src=&#34;http://127.0.0.1:1/x&#34;&gt;" in html or "&lt;img" in html


def test_model_and_html_do_not_import_weasyprint():
    """Building the model and the HTML never imports WeasyPrint (the TUI stays light)."""
    code = (
        "import sys\nfrom datetime import date\nfrom sendfolio.domain.records import FolioData\n"
        "from sendfolio.portfolio import model, render, packs, api\n"
        "render.portfolio_html(model.build_portfolio(FolioData(), date(2026, 1, 1)))\n"
        "assert packs.passport_refusal(FolioData(), date(2026, 1, 1))\n"
        "print('weasyprint' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
