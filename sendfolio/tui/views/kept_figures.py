"""The Dashboard's figures as plain JSON and back, to be kept beside the folio (`store/figures.py`).

The figures are kept after the rules worked them out, and read before the first frame, when
neither the rules nor the records are loaded: so they come back as small stand-ins with the
attributes the Dashboard reads (`KeptRequirement`, `KeptReport`, `KeptDeadline`), not as the
rules' own classes. What is read is checked shape by shape: anything else is no figures (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from sendfolio import __version__
from sendfolio.tui.views.dashboard import DashboardView

if TYPE_CHECKING:
    from sendfolio import rules
    from sendfolio.domain import timescales

FORMAT = 3
"""The version of the kept figures' shape; a change of it (or of sendfolio's version) means none are believed."""

READER = f"{__version__}/{FORMAT}"
"""Who reads the kept figures: figures kept by another version are worked out again."""


class Unexpected(ValueError):
    """The kept figures are not of the shape written here."""


@dataclass(frozen=True)
class KeptRequirement:
    """A requirement as the Dashboard shows it (the attributes of `rules.Requirement` it reads)."""

    id: str
    title: str
    source: str
    need: str
    have: str
    met: bool
    detail: str = ""
    numeric_need: float | None = None
    numeric_have: float | None = None


@dataclass(frozen=True)
class KeptReport:
    """A report as the Dashboard shows it (`rules.Report`, `rules.RenewalReport`)."""

    met: bool
    requirements: tuple[KeptRequirement, ...]


@dataclass(frozen=True)
class KeptDeadline:
    """A deadline as the Dashboard shows it (`timescales.Deadline`)."""

    case: str
    event: str
    due: date | None
    done: date | None
    status: str
    to_come: date | None = None
    """The date entered for the step, when it is still to come (shown as entered, not due)."""
    entered_in_time: bool = False
    """True when that date is on or before the deadline of a step still due (`timescales.Deadline.entered_in_time`)."""


def to_json(view: DashboardView) -> dict[str, Any]:
    """The figures as plain JSON values."""
    return {
        "title": view.title,
        "report": _report(view.report),
        "renewal_title": view.renewal_title,
        "renewal": _report(view.renewal),
        "deadlines": [_deadline(item) for item in view.deadlines],
        "breaches": [_deadline(item) for item in view.breaches],
        "renews": view.renews,
        "recent": [[when.isoformat(), words] for when, words in view.recent],
        "today": view.today.isoformat(),
        "learning": [[due.isoformat(), late, need] for due, late, need in view.learning],
        "practice": [[urgent, words] for urgent, words in view.practice],
        "has_register": view.has_register,
        "disagreements": list(view.disagreements),
        "gaps": list(view.gaps),
    }


def _report(report: Any) -> dict[str, Any]:
    """A report's met and requirements."""
    fields = ("id", "title", "source", "need", "have", "met", "detail", "numeric_need", "numeric_have")
    return {
        "met": report.met,
        "requirements": [{name: getattr(item, name) for name in fields} for item in report.requirements],
    }


def _deadline(item: Any) -> dict[str, Any]:
    """A deadline's case, event, dates, status and whether a date entered is in time."""
    return {
        "case": item.case,
        "event": item.event,
        "due": item.due.isoformat() if item.due else None,
        "done": item.done.isoformat() if item.done else None,
        "status": item.status,
        "to_come": item.to_come.isoformat() if item.to_come else None,
        "entered_in_time": item.entered_in_time,
    }


def from_json(kept: Any) -> DashboardView | None:
    """The figures kept, or None when they are not of the shape `to_json` writes."""
    try:
        return _view(kept)
    except (Unexpected, TypeError, ValueError, KeyError, AttributeError):
        return None


def _view(kept: Any) -> DashboardView:
    """The figures, each part checked."""
    doc = _mapping(kept)
    return DashboardView(
        title=_text(doc["title"]),
        report=cast("rules.Report", _kept_report(doc["report"])),
        renewal_title=_text(doc["renewal_title"]),
        renewal=cast("rules.RenewalReport", _kept_report(doc["renewal"])),
        deadlines=cast(
            "tuple[timescales.Deadline, ...]", tuple(_kept_deadline(item) for item in _list(doc["deadlines"]))
        ),
        breaches=cast(
            "tuple[timescales.Deadline, ...]", tuple(_kept_deadline(item) for item in _list(doc["breaches"]))
        ),
        renews=_text(doc["renews"]),
        recent=tuple((_date(when), _text(words)) for when, words in map(_pair, _list(doc["recent"]))),
        today=_date(doc["today"]),
        learning=tuple(_learning(item) for item in _list(doc["learning"])),
        practice=tuple((_flag(urgent), _text(words)) for urgent, words in map(_pair, _list(doc["practice"]))),
        has_register=_flag(doc["has_register"]),
        disagreements=tuple(_text(item) for item in _list(doc["disagreements"])),
        gaps=tuple(_text(item) for item in _list(doc["gaps"])),
    )


def _kept_report(raw: Any) -> KeptReport:
    """A report: met, and its requirements."""
    doc = _mapping(raw)
    requirements = []
    for item in _list(doc["requirements"]):
        part = _mapping(item)
        requirements.append(
            KeptRequirement(
                id=_text(part["id"]),
                title=_text(part["title"]),
                source=_text(part["source"]),
                need=_text(part["need"]),
                have=_text(part["have"]),
                met=_flag(part["met"]),
                detail=_text(part["detail"]),
                numeric_need=_number(part["numeric_need"]),
                numeric_have=_number(part["numeric_have"]),
            )
        )
    return KeptReport(met=_flag(doc["met"]), requirements=tuple(requirements))


def _kept_deadline(raw: Any) -> KeptDeadline:
    """A deadline: case, event, due, done, status, a date entered still to come and whether it is in time."""
    doc = _mapping(raw)
    return KeptDeadline(
        case=_text(doc["case"]),
        event=_text(doc["event"]),
        due=_date(doc["due"]) if doc["due"] is not None else None,
        done=_date(doc["done"]) if doc["done"] is not None else None,
        status=_text(doc["status"]),
        to_come=_date(doc["to_come"]) if doc["to_come"] is not None else None,
        entered_in_time=_flag(doc["entered_in_time"]),
    )


def _learning(raw: Any) -> tuple[date, bool, str]:
    """An open learning need: due, overdue, need."""
    items = _list(raw)
    if len(items) != 3:
        raise Unexpected("a learning need is three values")
    return _date(items[0]), _flag(items[1]), _text(items[2])


def _mapping(raw: Any) -> dict[str, Any]:
    """An object."""
    if not isinstance(raw, dict):
        raise Unexpected("not an object")
    return raw


def _list(raw: Any) -> list[Any]:
    """A list."""
    if not isinstance(raw, list):
        raise Unexpected("not a list")
    return raw


def _pair(raw: Any) -> tuple[Any, Any]:
    """Two values."""
    items = _list(raw)
    if len(items) != 2:
        raise Unexpected("not a pair")
    return items[0], items[1]


def _text(raw: Any) -> str:
    """Text."""
    if not isinstance(raw, str):
        raise Unexpected("not text")
    return raw


def _flag(raw: Any) -> bool:
    """Yes or no."""
    if not isinstance(raw, bool):
        raise Unexpected("not yes or no")
    return raw


def _number(raw: Any) -> float | None:
    """A number, or nothing."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise Unexpected("not a number")
    return float(raw)


def _date(raw: Any) -> date:
    """A date as ISO text."""
    return date.fromisoformat(_text(raw))
