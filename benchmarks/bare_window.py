"""The baseline every start-up figure is divided by: a bare PySide6 window.

A `QMainWindow` with one tab holding a label, the floor any PySide6 app starts
from. `benchmarks/probe.py` builds it from source; run as a script, it reports its
first paint as the app does (`DRUG_GUIDE_FIRST_PAINT`), which is how the frozen
copy that `benchmarks/cold.py` builds with PyInstaller is timed.
"""

import sys

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

# The app's first-run size (main_window.FIRST_RUN_SIZE, which a test holds this to), so
# both windows paint as many pixels; importing the app here would slow the baseline.
WINDOW_SIZE = QSize(1200, 760)


def bare_window() -> tuple[QMainWindow, QTabWidget]:
    window = QMainWindow()
    tabs = QTabWidget()
    tabs.addTab(QLabel("Hello"), "Tab")
    window.setCentralWidget(tabs)
    window.resize(WINDOW_SIZE.boundedTo(window.screen().availableGeometry().size()))
    return window, tabs


def main() -> None:
    from desktop.ui.first_paint import FirstPaint, requested_start

    app = QApplication(sys.argv[:1])
    window, tabs = bare_window()
    started = requested_start()
    if started is not None:
        def report(seconds: float) -> None:
            print(f"first paint after {seconds:.4f} s", flush=True)
            app.quit()

        FirstPaint(tabs.currentWidget(), started, report)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
