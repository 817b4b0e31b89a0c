"""Starting the app (or the bare window) as a fresh process, as a user who has never
run it: no saved tab, zoom or content pack."""

import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_user_env(home: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".share")}


def run_fresh(command: list[str], extra_env: dict[str, str] | None = None) -> str:
    """`command`'s standard output, run by a fresh user from the project folder."""
    with tempfile.TemporaryDirectory() as home:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True,
                              env={**fresh_user_env(Path(home)), **(extra_env or {})}).stdout


def first_paint_seconds(command: list[str]) -> float:
    """Seconds from launching `command` (the app or bare_window.py, from source or
    frozen) to its first painted window, as it reports it."""
    import time

    from desktop.ui.first_paint import VARIABLE

    output = run_fresh(command, {VARIABLE: repr(time.time())})
    return float(output.split("first paint after ")[1].split()[0])
