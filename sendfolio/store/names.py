"""The names of the files in a data folder: defined here once, for the store and its helpers."""

from __future__ import annotations

FOLIO_FILE = "folio.json"
"""The folio file inside the data folder."""

LOCK_FILE = "folio.lock"
"""The lock file beside it: it holds only the writer's process id."""

ATTACHMENTS_FOLDER = "attachments"
"""The folder beside the folio holding attached files (`<id>.pdf`, `<id>.png`, `<id>.jpg`)."""

EXPORTS_FOLDER = "exports"
"""The one folder inside the data folder that outputs may be written to (when named; the app proposes a folder outside)."""

DRAFTS_FOLDER = "drafts"
"""The folder beside the folio holding drafts of unsaved work (encrypted when the folio is)."""

CODEC_CHANGE_FILE = "codec-change.json"
"""The journal of a change of encryption under way (`store/recode.py`): there only while one is cut short."""

CHECKED_FILE = "folio.checked"
"""The seal beside the folio (`store/checked.py`): the digest of the folio file sendfolio last wrote
from checked records, so reading it back need not check every record again."""

FIGURES_FILE = "figures.cache"
"""The Dashboard's figures of the last save (`store/figures.py`), encrypted when the folio is,
believed only for the folio file whose digest they name."""
