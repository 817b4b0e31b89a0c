"""Tabs that show a document: a monograph section, or the guide's sources."""

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.content.models import Monograph, Source
from desktop.ui.browser import SafeTextBrowser, replace_document
from desktop.ui.documents import section_document, sources_document


class DocumentTab(QWidget):
    """A tab whose text is one document in `self.browser`, rebuilt by `render()`."""

    def __init__(self, monograph: Monograph, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monograph = monograph
        self.browser = SafeTextBrowser(self)
        self.browser.setAccessibleName(f"{name} text")
        self.focus_target: QWidget = self.browser

    def document(self) -> QTextDocument:
        raise NotImplementedError

    def show_browser_alone(self) -> None:
        """Lay the tab out as its text only, and render it."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.render()

    def render(self) -> None:
        """(Re)build the document, e.g. after a theme or zoom change."""
        replace_document(self.browser, self.document())

    def highlight(self, words: list[str], title: str) -> bool:
        """Mark a search hit: the matched words, or else the hit's title."""
        return self.browser.highlight(words) or self.browser.highlight([title])

    def printable(self) -> QTextDocument:
        return self.browser.document()


class SectionTab(DocumentTab):
    """A tab holding section `key` of the monograph.

    Subclasses lay the browser out beside their own controls; this one shows it alone.
    """

    def __init__(self, monograph: Monograph, key: str, parent: QWidget | None = None) -> None:
        super().__init__(monograph, monograph.section(key).title, parent)
        self.key = key

    def document(self) -> QTextDocument:
        return section_document(self.monograph, self.key, QApplication.palette(), self.font())


class MonographTab(SectionTab):
    """A read-only section: Overview, How it works, Uses, Side effects, Forms and
    strengths, Intrathecal pump."""

    def __init__(self, monograph: Monograph, key: str, parent: QWidget | None = None) -> None:
        super().__init__(monograph, key, parent)
        self.show_browser_alone()


class SourcesTab(DocumentTab):
    """Every source the guide cites, with what each supports in this monograph."""

    def __init__(self, monograph: Monograph, sources: list[Source],
                 parent: QWidget | None = None) -> None:
        super().__init__(monograph, "Sources", parent)
        self.sources = sources
        self.show_browser_alone()

    def document(self) -> QTextDocument:
        return sources_document(self.sources, self.monograph, QApplication.palette(), self.font())
