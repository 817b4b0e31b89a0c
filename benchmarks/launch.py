"""Starting the app (or the bare window) as a fresh process, as a user who has never
run it: no saved tab, zoom or content pack. HOME is kept, so the font cache is warm as
on any workstation that has started a program before."""

import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_user_env(folder: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT),
            "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "share")}


def run_fresh(command: list[str], extra_env: dict[str, str] | None = None) -> str:
    """`command`'s standard output, run by a fresh user from the project folder."""
    with tempfile.TemporaryDirectory() as folder:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True,
                              env={**fresh_user_env(Path(folder)), **(extra_env or {})}).stdout


def first_paint_seconds(command: list[str]) -> float:
    """Seconds from launching `command` (the app or bare_window.py, from source or
    frozen) to its first painted window, as it reports it."""
    import time

    from desktop.ui.first_paint import VARIABLE

    output = run_fresh(command, {VARIABLE: repr(time.time())})
    return float(output.split("first paint after ")[1].split()[0])
