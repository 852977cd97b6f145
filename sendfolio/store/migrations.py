"""Upgrades of a folio's stored tables beyond schema 6 (the earlier ones are in `storage.MIGRATIONS`' own module)."""

from __future__ import annotations

from typing import Any

Tables = dict[str, dict[str, Any]]
"""A folio's tables as stored: table name -> record key -> record."""


ROLE_LENGTH = 60
"""The longest role a case holds (`Case.observed_by_role`)."""

ROLE_WORDS = frozenset(
    {"co-mediator", "comediator", "co mediator", "ppc", "professional practice consultant", "lead mediator", "mediator",
     "experienced mediator", "manager", "regional manager", "service director", "mentor", "supervisor", "observer"}
)  # fmt: skip
"""What "Observed by" held when it named a role rather than a person (schema 6 and before)."""


def split_observed_by(text: str) -> tuple[str, str]:
    """A schema 6 "Observed by" as (name, role): "Dr Morgan Hale (PPC)" gives both; a role alone
    ("Lead mediator (PPC)", "Co-mediator") is kept whole as the role, with no name."""
    text = " ".join(text.split())
    name, _, rest = text.partition(" (")
    role = rest[:-1] if rest.endswith(")") else ""
    if not role or "(" in role:
        name, role = text, ""
    if name.casefold() in ROLE_WORDS and len(text) <= ROLE_LENGTH:
        return "", text
    return name, role


def observed_by_in_two_parts(tables: Tables) -> Tables:
    """Schema 6 -> 7: a case's "Observed by" holds the observer's name and their role apart.

    Every case is kept: "Name (Role)" is split in two, and a role alone (as "Lead mediator (PPC)")
    is kept whole as the role, the name left for the mediator to add. A schema 6 sendfolio would
    refuse the `observed_by_role` field, so the version moves on.
    """
    if "cases" not in tables:
        return tables
    cases = {}
    for key, doc in tables["cases"].items():
        if isinstance(doc.get("observed_by"), str) and doc["observed_by"] and not doc.get("observed_by_role"):
            name, role = split_observed_by(doc["observed_by"])
            doc = {**doc, "observed_by": name, "observed_by_role": role}
        cases[key] = doc
    return {**tables, "cases": cases}


def accreditation_date_recorded(tables: Tables) -> Tables:
    """Schema 7 -> 8: the profile may hold the date the mediator was accredited (every record kept as it is;
    a schema 7 sendfolio would not know the field, so the version moves on)."""
    return tables
