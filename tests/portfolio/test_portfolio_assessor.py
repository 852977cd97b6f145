"""The portfolio as a CMC/COM assessor reads it: the standards' words, readable type, Form 4 with its facts.

Real folios on disk, real PDFs compiled through the CLI (the completed demo's once per run through the
Python API, tests/portfolio/conftest.py) and read back with pypdf.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from html import unescape

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendfolio import rules
from sendfolio.cli import main
from sendfolio.domain.records import Profile, Reflection
from sendfolio.domain.reflection_text import PROMPTS
from sendfolio.portfolio import render
from sendfolio.portfolio.model import build_portfolio
from sendfolio.samples.demo import PPC_NAME, write_demo
from sendfolio.store import Folio
from sendfolio.tui.views.reflection_templates import template_body
from tests.helpers.dates import FIXED_TODAY

TODAY = date(2026, 11, 29)
"""The day the demo is written around and compiled on."""

RULE_ID = re.compile(r"f[123]\.")
"""What a criterion id looks like (f1.pm.initial-contact): never printed for the assessor."""


def cli(*args: str) -> str:
    """Run the CLI; return its output, failing the test on a non-zero exit."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def compile_portfolio(folio_dir, out) -> PdfReader:
    """The portfolio of the folio in `folio_dir`, compiled through the CLI on TODAY."""
    cli("--data-dir", str(folio_dir), "portfolio", "-o", str(out), "--date", TODAY.isoformat())
    return PdfReader(str(out))


def our_font_sizes(reader: PdfReader) -> Counter:
    """Characters by (font, size in points) of the text we lay out (DejaVu; attached documents have their own fonts)."""
    found: Counter = Counter()

    def visit(text, cm, tm, font, size):
        """Count one run of text at its size on the page (text matrix and CTM applied)."""
        if not text.strip() or font is None or "DejaVu" not in str(font.get("/BaseFont")):
            return
        scale = math.hypot(tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3])
        family = str(font.get("/BaseFont")).split("+")[-1]
        found[(family, round(size * scale, 2))] += len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def demo_pdf(demo_portfolio, demo_portfolio_texts):
    """The demo folio's portfolio, compiled through the CLI on TODAY once per run (conftest): (reader, text of each page)."""
    assert TODAY == FIXED_TODAY  # the day the shared compile was made on
    return PdfReader(str(demo_portfolio[0])), list(demo_portfolio_texts)


def test_no_rule_id_no_prompt_no_software_words(demo_pdf):
    """The assessor reads the standards' words: no criterion id, no template prompt, no 'rules engine', no 'you'."""
    _, texts = demo_pdf
    whole = "\n".join(texts)
    flat = " ".join(whole.split())
    assert not RULE_ID.search(whole), RULE_ID.search(whole)
    for prompt in PROMPTS:
        assert prompt not in flat, prompt
    assert "rules engine" not in flat.lower()
    assert not re.search(r"\byour?\b", flat, re.IGNORECASE), re.search(r".{40}\byour?\b.{40}", flat, re.IGNORECASE)
    assert "§1.2" in flat and "“at least 12 hours of casework”" in flat


def test_body_at_least_10_5_pt_and_nothing_under_8_5(demo_pdf):
    """Body text (the serif) is 10.5 pt or more; tables and every other run of our text 8.5 pt or more."""
    reader, _ = demo_pdf
    sizes = our_font_sizes(reader)
    serif = {size for (family, size) in sizes if family.startswith("DejaVu-Serif")}
    assert serif and min(serif) >= 10.5, sorted(serif)
    assert min(size for _, size in sizes) >= 8.5, sorted(sizes.items())
    body = Counter()
    for (family, size), count in sizes.items():
        if family.startswith("DejaVu-Serif"):
            body[size] += count
    assert body.most_common(1)[0][0] >= 10.5


def test_names_and_labels_are_not_hyphenated(demo_pdf):
    """No word of a name, label or heading is broken with a hyphen at the end of a line."""
    _, texts = demo_pdf
    whole = "\n".join(texts)
    for broken in ("Fair-\n", "Con-\nsultant", "Profes-\n", "Practi-\n", "Media-\n", "con-\ntext"):
        assert broken not in whole, broken
    assert "Robin Fairweather" in whole and "Professional Practice Consultant" in " ".join(whole.split())


def test_draft_form_4_lists_its_facts_and_what_is_missing(demo_pdf):
    """While anything is unmet, Form 4 lists its facts, then what is missing: no block ready to sign."""
    _, texts = demo_pdf
    whole = " ".join("\n".join(texts).split())
    form = whole[whole.index("Form 4: Accreditation form") :]
    for fact in (
        "Northfield Mediation Training",
        "40 h",
        "Riverside SEND Mediation Academy",
        "12 h",
        "14 h in 3 practice cases",
        "1.75 h of written reflection",
        "SM-DEMO-004, 30 September 2026, lead, observed by Dr Morgan Hale",
        "SM-DEMO-002 3 April 2026 Mediation Co-mediator",
        PPC_NAME,
    ):
        assert fact in form, fact
    assert "Not ready to sign: 3 requirements are not yet met" in form
    assert "2 hours of reflection (§1.2, §2.3)" in form
    assert "I certify that" not in form and "Signed" not in form.split("Not ready to sign")[0]
    assert all("DRAFT" in text for text in texts)


def test_completing_the_demo_removes_the_draft_mark_and_form_4_is_ready(completed_portfolio, completed_portfolio_texts):
    """Complete what is missing: no DRAFT on any page; Form 4 lists its facts before the declaration and signatures.

    The completed demo's portfolio is compiled once per run (conftest, `complete_demo`)."""
    assert TODAY == FIXED_TODAY  # the day the shared compile was made on
    result, folder = completed_portfolio
    with Folio.open(folder, readonly=True) as folio:
        assert rules.accreditation(folio.data(), TODAY).met
    texts = list(completed_portfolio_texts)  # read back with pypdf once per process (conftest)
    assert len(texts) == result.pages
    assert not any("DRAFT" in text for text in texts)
    whole = " ".join("\n".join(texts).split())
    form = whole[whole.index("Form 4: Accreditation form") :]
    facts = form.index("Riverside SEND Mediation Academy")
    declaration = form.index("I certify that Robin Fairweather has met all the training and practice requirements")
    signed = form.index("Signed", declaration)
    assert facts < declaration < signed
    assert "2.25 h of written reflection" in form and "Not ready to sign" not in form


def headings(html: str) -> list[int]:
    """The levels of the headings of an HTML document, in order."""
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def test_heading_levels_never_skip_and_reflection_headings_nest(tmp_path):
    """No heading jumps a level; a reflection's own Markdown headings sit under its title, in order."""
    with Folio.open(tmp_path / "folio") as folio:
        write_demo(folio, TODAY)
        folio.put(
            Reflection.from_dict(
                {
                    "date": "2026-11-01",
                    "hours": "0.25",
                    "title": "Deep headings",
                    "body": "#### Start\n\nFirst words.\n\n###### Detail\n\nMore words.\n",
                }
            )
        )
        data = folio.data()
    html = render.portfolio_html(build_portfolio(data, TODAY))
    levels = headings(html)
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False)), levels
    title = html.index(">Deep headings</h2>")
    assert re.search(r"<h3[^>]*>Start</h3>.*<h4[^>]*>Detail</h4>", html[title:], re.S)


def test_template_prompts_and_empty_sections_never_print(tmp_path):
    """A reflection from the Gibbs template prints its filled headings and the mediator's words, nothing else."""
    body = template_body("gibbs").replace(
        "## Feelings\n\n", "## Feelings\n\nUneasy before the joint session, calmer after the break.\n"
    )
    with Folio.open(tmp_path / "folio") as folio:  # the reflection on its own: the demo's are checked in demo_pdf
        folio.put(Profile.from_dict({"name": "Alex Rowan", "membership_body": "COM"}))
        folio.put(
            Reflection.from_dict({"date": "2026-11-02", "hours": "0.5", "title": "After the break", "body": body})
        )
    reader = compile_portfolio(tmp_path / "folio", tmp_path / "gibbs.pdf")
    whole = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    start = whole.index("After the break 2 November 2026")
    piece = whole[start : start + 400]
    assert "Feelings Uneasy before the joint session" in piece
    assert "Description" not in piece and "Action plan" not in piece
    assert not any(prompt in whole for prompt in PROMPTS)


def test_a_reflection_without_words_of_its_own_is_refused_and_not_counted(tmp_path):
    """Headings and prompts alone cannot be saved; one stored that way is not counted by check."""
    from dataclasses import replace

    from sendfolio.domain.records import InvalidRecord

    empty = Reflection.from_dict(
        {"date": "2026-11-02", "hours": "1", "title": "Not yet", "body": template_body("rolfe")}
    )
    with Folio.open(tmp_path / "folio") as folio:
        with pytest.raises(InvalidRecord, match="no words of the mediator's own"):
            folio.put(empty)
        assert folio.data().reflections == ()
    legacy = "## What?\n\n_Describe the situation and your part in it._\n\n## So what?\n\n"
    counted = Reflection.from_dict({"date": "2026-11-02", "hours": "1", "title": "Old", "body": legacy})
    assert rules.written((counted,)) == ()
    with Folio.open(tmp_path / "demo") as folio:
        write_demo(folio, TODAY)
        data = folio.data()
    before = rules.reflection_hours(data)
    assert before > 0
    assert rules.reflection_hours(replace(data, reflections=(*data.reflections, counted))) == before
    assert (
        rules.reflection_hours(
            replace(data, reflections=(*data.reflections, counted.with_changes(body=legacy + "Words.")))
        )
        == before + 1
    )


def test_passport_is_refused_for_the_demo_route(tmp_path):
    """The demo mediator is on the new route: passport exits 1 with one line naming §1.6; no file is written."""
    with Folio.open(tmp_path / "folio") as folio:
        write_demo(folio, TODAY)
    out = tmp_path / "form5.pdf"
    result = CliRunner().invoke(
        main, ["--data-dir", str(tmp_path / "folio"), "passport", "-o", str(out), "--date", TODAY.isoformat()]
    )
    assert result.exit_code == 1
    said = result.output.strip()
    assert "\n" not in said and "§1.6" in said and "new accreditation" in said
    assert not out.exists()


def test_passport_names_what_is_missing_on_the_passported_route(tmp_path):
    """A passported profile without three lead cases a year is refused, naming the criterion (§1.6)."""
    from sendfolio.domain.records import Profile

    with Folio.open(tmp_path / "folio") as folio:
        write_demo(folio, TODAY)
        profile = folio.data().profile
        folio.put(profile.with_changes(route="passported", lead_since="2024-04-01"))
        assert isinstance(folio.data().profile, Profile)
    result = CliRunner().invoke(
        main, ["--data-dir", str(tmp_path / "folio"), "passport", "-o", str(tmp_path / "f.pdf"), "--date", "2026-11-29"]
    )
    assert result.exit_code == 1
    assert "§1.6" in result.output and "Lead SEND mediator, 3 cases a year" in result.output


def test_renewal_pack_leaves_out_the_future_case_and_checks_1_5_1(tmp_path):
    """Only cases held in the year are listed as taken part in; the booked future case stands apart with its reason."""
    with Folio.open(tmp_path / "folio") as folio:
        write_demo(folio, TODAY)
    out = tmp_path / "renewal.pdf"
    cli("--data-dir", str(tmp_path / "folio"), "renewal", "--year", "2026", "-o", str(out), "--date", "2026-11-29")
    whole = " ".join(" ".join(page.extract_text() for page in PdfReader(str(out)).pages).split())
    held = whole[whole.index("Cases held in the registration year") : whole.index("Not counted as cases taken part in")]
    assert "SM-DEMO-004" in held and "SM-DEMO-005" not in held
    apart = whole[whole.index("Not counted as cases taken part in") :]
    assert "SM-DEMO-005 (mediation, lead): dated 11 December 2026, after this pack was compiled" in apart
    assert "Additional learning or refresher training §1.5.1" in whole
    assert not RULE_ID.search(whole) and "renewal." not in whole


def test_other_peoples_deadlines_stand_apart_and_a_non_working_day_is_flagged(tmp_path):
    """The family's appeal and the LA's reg 42 duty are never counted as met; Good Friday is flagged."""
    from sendfolio.domain.timescales import case_deadlines, is_informational

    with Folio.open(tmp_path / "folio") as folio:
        write_demo(folio, TODAY)
        data = folio.data()
    document = build_portfolio(data, TODAY)
    counted = sum(document.timescales.totals)
    every = sum(len(case_deadlines(item.case, TODAY)) for item in document.commentaries)
    others = sum(1 for item in document.commentaries for d in case_deadlines(item.case, TODAY) if is_informational(d))
    assert others and counted == every - others == sum(len(item.deadlines) for item in document.commentaries)
    assert not any(is_informational(d) for item in document.commentaries for d in item.deadlines)
    good_friday = next(item for item in document.commentaries if item.case.date == date(2026, 4, 3))
    assert good_friday.non_working == "Good Friday"
    html = unescape(" ".join(render.portfolio_html(document).split()))
    assert "held on a non-working day (Good Friday)" in html
    assert "Other people's deadlines, for information (not counted)" in html
    assert "The family's: appeal to the tribunal" in html


def test_coarse_dates_print_the_statutory_steps_by_month(tmp_path):
    """With coarse dates, no statutory step or deadline in the commentaries carries its day."""
    with Folio.open(tmp_path / "folio") as folio:
        write_demo(folio, TODAY)
        data = folio.data()
    exact = render.portfolio_html(build_portfolio(data, TODAY))
    coarse = render.portfolio_html(build_portfolio(data, TODAY, coarse_dates=True))
    tables = re.findall(r'<table class="deadlines[^"]*">.*?</table>', coarse, re.S)
    assert tables and not any(re.search(r"\d\d/\d\d/\d{4}", table) for table in tables)
    assert "April 2026" in " ".join(tables)
    assert re.search(r'<table class="deadlines">.*?\d\d/\d\d/\d{4}', exact, re.S)


def test_put_many_refuses_a_reflection_without_words_of_its_own_and_saves_nothing(tmp_path):
    """The bulk save checks as put does: one empty reflection, and none of the batch is stored."""
    from sendfolio.domain.records import InvalidRecord

    good = Reflection.from_dict({"date": "2026-11-02", "hours": "1", "title": "Fine", "body": "Words of my own."})
    empty = Reflection.from_dict({"date": "2026-11-03", "hours": "1", "title": "Empty", "body": template_body("kolb")})
    with Folio.open(tmp_path / "folio") as folio:
        with pytest.raises(InvalidRecord, match="no words of the mediator's own"):
            folio.put_many([good, empty])
        assert folio.data().reflections == ()


CONTENT_TOP, CONTENT_BOTTOM = 842 - 68, 62.4
"""The text area of an A4 page in points, from the bottom: 24 mm top and 22 mm bottom margins."""

SECTION_SIZE = 17.0
"""The type size of a numbered section's heading (a major section)."""


def page_fill(reader: PdfReader) -> list[tuple[float, bool]]:
    """(how far down the text area our text reaches, 0–1; whether a major section's heading is on it) per page."""
    found = []
    for page in reader.pages:
        lows, section = [], False

        def visit(text, cm, tm, font, size, lows=lows):
            """Note the baseline of one run of our text inside the text area."""
            nonlocal section
            if not text.strip() or font is None or "DejaVu" not in str(font.get("/BaseFont")):
                return
            scale = abs(tm[3] * cm[3])
            if size * scale > 60:  # the DRAFT watermark
                return
            y = tm[5] * cm[3] + cm[5]
            if CONTENT_BOTTOM + 2 < y < CONTENT_TOP - 2:
                lows.append(y)
                section = section or abs(size * scale - SECTION_SIZE) < 0.1

        page.extract_text(visitor_text=visit)
        fill = (CONTENT_TOP - min(lows)) / (CONTENT_TOP - CONTENT_BOTTOM) if lows else 0.0
        found.append((fill, section))
    return found


def test_no_page_less_than_a_third_full_except_before_a_major_section(demo_pdf):
    """Every page of the portfolio is at least a third full, unless the next starts a numbered section.

    The appendix of attached documents is left out: each copy of a certificate starts a page of its own.
    """
    reader, texts = demo_pdf
    fills = page_fill(reader)
    appendix = next(
        n
        for n, text in enumerate(texts)
        if "Appendix: attached documents" in text and fills[n][1] and not text.startswith("Contents")
    )
    thin = [
        number + 1
        for number, (fill, _) in enumerate(fills[: appendix - 1])
        if fill < 1 / 3 and not fills[number + 1][1]
    ]
    assert not thin, f"pages less than a third full: {thin}"
    assert any(fill < 1 / 3 for fill, _ in fills[:appendix]), "the measure finds the short pages before sections"
