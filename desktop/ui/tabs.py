"""Tabs that show a monograph section as a document."""

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.content.models import Monograph
from desktop.ui.browser import SafeTextBrowser, replace_document
from desktop.ui.documents import section_document


class SectionTab(QWidget):
    """A tab holding section `key` of the monograph in `self.browser`.

    Subclasses lay the browser out beside their own controls; this one shows it alone.
    """

    def __init__(self, monograph: Monograph, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monograph = monograph
        self.key = key
        self.browser = SafeTextBrowser(self)
        self.browser.setAccessibleName(f"{monograph.section(key).title} text")
        self.focus_target: QWidget = self.browser

    def render(self) -> None:
        """(Re)build the document, e.g. after a theme or zoom change."""
        document = section_document(self.monograph, self.key, QApplication.palette(), self.font())
        replace_document(self.browser, document)

    def highlight(self, words: list[str], title: str) -> bool:
        """Mark a search hit: the matched words, or else the hit's title."""
        return self.browser.highlight(words) or self.browser.highlight([title])

    def printable(self) -> QTextDocument:
        return self.browser.document()


class MonographTab(SectionTab):
    """A read-only section: Overview, How it works, Uses, Side effects."""

    def __init__(self, monograph: Monograph, key: str, parent: QWidget | None = None) -> None:
        super().__init__(monograph, key, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.render()
