"""Run the sendfolio benchmarks and print the report (see tests/benchmarks/README.md).

    .venv/bin/python tests/benchmarks/run.py [--repeats 5] [--compile-repeats 3]
        [--big-compile-repeats 1] [--big-years 10] [--skip-compile] [--out report.md]
    .venv/bin/python tests/benchmarks/run.py --only-tui   # the tour alone (measures 6 and 8): ~30 s

It generates a 1-year and a `--big-years` (10) synthetic folio in a temporary folder
(seeded, so every run measures the same records), then measures each pair side by side
and prints one Markdown table of medians and ratios against the targets. Nothing here
fails on slowness: the exit status is 0 whether targets are met or not.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import PYTHON, SENDFOLIO, Pair, alternate, byte_compiled, median, run_child, table

HERE = Path(__file__).resolve().parent
"""This folder: the child programs live beside the runner."""

TUI_CHILD = str(HERE / "tui_child.py")
"""Starts an app headless and exits after its first paint."""

WEASY_CHILD = str(HERE / "weasy_child.py")
"""Renders an HTML file with WeasyPrint alone."""

SEED = 20250601
"""Seed of the synthetic folios."""

TODAY = "2025-06-01"
"""The date the synthetic archives end before, and the compile date."""

TARGETS = {
    "start": 1.5,
    "save": 2.0,
    "compile": 1.15,
    "linear": 12.0,
    "rss": 200.0,
    "import": 3.0,
    "blocked": 0.1,
    "compile_rss": 800.0,
    "one_pass": 0.6,
    "command": 0.5,
}
"""The targets: ratios (start, save, compile, linearity) and peak RSS in MB."""

BEFORE: list[Path] = []
"""A source tree of the code before a change (`--before`): its TUI measures run beside ours."""

HEAVY_AREAS = ("cases", "coverage", "reflections")
"""The areas with the long tables (reported first); every area's longest blocked input has the same target."""


def env_for(tree: Path | None) -> dict | None:
    """The environment running the code of `tree` (None: the installed code)."""
    if tree is None:
        return None
    return {**os.environ, "PYTHONPATH": str(tree)}


def painted(done) -> float:
    """Seconds from spawning a TUI child to its measured paint (the child reports the moment)."""
    return json.loads(done.stdout.strip().splitlines()[-1])["painted"] - done.started


def generate(work: Path, years: int, notes: list[str], tree: Path | None = None) -> Path:
    """A seeded synthetic folio of `years` years in `work` (by the code of `tree`, if given); notes the time."""
    folder = work / f"folio-{years}y{'-before' if tree else ''}"
    started = time.perf_counter()
    run_child(
        [
            *SENDFOLIO,
            "--data-dir",
            str(folder),
            "generate",
            "--years",
            str(years),
            "--seed",
            str(SEED),
            "--today",
            TODAY,
        ],
        env=env_for(tree),
        cwd=tree,  # `python -m` puts the working folder first on the path: the old tree's code, not ours
    )
    size = (folder / "folio.json").stat().st_size / 1e6
    label = " (before)" if tree else ""
    notes.append(f"generate --years {years}{label}: {time.perf_counter() - started:.1f} s, folio.json {size:.1f} MB")
    return folder


BEFORE_FOLIOS: dict[int, Path] = {}
"""The folios the code before the change generated (it may not read the newer code's files), by years."""


def tui_start(folios: dict[int, Path], repeats: int, notes: list[str]) -> tuple[list[Pair], list[float]]:
    """(1) SendfolioApp to the first paint of the dashboard (its frame; then with its figures) vs a bare app.

    Every child reports the moment of its paint; the bare app paints one Static. With `--before`,
    the code before the change is measured in the same turns.
    """
    pairs, rss = [], []
    trees = [("", None), *((" (before)", tree) for tree in BEFORE)]
    for years, folder in folios.items():
        for mode, what, target in (
            ("frame", "dashboard frame", TARGETS["start"]),
            ("sendfolio", "dashboard with its figures", None),
        ):
            for label, tree in trees:
                pair = Pair(
                    "1",
                    f"TUI cold start to painted {what}, {years}-year folio{label}",
                    "SendfolioApp",
                    "bare Textual app",
                    target,
                )
                opens: list[int] = []
                cpu: list[float] = []

                def ours(mode=mode, tree=tree, opens=opens, folder=folder, years=years, cpu=cpu) -> float:
                    """One cold start of the app on this folio, to the paint measured."""
                    where = BEFORE_FOLIOS[years] if tree is not None else folder
                    done = run_child([PYTHON, TUI_CHILD, mode, str(where)], env=env_for(tree))
                    cpu.append(done.cpu_seconds)
                    opens.append(json.loads(done.stdout.strip().splitlines()[-1])["opens_after_load"])
                    if years == max(folios) and tree is None:
                        rss.append(done.max_rss_mb)
                    return painted(done)

                bare_cpu: list[float] = []

                def bare(bare_cpu=bare_cpu) -> float:
                    """One start of the bare app, to its paint; its CPU time noted."""
                    done = run_child([PYTHON, TUI_CHILD, "bare"])
                    bare_cpu.append(done.cpu_seconds)
                    return painted(done)

                pairs.append(alternate(pair, repeats, ours, bare))
                notes.append(
                    f"TUI start to the {what}, {years}-year folio{label}: CPU to the paint {median(cpu) * 1000:.0f} ms "
                    f"against the bare app's {median(bare_cpu) * 1000:.0f} ms: {median(cpu) / median(bare_cpu):.2f}x"
                )
                notes.append(
                    f"TUI start to the {what}, {years}-year folio{label}: folio.json opened {max(opens)} time(s) "
                    "after load (must be 0)"
                )
    return pairs, rss


def tour(folder: Path, years: int, notes: list[str], tree: Path | None = None) -> tuple[float, list[Pair]]:
    """Visit every area of the app on the big folio: its peak RSS (MB), and (8) the heavy areas' longest block."""
    done = run_child([PYTHON, TUI_CHILD, "tour", str(folder)], env=env_for(tree))
    report = json.loads(done.stdout.strip().splitlines()[-1])
    label = " (before)" if tree is not None else ""
    areas = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report["area_seconds"].items())
    blocked = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in report["area_blocked"].items())
    cpu = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in report.get("area_blocked_cpu", {}).items())
    notes.append(
        f"TUI tour of all areas, {years}-year folio{label}: {done.seconds:.1f} s in all, peak RSS "
        f"{done.max_rss_mb:.0f} MB; folio.json opened {report['opens_after_load']} time(s) after load; "
        f"to settle each area: {areas}; longest wait of input, per area: {blocked}"
        + (
            f"; the same waits in the screen thread's CPU time (what a loaded machine does not stretch): {cpu}"
            if cpu
            else ""
        )
    )
    pairs = [
        Pair(
            "8",
            f"longest blocked input while {area} opens and fills, {years}-year folio{label}",
            "event-loop watcher",
            "",
            TARGETS["blocked"],
            ours=[report["area_blocked"][area]],
        )
        for area in (*HEAVY_AREAS, *(name for name in report["area_blocked"] if name not in HEAVY_AREAS))
        if area in report["area_blocked"]
    ]
    return done.max_rss_mb, pairs


def save(folios: dict[int, Path], work: Path, repeats: int) -> list[Pair]:
    """(2) Folio.put of one CPD entry vs json.dumps + write + fsync of the same data."""
    from sendfolio.domain.records import CPDEntry
    from sendfolio.store import Folio

    pairs = []
    for years, folder in folios.items():
        copy = work / f"save-{years}y"
        shutil.copytree(folder, copy)
        with Folio.open(copy) as folio:
            data = json.loads(folio.path.read_bytes())
            count = iter(range(10**6))

            def ours() -> float:
                """One put of a new CPD entry (one atomic save)."""
                entry = CPDEntry.from_dict(
                    {
                        "date": "2024-03-01",
                        "hours": "1",
                        "method": "reading",
                        "title": f"Benchmark entry {next(count)}",
                        "learning": "Fictional.",
                    }
                )
                started = time.perf_counter()
                folio.put(entry)
                return time.perf_counter() - started

            pair = Pair(
                "2",
                f"one save (put of a CPD entry), {years}-year folio",
                "Folio.put",
                "json.dumps+write+fsync",
                TARGETS["save"],
            )
            pairs.append(alternate(pair, repeats, ours, lambda: raw_save(data, copy / "raw.json")))
    return pairs


def raw_save(data: dict, path: Path) -> float:
    """The floor of a save: serialise the same data, write it, fsync it; seconds taken."""
    started = time.perf_counter()
    blob = json.dumps(data).encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    return time.perf_counter() - started


COMMANDS = {
    "check": ["check", "--today", TODAY],
    "deadlines": ["deadlines", "--today", TODAY],
    "a one-line save (`do-not-print add`)": ["do-not-print", "add"],
}
"""The commands of measure 3, after `sendfolio --data-dir DIR` (the save adds a new word each run)."""


def check(folios: dict[int, Path], repeats: int, notes: list[str]) -> list[Pair]:
    """(3) `check`, `deadlines` and a one-line save vs `python -c pass`; target: under 0.5 s at the largest folio.

    The notes give the same in CPU time (user and system), which a loaded machine does not stretch.
    """
    pairs = []
    words = iter(range(10**6))
    trees = [("", None), *((" (before)", tree) for tree in BEFORE)]
    for (years, folder), (label, tree) in ((item, tree) for item in folios.items() for tree in trees):
        where = BEFORE_FOLIOS[years] if tree is not None else folder
        for what, arguments in COMMANDS.items():
            target = f" (target under {TARGETS['command']:g} s)" if years == max(folios) else ""
            pair = Pair(
                "3", f"`sendfolio {what}`, {years}-year folio{label}{target}", "sendfolio", "python -c pass", None
            )
            cpu: list[float] = []

            def ours(arguments=arguments, where=where, cpu=cpu, tree=tree) -> float:
                """One run of the command; its CPU time noted."""
                extra = [f"Benchmarkword{next(words)}"] if arguments[0] == "do-not-print" else []
                done = run_child(
                    [*SENDFOLIO, "--data-dir", str(where), *arguments, *extra], env=env_for(tree), cwd=tree
                )
                cpu.append(done.cpu_seconds)
                return done.seconds

            pairs.append(alternate(pair, repeats, ours, lambda: run_child([PYTHON, "-c", "pass"]).seconds))
            notes.append(
                f"`sendfolio {what}`, {years}-year folio{label}: median CPU {statistics.median(cpu) * 1000:.0f} ms "
                f"(wall {statistics.median(pair.ours) * 1000:.0f} ms)"
            )
    return pairs


def warm(folder: Path, tree: Path | None = None) -> None:
    """Open the app on the folio once (sealed, its figures kept), as any use of it leaves it."""
    run_child([PYTHON, TUI_CHILD, "warm", str(folder)], env=env_for(tree))


BIG_CPU: list[float] = []
"""CPU seconds (user and system, workers included) of each big-folio compile."""

BIG_RSS: list[float] = []
"""Peak RSS (MB) of each big-folio compile, its worker processes included."""


def compile_once(folder: Path, work: Path, name: str) -> tuple[float, Path]:
    """One whole `sendfolio portfolio` command: its seconds and the HTML copy it wrote."""
    html = work / f"{name}.html"
    command = [
        *SENDFOLIO,
        "--data-dir",
        str(folder),
        "portfolio",
        "-o",
        str(work / f"{name}.pdf"),
        "--html",
        str(html),
        "--date",
        TODAY,
        *whole_archive(),
    ]
    done = run_child(command, tree=name == "big")
    if name == "big":
        BIG_RSS.append(done.tree_rss_mb)
        BIG_CPU.append(done.cpu_seconds)
    return done.seconds, html


def whole_archive() -> list[str]:
    """`--all` when the command has it (the portfolio covers only the practice period by default)."""
    helped = run_child([*SENDFOLIO, "portfolio", "--help"]).stdout
    return ["--all"] if "--all" in helped else []


def compiles(folios: dict[int, Path], work: Path, options: argparse.Namespace, notes: list[str]) -> list[Pair]:
    """(4) the command vs WeasyPrint alone on its HTML (small folio); (5) big vs small compile time.

    The big compile (minutes) runs on the second core while the small pairs run, so the whole
    benchmark stays within about ten minutes; (5) compares it with the small compiles timed
    meanwhile, both with one other process busy.
    """
    small, big = min(folios), max(folios)
    with ThreadPoolExecutor(max_workers=1) as pool:
        bigs = (
            []
            if big == small or not options.big_compile_repeats
            else [pool.submit(compile_once, folios[big], work, "big")]
        )
        html = work / "small.html"
        pair = Pair(
            "4", f"portfolio compile, {small}-year folio", "sendfolio portfolio", "WeasyPrint alone", TARGETS["compile"]
        )
        alternate(
            pair,
            options.compile_repeats,
            lambda: compile_once(folios[small], work, "small")[0],
            lambda: run_child([PYTHON, WEASY_CHILD, str(html), str(work / "weasy.pdf")]).seconds,
        )
        big_seconds = [future.result()[0] for future in bigs]
        big_seconds += [compile_once(folios[big], work, "big")[0] for _ in range(options.big_compile_repeats - 1)]
    pages = run_child([PYTHON, WEASY_CHILD, str(html), str(work / "weasy.pdf")]).stdout.strip()
    notes.append(f"portfolio, {small}-year folio: {pages} pages, HTML {html.stat().st_size / 1e6:.1f} MB")
    if not big_seconds:
        return [pair]
    notes.append(
        f"portfolio, {big}-year folio: HTML {(work / 'big.html').stat().st_size / 1e6:.1f} MB, "
        f"peak RSS {BIG_RSS[-1]:.0f} MB with its workers, {BIG_CPU[-1]:.0f} s of CPU "
        f"(the {big}-year compile ran beside the small pairs)"
    )
    return [
        pair,
        Pair(
            "5",
            f"full-archive compile, {big} years vs {small}",
            f"{big}-year",
            f"{small}-year",
            TARGETS["linear"],
            ours=big_seconds,
            base=list(pair.ours),
        ),
        compile_rss(big, BIG_RSS),
    ]


def compile_rss(years: int, samples: list[float]) -> Pair:
    """(9) the largest summed RSS (command and workers) of the big folio's compiles, against its limit."""
    return Pair(
        "9",
        f"peak RSS of the full-archive compile, {years} years (workers included)",
        "summed RSS",
        "",
        TARGETS["compile_rss"],
        ours=[max(samples)],
        unit="MB",
    )


def against_one_pass(
    folios: dict[int, Path],
    work: Path,
    repeats: int,
    notes: list[str],
    *,
    with_rss: bool = True,
    small: Pair | None = None,
) -> list[Pair]:
    """(10) the full-archive compile of the big folio against WeasyPrint alone laying its HTML out in one pass.

    Run alone (nothing else of the benchmark beside it): the compile uses both cores. The
    one-pass layout is how every portfolio was compiled before the chunked compile; its
    time is "today's time" of issue 15.
    """
    big = max(folios)
    one_pass_rss: list[float] = []
    pages: list[str] = []

    def base() -> float:
        """WeasyPrint alone, one pass, on the HTML the command wrote."""
        done = run_child([PYTHON, WEASY_CHILD, str(work / "big.html"), str(work / "one-pass.pdf")], tree=True)
        one_pass_rss.append(done.tree_rss_mb)
        pages.append(done.stdout.strip())
        return done.seconds

    pair = Pair(
        "10",
        f"full-archive compile, {big} years, against one pass",
        "sendfolio portfolio --all",
        "WeasyPrint alone, one pass",
        TARGETS["one_pass"],
    )
    alternate(pair, repeats, lambda: compile_once(folios[big], work, "big")[0], base)
    notes.append(
        f"full-archive compile, {big} years ({pages[-1]} pages): peak RSS {max(BIG_RSS[-repeats:]):.0f} MB with its "
        f"workers; one pass: peak RSS {max(one_pass_rss):.0f} MB"
    )
    found = [pair]
    if small is not None:  # measure 5 from these compiles, each run alone, and the small ones of (4)
        found.append(
            Pair(
                "5",
                f"full-archive compile, {big} years vs {min(folios)} (each alone)",
                f"{big}-year",
                f"{min(folios)}-year",
                TARGETS["linear"],
                ours=list(pair.ours),
                base=list(small.ours),
            )
        )
    if not with_rss:
        return found
    return [*found, compile_rss(big, BIG_RSS[-repeats:])]


def memory(rss: list[float], years: int) -> Pair:
    """(6) the TUI's peak RSS on the big folio (the largest seen), against its limit."""
    return Pair(
        "6",
        f"peak RSS of the TUI, {years}-year folio (cold start and all areas)",
        "ru_maxrss",
        "",
        TARGETS["rss"],
        ours=[max(rss)],
        unit="MB",
    )


CPD_METHODS = ("training", "reading", "supervision", "conference")
"""CPD methods the generated import rows cycle through (all valid)."""


def cpd_csv(path: Path, rows: int) -> Path:
    """A CPD import file of `rows` distinct, fictional entries (seeded by their number only)."""
    lines = ["date,hours,method,title,provider,learning"]
    for number in range(rows):
        day = f"20{15 + number % 10:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        hours = f"{1 + number % 6 / 2:g}"
        lines.append(
            f"{day},{hours},{CPD_METHODS[number % len(CPD_METHODS)]},Fictional reading {number},"
            f"Fictional Press,Notes on fictional chapter {number % 97}."
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bulk_import(work: Path, rows: int, repeats: int, notes: list[str]) -> Pair:
    """(7) `sendfolio import` of `rows` CPD rows into an empty folio vs `--dry-run` of the same file.

    Both read and check every row; the import also saves them (one batch, one atomic save).
    Each import goes into a fresh data folder, so every run imports the same rows into nothing.
    """
    csv = cpd_csv(work / "cpd-import.csv", rows)
    pair = Pair(
        "7", f"bulk import, {rows:,} CPD rows into an empty folio", "import", "import --dry-run", TARGETS["import"]
    )
    runs = iter(range(repeats))

    def ours() -> float:
        """One real import into a new folder."""
        folder = work / f"import-{next(runs)}"
        seconds = run_child([*SENDFOLIO, "--data-dir", str(folder), "import", str(csv)]).seconds
        size = (folder / "folio.json").stat().st_size / 1e6
        shutil.rmtree(folder)
        if not notes or not notes[-1].startswith("bulk import"):
            notes.append(f"bulk import: {csv.stat().st_size / 1e6:.1f} MB of CSV became a {size:.1f} MB folio.json")
        return seconds

    def base() -> float:
        """One dry run of the same file (no folio there: nothing is opened or saved)."""
        return run_child([*SENDFOLIO, "--data-dir", str(work / "import-dry"), "import", "--dry-run", str(csv)]).seconds

    return alternate(pair, repeats, ours, base)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs of each cheap measure (median taken)")
    parser.add_argument("--save-repeats", type=int, default=9, help="saves of each kind")
    parser.add_argument("--compile-repeats", type=int, default=3, help="small-folio compiles and WeasyPrint runs")
    parser.add_argument("--big-compile-repeats", type=int, default=1, help="big-folio compiles (0: skip measure 5)")
    parser.add_argument("--big-years", type=int, default=10, help="years of the big folio")
    parser.add_argument("--skip-compile", action="store_true", help="skip measures 4 and 5")
    parser.add_argument("--import-rows", type=int, default=100_000, help="CPD rows of the bulk import (measure 7)")
    parser.add_argument("--import-repeats", type=int, default=3, help="imports and dry runs of measure 7")
    parser.add_argument("--only-import", action="store_true", help="run measure 7 only (no folios generated)")
    parser.add_argument("--skip-import", action="store_true", help="skip measure 7")
    parser.add_argument(
        "--only-tui",
        action="store_true",
        help="run the tour of every area alone (measures 6 and 8, the big folio only): ~30 s",
    )
    parser.add_argument(
        "--one-pass-repeats", type=int, default=0, help="measure 10: big compiles against one pass, alone (0: skip)"
    )
    parser.add_argument("--only-one-pass", action="store_true", help="run measure 10 only (with 1 repeat by default)")
    parser.add_argument("--only-start", action="store_true", help="run measures 1 and 3 only (start and commands)")
    parser.add_argument("--cold", action="store_true", help="measure 1 without the figures kept (the first start)")
    parser.add_argument(
        "--source", action="store_true", help="run sendfolio from source, not byte-compiled first (`byte_compiled`)"
    )
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) to this file")
    parser.add_argument(
        "--before", type=Path, help="a source tree of the code before a change: its TUI measures run beside ours"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Generate the folios, run every measure, print (and maybe write) the report."""
    options = arguments(argv)
    BEFORE[:] = [options.before.resolve()] if options.before else []
    started, notes = time.perf_counter(), []
    if not options.source:
        notes.append(byte_compiled(*BEFORE))
    with tempfile.TemporaryDirectory(prefix="sendfolio-bench-") as scratch:
        work = Path(scratch)
        if options.only_import:
            return _report(
                [bulk_import(work, options.import_rows, options.import_repeats, notes)], notes, started, options
            )
        if options.only_tui:
            folder = generate(work, options.big_years, notes)
            for tree in BEFORE:
                BEFORE_FOLIOS[options.big_years] = generate(work, options.big_years, notes, tree)
            peak, blocked = tour(folder, options.big_years, notes)
            for tree in BEFORE:
                blocked += tour(BEFORE_FOLIOS[options.big_years], options.big_years, notes, tree)[1]
            return _report([memory([peak], options.big_years), *blocked], notes, started, options)
        if options.only_one_pass:
            folios = {options.big_years: generate(work, options.big_years, notes)}
            repeats = options.one_pass_repeats or 1
            return _report(against_one_pass(folios, work, repeats, notes), notes, started, options)
        folios = {years: generate(work, years, notes) for years in sorted({1, options.big_years})}
        for tree in BEFORE:
            BEFORE_FOLIOS.update({years: generate(work, years, notes, tree) for years in folios})
        if not options.cold:
            for years, folder in folios.items():
                warm(folder)
                for tree in BEFORE:
                    warm(BEFORE_FOLIOS[years], tree)
        if options.only_start:
            pairs, _ = tui_start(folios, options.repeats, notes)
            return _report([*pairs, *check(folios, options.repeats, notes)], notes, started, options)
        pairs, rss = tui_start(folios, options.repeats, notes)
        peak, blocked = tour(folios[max(folios)], max(folios), notes)
        rss.append(peak)
        for tree in BEFORE:
            blocked += tour(BEFORE_FOLIOS[max(folios)], max(folios), notes, tree)[1]
        pairs += save(folios, work, options.save_repeats)
        pairs += check(folios, options.repeats, notes)
        if not options.skip_compile:
            pairs += compiles(folios, work, options, notes)
            if options.one_pass_repeats:
                small = next((pair for pair in pairs if pair.number == "4"), None)
                alone = not options.big_compile_repeats
                pairs += against_one_pass(
                    folios, work, options.one_pass_repeats, notes, with_rss=alone, small=small if alone else None
                )
        pairs.append(memory(rss, max(folios)))
        pairs += blocked
        if not options.skip_import:
            pairs.append(bulk_import(work, options.import_rows, options.import_repeats, notes))
    return _report(pairs, notes, started, options)


def _report(pairs: list[Pair], notes: list[str], started: float, options: argparse.Namespace) -> int:
    """Print (and maybe write) the report table and the notes; the exit status is always 0."""
    notes.append(
        f"whole run: {time.perf_counter() - started:.0f} s on {os.cpu_count()} CPUs; load average at the end "
        f"{os.getloadavg()[0]:.1f} (1 min), {os.getloadavg()[1]:.1f} (5 min)"
    )
    report = table(pairs) + "\n\n" + "\n".join(f"- {note}" for note in notes) + "\n"
    print(report)
    if options.out:
        options.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
