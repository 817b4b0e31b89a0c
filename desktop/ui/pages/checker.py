"""The symptom checker: complaints in, the guide's tier out, at once.

Three ways in (typed entries with completion, a pasted sentence, a checklist)
feed one triage run whenever anything changes. Nothing typed here is ever
written to disk; only an explicit export leaves the window.
"""

from dataclasses import dataclass
from datetime import datetime
from html import escape
from itertools import pairwise

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.content.models import SideEffect
from desktop.content.schema import TIERS
from desktop.triage.engine import SymptomMatch, Triage, TriageResult
from desktop.triage.limits import MAX_COMPLAINT_CHARS
from desktop.triage.report import (
    ReportContext,
    banner_state,
    chart_note,
    headline,
    stands_alone,
    why,
)
from desktop.ui import checklist, printing
from desktop.ui.accessibility import announce, give_role
from desktop.ui.browser import plain_tip
from desktop.ui.layout import InstantButton, ScrollingPane, keep_rows, panes
from desktop.ui.modelindex import Index
from desktop.ui.pages.base import Page, PageContext
from desktop.ui.questions_panel import QuestionPanel, ask_line
from desktop.ui.rich_delegate import RichTextDelegate
from desktop.ui.style import (
    BADGES,
    HISTORY,
    NEGATED,
    badge_html,
    icon,
    line_height,
    tint,
    tint_text,
)

TierRole = Qt.ItemDataRole.UserRole  # results: the row's tier
EMERGENCY = TIERS[0]
# The view's width, in average characters, from which the questions sit beside the
# results rather than below them.
_SIDE_BY_SIDE = 140
# The most lines of text the first result card may claim from the page.
_FIRST_RESULT_LINES = 8


@dataclass(frozen=True)
class ResultRow:
    tier: str  # a tier, or NEGATED, HISTORY, "unlisted"
    title: str
    said: str
    advice: str
    source: str = ""
    note: str = ""  # why the tier, or when to act within it


def _row_html(row: ResultRow) -> str:
    said_part = f" &mdash; said: &ldquo;{escape(row.said)}&rdquo;" if row.said else ""
    note_part = f"<br><i>{escape(row.note)}</i>" if row.note else ""
    source_part = f"<br><small>Source: {escape(row.source)}</small>" if row.source else ""
    return (f"{badge_html(row.tier)} &middot; <b>{escape(row.title)}</b>{said_part}"
            f"{note_part}<br>{escape(row.advice)}{source_part}")


def _symptom_note(match: SymptomMatch) -> str:
    if match.effect.tier == EMERGENCY:
        return f"Why: {why(match)}."
    return f"When: {match.effect.act}." if match.effect.act else ""


def result_rows(result: TriageResult, unlisted_advice: str) -> list[ResultRow]:
    """Alerts first, then each symptom most urgent first, then denied, past and unlisted."""
    rows = [ResultRow(a.tier, a.title, "; ".join(a.because), a.advice, a.source)
            for a in result.alerts]
    rows += [ResultRow(m.effect.tier, m.effect.name.capitalize(), m.text, m.effect.advice,
                       m.effect.source, _symptom_note(m)) for m in result.symptoms]
    rows += [ResultRow(NEGATED, name.capitalize(), "", "Denied by the patient; not counted.")
             for name in result.negated]
    rows += [ResultRow(HISTORY, f"\u201c{text}\u201d", "", "In the past; not counted now.")
             for text in result.history]
    rows += [ResultRow("unlisted", f"\u201c{text}\u201d", "", unlisted_advice)
             for text in result.unlisted]
    return rows


class TriageResultModel(QAbstractListModel):
    """One row per alert and matched symptom, most urgent first, then denied, past and
    unlisted entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []

    def show(self, result: TriageResult, unlisted_advice: str) -> None:
        self.beginResetModel()
        self._rows = result_rows(result, unlisted_advice)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _row_html(row)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            heard = f", said \u201c{row.said}\u201d" if row.said else ""
            note = f" {row.note}" if row.note else ""
            text = f"{BADGES[row.tier].word}: {row.title}{heard}.{note} {row.advice}"
            return plain_tip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(tint(row.tier))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(tint_text())
        if role == TierRole:
            return row.tier
        return None


@dataclass(frozen=True)
class CallInput:
    """Everything entered for one call, to tell whether it was kept and to bring it
    back after Clear."""

    entries: tuple[str, ...] = ()
    typed: str = ""
    sentence: str = ""
    ticked: tuple[str, ...] = ()
    answers: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return any((self.entries, self.typed.strip(), self.sentence.strip(), self.ticked,
                    self.answers))


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
        """Show the overall tier; a change of tier is spoken at once, interrupting
        the screen reader for an emergency."""
        badge = BADGES[tier]
        if tier != self.tier and self.tier:
            announce(self, f"Overall: {message}", assertive=tier == EMERGENCY)
        self.tier = tier
        self.message = message
        size = line_height() * 2
        self.icon.setPixmap(icon(badge.icon).pixmap(size, size))
        self.text.setText(f"<span style='font-size:large; font-weight:700'>"
                          f"{escape(message)}</span>")
        self.setStyleSheet(f"QFrame#banner {{ background: {badge.background}; }}"
                           f"QFrame#banner QLabel {{ color: {badge.foreground}; }}")
        self.setAccessibleName(f"Overall: {message}")


give_role(TierBanner, QAccessible.Role.AlertMessage)


class CheckerView(QWidget):
    """Layout only: the banner and the Ask: line over complaints, pasted text and
    checklist on the left, the results and their buttons in the middle, and the guided
    questions on the right.

    Each checklist item's value is the canonical symptom name.
    """

    def __init__(self, side_effects: tuple[SideEffect, ...], results: QAbstractListModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = TierBanner(self)
        self.ask = QLabel(self)
        self.ask.setTextFormat(Qt.TextFormat.PlainText)  # content's words, never markup
        self.ask.setObjectName("askLine")
        self.ask.setWordWrap(True)
        self.questions = QuestionPanel(self)
        self.questions.setAccessibleName("Questions (Alt+Q)")
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText("Type a complaint, e.g. \u201cears ringing\u201d, then Enter")
        self.entry.setAccessibleName("Add a complaint")
        self.entry.setClearButtonEnabled(True)
        terms = sorted({t for e in side_effects for t in (e.name, *e.terms)}, key=str.casefold)
        completer = QCompleter(terms, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)
        self.add_button = InstantButton("&Add", self)
        self.add_button.setAccessibleName("Add complaint")
        self.entries = QListWidget(self)
        self.entries.setAccessibleName("Complaints entered (Delete removes)")
        self.remove_button = InstantButton("&Remove", self)
        self.remove_button.setAccessibleName("Remove selected complaint")
        self.sentence = QPlainTextEdit(self)
        self.sentence.setPlaceholderText(
            "Or paste what the patient said, e.g. \u201cdizzy and my ears ring\u201d")
        self.sentence.setAccessibleName("What the patient said")
        self.sentence.setTabChangesFocus(True)
        self.entry.setMaxLength(MAX_COMPLAINT_CHARS)  # a paste keeps its first part
        self.limit_note = QLabel(
            f"A complaint holds at most {MAX_COMPLAINT_CHARS:,} characters: the rest was "
            "left out. Add what matters as another complaint.", self)
        self.limit_note.setTextFormat(Qt.TextFormat.PlainText)
        self.limit_note.setObjectName("limitNote")
        self.limit_note.setWordWrap(True)
        self.limit_note.hide()
        self.checklist = QListWidget(self)
        self.checklist.setAccessibleName("Listed side effects checklist")
        checklist.wrap_to_width(self.checklist)
        for tier in TIERS:
            for effect in (e for e in side_effects if e.tier == tier):
                item = checklist.add_tickable(self.checklist, effect.name.capitalize(),
                                              effect.name, icon(BADGES[tier].icon))
                item.setToolTip(plain_tip(f"{BADGES[tier].word}: {effect.advice}"))
                # The tier's icon, in words, for a screen reader.
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{effect.name.capitalize()}, {BADGES[tier].word}")
        self.results = QListView(self)
        self.results.setModel(results)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setAccessibleName("Results")
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setSpacing(2)
        self.buttons = {
            name: InstantButton(label, self)
            for name, label in (("clear", "C&lear"), ("copy", "&Copy summary"),
                                ("print", "&Print\u2026"), ("pdf", "Export P&DF\u2026"))
        }
        for button in self.buttons.values():
            button.setAccessibleName(button.text().replace("&", "").rstrip("\u2026"))
        for view, rows in ((self.entries, 3), (self.sentence, 2), (self.checklist, 3)):
            keep_rows(view, rows)
        # The first result whole, unless it is longer than a short paragraph.
        keep_rows(self.results, 3, first_lines=_FIRST_RESULT_LINES)
        self.compact: bool | None = None  # the arrangement in use, once shown
        self._lay_out()

    def _lay_out(self) -> None:
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.add_button)
        entries_row = QHBoxLayout()
        entries_row.addWidget(self.entries, 1)
        entries_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        inputs = QWidget(self)
        self.inputs_column = QVBoxLayout(inputs)
        left = self.inputs_column
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(_heading("Complaints", inputs))
        left.addLayout(entry_row)
        left.addLayout(entries_row, 1)
        left.addWidget(self.sentence, 1)
        left.addWidget(self.limit_note)
        left.addWidget(_heading("Or tick listed side effects", inputs))
        left.addWidget(self.checklist, 3)
        outputs = QWidget(self)
        self.results_column = QVBoxLayout(outputs)
        right = self.results_column
        right.setContentsMargins(0, 0, 0, 0)
        self.results_heading = _heading("Results", outputs)
        right.addWidget(self.results_heading)
        right.addWidget(self.results, 1)
        self.record_buttons = QWidget(outputs)
        grid = QGridLayout(self.record_buttons)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(len(self.buttons), 1)  # buttons from the left
        right.addWidget(self.record_buttons)
        self.asking = QWidget(self)
        questions = QVBoxLayout(self.asking)
        questions.setContentsMargins(0, 0, 0, 0)
        heading = _heading("Questions (Alt+Q)", self.asking)
        heading.setToolTip("Answer with Y, N or U, or 1, 2, 3 \u2026; Delete clears; "
                           "Tab moves on")
        questions.addWidget(heading)
        questions.addWidget(self.questions, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.ask)
        self.results_and_questions = panes(self, outputs, self.asking, stretch=(1, 1))
        # The inputs scroll on their own, so the results keep the page's full height.
        self.inputs_pane = ScrollingPane("Complaints and checklist", self)
        self.inputs_pane.hold(inputs)
        self.columns = panes(self, self.inputs_pane, self.results_and_questions)
        layout.addWidget(self.columns, 1)
        self.arrange(compact=False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.arrange(event.size().width() < self.fontMetrics().averageCharWidth() * _SIDE_BY_SIDE)

    def arrange(self, compact: bool) -> None:
        """Questions and record buttons beside the results when there is room. When
        zoomed in on a small screen they go to the end of the scrolling inputs, and the
        results heading goes, so the banner, the Ask: line and the first result whole
        fit over the complaint box without scrolling the page."""
        if compact == self.compact:
            return
        self.compact = compact
        self.results_heading.setVisible(not compact)  # the list is named "Results"
        grid = self.record_buttons.layout()
        assert isinstance(grid, QGridLayout)
        per_row = 2 if compact else len(self.buttons)
        for number, button in enumerate(self.buttons.values()):
            grid.addWidget(button, number // per_row, number % per_row)
        if compact:
            self.inputs_column.addWidget(self.asking, 2)
            self.inputs_column.addWidget(self.record_buttons)
            # The inputs as narrow as they go: the wider the results, the shorter a card.
            self.columns.setSizes([0, self.columns.width()])
        else:
            self.results_column.addWidget(self.record_buttons)
            self.results_and_questions.addWidget(self.asking)

    def chain_tab_order(self) -> None:
        """Tab goes from the complaint to each question in asking order, then on."""
        chain = [self.entry, self.add_button, *self.questions.ordered_rows(), self.entries]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)


class SymptomCheckerPage(Page):
    """Entries, a pasted sentence and a checklist, triaged as they change."""

    resultChanged = Signal(object)
    # A guided question the result calls for, by key ("overdose" when a listed sign
    # alone made it an emergency), for the question panel (issue #12) to offer.
    questionWanted = Signal(str)
    record_kind = "chart note"

    def __init__(self, key: str, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(key, context, parent)
        self.triage = Triage(self.monograph.triage)
        self.report_context = ReportContext(self.monograph.name, self.info.content_version,
                                            self.info.emergency_message,
                                            self.info.unlisted_advice)
        self.result = self.triage.assess("")
        self.kept = CallInput()  # what was last copied, printed or exported
        self.cleared: CallInput | None = None  # what Ctrl+Z brings back after Clear
        self.model = TriageResultModel(self)
        self.view = CheckerView(self.monograph.side_effects, self.model, self)
        self.fill_with(self.view)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        view = self.view
        # Enter is deferred: when it chose a completion, that is added first, once.
        view.entry.returnPressed.connect(lambda: QTimer.singleShot(0, self.add_entry))
        view.entry.completer().activated.connect(self.add_completion)
        view.entry.installEventFilter(self)
        view.sentence.installEventFilter(self)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_clear,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.add_button.clicked.connect(self.add_entry)
        view.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, view.entries, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        # Kept within the limit first, so triage never reads more (docs/triage.md).
        view.entry.textChanged.connect(self.keep_within_limit)
        view.sentence.textChanged.connect(self.keep_within_limit)
        view.entry.textChanged.connect(self.refresh)  # read before it is added, too
        view.sentence.textChanged.connect(self.refresh)
        view.checklist.itemChanged.connect(self.refresh)
        view.questions.answersChanged.connect(self.refresh)
        self.questionWanted.connect(view.questions.offer)
        QShortcut(QKeySequence("Alt+Q"), self, self.ask_questions)
        view.buttons["clear"].clicked.connect(self.clear)
        view.buttons["copy"].clicked.connect(self.copy_record)
        view.buttons["print"].clicked.connect(self.print_record)
        view.buttons["pdf"].clicked.connect(self.export_record)

    @property
    def focus_target(self) -> QWidget:
        return self.view.entry

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter always adds what was typed. A line edit ignores Enter while its
        completion list shows, expecting the list to take it; when the key reaches the
        box itself instead (a slow machine, a test), close the list and add the text."""
        if self._undo_clear_key(watched, event):
            return True
        popup = self.view.entry.completer().popup()
        if (watched is self.view.entry and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
                and popup.isVisible()):
            chosen = popup.currentIndex()
            popup.hide()
            if chosen.isValid():
                self.view.entry.setText(str(chosen.data()))
            QTimer.singleShot(0, self.add_entry)
            return True
        return super().eventFilter(watched, event)

    def _undo_clear_key(self, watched: QObject, event: QEvent) -> bool:
        """Right after Clear, Ctrl+Z in a text box brings the call back rather than
        undoing the box's own typing: the box is told not to claim the key."""
        return (self.cleared is not None and watched in (self.view.entry, self.view.sentence)
                and event.type() == QEvent.Type.ShortcutOverride
                and event.matches(QKeySequence.StandardKey.Undo))  # type: ignore[attr-defined]

    # Behaviour ----------------------------------------------------------------
    def ask_questions(self) -> None:
        """Alt+Q: the keyboard to the first open question, scrolled into sight where the
        questions sit at the end of the scrolling inputs (zoomed in)."""
        self.view.questions.focus_first_open()
        focused = QApplication.focusWidget()
        if focused is not None:
            self.view.inputs_pane.ensureWidgetVisible(focused, 0, 0)

    def add_entry(self) -> None:
        text = self.view.entry.text().strip()
        if text:
            self._list_entry(text)
            self.view.entry.clear()
            self.refresh()

    def keep_within_limit(self) -> None:
        """A pasted text over the limit keeps its first part (the line box does this
        itself), and a note says so while a box is full."""
        sentence = self.view.sentence
        text = sentence.toPlainText()
        if len(text) > MAX_COMPLAINT_CHARS:
            with QSignalBlocker(sentence):  # refresh, connected next, reads the cut text
                cursor = sentence.textCursor()
                cursor.select(QTextCursor.SelectionType.Document)
                cursor.insertText(text[:MAX_COMPLAINT_CHARS])  # one step to undo
                sentence.setTextCursor(cursor)
        note = self.view.limit_note
        full = max(len(self.view.entry.text()), len(sentence.toPlainText())) \
            >= MAX_COMPLAINT_CHARS
        if full and note.isHidden():
            announce(note, note.text())  # a screen reader hears it as it appears
        note.setVisible(full)

    def _list_entry(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setToolTip("Select and press Delete to remove")
        self.view.entries.addItem(item)

    def add_completion(self, text: str) -> None:
        self.view.entry.setText(text)
        self.add_entry()

    def remove_selected(self) -> None:
        entries = self.view.entries
        for item in entries.selectedItems() or [entries.currentItem()]:
            if item is not None:
                entries.takeItem(entries.row(item))
        self.refresh()

    def entered_texts(self) -> list[str]:
        """Every complaint added, the one still being typed, and the pasted text."""
        entries = checklist.items(self.view.entries)
        return [*(item.text() for item in entries), self.view.entry.text(),
                self.view.sentence.toPlainText()]

    def picked(self) -> list[str]:
        return checklist.ticked_values(self.view.checklist)

    def call_input(self) -> CallInput:
        view = self.view
        return CallInput(tuple(item.text() for item in checklist.items(view.entries)),
                         view.entry.text(), view.sentence.toPlainText(),
                         tuple(self.picked()), tuple(view.questions.answers.items()))

    def has_unsaved_work(self) -> bool:
        current = self.call_input()
        return bool(current) and current != self.kept

    def record_kept(self) -> None:
        self.kept = self.call_input()

    def refresh(self) -> None:
        view = self.view
        if self.cleared is not None and self.call_input():
            self.cleared = None  # the next call has started: Clear is final
        earlier_alerts = {alert.id for alert in self.result.alerts}
        self.result = self.triage.assess_all(self.entered_texts(), self.picked(),
                                             view.questions.answers)
        view.banner.show_tier(banner_state(self.result),
                              headline(self.result, self.report_context))
        view.ask.setText(ask_line(self.result.questions))
        view.ask.setAccessibleName(view.ask.text())  # the questions, not just a label
        view.ask.setVisible(bool(view.ask.text()))
        view.questions.show_questions(self.result.questions)
        view.chain_tab_order()
        self.model.show(self.result, self.info.unlisted_advice.format(drug=self.monograph.name))
        self.resultChanged.emit(self.result)
        for alert in self.result.alerts:
            if alert.id not in earlier_alerts:
                announce(view.banner, f"{BADGES[alert.tier].word}: {alert.title}. "
                         f"{alert.advice}", assertive=alert.tier == EMERGENCY)
        if stands_alone(self.result):
            self.questionWanted.emit("overdose")

    def render(self) -> None:
        self.refresh()  # the banner's icon and the cards' tints follow zoom and theme

    def clear(self) -> None:
        """Empty the page for the next call; Ctrl+Z brings this one back until the
        next call starts."""
        taken = self.call_input()
        self.view.entries.clear()
        self.view.entry.clear()
        self.view.sentence.blockSignals(True)
        self.view.sentence.clear()
        self.view.sentence.blockSignals(False)
        checklist.untick_all(self.view.checklist)
        self.view.questions.clear()
        self.refresh()
        self.view.entry.setFocus()
        if taken:
            self.cleared = taken
            self.statusMessage.emit("Cleared. Ctrl+Z brings the call back.")

    def undo_clear(self) -> None:
        """Put back the call Clear took away."""
        call, self.cleared = self.cleared, None
        if call is None:
            return
        view = self.view
        for text in call.entries:
            self._list_entry(text)
        view.questions.answers.update(call.answers)
        checklist.tick_values(view.checklist, call.ticked)
        view.sentence.blockSignals(True)
        view.sentence.setPlainText(call.sentence)
        view.sentence.blockSignals(False)
        view.entry.setText(call.typed)  # refreshes
        self.refresh()
        self.statusMessage.emit("Call brought back.")

    def summary(self) -> str:
        return chart_note(self.result, self.report_context, datetime.now().astimezone())

    def record_text(self) -> str:
        return self.summary()

    def printable(self) -> QTextDocument:
        lines = self.summary().splitlines()
        return printing.plain_document(lines[0], [*lines[1:], "", self.info.disclaimer])

    def record_file_name(self) -> str:
        return f"symptom-check-{datetime.now().strftime('%Y%m%d-%H%M')}.pdf"


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectionHeading")
    return label
