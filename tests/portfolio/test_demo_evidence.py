"""The demo's final case as an assessor reads it (issue 24): two observers by name, a signed return whose check
is stated, a paper return kept and transcribed, a disagreement, and no page contradicting another.

The demo is written into a real folio; the signed return's kept file is checked again with the
same signature check an import uses (pyHanko), and the portfolio's HTML and PDF are read back.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from sendfolio import rules
from sendfolio.io.signatures import check_signature
from sendfolio.samples.demo import write_demo
from sendfolio.samples.demo_returns import CASE, CO_MEDIATOR, DISAGREED, REMARK
from sendfolio.store import Folio
from tests.helpers.dates import FIXED_TODAY


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo folio's data and kept files, written once."""
    folder = tmp_path_factory.mktemp("demo") / "folio"
    with Folio.open(folder) as folio:
        write_demo(folio, FIXED_TODAY)
        data = folio.data()
        files = {item.id: folio.attachment_bytes(item) for item in data.attachments}
    return folder, data, files


def test_the_final_case_has_a_signed_and_a_paper_return_each_kept_as_it_came(demo):
    """Two current returns; the signed one's file passes the import's signature check, saying what the record says."""
    import hashlib

    _, data, files = demo
    returns = {item.how: item for item in data.returns_for(CASE)}
    assert set(returns) == {"signed", "paper"}
    for item in returns.values():
        assert hashlib.sha256(files[item.attachment]).hexdigest() == item.sha256
    signed = returns["signed"]
    checked = check_signature(files[signed.attachment])
    assert checked is not None
    assert (checked.signer, checked.certificate, checked.signed_at) == (
        signed.signer, signed.certificate, signed.signed_at
    )  # fmt: skip
    assert returns["paper"].observer == CO_MEDIATOR[0] and returns["paper"].remarks == {DISAGREED: REMARK}
    assert check_signature(files[returns["paper"].attachment]) is None
    assert rules.came_in(data, CASE) == ("paper", "signed", "mediator's own")
    (disagreement,) = rules.disagreements(data, CASE)
    assert (disagreement.criterion, disagreement.observer, disagreement.remark) == (DISAGREED, CO_MEDIATOR[0], REMARK)


def test_the_case_pages_coverage_and_form_4_agree(demo):
    """The case page names both observers, says how each return came, shows the disagreement; the coverage
    matrix counts the disputed criterion for the case, and Form 4 names the same observer as the case page."""
    from sendfolio.portfolio import render
    from sendfolio.portfolio.model import build_portfolio, latest_date

    _, data, _ = demo
    document = build_portfolio(data, latest_date(data, FIXED_TODAY))
    (item,) = [entry for entry in document.commentaries if entry.case.ref == CASE]
    observers = {sheet.observer for sheet in item.forms.sheets if sheet.returned}
    assert observers == {"Dr Morgan Hale", CO_MEDIATOR[0]}
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", render.portfolio_html(document))).split())
    assert "digitally signed by Dr Morgan Hale (a self-signed digital ID)" in text and "unchanged since signing" in text
    assert "transcribed by the mediator from the observer's signed paper form (attached A" in text
    assert f"The mediator's own entry, not on the returned form: {CO_MEDIATOR[0]} did not tick it." in text
    assert f"{CO_MEDIATOR[0]}'s remarks beside criteria not ticked" in text and REMARK in text
    assert CASE in rules.coverage(data).row(DISAGREED).refs
    assert "observed by Dr Morgan Hale (PPC)" in text  # the verification page and Form 4 name the case page's observer
    assert f"Observed by Dr Morgan Hale (PPC); also {CO_MEDIATOR[0]} (co-mediator), Form 2 on paper" in text
    assert f"returned on paper by {CO_MEDIATOR[0]} (co-mediator) on" in text  # the final case report
    assert "observed by Lead mediator" not in text and "observed by PPC" not in text


def test_the_compiled_portfolio_appends_both_returns_as_they_came(demo_portfolio, demo_portfolio_texts):
    """The PDF carries the observers' own pages: the signed summary and the scanned paper form, each under a
    caption that shows the whole SHA-256 of the file as it came back (none cut off by the caption's box).

    The demo's portfolio as `sendfolio demo` and `sendfolio portfolio` made it, compiled once per run
    (conftest); its returns are read from that folio (each demo signs its own return when made).
    """
    out, _ = demo_portfolio
    with Folio.open(out.parent / "folio", readonly=True) as folio:
        data = folio.data()
    pages = [" ".join((text or "").split()) for text in demo_portfolio_texts]  # read back once per process
    assert any("Form 2: Mediation (scanned)" in page for page in pages)
    assert any("Observation forms 1-3" in page and "Dr Morgan Hale (PPC)" in page for page in pages)
    for item in data.returns_for(CASE):
        assert any(f"(SHA-256 {item.sha256})" in page for page in pages), item.how
