"""Pages that show a monograph section as a document."""

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.content.models import SearchHit
from desktop.ui.browser import SafeTextBrowser, replace_document
from desktop.ui.documents import section_document
from desktop.ui.layout import keep_rows
from desktop.ui.pages.base import Page, PageContext


class SectionPage(Page):
    """A page holding the section of its own key in `self.browser`.

    Subclasses lay the browser out beside their own controls and call `render()`.
    """

    def __init__(self, key: str, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(key, context, parent)
        self.browser = SafeTextBrowser(self)
        self.browser.setAccessibleName(f"{self.monograph.section(key).title} text")
        keep_rows(self.browser, 3)
        self._spans: dict[str, tuple[int, int]] = {}

    @property
    def focus_target(self) -> QWidget:
        return self.browser

    def render(self) -> None:
        """(Re)build the document, e.g. after a theme or zoom change."""
        built = section_document(self.monograph, self.key, QApplication.palette(), self.font())
        replace_document(self.browser, built.document)
        self._spans = built.spans

    def highlight(self, hit: SearchHit) -> bool:
        """Mark the anchored row or note, if the hit names one, and the words matched.

        A hit on the section's own text (anchor `text`) has only its words to mark.
        """
        return self.browser.highlight(hit.matched_words(), self._spans.get(hit.anchor))

    def clear_highlight(self) -> None:
        self.browser.clear_highlight()

    def printable(self) -> QTextDocument:
        return self.browser.document()


class MonographPage(SectionPage):
    """A read-only section: Overview, How it works, Uses, Side effects."""

    def __init__(self, key: str, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(key, context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.render()
