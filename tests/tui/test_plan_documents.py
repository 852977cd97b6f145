"""The learning plan (9) and documents (0) areas, and the dashboard's open needs, driven through the real app."""

from __future__ import annotations

from sendfolio.samples.certificate import certificate_pdf
from sendfolio.tui.app import SendfolioApp
from sendfolio.tui.screens.attachments import AttachmentsScreen
from sendfolio.tui.screens.plan import LearningPlanScreen
from tests.helpers.tui import enter, sample_case, saved

SIZE = (100, 32)


async def go(pilot, key: str, screen_type):
    """Press an area's key and return its screen."""
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, screen_type), type(pilot.app.screen)
    return pilot.app.screen


async def test_a_need_from_a_debrief_gap_links_back_to_its_case(folio, folio_dir, today):
    folio.put(
        sample_case(
            "SM-T-001",
            "2026-10-01",
            debriefed="yes",
            debrief={"skills_gaps": "Summarising sooner.", "learning_plan": "Role play with a peer."},
        )
    )
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await go(pilot, "9", LearningPlanScreen)
        assert "no learning needs yet" in str(screen.query_one("#plan-summary").render())
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")  # the one gap
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LearningPlanScreen)
        assert "1 open" in str(app.screen.query_one("#plan-summary").render())
    (need,) = saved(folio).learning_plan()
    assert (need.need, need.action, need.source, need.status) == (
        "Summarising sooner",
        "Role play with a peer.",
        "case:SM-T-001",
        "open",
    )


async def test_mark_met_and_choose_what_met_it(folio, folio_dir, today):
    from sendfolio.domain.records import CPDEntry, LearningNeed

    entry = folio.put(
        CPDEntry.from_dict({"date": "2026-10-10", "hours": "2", "method": "role-play", "title": "Role play day"})
    )
    folio.put(LearningNeed.from_dict({"need": "Summarising", "action": "Role play", "due": "2026-11-01"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await go(pilot, "9", LearningPlanScreen)
        assert "past the target date" in str(screen.query_one("#plan-summary").render())
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # edit: choose what met it
        await pilot.pause()
        app.screen.query_one("#field-met_by").focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
    (need,) = saved(folio).learning_plan()
    assert need.status == "met" and need.met_by == (f"cpd:{entry.id}",)


async def test_the_dashboard_lists_open_and_overdue_needs(folio, folio_dir, today):
    from sendfolio.domain.records import LearningNeed

    folio.put(LearningNeed.from_dict({"need": "Reading on tribunals", "action": "Read", "due": "2026-01-01"}))
    folio.put(LearningNeed.from_dict({"need": "Chairing", "action": "Observe", "due": "2027-01-01"}))
    folio.put(LearningNeed.from_dict({"need": "Done one", "action": "x", "due": "2026-01-01", "status": "met"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        for _ in range(20):
            await pilot.pause(0.1)
            text = str(app.screen.query_one("#learning-plan").render())
            if "open" in text:
                break
        assert "2 open, 1 past the target date" in text
        assert text.index("Reading on tribunals") < text.index("Chairing")
        assert "overdue" in text and "Done one" not in text


async def test_attach_refuses_a_bad_file_then_attaches_a_pdf(folio, folio_dir, today, tmp_path):
    from sendfolio.domain.records import Training

    folio.put(
        Training.from_dict(
            {
                "id": "c1",
                "kind": "foundation",
                "title": "Foundation",
                "provider": "P",
                "date": "2025-01-01",
                "hours": "40",
            }
        )
    )
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    good = tmp_path / "cert.pdf"
    good.write_bytes(certificate_pdf([[("Certificate", 20, "title")], [("Page 2", 12, "small")]]))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await go(pilot, "0", AttachmentsScreen)
        assert "none attached yet" in str(screen.query_one("#attachments-summary").render())
        await pilot.press("a")
        await pilot.pause()
        await enter(pilot, str(bad))
        await pilot.press("tab", "enter", "down", "enter")  # the first target: the course
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#attach-error").render())
        assert "is not a PDF, PNG or JPEG file" in error
        assert not (folio_dir / "attachments").exists() or not any((folio_dir / "attachments").iterdir())
        path = app.screen.query_one("#attach-path")
        path.value = str(good)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AttachmentsScreen)
        assert "1 attached" in str(app.screen.query_one("#attachments-summary").render())
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
    again = saved(folio)
    (item,) = again.attachments()
    assert (item.evidence_for, item.title, item.pages) == ("training:c1", "Certificate: Foundation", 2)
    assert again.attachment_bytes(item) == good.read_bytes()


async def test_the_choices_name_their_dates_as_the_app_writes_them(folio, folio_dir, today):
    """What a document is evidence for, and what met a need, read "9 Nov 2026", never "09 Nov 2026"."""
    from sendfolio.domain.records import CPDEntry
    from sendfolio.tui.screens.attachments import targets

    entry = folio.put(
        CPDEntry.from_dict({"date": "2026-11-09", "hours": "2", "method": "reading", "title": "Tribunal report"})
    )
    assert (f"cpd:{entry.id}", "CPD: Tribunal report (9 Nov 2026)") in targets(folio.data())
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await go(pilot, "9", LearningPlanScreen)
        met_by = next(spec for spec in screen.specs() if spec.name == "met_by")
        assert (f"cpd:{entry.id}", "CPD 9 Nov 2026: Tribunal report") in tuple(met_by.labels)
