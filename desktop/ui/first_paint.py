"""Report when a window first paints, for the start-up benchmarks.

`make bench` sets DRUG_GUIDE_FIRST_PAINT to its clock (time.time()) just before it
starts the app; the app then prints the seconds to its first paint and quits. The
variable is never set in normal use.
"""

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

VARIABLE = "DRUG_GUIDE_FIRST_PAINT"


class FirstPaint(QObject):
    """Calls `done(seconds since started)` once, when `widget` first paints.

    A scrolling page paints through its viewport, never itself, so the viewport and
    the window are watched too: whichever paints first counts."""

    def __init__(self, widget: QWidget, started: float, done: Callable[[float], None]) -> None:
        super().__init__(widget)
        self._started = started
        self._done: Callable[[float], None] | None = done
        for painted in painted_by(widget):
            painted.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._done is not None:
            done, self._done = self._done, None
            elapsed = time.time() - self._started
            QTimer.singleShot(0, lambda: done(elapsed))
        return False


def painted_by(widget: QWidget) -> list[QWidget]:
    """The widgets whose paint events show `widget` on screen."""
    watched = [widget, widget.window()]
    if isinstance(widget, QAbstractScrollArea):
        watched.append(widget.viewport())
    return watched


def requested_start() -> float | None:
    value = os.environ.get(VARIABLE)
    try:
        return float(value) if value else None
    except ValueError:
        return None
