"""A palette that finds every job (issue 20, item 4): by title, by its area and by the mediator's words, from any area."""

from __future__ import annotations

from sendfolio.tui.dialogs.attach import AttachScreen
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.palette import SendfolioCommands
from tests.helpers.tui import SIZE, enter, make_app, settle

QUERIES: dict[str, tuple[str, ...]] = {
    # what the mediator types: the titles (their beginnings) the first hit may have
    "renewal": ("Renewal pack",),
    "re-registration": ("Renewal pack",),
    "reregistration": ("Renewal pack",),
    "profile": ("Your profile",),
    "learning plan": ("Learning plan: add", "Go to Plan"),
    "learning need": ("Learning plan: add",),
    "verification": ("Verification by your PPC",),
    "verify": ("Verification by your PPC",),
    "new case": ("New case",),
    "booked": ("New case",),
    "anniversary": ("Your profile",),
    "certificate": ("Attach a certificate",),
    "supervision": ("Add a PPC session",),
    "cpd": ("Add a CPD entry", "Go to CPD"),
    "ppc": ("Add a PPC session", "Go to PPC"),
    "ppc contact": ("Your PPC's contact",),
    "observer forms": ("Forms for the observer",),
    "returned form": ("Import a returned observer form",),
    "form 4": ("Compile the portfolio",),
    "form 4 ppc": ("Form 4 for your PPC",),
    "form 5": ("Passported declaration",),
    "passport": ("Passported declaration",),
    "portfolio": ("Compile the portfolio",),
    "backup": ("Export: a JSON backup", "Restore a backup"),
    "restore": ("Restore a backup",),
    "encrypt": ("Encryption",),
    "passphrase": ("Encryption",),
    "password": ("Encryption",),
    "calendar": ("Deadlines calendar",),
    "privacy": ("Privacy",),
    "do-not-print": ("Privacy",),
    "documents": ("Go to Documents",),
    "attach": ("Attach a certificate",),
    "reflection": ("Write a reflection",),
    "de-brief": ("De-brief of a case",),
    "timeline": ("Timeline of a case",),
    "checklist": ("Observation checklist",),
    "training course": ("Add a training course",),
    "coverage": ("Go to Coverage",),
    "practice register": ("Practice register",),
    "governance": ("Practice register",),
    "insurance": ("Practice register", "Attach a certificate"),
    "feedback": ("Feedback from service users", "Go to Feedback"),
    "development plan": ("Practice development plan", "Go to Development plan"),
    "annual review": ("Annual service review",),
    "import csv": ("Import files",),
    "export": ("Export",),
}
"""At least 30 queries, each with the job it must find first."""


async def first_hit(app, query: str) -> str:
    """The title the palette lists first for `query`, as the palette ranks them (highest score, in listed order)."""
    hits = [hit async for hit in SendfolioCommands(app.screen).search(query)]
    assert hits, f"nothing found for {query!r}"
    best = max(hit.score for hit in hits)
    return next(str(hit.text) for hit in hits if hit.score == best)


async def test_every_query_finds_its_job_first_from_any_area(started_dir, today):
    """Each query, asked on a different area each time, lists its job first."""
    assert len(QUERIES) >= 30
    app = make_app(started_dir, today)
    keys = "1234567890"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wrong = {}
        for number, (query, expected) in enumerate(QUERIES.items()):
            if number % 5 == 0:  # a different area every few queries
                await pilot.press(keys[(number // 5) % len(keys)])
                await settle(pilot)
            found = await first_hit(app, query)
            if not found.startswith(expected):
                wrong[query] = (app.current_mode, found)
        assert not wrong


async def test_a_job_chosen_in_the_palette_goes_to_its_area_and_starts_there(started_dir, today):
    """Typed as a newcomer would: "new case" on Compile opens the case form; "certificate" the attach dialog."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for start, words, mode, dialog in (
            ("8", "new case", "cases", EditRecordScreen),
            ("5", "certificate", "documents", AttachScreen),
        ):
            await pilot.press(start)
            await settle(pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await enter(pilot, words)
            await pilot.pause(0.5)
            await pilot.press("enter")
            await settle(pilot)
            assert app.current_mode == mode
            assert isinstance(app.screen, dialog)
            await pilot.press("escape")
            await settle(pilot)
