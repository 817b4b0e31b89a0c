"""Monograph sections as rich-text documents, for the screen and for print.

Everything is built with QTextCursor from database text: Markdown bodies are
inserted with raw HTML disabled, and clinical notes are framed apart. Every block
ends with a small numbered source marker (a `source:` link whose tool tip is the
full citation), and the document ends with the sources it used, so print and PDF
carry them too.
"""

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
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

from desktop.content import anchors
from desktop.content.models import Block, Citation, Monograph, Section, Source
from desktop.content.schema import TIER_LABELS, TIERS
from desktop.ui.browser import CITATION_PROPERTY, SafeDocument, plain_tip
from desktop.ui.style import BADGES, ICON_SCHEME, SOURCE_SCHEME

MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | (
    QTextDocument.MarkdownFeature.MarkdownNoHTML
)
SOURCE_KIND_WORDS = {"article": "article", "label": "prescribing information", "other": "other"}
# Qt's line breaking rescans an unbreakable run for every line it wraps, so a long
# run without spaces lays out in quadratic time; a zero-width space every so often
# gives it break points, which keeps rendering linear. No real word is this long.
_LONG_RUN = re.compile(r"\S{64}(?=\S)")
_BREAK = "\u200b"


def breakable(text: str) -> str:
    """`text` with a zero-width space after every 64 characters without a space."""
    return _LONG_RUN.sub(lambda run: run.group() + _BREAK, text)


class SectionDocument(NamedTuple):
    """A section's document, and where each search anchor's block or row lies in it."""

    document: QTextDocument
    spans: dict[str, tuple[int, int]]


class DocumentWriter:
    """Appends headings, Markdown, notes and tables to one document, noting where each
    anchored block or row lies (`spans`)."""

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        self.document = document
        self.palette = palette
        self.cursor = QTextCursor(document)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.spans: dict[str, tuple[int, int]] = {}
        self.cited: list[Citation] = []  # in order of first use; markers number them

    def text_format(self, *, bold: bool = False, scale: float = 1.0) -> QTextCharFormat:
        text = QTextCharFormat()
        text.setFontWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
        text.setFontPointSize(self.document.defaultFont().pointSizeF() * scale)
        text.setForeground(self.palette.brush(QPalette.ColorRole.Text))
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
        self.cursor.insertText(breakable(text))

    def markdown(self, text: str) -> None:
        self.cursor.insertBlock(QTextBlockFormat(), self.text_format())
        self.cursor.insertMarkdown(breakable(text), MARKDOWN)

    def badge(self, key: str, lines: float = 1.0) -> None:
        """A tier's icon, `lines` lines of text tall at the document's zoom, and its word."""
        size = round(QFontMetricsF(self.document.defaultFont()).height() * lines)
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
        link.setToolTip(plain_tip(f"[{number}] {citation.full}"))
        link.setProperty(CITATION_PROPERTY, f"[{number}] {citation.full}")
        link.setForeground(self.palette.brush(QPalette.ColorRole.Link))
        self.cursor.insertText("\u2009", self.text_format())
        self.cursor.insertText(f"[{number}]", link)
        self.cursor.setCharFormat(self.text_format())

    def block(self, block: Block, anchor: str, heading_scale: float = 1.15) -> None:
        """One block, with its title or else its first line (paragraph, list item or
        header row) recorded as `anchor`'s span: enough to find, not a wall to read."""
        if block.kind == "note":
            self.note(block, anchor)
            return
        start = self.cursor.position()
        if block.title:
            self.heading(block.title, heading_scale)
        if block.kind == "table":
            if not block.title:
                self.paragraph("")
            self.marker(block.citation)
            if not block.title:
                start = self.cursor.position()  # the span starts at the table, not its marker
            header, rows = block.cells()
            self.table(header, rows, widths=[100 // len(header)] * len(header))
        else:
            self.markdown(block.body)
            self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.spans[anchor] = self._first_line_from(start)
        if block.kind != "table":
            self.marker(block.citation)

    def _first_line_from(self, position: int) -> tuple[int, int]:
        """The span of the first line of text at or after `position`, skipping the block
        and table breaks before it; a table's first line is its header row."""
        breaks = {"\u2029", "\ufdd0", "\ufdd1"}  # paragraph, table cell and row breaks
        while position < self.cursor.position() and self.document.characterAt(position) in breaks:
            position += 1
        table = QTextCursor(self.document)
        table.setPosition(position)
        if (found := table.currentTable()) is not None:
            return position, found.cellAt(0, found.columns() - 1).lastPosition()
        line = self.document.findBlock(position)
        return position, line.position() + line.length() - 1

    def note(self, note: Block, anchor: str) -> None:
        """A clinical note: framed, tinted, with its source underneath."""
        frame = QTextFrameFormat()
        frame.setBorder(1)
        frame.setBorderBrush(self.palette.brush(QPalette.ColorRole.Mid))
        frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        frame.setPadding(8)
        frame.setMargin(6)
        frame.setBackground(self.palette.brush(QPalette.ColorRole.AlternateBase))
        self.cursor.insertFrame(frame)
        start = self.cursor.position()
        self.cursor.insertText(f"Clinical note: {note.title}", self.text_format(bold=True))
        self.spans[anchor] = (start, self.cursor.position())
        self.cursor.insertBlock(QTextBlockFormat(), self.text_format())
        self.cursor.insertMarkdown(breakable(note.body), MARKDOWN)
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
              widths: Sequence[int] | None = None, row_anchors: Sequence[str] = ()) -> None:
        """A table with a shaded header; row i is anchored as `row_anchors[i]`, if given."""
        rows = list(rows)
        table_format = QTextTableFormat()
        table_format.setCellPadding(5)
        table_format.setCellSpacing(0)
        table_format.setBorder(0.5)
        table_format.setBorderBrush(self.palette.brush(QPalette.ColorRole.Mid))
        table_format.setHeaderRowCount(1)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        if widths:
            table_format.setColumnWidthConstraints(
                [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
        table = self.cursor.insertTable(len(rows) + 1, len(header), table_format)
        for column, title in enumerate(header):
            cell = table.cellAt(0, column)
            shade = cell.format()
            shade.setBackground(self.palette.brush(QPalette.ColorRole.AlternateBase))
            cell.setFormat(shade)
            cell.firstCursorPosition().insertText(title, self.text_format(bold=True))
        for row_index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                table.cellAt(row_index, column).firstCursorPosition().insertText(
                    breakable(value), self.text_format())
        for row_index, anchor in enumerate(row_anchors, start=1):
            self.spans[anchor] = (table.cellAt(row_index, 0).firstPosition(),
                                  table.cellAt(row_index, len(header) - 1).lastPosition())
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def blocks(self, section: Section, first: int = 0, last: int | None = None) -> None:
        """Blocks `first` to `last` (all by default) of `section`, each anchored by position."""
        for position, block in enumerate(section.blocks[first:last], start=first):
            self.block(block, anchors.row(anchors.BLOCK, position))

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
    writer.blocks(section)
    writer.cited_heading("Dosing", (d.citation for d in monograph.dosing))
    writer.table(["Route", "Stage", "Amount", "Details"],
                 ([d.route, d.stage, _dose_amount(d.mg_per_day, d.days), d.detail]
                  for d in monograph.dosing), widths=[14, 22, 22, 42],
                 row_anchors=_row_anchors(anchors.DOSE, range(len(monograph.dosing))))


def _how_it_works(writer: DocumentWriter, monograph: Monograph, section: Section) -> None:
    writer.cited_heading("Key facts", (f.citation for f in monograph.facts))
    writer.table(["", "Value", "Details"],
                 ([f.label, f.value or "—", f.detail] for f in monograph.facts),
                 widths=[26, 20, 54],
                 row_anchors=_row_anchors(anchors.FACT, range(len(monograph.facts))))
    writer.heading("Mechanism and body handling", 1.15)
    writer.blocks(section)


def _side_effects(writer: DocumentWriter, monograph: Monograph, section: Section) -> None:
    """The first block introduces the tier tables; the other blocks follow them."""
    writer.blocks(section, last=1)
    for tier in TIERS:
        positions = [i for i, e in enumerate(monograph.side_effects) if e.tier == tier]
        if not positions:
            continue
        effects = [monograph.side_effects[i] for i in positions]
        writer.heading("", 1.1)
        writer.badge(tier, 1.5)
        for citation in dict.fromkeys(e.citation for e in effects):
            writer.marker(citation)
        # An overdose sign is listed for why it matters, not how often it happens.
        why_or_how_often = "Why" if tier == TIERS[0] else "How often"
        writer.table(["Symptom", why_or_how_often, "What to do"],
                     ([e.name.capitalize(), e.frequency, e.advice] for e in effects),
                     widths=[26, 16, 58],
                     row_anchors=_row_anchors(anchors.SIDE_EFFECT, positions))
    writer.blocks(section, first=1)
    _danger_signs(writer, monograph)


def _danger_signs(writer: DocumentWriter, monograph: Monograph) -> None:
    """What the symptom checker watches for beyond the guide's side effects, each with
    its tier and source: the label's danger symptoms and alerts, then the signs that
    are an emergency for any patient."""
    triage = monograph.triage
    label = [(f.name.capitalize(), TIER_LABELS[f.tier], f"{f.advice} Source: {f.source}.")
             for f in triage.findings if f.kind == "symptom" and f.tier]
    label += [(r.title, TIER_LABELS[r.tier], f"{r.advice} Source: {r.source}.")
              for r in triage.rules]
    writer.heading("Danger signs from the label", 1.15)
    writer.table(["Sign", "Tier", "What to do"], label, widths=[30, 14, 56])
    signs = [(f.name.capitalize(), f"{f.advice} Source: {f.source}.")
             for f in triage.findings if f.kind == "sign"]
    writer.heading("Emergency signs for any patient", 1.15)
    writer.table(["Sign", "What to do"], signs, widths=[34, 66])


def _row_anchors(kind: str, positions: Iterable[int]) -> list[str]:
    return [anchors.row(kind, position) for position in positions]


_EXTRAS = {"overview": _overview, "how_it_works": _how_it_works, "side_effects": _side_effects}


def section_document(monograph: Monograph, key: str, palette: QPalette,
                     font: QFont) -> SectionDocument:
    """The document for one monograph page: title, body, cards and notes."""
    section = monograph.section(key)
    writer = _titled_writer(f"{monograph.name}: {section.title}", palette, font)
    _EXTRAS.get(key, lambda w, m, s: w.blocks(s))(writer, monograph, section)
    writer.sources_used()
    return SectionDocument(writer.document, writer.spans)


def _titled_writer(title: str, palette: QPalette, font: QFont) -> DocumentWriter:
    document = SafeDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(14)
    writer = DocumentWriter(document, palette)
    writer.cursor.insertText(title, writer.text_format(bold=True, scale=1.6))
    return writer


def sources_document(sources: list[Source], monograph: Monograph, palette: QPalette,
                     font: QFont, query: str = "") -> QTextDocument:
    """Every source the guide cites, in full, with what each part of it supports here;
    with a `query`, only the sources whose text or supported facts contain it."""
    supports: dict[str, dict[str, list[str]]] = {source.id: {} for source in sources}
    for what, citation in monograph.citations():
        parts = supports[citation.source.id]
        parts.setdefault(citation.part, [])
        if what not in parts[citation.part]:
            parts[citation.part].append(what)
    wanted = query.strip().casefold()
    shown = [source for source in sources if not wanted or wanted in " ".join(
        [source.short, source.citation, source.review,
         *(f"{part} {' '.join(whats)}" for part, whats
                                          in supports[source.id].items())]).casefold()]
    writer = _titled_writer(f"{monograph.name}: Sources", palette, font)
    writer.paragraph("Every fact in this guide names one of these sources and the part of it it "
                     "comes from. Labels are cited by set id and revision where known. Each "
                     "source's review says how far its cited parts have been compared with its "
                     "full text: checked, partly checked, or awaiting check.")
    if not shown:
        writer.paragraph(f"No source mentions “{query.strip()}”.")
    for source in shown:
        writer.heading(f"{source.short} ({SOURCE_KIND_WORDS[source.kind]})", 1.15)
        writer.paragraph(source.citation)
        writer.paragraph(source.review)
        if not supports[source.id]:
            writer.paragraph("Not cited in this monograph.")
        for part, whats in supports[source.id].items():
            writer.paragraph(f"\u2022 {part}: {'; '.join(whats)}.")
    return writer.document
