"""The symptom checker's guided questions, answered by keyboard alone.

Each question is one focusable row: Y, N or U (or 1, 2, 3 …) answers it, Delete
clears the answer, and Tab moves on. Rows are kept by question id, and hidden rather
than destroyed, while the list changes, so an answer never loses the focus.
"""

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.content.models import Question
from desktop.content.schema import NO, UNKNOWN, YES
from desktop.triage.questions import Asked
from desktop.triage.report import answer_label

# A yes/no question also answers to the first letter of each answer.
_LETTERS = {Qt.Key.Key_Y: YES, Qt.Key.Key_N: NO, Qt.Key.Key_U: UNKNOWN}
_CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def ask_line(asked: tuple[Asked, ...]) -> str:
    """The open red-flag questions, for the line under the banner ("" when none)."""
    still = [a.question.text for a in asked if a.open and a.red_flag]
    return "Ask: " + "  \u2022  ".join(still) if still else ""


class QuestionRow(QFrame):
    """One question and its answers; the row takes the keys, and each answer is also
    a link for the mouse. Answers wrap, so nothing is cut off at any zoom."""

    answered = Signal(str, str)  # question id, answer id ("" clears)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName("question")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text = _wrapping_label(self)
        self.choices = _wrapping_label(self)
        self.choices.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.choices.linkActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text)
        layout.addWidget(self.choices)
        self.setAccessibleDescription(
            "Press " + ", ".join(self._keys()) + " to answer; Delete clears; Tab moves on")
        self.asked: Asked | None = None

    def _is_yes_no(self) -> bool:
        return [a.key for a in self.question.answers] == [YES, NO, UNKNOWN]

    def _keys(self) -> list[str]:
        """Each answer's key as shown; a choice's "Unknown" (always last) shows "U" too,
        as U answers it in every question."""
        if self._is_yes_no():
            return ["Y", "N", "U"]
        return [f"{i + 1}/U" if answer.key == UNKNOWN else str(i + 1)
                for i, answer in enumerate(self.question.answers)]

    def show_state(self, asked: Asked) -> None:
        self.asked = asked
        flag = "<b>Red flag:</b> " if asked.red_flag else ""
        self.text.setText(f"{flag}{escape(asked.question.text)}")
        chosen = asked.answer.key if asked.answer else None
        choices = " &nbsp;&middot;&nbsp; ".join(
            _choice_html(key, answer.key, answer.label, answer.key == chosen)
            for key, answer in zip(self._keys(), asked.question.answers, strict=True))
        settled = "" if asked.answer or asked.open else " <i>(already reported)</i>"
        self.choices.setText(choices + settled)
        self.setProperty("open", asked.open)
        self.setAccessibleName(f"{asked.question.text} {answer_label(asked)}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """A label lays out its links in the palette's colour once; a new theme needs
        them laid out again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.asked is not None:
            choices = self.choices.text()
            self.choices.clear()
            self.choices.setText(choices)

    def event(self, event: QEvent) -> bool:
        """Claim the answer keys before any shortcut of the same key can take them."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self._answer_for(event) is not None):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = self._answer_for(event)
        if key is not None:
            self.answered.emit(self.question.key, key)
            event.accept()
            return
        super().keyPressEvent(event)

    def _answer_for(self, event: QKeyEvent) -> str | None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return None  # leave Alt, Ctrl and Shift shortcuts to the window
        if event.key() in _CLEAR_KEYS:
            return ""
        if event.key() == Qt.Key.Key_U and any(a.key == UNKNOWN for a in self.question.answers):
            return UNKNOWN
        if self._is_yes_no() and event.key() in _LETTERS:
            return _LETTERS[Qt.Key(event.key())]
        number = event.key() - Qt.Key.Key_1
        if 0 <= number < len(self.question.answers):
            return self.question.answers[number].key
        return None

    def _clicked(self, answer: str) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.answered.emit(self.question.key, answer)


def _wrapping_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _choice_html(key: str, answer: str, label: str, chosen: bool) -> str:
    """One answer: its key and label (the key kept with the label's first word); the
    chosen one ticked and bold."""
    text = f"{escape(key)}&nbsp;{escape(label)}"
    if chosen:
        return f"<b>\u2714&nbsp;{text}</b>"
    return f"<a href='{escape(answer)}'>{text}</a>"


class QuestionPanel(QWidget):
    """The questions that apply, in asking order, and the answers given so far."""

    answersChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answers: dict[str, str] = {}
        self.rows: dict[str, QuestionRow] = {}  # shown, in asking order
        # Every row made, shown or hidden: a drug has a dozen questions, and typing
        # makes them come and go at each keystroke.
        self._made: dict[str, QuestionRow] = {}
        self._inner = QWidget(self)
        self._list = QVBoxLayout(self._inner)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.addStretch(1)
        self.empty = QLabel("Questions appear after the first complaint.", self._inner)
        self.empty.setWordWrap(True)
        self._list.insertWidget(0, self.empty)
        scroll = QScrollArea(self)
        scroll.setAccessibleName("Questions to ask")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._inner)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_questions(self, asked: tuple[Asked, ...]) -> None:
        """Show these questions in this order, keeping the rows (and focus) that stay."""
        keep = {a.question.key for a in asked}
        for key, row in self._made.items():
            if key not in keep:
                row.hide()
        for position, state in enumerate(asked):
            row = self._made.get(state.question.key)
            if row is None or row.question != state.question:
                if row is not None:
                    row.deleteLater()  # the content changed under it
                row = QuestionRow(state.question, self._inner)
                row.answered.connect(self._answer)
                self._made[state.question.key] = row
            self._list.removeWidget(row)
            self._list.insertWidget(position, row)
            row.show()  # now, not when the layout gets round to it: Tab may come first
            row.show_state(state)
            row.style().polish(row)  # the `open` property changes the look
        self.rows = {a.question.key: self._made[a.question.key] for a in asked}
        self.empty.setVisible(not asked)

    def ordered_rows(self) -> list[QuestionRow]:
        return list(self.rows.values())

    def focus_first_open(self) -> None:
        """Focus the first open question not yet answered, else the first open one
        (answered "unknown"), else the first."""
        rows = self.ordered_rows()
        open_rows = [r for r in rows if r.asked and r.asked.open]
        unanswered = [r for r in open_rows if r.asked and r.asked.answer is None]
        target = next(iter(unanswered or open_rows or rows), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.scroll.ensureWidgetVisible(target)

    def offer(self, question: str) -> None:
        """Bring a question the result calls for into view, leaving the focus alone
        (the user may be typing)."""
        row = self.rows.get(question)
        if row is not None:
            self.scroll.ensureWidgetVisible(row)

    def clear(self) -> None:
        self.answers.clear()

    def _answer(self, question: str, answer: str) -> None:
        if answer:
            self.answers[question] = answer
        else:
            self.answers.pop(question, None)
        self.answersChanged.emit()
        row = self.rows.get(question)
        if row is not None and row.hasFocus():
            self.scroll.ensureWidgetVisible(row)
