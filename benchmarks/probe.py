"""A child process for the start-up and memory benchmarks.

    python -m benchmarks.probe app|bare START_TIME

Prints one JSON line: seconds from START_TIME (the parent's clock just before it
started this process) to the first paint of the main window with content, and the
peak RSS after every tab has been shown.
"""

import json
import os
import resource
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _bare_window() -> tuple[object, object]:
    from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

    window = QMainWindow()
    tabs = QTabWidget()
    tabs.addTab(QLabel("Hello"), "Tab")
    window.setCentralWidget(tabs)
    return window, tabs


def _app_window() -> tuple[object, object]:
    from desktop.ui.app import create_window

    window = create_window(None, None)
    return window, window.tabs


def main() -> None:
    kind, started = sys.argv[1], float(sys.argv[2])
    from PySide6.QtWidgets import QApplication

    from desktop.ui.first_paint import FirstPaint

    app = QApplication(sys.argv[:1])
    window, tabs = _app_window() if kind == "app" else _bare_window()
    window.resize(1366, 768)

    def finish(startup: float) -> None:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            window.grab()
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"startup_s": startup, "rss_kib": peak_kib}), flush=True)
        app.quit()

    FirstPaint(tabs.currentWidget(), started, finish)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
