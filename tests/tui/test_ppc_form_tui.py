"""Form 4 with the PPC from the PPC area: f writes it, i imports the PPC's signed return after a preview."""

from __future__ import annotations

import asyncio

from sendfolio.domain.form4_fields import DATE_FIELD
from sendfolio.domain.form_fields import FOLIO_ID_SETTING
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.observer_forms import ImportFormScreen
from sendfolio.tui.dialogs.ppc_form import PPCFormScreen
from sendfolio.tui.screens.ppc import PPCScreen
from tests.helpers.signing import sign_pdf
from tests.helpers.tui import SIZE, enter, make_app, saved, settle, type_text
from tests.portfolio.test_ppc_form import VERIFIED, fill_form4


async def test_form4_written_then_the_ppcs_signed_return_previewed_and_saved(demo_folio, folio_dir, today, tmp_path):
    """f writes Form 4; the PPC fills and signs it; i shows who signed and saves on yes; editing its words in
    the verification form makes it the mediator's entry."""
    app = make_app(folio_dir, today, folio=demo_folio)
    out = tmp_path / "form4.pdf"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PPCScreen)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, PPCFormScreen)
        app.screen.query_one("#ppc-form-path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert f"Written: {out}" in str(app.screen.query_one("#observer-forms-result").render())
        assert demo_folio.get_setting(FOLIO_ID_SETTING)
        await pilot.press("escape")
        await settle(pilot)
        filled = fill_form4(out, tmp_path / "filled.pdf", {**VERIFIED, DATE_FIELD: today.strftime("%d/%m/%Y")})
        signed = await asyncio.to_thread(sign_pdf, filled, tmp_path / "signed.pdf", "Dr Morgan Hale", "f4_signature")
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportFormScreen)
        await enter(pilot, str(signed))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "digitally signed by Dr Morgan Hale" in question and "5 of 5 statements confirmed" in question
        assert demo_folio.verification() is None
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PPCScreen)
        assert "on Form 4 signed by the PPC" in str(screen.query_one("#ppc-verification").render())
        returned = demo_folio.verification()
        assert returned.how == "signed" and returned.name == "Dr Morgan Hale"
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("ctrl+s")  # saved unchanged: still the PPC's return
        await settle(pilot)
        assert demo_folio.verification().how == "signed"
        await pilot.press("v")
        await settle(pilot)
        await type_text(pilot, " Jr")
        await pilot.press("ctrl+s")
        await settle(pilot)
    edited = saved(demo_folio).verification()
    assert edited.name != "Dr Morgan Hale" and not edited.returned and not edited.attachment
