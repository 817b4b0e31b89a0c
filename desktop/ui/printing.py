"""Print and PDF export of any document the window shows.

Printing goes through the system's print service (on Linux, CUPS, which may be on
the network). PDF export uses QPdfWriter and never touches it: merely creating a
QPrinter asks the print service for its default printer.
"""

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desktop.locations import documents_folder
from desktop.ui import dialogs

PDF_DPI = 300
SAVE_FOLDER = "saveFolder"  # the setting that remembers where the last PDF went


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def print_document(parent: QWidget | None, document: QTextDocument) -> bool:
    printer = _printer()
    if not dialogs.ask_print(parent, printer):
        return False
    document.print_(printer)
    return True


def save_folder() -> Path:
    """The folder the last PDF went to, or else the user's Documents folder."""
    remembered = QSettings().value(SAVE_FOLDER)
    if isinstance(remembered, str) and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def export_pdf(parent: QWidget | None, document: QTextDocument, suggested: str) -> Path | None:
    """Ask where, write the PDF, remember the folder; the path written, or None."""
    path = dialogs.ask_save_path(parent, "Export PDF", str(save_folder() / suggested),
                                 "PDF files (*.pdf)")
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    QSettings().setValue(SAVE_FOLDER, str(path.parent))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setResolution(PDF_DPI)
    document.print_(writer)
    return path


def plain_document(title: str, lines: list[str]) -> QTextDocument:
    """A printable document from a plain-text summary: title bold, lines as they are."""
    document = QTextDocument()
    document.setDocumentMargin(24)
    document.setPlainText("\n".join([title, "", *lines]))
    cursor = document.find(title)
    if not cursor.isNull():
        bold = cursor.charFormat()
        bold.setFontWeight(700)
        bold.setFontPointSize(14)
        cursor.mergeCharFormat(bold)
    return document
