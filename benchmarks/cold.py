"""Cold start-up of the frozen build, as clinic workstations start it: the first paint
after the page cache is dropped, against a bare window frozen by the same PyInstaller
(default options) and started the same way.

    python -m benchmarks.cold     (after `make dist`, as root; `make bench` includes it)

Dropping the page cache (`sync; echo 3 > /proc/sys/vm/drop_caches`) needs root and a
writable /proc; where either is missing the figures are skipped, saying why.
"""

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.launch import BUILD_SECONDS, ROOT, first_paint_seconds, run_child

FROZEN_APP = ROOT / "dist" / "drug-guide" / "drug-guide"
BARE_SCRIPT = ROOT / "benchmarks" / "bare_window.py"
DROP_CACHES = Path("/proc/sys/vm/drop_caches")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def why_not_measured() -> str | None:
    if not FROZEN_APP.exists():
        return "no frozen build: run `make dist` first"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "dropping the page cache needs root"
    if not os.access(DROP_CACHES, os.W_OK):
        return f"{DROP_CACHES} is not writable here (a container without that right?)"
    return None


def drop_page_cache() -> None:
    os.sync()
    DROP_CACHES.write_text("3\n")


def freeze_bare_window(work: Path) -> Path:
    run_child([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
               "--paths", str(ROOT), "--distpath", str(work / "dist"),
               "--workpath", str(work / "build"), "--specpath", str(work), str(BARE_SCRIPT)],
              timeout=BUILD_SECONDS, cwd=work)
    return work / "dist" / BARE_SCRIPT.stem / BARE_SCRIPT.stem


def cold_startup_report() -> dict[str, float | str]:
    reason = why_not_measured()
    if reason is not None:
        return {"cold_startup_skipped": reason}
    with tempfile.TemporaryDirectory() as scratch:
        commands = {"app": [str(FROZEN_APP)], "bare": [str(freeze_bare_window(Path(scratch)))]}
        runs: dict[str, list[float]] = {kind: [] for kind in commands}
        for _ in range(ROUNDS):
            for kind, command in commands.items():  # interleaved, as the warm figures
                drop_page_cache()
                runs[kind].append(first_paint_seconds(command))
    app, bare = statistics.median(runs["app"]), statistics.median(runs["bare"])
    return {"cold_startup_ms_frozen": app * 1000, "cold_startup_ms_frozen_bare": bare * 1000,
            "cold_startup_ratio_frozen": app / bare}


if __name__ == "__main__":
    print(json.dumps(cold_startup_report()))
