"""Starting the app (or the bare window) as a fresh process, as a user who has never
run it: no saved tab, zoom or content pack. HOME is kept, so the font cache is warm as
on any workstation that has started a program before."""

import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# No child may hang `make bench`: a window that never paints, a build that stalls.
CHILD_SECONDS = 120
BUILD_SECONDS = 900


class ChildFailedError(RuntimeError):
    """A benchmark's child process failed or timed out; the message holds its stderr."""


def run_child(command: list[str], timeout: float = CHILD_SECONDS,
              **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run `command` to completion within `timeout` seconds, or raise ChildFailedError with
    the end of what it wrote to stderr."""
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True,
                              timeout=timeout, **kwargs)  # type: ignore[call-overload]
    except subprocess.TimeoutExpired as error:
        raise ChildFailedError(f"{' '.join(command)} took over {timeout:.0f} s; stderr:\n"
                          f"{_tail(error.stderr)}") from None
    except subprocess.CalledProcessError as error:
        raise ChildFailedError(f"{' '.join(command)} exited {error.returncode}; stderr:\n"
                          f"{_tail(error.stderr)}") from None


def _tail(stderr: str | bytes | None, lines: int = 20) -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode(errors="replace")
    return "\n".join((stderr or "(nothing)").splitlines()[-lines:])


def fresh_user_env(folder: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT),
            "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "share")}


def run_fresh(command: list[str], extra_env: dict[str, str] | None = None) -> str:
    """`command`'s standard output, run by a fresh user from the project folder."""
    with tempfile.TemporaryDirectory() as folder:
        return run_child(command, cwd=ROOT,
                         env={**fresh_user_env(Path(folder)), **(extra_env or {})}).stdout


def first_paint_seconds(command: list[str]) -> float:
    """Seconds from launching `command` (the app or bare_window.py, from source or
    frozen) to its first painted window, as it reports it."""
    import time

    from desktop.ui.first_paint import VARIABLE

    output = run_fresh(command, {VARIABLE: repr(time.time())})
    return float(output.split("first paint after ")[1].split()[0])
