"""Paper and flattened returns (issue 24, item 6): recognised, said what to do, and kept through the paper route.

A flattened return (our reference, no fields), a printed PDF and a scan go through the real CLI
into a real folio: each import is refused with the route, then `attach --observer --tick` keeps
it with its case as the observer's form, its ticks transcribed; the portfolio says so exactly.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from sendfolio.store import Folio
from tests.helpers.dates import FIXED_TODAY
from tests.helpers.folios import demo_case_forms
from tests.portfolio.test_observer_forms import CASE, OBSERVED, fill, invoke, make_demo, refused

PAPER_WORDS = "transcribed by the mediator from the observer's signed paper form (attached {label})"
"""What the portfolio prints of a paper form's ticks, with the attachment's label."""


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, Path]:
    """A flattened return, a printed PDF without our reference and a scan, made once."""
    root = tmp_path_factory.mktemp("paper")
    first = fill(demo_case_forms(tmp_path_factory), root / "first.pdf", OBSERVED)  # the case's forms, made once
    flattened = PdfWriter(clone_from=PdfReader(first))
    del flattened.root_object[NameObject("/AcroForm")]
    for page in flattened.pages:
        if "/Annots" in page:
            del page[NameObject("/Annots")]
    flattened.write(root / "flattened.pdf")
    printed = PdfWriter()
    printed.add_blank_page(width=595, height=842)
    printed.write(root / "printed.pdf")
    Image.new("RGB", (120, 170), "white").save(root / "scan.jpg")
    return {name: root / name for name in ("flattened.pdf", "printed.pdf", "scan.jpg")}


@pytest.mark.parametrize("name", ["flattened.pdf", "printed.pdf", "scan.jpg"])
def test_each_paper_return_is_told_the_route_and_goes_in_by_it(papers, tmp_path, name):
    """The import names the paper route (attach with --observer, then the ticks); taking it keeps the file
    as the observer's return on paper, with the ticks transcribed from it as theirs."""
    folder = make_demo(tmp_path / "folio")
    said = refused(folder, papers[name])
    assert "sendfolio attach FILE --for case:" in said and "--observer NAME" in said
    assert "then enter the ticks from it with `--tick CRITERION`" in said and "in the app" in said
    if name == "flattened.pdf":
        assert f"--for case:{CASE} " in said
    result = invoke(
        folder, "attach", str(papers[name]), "--for", f"case:{CASE}", "--observer", "Alex  Rowan",
        "--role", "PPC", "--completed", "12/04/2026", "--tick", "f1.pm.initial-contact=Prompt and clear.",
        "--tick", "f1.sk.engage",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Kept Alex Rowan's form on paper with case {CASE}" in result.output and "2 ticks" in result.output
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    (kept,) = [item for item in data.returns_for(CASE) if item.how == "paper"]
    assert (kept.observer, kept.observer_role, kept.completed, kept.forms) == (
        "Alex Rowan", "PPC", date(2026, 4, 12), ("1",)
    )  # fmt: skip
    (attached,) = [item for item in data.attachments if item.id == kept.attachment]
    assert attached.evidence_for == f"case:{CASE}" and attached.sha256 == kept.sha256
    assert folio_bytes(folder, attached) == papers[name].read_bytes()
    ticks = {item.criterion: item for item in data.observations_for(CASE) if item.observer == "Alex Rowan"}
    assert set(ticks) == {"f1.pm.initial-contact", "f1.sk.engage"}
    assert all(item.returned and item.returned_on == date(2026, 4, 12) for item in ticks.values())
    assert ticks["f1.pm.initial-contact"].notes == "Prompt and clear."


def folio_bytes(folder: Path, attached) -> bytes:
    """The kept file's bytes, read back through the folio."""
    with Folio.open(folder, readonly=True) as folio:
        return folio.attachment_bytes(attached)


def test_the_case_page_says_the_ticks_were_transcribed_from_the_attached_paper_form(papers, tmp_path):
    """The case's Form 1 sheet under the observer's name reads exactly as the issue asks, naming the appendix's label."""
    from sendfolio import rules
    from sendfolio.portfolio import render
    from sendfolio.portfolio.model import build_portfolio, latest_date

    folder = make_demo(tmp_path / "folio")
    args = ["--observer", "Alex Rowan", "--role", "PPC", "--completed", "2026-04-12", "--tick", "f1.sk.engage"]
    assert invoke(folder, "attach", str(papers["scan.jpg"]), "--for", f"case:{CASE}", *args).exit_code == 0
    with Folio.open(folder, readonly=True) as folio:
        data = folio.data()
    assert "paper" in rules.came_in(data, CASE)
    document = build_portfolio(data, latest_date(data, FIXED_TODAY))
    (item,) = [entry for entry in document.commentaries if entry.case.ref == CASE]
    (sheet,) = [sheet for sheet in item.forms.sheets if sheet.observer == "Alex Rowan"]
    assert sheet.returned and sheet.paper
    ((label, anchor),) = [
        (view.label, view.anchor) for view in document.attachments if view.attachment.id == sheet.attachment
    ]
    html = render.portfolio_html(document)
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    assert PAPER_WORDS.format(label=label) in text
    assert f'(attached <a class="pageref" href="#{anchor}">{label}</a>)' in html


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--observer", "Robin Fairweather"], "is the mediator"),
        (["--observer", "Alex Rowan", "--completed", "2030-01-01"], "is after today"),
        (["--observer", "Alex Rowan", "--completed", "2020-01-01"], "is before the case"),
        (["--observer", "Alex Rowan", "--tick", "f9.nothing"], "is not a criterion id"),
        (["--tick", "f1.sk.engage"], "go with --observer"),
    ],
)
def test_an_implausible_paper_form_is_refused_and_the_folio_is_unchanged(papers, tmp_path, args, said):
    """The mediator as observer, a date after today or before the case, an unknown criterion: one line, nothing kept."""
    folder = make_demo(tmp_path / "folio")
    before = (folder / "folio.json").read_bytes(), sorted(str(path) for path in folder.rglob("*"))
    result = invoke(folder, "attach", str(papers["scan.jpg"]), "--for", f"case:{CASE}", *args)
    assert result.exit_code == 2 and said in result.output and len(result.output.strip().splitlines()) == 1
    assert ((folder / "folio.json").read_bytes(), sorted(str(path) for path in folder.rglob("*"))) == before
