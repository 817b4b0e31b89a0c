"""Plain data the rest of the app reads; no database or Qt types leak out."""

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class GuideInfo:
    """Guide-wide facts from the database's `meta` table."""

    title: str
    content_version: str
    disclaimer: str
    emergency_message: str
    unlisted_advice: str
    no_interaction_message: str
    schema_version: int
    sources_sha256: str


@dataclass(frozen=True)
class DrugSummary:
    id: str
    name: str


@dataclass(frozen=True)
class Source:
    """A document the guide cites: the article, a label, or another reference."""

    id: str
    short: str
    kind: str  # article | label | other
    title: str
    publisher: str
    document: str  # set id, application number or other identifier
    revision: str

    @property
    def citation(self) -> str:
        """The full reference, as a pharmacist would look it up."""
        return f"{self.title}. {self.publisher}. {self.document}. {self.revision}."


@dataclass(frozen=True)
class Citation:
    """Where one piece of content comes from: a source, and the part of it."""

    source: Source
    part: str

    @property
    def label(self) -> str:
        """Short form for the screen: "Ozobax label (US): 4 Contraindications ..."."""
        return f"{self.source.short}: {self.part}"

    @property
    def full(self) -> str:
        return f"{self.source.citation} Section: {self.part}."


@dataclass(frozen=True)
class Block:
    """A paragraph, list, table or clinical note of a section, with its own source.

    `body` is Markdown, except for a table, whose cells `cells()` returns.
    """

    kind: str
    title: str | None
    body: str
    citation: Citation

    def cells(self) -> tuple[list[str], list[list[str]]]:
        """A table block's header and rows."""
        table = json.loads(self.body)
        return table["header"], table["rows"]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Dose:
    route: str
    stage: str
    mg_per_day: float | None
    days: int | None
    detail: str
    citation: Citation


@dataclass(frozen=True)
class Fact:
    label: str
    low: float | None
    high: float | None
    unit: str | None
    detail: str
    citation: Citation

    @property
    def value(self) -> str:
        """The figure as people say it: "2-4 hours", "24 interactions"."""
        if self.low is None:
            return ""
        number = f"{self.low:g}" if self.high is None else f"{self.low:g}-{self.high:g}"
        return f"{number} {self.unit}"


@dataclass(frozen=True)
class WordPair:
    """A clause naming one word of `about` and one of `trouble` reports the symptom:
    "my breathing feels funny" (about: breathing; trouble: funny)."""

    about: tuple[str, ...]
    trouble: tuple[str, ...]


@dataclass(frozen=True)
class SideEffect:
    name: str
    tier: str
    frequency: str
    advice: str
    citation: Citation
    terms: tuple[str, ...]
    pairs: tuple[WordPair, ...] = ()

    @property
    def source(self) -> str:
        """The citation as one line, as summaries and the triage report print it."""
        return self.citation.label


@dataclass(frozen=True)
class Member:
    """One drug of an interaction entry, with its brand and other names."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Interaction:
    name: str
    drug_class: str | None
    severity: str
    advice: str
    members: tuple[Member, ...]
    citation: Citation


@dataclass(frozen=True)
class Precaution:
    label: str
    kind: str
    caution: str
    citation: Citation


@dataclass(frozen=True)
class Monograph:
    """Everything the guide says about one drug."""

    id: str
    name: str
    drug_class: str
    summary: str
    last_reviewed: str
    sections: tuple[Section, ...]
    dosing: tuple[Dose, ...]
    facts: tuple[Fact, ...]
    side_effects: tuple[SideEffect, ...]
    interactions: tuple[Interaction, ...]
    precautions: tuple[Precaution, ...]

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)

    def citations(self) -> list[tuple[str, Citation]]:
        """Every cited row as (what it is, its citation), in the order the guide shows them."""
        found = [(f"{s.title}: {b.title}" if b.title else s.title, b.citation)
                 for s in self.sections for b in s.blocks]
        found += [(f"Dosing: {d.stage}", d.citation) for d in self.dosing]
        found += [(f"Key fact: {f.label}", f.citation) for f in self.facts]
        found += [(f"Side effect: {e.name}", e.citation) for e in self.side_effects]
        found += [(f"Interaction: {i.name}", i.citation) for i in self.interactions]
        found += [(f"Precaution: {p.label}", p.citation) for p in self.precautions]
        return found


@dataclass(frozen=True)
class SearchHit:
    """One search result; `highlights` are (start, end) spans of `snippet`."""

    drug_id: str
    section_key: str
    section_title: str
    title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
