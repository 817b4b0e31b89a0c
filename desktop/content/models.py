"""Plain data the rest of the app reads; no database or Qt types leak out."""

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
    title: str
    detail: str


@dataclass(frozen=True)
class Note:
    """A clinical note from another source, shown apart from the guide's text."""

    title: str
    body: str
    source: str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    body: str  # Markdown
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Dose:
    route: str
    stage: str
    mg_per_day: float | None
    days: int | None
    detail: str


@dataclass(frozen=True)
class Fact:
    label: str
    low: float | None
    high: float | None
    unit: str | None
    detail: str

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
    source: str
    terms: tuple[str, ...]
    pairs: tuple[WordPair, ...] = ()
    shorthand: tuple[str, ...] = ()  # matched with their case: "HA", not "ha"


@dataclass(frozen=True)
class Finding:
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
    source: str
    terms: tuple[str, ...]
    pairs: tuple[WordPair, ...] = ()
    shorthand: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """An alert raised when every group of `needs` has one finding present.

    Findings are named by key, or by side effect name. A rule only ever raises a tier.
    """

    key: str
    title: str
    tier: str
    advice: str
    source: str
    needs: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ContextTrigger:
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


@dataclass(frozen=True)
class Answer:
    """One answer to a guided question: the targets (side effect names or finding
    keys) it reports present, and those it denies. "unknown" feeds nothing."""

    key: str
    label: str
    feeds: tuple[str, ...] = ()
    denies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """A question the checker asks, in asking order: red flags first.

    It applies always (`when` empty) or once one of the `when` targets is present.
    """

    key: str
    text: str
    answers: tuple[Answer, ...]
    when: tuple[str, ...]
    red_flag: bool
    source: str


@dataclass(frozen=True)
class TriageContent:
    """Everything the triage engine reads for one drug."""

    side_effects: tuple[SideEffect, ...]
    findings: tuple[Finding, ...] = ()
    rules: tuple[Rule, ...] = ()
    triggers: tuple[ContextTrigger, ...] = ()
    drug_names: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Member:
    """One drug of an interaction entry, with its brand and other names."""

    name: str
    aliases: tuple[str, ...]

    @property
    def label(self) -> str:
        """"diazepam (Valium, Diastat)", or the name alone."""
        return f"{self.name} ({', '.join(self.aliases)})" if self.aliases else self.name


@dataclass(frozen=True)
class Interaction:
    name: str
    drug_class: str | None
    severity: str
    advice: str
    members: tuple[Member, ...]

    @property
    def includes(self) -> str:
        return "; ".join(member.label for member in self.members)


@dataclass(frozen=True)
class Precaution:
    label: str
    kind: str
    caution: str


@dataclass(frozen=True)
class Monograph:
    """Everything the guide says about one drug."""

    id: str
    name: str
    drug_class: str
    summary: str
    last_reviewed: str
    sources: tuple[Source, ...]
    sections: tuple[Section, ...]
    dosing: tuple[Dose, ...]
    facts: tuple[Fact, ...]
    side_effects: tuple[SideEffect, ...]
    interactions: tuple[Interaction, ...]
    precautions: tuple[Precaution, ...]
    triage: TriageContent

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)


@dataclass(frozen=True)
class SearchHit:
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
