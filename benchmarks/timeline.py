"""Where start-up time goes: one start of the app, stamped at each step.

    python -m benchmarks.timeline [ROUNDS]

Prints one JSON object: for each step, the median milliseconds from the parent's
clock just before it started the process (as `startup_ratio` counts) to the end of
that step: Python up, Qt loaded, the app's modules imported, the database opened
and verified, the window built, the first paint, and interactive (Ctrl+F puts the
keyboard in the search field and the File menu opens with its commands).
"""

import json
import statistics
import sys
import time

from benchmarks.launch import run_fresh

STEPS = ("python", "qt", "app_modules", "database", "window", "first_paint", "interactive")


def _child(started: float) -> None:
    """One start, run as the app starts (desktop/cli.py, desktop.ui.app.run_app)."""
    import gc

    stamps = {"python": time.time()}
    gc.disable()  # as desktop/cli.py does before it loads the window
    from PySide6 import QtWidgets  # noqa: F401

    stamps["qt"] = time.time()
    from desktop.ui import app as app_module

    stamps["app_modules"] = time.time()
    open_drug = app_module.open_drug

    def stamped_open_drug(*args: object) -> object:
        opened = open_drug(*args)
        stamps["database"] = time.time()
        return opened

    app_module.open_drug = stamped_open_drug
    from benchmarks.probe import _interactive
    from desktop.ui.first_paint import FirstPaint

    qt_app = app_module.application()
    window = app_module.create_window(None, None)
    stamps["window"] = time.time()

    def after_first_paint(seconds: float) -> None:
        stamps["first_paint"] = started + seconds
        app_module.resume_garbage_collection()
        before_import = time.time()
        from PySide6.QtTest import QTest  # noqa: F401  (the probe's cost, left out)

        imported = time.time() - before_import
        _interactive(window)
        stamps["interactive"] = time.time() - imported
        print(json.dumps({step: (stamps[step] - started) * 1000 for step in STEPS}))
        qt_app.quit()

    FirstPaint(window.tabs.currentWidget(), started, after_first_paint)
    window.show()
    qt_app.exec()


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    runs = [json.loads(run_fresh([sys.executable, "-m", "benchmarks.timeline", "--child",
                                  repr(time.time())]).strip().splitlines()[-1])
            for _ in range(rounds)]
    print(json.dumps({step: round(statistics.median(run[step] for run in runs), 1)
                      for step in STEPS}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(float(sys.argv[2]))
    else:
        main()
