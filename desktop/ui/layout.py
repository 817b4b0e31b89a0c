"""Layout pieces the pages share."""

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QWidget


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
