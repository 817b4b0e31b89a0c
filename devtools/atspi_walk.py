"""Walk the running window as a screen reader does, through AT-SPI, and report what it
finds: every focusable, showing node without a name on each tab, and what the checker
announces when an emergency is typed.

Run by hand, with the system Python that has pyatspi, on a private X server and bus:

    xvfb-run -a dbus-launch --exit-with-session /usr/bin/python3 devtools/atspi_walk.py

(Debian packages: at-spi2-core python3-pyatspi dbus-x11 xvfb libxcb-cursor0.) It starts
the window from .venv with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 and exits 1 if any
unnamed focusable node is found or no emergency is announced.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyatspi  # type: ignore[import-not-found]
from gi.repository import GLib  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parent.parent
EMERGENCY_TEXT = "he won't wake up"


def start_window() -> subprocess.Popen:
    env = os.environ | {"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_ACCESSIBILITY": "1"}
    return subprocess.Popen([str(ROOT / ".venv/bin/python"), "-m", "desktop"], env=env,
                            cwd=ROOT)


def find_app(pid: int, wait: float = 30.0) -> object:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.get_process_id() == pid and app.childCount:
                return app
        time.sleep(0.5)
    raise SystemExit("the window never appeared on the accessibility bus")


def nodes(node: object) -> Iterator[object]:
    yield node
    for child in node:
        if child is not None:
            yield from nodes(child)


def unnamed_focusable(app: object) -> list[str]:
    found = []
    for node in nodes(app):
        states = node.getState()
        if (states.contains(pyatspi.STATE_FOCUSABLE) and states.contains(pyatspi.STATE_SHOWING)
                and not (node.name or "").strip()):
            found.append(f"{node.getRoleName()} (parent: {node.parent.getRoleName()} "
                         f"{node.parent.name!r})")
    return found


def first(app: object, role: int, name: str = "") -> object:
    return next(n for n in nodes(app) if n.getRole() == role and (not name or n.name == name))


def pump(seconds: float) -> None:
    """Let events arrive: AT-SPI delivers them through the GLib main loop."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        context.iteration(False)
        time.sleep(0.02)


def main() -> int:
    window = start_window()
    try:
        app = find_app(window.pid)
        pump(2.0)
        tabs = first(app, pyatspi.ROLE_PAGE_TAB_LIST)
        problems = 0
        pages = [tab for tab in tabs if tab.getRole() == pyatspi.ROLE_PAGE_TAB]
        for index, tab in enumerate(pages):
            tabs.querySelection().selectChild(index)
            pump(0.5)
            unnamed = unnamed_focusable(app)
            problems += len(unnamed)
            print(f"{tab.name}: {len(unnamed)} unnamed focusable node(s)")
            for description in unnamed:
                print(f"    {description}")
        heard: list[str] = []
        pyatspi.Registry.registerEventListener(
            lambda event: heard.append(f"{event.type}: {event.any_data}"),
            "object:announcement")
        checker = next(i for i, tab in enumerate(pages) if tab.name.startswith("Symptom"))
        tabs.querySelection().selectChild(checker)
        pump(0.5)
        said = first(app, pyatspi.ROLE_TEXT, "What the patient said")
        said.queryEditableText().setTextContents(EMERGENCY_TEXT)
        pump(2.0)
        banner = first(app, pyatspi.ROLE_ALERT)
        print(f"banner: role {banner.getRoleName()!r}, name {banner.name!r}")
        print(f"announced after typing {EMERGENCY_TEXT!r}:")
        for line in heard:
            print(f"    {line}")
        return 0 if problems == 0 and any("EMERGENCY" in line for line in heard) else 1
    finally:
        window.terminate()
        window.wait(10)


if __name__ == "__main__":
    sys.exit(main())
