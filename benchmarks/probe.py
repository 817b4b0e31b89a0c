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
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _bare_window() -> object:
    from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

    window = QMainWindow()
    tabs = QTabWidget()
    tabs.addTab(QLabel("Hello"), "Tab")
    window.setCentralWidget(tabs)
    return window


def _app_window() -> object:
    from desktop.ui.app import create_window

    return create_window(None, None)


def main() -> None:
    kind, started = sys.argv[1], float(sys.argv[2])
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    window = _app_window() if kind == "app" else _bare_window()
    window.resize(1366, 768)
    painted: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "at" not in painted:
                painted["at"] = time.time()
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        startup = painted["at"] - started
        tabs = window.tabs if kind == "app" else window.centralWidget()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            window.grab()
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"startup_s": startup, "rss_kib": peak_kib}), flush=True)
        app.quit()

    watcher = FirstPaint()
    target = window.tabs.currentWidget() if kind == "app" else window.centralWidget()
    target.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(0, lambda: target.repaint() if "at" not in painted else None)
    app.exec()


if __name__ == "__main__":
    main()
