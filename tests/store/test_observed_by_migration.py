"""'Observed by' in two parts (issue 24, item 5): a name and a role; a schema 6 folio keeps every record.

A schema 6 file written by hand opens with each case's "Observed by" split into the observer's
name and role ("Name (Role)"), a role alone kept whole as the role; no record is lost or changed
otherwise, and the next save writes the new schema.
"""

from __future__ import annotations

import json

from sendfolio.store import Folio
from sendfolio.store.migrations import split_observed_by
from sendfolio.store.storage import SCHEMA
from tests.store.test_store import CASE, RECORDS


def test_a_schema_6_folio_keeps_every_record_with_observed_by_in_two_parts(tmp_path):
    """Four cases (a name and role, a role alone, a plain role, a name alone) and the other records all come back."""
    said = {
        "SM-1": "Dr Morgan Hale (PPC)",
        "SM-2": "Lead mediator (PPC)",
        "SM-3": "Co-mediator",
        "SM-4": "Sam Ortega",
        "SM-5": "",
    }
    cases = {str(n): {**CASE, "ref": ref, "observed_by": text} for n, (ref, text) in enumerate(said.items())}
    legacy = {
        "sendfolio": {"schema": 6},
        "cases": cases,
        "observations": {"1": RECORDS[2].to_dict()},
        "cpd": {"1": {**RECORDS[4].to_dict(), "id": "def456"}},
    }
    path = tmp_path / "folio.json"
    path.write_text(json.dumps(legacy))
    with Folio.open(tmp_path) as folio:
        found = {case.ref: (case.observed_by, case.observed_by_role) for case in folio.cases()}
        assert found == {
            "SM-1": ("Dr Morgan Hale", "PPC"),
            "SM-2": ("", "Lead mediator (PPC)"),
            "SM-3": ("", "Co-mediator"),
            "SM-4": ("Sam Ortega", ""),
            "SM-5": ("", ""),
        }
        assert {case.ref: case.observer_words for case in folio.cases()} == said
        assert folio.observations() == (RECORDS[2],) and folio.cpd()[0].id == "def456"
        assert json.loads(path.read_bytes()) == legacy  # reading alone changes nothing
        first = folio.case("SM-1")
        folio.put(first.with_changes(notes="Edited."))
    whole = json.loads(path.read_bytes())
    assert whole["sendfolio"] == {"schema": SCHEMA} and SCHEMA >= 7
    kept = {doc["ref"]: doc for doc in whole["cases"].values()}
    assert set(kept) == set(said)
    for ref, doc in kept.items():  # nothing else changed
        before = cases[str(list(said).index(ref))]
        changed = {key for key in before if before[key] != doc.get(key)} - {"observed_by", "notes"}
        assert not changed - {"status"}, (ref, changed)


def test_split_keeps_what_is_not_a_name_and_role():
    """Brackets inside a name, an unclosed bracket and a long role stay whole in the name."""
    assert split_observed_by("Jo (Jojo) Lind (mentor)") == ("Jo (Jojo) Lind (mentor)", "")
    assert split_observed_by("A. Example (PPC") == ("A. Example (PPC", "")
    assert split_observed_by("  Alex   Rowan  (co-mediator) ") == ("Alex Rowan", "co-mediator")
    assert split_observed_by("Mentor") == ("", "Mentor")
