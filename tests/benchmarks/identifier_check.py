"""The identifier check: the corpus figures, and the time of the full check on a generated folio.

    .venv/bin/python tests/benchmarks/identifier_check.py [--years 10] [--repeats 5] [--before /tmp/old-tree]

The corpus is the one of tests/privacy/test_privacy_corpus.py (every disguise, every kind, and the ordinary
mediation sentences). The time is that of `scan` over the whole folio's text with the corpus's
do-not-print list, as `privacy-check` and every PDF run it, on a folio generated as the benchmark
runner generates its own (seed 20250601). With --before, the same figures are taken with the code
of an older tree (`git archive` of it, or a worktree), in a child process, turn about with this one.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT / "tests" / "test_privacy_corpus.py"


def measure(folio_dir: str, repeats: int) -> dict:
    """Corpus figures and scan times with whichever `sendfolio` this process imports."""
    import importlib.util

    from sendfolio.domain.identifier_patterns import do_not_print_pattern, matches
    from sendfolio.privacy.identifiers import free_text, scan
    from sendfolio.store import Folio

    spec = importlib.util.spec_from_file_location("corpus", CORPUS)
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    words = do_not_print_pattern(corpus.DO_NOT_PRINT)
    found = 0
    for index, (value, category, shown) in enumerate(corpus.POSITIVES):
        sentence = corpus.SENTENCES[index % len(corpus.SENTENCES)].format(value)
        found += (category, shown) in [(kind, hit.group()) for kind, hit in matches(sentence, words)]
    alarms = sum(1 for sentence in corpus.ORDINARY if any(True for _ in matches(sentence, words)))
    folio = Folio.open(folio_dir, readonly=True)
    data = folio.data()
    times = []
    findings = []
    for _ in range(repeats):
        start = time.perf_counter()
        findings = scan(data, corpus.DO_NOT_PRINT)
        times.append(time.perf_counter() - start)
    pieces = list(free_text(data))
    return {
        "found": found,
        "positives": len(corpus.POSITIVES),
        "alarms": alarms,
        "ordinary": len(corpus.ORDINARY),
        "times": times,
        "findings": len(findings),
        "fields": len(pieces),
        "characters": sum(len(piece.text) for piece in pieces),
    }


def _child(tree: str, folio_dir: str, repeats: int) -> dict:
    """`measure` run in a child process importing `sendfolio` from `tree`."""
    env = {**os.environ, "PYTHONPATH": tree}
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from identifier_check import measure; "
        "print(json.dumps(measure(sys.argv[2], int(sys.argv[3]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(HERE), folio_dir, str(repeats)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=tempfile.gettempdir(),
    )
    if out.returncode:
        raise SystemExit(f"the measure failed with the code of {tree}:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Generate the folio, measure this tree (and an older one, turn about), print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--before", help="an older tree to measure beside this one")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folio_dir = str(Path(folder) / "folio")
        subprocess.run(
            [sys.executable, "-m", "sendfolio", "--data-dir", folio_dir, "generate", "--years", str(options.years)]
            + ["--seed", "20250601", "--today", "2025-06-01"],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(options.before or ROOT)},
            cwd=tempfile.gettempdir(),  # so that `-m sendfolio` is the tree's, not this folder's
        )
        trees = [("before", options.before)] if options.before else []
        trees.append(("after", str(ROOT)))
        results: dict[str, list[dict]] = {name: [] for name, _ in trees}
        for _ in range(2):  # turn about, so load on the machine hits both alike
            for name, tree in trees:
                results[name].append(_child(tree, folio_dir, options.repeats))
    print("| code | corpus found | false alarms | fields read | characters | full check (median) | min |")
    print("|---|---|---|---|---|---|---|")
    for name, runs in results.items():
        first = runs[0]
        times = [value for run in runs for value in run["times"]]
        print(
            f"| {name} | {first['found']}/{first['positives']} | {first['alarms']}/{first['ordinary']} "
            f"| {first['fields']:,} | {first['characters']:,} | {statistics.median(times):.2f} s "
            f"| {min(times):.2f} s |"
        )
    print(f"\n{options.years}-year folio, {options.repeats} checks per turn, 2 turns; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
