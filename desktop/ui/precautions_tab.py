"""Precautions: a screening checklist that brings up what applies, ready to print."""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.content.models import GuideInfo, Monograph, Precaution
from desktop.ui import printing
from desktop.ui.tabs import SectionTab

KIND_HEADINGS = {"condition": "History to ask about", "situation": "Situations to check"}


class PrecautionsTab(SectionTab):
    def __init__(self, monograph: Monograph, info: GuideInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(monograph, "precautions", parent)
        self.info = info
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
            for precaution in (p for p in monograph.precautions if p.kind == kind):
                item = QListWidgetItem(precaution.label)
                item.setData(Qt.ItemDataRole.UserRole, precaution)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.checklist.addItem(item)
        self.cautions = QPlainTextEdit(self)
        self.cautions.setReadOnly(True)
        self.cautions.setAccessibleName("Cautions for the ticked items")
        self.cautions.setPlaceholderText("Tick what applies to the patient; the cautions "
                                         "appear here.")
        self.print_button = QPushButton("&Print summary\u2026", self)
        self.print_button.setAccessibleName("Print precautions summary")
        self.pdf_button = QPushButton("Export P&DF\u2026", self)
        self.pdf_button.setAccessibleName("Export precautions summary as PDF")

        screening = QWidget(self)
        left = QVBoxLayout(screening)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel("Screening checklist:", screening))
        left.addWidget(self.checklist, 2)
        left.addWidget(QLabel("What applies:", screening))
        left.addWidget(self.cautions, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(screening)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.checklist.itemChanged.connect(self.update_cautions)
        self.print_button.clicked.connect(
            lambda: printing.print_document(self, self.summary_document()))
        self.pdf_button.clicked.connect(lambda: printing.export_pdf(
            self, self.summary_document(),
            f"precautions-{datetime.now().strftime('%Y%m%d-%H%M')}.pdf"))
        self.focus_target = self.checklist
        self.render()
        self.update_cautions()

    def ticked(self) -> list[Precaution]:
        items = (self.checklist.item(i) for i in range(self.checklist.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def summary_lines(self) -> list[str]:
        ticked = self.ticked()
        if not ticked:
            return ["Nothing ticked."]
        return [f"- {p.label}: {p.caution} (Source: {p.citation.label})" for p in ticked]

    def update_cautions(self) -> None:
        ticked = self.ticked()
        self.cautions.setPlainText("\n".join(self.summary_lines()) if ticked else "")
        self.print_button.setEnabled(bool(ticked))
        self.pdf_button.setEnabled(bool(ticked))

    def summary_document(self) -> QTextDocument:
        stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
        return printing.plain_document(
            f"Drug Guide precautions check: {self.monograph.name}",
            [f"{stamp} · content version {self.info.content_version}", "",
             *self.summary_lines(), "", self.info.disclaimer],
        )

    def highlight(self, words: list[str], title: str) -> bool:
        for row in range(self.checklist.count()):
            if self.checklist.item(row).text() == title:
                self.checklist.setCurrentRow(row)
                self.checklist.setFocus()
                return True
        return super().highlight(words, title)
