"""One output folder in the app: shown and chosen in the profile (7), proposed by Compile, and a file already
there replaced only after asking."""

from __future__ import annotations

import os

from pypdf import PdfReader

from sendfolio.tui.dialogs.ask_text import AskFolderScreen
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.screens.compile import CompileScreen
from sendfolio.tui.screens.profile import ProfileScreen
from tests.helpers.tui import SIZE, enter, make_app, settle


async def wait_compiled(pilot, screen: CompileScreen) -> str:
    """Wait for the compile's worker; the result line."""
    for _ in range(900):
        await pilot.pause(0.1)
        if not screen.compiling:
            break
    await settle(pilot)
    return str(screen.query_one("#compile-result").render())


async def test_the_output_folder_is_chosen_in_the_profile_and_compile_asks_before_replacing(
    started_dir, today, tmp_path, home
):
    """o on Training & profile: a pipe is refused in the dialog, a new folder accepted and shown; Compile proposes
    it; a portfolio.pdf already there is kept on 'n' and replaced on 'y'."""
    os.mkfifo(tmp_path / "pipe")
    chosen = tmp_path / "for the assessor"
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        summary = str(app.screen.query_one("#profile-summary").render())
        assert "Documents go to: ~/Documents/sendfolio" in summary
        await pilot.press("o")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AskFolderScreen)
        dialog.query_one("#ask-text").value = ""
        await enter(pilot, str(tmp_path / "pipe"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "Output folder:" in str(dialog.query_one("#ask-error").render())
        assert "named pipe" in str(dialog.query_one("#ask-error").render())
        dialog.query_one("#ask-text").value = str(chosen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert f"Documents go to: {chosen}" in str(app.screen.query_one("#profile-summary").render())
        await pilot.press("8")
        await settle(pilot)
        compile_screen = app.screen
        assert isinstance(compile_screen, CompileScreen)
        assert compile_screen.query_one("#compile-output").value == str(chosen / "portfolio.pdf")
        chosen.mkdir()
        (chosen / "portfolio.pdf").write_bytes(b"the copy sent to the assessor")
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == f"portfolio.pdf is already in {chosen}. Replace it?"
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is compile_screen and not compile_screen.compiling
        assert "kept as it was" in str(compile_screen.query_one("#compile-result").render())
        assert (chosen / "portfolio.pdf").read_bytes() == b"the copy sent to the assessor"
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        result = await wait_compiled(pilot, compile_screen)
        assert "Saved" in result and str(chosen / "portfolio.pdf") in result, result
    assert len(PdfReader(chosen / "portfolio.pdf").pages) >= 1
    assert not (started_dir / "exports").exists()
    assert not (home / "Documents").exists()


async def test_the_demos_documents_go_to_a_folder_of_their_own(folio_dir, today, home):
    """Explore the demo: its documents go to ~/Documents/sendfolio/demo, never over the mediator's own."""
    from sendfolio.services.outputs import output_folder

    app = make_app(folio_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.is_demo
        assert output_folder(app.current_folio) == home / "Documents" / "sendfolio" / "demo"
        await pilot.press("8")
        await settle(pilot)
        assert app.screen.query_one("#compile-output").value == "~/Documents/sendfolio/demo/portfolio.pdf"


async def test_form4_and_observer_forms_ask_before_replacing_a_file_there(demo_folio, folio_dir, today, home):
    """Form 4 and a case's observer forms are proposed in the output folder; a file already there is kept on 'n'."""
    from sendfolio.tui.dialogs.observer_forms import FormsScreen
    from sendfolio.tui.dialogs.ppc_form import PPCFormScreen

    folder = home / "Documents" / "sendfolio"
    folder.mkdir(parents=True)
    ref = demo_folio.cases()[0].ref
    for name in ("form4-for-the-ppc.pdf", f"observer-forms-{ref}.pdf"):
        (folder / name).write_bytes(b"sent already")
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for dialog, box in ((PPCFormScreen(), "#ppc-form-path"), (FormsScreen(ref), "#observer-forms-path")):
            await app.push_screen(dialog)
            await settle(pilot)
            assert dialog.query_one(box).value.startswith("~/Documents/sendfolio/")
            dialog.query_one(box).focus()
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "is already in ~/Documents/sendfolio. Replace it?" in app.screen.question
            await pilot.press("n")
            await settle(pilot)
            assert app.screen is dialog
            assert "kept as it was" in str(dialog.query_one("#observer-forms-result").render())
            await pilot.press("escape")
            await settle(pilot)
    assert all(path.read_bytes() == b"sent already" for path in folder.iterdir())
