"""The first paint of a widget: what the window defers past it, and how benchmarks time it.

The window builds what its first frame shows, then finishes the rest (menu
actions, shortcuts) in the event-loop turn after that frame is painted.

`make bench` sets DRUG_GUIDE_FIRST_PAINT to its clock (time.time()) just before it
starts the app; the app then prints the seconds to its first paint and quits. The
variable is never set in normal use.
"""

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

VARIABLE = "DRUG_GUIDE_FIRST_PAINT"
# Input that may reach a menu or a shortcut.
_INPUT = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)


class AfterFirstPaint(QObject):
    """Calls `then(painted_at)` once, in the event-loop turn after `widget` first paints;
    `painted_at` is the time.time() of that paint."""

    def __init__(self, widget: QWidget, then: Callable[[float], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[float], None] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            painted_at = time.time()
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: then(painted_at))
        return False


class FinishAfterFirstPaint(QObject):
    """Runs `finish` once: in the event-loop turn after `widget` first paints, or sooner,
    at the first key or mouse press anywhere in the app, so that input always finds
    it done (Qt looks up shortcuts after the app's event filters have run)."""

    def __init__(self, widget: QWidget, finish: Callable[[], None]) -> None:
        super().__init__(widget)
        self._finish: Callable[[], None] | None = finish
        AfterFirstPaint(widget, lambda _painted_at: self.run())
        QCoreApplication.instance().installEventFilter(self)

    def run(self) -> None:
        if self._finish is not None:
            finish, self._finish = self._finish, None
            QCoreApplication.instance().removeEventFilter(self)
            finish()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self.run()
        return False


def report_first_paint(widget: QWidget, started: float, done: Callable[[float], None]) -> None:
    """Calls `done(seconds from started to widget's first paint)` just after that paint."""
    AfterFirstPaint(widget, lambda painted_at: done(painted_at - started))


def requested_start() -> float | None:
    value = os.environ.get(VARIABLE)
    try:
        return float(value) if value else None
    except ValueError:
        return None
