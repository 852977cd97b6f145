"""Child program of the kill tests: prepare one operation, wait for "go", do it, wait to be killed.

Usage: python fault_child.py MODE DATA_DIR [ARG]

    import  DATA_DIR CSV   plan the import of CSV (as `sendfolio import` does), then save it
    encrypt DATA_DIR       re-save a plain folio encrypted under the first passphrase
    rekey   DATA_DIR       change the passphrase of a folio encrypted under the first one to the second
    decrypt DATA_DIR       re-save a folio encrypted under the first passphrase as plain JSON

It prints "ready" once prepared, reads one line from stdin, prints "started", does the
operation, prints "done <seconds>" and then waits on stdin until it is killed. The kill
tests SIGKILL it at random instants within the operation.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

PASSPHRASES = ("first fictional passphrase", "second fictional passphrase")
"""As in kill_tools.py: the first and second passphrase."""


def prepare(mode: str, data_dir: Path, extra: list[str]):
    """Open the folio and get everything ready; returns the operation to run."""
    from sendfolio.privacy.unlock import codec_from_passphrase
    from sendfolio.store import Folio
    from sendfolio.store.crypto import TEST_PARAMS, new_codec

    if mode == "import":
        from sendfolio.io.importer import apply_plan, plan_import

        folio = Folio.open(data_dir)
        plan = plan_import([Path(extra[0])], folio.data())
        return lambda: apply_plan(folio, plan)
    if mode == "encrypt":
        folio = Folio.open(data_dir)
        codec = new_codec(PASSPHRASES[0], TEST_PARAMS)
        return lambda: folio.change_codec(codec)
    folio = Folio.open(data_dir, codec=codec_from_passphrase(data_dir, PASSPHRASES[0]))
    if mode == "rekey":
        codec = new_codec(PASSPHRASES[1], TEST_PARAMS)
        return lambda: folio.change_codec(codec)
    if mode == "decrypt":
        return lambda: folio.change_codec(None)
    raise SystemExit(f"unknown mode {mode!r}")


def main() -> None:
    """Prepare, wait for go, run the operation, report, and wait to be killed."""
    operation = prepare(sys.argv[1], Path(sys.argv[2]), sys.argv[3:])
    print("ready", flush=True)
    sys.stdin.readline()
    print("started", flush=True)
    began = time.perf_counter()
    operation()
    print(f"done {time.perf_counter() - began:.6f}", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    main()
