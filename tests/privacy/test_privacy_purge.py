"""`sendfolio purge`: old cases lose their free text, keep what the rules need; backups rotate it out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from sendfolio import rules
from sendfolio.cli import main
from sendfolio.domain.governance import Feedback
from sendfolio.domain.records import CPDEntry, Observation
from sendfolio.privacy.purge import plan_purge
from sendfolio.privacy.unlock import codec_from_passphrase
from sendfolio.store import Folio, crypto
from sendfolio.store.storage import DEFAULT_BACKUPS

CANARY = "CANARY-Thistlewick-0042"
"""Text in old case notes that a purge must remove."""


def run(folio_dir, *args: str, input: str | None = None, env: dict | None = None):
    """Run `sendfolio --data-dir DIR args...` in-process."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args], input=input, env=env or {})


def files_with(folder, needle: str) -> list:
    """Every file under `folder` holding `needle` (in plain text)."""
    return [path.name for path in folder.rglob("*") if path.is_file() and needle.encode() in path.read_bytes()]


@pytest.fixture
def marked_demo(demo_folio, today):
    """The demo folio with the canary in the notes, a conduct note, an observation note and feedback of every case;
    closed for the CLI."""
    for case in demo_folio.cases():  # one save each, so the backups hold the canary too
        demo_folio.put(case.with_changes(notes=f"{case.notes} {CANARY}", conduct_signposting_note=CANARY))
        demo_folio.put(Observation.from_dict({"ref": case.ref, "criterion": "f3.db.extra", "notes": CANARY}))
        demo_folio.put(
            Feedback.from_dict({"case": case.ref, "given_by": "other", "received": case.date, "response": CANARY})
        )
    data = demo_folio.data()
    demo_folio.close()
    return data


def cutoff(today: date) -> date:
    """A date that puts some demo cases before it and some after."""
    return today - timedelta(days=150)


def test_plan_lists_only_old_cases_with_text(marked_demo, today):
    """The plan names each old case and what it would lose, never the text itself."""
    plan = plan_purge(marked_demo, cutoff(today))
    old = [case.ref for case in marked_demo.cases if case.date < cutoff(today)]
    assert [item.ref for item in plan.cases] == old and old
    assert all(CANARY not in item.describe() for item in plan.cases)
    assert all("conduct note" in item.describe() and "of feedback" in item.describe() for item in plan.cases)


def test_purge_keeps_every_rule_result(folio_dir, marked_demo, today):
    """After a purge, accreditation, renewal and coverage results are exactly as before."""
    before_check = rules.check_json(marked_demo, today, today.year)
    result = run(folio_dir, "purge", "--before", cutoff(today).isoformat(), "--yes")
    assert result.exit_code == 0, result.output
    with Folio.open(folio_dir) as folio:
        after = folio.data()
    assert rules.check_json(after, today, today.year) == before_check
    assert rules.accreditation(after, today) == rules.accreditation(marked_demo, today)
    assert len(after.observations) == len(marked_demo.observations)
    for old, new in zip(marked_demo.cases, after.cases):
        same = (
            "date",
            "role",
            "prep_hours",
            "meeting_hours",
            "followup_hours",
            "outcome",
            "debriefed",
            "observed_by",
            "decision_notice",
            "certificate_issued",
        )
        assert [getattr(old, name) for name in same] == [getattr(new, name) for name in same]
        if old.date < cutoff(today):
            assert (new.notes, new.issues, new.debrief, new.conduct_signposting_note) == ("", (), {}, "")
            assert new.conduct_signposting == old.conduct_signposting
        else:
            assert new == old


def test_purge_shows_the_plan_and_asks(folio_dir, marked_demo, today):
    """Without --yes the plan is shown and a 'no' changes nothing."""
    before = (folio_dir / "folio.json").read_bytes()
    result = run(folio_dir, "purge", "--before", cutoff(today).isoformat(), input="n\n")
    assert result.exit_code == 1
    assert "Purge removes the free-text details" in result.stdout and "Kept:" in result.stdout
    assert (folio_dir / "folio.json").read_bytes() == before


def test_bad_date_and_nothing_to_do(folio_dir, marked_demo):
    """A bad --before names the option; a date before every case has nothing to purge."""
    bad = run(folio_dir, "purge", "--before", "last year")
    assert bad.exit_code == 2 and "--before" in bad.stderr
    nothing = run(folio_dir, "purge", "--before", "1999-01-01")
    assert nothing.exit_code == 0 and "No case dated before" in nothing.stdout


def test_backup_keeps_the_old_text_until_it_rotates_out(folio_dir, marked_demo, today):
    """The purge's backup holds the folio as it was; after DEFAULT_BACKUPS more saves no file holds the text."""
    run(folio_dir, "purge", "--before", "2100-01-01", "--yes")
    assert "folio.json.1" in files_with(folio_dir, CANARY)
    assert "folio.json" not in files_with(folio_dir, CANARY)
    with Folio.open(folio_dir) as folio:
        for number in range(DEFAULT_BACKUPS):
            folio.put(
                CPDEntry.from_dict({"date": "2026-01-01", "hours": 1, "method": "reading", "title": f"r{number}"})
            )
    assert files_with(folio_dir, CANARY) == []


def test_deleted_case_leaves_the_backups_as_they_rotate(folio_dir, marked_demo):
    """A deleted case stays in backups only until DEFAULT_BACKUPS more saves have rotated them."""
    ref = marked_demo.cases[0].ref
    with Folio.open(folio_dir) as folio:
        folio.delete(folio.case(ref))
        assert f'"{ref}"'.encode() not in (folio_dir / "folio.json").read_bytes()
        assert files_with(folio_dir, f'"ref": "{ref}"')
        for number in range(DEFAULT_BACKUPS):
            folio.put_setting("rotation", number)
    assert files_with(folio_dir, f'"ref": "{ref}"') == []


def test_scrub_backups_removes_the_text_everywhere_now(folio_dir, marked_demo, today):
    """With --scrub-backups the text goes from the folio and every backup at once."""
    assert len(files_with(folio_dir, CANARY)) > 1
    result = run(folio_dir, "purge", "--before", "2100-01-01", "--yes", "--scrub-backups")
    assert result.exit_code == 0, result.output
    assert files_with(folio_dir, CANARY) == []
    with Folio.open(folio_dir) as folio:
        assert len(folio.cases()) == len(marked_demo.cases)


def test_purge_of_an_encrypted_folio_scrubs_encrypted_backups(folio_dir, marked_demo, today, monkeypatch):
    """On an encrypted folio the scrubbed backups stay encrypted and readable."""
    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.TEST_PARAMS)
    env = {"SENDFOLIO_PASSPHRASE": "fictional passphrase"}
    assert run(folio_dir, "encrypt", env=env).exit_code == 0
    with Folio.open(folio_dir, codec=codec_from_passphrase(folio_dir, env["SENDFOLIO_PASSPHRASE"])) as folio:
        folio.put_setting("one more save", True)
    result = run(folio_dir, "purge", "--before", "2100-01-01", "--yes", "--scrub-backups", env=env)
    assert result.exit_code == 0, result.output
    assert "Removed the details from 2 backups" in result.stdout
    codec = codec_from_passphrase(folio_dir, env["SENDFOLIO_PASSPHRASE"])
    for path in folio_dir.glob("folio.json*"):
        if path.suffix != ".lock":
            assert CANARY.encode() not in codec.decode(path.read_bytes())
