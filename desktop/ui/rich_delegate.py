"""An item delegate that paints a model's HTML, wrapped to the view's width."""

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.browser import SafeDocument
from desktop.ui.modelindex import Index

PADDING = 6


SIZE_CACHE_ROWS = 500


class RichTextDelegate(QStyledItemDelegate):
    """DisplayRole holds HTML; only the app's own `icon:` images load.

    A view asks for a row's size several times per layout, and laying out its HTML
    is the costly part, so sizes are kept by (HTML, width, font) until the cache is
    full, when it starts again."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[str, int, str], QSize] = {}

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        document = SafeDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(PADDING)
        document.setHtml(index.data(Qt.ItemDataRole.DisplayRole) or "")
        document.setTextWidth(max(option.rect.width(), 200))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        option.text = ""
        option.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                                          option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if option.state & QStyle.StateFlag.State_Selected:
            color = option.palette.color(QPalette.ColorRole.HighlightedText)
        elif isinstance(foreground, QColor):
            color = foreground
        else:
            color = option.palette.color(QPalette.ColorRole.Text)
        context.palette.setColor(QPalette.ColorRole.Text, color)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        key = (index.data(Qt.ItemDataRole.DisplayRole) or "", option.rect.width(),
               option.font.key())
        if key not in self._sizes:
            if len(self._sizes) >= SIZE_CACHE_ROWS:
                self._sizes.clear()
            self.initStyleOption(option, index)
            document = self._document(option, index)
            self._sizes[key] = QSize(int(document.idealWidth()), int(document.size().height()))
        return self._sizes[key]
