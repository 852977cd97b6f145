"""The offer, after a de-brief comes in (imported, or saved in the case log), to add its gaps to the learning plan.

When the de-briefs of the cases just saved name skills or knowledge gaps that no learning need
addresses, a question lists them; "Add them" makes one learning need of each
(`services.gaps.needs_from_gaps`), "Not now" leaves them (`check` and the Dashboard keep listing them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sendfolio.domain.wording import count

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp

SHOWN = 4
"""How many gaps the question lists before saying how many more."""


async def offer_learning_needs(app: HostApp, refs: Iterable[str]) -> None:
    """Ask (from a `@work` coroutine) whether to add the open de-brief gaps of these cases as learning needs,
    and add them when the mediator agrees; nothing is asked when there is none."""
    from sendfolio.services.gaps import open_gaps
    from sendfolio.tui.dialogs.confirm import ConfirmScreen

    refs = set(refs)
    gaps = open_gaps(app.current_folio.data(), refs)
    if not gaps:
        return
    lines = [f"• {gap.words}" for gap in gaps[:SHOWN]]
    if len(gaps) > SHOWN:
        lines.append(f"• and {count(len(gaps) - SHOWN, 'more gap')}")
    question = "\n".join(
        [
            "The de-brief names gaps no learning need addresses:",
            *lines,
            "Add them to the learning plan as learning needs?",
        ]
    )

    if not await app.push_screen_wait(ConfirmScreen(question, yes_label="Add them", no_label="Not now")):
        return
    from sendfolio.services.gaps import needs_from_gaps
    from sendfolio.store import FolioError

    try:
        added = needs_from_gaps(app.current_folio, refs, app.today)
    except (FolioError, OSError) as error:
        app.notify(f"Learning needs not added: {error}", severity="error", markup=False)
        return
    app.notify(f"Added {count(len(added), 'learning need')} to the learning plan (9).", markup=False)
