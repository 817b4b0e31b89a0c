"""Plain data the rest of the app reads; no database or Qt types leak out.

Records are immutable `NamedTuple`s, compared and hashed by value: making one costs a
seventh of a frozen dataclass (whose methods are compiled at import), and the window
imports every one of them before its first frame.
"""

import json
from typing import NamedTuple


class GuideInfo(NamedTuple):
    """Guide-wide facts from the database's `meta` table."""

    title: str
    content_version: str
    disclaimer: str
    emergency_message: str
    unlisted_advice: str
    no_interaction_message: str
    schema_version: int
    sources_sha256: str
    # Words a medicine's name may add to an ingredient (db/content/medicine_words.toml).
    medicine_words: frozenset[str] = frozenset()


class DrugSummary(NamedTuple):
    id: str
    name: str


class Source(NamedTuple):
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


class Citation(NamedTuple):
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


def _cited_source(record: "SideEffect | Finding | Rule") -> str:
    """The citation as one line: "Baclofen tablets label (US): 5.1 Abrupt ..."."""
    return record.citation.label


# What the triage report and JSON print for a side effect, finding or rule.
_SOURCE = property(_cited_source)


class Block(NamedTuple):
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


class Section(NamedTuple):
    key: str
    title: str
    blocks: tuple[Block, ...]


class Dose(NamedTuple):
    route: str
    stage: str
    mg_per_day: float | None
    days: int | None
    detail: str
    citation: Citation


class Fact(NamedTuple):
    label: str
    low: float | None
    high: float | None
    unit: str | None
    detail: str
    citation: Citation

    @property
    def value(self) -> str:
        return figure(self.low, self.high, self.unit)


def figure(low: float | None, high: float | None, unit: str | None) -> str:
    """A figure as people say it: "2-4 hours", "24 interactions"; "" without one."""
    if low is None:
        return ""
    number = f"{low:g}" if high is None else f"{low:g}-{high:g}"
    return f"{number} {unit}"


class WordPair(NamedTuple):
    """A clause naming one word of `about` and one of `trouble` reports the symptom:
    "my breathing feels funny" (about: breathing; trouble: funny)."""

    about: tuple[str, ...]
    trouble: tuple[str, ...]


class SideEffect(NamedTuple):
    name: str
    tier: str
    frequency: str
    advice: str
    citation: Citation
    terms: tuple[str, ...]
    pairs: tuple[WordPair, ...] = ()
    shorthand: tuple[str, ...] = ()  # matched with their case: "HA", not "ha"
    act: str = ""  # when to act within the tier: "today", "at the next routine contact"

    source = _SOURCE


class Finding(NamedTuple):
    """Something a caller may report that is not one of the guide's side effects.

    `kind` is "sign" (an emergency sign for any patient), "symptom" (a drug's
    danger symptom, with a tier of its own or counted only through a rule),
    "context" (a situation such as "ran out of tablets") or "ignore" (words that
    look like a symptom but are not one: "insulin pump").
    """

    key: str
    kind: str
    name: str
    tier: str | None
    advice: str
    citation: Citation
    terms: tuple[str, ...]
    pairs: tuple[WordPair, ...] = ()
    shorthand: tuple[str, ...] = ()

    source = _SOURCE


class Rule(NamedTuple):
    """An alert raised when every group of `needs` has one finding present.

    Findings are named by key, or by side effect name. A rule only ever raises a tier.
    """

    key: str
    title: str
    tier: str
    advice: str
    citation: Citation
    needs: tuple[tuple[str, ...], ...]

    source = _SOURCE


class ContextTrigger(NamedTuple):
    """A ConText trigger: words that change how nearby findings are read.

    `category`: negated, normal (an implied denial: "breathing's fine"), hedge,
    history, recent (ends history: "this morning"), pseudo (looks like a trigger but
    is not: "no longer") or terminate ("but"). `direction`: forward, backward or both.
    `list_scope`: the scope runs along a list ("denies CP/SOB, N/V").
    """

    phrase: str
    category: str
    direction: str
    list_scope: bool = False


class Answer(NamedTuple):
    """One answer to a guided question: the targets (side effect names or finding
    keys) it reports present, and those it denies. "unknown" feeds nothing."""

    key: str
    label: str
    feeds: tuple[str, ...] = ()
    denies: tuple[str, ...] = ()


class Question(NamedTuple):
    """A question the checker asks, in asking order: red flags first.

    It applies always (`when` empty) or once one of the `when` targets is present.
    It is a red flag always (`red_flag`) or while one of `red_flag_when` is present.
    """

    key: str
    text: str
    answers: tuple[Answer, ...]
    when: tuple[str, ...]
    red_flag: bool
    citation: Citation
    red_flag_when: tuple[str, ...] = ()

    source = _SOURCE


class TriageContent(NamedTuple):
    """Everything the triage engine reads for one drug."""

    side_effects: tuple[SideEffect, ...]
    findings: tuple[Finding, ...] = ()
    rules: tuple[Rule, ...] = ()
    triggers: tuple[ContextTrigger, ...] = ()
    drug_names: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()


class Member(NamedTuple):
    """One drug of an interaction entry, with its brand and other names."""

    name: str
    aliases: tuple[str, ...]

    @property
    def label(self) -> str:
        """"diazepam (Valium, Diastat)", or the name alone."""
        return f"{self.name} ({', '.join(self.aliases)})" if self.aliases else self.name


class Interaction(NamedTuple):
    name: str
    drug_class: str | None
    severity: str
    advice: str
    members: tuple[Member, ...]
    citation: Citation
    cns_depressant: bool = False  # counts towards the combined warning

    @property
    def includes(self) -> str:
        return "; ".join(member.label for member in self.members)


class CombinedWarning(NamedTuple):
    """What the guide says when two or more CNS depressants are checked together."""

    title: str
    advice: str
    citations: tuple[Citation, ...]

    @property
    def source(self) -> str:
        return "; ".join(citation.label for citation in self.citations)


class Precaution(NamedTuple):
    label: str
    kind: str
    caution: str
    citation: Citation


class Monograph(NamedTuple):
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
    triage: TriageContent
    combined_warning: CombinedWarning | None = None

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
        if self.combined_warning:
            found += [(f"Interaction: {self.combined_warning.title}", citation)
                      for citation in self.combined_warning.citations]
        found += [(f"Precaution: {p.label}", p.citation) for p in self.precautions]
        found += [(f"Symptom checker: {f.name}", f.citation) for f in self.triage.findings]
        found += [(f"Symptom checker rule: {r.title}", r.citation) for r in self.triage.rules]
        return found


class SearchHit(NamedTuple):
    """One search result, pointing at the page (by key) and the block or row on it
    (by `anchor`, see desktop.content.anchors) that matched.

    `highlights` are (start, end) spans of `snippet`.
    """

    drug_id: str
    page: str
    page_title: str
    anchor: str
    title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]

    def matched_words(self) -> list[str]:
        return [self.snippet[start:end] for start, end in self.highlights]
