"""A child process for the start-up and memory benchmarks.

    DRUG_GUIDE_FIRST_PAINT=START_TIME python -m benchmarks.probe app [DATABASE]|bare

Prints one JSON line: seconds from START_TIME (the parent's clock just before it
started this process) to the first paint of the main window with content; for the
app, seconds until Ctrl+F has put the keyboard in the search field and the File
menu opens with its commands, and whether the garbage collector is back on; and the
peak RSS after every tab has been shown.
The app starts as `drug-guide` starts it (desktop/cli.py, desktop.ui.app.run_app),
or as `drug-guide --db DATABASE --allow-unsigned` does (a synthetic guide).
"""

import gc
import json
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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


def _after_first_paint(window: object, tabs: object, startup: float, kind: str) -> None:
    """Time the first input (app only), show every tab, print the figures and quit."""
    from PySide6.QtWidgets import QApplication

    started = time.time() - startup  # back to the parent's clock, as the app counted
    result = {"startup_s": startup}
    if kind == "app":
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
        QApplication.processEvents()  # the app's own first-paint handler runs after ours
        result["gc_enabled"] = gc.isenabled()
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        window.grab()
    result["rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result), flush=True)
    QApplication.instance().quit()


def main() -> None:
    kind = sys.argv[1]
    if kind == "app":
        gc.disable()  # as desktop/cli.py does before it loads the window
        from pathlib import Path  # here: the bare window's probe must not pay for it

        from desktop.content.trust import Trust
        from desktop.ui.app import run_app

        database = Path(sys.argv[2]) if len(sys.argv) > 2 else None
        run_app(database, trust=Trust(allow_unsigned=database is not None),
                on_first_paint=lambda window, startup: _after_first_paint(
                    window, window.tabs, startup, kind))
        return
    from PySide6.QtWidgets import QApplication

    from benchmarks.bare_window import bare_window
    from desktop.ui.first_paint import FirstPaint, requested_start

    app = QApplication(sys.argv[:1])
    window, tabs = bare_window()
    FirstPaint(tabs.currentWidget(), requested_start(),
               lambda startup: _after_first_paint(window, tabs, startup, kind))
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
