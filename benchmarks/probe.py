"""A child process for the start-up and memory benchmarks.

    python -m benchmarks.probe app|bare START_TIME

Prints one JSON line: seconds from START_TIME (the parent's clock just before it
started this process) to the first paint of the main window with content; for the
app, seconds until Ctrl+F has put the keyboard in the search field and the File
menu opens with its commands; and the peak RSS after every tab has been shown.
"""

import json
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _app_window() -> tuple[object, object]:
    from desktop.ui.app import create_window

    window = create_window(None, None)
    return window, window.tabs


def _interactive(window: object) -> bool:
    """Press Ctrl+F and open the File menu as a user would; True if both worked."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.menuBar()
    file_title = bar.actions()[0]
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(file_title).center())
    popup = QApplication.activePopupWidget()
    opened = popup is file_title.menu() and bool(popup.actions())
    if popup is not None:
        popup.close()
    return window.search_field.hasFocus() and opened


def main() -> None:
    kind, started = sys.argv[1], float(sys.argv[2])
    from PySide6.QtWidgets import QApplication

    from benchmarks.bare_window import bare_window
    from desktop.ui.first_paint import FirstPaint

    app = QApplication(sys.argv[:1])
    window, tabs = _app_window() if kind == "app" else bare_window()
    window.resize(1366, 768)
    result: dict[str, float] = {}

    def measure_interactive() -> None:
        # The probe's own imports (QtTest, and Qt's key and button names) are not the
        # app's cost: they are left out.
        before_import = time.time()
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest  # noqa: F401

        assert Qt.Key.Key_F and Qt.MouseButton.LeftButton
        imported = time.time() - before_import
        if not _interactive(window):
            raise SystemExit("Ctrl+F or the File menu did not work after the first paint")
        result["interactive_s"] = time.time() - started - imported

    def finish(startup: float) -> None:
        result["startup_s"] = startup
        if kind == "app":
            measure_interactive()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            window.grab()
        result["rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(result), flush=True)
        app.quit()

    FirstPaint(tabs.currentWidget(), started, finish)
    window.show()
    window.activateWindow()
    app.exec()


if __name__ == "__main__":
    main()
