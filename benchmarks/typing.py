"""`typing_stall_ms`: the longest the event loop stops while someone types into search.

The real window is opened on a large guide. A 1 ms timer beats throughout; the ten
bench queries are typed one key every KEY_INTERVAL_MS (a fast typist), with the field
cleared between them, and the longest gap between two beats is the stall: the time
the window could neither paint nor take a key. Searches run as the window runs them.
One query is typed first, unmeasured: the first paint and the search panel's one-time
construction are start-up costs, not typing. `typing_stall_idle_ms` is the longest
gap over as long again with nobody typing: on a shared machine, the load's own share.
`typing_stalls_over_a_frame` counts the gaps longer than a frame at 60 Hz, typing and idle.
"""

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

KEY_INTERVAL_MS = 60
BEAT_MS = 1
FRAME_S = 1 / 60


def typing_stall(guide: Path, queries: list[str], rounds: int = 2) -> dict[str, float]:
    from desktop.content.trust import Trust
    from desktop.ui.app import application, create_window

    application()
    window = create_window(guide, None, Trust(allow_unsigned=True))
    window.resize(1366, 768)
    window.show()
    # Warm-up, not measured: the first paint, and the search panel built on first use.
    window.search_field.setText(queries[0])
    window.finish_search()
    window.search_field.clear()
    QApplication.processEvents()
    keys = [key for _ in range(rounds) for query in queries for key in [*query, None]]
    delivered = []
    window.search_runner.found.connect(lambda text, _hits: delivered.append(text))
    beats = {"last": 0.0, "longest": 0.0, "over_a_frame": 0}
    loop = QEventLoop()

    def beat() -> None:
        now = time.perf_counter()
        if beats["last"]:
            beats["longest"] = max(beats["longest"], now - beats["last"])
            beats["over_a_frame"] += now - beats["last"] > FRAME_S
        beats["last"] = now

    def type_next() -> None:
        if not keys:
            loop.quit()
            return
        key = keys.pop(0)
        if key is None:
            window.search_field.clear()
        else:
            QTest.keyClick(window.search_field, key)

    heart, typist = QTimer(), QTimer()
    heart.timeout.connect(beat)
    typist.timeout.connect(type_next)
    heart.start(BEAT_MS)
    typist.start(KEY_INTERVAL_MS)
    started = time.perf_counter()
    loop.exec()
    typing_s = time.perf_counter() - started
    typist.stop()
    stall, over_a_frame = beats["longest"], beats["over_a_frame"]
    # The same time with nobody typing: what the machine's own load costs the loop.
    beats.update(last=0.0, longest=0.0, over_a_frame=0)
    QTimer.singleShot(int(typing_s * 1000), loop.quit)
    loop.exec()
    heart.stop()
    window.search_field.clear()
    window.close()
    return {"typing_stall_ms": stall * 1000, "typing_stall_idle_ms": beats["longest"] * 1000,
            "typing_stalls_over_a_frame": over_a_frame,
            "typing_stalls_over_a_frame_idle": beats["over_a_frame"],
            "typing_searches": len(delivered)}
