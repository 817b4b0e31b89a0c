"""Starting the window: settings, theme, content, and a clear message if content is bad."""

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.content.database import ContentError
from desktop.content.packs import open_drug
from desktop.locations import content_folders, log_folder, set_application_names
from desktop.ui import dialogs, first_paint
from desktop.ui.main_window import MainWindow
from desktop.ui.style import icon

START_FAILED = 2


def application() -> QApplication:
    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setWindowIcon(icon("app"))
    app.setApplicationDisplayName("Drug Guide")
    return app


def create_window(db: Path | None, drug: str | None) -> MainWindow:
    """The main window on the chosen content; raises ContentError if none is usable."""
    content, drug_id = open_drug(db, content_folders(), drug)
    window = MainWindow(content, drug_id, QSettings())
    for path, reason in content.refused:
        window.statusBar().showMessage(f"Content pack {path.name} refused: {reason}")
    return window


def run_app(db: Path | None = None, drug: str | None = None) -> int:
    from desktop.ui import crash

    crash.install(log_folder())
    app = application()
    try:
        window = create_window(db, drug)
    except ContentError as error:
        dialogs.show_message(
            None, "Drug Guide cannot start",
            f"{error}\n\nDrug Guide will now close. Nothing has been changed.", error=True)
        return START_FAILED
    started = first_paint.requested_start()
    if started is not None:  # a start-up benchmark: report the first paint, then quit
        def report(seconds: float) -> None:
            print(f"first paint after {seconds:.4f} s", flush=True)
            app.quit()

        first_paint.FirstPaint(window.tabs.currentWidget(), started, report)
    window.show()
    return app.exec()
