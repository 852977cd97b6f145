"""Everything the app can do beyond the areas, as the command palette lists it.

A `Feature` names a screen by module and class ("sendfolio.tui.screens.privacy:PrivacyScreen"),
imported only when chosen, or an app action ("open_demo"). To offer a new screen in the
palette, add a `Feature` to `FEATURES` (or call `register` from code that is always
imported). The palette (tui/palette.py) lists them all, in this order.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Feature:
    """One thing the palette offers: what it is called, a line of help, and what it opens or runs."""

    title: str
    """What the palette lists, in the mediator's words."""
    help: str
    """A line saying what it does."""
    screen: str = ""
    """The screen it opens, as "module:Class" (made with no arguments)."""
    action: str = ""
    """Or the app action it runs, e.g. "open_demo"."""
    needs_folio: bool = True
    """False when it makes sense before a folio is open."""
    words: str = ""
    """Other words the palette finds it by, in the mediator's words."""

    def run(self, app: Any) -> None:
        """Open the screen, or run the action."""
        if self.action:
            app.call_later(app.run_action, self.action)
            return
        module, _, name = self.screen.partition(":")
        app.push_screen(getattr(importlib.import_module(module), name)())


PRIVACY = Feature(
    "Privacy: likely identifiers and the do-not-print list",
    "Names, e-mails, phone numbers, postcodes… in your notes: fix them or mark them, and list names never to print",
    screen="sendfolio.tui.screens.privacy:PrivacyScreen",
    words="privacy identifiers names do-not-print check fix anonymise",
)
"""The Privacy screen: where a document the privacy check refused is put right (a dialog opens it by this)."""

FEATURES: list[Feature] = [
    PRIVACY,
    Feature(
        "Export: a JSON backup, one kind as CSV, or reflections as Markdown",
        "Copy your records out of sendfolio, e.g. a backup to keep somewhere safe",
        screen="sendfolio.tui.screens.transfer:ExportScreen",
        words="export backup json csv markdown copy save",
    ),
    Feature(
        "Import files: CSV, Markdown reflections or a JSON backup",
        "Bring records in from files; everything is checked and shown before anything is saved",
        screen="sendfolio.tui.screens.transfer:ImportScreen",
        words="import csv markdown json backup files bring",
    ),
    Feature(
        "Deadlines calendar: save upcoming deadlines as an .ics file",
        "For your calendar app: each case's statutory deadlines, case references only",
        screen="sendfolio.tui.screens.transfer:CalendarScreen",
        words="calendar ics deadlines diary dates",
    ),
    Feature(
        "Forms for the observer: fillable Forms 1–3 of a case",
        "Opens the case log: pick the case, then press f to write its forms for the observer",
        action="area('cases')",
        words="observer forms form 1 form 2 form 3 fillable pdf",
    ),
    Feature(
        "Import a returned observer form (PDF)",
        "Read the Forms 1–3 an observer filled in and sent back; see what it records before saving",
        screen="sendfolio.tui.dialogs.observer_forms:ImportFormScreen",
        words="observer returned form forms import pdf signed",
    ),
    Feature(
        "Restore a backup of the folio",
        "List the folio's backups (date, records, encrypted or not) and go back to one",
        screen="sendfolio.tui.screens.restore:RestoreScreen",
        words="restore backup backups undo go back earlier",
    ),
    Feature(
        "Encryption: encrypt, decrypt or change the passphrase",
        "Protect the folio on this disk with a passphrase",
        screen="sendfolio.tui.screens.encryption:EncryptionScreen",
        words="encrypt encryption decrypt passphrase password protect lock",
    ),
    Feature(
        "Open the demo folio",
        "A fictional folio to explore; your own is untouched",
        action="open_demo",
        words="demo example fictional try",
    ),
    Feature(
        "Open my own folio",
        "Go back to the folio sendfolio started with (e.g. after the demo)",
        action="open_own",
    ),
    Feature(
        "Open another data folder…",
        "Open the folio in another folder, or start a new one there",
        action="open_folder",
    ),
]
"""What the palette offers beyond the areas, in order."""


def register(feature: Feature) -> None:
    """Offer one more feature in the palette (once: a title already listed is replaced)."""
    FEATURES[:] = [item for item in FEATURES if item.title != feature.title]
    FEATURES.append(feature)
