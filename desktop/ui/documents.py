"""Monograph sections as rich-text documents, for the screen and for print.

Everything is built with QTextCursor from database text: Markdown bodies are
inserted with raw HTML disabled, and clinical notes are framed apart. Every block
ends with a small numbered source marker (a `source:` link whose tool tip is the
full citation), and the document ends with the sources it used, so print and PDF
carry them too.
"""

from collections.abc import Iterable, Sequence

from PySide6.QtGui import (
    QBrush,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextTableFormat,
)

from desktop.content.models import Block, Citation, Monograph, Section, Source
from desktop.content.schema import TIERS
from desktop.ui.browser import ICON_SCHEME, SOURCE_SCHEME
from desktop.ui.style import BADGES

MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | (
    QTextDocument.MarkdownFeature.MarkdownNoHTML
)
SOURCE_KIND_WORDS = {"article": "article", "label": "prescribing information", "other": "other"}


class DocumentWriter:
    """Appends headings, Markdown, notes and tables to one document."""

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        self.document = document
        self.palette = palette
        self.cursor = QTextCursor(document)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.cited: list[Citation] = []  # in order of first use; markers number them

    def text_format(self, *, bold: bool = False, scale: float = 1.0) -> QTextCharFormat:
        text = QTextCharFormat()
        text.setFontWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
        text.setFontPointSize(self.document.defaultFont().pointSizeF() * scale)
        text.setForeground(self.palette.color(QPalette.ColorRole.Text))
        return text

    def heading(self, text: str, scale: float = 1.35) -> None:
        """A bold heading; `text` may be empty when a badge follows on the same line."""
        block = QTextBlockFormat()
        block.setTopMargin(10)
        block.setBottomMargin(4)
        self.cursor.insertBlock(block, self.text_format(bold=True, scale=scale))
        self.cursor.insertText(text)

    def paragraph(self, text: str) -> None:
        block = QTextBlockFormat()
        block.setBottomMargin(4)
        self.cursor.insertBlock(block, self.text_format())
        self.cursor.insertText(text)

    def markdown(self, text: str) -> None:
        self.cursor.insertBlock(QTextBlockFormat(), self.text_format())
        self.cursor.insertMarkdown(text, MARKDOWN)

    def badge(self, key: str, size: int = 18) -> None:
        image = QTextImageFormat()
        image.setName(f"{ICON_SCHEME}:{BADGES[key].icon}")
        image.setWidth(size)
        image.setHeight(size)
        image.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        self.cursor.insertImage(image)
        self.cursor.insertText(f" {BADGES[key].word}", self.text_format(bold=True))

    def marker(self, citation: Citation) -> None:
        """A small numbered link to `citation`; hover or keyboard focus shows it in full."""
        if citation not in self.cited:
            self.cited.append(citation)
        number = self.cited.index(citation) + 1
        link = self.text_format()
        link.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        link.setAnchor(True)
        link.setAnchorHref(f"{SOURCE_SCHEME}:{number}")
        link.setToolTip(f"[{number}] {citation.full}")
        link.setForeground(self.palette.color(QPalette.ColorRole.Link))
        self.cursor.insertText("\u2009", self.text_format())
        self.cursor.insertText(f"[{number}]", link)
        self.cursor.setCharFormat(self.text_format())

    def block(self, block: Block, heading_scale: float = 1.15) -> None:
        if block.kind == "note":
            self.note(block)
            return
        if block.title:
            self.heading(block.title, heading_scale)
        if block.kind == "table":
            if not block.title:
                self.paragraph("")
            self.marker(block.citation)
            header, rows = block.cells()
            self.table(header, rows, widths=[100 // len(header)] * len(header))
            return
        self.markdown(block.body)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.marker(block.citation)

    def note(self, note: Block) -> None:
        """A clinical note: framed, tinted, with its source underneath."""
        frame = QTextFrameFormat()
        frame.setBorder(1)
        frame.setBorderBrush(QBrush(self.palette.color(QPalette.ColorRole.Mid)))
        frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        frame.setPadding(8)
        frame.setMargin(6)
        frame.setBackground(self.palette.color(QPalette.ColorRole.AlternateBase))
        self.cursor.insertFrame(frame)
        self.cursor.insertText(f"Clinical note: {note.title}", self.text_format(bold=True))
        self.cursor.insertBlock(QTextBlockFormat(), self.text_format())
        self.cursor.insertMarkdown(note.body, MARKDOWN)
        self.cursor.insertBlock(QTextBlockFormat(), self.text_format(scale=0.9))
        self.cursor.insertText(f"Source: {note.citation.label}", self.text_format(scale=0.9))
        self.marker(note.citation)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def sources_used(self) -> None:
        """The numbered list of every source this document cited, in full."""
        if not self.cited:
            return
        self.heading("Sources", 1.15)
        for number, citation in enumerate(self.cited, start=1):
            self.paragraph(f"[{number}] {citation.full}")

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]],
              widths: Sequence[int] | None = None) -> None:
        rows = list(rows)
        table_format = QTextTableFormat()
        table_format.setCellPadding(5)
        table_format.setCellSpacing(0)
        table_format.setBorder(0.5)
        table_format.setBorderBrush(QBrush(self.palette.color(QPalette.ColorRole.Mid)))
        table_format.setHeaderRowCount(1)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        if widths:
            table_format.setColumnWidthConstraints(
                [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
        table = self.cursor.insertTable(len(rows) + 1, len(header), table_format)
        for column, title in enumerate(header):
            cell = table.cellAt(0, column)
            shade = cell.format()
            shade.setBackground(self.palette.color(QPalette.ColorRole.AlternateBase))
            cell.setFormat(shade)
            cell.firstCursorPosition().insertText(title, self.text_format(bold=True))
        for row_index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                table.cellAt(row_index, column).firstCursorPosition().insertText(
                    value, self.text_format())
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            self.block(block)

    def cited_heading(self, text: str, citations: Iterable[Citation]) -> None:
        """A heading followed by the markers of the rows under it."""
        self.heading(text, 1.15)
        for citation in dict.fromkeys(citations):
            self.marker(citation)


def _dose_amount(mg_per_day: float | None, days: int | None) -> str:
    amount = f"{mg_per_day:g} mg/day" if mg_per_day is not None else "—"
    return f"{amount} for {days} days" if days else amount


def _overview(writer: DocumentWriter, monograph: Monograph, section: Section) -> None:
    writer.paragraph(f"{monograph.drug_class}. {monograph.summary}")
    writer.blocks(section.blocks)
    writer.cited_heading("Dosing", (d.citation for d in monograph.dosing))
    writer.table(["Route", "Stage", "Amount", "Details"],
                 ([d.route, d.stage, _dose_amount(d.mg_per_day, d.days), d.detail]
                  for d in monograph.dosing), widths=[14, 22, 22, 42])


def _how_it_works(writer: DocumentWriter, monograph: Monograph, section: Section) -> None:
    writer.cited_heading("Key facts", (f.citation for f in monograph.facts))
    writer.table(["", "Value", "Details"],
                 ([f.label, f.value or "—", f.detail] for f in monograph.facts),
                 widths=[26, 20, 54])
    writer.heading("Mechanism and body handling", 1.15)
    writer.blocks(section.blocks)


def _side_effects(writer: DocumentWriter, monograph: Monograph, section: Section) -> None:
    """The first block introduces the tier tables; the other blocks follow them."""
    writer.blocks(section.blocks[:1])
    for tier in TIERS:
        effects = [e for e in monograph.side_effects if e.tier == tier]
        if not effects:
            continue
        writer.heading("", 1.1)
        writer.badge(tier, 22)
        for citation in dict.fromkeys(e.citation for e in effects):
            writer.marker(citation)
        writer.table(["Symptom", "How often", "What to do"],
                     ([e.name.capitalize(), e.frequency, e.advice] for e in effects),
                     widths=[26, 16, 58])
    writer.blocks(section.blocks[1:])


_EXTRAS = {"overview": _overview, "how_it_works": _how_it_works, "side_effects": _side_effects}


def section_document(monograph: Monograph, key: str, palette: QPalette,
                     font: QFont) -> QTextDocument:
    """The document for one monograph tab: title, body, cards and notes."""
    section = monograph.section(key)
    writer = _titled_writer(f"{monograph.name}: {section.title}", palette, font)
    _EXTRAS.get(key, lambda w, m, s: w.blocks(s.blocks))(writer, monograph, section)
    writer.sources_used()
    return writer.document


def _titled_writer(title: str, palette: QPalette, font: QFont) -> DocumentWriter:
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(14)
    writer = DocumentWriter(document, palette)
    writer.cursor.insertText(title, writer.text_format(bold=True, scale=1.6))
    return writer



def sources_document(sources: list[Source], monograph: Monograph, palette: QPalette,
                     font: QFont) -> QTextDocument:
    """Every source the guide cites, in full, with what each part of it supports here."""
    supports: dict[str, dict[str, list[str]]] = {source.id: {} for source in sources}
    for what, citation in monograph.citations():
        parts = supports[citation.source.id]
        parts.setdefault(citation.part, [])
        if what not in parts[citation.part]:
            parts[citation.part].append(what)
    writer = _titled_writer(f"{monograph.name}: Sources", palette, font)
    writer.paragraph("Every fact in this guide names one of these sources and the part of it it "
                     "comes from. Labels are cited by set id and revision where known.")
    for source in sources:
        writer.heading(f"{source.short} ({SOURCE_KIND_WORDS[source.kind]})", 1.15)
        writer.paragraph(source.citation)
        if not supports[source.id]:
            writer.paragraph("Not cited in this monograph.")
        for part, whats in supports[source.id].items():
            writer.paragraph(f"\u2022 {part}: {'; '.join(whats)}.")
    return writer.document
