"""Layout pieces the pages share."""

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QWidget


class InstantButton(QPushButton):
    """A button whose Alt+letter clicks at once and leaves the keyboard where it was.

    A plain button takes the focus on its mnemonic and clicks 100 ms later, so the
    first keys typed after Alt+L went to the button and were lost.
    """

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and self.isEnabled():
            self.click()
            return True
        return super().event(event)


def panes(parent: QWidget, first: QWidget, second: QWidget,
          orientation: Qt.Orientation = Qt.Orientation.Horizontal,
          stretch: tuple[int, int] = (2, 3)) -> QSplitter:
    """Two panes the user can resize but never collapse, sharing space as `stretch`."""
    splitter = QSplitter(orientation, parent)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setChildrenCollapsible(False)
    return splitter


def button_row(buttons: Iterable[QPushButton]) -> QHBoxLayout:
    """Buttons side by side from the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
