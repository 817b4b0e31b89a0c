"""Interactions: look up another drug, and a sortable table of every listing."""

from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.content.interactions import InteractionIndex, InteractionMatch
from desktop.content.models import GuideInfo, Interaction, Monograph
from desktop.content.schema import SEVERITIES
from desktop.ui.browser import SafeTextBrowser
from desktop.ui.style import BADGES, badge_color, fit_columns, icon
from desktop.ui.tabs import SectionTab

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole
COLUMNS = ("Drug or class", "Severity", "Includes", "What to do")


def _includes(item: Interaction) -> str:
    return "; ".join(
        f"{m.name} ({', '.join(m.aliases)})" if m.aliases else m.name for m in item.members
    )


class InteractionTableModel(QAbstractTableModel):
    """Every listed interaction; severity sorts by how serious it is."""

    def __init__(self, interactions: tuple[Interaction, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items = interactions

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        values = (item.name, BADGES[item.severity].word, _includes(item), item.advice)
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{values[index.column()]}\n\nSource: {item.citation.full}"
        if role == SortRole:
            return SEVERITIES.index(item.severity) if index.column() == 1 else (
                values[index.column()].casefold())
        if index.column() == 1 and role == Qt.ItemDataRole.DecorationRole:
            return icon(BADGES[item.severity].icon)
        if index.column() == 1 and role == Qt.ItemDataRole.BackgroundRole:
            return badge_color(item.severity)
        if index.column() == 1 and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(BADGES[item.severity].foreground)
        return None


def match_html(matches: list[InteractionMatch], query: str, unknown: str) -> str:
    """The lookup answer as rich text; every value escaped."""
    if not query.strip():
        return ""
    if not matches:
        return f"<p><b>{escape(query)}</b>: {escape(unknown)}</p>"
    parts = []
    for match in matches:
        badge = BADGES[match.severity]
        listed = f" (listed under {escape(match.drug_class)})" if match.drug_class else ""
        parts.append(
            f"<p><img src='icon:{badge.icon}' width='18' height='18'> "
            f"<b>{escape(badge.word)}</b> &mdash; <b>{escape(match.name)}</b>{listed}<br>"
            f"{escape(match.advice)}<br><small>Source: {escape(match.source)}</small></p>"
        )
    return "".join(parts)


class InteractionsTab(SectionTab):
    def __init__(self, monograph: Monograph, info: GuideInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(monograph, "interactions", parent)
        self.info = info
        self.index = InteractionIndex(monograph.interactions)
        self.lookup = QLineEdit(self)
        self.lookup.setPlaceholderText("Another drug: generic, brand or class, e.g. Valium")
        self.lookup.setAccessibleName("Check an interaction with another drug")
        self.lookup.setClearButtonEnabled(True)
        names = sorted({n for i in monograph.interactions
                        for m in i.members for n in (m.name, *m.aliases)}, key=str.casefold)
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.lookup.setCompleter(completer)
        self.answer = SafeTextBrowser(self)
        self.answer.setAccessibleName("Interaction answer")
        self.answer.setMaximumHeight(self.fontMetrics().height() * 6)
        self.answer.setPlaceholderText("The guide's answer appears here as you type.")
        self.answer.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.model = InteractionTableModel(monograph.interactions, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setAccessibleName("All listed interactions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch=(2, 3))
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel("Check another drug:", top))
        top_layout.addWidget(self.lookup)
        top_layout.addWidget(self.answer)
        top_layout.addWidget(QLabel("Every listed interaction (click a heading to sort):", top))
        top_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.browser)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.lookup.textChanged.connect(self.show_lookup)
        self.focus_target = self.lookup
        self.render()

    def render(self) -> None:
        super().render()
        self.show_lookup(self.lookup.text())

    def show_lookup(self, text: str) -> None:
        matches = self.index.lookup(text)
        self.answer.setHtml(match_html(matches, text, self.info.no_interaction_message))

    def highlight(self, words: list[str], title: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data() == title:
                self.table.selectRow(row)
                self.table.setFocus()
                return True
        return super().highlight(words, title)
