"""The symptom checker: complaints in, the guide's tier out, at once.

Three ways in (typed entries with completion, a pasted sentence, a checklist)
feed one triage run whenever anything changes. Nothing typed here is ever
written to disk; only an explicit export leaves the window.
"""

from datetime import datetime
from html import escape
from itertools import pairwise

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.content.models import GuideInfo, Monograph
from desktop.content.schema import TIERS
from desktop.triage.engine import Triage, TriageResult
from desktop.triage.report import ReportContext, chart_note, headline
from desktop.ui import printing
from desktop.ui.questions_panel import QuestionPanel, ask_line
from desktop.ui.rich_delegate import RichTextDelegate
from desktop.ui.style import BADGES, NEGATED, TINT_TEXT, icon

Index = QModelIndex | QPersistentModelIndex
TierRole = Qt.ItemDataRole.UserRole  # results: the row's tier
SymptomRole = Qt.ItemDataRole.UserRole + 1  # checklist: the canonical symptom name


def _row_html(tier: str, title: str, said: str, advice: str, source: str) -> str:
    badge = BADGES[tier]
    said_part = f" &mdash; said: &ldquo;{escape(said)}&rdquo;" if said else ""
    source_part = f"<br><small>Source: {escape(source)}</small>" if source else ""
    return (f"<img src='icon:{badge.icon}' width='16' height='16'> <b>{escape(badge.word)}"
            f"</b> &middot; <b>{escape(title)}</b>{said_part}<br>{escape(advice)}{source_part}")


class TriageResultModel(QAbstractListModel):
    """One row per alert and matched symptom, most urgent first, then denied and unlisted
    entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, str, str]] = []

    def show(self, result: TriageResult, unlisted_advice: str) -> None:
        self.beginResetModel()
        self._rows = [(a.tier, a.title, "; ".join(a.because), a.advice, a.source)
                      for a in result.alerts]
        self._rows += [
            (m.effect.tier, m.effect.name.capitalize(), m.text, m.effect.advice, m.effect.source)
            for m in result.symptoms
        ]
        self._rows += [(NEGATED, name.capitalize(), "", "Denied by the patient; not counted.", "")
                       for name in result.negated]
        self._rows += [("unlisted", f"\u201c{text}\u201d", "", unlisted_advice, "")
                       for text in result.unlisted]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        tier, title, said, advice, _source = row
        if role == Qt.ItemDataRole.DisplayRole:
            return _row_html(*row)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            heard = f", said \u201c{said}\u201d" if said else ""
            return f"{BADGES[tier].word}: {title}{heard}. {advice}"
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(BADGES[tier].tint)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(TINT_TEXT)
        if role == TierRole:
            return tier
        return None


class TierBanner(QFrame):
    """The overall tier in colour, icon and words, at the top of the checker."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        # Rich text so the size is relative and follows the zoom.
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        self.tier = self.message = ""

    def show_tier(self, tier: str, message: str) -> None:
        badge = BADGES[tier]
        self.tier = tier
        self.message = message
        size = self.text.fontMetrics().height() * 2
        self.icon.setPixmap(icon(badge.icon).pixmap(size, size))
        self.text.setText(f"<span style='font-size:x-large; font-weight:700'>"
                          f"{escape(message)}</span>")
        self.setStyleSheet(f"QFrame#banner {{ background: {badge.background}; }}"
                           f"QFrame#banner QLabel {{ color: {badge.foreground}; }}")
        self.setAccessibleName(f"Overall: {message}")


class SymptomCheckerTab(QWidget):
    """Entries, a pasted sentence and a checklist, triaged as they change."""

    resultChanged = Signal(object)

    def __init__(self, monograph: Monograph, info: GuideInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monograph = monograph
        self.info = info
        self.triage = Triage(monograph.triage)
        self.context = ReportContext(monograph.name, info.content_version,
                                     info.emergency_message, info.unlisted_advice)
        self.result = self.triage.assess("")
        self.model = TriageResultModel(self)
        self._build()
        self._connect()
        self.focus_target = self.entry
        self.refresh()

    # Layout -----------------------------------------------------------------
    def _build(self) -> None:
        self.banner = TierBanner(self)
        self.ask = QLabel(self)
        self.ask.setObjectName("askLine")
        self.ask.setWordWrap(True)
        self.ask.setAccessibleName("Still to ask")
        self.questions = QuestionPanel(self)
        self.questions.setAccessibleName("Questions (Alt+Q)")
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText("Type a complaint, e.g. \u201cears ringing\u201d, then Enter")
        self.entry.setAccessibleName("Add a complaint")
        self.entry.setClearButtonEnabled(True)
        terms = sorted({t for e in self.monograph.side_effects for t in (e.name, *e.terms)},
                       key=str.casefold)
        completer = QCompleter(terms, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)
        self.add_button = QPushButton("&Add", self)
        self.add_button.setAccessibleName("Add complaint")
        self.entries = QListWidget(self)
        self.entries.setAccessibleName("Complaints entered (Delete removes)")
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setAccessibleName("Remove selected complaint")
        self.sentence = QPlainTextEdit(self)
        self.sentence.setPlaceholderText(
            "Or paste what the patient said, e.g. \u201cdizzy and my ears ring\u201d")
        self.sentence.setAccessibleName("What the patient said")
        self.sentence.setTabChangesFocus(True)
        self.checklist = QListWidget(self)
        self.checklist.setAccessibleName("Listed side effects checklist")
        for tier in TIERS:
            for effect in (e for e in self.monograph.side_effects if e.tier == tier):
                item = QListWidgetItem(icon(BADGES[tier].icon), effect.name.capitalize())
                item.setData(SymptomRole, effect.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setToolTip(f"{BADGES[tier].word}: {effect.advice}")
                self.checklist.addItem(item)
        self.table = QListView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(RichTextDelegate(self.table))
        self.table.setAccessibleName("Results")
        self.table.setWordWrap(True)
        self.table.setResizeMode(QListView.ResizeMode.Adjust)
        self.table.setSpacing(2)
        self.buttons = {
            name: QPushButton(label, self)
            for name, label in (("clear", "C&lear"), ("copy", "&Copy summary"),
                                ("print", "&Print\u2026"), ("pdf", "Export P&DF\u2026"))
        }
        for button in self.buttons.values():
            button.setAccessibleName(button.text().replace("&", "").rstrip("\u2026"))

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.add_button)
        entries_row = QHBoxLayout()
        entries_row.addWidget(self.entries, 1)
        entries_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        inputs = QWidget(self)
        left = QVBoxLayout(inputs)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(_heading("Complaints", inputs))
        left.addLayout(entry_row)
        left.addLayout(entries_row, 1)
        left.addWidget(self.sentence, 1)
        left.addWidget(_heading("Or tick listed side effects", inputs))
        left.addWidget(self.checklist, 3)
        results = QWidget(self)
        right = QVBoxLayout(results)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(_heading("Results", results))
        right.addWidget(self.table, 1)
        button_row = QHBoxLayout()
        for button in self.buttons.values():
            button_row.addWidget(button)
        button_row.addStretch(1)
        right.addLayout(button_row)
        asking = QWidget(self)
        questions = QVBoxLayout(asking)
        questions.setContentsMargins(0, 0, 0, 0)
        heading = _heading("Questions (Alt+Q)", asking)
        heading.setToolTip("Answer with Y, N or U, or 1, 2, 3 \u2026; Delete clears; "
                           "Tab moves on")
        questions.addWidget(heading)
        questions.addWidget(self.questions, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(inputs)
        splitter.addWidget(results)
        splitter.addWidget(asking)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.ask)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        # Enter is deferred: when it chose a completion, that is added first, once.
        self.entry.returnPressed.connect(lambda: QTimer.singleShot(0, self.add_entry))
        self.entry.completer().activated.connect(self.add_completion)
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.entries, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.sentence.textChanged.connect(self.refresh)
        self.checklist.itemChanged.connect(self.refresh)
        self.questions.answersChanged.connect(self.refresh)
        QShortcut(QKeySequence("Alt+Q"), self, self.questions.focus_first_open)
        self.buttons["clear"].clicked.connect(self.clear)
        self.buttons["copy"].clicked.connect(self.copy_summary)
        self.buttons["print"].clicked.connect(self.print_summary)
        self.buttons["pdf"].clicked.connect(self.export_pdf)

    # Behaviour ----------------------------------------------------------------
    def add_entry(self) -> None:
        text = self.entry.text().strip()
        if text:
            item = QListWidgetItem(text)
            item.setToolTip("Select and press Delete to remove")
            self.entries.addItem(item)
            self.entry.clear()
            self.refresh()

    def add_completion(self, text: str) -> None:
        self.entry.setText(text)
        self.add_entry()

    def remove_selected(self) -> None:
        for item in self.entries.selectedItems() or [self.entries.currentItem()]:
            if item is not None:
                self.entries.takeItem(self.entries.row(item))
        self.refresh()

    def entered_texts(self) -> list[str]:
        return [self.entries.item(i).text() for i in range(self.entries.count())] + [
            self.sentence.toPlainText()]

    def picked(self) -> list[str]:
        items = (self.checklist.item(i) for i in range(self.checklist.count()))
        return [item.data(SymptomRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def refresh(self) -> None:
        self.result = self.triage.assess_all(self.entered_texts(), self.picked(),
                                             self.questions.answers)
        self.banner.show_tier(self.result.overall, headline(self.result, self.context))
        self.ask.setText(ask_line(self.result.questions))
        self.ask.setVisible(bool(self.ask.text()))
        self.questions.show_questions(self.result.questions)
        self._chain_tab_order()
        self.model.show(self.result, self.info.unlisted_advice.format(drug=self.monograph.name))
        self.resultChanged.emit(self.result)

    def clear(self) -> None:
        self.entries.clear()
        self.entry.clear()
        self.sentence.blockSignals(True)
        self.sentence.clear()
        self.sentence.blockSignals(False)
        self.checklist.blockSignals(True)
        for i in range(self.checklist.count()):
            self.checklist.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.checklist.blockSignals(False)
        self.questions.clear()
        self.refresh()
        self.entry.setFocus()

    def _chain_tab_order(self) -> None:
        """Tab goes from the complaint to each question in asking order, then on."""
        chain = [self.entry, self.add_button, *self.questions.ordered_rows(), self.entries]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def summary(self) -> str:
        return chart_note(self.result, self.context, datetime.now().astimezone())

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summary())

    def printable(self) -> QTextDocument:
        lines = self.summary().splitlines()
        return printing.plain_document(lines[0], [*lines[1:], "", self.info.disclaimer])

    def print_summary(self) -> None:
        printing.print_document(self, self.printable())

    def export_pdf(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        printing.export_pdf(self, self.printable(), f"symptom-check-{stamp}.pdf")

    def highlight(self, words: list[str], title: str) -> bool:
        return False


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectionHeading")
    return label
