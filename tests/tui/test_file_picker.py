"""Files picked, not typed: one picker (a folder tree filtered by kind) for attaching from Training, Cases and
the profile, for Import and for a returned form; a typed path still works; hidden and special files never show."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sendfolio.samples.certificate import certificate_pdf
from sendfolio.tui.dialogs.attach import AttachScreen
from sendfolio.tui.dialogs.file_picker import FilePickerScreen, PickedTree
from sendfolio.tui.screens.profile import ProfileScreen
from tests.helpers.tui import SIZE, enter, make_app, saved, settle
from tests.tui.test_caselog import open_cases


@pytest.fixture
def downloads(home: Path) -> Path:
    """~/Downloads with a certificate, a hidden copy, a text file, a pipe named like a PDF and a CSV."""
    folder = home / "Downloads"
    folder.mkdir()
    pdf = certificate_pdf([[("Certificate of completion", 20, "title"), ("Foundation course", 12, "body")]])
    (folder / "certificate.pdf").write_bytes(pdf)
    (folder / ".hidden.pdf").write_bytes(pdf)
    (folder / "notes.txt").write_text("not offered")
    os.mkfifo(folder / "pipe.pdf")
    (folder / "cpd.csv").write_text("date,hours,method,title\n2026-11-02,1.5,reading,Reading on joint meetings\n")
    return folder


async def open_downloads(pilot) -> PickedTree:
    """In the open picker, go down to Downloads and open it; the tree."""
    picker = pilot.app.screen
    assert isinstance(picker, FilePickerScreen)
    tree = picker.query_one(PickedTree)
    await settle(pilot)
    await pilot.press("down", "enter")
    for _ in range(50):
        await settle(pilot)
        if tree.cursor_node is not None and tree.cursor_node.children:
            break
    return tree


def shown_names(tree: PickedTree) -> list[str]:
    """The names listed under the highlighted folder."""
    assert tree.cursor_node is not None
    return [str(child.label) for child in tree.cursor_node.children]


async def test_a_certificate_attached_from_training_through_the_picker(demo_folio, folio_dir, today, home, downloads):
    """c on a course: the picker opens in the home folder, lists only the PDF (no hidden file, text or pipe);
    Enter on it fills the dialog, the course already chosen; Enter attaches it to that course."""
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        course = screen.highlighted()
        before = len(demo_folio.attachments())
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, FilePickerScreen)
        assert app.screen.query_one("#picker-path").value == "~/"
        assert Path(app.screen.query_one(PickedTree).path) == home
        tree = await open_downloads(pilot)
        assert shown_names(tree) == ["certificate.pdf"]
        await pilot.press("down", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AttachScreen)
        assert dialog.query_one("#attach-path").value == str(downloads / "certificate.pdf")
        assert dialog.query_one("#attach-for").value == f"training:{course.id}"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
    with saved(demo_folio) as folio:
        added = [item for item in folio.attachments() if item.evidence_for == f"training:{course.id}"]
        assert len(folio.attachments()) == before + 1 and added and added[-1].file_type == "pdf"


async def test_a_typed_path_is_accepted_and_checked(demo_folio, folio_dir, today, downloads):
    """In the picker's path box: a pipe and a text file are refused in one line, a folder opens in the tree,
    a PDF's path is chosen; the next picker starts in that folder."""
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, FilePickerScreen)
        box = picker.query_one("#picker-path")
        for typed, words in ((downloads / "pipe.pdf", "not a regular file"), (downloads / "notes.txt", "not a PDF")):
            box.value = ""
            box.focus()
            await enter(pilot, str(typed))
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is picker and words in str(picker.query_one("#picker-error").render())
        box.value = str(downloads)
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert Path(picker.query_one(PickedTree).path) == downloads and app.screen is picker
        box.value = "~/Downloads/certificate.pdf"
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AttachScreen)
        assert app.screen.query_one("#attach-path").value == str(downloads / "certificate.pdf")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert Path(app.screen.query_one(PickedTree).path) == downloads
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AttachScreen)


async def test_attach_to_a_case_and_the_membership_from_their_areas(demo_folio, folio_dir, today, downloads):
    """v on a case and m on the profile: the picker first, then the dialog on that case / membership."""
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        cases = await open_cases(pilot)
        ref = cases.selected_ref()
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, FilePickerScreen)
        await open_downloads(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.query_one("#attach-for").value == f"case:{ref}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is cases
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, FilePickerScreen)
        await pilot.press("escape")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AttachScreen)
        assert dialog.query_one("#attach-for").value == "membership"
        assert [value for value, _ in dialog.choices] == ["membership", "insurance"]
        await pilot.press("escape")
        await settle(pilot)
    with saved(demo_folio) as folio:
        assert any(item.evidence_for == f"case:{ref}" for item in folio.attachments())


async def test_import_adds_a_picked_csv(started_dir, today, downloads):
    """ctrl+o on Import: the CSV chosen in the tree becomes a line; the check then reads it."""
    from sendfolio.tui.screens.transfer import ImportScreen
    from tests.tui.test_transfer_screens import finish, from_palette

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await from_palette(pilot, "import files", ImportScreen)
        await pilot.press("ctrl+o")
        await settle(pilot)
        tree = await open_downloads(pilot)
        assert sorted(shown_names(tree)) == ["certificate.pdf", "cpd.csv"]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#import-files").text == str(downloads / "cpd.csv")
        await pilot.press("ctrl+r")
        assert "1 added" in await finish(pilot)


def test_the_picker_at_80_by_24(snap_compare, started_dir, home, downloads, today):
    """The picker opened on ~/Downloads at 80×24: only the PDF listed (paths shown from ~, and the tree rooted
    at a folder of a fixed name, so the picture does not depend on the test's folder)."""
    from sendfolio.tui.dialogs.file_picker import ATTACHMENTS

    async def open_picker(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(FilePickerScreen("Choose the document", ATTACHMENTS, start=downloads))
        for _ in range(50):
            await settle(pilot)
            if pilot.app.screen.query_one(PickedTree).root.children:
                break
        await pilot.press("down")
        await settle(pilot)

    app = make_app(started_dir, today)
    assert snap_compare(app, run_before=open_picker, terminal_size=(80, 24))
