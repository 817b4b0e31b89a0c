"""Search results under the toolbar field: snippets with the hits in bold.

Results come from the FTS index, searched off the UI thread as the user types
(desktop/ui/search_runner.py). The list lays out its rows a few at a time between
events, so fifty rich-text results never hold up a keystroke or a frame.
"""

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from desktop.content.models import SearchHit
from desktop.content.search import marked_snippet
from desktop.ui.browser import plain_tip
from desktop.ui.modelindex import Index
from desktop.ui.rich_delegate import RichTextDelegate

HitRole = Qt.ItemDataRole.UserRole
BATCH_ROWS = 8


def where(hit: SearchHit, drug: str | None = None) -> str:
    """The hit's page, after its drug's name when that is not the drug shown."""
    return f"{drug}: {hit.page_title}" if drug else hit.page_title


def hit_html(hit: SearchHit, drug: str | None = None) -> str:
    """Title, page (and `drug`) and snippet, the matched spans in bold; all text escaped."""
    return (f"<b>{escape(hit.title)}</b> <i>in {escape(where(hit, drug))}</i><br>"
            f"{marked_snippet(hit, '<b><u>', '</u></b>', escape)}")


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._other_drugs: Mapping[str, str] = {}

    def set_hits(self, hits: list[SearchHit], other_drugs: Mapping[str, str]) -> None:
        """`other_drugs`: the names of the drugs not shown, by id, for their hits to say."""
        self.beginResetModel()
        self._hits = hits
        self._other_drugs = other_drugs
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        drug = self._other_drugs.get(hit.drug_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return hit_html(hit, drug)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            text = f"{hit.title}, in {where(hit, drug)}: {hit.snippet}"
            return plain_tip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == HitRole:
            return hit
        return None


class SearchPanel(QWidget):
    """The results list; emits `opened` with the hit the user chose."""

    opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SearchResultsModel(self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.status.setAccessibleName("Search status")
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(RichTextDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        # Each row's height needs its snippet laid out (about 0.5 ms): BATCH_ROWS per pass.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(BATCH_ROWS)
        self.view.setAccessibleName("Search results")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.view.activated.connect(self._open)
        self.view.clicked.connect(self._open)

    def show_hits(self, query: str, hits: list[SearchHit],
                  other_drugs: Mapping[str, str] | None = None) -> None:
        self.model.set_hits(hits, other_drugs or {})
        count = len(hits)
        self.status.setText(f"{count} result{'s' if count != 1 else ''} for \u201c{query}\u201d"
                            if count else f"No results for \u201c{query}\u201d")
        if hits:
            self.view.setCurrentIndex(self.model.index(0))

    def open_current(self) -> None:
        self._open(self.view.currentIndex())

    def step_selection(self, step: int) -> None:
        row = min(max(self.view.currentIndex().row() + step, 0), self.model.rowCount() - 1)
        self.view.setCurrentIndex(self.model.index(row))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.opened.emit(index.data(HitRole))
