"""Child program of the crash test: saves again and again, printing each save once put() returns.

Usage: python store_crash_child.py DATA_DIR RUN. Every save replaces the CPD entry
`run-<RUN % SLOTS>` with title `save <n>` (and a learning text of varying size, so saves
take varying time); every fifth save is a batch that also stores setting `seq-<slot>`.
It runs until it is killed.
"""

from __future__ import annotations

import sys

from sendfolio.domain.records import CPDEntry
from sendfolio.store import Folio

SLOTS = 8
"""How many entries the runs share (so the folio stays small however many runs there are)."""


def entry(run: int, seq: int) -> CPDEntry:
    """The CPD entry a run saves at step `seq`."""
    filler = "lorem ipsum " * ((seq * 7919) % 1500)
    return CPDEntry.from_dict(
        {
            "id": f"run-{run % SLOTS}",
            "date": "2025-01-01",
            "hours": 1,
            "method": "reading",
            "title": f"save {seq}",
            "learning": filler,
        }
    )


def main() -> None:
    """Open the folio and save until killed."""
    data_dir, run = sys.argv[1], int(sys.argv[2])
    with Folio.open(data_dir) as folio:
        print("open", flush=True)
        seq = 0
        while True:
            if seq % 5 == 4:
                with folio.batch():
                    folio.put(entry(run, seq))
                    folio.put_setting(f"seq-{run % SLOTS}", seq)
            else:
                folio.put(entry(run, seq))
            print(seq, flush=True)
            seq += 1


if __name__ == "__main__":
    main()
