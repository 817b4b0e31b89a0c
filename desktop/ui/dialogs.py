"""Every modal dialog the app opens, behind small functions tests can replace.

A test patches these (see tests/conftest.py) so no test can hang on a modal. The
dialog classes are imported when first used: PySide builds their enums on import,
which start-up does not need.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMessageBox


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(path) if path else None


def ask_open_path(parent: QWidget | None, title: str, filters: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(path) if path else None


def ask_print(parent: QWidget | None, printer: "QPrinter") -> bool:
    from PySide6.QtPrintSupport import QPrintDialog

    return QPrintDialog(printer, parent).exec() == QPrintDialog.DialogCode.Accepted


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something that cannot be undone; True when the user chose `action`.
    Cancel is the default, so Enter or Esc keeps everything."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Cancel, parent)
    chosen = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is chosen


def show_message(parent: QWidget | None, title: str, text: str, details: str = "",
                 *, error: bool = False, rich: bool = False) -> None:
    """A message; with `details`, a details pane and a Copy details button."""
    message_box(parent, title, text, details, error=error, rich=rich).exec()


def message_box(parent: QWidget | None, title: str, text: str, details: str = "",
                *, error: bool = False, rich: bool = False) -> "QMessageBox":
    """The box show_message shows. Plain text unless `rich`: messages quote paths and
    pack contents, which must never be read as markup (an image tag would load a file)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical if error else QMessageBox.Icon.Information,
                      title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    return box
