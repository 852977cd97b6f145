"""The app's one message about the folio.

`FolioChanged` is posted to the app by the single save path: every change the folio saves
(its `on_save` hook), and opening another folio. The app passes it to every screen drawn
from the folio (`FolioScreen`), which redraws at once if it is showing, or when it is next
shown. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from textual.message import Message


class FolioChanged(Message):
    """The open folio's records were saved, or another folio was opened."""

    def __init__(self, revision: int) -> None:
        """`revision` counts the changes since the app started, so a screen drawn since can skip this one."""
        super().__init__()
        self.revision = revision
