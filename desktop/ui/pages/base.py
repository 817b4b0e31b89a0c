"""What every page of the window is and does."""


from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.content.models import GuideInfo, Monograph, SearchHit, Source

# Shown while the system's print service is asked for printers: it can be slow or
# unreachable on a network, so this is said before the wait, not after it.
PRINT_SERVICE_WAIT = ("Asking the system's print service for printers\u2026 (this can take a "
                      "while if the print server is unreachable)")


class PageContext(NamedTuple):
    """What a page is built from: one drug's monograph, the guide's own texts and the
    sources it cites."""

    monograph: Monograph
    info: GuideInfo
    sources: tuple[Source, ...] = ()


class Page(QWidget):
    """One tab of the main window, built from `context` when first shown and again
    whenever the drug changes.

    A page must give its `focus_target` (where the keyboard goes when the page is
    opened by shortcut) and its `printable()` document: what was entered on it, or
    its text. Copy, Print and Export PDF, from the menu, a shortcut or the page's own
    buttons, all go through `copy_record`, `print_record` and `export_record`, and
    confirm in `statusMessage`. A page overrides `render()` if it draws documents
    from the palette or font, and `highlight()` if search hits point at it (hits name
    the page by its registry key).
    """

    statusMessage = Signal(str)  # a confirmation for the window's status bar
    record_kind = "page"  # what a record of this page is called: "Copied chart note"

    def __init__(self, key: str, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.monograph = context.monograph
        self.info = context.info

    def fill_with(self, view: QWidget) -> None:
        """Lay `view`, the widget holding the page's layout, over the whole page."""
        layout = QVBoxLayout(self)
        layout.addWidget(view)

    @property
    def focus_target(self) -> QWidget:
        raise NotImplementedError(f"{type(self).__name__} must name its focus target")

    def printable(self) -> QTextDocument:
        """What Copy, Print and Export PDF produce while this page is shown."""
        raise NotImplementedError(f"{type(self).__name__} must say what it prints")

    def record_text(self) -> str:
        """The record as plain text, for the clipboard."""
        return self.printable().toPlainText()

    def record_file_name(self) -> str:
        """The file name a save dialog suggests; records of what was entered add the time."""
        return f"{self.monograph.name.lower()}-{self.key.replace('_', '-')}.pdf"

    def copy_record(self) -> None:
        QGuiApplication.clipboard().setText(self.record_text())
        self.record_kept()
        self.statusMessage.emit(f"Copied {self.record_kind}")

    def print_record(self) -> None:
        from desktop.ui import printing  # QtPrintSupport loads on first use

        self.statusMessage.emit(PRINT_SERVICE_WAIT)
        printed = printing.print_document(self, self.printable())
        if printed:
            self.record_kept()
        self.statusMessage.emit(f"Printed {self.record_kind}" if printed else "Print cancelled")

    def export_record(self) -> None:
        from desktop.ui import printing

        path = printing.export_pdf(self, self.printable(), self.record_file_name())
        if path:
            self.record_kept()
        self.statusMessage.emit(f"Saved {path}" if path else "Export cancelled")

    def has_unsaved_work(self) -> bool:
        """Whether quitting now would lose something entered and not yet copied,
        printed or exported."""
        return False

    def record_kept(self) -> None:
        """The record left the window (copied, printed or saved): a page that tracks
        unsaved work notes it here."""

    def render(self) -> None:
        """Rebuild whatever the theme or zoom cannot restyle by itself."""

    def highlight(self, hit: SearchHit) -> bool:
        """Show and mark the block or row `hit.anchor` names; False if not found."""
        return False

    def clear_highlight(self) -> None:
        """Take away the marks `highlight()` left."""
