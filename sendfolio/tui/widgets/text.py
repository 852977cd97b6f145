"""Small pieces of styled text shared by the screens.

API: `mark(met) -> Text` (✓ or ✗), `status_text(status) -> Text` (a deadline status,
coloured, in words), `plain_cells(values) -> list` (table cells shown as typed). Dates, counts
and hours in words come from `sendfolio.domain.text`.

User text must never be read as Textual / Rich markup (a title like "[draft]" would
break the screen): wrap it in `Text(...)`, or pass table rows through `plain_cells`.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

STATUS_STYLES = {
    "overdue": "bold red",
    "missed": "red",
    "due": "bold yellow",
    "met": "green",
    "unknown": "dim",
    "passed": "dim",
}
"""How each deadline status is shown."""


def mark(met: bool) -> Text:
    """A green tick for met, a red cross for not met."""
    return Text("✓", style="bold green") if met else Text("✗", style="bold red")


def status_text(status: str) -> Text:
    """A deadline status in its colour."""
    return Text(status, style=STATUS_STYLES.get(status, ""))


def plain_cells(values: Iterable[object]) -> list[object]:
    """Table cells with every string made literal Text (DataTable reads plain strings as markup)."""
    return [Text(value) if isinstance(value, str) else value for value in values]
