"""Sources: every source the guide cites, with what each supports in this monograph."""

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.browser import SafeTextBrowser, replace_document
from desktop.ui.documents import sources_document
from desktop.ui.pages.base import Page, PageContext


class SourcesPage(Page):
    def __init__(self, key: str, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(key, context, parent)
        self.sources = context.sources
        self.browser = SafeTextBrowser(self)
        self.browser.setAccessibleName("Sources text")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search the sources (title, set id, what they support)")
        self.search.setAccessibleName("Search the sources")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.browser)
        self.render()

    @property
    def focus_target(self) -> QWidget:
        return self.browser

    def _search_changed(self, _text: str) -> None:
        self.render()

    def render(self) -> None:
        replace_document(self.browser, sources_document(
            self.sources, self.monograph, QApplication.palette(), self.font(),
            self.search.text()))

    def printable(self) -> QTextDocument:
        return self.browser.document()
