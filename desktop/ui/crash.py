"""Faults: logged to a rotating file, shown to the user, and survived where possible.

Log lines never hold what a patient said: an exception is logged by type and
stack only, because its message may quote the text being processed.
"""

import contextlib
import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from desktop.ui import dialogs

LOG_NAME = "drug-guide.log"
log = logging.getLogger("drug_guide")
_PLATFORM_LIMITS = "This plugin does not support"
_handlers: list[logging.Handler] = []
_previous_qt_handler: Callable[[QtMsgType, QMessageLogContext, str], None] | None = None

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def describe(kind: type[BaseException], trace: TracebackType | None) -> str:
    """The exception's type and stack, without its message."""
    frames = "".join(traceback.format_tb(trace))
    return f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__qualname__}"


class _LogFile(RotatingFileHandler):
    """A rotating log that remembers whether its last record was written (a full
    disk or a read-only folder), so the crash dialog never claims a log it lacks."""

    written = True

    def emit(self, record: logging.LogRecord) -> None:
        self.written = True
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self.written = False

    def close(self) -> None:
        with contextlib.suppress(OSError):  # the unwritten rest fails again; it is lost
            super().close()


def _where_logged() -> str:
    """Where the last record went, as the crash dialog says it."""
    for handler in _handlers:
        if isinstance(handler, _LogFile) and handler.written:
            return f"it has been logged in {handler.baseFilename}"
    return "it could not be written to the log (the disk may be full or read-only)"


def _on_exception(kind: type[BaseException], error: BaseException,
                  trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    details = describe(kind, trace)
    log.error("Unhandled error\n%s", details)
    dialogs.show_message(
        None, "Drug Guide hit a problem",
        f"Something went wrong, and {_where_logged()}. You can keep working; if it "
        "happens again, copy the details for IT.", details, error=True)


def _on_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message.startswith(_PLATFORM_LIMITS):
        return  # the offscreen platform saying what it cannot do; not a fault
    log.log(_QT_LEVELS.get(kind, logging.WARNING), "Qt: %s (%s)", message, context.category)
    if _previous_qt_handler is not None:
        _previous_qt_handler(kind, context, message)


def install(log_dir: Path) -> Path | None:
    """Route Python and Qt faults to a rotating log in `log_dir`; returns the log path."""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = _LogFile(
            log_dir / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8",
            delay=True)  # no file until there is something to log
        path: Path | None = log_dir / LOG_NAME
    except OSError:
        handler, path = logging.StreamHandler(sys.stderr), None  # read-only profile
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    while _handlers:  # installing again (a new log folder) replaces the old handler
        old = _handlers.pop()
        log.removeHandler(old)
        old.close()
    _handlers.append(handler)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    global _previous_qt_handler
    sys.excepthook = _on_exception
    previous = qInstallMessageHandler(_on_qt_message)
    if previous is not _on_qt_message:
        _previous_qt_handler = previous
    return path
