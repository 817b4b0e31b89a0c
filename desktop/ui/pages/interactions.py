"""Interactions: look up another drug, and a sortable table of every listing."""

from datetime import datetime
from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.content import anchors
from desktop.content.interactions import DrugAnswer, InteractionIndex, InteractionMatch
from desktop.content.models import CombinedWarning, Interaction, SearchHit
from desktop.content.schema import SEVERITIES
from desktop.content.stamps import dated_header
from desktop.ui import printing
from desktop.ui.browser import SafeTextBrowser, plain_tip
from desktop.ui.layout import keep_rows, panes
from desktop.ui.modelindex import Index
from desktop.ui.pages.base import PageContext
from desktop.ui.pages.section import SectionPage
from desktop.ui.style import BADGES, badge_color, badge_html, fit_columns, icon

SortRole = Qt.ItemDataRole.UserRole
COLUMNS = ("Drug or class", "Severity", "Includes", "What to do")


class InteractionTableModel(QAbstractTableModel):
    """Every listed interaction, in source order; severity sorts by how serious it is."""

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
        values = (item.name, BADGES[item.severity].word, item.includes, item.advice)
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f"{values[index.column()]}\n\nSource: {item.citation.full}")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            # A tall row reads from its top; the severity's word and icon stay centred.
            return Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
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


def _answer_rows(answers: list[DrugAnswer]) -> list[tuple[str, InteractionMatch | None]]:
    """(drug as typed, one of its matches), or (drug, None) when nothing is listed."""
    return [(answer.text, match) for answer in answers
            for match in (answer.matches or (None,))]


def _listed_under(match: InteractionMatch) -> str:
    return f" (listed under {match.drug_class})" if match.drug_class else ""


def warning_lines(warning: CombinedWarning | None) -> list[str]:
    """The combined warning for CNS depressants as plain text, or nothing."""
    return [f"- {warning.title.upper()}: {warning.advice} Sources: {warning.source}."] if (
        warning) else []


def warning_html(warning: CombinedWarning | None) -> str:
    """The combined warning as rich text above the per-drug answers; every value escaped."""
    return (f"<p>{badge_html('major')} &mdash; <b>{escape(warning.title)}</b><br>"
            f"{escape(warning.advice)}<br><small>Sources: {escape(warning.source)}</small></p>"
            if warning else "")


def answer_lines(answers: list[DrugAnswer], unknown: str) -> list[str]:
    """The answers as plain text, one line per drug and match, for the record."""
    return [f"- {text}: {unknown}" if match is None else
            f"- {text}: {BADGES[match.severity].word.upper()}, {match.name}"
            f"{_listed_under(match)}. {match.advice} Source: {match.source}."
            for text, match in _answer_rows(answers)]


def match_html(answers: list[DrugAnswer], unknown: str) -> str:
    """The answers as rich text, one paragraph per drug and match; every value escaped."""
    return "".join(
        f"<p><b>{escape(text)}</b>: {escape(unknown)}</p>" if match is None else
        f"<p>{badge_html(match.severity)} &mdash; <b>{escape(text)}</b>: "
        f"{escape(match.name + _listed_under(match))}<br>{escape(match.advice)}<br>"
        f"<small>Source: {escape(match.source)}</small></p>"
        for text, match in _answer_rows(answers))


class InteractionsView(QWidget):
    """Layout only: the lookup box and its answer, the table, and the section text."""

    def __init__(self, proxy: QSortFilterProxyModel, names: list[str], browser: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookup = QLineEdit(self)
        self.lookup.setPlaceholderText("Other drugs: generic, brand or class, e.g. "
                                       "\u201cValium 5mg, oxycodone\u201d")
        self.lookup.setAccessibleName("Check an interaction with another drug")
        self.lookup.setClearButtonEnabled(True)
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.lookup.setCompleter(completer)
        self.answer = SafeTextBrowser(self)
        self.answer.setAccessibleName("Interaction answer")
        self.answer.setPlaceholderText("The guide's answer appears here as you type.")
        # Tab reaches the answer, and the arrows scroll it when it is longer than the box.
        self.answer.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table = QTableView(self)
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setAccessibleName("All listed interactions")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch=(2, 3))
        keep_rows(self.table, 3)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel("Check another drug:", top))
        top_layout.addWidget(self.lookup)
        top_layout.addWidget(self.answer)
        top_layout.addWidget(QLabel("Every listed interaction (click a heading to sort):", top))
        top_layout.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panes(self, top, browser, Qt.Orientation.Vertical, stretch=(0, 0)))


    def fit_answer(self) -> None:
        """The answer box exactly as tall as its answer, from two lines up to six or
        two fifths of the window, whichever is more, at the zoom in use: a few drugs'
        answers show whole, and when empty the table keeps the height. A longer answer
        scrolls in the box."""
        document = self.answer.document()
        document.setTextWidth(self.answer.viewport().width())
        line = self.answer.fontMetrics().height()
        wanted = int(document.size().height()) + 2 * self.answer.frameWidth()
        most = max(6 * line, self.window().height() * 2 // 5)
        self.answer.setFixedHeight(min(max(wanted, 2 * line), most))


class InteractionsPage(SectionPage):
    """The lookup beside the table and section. Copy, Print and Export give the drugs
    checked with their answers, then the table; with nothing typed, the section text."""

    record_kind = "interaction check"

    def __init__(self, key: str, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(key, context, parent)
        interactions = self.monograph.interactions
        self.index = InteractionIndex(interactions, self.info.medicine_words,
                                      self.monograph.combined_warning)
        self.model = InteractionTableModel(interactions, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        names = sorted({n for i in interactions for m in i.members for n in (m.name, *m.aliases)},
                       key=str.casefold)
        self.view = InteractionsView(self.proxy, names, self.browser, self)
        self.fill_with(self.view)
        self._connect_signals()
        self.render()

    def _connect_signals(self) -> None:
        self.view.lookup.textChanged.connect(self._on_lookup_changed)

    @property
    def focus_target(self) -> QWidget:
        return self.view.lookup

    def render(self) -> None:
        super().render()
        self._on_lookup_changed(self.view.lookup.text())

    def answers(self) -> list[DrugAnswer]:
        return self.index.check(self.view.lookup.text())

    def _on_lookup_changed(self, _text: str = "") -> None:
        answers = self.answers()
        self.view.answer.setHtml(warning_html(self.index.combined_warning(answers))
                                 + match_html(answers, self.info.no_interaction_message))
        self.view.fit_answer()

    def record_lines(self) -> list[str]:
        """The drugs checked and their answers, then every listed interaction."""
        table = [f"- {item.name}: {BADGES[item.severity].word}. Includes: {item.includes}. "
                 f"{item.advice}" for item in self.monograph.interactions]
        answers = self.answers()
        return [f"Checked: {self.view.lookup.text().strip()}",
                *warning_lines(self.index.combined_warning(answers)),
                *answer_lines(answers, self.info.no_interaction_message), "",
                "Every listed interaction:", *table]

    def printable(self) -> QTextDocument:
        if not self.answers():
            return super().printable()
        title, stamp = dated_header(f"Drug Guide interaction check: {self.monograph.name}",
                                    self.info.content_version, datetime.now().astimezone())
        return printing.plain_document(
            title, [stamp, "", *self.record_lines(), "", self.info.disclaimer])

    def record_file_name(self) -> str:
        return f"interactions-{datetime.now().strftime('%Y%m%d-%H%M')}.pdf"

    def highlight(self, hit: SearchHit) -> bool:
        """An interaction hit selects its table row; any other marks the text."""
        position = anchors.position(hit.anchor, anchors.INTERACTION)
        if position is None:
            return super().highlight(hit)
        row = self.proxy.mapFromSource(self.model.index(position, 0)).row()
        self.view.table.selectRow(row)
        self.view.table.setFocus()
        return row >= 0
