"""A text view that never reaches outside the app.

Content is rendered with remote resources refused: only the app's own icons
load, and links never open a browser. The only links are source markers, whose
full citation shows on hover (their tool tip) and on keyboard focus or a click.
"""

import re

from PySide6.QtCore import QByteArray, QRegularExpression, QUrl, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from desktop.ui.style import ICON_SCHEME, SOURCE_SCHEME, icon_image

# The citation a source marker stands for, as plain text (its tool tip is escaped).
CITATION_PROPERTY = QTextCharFormat.Property.UserProperty + 1


def own_resource(url: QUrl) -> object:
    """The app's own image for an `icon:` url, and an empty resource for anything else.

    Never None: given nothing, Qt would read a local path or `file:` url itself, and
    a path such as /dev/zero or a FIFO would exhaust or hang the window.
    """
    if url.scheme() == ICON_SCHEME:
        return icon_image(url.path())
    return QByteArray()


def plain_tip(text: str) -> str:
    """`text` as a tool tip shown word for word: Qt guesses whether a tip is rich text,
    so content or typed text is escaped inside a paragraph, never read as markup."""
    from html import escape  # html.entities takes 2 ms to import, not needed at start-up

    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"


class SafeDocument(QTextDocument):
    """A document that loads only the app's own `icon:` images, wherever it is shown."""

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt override
        browser = self.parent()
        if isinstance(browser, SafeTextBrowser):
            return browser.loadResource(kind, url)  # which reports what it refused
        return own_resource(url)


class SafeTextBrowser(QTextBrowser):
    """QTextBrowser that loads only `icon:` images and follows no link."""

    refusedResource = Signal(QUrl)
    citationShown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.anchorClicked.connect(self._show_citation)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        """Tab steps through the links, which are source markers: show the one reached."""
        moved = super().focusNextPrevChild(forward)
        anchor = self.textCursor().charFormat().anchorHref()
        if moved and self.hasFocus() and anchor:
            self._show_citation(QUrl(anchor))
        return moved

    def _show_citation(self, url: QUrl) -> None:
        """Show the focused or clicked source marker's citation beside it.

        Hovering needs nothing here: Qt shows the marker's tool tip itself.
        """
        cursor = self.textCursor()
        if url.scheme() != SOURCE_SCHEME or cursor.charFormat().anchorHref() != url.toString():
            return
        citation = cursor.charFormat().stringProperty(CITATION_PROPERTY)
        where = self.viewport().mapToGlobal(self.cursorRect(cursor).bottomLeft())
        QToolTip.showText(where, plain_tip(citation), self)
        self.citationShown.emit(citation)

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt override
        if url.scheme() != ICON_SCHEME:
            self.refusedResource.emit(url)
        return own_resource(url)

    def setSource(self, url: QUrl, *_: object) -> None:  # noqa: N802 - Qt override
        self.refusedResource.emit(url)  # navigation is never followed

    def highlight(self, words: list[str], span: tuple[int, int] | None = None) -> bool:
        """Mark `span` (a block or row, by document position) and every occurrence of
        `words`, and scroll to the first mark; False if nothing was marked."""
        document: QTextDocument = self.document()
        cursors = []
        if span is not None:
            cursor = QTextCursor(document)
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            cursors.append(cursor)
        pattern = "|".join(re.escape(word) for word in words if word.strip())
        if pattern:
            regex = QRegularExpression(
                rf"\b(?:{pattern})", QRegularExpression.PatternOption.CaseInsensitiveOption
            )
            cursor = document.find(regex, 0)
            while not cursor.isNull():
                cursors.append(cursor)
                cursor = document.find(regex, cursor)
        mark = QTextCharFormat()
        mark.setBackground(QColor("#ffe082"))
        mark.setForeground(QColor("#000000"))
        selections = []
        for cursor in cursors:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = mark
            selections.append(selection)
        self.setExtraSelections(selections)
        if selections:
            first = QTextCursor(selections[0].cursor)
            first.clearSelection()
            self.setTextCursor(first)
            self.ensureCursorVisible()
            # The mark at the top of the view, its text below it, not at the bottom edge.
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self.cursorRect(first).top()
                         - self.fontMetrics().height() // 2)
        return bool(selections)

    def clear_highlight(self) -> None:
        self.setExtraSelections([])


def replace_document(browser: QTextBrowser, document: QTextDocument) -> None:
    """Show `document` in `browser`, which then owns it (Qt deletes the one it had)."""
    document.setParent(browser)
    browser.setDocument(document)
