"""The page contract: every registered page builds, and gives what the window asks of it."""

from PySide6.QtGui import QKeySequence, QTextDocument

from desktop.ui.pages.base import Page
from desktop.ui.pages.registry import PAGE_KEYS, PAGES


def test_keys_and_shortcuts_are_unique():
    assert len(set(PAGE_KEYS)) == len(PAGES)
    shortcuts = [QKeySequence(spec.shortcut).toString() for spec in PAGES]
    assert all(shortcuts) and len(set(shortcuts)) == len(PAGES)


def test_every_page_keeps_the_contract(window):
    for spec in PAGES:
        page = window.show_page(spec.key)
        assert isinstance(page, Page) and type(page) is spec.load()
        assert page.key == spec.key
        assert page.isAncestorOf(page.focus_target)
        assert isinstance(page.printable(), QTextDocument)
        page.render()
    assert list(window.pages) == list(PAGE_KEYS)


def test_tab_titles_and_tooltips_come_from_the_registry(window, monograph):
    for index, spec in enumerate(PAGES):
        assert window.tabs.tabText(index) == spec.title_for(monograph)
        assert spec.shortcut in window.tabs.tabToolTip(index)
