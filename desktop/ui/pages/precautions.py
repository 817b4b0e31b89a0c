"""Precautions: a screening checklist that brings up what applies, ready to print."""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.content import anchors
from desktop.content.models import Precaution, SearchHit
from desktop.content.stamps import dated_header
from desktop.ui import checklist, printing
from desktop.ui.layout import InstantButton, button_row, panes
from desktop.ui.pages.base import PageContext
from desktop.ui.pages.section import SectionPage

KIND_HEADINGS = {"condition": "History to ask about", "situation": "Situations to check"}


class PrecautionsView(QWidget):
    """Layout only: the checklist (grouped by kind), what applies, print buttons, text.

    Each tickable item's value is the precaution's position in the monograph.
    """

    def __init__(self, precautions: tuple[Precaution, ...], browser: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checklist = QListWidget(self)
        self.checklist.setAccessibleName("Screening checklist")
        self.checklist.setSpacing(2)
        for kind, heading in KIND_HEADINGS.items():
            title = QListWidgetItem(heading)
            title.setFlags(Qt.ItemFlag.NoItemFlags)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            self.checklist.addItem(title)
            for position, precaution in enumerate(precautions):
                if precaution.kind == kind:
                    checklist.add_tickable(self.checklist, precaution.label, position)
        self.cautions = QPlainTextEdit(self)
        self.cautions.setReadOnly(True)
        self.cautions.setAccessibleName("Cautions for the ticked items")
        self.cautions.setPlaceholderText("Tick what applies to the patient; the cautions "
                                         "appear here.")
        self.print_button = InstantButton("&Print summary\u2026", self)
        self.print_button.setAccessibleName("Print precautions summary")
        self.pdf_button = InstantButton("Export P&DF\u2026", self)
        self.pdf_button.setAccessibleName("Export precautions summary as PDF")

        screening = QWidget(self)
        left = QVBoxLayout(screening)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel("Screening checklist:", screening))
        left.addWidget(self.checklist, 2)
        left.addWidget(QLabel("What applies:", screening))
        left.addWidget(self.cautions, 1)
        left.addLayout(button_row([self.print_button, self.pdf_button]))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panes(self, screening, browser))


class PrecautionsPage(SectionPage):
    """The screening checklist beside the section. Copy, Print and Export give the
    ticked items; with nothing ticked, the section text."""

    record_kind = "precautions summary"

    def __init__(self, key: str, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(key, context, parent)
        self.view = PrecautionsView(self.monograph.precautions, self.browser, self)
        self.fill_with(self.view)
        self._connect_signals()
        self.render()
        self._on_ticks_changed()

    def _connect_signals(self) -> None:
        self.view.checklist.itemChanged.connect(self._on_ticks_changed)
        self.view.print_button.clicked.connect(self.print_record)
        self.view.pdf_button.clicked.connect(self.export_record)

    @property
    def focus_target(self) -> QWidget:
        return self.view.checklist

    def ticked(self) -> list[Precaution]:
        return [self.monograph.precautions[p] for p in checklist.ticked_values(self.view.checklist)]

    def summary_lines(self) -> list[str]:
        ticked = self.ticked()
        if not ticked:
            return ["Nothing ticked."]
        return [f"- {p.label}: {p.caution} (Source: {p.citation.label})" for p in ticked]

    def _on_ticks_changed(self) -> None:
        ticked = bool(self.ticked())
        self.view.cautions.setPlainText("\n".join(self.summary_lines()) if ticked else "")
        self.view.print_button.setEnabled(ticked)
        self.view.pdf_button.setEnabled(ticked)

    def printable(self) -> QTextDocument:
        return self.summary_document() if self.ticked() else super().printable()

    def record_file_name(self) -> str:
        return f"precautions-{datetime.now().strftime('%Y%m%d-%H%M')}.pdf"

    def summary_document(self) -> QTextDocument:
        title, stamp = dated_header(f"Drug Guide precautions check: {self.monograph.name}",
                                    self.info.content_version, datetime.now().astimezone())
        return printing.plain_document(
            title, [stamp, "", *self.summary_lines(), "", self.info.disclaimer])

    def highlight(self, hit: SearchHit) -> bool:
        """A precaution hit makes its checklist item current; any other marks the text."""
        position = anchors.position(hit.anchor, anchors.PRECAUTION)
        if position is None:
            return super().highlight(hit)
        for item in checklist.items(self.view.checklist):
            if item.data(checklist.ValueRole) == position:
                self.view.checklist.setCurrentItem(item)
                self.view.checklist.setFocus()
                return True
        return False
