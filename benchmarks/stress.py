"""Long-session figures for the reliability goals: memory growth and the longest stall.

Drives the real window as tests/test_stress.py does, timing every step. A "stall" is
the time one keystroke or tab switch keeps the event loop busy, events included.
"""

import time
from collections.abc import Callable

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from devtools.sessions import COMPLAINTS, SEARCH_QUERIES, rss_mib


def _typing(widget: QWidget, pieces: list[str], keys: int) -> Callable[[], None]:
    """One keystroke per call, clearing the box after each round of pieces."""
    text = "".join(pieces)
    state = {"typed": 0}

    def step() -> None:
        position = state["typed"] % len(text)
        if position == 0:
            widget.clear()
        QTest.keyClick(widget, text[position])
        state["typed"] += 1

    return step


def _measure(step: Callable[[], None], count: int, warm_up: int) -> dict[str, float]:
    app = QApplication.instance()
    for _ in range(warm_up):
        step()
    app.processEvents()
    before = rss_mib()
    longest = 0.0
    for _ in range(count):
        started = time.perf_counter()
        step()
        app.processEvents()
        longest = max(longest, time.perf_counter() - started)
    return {"rss_growth_mib": rss_mib() - before, "max_stall_ms": longest * 1000}


def stress_report() -> dict[str, dict[str, float]]:
    from desktop.ui.app import application, create_window

    application()
    window = create_window(None, None)
    window.resize(1366, 768)
    window.show()
    checker = window.page("symptom_checker")
    tabs = window.tabs
    switches = {"n": 0}

    def switch_tab() -> None:
        switches["n"] += 1
        tabs.setCurrentIndex(switches["n"] % tabs.count())

    def triage_once() -> None:
        checker.triage.assess("dizzy, had a fit and no chest pain")

    report = {
        "search_5000_keys": _measure(_typing(window.search_field, SEARCH_QUERIES, 5000), 5000,
                                     400),
        "symptom_box_5000_keys": _measure(_typing(checker.view.sentence, COMPLAINTS, 5000),
                                          5000, 400),
        "tab_switches_1000": _measure(switch_tab, 1000, 14),
        "triage_runs_1000": _measure(triage_once, 1000, 50),
    }
    checker.clear()  # so closing the window does not stop to ask about the typed call
    window.close()
    return report
