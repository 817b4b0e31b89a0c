"""Search off the UI thread: typing never waits for a query.

Each change of the search text restarts a short debounce; when it ends, the newest
text is searched on one worker thread. Only the newest request's results are
delivered: a slower, older search that finishes late is dropped, never shown over
newer results. At most one search runs at a time; text typed meanwhile waits, and
only its newest form runs next.

The search itself is domain code (ContentDatabase.search, Qt-free); SQLite releases
Python's lock while it reads, so the window keeps painting and taking keys.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from desktop.content.errors import ContentError
from desktop.content.models import SearchHit

DEBOUNCE_MS = 30  # about two keystrokes of fast typing
Search = Callable[[str], list[SearchHit]]


class SearchRunner(QObject):
    # The text searched and its hits, for the newest request only.
    found = Signal(str, list)
    # A request's serial, text and hits (None if the content could not be read), from
    # the worker; queued to this object's thread because it lives there.
    _finished = Signal(int, str, object)

    def __init__(self, search: Callable[[], Search], parent: QObject | None = None) -> None:
        """`search` gives the search function of the content in use when a search starts."""
        super().__init__(parent)
        self._search = search
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start)
        self._finished.connect(self._deliver)
        self._serial = 0  # of the newest request
        self._text = ""
        self._running = False

    def request(self, text: str) -> None:
        """Search for `text` soon; any earlier request's results will be dropped."""
        self._serial += 1
        self._text = text
        self._debounce.start()

    def cancel(self) -> None:
        """Drop every request made so far: none of their results will be delivered."""
        self._serial += 1
        self._text = ""
        self._debounce.stop()

    def stop(self) -> None:
        """Drop every request and wait for a search still running: the window is
        closing, and nothing may be delivered to it after that."""
        self.cancel()
        self._pool.waitForDone()

    def pending(self) -> bool:
        """True while the newest request's results have not been delivered."""
        return self._debounce.isActive() or self._running

    def _start(self) -> None:
        if self._running:
            return  # _deliver starts the newest request when the running one ends
        self._running = True
        serial, text, search = self._serial, self._text, self._search()
        self._pool.start(lambda: self._finished.emit(serial, text, _hits(search, text)))

    def _deliver(self, serial: int, text: str, hits: list[SearchHit] | None) -> None:
        self._running = False
        if serial == self._serial:
            self.found.emit(text, hits or [])
        elif self._text and not self._debounce.isActive():
            self._start()  # stale: the newer text waited for this search to end


def _hits(search: Search, text: str) -> list[SearchHit] | None:
    """Runs on the worker thread. A pack closed or damaged mid-search gives no hits;
    the window reports content errors where it reads content itself."""
    try:
        return search(text)
    except ContentError:
        return None
