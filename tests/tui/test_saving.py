"""A large folio is saved off the screen's thread: the screen answers keys while the file is written."""

from __future__ import annotations

import threading
from datetime import date

from sendfolio.samples.generate import generate_folio
from sendfolio.store import Folio
from sendfolio.tui.screens.cpd import CPDScreen
from sendfolio.tui.support.saving import INLINE_BYTES
from tests.helpers.tui import make_app, settle
from tests.tui.test_save_failure import add_cpd

SIZE = (120, 40)
"""A roomy terminal."""


def saving_threads(folio: Folio) -> list[str]:
    """Note the thread each save of `folio` runs in (its listeners are called there, once the save stands)."""
    threads: list[str] = []
    folio.on_save.append(lambda: threads.append(threading.current_thread().name))
    return threads


async def add_and_read_back(folio: Folio, folio_dir, today: date, title: str) -> list[str]:
    """Add a CPD entry through the form; the threads its saves ran in. The entry is shown and in the file."""
    threads = saving_threads(folio)
    app = make_app(folio_dir, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await add_cpd(pilot, title)
        await settle(pilot)
        assert isinstance(app.screen, CPDScreen)
        assert any("Saved the CPD entry" in str(note.message) for note in app._notifications)
    folio.close()
    with Folio.open(folio_dir) as again:
        assert title in [entry.title for entry in again.cpd()]
    return threads


async def test_a_large_folio_is_saved_in_a_thread(tmp_path, today):
    """Four years of records (a file past the size saved at once): the save runs off the screen's thread."""
    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    assert folio.path.stat().st_size > INLINE_BYTES
    threads = await add_and_read_back(folio, tmp_path, today, "Saved while the screen answers keys")
    assert threads and threading.main_thread().name not in threads


async def test_a_small_folio_is_saved_at_once(folio, folio_dir, today):
    """A small folio saves in a few milliseconds: on the screen's thread, as the form closes."""
    threads = await add_and_read_back(folio, folio_dir, today, "Saved at once")
    assert threads == [threading.main_thread().name]


async def test_a_large_folios_reflection_is_saved_in_a_thread(tmp_path, today):
    """The reflection editor's ctrl+s on four years of records: saved off the screen's thread, then the editor
    closes on the list, the reflection in the file."""
    from sendfolio.tui.screens.reflections import ReflectionsScreen
    from tests.helpers.tui import enter
    from tests.tui.test_records_screens_reflections import new_from_template

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await new_from_template(pilot, 2)
        await enter(pilot, "Written while the screen answers keys")
        await pilot.press("shift+tab")
        await enter(pilot, "0.5")
        editor.query_one("#body").insert("Both parties spoke at once.\n", (2, 0))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        assert "Written while the screen answers keys" in [item.title for item in again.reflections()]


async def test_a_large_folios_ticks_are_saved_in_a_thread_in_the_order_pressed(tmp_path, today):
    """Four years of records: a tick of the checklist is saved off the screen's thread; three quick presses on one
    criterion end as one press would (each sees the one before), and the file says so."""
    from sendfolio.tui.screens.checklist import ChecklistScreen

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    ref = folio.cases()[-1].ref
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        checklist = ChecklistScreen(ref)
        app.push_screen(checklist)
        await settle(pilot)
        criterion = checklist.highlighted()
        ticked = checklist.found(criterion) is not None
        await pilot.press("space")
        await settle(pilot)
        assert (checklist.found(criterion) is not None) is not ticked
        await pilot.press("space", "space", "space")
        await settle(pilot)
        assert (checklist.found(criterion) is not None) is ticked
    assert len(threads) == 4 and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        shown = {item.criterion for item in again.observations(ref)}
        assert (criterion in shown) is ticked


async def test_a_large_folios_profile_is_saved_in_a_thread(tmp_path, today):
    """Four years of records: the profile form's ctrl+s is saved off the screen's thread; the name is in the file."""
    from sendfolio.tui.screens.profile import ProfileScreen
    from tests.helpers.tui import enter

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("p")
        await settle(pilot)
        pilot.app.focused.value = ""
        await enter(pilot, "Alex Rowan")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert "Alex Rowan" in str(app.screen.query_one("#profile-summary").render())
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        assert again.profile().name == "Alex Rowan"


async def test_a_large_folios_evidence_note_is_saved_in_a_thread(tmp_path, today):
    """Four years of records: n on the checklist writes the evidence note off the screen's thread; it is in the
    file."""
    from sendfolio.tui.screens.checklist import ChecklistScreen
    from tests.helpers.tui import type_text

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    ref = folio.cases()[-1].ref
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        checklist = ChecklistScreen(ref)
        app.push_screen(checklist)
        await settle(pilot)
        criterion = checklist.highlighted()
        await pilot.press("n")
        await settle(pilot)
        app.focused.load_text("")
        await type_text(pilot, "Summarised both views before moving on.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is checklist
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        (note,) = [item for item in again.observations(ref) if item.criterion == criterion]
        assert note.notes == "Summarised both views before moving on."


async def test_a_large_folios_ticks_from_a_paper_form_are_saved_in_a_thread(tmp_path, today):
    """Four years of records: a tick transcribed from an observer's paper form is saved off the screen's thread,
    as the observer's, and is in the file."""
    from PIL import Image

    from sendfolio.services.attach import read_document
    from sendfolio.services.paper import keep_paper_form
    from sendfolio.tui.screens.checklist import ChecklistScreen

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    case = folio.cases()[-1]
    scan = tmp_path / "scan.png"
    Image.new("RGB", (120, 170), "white").save(scan)
    kept = keep_paper_form(
        folio, read_document(scan), case.ref, observer="Alex Rowan", role="co-mediator", forms=["1"], today=today
    )
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        checklist = ChecklistScreen(case.ref, paper=kept.id)
        app.push_screen(checklist)
        await settle(pilot)
        criterion = checklist.highlighted()
        await pilot.press("space")
        await settle(pilot)
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        ticks = [item for item in again.observations(case.ref) if item.observer == "Alex Rowan"]
        assert [item.criterion for item in ticks] == [criterion]


async def test_a_large_folios_privacy_fix_is_saved_in_a_thread(tmp_path, today):
    """Four years of records: a phone number fixed from the Privacy screen is saved off the screen's thread, and the
    file holds the fixed words."""
    from sendfolio.domain.records import CPDEntry
    from tests.tui.test_privacy_screen import LEAKY, open_privacy

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    leaky = folio.put(CPDEntry.from_dict(LEAKY))
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_privacy(pilot)
        table = screen.query_one("#privacy-findings")
        (row,) = [index for index in range(table.row_count) if "07700 900123" in str(table.get_row_at(index)[2])]
        table.focus()
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.editor("learning").text = "Follow up by letter."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        assert [item.learning for item in again.cpd() if item.id == leaky.id] == ["Follow up by letter."]


async def test_a_large_folios_reflection_is_deleted_in_a_thread(tmp_path, today):
    """Four years of records: d on the Reflections list, then yes, deletes off the screen's thread; the file no
    longer holds it."""
    from sendfolio.tui.screens.reflections import ReflectionsScreen

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = ReflectionsScreen()
        app.push_screen(screen)
        await settle(pilot)
        gone = screen.highlighted()
        assert gone is not None
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        assert gone.id not in [item.id for item in again.reflections()]


async def test_a_large_folios_document_is_attached_in_a_thread(tmp_path, today):
    """Four years of records: a certificate attached from Documents is kept off the screen's thread; the dialog
    closes on the list and the file holds the document."""
    from sendfolio.samples.certificate import certificate_pdf
    from sendfolio.tui.screens.attachments import AttachmentsScreen
    from tests.helpers.tui import enter

    folio = Folio.open(tmp_path / "folio")
    generate_folio(folio, 4, 20250601, today)
    before = len(folio.attachments())
    good = tmp_path / "cert.pdf"
    good.write_bytes(certificate_pdf([[("Certificate", 20, "title")]]))
    threads = saving_threads(folio)
    app = make_app(tmp_path / "folio", today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await enter(pilot, str(good))
        await pilot.press("tab", "enter", "down", "enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentsScreen)
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path / "folio") as again:
        documents = again.attachments()
        assert len(documents) == before + 1
        (new,) = [item for item in documents if again.attachment_bytes(item) == good.read_bytes()]


async def test_a_large_folios_ppc_details_are_saved_in_a_thread(tmp_path, today):
    """Four years of records: the PPC's details (c on the PPC screen) are saved off the screen's thread, and are in
    the file."""
    from sendfolio.tui.screens.ppc import PPCScreen
    from tests.helpers.tui import enter

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        pilot.app.focused.value = ""
        await enter(pilot, "Dr Alex Rowan")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PPCScreen)
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        assert again.ppc_contact().name == "Dr Alex Rowan"


async def test_a_large_folios_need_is_marked_met_in_a_thread(tmp_path, today):
    """Four years of records: m on the learning plan saves the need as met off the screen's thread; the file says
    met."""
    from sendfolio.domain.records import LearningNeed
    from sendfolio.tui.screens.plan import LearningPlanScreen

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    for need in folio.learning_plan():
        folio.delete(need)
    need = folio.put(LearningNeed.from_dict({"need": "Summarising", "action": "Role play", "due": "2026-11-01"}))
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        assert isinstance(app.screen, LearningPlanScreen)
        await pilot.press("m")
        await settle(pilot)
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        assert [item.status for item in again.learning_plan() if item.id == need.id] == ["met"]


async def test_a_large_folios_practice_register_is_saved_in_a_thread(tmp_path, today):
    """Four years of records: an insurance added on the practice register (p, a) is saved off the screen's thread,
    and is in the file."""
    from sendfolio.tui.screens.practice import GovernanceScreen
    from tests.helpers.tui import choose, enter

    folio = Folio.open(tmp_path)
    generate_folio(folio, 4, 20250601, today)
    before = len(folio.data().governance)
    threads = saving_threads(folio)
    app = make_app(tmp_path, today, folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, GovernanceScreen)
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "Insurance")
        await pilot.press("tab")
        await enter(pilot, "Professional indemnity")
        await pilot.press("tab")
        await enter(pilot, "16/01/2026")
        await pilot.press("tab")
        await enter(pilot, "15/01/2027")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GovernanceScreen)
    assert threads and threading.main_thread().name not in threads
    folio.close()
    with Folio.open(tmp_path) as again:
        assert len(again.data().governance) == before + 1
