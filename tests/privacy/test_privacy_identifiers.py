"""The identifier scan: each kind of identifier, in every free-text field, and nothing in ordinary text."""

from __future__ import annotations

import pytest

from sendfolio.domain.records import (
    Case,
    CPDEntry,
    FolioData,
    Observation,
    PPCSession,
    Reflection,
    Training,
    Verification,
)
from sendfolio.privacy.identifiers import do_not_print_pattern, fingerprint, free_text, is_nhs_number, matches, scan


def categories(text: str, words=()) -> list[tuple[str, str]]:
    """(category, matched text) of every finding in one text."""
    return [(category, found.group()) for category, found in matches(text, do_not_print_pattern(words))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("write to parent.one@example.org today", "parent.one@example.org"),
        ("cc: J_Smith+send@council.example.gov.uk", "J_Smith+send@council.example.gov.uk"),
    ],
)
def test_email(text, expected):
    """E-mail addresses are found whole."""
    assert categories(text) == [("email", expected)]


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "+44 7700 900123",
        "+44 (0)7700 900123",
        "0044 7700 900123",
        "(0161) 496 0000",
        "0161 496 0000",
        "020 7946 0000",
        "01632 960001",
        "0300 123 4567",
        "0800 123 456",
    ],
)
def test_uk_phone_numbers(number):
    """Mobile, landline, non-geographic and international forms of UK numbers are found."""
    assert categories(f"ring {number} after 4pm") == [("phone", number)]


def test_digits_glued_to_letters_are_not_a_phone_or_nhs_number():
    """A run of digits inside a name made of letters and digits (an attachment's, 02703304913a) is no phone
    or NHS number, on either side: the one-line message naming that attachment, and the command to remove it, are
    shown whole. A number ended by a stop, comma or space still is one."""
    assert categories("the file of attachment 02703304913a at attachments/02703304913a.pdf") == []
    assert categories("sendfolio attachments --remove a02703304913") == []
    assert categories("ring 02703304913, or 02703304913.") == [("phone", "02703304913"), ("phone", "02703304913")]
    assert categories("attachment 9434765919ab") == []
    assert categories("NHS no. 9434765919.") == [("nhs-number", "9434765919")]


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A1BB", "GIR 0AA"])
def test_uk_postcodes(postcode):
    """The UK postcode forms are found."""
    assert categories(f"the family moved to {postcode} last year") == [("postcode", postcode)]


def test_nhs_number_needs_a_valid_check_digit():
    """A 10-digit number is an NHS number only when its modulus-11 check digit is right."""
    assert is_nhs_number("943 476 5919") and is_nhs_number("9434765919")
    assert not is_nhs_number("9434765918")
    assert categories("NHS no. 943 476 5919.") == [("nhs-number", "943 476 5919")]
    assert categories("ref 943-476-5919") == [("nhs-number", "943-476-5919")]
    assert categories("number 9434765918 is not one") == []


@pytest.mark.parametrize(
    "text",
    [
        "DOB 12/03/2015",
        "D.O.B.: 12.03.15",
        "dob - 2015-03-12",
        "date of birth 3rd March 2014",
        "Date of Birth: 3 Mar 2014",
        "born on the 12th of March 2015",
        "born March 12, 2015",
        "born in May 2016",
        "DOB 12 / 03 / 2015",
        "born on the twelfth of March 2015",
    ],
)
def test_dates_of_birth_in_context(text):
    """A date, or a month and year, introduced by DOB / date of birth / born is found."""
    assert [category for category, _ in categories(f"Child ({text}) attends")] == ["date-of-birth"]


@pytest.mark.parametrize("text", ["born 2016", "the parent-carer forum was born in 2016", "DOB: 2015"])
def test_a_year_alone_is_not_a_date_of_birth(text):
    """A year alone, even after "born" or DOB, identifies nobody: not flagged."""
    assert categories(f"Child ({text}) attends") == []


@pytest.mark.parametrize(
    "text",
    [
        "Case SM-2025-014 met on 2025-03-02 for 1.5 hours; follow-up 12/03/2025.",
        "Observed f1.pm.initial-contact and f3.db.strengths; Year 10 2nd term, KS2 results.",
        "Met 3 times in 2024, 20 hours CPD, EHC plan section F, 30 days, 0.5 h.",
        "Tribunal reference EH123/24/00001 and LA decision notice dated 01/02/2025.",
        "The mediation was born of a wish to agree; this is borne out by the notes.",
    ],
)
def test_ordinary_mediation_text_is_clear(text):
    """References, dates, hours and criterion ids are not identifiers."""
    assert categories(text) == []


def test_do_not_print_words_whole_word_any_case():
    """Listed words and phrases are found as whole words, in any case, across spaces; not inside other words."""
    words = ["Amelia", "Oak Lane Primary", "O'Brien"]
    found = categories("amelia's mum (Ms O'BRIEN) at oak lane\nprimary; Ameliana is someone else", words)
    assert found == [("do-not-print", "amelia"), ("do-not-print", "O'BRIEN"), ("do-not-print", "oak lane\nprimary")]


def every_field_folio(word: str) -> FolioData:
    """A folio with `word` in every free-text field that can leave the machine."""
    case = Case.from_dict(
        {
            "ref": "SM-T-001",
            "kind": "mediation",
            "role": "lead",
            "date": "2025-03-02",
            "prep_hours": 1,
            "meeting_hours": 3,
            "followup_hours": 0.5,
            "outcome": "agreement",
            "observed_by": f"{word} (PPC)",
            "issues": [f"{word} placement"],
            "notes": f"Spoke with {word}.",
            "debriefed": "yes",
            "debrief": {heading: f"{word} in {heading}" for heading in ("strengths", "learning_plan")},
        }
    )
    return FolioData(
        cases=(case,),
        observations=(
            Observation.from_dict(
                {"ref": "SM-T-001", "criterion": "f1.pm.x", "observer": word, "notes": f"{word} noted"}
            ),
        ),
        reflections=(
            Reflection.from_dict(
                {
                    "id": "r1",
                    "date": "2025-03-03",
                    "hours": 1,
                    "title": f"On {word}",
                    "body": f"# What happened\n\n**{word}** said…",
                }
            ),
        ),
        cpd=(
            CPDEntry.from_dict(
                {
                    "id": "c1",
                    "date": "2025-01-01",
                    "hours": 2,
                    "method": "reading",
                    "title": f"{word} reading",
                    "provider": f"{word} Ltd",
                    "learning": f"about {word}",
                }
            ),
        ),
        ppc_sessions=(
            PPCSession.from_dict(
                {
                    "id": "p1",
                    "date": "2025-02-01",
                    "ppc": "Dr Example",
                    "hours": 1,
                    "mode": "one-to-one",
                    "topics": f"{word} case",
                    "actions": f"call {word}",
                }
            ),
        ),
        training=(
            Training.from_dict(
                {
                    "id": "t1",
                    "kind": "refresher",
                    "title": f"{word} course",
                    "provider": f"{word} Academy",
                    "date": "2024-01-01",
                    "hours": 3,
                }
            ),
        ),
        verification=Verification.from_dict({"name": "Dr Example", "date": "2025-04-01", "statement": f"re {word}"}),
    )


EVERY_FIELD = {
    ("case", "observed_by"),
    ("case", "issues"),
    ("case", "notes"),
    ("case", "debrief.strengths"),
    ("case", "debrief.learning_plan"),
    ("observation", "observer"),
    ("observation", "notes"),
    ("reflection", "title"),
    ("reflection", "body"),
    ("cpd", "title"),
    ("cpd", "provider"),
    ("cpd", "learning"),
    ("ppc", "topics"),
    ("ppc", "actions"),
    ("training", "title"),
    ("training", "provider"),
    ("verification", "statement"),
}
"""Every (record kind, field) of free text the scan covers."""


@pytest.mark.parametrize(
    "word, category",
    [
        ("Zephyrine", "do-not-print"),
        ("family@example.org", "email"),
        ("07700 900123", "phone"),
        ("SW1A 1AA", "postcode"),
        ("943 476 5919", "nhs-number"),
        ("DOB 01/02/2015", "date-of-birth"),
    ],
)
def test_every_field_is_scanned_for_every_kind(word, category):
    """Each kind of identifier is found in every free-text field of every record type."""
    findings = scan(every_field_folio(word), ["Zephyrine"])
    assert {(finding.kind, finding.field) for finding in findings} == EVERY_FIELD
    assert {finding.category for finding in findings} == {category}


def test_case_reference_holding_a_listed_name_is_found():
    """A case reference made from a listed surname is caught too."""
    case = Case.from_dict(
        {
            "ref": "SMITH-2025-1",
            "kind": "mediation",
            "role": "lead",
            "date": "2025-03-02",
            "prep_hours": 1,
            "meeting_hours": 1,
            "followup_hours": 0,
            "outcome": "agreement",
        }
    )
    assert [(f.field, f.match) for f in scan(FolioData(cases=(case,)), ["smith"])] == [("ref", "SMITH")]


def test_findings_carry_place_context_and_a_stable_id():
    """A finding names record and field, shows the match in context, and its id depends only on those."""
    data = every_field_folio("Zephyrine")
    first = {finding.id: finding for finding in scan(data, ["zephyrine"])}
    again = {finding.id: finding for finding in scan(data, ["ZEPHYRINE"])}
    assert first.keys() == again.keys()
    notes = next(finding for finding in first.values() if finding.field == "notes" and finding.kind == "case")
    assert notes.record == "SM-T-001" and "»Zephyrine«" in notes.context
    assert notes.id == fingerprint("case", "SM-T-001", "notes", "zephyrine")
    assert notes.to_dict()["category"] == "do-not-print"
    assert "case SM-T-001, notes" in notes.describe()


def test_repeats_in_one_field_are_one_finding():
    """The same word three times in one field is one finding counted three times."""
    data = every_field_folio("Zephyrine").__class__(
        reflections=(
            Reflection.from_dict(
                {
                    "id": "r1",
                    "date": "2025-03-03",
                    "hours": 1,
                    "title": "t",
                    "body": "Zephyrine, zephyrine and ZEPHYRINE",
                }
            ),
        )
    )
    (finding,) = scan(data, ["Zephyrine"])
    assert finding.count == 3


def test_ignored_fingerprints_are_left_out():
    """Findings whose fingerprints are marked are not reported."""
    data = every_field_folio("Zephyrine")
    findings = scan(data, ["Zephyrine"])
    rest = scan(data, ["Zephyrine"], ignored=[findings[0].id])
    assert len(rest) == len(findings) - 1


def test_free_text_skips_empty_fields():
    """Only fields holding text are scanned."""
    assert list(free_text(FolioData())) == []


def test_findings_are_shown_in_the_words_as_written():
    """Hidden characters and odd spaces are read through, but the finding shows the text as it was typed."""
    text = "Met Zo\u00ade at SW1A\u00a01AA; NHS 943\u00a0476\u00a05919; jo\u00ad@example.com"
    found = [(category, hit.group(), hit.span()) for category, hit in matches(text, do_not_print_pattern(["Zoe"]))]
    assert found == [
        ("email", "jo\u00ad@example.com", (text.index("jo"), len(text))),
        ("do-not-print", "Zo\u00ade", (4, 8)),
        ("nhs-number", "943\u00a0476\u00a05919", (text.index("943"), text.index("943") + 12)),
        ("postcode", "SW1A\u00a01AA", (12, 20)),
    ]


def test_a_finding_in_a_folio_keeps_its_context_as_written():
    """scan() gives the match and its context from the record's own text."""
    data = every_field_folio("Zo\u00ade\u2019s")
    [notes] = [item for item in scan(data, ["Zoë"]) if (item.kind, item.field) == ("case", "notes")]
    assert notes.match == "Zo\u00ade" and "»Zo\u00ade«\u2019s" in notes.context


def test_a_finding_says_when_it_hides_characters():
    """A soft hyphen or NBSP inside the match is invisible on screen, so the line says it is there."""
    data = every_field_folio("Zo\u00ade")
    [notes] = [item for item in scan(data, ["Zoe"]) if (item.kind, item.field) == ("case", "notes")]
    assert notes.hidden_characters
    assert "(written with invisible characters or unusual spaces)" in notes.describe()
    [plain] = [item for item in scan(every_field_folio("Zoe"), ["Zoe"]) if item.field == "notes"][:1]
    assert not plain.hidden_characters and "invisible" not in plain.describe()


def test_a_field_full_of_identifiers_is_scanned_in_linear_time():
    """200,000 characters of phone numbers (16,500 findings) take well under a second, not 50 s.

    The overlap check once compared each candidate with every finding kept; the limit here is
    30 times the time it takes now, so only that quadratic slip can fail it.
    """
    import time

    text = "07700 " * 33_000
    started = time.perf_counter()
    found = sum(1 for _ in matches(text, do_not_print_pattern(["Zoe"])))
    assert found == 16_500
    assert time.perf_counter() - started < 10


LEAK = "Dr Hale re pupil 943 476 5919 SW1A 1AA"
"""What the issue found printed from a name field: an NHS number and a postcode."""


def test_names_go_through_every_pattern():
    """A PPC's name, a course's recognising body, an observer and a verifier are read for every kind of
    identifier, not only the do-not-print list (the issue's PPC session printed an NHS number)."""
    folio = FolioData(
        ppc_sessions=(
            PPCSession.from_dict({"date": "2025-02-01", "ppc": LEAK, "hours": 1, "mode": "one-to-one", "id": "p1"}),
        ),
        training=(
            Training.from_dict(
                {
                    "id": "t1",
                    "kind": "refresher",
                    "title": "Refresher",
                    "provider": "Example Academy",
                    "date": "2024-01-01",
                    "hours": 3,
                    "recognised_by": LEAK,
                }
            ),
        ),
        observations=(Observation.from_dict({"ref": "SM-T-001", "criterion": "f1.pm.x", "observer": LEAK}),),
        verification=Verification.from_dict({"name": LEAK, "date": "2025-04-01"}),
    )
    found = {(item.kind, item.field, item.category) for item in scan(folio)}
    for kind, field in [("ppc", "ppc"), ("training", "recognised_by"), ("observation", "observer")]:
        assert {(kind, field, "nhs-number"), (kind, field, "postcode")} <= found
    assert ("verification", "name", "nhs-number") in found


def test_the_fields_read_come_from_the_record_types():
    """Every text field of every record type is read, but for values the software makes (ids, digests)
    and fields whose values come from a fixed list; the PPC's own e-mail and phone against the list only."""
    from sendfolio.domain.records import RECORD_TYPES
    from sendfolio.privacy.identifiers import _text_specs

    read = {(kind, spec.name) for kind, cls in RECORD_TYPES.items() for spec in _text_specs(cls)}
    assert {("ppc", "ppc"), ("training", "recognised_by"), ("profile", "name"), ("attachment", "title")} <= read
    assert {("case", "notes"), ("case", "debrief"), ("case", "issues"), ("plan", "action")} <= read
    assert not {("reflection", "id"), ("attachment", "sha256"), ("case", "kind"), ("training", "covers")} & read


def test_a_new_text_field_is_checked_without_being_listed():
    """A text field added to a record type is read by the check at once (nothing to remember to list)."""
    import dataclasses

    from sendfolio.domain import fields as f
    from sendfolio.domain.record_base import field_spec

    @dataclasses.dataclass(frozen=True, kw_only=True)
    class NewReflection(Reflection):
        mood: str = field_spec(f.text(max_length=200), "")

    reflection = NewReflection.from_dict(
        {"id": "r9", "date": "2025-03-03", "hours": 1, "title": "t", "body": "Own words.", "mood": "ring 07700 900123"}
    )
    [finding] = scan(FolioData(reflections=(reflection,)))
    assert (finding.kind, finding.record, finding.field, finding.category) == ("reflection", "r9", "mood", "phone")


def test_find_identifiers_reads_any_text_as_the_folio_is_read():
    """Text from outside the records (an attachment's words) is checked with the same patterns and list."""
    from sendfolio.privacy.identifiers import find_identifiers

    found = find_identifiers(
        "awarded to Smith, Zoe — NHS 943 / 476 / 5919", ["Zoe Smith"], kind="attachment", record="a1", field="page 1"
    )
    assert [(item.category, item.match) for item in found] == [
        ("do-not-print", "Smith, Zoe"),
        ("nhs-number", "943 / 476 / 5919"),
    ]
    assert {(item.kind, item.record, item.field) for item in found} == {("attachment", "a1", "page 1")}
    again = find_identifiers("awarded to Smith, Zoe", ["Zoe Smith"], kind="attachment", record="a1", field="page 1")
    assert again[0].id == found[0].id
    marked = find_identifiers(
        "awarded to Smith, Zoe", ["Zoe Smith"], kind="attachment", record="a1", field="page 1", ignored=[found[0].id]
    )
    assert marked == []
