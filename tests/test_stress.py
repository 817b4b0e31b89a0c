"""Long sessions stay correct and do not grow. Timings live in benchmarks/, not here."""

import pytest

from devtools.sessions import COMPLAINTS, SEARCH_QUERIES, rss_mib


def type_keys(qtbot, widget, pieces, total):
    typed = 0
    while typed < total:
        for piece in pieces:
            qtbot.keyClicks(widget, piece)
            typed += len(piece)
        widget.clear()


@pytest.fixture
def session(qtbot, window):
    with qtbot.capture_exceptions() as raised:
        yield window
    assert raised == []


def test_5000_keystrokes_into_search(qtbot, session):
    type_keys(qtbot, session.search_field, SEARCH_QUERIES, 400)  # warm-up
    before = rss_mib()
    type_keys(qtbot, session.search_field, SEARCH_QUERIES, 5000)
    assert rss_mib() - before < 10


def test_5000_keystrokes_into_the_symptom_box(qtbot, session):
    checker = session.page("symptom_checker")
    type_keys(qtbot, checker.view.sentence, COMPLAINTS, 400)  # warm-up loads the word list
    before = rss_mib()
    type_keys(qtbot, checker.view.sentence, COMPLAINTS, 5000)
    grown = rss_mib() - before
    qtbot.keyClicks(checker.view.sentence, "had a seizure")
    assert checker.view.banner.tier == "emergency"
    assert grown < 10


def test_1000_tab_switches(qtbot, session):
    for index in range(session.tabs.count()):
        session.tabs.setCurrentIndex(index)
    before = rss_mib()
    for step in range(1000):
        session.tabs.setCurrentIndex(step % session.tabs.count())
        qtbot.wait(0)
    assert rss_mib() - before < 10


def test_1000_triage_runs(session, triage):
    for _ in range(50):
        triage.assess("dizzy, had a fit and no chest pain")
    before = rss_mib()
    for number in range(1000):
        result = triage.assess(f"dizzy {number}, had a fit and no chest pain")
        assert result.overall == "emergency"
    assert rss_mib() - before < 10
