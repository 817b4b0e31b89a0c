"""Search runs off the UI thread: results arrive, and stale ones never replace newer ones."""

import threading
from typing import NamedTuple

import pytest
from PySide6.QtWidgets import QApplication

from desktop.content.models import SearchHit
from desktop.ui.search_runner import SearchRunner


def hit_for(text: str) -> SearchHit:
    return SearchHit("baclofen", "overview", "Overview", "text", text, f"about {text}", ())


class GatedSearch:
    """A search that holds its first query on the worker thread until released."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.finished = threading.Event()
        self.searched: list[str] = []

    def __call__(self, text: str) -> list[SearchHit]:
        self.searched.append(text)
        if len(self.searched) == 1:
            self.started.set()
            self.release.wait(10)
        self.finished.set()
        return [hit_for(text)]


def test_results_arrive_for_a_typed_query(qtbot, window):
    with qtbot.waitSignal(window.search_runner.found, timeout=10_000) as found:
        qtbot.keyClicks(window.search_field, "seizures")
    text, hits = found.args
    assert text == "seizures" and hits
    assert window.search_panel.model.rowCount() == len(hits)


class InFlight(NamedTuple):
    search: GatedSearch
    runner: SearchRunner
    delivered: list[tuple[str, list[SearchHit]]]


@pytest.fixture
def sei_in_flight(qtbot) -> InFlight:
    """A runner whose search for "sei" is running, held on the worker thread."""
    search = GatedSearch()
    runner = SearchRunner(lambda: search)
    delivered: list[tuple[str, list[SearchHit]]] = []
    runner.found.connect(lambda text, hits: delivered.append((text, hits)))
    runner.request("sei")
    qtbot.waitUntil(search.started.is_set)
    return InFlight(search, runner, delivered)


def test_a_stale_result_never_overwrites_a_newer_one(qtbot, sei_in_flight):
    search, runner, delivered = sei_in_flight
    runner.request("seizures")
    search.release.set()
    with qtbot.waitSignal(runner.found, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: not runner.pending())
    assert search.searched == ["sei", "seizures"]
    assert delivered == [("seizures", [hit_for("seizures")])]


def test_clearing_the_field_drops_a_search_in_flight(qtbot, sei_in_flight):
    search, runner, delivered = sei_in_flight
    runner.cancel()
    search.release.set()
    qtbot.waitUntil(lambda: not runner.pending())
    assert delivered == [] and search.searched == ["sei"]


def test_stopping_waits_for_the_search_in_flight_and_delivers_nothing(sei_in_flight):
    """What the window does as it closes: no result may arrive after that."""
    search, runner, delivered = sei_in_flight
    search.release.set()
    runner.stop()
    assert search.finished.is_set()
    QApplication.processEvents()
    assert delivered == []
