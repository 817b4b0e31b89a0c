"""Lists of tickable items (the checker's side effects, the precautions checklist)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem

# Each tickable item carries the value it stands for under this role.
ValueRole = Qt.ItemDataRole.UserRole


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


def untick_all(checklist: QListWidget) -> None:
    """Clear every tick without a change signal per item; the caller updates once."""
    checklist.blockSignals(True)
    for item in items(checklist):
        item.setCheckState(Qt.CheckState.Unchecked)
    checklist.blockSignals(False)
