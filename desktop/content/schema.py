"""The vocabulary and the tables shared by the content builder and the data layer.

Bump SCHEMA_VERSION whenever a table or column changes, so that an app never
reads a database laid out for another version. A table or column is declared
once, in TABLES below: the builder creates exactly these, and a test holds
docs/architecture.md to them. Like the content models, the declarations are
NamedTuples, which cost the data layer's import far less than dataclasses.
"""

from typing import NamedTuple

SCHEMA_VERSION = 8

# Tabs of a monograph, in display order: key -> default title.
SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "how_it_works",
    "uses",
    "side_effects",
    "precautions",
    "interactions",
    "forms",
    "pump",
)
# Tabs a drug may leave out: only baclofen has an intrathecal pump.
OPTIONAL_SECTION_KEYS: frozenset[str] = frozenset({"pump"})

# Most urgent first; the order is what "more urgent" means everywhere.
TIERS: tuple[str, ...] = ("emergency", "contact_doctor", "common")
# Interaction severities, most severe first (the order lists sort by):
# avoid: do not combine at all; major: serious harm can occur, combine only on the
# prescriber's advice; moderate: use together with care, watching for the effect named.
SEVERITIES: tuple[str, ...] = ("avoid", "major", "moderate")
PRECAUTION_KINDS: tuple[str, ...] = ("condition", "situation")
# A section is a list of blocks, each with its own source.
BLOCK_KINDS: tuple[str, ...] = ("paragraph", "list", "table", "note")
SOURCE_KINDS: tuple[str, ...] = ("article", "label", "other")
# Triage findings beyond the guide's side effects (see models.Finding).
FINDING_KINDS: tuple[str, ...] = ("sign", "symptom", "context", "ignore")
# ConText trigger categories and directions (see triage/context.py).
TRIGGER_CATEGORIES: tuple[str, ...] = (
    "negated", "normal", "hedge", "history", "recent", "pseudo", "terminate",
)
TRIGGER_DIRECTIONS: tuple[str, ...] = ("forward", "backward", "both")
# A guided question's answers: yes/no questions have these three; a choice
# question lists its own, and "unknown" is always the last.
YES, NO, UNKNOWN = "yes", "no", "unknown"

# The `meta` entry holding the search synonym groups (db/content/search.toml) as JSON.
SYNONYMS_KEY = "search_synonyms"
# The `meta` entry holding the blocks that answer a search (search.toml's answers) as JSON.
ANSWERS_KEY = "search_answers"
# The `meta` entry holding the words a medicine's name may add to an ingredient
# (db/content/medicine_words.toml: salts, routes, forms, frequencies, units) as JSON.
MEDICINE_WORDS_KEY = "medicine_words"
# The lists of that file, in order.
MEDICINE_WORD_LISTS: tuple[str, ...] = ("salts", "routes", "forms", "frequencies", "units")

# Overall results that are not tiers: nothing entered, or only unlisted complaints.
NONE = "none"
UNLISTED = "unlisted"
# The checker's banner when its safety net is up: the result may be too low.
PARTLY_UNDERSTOOD = "partly_understood"

TIER_LABELS = {
    "emergency": "Emergency",
    "contact_doctor": "Contact doctor",
    "common": "Common",
}


def urgency(tier: str) -> int:
    """Higher is more urgent; unknown tiers rank lowest."""
    return len(TIERS) - TIERS.index(tier) if tier in TIERS else 0


class Column(NamedTuple):
    name: str
    kind: type[str] | type[int] | type[float]
    nullable: bool = False


class Index(NamedTuple):
    columns: tuple[str, ...]
    unique: bool = False


class ForeignKey(NamedTuple):
    """`column` holds the `id` of a row of `table`; `kind` is the type of that id."""

    column: str
    table: str
    kind: type[str] | type[int] = int


class Table(NamedTuple):
    name: str
    columns: tuple[Column, ...]
    primary_key: str = "id"
    parent: ForeignKey | None = None
    indexes: tuple[Index, ...] = ()
    references: tuple[ForeignKey, ...] = ()  # foreign keys besides `parent`

    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


class FullTextIndex(NamedTuple):
    """An FTS5 index over some text columns of `table`, kept in step by rowid."""

    name: str
    table: str
    columns: tuple[str, ...]
    tokenize: str
    prefix: str


def _child(
    name: str, parent: ForeignKey, *columns: Column, unique: tuple[str, ...] = (),
    sourced: bool = False,
) -> Table:
    """A table whose rows hang off `parent` in source order.

    Rows are read by parent in `position` order, so that pair is indexed, unless a
    unique index led by the parent key (`unique`) already serves those reads. A
    `sourced` table's rows each name their source and where in it (`source_part`).
    """
    index = Index((parent.column, *unique), unique=True) if unique else Index(
        (parent.column, "position"))
    return Table(
        name,
        (Column("id", int), Column(parent.column, parent.kind), Column("position", int),
         *columns, *(_SOURCE_COLUMNS if sourced else ())),
        parent=parent,
        indexes=(index,),
        references=(_SOURCE,) if sourced else (),
    )


_DRUG = ForeignKey("drug_id", "drugs", str)
_SOURCE = ForeignKey("source_id", "sources", str)
_SOURCE_COLUMNS = (Column("source_id", str), Column("source_part", str))

# In creation order.
TABLES: tuple[Table, ...] = (
    Table("meta", (Column("key", str), Column("value", str)), primary_key="key"),
    Table(
        "sources",
        (Column("id", str), Column("position", int), Column("short", str), Column("kind", str),
         Column("title", str), Column("publisher", str), Column("document", str),
         Column("revision", str)),
    ),
    Table(
        "drugs",
        (Column("id", str), Column("position", int), Column("name", str),
         Column("drug_class", str), Column("summary", str), Column("last_reviewed", str)),
        indexes=(Index(("name",), unique=True),),
    ),
    _child("sections", _DRUG, Column("key", str), Column("title", str), unique=("key",)),
    _child("blocks", ForeignKey("section_id", "sections"), Column("kind", str),
           Column("title", str, nullable=True), Column("body", str), sourced=True),
    _child("dosing", _DRUG, Column("route", str), Column("stage", str),
           Column("mg_per_day", float, nullable=True), Column("days", int, nullable=True),
           Column("detail", str), sourced=True),
    _child("facts", _DRUG, Column("label", str), Column("low", float, nullable=True),
           Column("high", float, nullable=True), Column("unit", str, nullable=True),
           Column("detail", str), sourced=True),
    _child("side_effects", _DRUG, Column("name", str), Column("tier", str),
           Column("frequency", str), Column("act", str), Column("advice", str),
           unique=("name",), sourced=True),
    _child("symptom_terms", ForeignKey("side_effect_id", "side_effects"), Column("term", str),
           Column("shorthand", int)),
    _child("symptom_pairs", ForeignKey("side_effect_id", "side_effects"),
           Column("about", str), Column("trouble", str)),
    _child("interactions", _DRUG, Column("name", str),
           Column("drug_class", str, nullable=True), Column("severity", str),
           Column("advice", str), Column("cns_depressant", int), sourced=True),
    _child("interaction_members", ForeignKey("interaction_id", "interactions"),
           Column("name", str)),
    _child("member_aliases", ForeignKey("member_id", "interaction_members"),
           Column("alias", str)),
    # The one warning for two or more CNS depressants checked together, with its sources.
    _child("combined_warnings", _DRUG, Column("title", str), Column("advice", str)),
    _child("combined_warning_sources", ForeignKey("warning_id", "combined_warnings"),
           sourced=True),
    _child("precautions", _DRUG, Column("label", str), Column("kind", str),
           Column("caution", str), sourced=True),
    # The symptom checker's content beyond the 24 side effects: the guide's emergency
    # signs are written into every drug, so one drug's rows are all it reads.
    _child("drug_names", _DRUG, Column("name", str)),
    _child("triage_findings", _DRUG, Column("key", str), Column("kind", str),
           Column("name", str), Column("tier", str, nullable=True), Column("advice", str),
           unique=("key",), sourced=True),
    _child("finding_terms", ForeignKey("finding_id", "triage_findings"), Column("term", str),
           Column("shorthand", int)),
    _child("finding_pairs", ForeignKey("finding_id", "triage_findings"),
           Column("about", str), Column("trouble", str)),
    _child("triage_rules", _DRUG, Column("key", str), Column("title", str), Column("tier", str),
           Column("advice", str), unique=("key",), sourced=True),
    _child("rule_needs", ForeignKey("rule_id", "triage_rules"), Column("grp", int),
           Column("target", str)),
    # Guided questions, in asking order (red flags first); an answer's targets feed
    # (denies = 0) or deny (denies = 1) a side effect or finding.
    _child("triage_questions", _DRUG, Column("key", str), Column("text", str),
           Column("red_flag", int), unique=("key",), sourced=True),
    _child("question_answers", ForeignKey("question_id", "triage_questions"),
           Column("key", str), Column("label", str)),
    _child("answer_targets", ForeignKey("answer_id", "question_answers"),
           Column("target", str), Column("denies", int)),
    _child("question_when", ForeignKey("question_id", "triage_questions"),
           Column("target", str)),
    _child("question_red_flag_when", ForeignKey("question_id", "triage_questions"),
           Column("target", str)),
    Table("context_triggers", (Column("id", int), Column("position", int),
                               Column("phrase", str), Column("category", str),
                               Column("direction", str), Column("list_scope", int))),
    _child("search_items", _DRUG, Column("page", str), Column("anchor", str),
           Column("title", str), Column("body", str)),
)

# Prefix indexes keep type-ahead queries fast at any size.
SEARCH_INDEX = FullTextIndex(
    "search_fts", "search_items", ("title", "body"),
    tokenize="porter unicode61 remove_diacritics 2", prefix="1 2 3",
)
