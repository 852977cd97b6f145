"""The sole provider's practice judged on its records (standards, Appendix D). Pure.

- The governance register (§1.2): each item's date to lapse or be reviewed by and where it
  stands (`item_standing`: the one judgement of lapsed and lapsing soon), and the
  reminders for what has lapsed or lapses within `REMINDER_DAYS` (60) days, in the
  standards' words with the days left. An item recorded more than once counts by the entry
  that runs longest (the newest certificate replaces the old one).
- Conduct (§3, §4.1): the declarations left unanswered on held cases the mediator led or
  co-mediated. A case the mediator only observed was not theirs to conduct, so it has none.
- Feedback (§2, "a prompt response"): each response due within `FEEDBACK_RESPONSE_DAYS`
  (20) England working days of the feedback being received, and met, missed, overdue or
  due like the statutory deadlines. Days are counted after the day received: feedback that
  comes on a Monday is answered in time up to the Monday four weeks later, one working day
  later for each bank holiday between.
- The development plan (§2): targets still open after their review date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sendfolio.domain.governance import (
    CONDUCT_DECLARATIONS,
    FEEDBACK_RESPONSE_DAYS,
    FEEDBACK_RESPONSE_SOURCE,
    GOVERNANCE_KINDS,
    REMINDER_DAYS,
    ConductDeclaration,
    DevelopmentTarget,
    Feedback,
    GovernanceItem,
    GovernanceKind,
)
from sendfolio.domain.records import Case, FolioData
from sendfolio.domain.timescales import add_months, add_working_days, is_working_day
from sendfolio.domain.wording import count, long_date
from sendfolio.rules.years import anniversary_in, in_period

REGISTER_STATES = ("current", "lapses-soon", "lapsed", "undated", "not-recorded")
"""Where a governance item stands: current; lapsing (or due for review) within 60 days; lapsed (or
overdue for review); recorded without a date; not recorded at all."""


def item_due(item: GovernanceItem) -> date | None:
    """The date an item lapses or must be reviewed by: its own, else its last review plus its interval."""
    if item.due is not None:
        return item.due
    if item.reviewed is not None:
        return add_months(item.reviewed, item.interval)
    return None


@dataclass(frozen=True)
class Standing:
    """Where one register entry stands as of a day: its date to lapse or be reviewed by, the days left, its state."""

    due: date | None
    days_left: int | None
    state: str


def item_standing(item: GovernanceItem, today: date, within: int = REMINDER_DAYS) -> Standing:
    """Where `item` stands on `today`: lapsed (or overdue for review) the day after its date, lapsing soon
    from `within` days ahead up to its date, current before that, undated without a date."""
    due = item_due(item)
    if due is None:
        return Standing(None, None, "undated")
    days_left = (due - today).days
    if days_left < 0:
        state = "lapsed"
    elif days_left <= within:
        state = "lapses-soon"
    else:
        state = "current"
    return Standing(due, days_left, state)


@dataclass(frozen=True)
class RegisterEntry:
    """One §1.2 item of the register as of a day: the entry that counts, its date and its state."""

    kind: GovernanceKind
    item: GovernanceItem | None
    due: date | None
    days_left: int | None
    state: str

    @property
    def needs_attention(self) -> bool:
        """True when the item has lapsed, lapses soon or has no date (not when it is simply unrecorded)."""
        return self.state in ("lapses-soon", "lapsed", "undated")

    @property
    def words(self) -> str:
        """Where it stands in words: "lapses in 12 days, on 30 September 2026", "overdue for review"..."""
        lapses = self.kind.lapses
        if self.state == "not-recorded":
            return "not recorded"
        if self.state == "undated" or self.due is None or self.days_left is None:
            return "recorded without a date to " + ("renew it by" if lapses else "review it by")
        on = f"on {long_date(self.due)}"
        if self.days_left < 0:
            ago = count(-self.days_left, "day")
            return f"lapsed {ago} ago, {on}" if lapses else f"overdue for review since {long_date(self.due)} ({ago})"
        if self.days_left == 0:
            return "lapses today" if lapses else "due for review today"
        left = count(self.days_left, "day")
        return f"lapses in {left}, {on}" if lapses else f"due for review in {left}, {on}"


@dataclass(frozen=True)
class Reminder:
    """What needs attention in the provider's governance, in the standards' words."""

    item: str
    title: str
    text: str
    standard: str
    source: str
    due: date | None
    days_left: int | None
    state: str
    lapses: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON form in `sendfolio check --json` (under "practice")."""
        return {
            "item": self.item,
            "title": self.title,
            "text": self.text,
            "standard": self.standard,
            "source": self.source,
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left,
            "state": self.state,
            "lapses": self.lapses,
        }


def _counting(items: Iterable[GovernanceItem]) -> GovernanceItem | None:
    """The entry that counts among those of one item: the one running longest (undated ones last)."""
    ranked = sorted(items, key=lambda item: (item_due(item) or date.min, item.reviewed or date.min, item.id))
    return ranked[-1] if ranked else None


def register(data: FolioData, today: date, within: int = REMINDER_DAYS) -> list[RegisterEntry]:
    """Every §1.2 item in the order of the standards, with the entry that counts and where it stands."""
    entries = []
    for kind in GOVERNANCE_KINDS:
        item = _counting(entry for entry in data.governance if entry.item == kind.key)
        if item is None:
            entries.append(RegisterEntry(kind, None, None, None, "not-recorded"))
            continue
        standing = item_standing(item, today, within)
        entries.append(RegisterEntry(kind, item, standing.due, standing.days_left, standing.state))
    return entries


def governance_reminders(data: FolioData, today: date, within: int = REMINDER_DAYS) -> list[Reminder]:
    """What has lapsed or lapses within `within` days (or has no date), soonest first."""
    found = [
        Reminder(
            entry.kind.key,
            entry.item.label if entry.item else entry.kind.title,
            f"{entry.item.label if entry.item else entry.kind.title} {entry.words}",
            entry.kind.standard,
            entry.kind.source,
            entry.due,
            entry.days_left,
            entry.state,
            entry.kind.lapses,
        )
        for entry in register(data, today, within)
        if entry.needs_attention
    ]
    return sorted(found, key=lambda item: (item.days_left if item.days_left is not None else -(10**6), item.item))


@dataclass(frozen=True)
class ConductGap:
    """A held case whose conduct declarations are not all answered."""

    case: str
    date: date
    missing: tuple[ConductDeclaration, ...]

    @property
    def text(self) -> str:
        """The gap in words: "SM-2026-004: independence, signposting not answered"."""
        return f"{self.case}: {', '.join(item.title.lower() for item in self.missing)} not answered"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form in `sendfolio check --json` (under "practice")."""
        return {
            "case": self.case,
            "date": self.date.isoformat(),
            "missing": [item.key for item in self.missing],
            "text": self.text,
            "source": "Appendix D §3, §4.1",
        }


def conduct_applies(case: Case) -> bool:
    """True for a held case the mediator led or co-mediated: the cases whose conduct they declare."""
    return case.is_held and case.is_active


def unanswered(case: Case) -> tuple[ConductDeclaration, ...]:
    """The declarations not yet answered on a case."""
    return tuple(item for item in CONDUCT_DECLARATIONS if not getattr(case, item.field))


def conduct_gaps(data: FolioData, start: date, end: date) -> list[ConductGap]:
    """Held cases from `start` to `end` (both included) with declarations unanswered, oldest first."""
    return [
        ConductGap(case.ref, case.date, unanswered(case))
        for case in sorted(data.cases, key=lambda case: (case.date, case.ref))
        if conduct_applies(case) and in_period(case.date, start, end) and unanswered(case)
    ]


def working_days_between(start: date, end: date) -> int:
    """England working days after `start` up to and including `end` (0 when `end` is not after it)."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += is_working_day(day)
    return days


@dataclass(frozen=True)
class FeedbackResponse:
    """The response to one piece of feedback: when it was due, when sent, and in how many working days."""

    feedback: Feedback
    due: date
    done: date | None
    status: str
    working_days: int | None

    @property
    def case(self) -> str:
        """The case the feedback is about ('' when none)."""
        return self.feedback.case

    @property
    def text(self) -> str:
        """Where the response stands in words."""
        about = f" on {self.case}" if self.case else ""
        received = f"Feedback{about} received {long_date(self.feedback.received)}"
        if self.status == "met":
            return f"{received}: answered in {count(self.working_days or 0, 'working day')}"
        if self.status == "missed":
            return (
                f"{received}: answered in {count(self.working_days or 0, 'working day')}, "
                f"after the {FEEDBACK_RESPONSE_DAYS} allowed"
            )
        if self.status == "overdue":
            return f"{received}: response overdue since {long_date(self.due)}"
        return f"{received}: response due by {long_date(self.due)}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form in `sendfolio check --json` (under "practice")."""
        return {
            "case": self.case,
            "received": self.feedback.received.isoformat(),
            "due": self.due.isoformat(),
            "done": self.done.isoformat() if self.done else None,
            "status": self.status,
            "working_days": self.working_days,
            "source": FEEDBACK_RESPONSE_SOURCE,
        }


def feedback_response(feedback: Feedback, today: date, days: int = FEEDBACK_RESPONSE_DAYS) -> FeedbackResponse:
    """The response to `feedback` as of `today`: due `days` working days after it was received.

    A response dated after `today` counts as not yet sent (as the statutory deadlines read).
    """
    due = add_working_days(feedback.received, days)
    done = feedback.responded if feedback.responded is not None and feedback.responded <= today else None
    if done is not None:
        status = "met" if done <= due else "missed"
        taken: int | None = working_days_between(feedback.received, done)
    else:
        status = "overdue" if today > due else "due"
        taken = None
    return FeedbackResponse(feedback, due, done, status, taken)


def feedback_responses(data: FolioData, today: date, days: int = FEEDBACK_RESPONSE_DAYS) -> list[FeedbackResponse]:
    """Every piece of feedback received by `today` and its response, oldest first."""
    return [feedback_response(item, today, days) for item in data.feedback if item.received <= today]


def overdue_targets(data: FolioData, today: date) -> list[DevelopmentTarget]:
    """Development plan targets still open after their review date."""
    return [target for target in data.development_plan if target.is_overdue(today)]


@dataclass(frozen=True)
class PracticeDate:
    """A date of the provider's practice to put in a calendar: a renewal, a lapse, a response due."""

    key: str
    title: str
    due: date
    description: str


def practice_dates(data: FolioData, today: date) -> list[PracticeDate]:
    """The practice's dates still to come: re-registration, governance lapses and reviews, responses due."""
    found = []
    anniversary = data.profile.registration_anniversary
    if anniversary is not None:
        renew = anniversary_in(anniversary, today.year)
        renew = renew if renew >= today else anniversary_in(anniversary, today.year + 1)
        found.append(
            PracticeDate(
                "renewal",
                "Annual re-registration as a SEND mediator",
                renew,
                "Re-register each year with the professional body (standards §1.4.3).",
            )
        )
    for entry in register(data, today):
        if entry.due is not None and entry.item is not None and entry.due >= today:
            verb = "lapses" if entry.kind.lapses else "due for review"
            found.append(
                PracticeDate(
                    f"governance:{entry.kind.key}",
                    f"{entry.kind.title} {verb}",
                    entry.due,
                    f"Providers should {entry.kind.standard} ({entry.kind.source}).",
                )
            )
    for response in feedback_responses(data, today):
        if response.status == "due":
            about = f" on {response.case}" if response.case else ""
            found.append(
                PracticeDate(
                    f"feedback:{response.feedback.id or response.feedback.received.isoformat()}",
                    f"Response to feedback{about} due",
                    response.due,
                    f"Respond within {FEEDBACK_RESPONSE_DAYS} working days ({FEEDBACK_RESPONSE_SOURCE}: "
                    "an evaluation procedure which provides a prompt response).",
                )
            )
    return sorted(found, key=lambda item: (item.due, item.key))


def practice_json(data: FolioData, today: date, start: date, end: date) -> dict[str, Any]:
    """The "practice" object of `sendfolio check --json`: reminders, conduct gaps and feedback responses."""
    return {
        "reminders": [item.to_dict() for item in governance_reminders(data, today)],
        "conduct_gaps": [item.to_dict() for item in conduct_gaps(data, start, end)],
        "feedback": [item.to_dict() for item in feedback_responses(data, today)],
    }
