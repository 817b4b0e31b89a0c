"""Print and PDF export of any document the window shows.

Printing goes through the system's print service (on Linux, CUPS, which may be on
the network). PDF export uses QPdfWriter and never touches it: merely creating a
QPrinter asks the print service for its default printer.
"""

from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desktop.ui import dialogs

PDF_DPI = 300


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


def export_pdf(parent: QWidget | None, document: QTextDocument, suggested: str) -> bool:
    path = dialogs.ask_save_path(parent, "Export PDF", suggested, "PDF files (*.pdf)")
    if path is None:
        return False
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setResolution(PDF_DPI)
    document.print_(writer)
    return True


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
