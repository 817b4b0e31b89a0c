"""Starting the window: settings, theme, content, and a clear message if content is bad."""

import gc
import linecache
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from desktop.content.database import ContentError
from desktop.content.packs import open_drug
from desktop.content.trust import SIGNED_ONLY, Trust
from desktop.locations import content_folders, log_folder, set_application_names
from desktop.printable import printable
from desktop.ui import dialogs, first_paint
from desktop.ui.main_window import MainWindow
from desktop.ui.style import icon

START_FAILED = 2
INTERRUPTED = 130  # 128 + SIGINT, as the command line exits after Ctrl-C
GC_FALLBACK_MS = 1000  # the collector resumes by then even if no paint comes


def application() -> QApplication:
    set_application_names()
    # Fusion chosen by argument: QApplication.setStyle() hands back a QStyle, and PySide
    # builds that class's enums to do so (4 ms before the first frame).
    app = QApplication.instance() or QApplication([*sys.argv[:1], "-style", "Fusion",
                                                   *sys.argv[1:]])
    app.setWindowIcon(icon("app"))
    app.setApplicationDisplayName("Drug Guide")
    return app


def create_window(db: Path | None, drug: str | None, trust: Trust = SIGNED_ONLY) -> MainWindow:
    """The main window on the chosen content; raises ContentError if none is usable."""
    content, drug_id = open_drug(db, content_folders(), drug, trust)
    window = MainWindow(content, drug_id, QSettings(), trust)
    if content.refused:
        window.statusBar().showMessage(refused_message(content.refused))
    return window


def refused_message(refused: Sequence[tuple[Path, str]]) -> str:
    """The status bar's line on refused packs: one with its reason, or every one by
    name, the reasons being in Help > About."""
    if len(refused) == 1:
        path, reason = refused[0]
        return f"Content pack {printable(path.name)} refused: {printable(reason)}"
    names = ", ".join(printable(path.name) for path, _ in refused)
    return f"{len(refused)} content packs refused: {names} (why: Help \u2192 About)"


def quit_on_interrupt(app: QApplication) -> None:
    """Ctrl-C in the terminal closes the window with exit status 130.

    Python runs signal handlers only between bytecodes, never while Qt's event loop
    waits, so the signal also writes a byte to a pipe that wakes the loop.
    """
    if sys.platform == "win32":
        return  # no SIGINT from a console to a windowed app
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    signal.set_wakeup_fd(write_end)
    notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: os.read(read_end, 512))
    signal.signal(signal.SIGINT, lambda *_: app.exit(INTERRUPTED))


def _report_and_quit(_window: MainWindow, seconds: float) -> None:
    print(f"first paint after {seconds:.4f} s", flush=True)
    QApplication.instance().quit()


def resume_garbage_collection() -> None:
    """The collector is paused while the window starts (desktop/cli.py): start-up makes
    many objects and few cycles, and collecting found nothing worth ~10 ms. What start-up
    made is set aside (gc.freeze), so later collections stay short.

    Also dropped: the source text of every module imported so far, which PySide's import
    hook reads (through linecache) to look for `__feature__` use; 2 MB run from source,
    nothing frozen. A traceback reads the lines again if it needs them."""
    if gc.isenabled():
        return  # already resumed, by the first paint or by the fallback timer
    linecache.clearcache()
    gc.freeze()
    gc.enable()


def run_app(db: Path | None = None, drug: str | None = None, trust: Trust = SIGNED_ONLY,
            on_first_paint: Callable[[MainWindow, float], None] | None = None) -> int:
    """The window, until it closes. When DRUG_GUIDE_FIRST_PAINT is set (a start-up
    benchmark), `on_first_paint(window, seconds)` runs just after the first paint;
    by default it prints the seconds and quits."""
    from desktop.ui import crash

    crash.install(log_folder())
    app = application()
    try:
        window = create_window(db, drug, trust)
    except ContentError as error:
        resume_garbage_collection()
        dialogs.show_message(
            None, "Drug Guide cannot start",
            f"{error}\n\nDrug Guide will now close. Nothing has been changed.", error=True)
        return START_FAILED
    first_paint.FirstPaint(window.tabs.currentWidget(), time.time(),
                           lambda _seconds: resume_garbage_collection())
    # Should no paint ever come (a hidden or minimised start), the collector still resumes.
    QTimer.singleShot(GC_FALLBACK_MS, resume_garbage_collection)
    started = first_paint.requested_start()
    if started is not None:  # a start-up benchmark
        first_paint.FirstPaint(window.tabs.currentWidget(), started,
                               partial(on_first_paint or _report_and_quit, window))
    quit_on_interrupt(app)
    window.show()
    return app.exec()
