"""`drug-guide self-test`: proves an installation works, frozen or from source.

Opens the database, runs known-answer triage cases, builds the window offscreen
and renders every tab. Prints one line and returns 0 (pass) or 1 (fail).
"""

import os
import tempfile
import time
import traceback
from pathlib import Path

from desktop.content.database import ContentDatabase
from desktop.triage.engine import Triage

# (what a caller says, the tier the guide gives)
KNOWN_ANSWERS = [
    ("seizures", "emergency"),
    ("I can't breathe and no chest pain", "emergency"),
    ("my ears are ringing", "contact_doctor"),
    ("dizzy and constipated", "common"),
    ("no chest pain", "none"),
    ("itchy rash", "unlisted"),
]


def _check_triage(db: ContentDatabase, drug_id: str) -> list[str]:
    triage = Triage(db.monograph(drug_id).triage)
    return [f"triage {text!r} gave {got}, expected {want}"
            for text, want in KNOWN_ANSWERS
            if (got := triage.assess(text).overall) != want]


def _render_every_tab(db: ContentDatabase, drug_id: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from desktop.content.packs import Content
    from desktop.locations import log_folder
    from desktop.ui import crash
    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow

    crash.install(log_folder())  # offscreen chatter goes to the log, not the console
    app = application()
    with tempfile.TemporaryDirectory() as scratch:
        settings = QSettings(str(Path(scratch) / "self-test.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Content(db, "self-test"), drug_id, settings)
        window.resize(1366, 768)
        window.show()
        shown = window.shown_page_keys()
        for key in shown:
            window.show_page(key)
            app.processEvents()
            if window.grab().isNull():
                raise RuntimeError(f"page {key} did not render")
        window.hide()
        window.deleteLater()
        app.processEvents()
    return len(shown)


def run_self_test(db: ContentDatabase, drug_id: str) -> int:
    started = time.perf_counter()
    try:
        problems = _check_triage(db, drug_id)
        tabs = _render_every_tab(db, drug_id)
    except Exception:
        problems = [traceback.format_exc().strip().splitlines()[-1]]
        tabs = 0
    elapsed = time.perf_counter() - started
    if problems:
        print(f"self-test FAILED: {'; '.join(problems)}")
        return 1
    print(f"self-test passed: content {db.info.content_version}, "
          f"{len(KNOWN_ANSWERS)} triage cases, {tabs} tabs rendered in {elapsed:.1f} s")
    return 0
