"""Guards against a PySide6 regression (seen in 6.12.0) that crashes the app on Python 3.11:
each None a Python override hands back to Qt lost a reference to None."""

import sys

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from desktop.ui.browser import SafeTextBrowser
from desktop.ui.search_panel import SearchResultsModel


def test_none_from_overrides_keeps_its_references(qapp: QApplication, database):
    model = SearchResultsModel()
    model.set_hits(database.search("seizures"), {})
    index = model.index(0)
    browser = SafeTextBrowser()
    before = sys.getrefcount(None)
    for _ in range(500):
        index.data(999)  # data() returns None
        browser.document().resource(2, QUrl("http://example.com/a.png"))  # refused: None
    assert sys.getrefcount(None) >= before - 5
