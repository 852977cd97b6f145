"""`sendfolio privacy-check`, the do-not-print list and `ensure_clear`, on real folios and real imports."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.records import Case
from sendfolio.privacy.check import DO_NOT_PRINT_KEY, PrivacyFindings, add_word, ensure_clear, open_findings
from sendfolio.store import Folio
from tests.helpers.folios import demo_part

CASES_CSV = (
    "ref,kind,role,date,prep_hours,meeting_hours,followup_hours,outcome,issues,notes\n"
    "SM-CSV-001,mediation,lead,2025-03-02,1,3,0.5,agreement,placement,Met Zephyrine's father; he asked us to email "
    "dad.example@example.org\n"
)
"""A cases CSV as a mediator's spreadsheet might hold it, with a listed name and an e-mail address."""

REFLECTION_MD = """---
date: 2025-03-04
hours: 0.5
title: Holding a difficult meeting
---
## What happened

The parent rang me on **07700 900123** and mentioned that *Zephyrine* (DOB 02/05/2016) was anxious.
"""
"""A Markdown reflection with a phone number, a listed name and a date of birth."""


def run(folio_dir, *args: str, input: str | None = None):
    """Run `sendfolio --data-dir DIR args...` in-process."""
    return CliRunner().invoke(
        main, ["--data-dir", str(folio_dir), *args], input=input, env={"SENDFOLIO_PASSPHRASE": None}
    )


def put_case(folio_dir, notes: str) -> None:
    """Save one fictional case with these notes."""
    with Folio.open(folio_dir) as folio:
        folio.put(
            Case.from_dict(
                {
                    "ref": "SM-T-001",
                    "kind": "mediation",
                    "role": "lead",
                    "date": "2025-03-02",
                    "prep_hours": 1,
                    "meeting_hours": 3,
                    "followup_hours": 0.5,
                    "outcome": "agreement",
                    "notes": notes,
                }
            )
        )


def test_demo_folio_has_no_findings(demo_folio):
    """The lead's demo folio is clear: nothing to fix before its first export."""
    assert open_findings(demo_folio) == []
    ensure_clear(demo_folio)


def test_demo_folio_cli_check_is_clear(folio_dir):
    """`privacy-check` on a fresh demo exits 0."""
    assert run(folio_dir, "demo").exit_code == 0
    result = run(folio_dir, "privacy-check")
    assert result.exit_code == 0 and "No likely identifiers" in result.stdout


def test_imported_csv_and_markdown_are_checked(folio_dir, tmp_path):
    """Identifiers brought in by io's importer (CSV and a Markdown reflection) are all found."""
    (tmp_path / "cases.csv").write_text(CASES_CSV)
    (tmp_path / "reflection.md").write_text(REFLECTION_MD)
    imported = run(folio_dir, "import", str(tmp_path / "cases.csv"), str(tmp_path / "reflection.md"))
    assert imported.exit_code == 0, imported.output
    assert run(folio_dir, "do-not-print", "add", "Zephyrine").exit_code == 0
    result = run(folio_dir, "privacy-check", "--json")
    assert result.exit_code == 1
    found = {(item["kind"], item["field"], item["category"]) for item in json.loads(result.stdout)}
    assert found == {
        ("case", "notes", "do-not-print"),
        ("case", "notes", "email"),
        ("reflection", "body", "phone"),
        ("reflection", "body", "do-not-print"),
        ("reflection", "body", "date-of-birth"),
    }


def test_listing_and_ignoring_a_false_positive(folio_dir):
    """A finding is listed with its id; --ignore marks it, and it stays marked across runs."""
    put_case(folio_dir, "Parent suggested SW1A 1AA as the venue; call 0161 496 0000.")
    listed = run(folio_dir, "privacy-check")
    assert listed.exit_code == 1 and "UK postcode in case SM-T-001, notes" in listed.stdout
    ids = {item["category"]: item["id"] for item in json.loads(run(folio_dir, "privacy-check", "--json").stdout)}
    ignored = run(folio_dir, "privacy-check", "--ignore", ids["postcode"])
    assert ignored.exit_code == 1 and "Marked" in ignored.stdout and "1 marked as not identifiers" in ignored.stdout
    rest = json.loads(run(folio_dir, "privacy-check", "--json").stdout)
    assert [item["category"] for item in rest] == ["phone"]
    assert run(folio_dir, "privacy-check", "--ignore", ids["phone"]).exit_code == 0
    assert run(folio_dir, "privacy-check").exit_code == 0


def test_ignore_is_tied_to_the_text(folio_dir):
    """Marking is by record, field and matched text: a new identifier in the same field is still found."""
    put_case(folio_dir, "Venue SW1A 1AA.")
    (finding,) = json.loads(run(folio_dir, "privacy-check", "--json").stdout)
    run(folio_dir, "privacy-check", "--ignore", finding["id"])
    put_case(folio_dir, "Venue SW1A 1AA, then moved to M1 1AE.")
    rest = json.loads(run(folio_dir, "privacy-check", "--json").stdout)
    assert [item["match"] for item in rest] == ["M1 1AE"]


def test_ignore_unknown_id_is_a_clear_error(folio_dir):
    """An id that is not a current finding: exit 2, saying how to list them."""
    put_case(folio_dir, "nothing here")
    result = run(folio_dir, "privacy-check", "--ignore", "0123456789")
    assert result.exit_code == 2 and "sendfolio privacy-check" in result.stderr


def test_do_not_print_add_remove_list(folio_dir):
    """Words and phrases are added once (any case), listed, and removed."""
    assert run(folio_dir, "do-not-print", "add", "Zephyrine", "Oak  Lane Primary").exit_code == 0
    again = run(folio_dir, "do-not-print", "add", "zephyrine")
    assert "Already listed" in again.stdout
    assert run(folio_dir, "do-not-print", "list").stdout.splitlines() == ["Zephyrine", "Oak Lane Primary"]
    assert run(folio_dir, "do-not-print", "remove", "OAK LANE PRIMARY").exit_code == 0
    assert run(folio_dir, "do-not-print", "list").stdout.splitlines() == ["Zephyrine"]
    missing = run(folio_dir, "do-not-print", "remove", "Nobody")
    assert missing.exit_code == 2 and "not on the do-not-print list" in missing.stderr
    blank = run(folio_dir, "do-not-print", "add", " -- ")
    assert blank.exit_code == 2 and "word:" in blank.stderr


def test_ensure_clear_raises_with_a_clear_message(folio_dir):
    """While findings are open, ensure_clear raises PrivacyFindings saying how many and what to run."""
    put_case(folio_dir, "Met Zephyrine at home; mum on 07700 900123.")
    with Folio.open(folio_dir) as folio:
        add_word(folio, "Zephyrine")
        with pytest.raises(PrivacyFindings) as raised:
            ensure_clear(folio)
    assert len(raised.value.findings) == 2
    message = str(raised.value)
    assert message.startswith("2 possible identifiers") and "sendfolio privacy-check" in message
    assert "Zephyrine" not in message and "07700" not in message


def test_do_not_print_list_never_leaves_in_a_csv_export(folio_dir, tmp_path):
    """CSV and Markdown exports (for other programs) carry records, never the private do-not-print
    list; the JSON backup (the mediator's own copy) carries it, so a restored folio guards the same."""
    assert run(folio_dir, "demo").exit_code == 0
    run(folio_dir, "do-not-print", "add", "Zephyrine-Private-Name")
    for kind in ("cases", "cpd", "ppc", "training", "observations"):
        out = tmp_path / f"{kind}.csv"
        result = run(folio_dir, "export", "--kind", kind, str(out))
        assert result.exit_code == 0, result.output
        assert "Zephyrine-Private-Name" not in out.read_text() and DO_NOT_PRINT_KEY not in out.read_text()
    assert run(folio_dir, "export", "--kind", "reflections", str(tmp_path / "md")).exit_code == 0
    assert not any("Zephyrine" in path.read_text() for path in (tmp_path / "md").iterdir())
    assert run(folio_dir, "export", str(tmp_path / "backup.json")).exit_code == 0
    assert "Zephyrine-Private-Name" in (tmp_path / "backup.json").read_text()


def test_pdf_compiler_gate_refuses_open_findings(folio_dir):
    """The portfolio compiler's privacy gate (privacy.gate.release) refuses while findings are open."""
    from sendfolio.privacy.gate import release

    put_case(folio_dir, "Mum asked us to ring 07700 900123.")
    with Folio.open(folio_dir) as folio, pytest.raises(PrivacyFindings, match="sendfolio privacy-check"):
        release(folio)


def test_export_is_refused_while_findings_are_open(folio_dir, tmp_path):
    """`sendfolio export --kind` (CSV) writes nothing while the privacy check has open findings."""
    put_case(folio_dir, "Mum asked us to ring 07700 900123.")
    out = tmp_path / "cases.csv"
    result = run(folio_dir, "export", "--kind", "cases", str(out))
    assert result.exit_code == 2 and "sendfolio privacy-check" in result.stderr
    assert not out.exists()


def test_do_not_print_list_never_reaches_the_pdf(tmp_path, today):
    """The compiled portfolio holds none of the private list's words (they are settings, not records):
    the demo's profile and reflections, the list's word added."""
    api = pytest.importorskip("sendfolio.portfolio.api")
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    from sendfolio.privacy.gate import release

    out = tmp_path / "portfolio.pdf"
    with Folio.open(demo_part(tmp_path / "folio", keep=["reflections"], today=today)) as folio:
        add_word(folio, "Zephyrine-Private-Name")
        api.compile_portfolio(release(folio), out, as_of=today)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Robin Fairweather" in text
    assert "Zephyrine" not in text and "do_not_print" not in text
