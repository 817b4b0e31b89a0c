"""Lists of tickable items (the checker's side effects, the precautions checklist)."""

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem

# Each tickable item carries the value it stands for under this role.
ValueRole = Qt.ItemDataRole.UserRole


def wrap_to_width(checklist: QListWidget) -> None:
    """Long items wrap onto more lines rather than scroll sideways out of sight."""
    checklist.setWordWrap(True)
    checklist.setResizeMode(QListView.ResizeMode.Adjust)
    checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def add_tickable(checklist: QListWidget, text: str, value: object,
                 icon: QIcon | None = None) -> QListWidgetItem:
    item = QListWidgetItem(text) if icon is None else QListWidgetItem(icon, text)
    item.setData(ValueRole, value)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                  | Qt.ItemFlag.ItemIsSelectable)
    item.setCheckState(Qt.CheckState.Unchecked)
    checklist.addItem(item)
    return item


def items(checklist: QListWidget) -> list[QListWidgetItem]:
    return [checklist.item(row) for row in range(checklist.count())]


def ticked_values(checklist: QListWidget) -> list:
    return [item.data(ValueRole) for item in items(checklist)
            if item.checkState() == Qt.CheckState.Checked]


def tick_values(checklist: QListWidget, values: Iterable[object]) -> None:
    """Tick the items standing for `values`, without a change signal per item; the
    caller updates once."""
    wanted = set(values)
    checklist.blockSignals(True)
    for item in items(checklist):
        if item.data(ValueRole) in wanted:
            item.setCheckState(Qt.CheckState.Checked)
    checklist.blockSignals(False)


def untick_all(checklist: QListWidget) -> None:
    """Clear every tick without a change signal per item; the caller updates once."""
    checklist.blockSignals(True)
    for item in items(checklist):
        item.setCheckState(Qt.CheckState.Unchecked)
    checklist.blockSignals(False)
