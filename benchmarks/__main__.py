"""`make bench` / `python -m benchmarks`: prints one JSON object as its last line.

Times are in milliseconds. Ratios divide the app's figure by a baseline measured
in the same run (median of several rounds), because this machine is shared and noisy.
"""

import json
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.launch import ChildFailedError, first_paint_seconds, run_child, run_fresh

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
MONOGRAPH_COUNTS = (1, 100, 1000)  # guides the app opens: search, verification, memory
SEARCH_ONLY_COUNTS = (10_000,)  # past the app's caps (desktop/content/limits.py)
# Prefixes typed one character at a time, as staff would.
QUERIES = ["seizures", "half-life", "oxycodone", "kidney disease", "valium", "blurred vision",
           "pregnan", "intrathecal", "alcohol", "ringing in the ears"]


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def _probe(kind: str, database: Path | None = None) -> dict[str, float]:
    from desktop.ui.first_paint import VARIABLE

    output = run_fresh([sys.executable, "-m", "benchmarks.probe", kind,
                        *([str(database)] if database else [])],
                       {VARIABLE: repr(time.time())})
    return json.loads(output.strip().splitlines()[-1])


def startup_and_memory(large_guide: Path) -> dict[str, float]:
    """Start-up and memory of the app and the bare window, interleaved round by round;
    and once (peak RSS hardly varies, and each start takes seconds) the app's memory
    on `large_guide`, the 1,000-monograph guide."""
    samples: dict[str, list[dict[str, float]]] = {"app": [], "bare": []}
    for _ in range(ROUNDS):
        for kind in samples:  # interleaved, so drift in machine load hits both alike
            samples[kind].append(_probe(kind))
    samples["app_1000"] = [_probe("app", large_guide)]

    def median(kind: str, key: str) -> float:
        return statistics.median(s[key] for s in samples[kind])

    return {
        "gc_enabled_after_start": all(s["gc_enabled"] for s in samples["app"]),
        "startup_ms_app": median("app", "startup_s") * 1000,
        "startup_ms_bare": median("bare", "startup_s") * 1000,
        "startup_ratio": median("app", "startup_s") / median("bare", "startup_s"),
        "interactive_ms_app": median("app", "interactive_s") * 1000,
        "interactive_ratio": median("app", "interactive_s") / median("bare", "startup_s"),
        "rss_mib_app": median("app", "rss_kib") / 1024,
        "rss_mib_bare": median("bare", "rss_kib") / 1024,
        "rss_ratio": median("app", "rss_kib") / median("bare", "rss_kib"),
        "rss_mib_app_1000": median("app_1000", "rss_kib") / 1024,
        "rss_ratio_1000": median("app_1000", "rss_kib") / median("app", "rss_kib"),
    }


def frozen_startup() -> dict[str, float]:
    """The frozen one-folder build against a run from source, both as shipped."""
    frozen = ROOT / "dist" / "drug-guide" / "drug-guide"
    if not frozen.exists():
        return {}
    runs: dict[str, list[float]] = {"frozen": [], "source": []}
    for _ in range(ROUNDS):
        runs["frozen"].append(first_paint_seconds([str(frozen)]))
        runs["source"].append(first_paint_seconds([sys.executable, "-m", "desktop"]))
    frozen_s, source_s = statistics.median(runs["frozen"]), statistics.median(runs["source"])
    return {"frozen_startup_ms": frozen_s * 1000, "source_startup_ms": source_s * 1000,
            "frozen_startup_ratio": frozen_s / source_s}


def triage_times() -> dict[str, float]:
    from desktop.content.database import ContentDatabase
    from desktop.paths import DEFAULT_DATABASE
    from desktop.triage.engine import Triage
    from devtools.phrasings import PHRASINGS

    with ContentDatabase(DEFAULT_DATABASE) as db:
        triage = Triage(db.monograph("baclofen").triage)
    texts = [text for text, *_ in PHRASINGS]
    for text in texts:  # warm caches: stemmer, typo repair, word list
        triage.assess(text)
    times = []
    for _ in range(20):
        for text in texts:
            started = time.perf_counter()
            triage.assess(text)
            times.append((time.perf_counter() - started) * 1000)
    typical = [t for t, text in zip(times, texts * 20, strict=True)
               if text == "I've been dizzy and now my ears are ringing"]
    return {"triage_ms_p50": statistics.median(times), "triage_ms_p99": p99(times),
            "triage_ms_typical_median": statistics.median(typical)}


def triage_stdin_seconds(lines: int = 10_000) -> float:
    from devtools.phrasings import PHRASINGS

    texts = [text.replace("\n", " ") for text, *_ in PHRASINGS]
    payload = "\n".join(texts[i % len(texts)] for i in range(lines)) + "\n"
    started = time.perf_counter()
    result = run_child([sys.executable, "-m", "desktop", "triage", "-", "--json"],
                       input=payload, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.perf_counter() - started
    assert result.stdout.count("\n") == lines
    return elapsed


@contextmanager
def _searcher(db_path: Path, count: int) -> Iterator[Callable[[str], list[object]]]:
    """The app's own search on `db_path`; a guide past the app's caps is searched by
    the same search module over a read-only connection to the file."""
    from desktop.content import search

    if count not in SEARCH_ONLY_COUNTS:
        from desktop.content.database import ContentDatabase

        with ContentDatabase(db_path) as db:
            yield db.search
        return
    from desktop.content.schema import SYNONYMS_KEY

    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        synonyms = search.synonym_map(json.loads(meta.get(SYNONYMS_KEY, "[]")))
        yield lambda text: search.run(conn, text, synonyms=synonyms)
    finally:
        conn.close()


def search_times(db_path: Path, count: int) -> list[float]:
    """Per keystroke: the FTS query plus the results model update, as the UI runs them."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.search_panel import SearchPanel

    QApplication.instance() or QApplication([])
    panel = SearchPanel()
    times = []
    with _searcher(db_path, count) as search:
        for query in QUERIES:
            search(query)  # warm the page cache
        for _ in range(3):
            for query in QUERIES:
                for end in range(1, len(query) + 1):
                    started = time.perf_counter()
                    panel.show_hits(query[:end], search(query[:end]))
                    times.append((time.perf_counter() - started) * 1000)
    panel.deleteLater()
    return times


def synthetic_guides() -> tuple[dict[int, Path], dict[str, float]]:
    """The bundled guide (count 1) and the synthetic ones, and the seconds each
    synthetic guide took to build in this run (none when an earlier run built it)."""
    from benchmarks.synthetic import build_synthetic, synthetic_path
    from desktop.paths import DEFAULT_DATABASE

    guides, built = {1: DEFAULT_DATABASE}, {}
    for count in (*MONOGRAPH_COUNTS[1:], *SEARCH_ONLY_COUNTS):
        if not synthetic_path(count, OUT).exists():
            started = time.perf_counter()
            build_synthetic(count, OUT)
            built[str(count)] = time.perf_counter() - started
        guides[count] = synthetic_path(count, OUT)
    return guides, built


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    guides, built = synthetic_guides()
    report: dict[str, object] = {"synthetic_build_s": built}
    report.update(startup_and_memory(guides[1000]))
    report.update(triage_times())
    report["triage_stdin_10000_lines_s"] = triage_stdin_seconds()
    medians: dict[str, float] = {}
    tails: dict[str, float] = {}
    for count, path in guides.items():
        times = search_times(path, count)
        medians[str(count)], tails[str(count)] = statistics.median(times), p99(times)
        print(f"search at {count} monographs: p50 {medians[str(count)]:.2f} ms, "
              f"p99 {tails[str(count)]:.2f} ms", file=sys.stderr)
    report["search_ms_p50"] = medians
    report["search_ms_p99"] = tails
    from benchmarks.typing import typing_stall

    report.update(typing_stall(guides[1000], QUERIES))
    from benchmarks.trust import render_costs, verify_costs

    report["verify_ms"] = {str(count): verify_costs(guides[count]) for count in MONOGRAPH_COUNTS}
    report["render_1mb_section_ms"] = render_costs()
    from benchmarks.stress import stress_report

    report["stress"] = stress_report()
    report.update(frozen_startup())
    from benchmarks.cold import cold_startup_report

    report.update(cold_startup_report())
    if (ROOT / "dist" / "drug-guide").is_dir():  # after `make dist`
        from benchmarks.bundle import bundle_report

        report.update(bundle_report())
    print(json.dumps(_rounded(report)))


def _rounded(value: object) -> object:
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return round(value, 3) if isinstance(value, float) else value


if __name__ == "__main__":
    try:
        main()
    except ChildFailedError as error:
        sys.exit(f"make bench: {error}")
