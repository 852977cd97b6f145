"""The gate before anything leaves: a listed name or an identifier anywhere stops every PDF and export.

Each test starts from the real demo folio on disk, puts a child's name (or a contact detail)
into one record as a mediator might type it, and runs the real commands: each must refuse
with exit 2, name the record and field, and write nothing.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.privacy.check import add_word, open_findings
from sendfolio.samples.demo import write_demo
from sendfolio.store import Folio
from sendfolio.store.crypto import TEST_PARAMS, new_codec
from tests.helpers.folios import demo_part

NAME = "Zebedee"
"""A fictional child's first name put on the do-not-print list."""

PASSPHRASE = "fictional gate passphrase"
"""The passphrase of the encrypted variant."""


def put_text(folio, place: str, words: str) -> str:
    """Add `words` to one field of one demo record; return how the refusal names it ("kind record, field")."""
    data = folio.data()
    if place == "reflection":
        item = data.reflections[0]
        folio.put(item.with_changes(body=f"{item.body}\n\n{words}"))
        return f"reflection {item.id}, body"
    if place == "case":
        item = data.case("SM-DEMO-002")
        folio.put(item.with_changes(notes=f"{item.notes} {words}"))
        return "case SM-DEMO-002, notes"
    if place == "debrief":
        item = data.case("SM-DEMO-003")
        folio.put(item.with_changes(debrief={**item.debrief, "challenges": f"{item.debrief['challenges']} {words}"}))
        return "case SM-DEMO-003, debrief.challenges"
    if place == "observation":
        item = next(obs for obs in data.observations if obs.notes)
        folio.put(item.with_changes(notes=f"{item.notes} {words}"))
        return f"observation {item.ref}/{item.criterion}, notes"
    if place == "cpd":
        item = data.cpd[0]
        folio.put(item.with_changes(learning=f"{item.learning} {words}"))
        return f"cpd {item.id}, learning"
    item = data.ppc_sessions[0]
    folio.put(item.with_changes(topics=f"{item.topics} {words}"))
    return f"ppc {item.id}, topics"


PLACES = ["reflection", "case", "debrief", "observation", "cpd", "ppc"]
"""Where a name is put: a reflection body, case notes, a de-brief note, an observation note, CPD learning, PPC topics."""


@pytest.fixture
def demo_dir(folio_dir, today):
    """The demo folio, closed, with the child's name on its do-not-print list."""
    with Folio.open(folio_dir) as folio:
        write_demo(folio, today)
        add_word(folio, NAME)
    return folio_dir


def with_text(folio_dir, place: str, words: str) -> str:
    """Put words into the folio on disk; return where the refusal must say they are."""
    with Folio.open(folio_dir) as folio:
        return put_text(folio, place, words)


def run(folio_dir, *args: str, env: dict | None = None):
    """Run `sendfolio --data-dir DIR args...` in-process."""
    return CliRunner().invoke(
        main, ["--data-dir", str(folio_dir), *args], env={"SENDFOLIO_PASSPHRASE": None, **(env or {})}
    )


def leaving_commands(out) -> list[tuple[list[str], object]]:
    """Every command that writes records out of the folio, with the file or folder it would write.

    The JSON backup is not one of them: it hands nothing to a third party, so it is never refused
    (`test_the_backup_is_never_refused`)."""
    commands = [
        (["portfolio", "-o", str(out / "p.pdf"), "--date", "2026-11-29"], out / "p.pdf"),
        (["renewal", "-o", str(out / "r.pdf"), "--year", "2026", "--date", "2026-11-29"], out / "r.pdf"),
        (["passport", "-o", str(out / "f.pdf"), "--date", "2026-11-29"], out / "f.pdf"),
        (["export", "--kind", "reflections", str(out / "reflections")], out / "reflections"),
    ]
    kinds = ["cases", "cpd", "ppc", "training", "observations"]
    return commands + [(["export", "--kind", kind, str(out / f"{kind}.csv")], out / f"{kind}.csv") for kind in kinds]


def assert_all_refused(folio_dir, out, where: str, env: dict | None = None) -> None:
    """Every leaving command exits 2 naming the place, and writes nothing."""
    out.mkdir(exist_ok=True)
    for args, target in leaving_commands(out):
        result = run(folio_dir, *args, env=env)
        assert result.exit_code == 2, (args, result.output)
        assert where in result.stderr and "nothing was" in result.stderr, (args, result.stderr)
        assert not target.exists(), args
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("place", PLACES)
def test_a_listed_name_anywhere_stops_every_pdf_and_export(demo_dir, tmp_path, place):
    """The child's name in any free-text field: portfolio, renewal, passport and every export refuse."""
    where = with_text(demo_dir, place, f"{NAME} was anxious before the meeting.")
    assert_all_refused(demo_dir, tmp_path / "out", where)


def test_the_gate_holds_for_an_encrypted_folio(demo_dir, tmp_path):
    """Encrypted and unlocked with $SENDFOLIO_PASSPHRASE, the gate refuses the same way."""
    where = with_text(demo_dir, "cpd", f"Spoke about {NAME.upper()}'S transition.")
    with Folio.open(demo_dir) as folio:
        folio.change_codec(new_codec(PASSPHRASE, TEST_PARAMS))
    assert_all_refused(demo_dir, tmp_path / "out", where, env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})


@pytest.mark.parametrize(
    "typed",
    [
        "zebedee",
        "ZEBEDEE",
        "Zebedee's",
        "Zebedee’s",
        "zebedees",
        "Zebedees'",
        "Zebedee-Rose",
        "Rose-Zebedee",
        "Zébédée",
        "(Zebedee)",
        "Zebedee.",
        "Zebedee2",
        "zebedee_smith",
        "Ze\u00adbe\u200bdee",
        "Ｚｅｂｅｄｅｅ",
    ],
)
def test_the_name_is_caught_however_it_is_typed(demo_dir, typed):
    """Other case, possessive, plural, hyphenated, accented, with digits or _ attached, hidden characters or
    full-width letters: still the listed name."""
    with Folio.open(demo_dir) as folio:
        put_text(folio, "reflection", f"Met {typed} today")
        assert [finding.category for finding in open_findings(folio)] == ["do-not-print"]


@pytest.mark.parametrize("typed", ["Zebedeeville", "AZebedee", "Zebedeeé"])
def test_other_words_containing_the_name_are_not_caught(demo_dir, typed):
    """A longer word that contains the name is a different word (digits and _ attached do not make one)."""
    with Folio.open(demo_dir) as folio:
        put_text(folio, "reflection", f"Met {typed} today")
        assert open_findings(folio) == []


@pytest.mark.parametrize(
    "listed, typed",
    [
        ("Anne-Marie", "anne marie"),
        ("Anne-Marie", "AnneMarie"),
        ("Anne Marie", "anne-marie"),
        ("O'Brien", "OBrien"),
        ("O'Brien", "o’brien"),
        ("Zoë", "ZOE"),
        ("Zoe", "Zoë's"),
    ],
)
def test_listed_phrases_match_their_spellings(demo_dir, listed, typed):
    """Hyphens, spaces and apostrophes in a listed name are optional; accents are ignored."""
    with Folio.open(demo_dir) as folio:
        add_word(folio, listed)
        put_text(folio, "ppc", f"discussed {typed} at length")
        assert [finding.match.casefold() for finding in open_findings(folio)] == [typed.casefold().removesuffix("'s")]


@pytest.mark.parametrize(
    "words, category",
    [
        ("write to parent.example@example.org", "e-mail address"),
        ("mum's mobile is 07700 900123", "UK phone number"),
        ("they live near SW1A 1AA", "UK postcode"),
        ("they live near sw1a 1aa", "UK postcode"),
        ("NHS number 943 476 5919", "NHS number"),
        ("DOB 12/03/2015", "date of birth"),
        ("born on 3rd March 2015", "date of birth"),
        ("date of birth: 2015-03-12", "date of birth"),
        ("his birthday is 3 March 2015", "date of birth"),
    ],
)
def test_identifiers_not_on_the_list_are_refused_too(demo_dir, tmp_path, words, category):
    """E-mail, UK phone, postcode, NHS number and date-of-birth phrases stop a PDF and an export."""
    where = with_text(demo_dir, "case", words)
    out = tmp_path / "out"
    out.mkdir()
    for args in (["portfolio", "-o", str(out / "p.pdf")], ["export", "--kind", "cases", str(out / "cases.csv")]):
        result = run(demo_dir, *args)
        assert result.exit_code == 2 and f"{category} in {where}" in result.stderr, result.stderr
    assert list(out.iterdir()) == []


def test_the_backup_is_never_refused(demo_dir, tmp_path):
    """With a listed name in the records, the JSON backup is still written, carrying the
    do-not-print list and the ignored findings, so a folio restored from it guards the same."""
    with_text(demo_dir, "cpd", f"{NAME} was anxious before the meeting.")
    with_text(demo_dir, "ppc", "Course ticket 943 476 5919 (not a person)")
    listed = json.loads(run(demo_dir, "privacy-check", "--json").stdout)
    (finding,) = [item for item in listed if item["category"] == "nhs-number"]
    assert run(demo_dir, "privacy-check", "--ignore", finding["id"]).exit_code == 1  # the name is still open
    result = run(demo_dir, "export", str(tmp_path / "all.json"))
    assert result.exit_code == 0, result.output
    restored = tmp_path / "restored"
    assert run(restored, "import", str(tmp_path / "all.json")).exit_code == 0
    with Folio.open(restored) as folio:
        found = open_findings(folio)
    assert [item.category for item in found] == ["do-not-print"], found


def test_the_refusal_never_prints_the_name_itself(demo_dir, tmp_path):
    """The message says where, not what: the listed name stays off the screen and out of logs."""
    with_text(demo_dir, "debrief", f"{NAME} did well")
    result = run(demo_dir, "export", "--kind", "cases", str(tmp_path / "cases.csv"))
    assert result.exit_code == 2 and NAME not in result.output and NAME.lower() not in result.output


def test_the_demo_folio_passes_the_gate(folio_dir, today):
    """The demo's own text has no findings at all."""
    with Folio.open(folio_dir) as folio:
        write_demo(folio, today)
        assert open_findings(folio) == []


def test_a_false_positive_marked_with_ignore_lets_the_pdf_through(tmp_path):
    """A look-alike marked with `privacy-check --ignore ID` no longer stops the portfolio or the export
    (the demo's profile and CPD, the child's name on the list)."""
    demo_dir = demo_part(tmp_path / "folio", keep=["cpd"])
    with Folio.open(demo_dir) as folio:
        add_word(folio, NAME)
    with_text(demo_dir, "cpd", "Course ticket 943 476 5919 (not a person)")
    listed = run(demo_dir, "privacy-check", "--json")
    (finding,) = json.loads(listed.stdout)
    assert listed.exit_code == 1 and finding["category"] == "nhs-number"
    marked = run(demo_dir, "privacy-check", "--ignore", finding["id"])
    assert marked.exit_code == 0, marked.output
    pdf = run(demo_dir, "portfolio", "-o", str(tmp_path / "p.pdf"), "--date", "2026-11-29")
    assert pdf.exit_code == 0, pdf.output
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    assert run(demo_dir, "export", str(tmp_path / "all.json")).exit_code == 0


@pytest.mark.parametrize(
    "words",
    [
        f"Met {NAME[:2]}\u00ad{NAME[2:]} today",
        "moved to SW1A\u00a01AA",
        "NHS 943\u00a0476\u00a05919",
        "write to jo\u00ad@example.com",
        "ring 07700\u2013900\u2013123",
        "born: 03-Mar-2015",
        f"{NAME.lower()}_smith's file",
    ],
    ids=["soft hyphen in a name", "NBSP postcode", "NBSP NHS number", "soft hyphen e-mail", "en dashes", "DOB", "_"],
)
def test_disguised_identifiers_stop_every_pdf_and_export(demo_dir, tmp_path, words):
    """The issue's leaks: hidden characters, odd spaces and dashes no longer slip past the gate."""
    where = with_text(demo_dir, "reflection", words)
    assert_all_refused(demo_dir, tmp_path / "out", where)
