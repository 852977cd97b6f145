"""Small pieces of styled text shared by the screens.

API: `mark(met) -> Text` (✓ or ✗), `status_text(status) -> Text` (a deadline status,
coloured), `short_date(d) -> str` ("02 Mar 2025", or "—" when there is none),
`hours(h) -> str` ("1.5"), `plain_cells(values) -> list` (table cells shown as typed),
`count(n, "case") -> str` ("1 case", "3 cases").

User text must never be read as Textual / Rich markup (a title like "[draft]" would
break the screen): wrap it in `Text(...)`, or pass table rows through `plain_cells`.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

STATUS_STYLES = {"overdue": "bold red", "missed": "red", "due": "bold yellow", "met": "green", "unknown": "dim"}
"""How each deadline status is shown."""


def mark(met: bool) -> Text:
    """A green tick for met, a red cross for not met."""
    return Text("✓", style="bold green") if met else Text("✗", style="bold red")


def status_text(status: str) -> Text:
    """A deadline status in its colour."""
    return Text(status, style=STATUS_STYLES.get(status, ""))


def short_date(value: date | None) -> str:
    """A date as the screens show it: `02 Mar 2025`, or a dash when there is none."""
    return f"{value:%d %b %Y}" if value else "—"


def plain_cells(values) -> list:
    """Table cells with every string made literal Text (DataTable reads plain strings as markup)."""
    return [Text(value) if isinstance(value, str) else value for value in values]


def count(number: int, one: str, many: str | None = None) -> str:
    """A number with its noun in the right form: `1 case`, `3 cases`."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def hours(value: float) -> str:
    """Hours without trailing zeros: 1.5, 2, 0.25."""
    return f"{value:g}"
