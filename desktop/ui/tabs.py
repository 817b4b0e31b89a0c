"""The read-only monograph tabs: one document per section."""

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.content.models import Monograph
from desktop.ui.browser import SafeTextBrowser, replace_document
from desktop.ui.documents import section_document


class MonographTab(QWidget):
    """A section of the monograph, rendered from the database."""

    def __init__(self, monograph: Monograph, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monograph = monograph
        self.key = key
        self.browser = SafeTextBrowser(self)
        self.browser.setAccessibleName(f"{monograph.section(key).title} text")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.focus_target = self.browser
        self.render()

    def render(self) -> None:
        """(Re)build the document, e.g. after a theme or zoom change."""
        document = section_document(self.monograph, self.key, QApplication.palette(), self.font())
        replace_document(self.browser, document)

    def highlight(self, words: list[str], title: str) -> bool:
        return self.browser.highlight(words) or self.browser.highlight([title])

    def printable(self) -> QTextDocument:
        return self.browser.document()
