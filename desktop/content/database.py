"""Read-only access to a content database, checked before anything is shown.

Every way a file can be unusable ends in one ContentError whose message tells
clinic IT what is wrong and what to do. The file's bytes are verified against its
digest before the first query (desktop/content/verify.py), and every query runs
under a time budget and SQLite's size limits, so no file can hang the app.
"""

import json
import math
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.content import search
from desktop.content.errors import REINSTALL, ContentError
from desktop.content.limits import (
    MAX_DRUGS,
    MAX_ITEMS,
    MAX_TEXT_CHARS,
    QUERY_SECONDS,
    TRIAL_SECONDS,
    TRIAL_SECONDS_PER_GIB,
)
from desktop.content.models import (
    Answer,
    Block,
    Citation,
    CombinedWarning,
    ContextTrigger,
    Dose,
    DrugSummary,
    Fact,
    Finding,
    GuideInfo,
    Interaction,
    Member,
    Monograph,
    Precaution,
    Question,
    Rule,
    SearchHit,
    Section,
    SideEffect,
    Source,
    TriageContent,
    WordPair,
)
from desktop.content.schema import (
    ANSWERS_KEY,
    CONTENT_VERSION_FORMAT,
    MEDICINE_WORDS_KEY,
    OPTIONAL_SECTION_KEYS,
    SCHEMA_VERSION,
    SEARCH_INDEX,
    SECTION_KEYS,
    SEVERITIES,
    SYNONYMS_KEY,
    TABLES,
    TIERS,
    index_name,
    schema_objects,
    valid_content_version,
)
from desktop.content.verify import ExpectedDigest, open_verified, read_manifest

# Progress-handler calls are this many SQLite virtual-machine steps apart.
_BUDGET_STEPS = 10_000
_SCHEMA_OBJECTS = schema_objects()
_SEARCH_CONFIG_KEYS = [("version",)]  # what the builder's search index holds


def trial_deadline(size: int) -> float:
    """When opening and trying a database of `size` bytes must be done (monotonic)."""
    return time.monotonic() + TRIAL_SECONDS + TRIAL_SECONDS_PER_GIB * size / 2**30


def _not_ours(path: Path, what: str) -> ContentError:
    return ContentError(f"{path} is not a Drug Guide content database ({what}). {REINSTALL}")


def _check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose schema differs from the builder's in any object, column or
    index, before any other statement is prepared: a view, trigger or generated column
    would run the file's own SQL (nested views crash SQLite, a costly function is one
    step the time budget cannot interrupt)."""
    try:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchmany(
            len(_SCHEMA_OBJECTS) + 1)
    except sqlite3.DatabaseError as error:
        if error.sqlite_errorcode == sqlite3.SQLITE_INTERRUPT:
            raise  # over the time budget: reported as such
        raise _not_ours(path, "its schema cannot be read") from None
    found = {tuple(row[:3]) for row in rows}
    for kind, name, _table in sorted(found - _SCHEMA_OBJECTS, key=str)[:1]:
        raise _not_ours(path, f"it holds the {kind} {name[:80]!r}, which the builder does "
                              f"not make")
    if len(rows) != len(_SCHEMA_OBJECTS) or found != _SCHEMA_OBJECTS:
        raise _not_ours(path, "its schema lacks tables or indexes, or has more objects")
    if {name: sql for _kind, name, _table, sql in rows}[SEARCH_INDEX.name] != (
            SEARCH_INDEX.create_sql()):
        raise _not_ours(path, "its search index is declared differently")
    for table in TABLES:
        columns = [(row[1], row[6]) for row in conn.execute(f"PRAGMA table_xinfo({table.name})")]
        if columns != [(name, 0) for name in table.column_names()]:
            raise _not_ours(path, f"its table {table.name} has other or computed columns")
        for index in table.indexes:
            named = [row[2] for row in conn.execute(
                f"PRAGMA index_info({index_name(table, index)})")]
            if named != list(index.columns):
                raise _not_ours(path, f"its table {table.name} has another index")
    for shadow in SEARCH_INDEX.shadow_tables():
        if any(row[6] for row in conn.execute(f"PRAGMA table_xinfo({shadow})")):
            raise _not_ours(path, f"its table {shadow} has computed columns")
    config = conn.execute(f"SELECT k FROM {SEARCH_INDEX.name}_config").fetchmany(8)
    if config != _SEARCH_CONFIG_KEYS:
        raise _not_ours(path, "its search index has other settings")


def _read_meta(conn: sqlite3.Connection, path: Path) -> dict[str, str]:
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError as error:
        if error.sqlite_errorcode == sqlite3.SQLITE_INTERRUPT:
            raise  # over the time budget: reported as such
        raise ContentError(
            f"{path} is an SQLite file but not a Drug Guide content database. {REINSTALL}"
        ) from None
    version = meta.get("schema_version", "missing")
    if version != str(SCHEMA_VERSION):
        raise ContentError(
            f"{path} has content schema version {version}; this app reads version "
            f"{SCHEMA_VERSION}. Install the content pack that matches this app version."
        )
    return meta


def _guide_info(meta: dict[str, str], path: Path) -> GuideInfo:
    version = meta.get("content_version", "")
    if not valid_content_version(version):
        raise ContentError(f"{path} has a content version that is not a release date "
                           f"({version[:20]!r}; expected {CONTENT_VERSION_FORMAT}). {REINSTALL}")
    try:
        return GuideInfo(
            title=meta["title"],
            content_version=meta["content_version"],
            disclaimer=meta["disclaimer"],
            emergency_message=meta["emergency_message"],
            unlisted_advice=meta["unlisted_advice"],
            no_interaction_message=meta["no_interaction_message"],
            schema_version=int(meta["schema_version"]),
            sources_sha256=meta["sources_sha256"],
            medicine_words=_medicine_words(meta, path),
        )
    except KeyError as missing:
        raise ContentError(f"{path} lacks the {missing} entry. {REINSTALL}") from None


def _synonyms(meta: dict[str, str], path: Path) -> search.Synonyms:
    """Search synonyms from content; a database built before them has none."""
    try:
        groups = json.loads(meta.get(SYNONYMS_KEY, "[]"))
        return search.synonym_map([[str(word) for word in group] for group in groups])
    except (ValueError, TypeError):
        raise ContentError(f"{path} has unreadable search synonyms. {REINSTALL}") from None


def _answers(meta: dict[str, str], path: Path) -> tuple[search.Answer, ...]:
    """The blocks content names as search answers; a database built before them has none."""
    try:
        return tuple(search.Answer(str(a["page"]), None if a["title"] is None else str(a["title"]),
                                   tuple(tuple(str(w) for w in q) for q in a["questions"]))
                     for a in json.loads(meta.get(ANSWERS_KEY, "[]")))
    except (ValueError, TypeError, KeyError):
        raise ContentError(f"{path} has unreadable search answers. {REINSTALL}") from None


def _medicine_words(meta: dict[str, str], path: Path) -> frozenset[str]:
    """The words a medicine's name may add to an ingredient; a database built before
    them has none, and the lookup still tries each word of a name."""
    try:
        return frozenset(str(word) for word in json.loads(meta.get(MEDICINE_WORDS_KEY, "[]")))
    except (ValueError, TypeError):
        raise ContentError(f"{path} has unreadable medicine words. {REINSTALL}") from None


class ContentDatabase:
    """An open, verified content database. Opening never writes to the file.

    `expected` is the digest the file must match; by default it is read from the
    manifest beside the file.
    """

    def __init__(self, path: Path | str, expected: ExpectedDigest | None = None,
                 until: float | None = None) -> None:
        """`until` is when the whole trial must be over (by default, the open alone)."""
        self.path = Path(path)
        # One read at a time: the window searches on a worker thread (desktop/ui/
        # search_runner.py) while it loads pages on its own, over this one connection.
        self._lock = threading.RLock()
        expected = expected or read_manifest(self.path)
        self._until = trial_deadline(expected.size) if until is None else until
        self._conn = open_verified(self.path, expected)
        self._deadline = 0.0
        self._conn.set_progress_handler(self._over_budget, _BUDGET_STEPS)
        self._monographs: dict[str, Monograph] = {}
        try:
            with self._budget():
                _check_schema(self._conn, self.path)
                meta = _read_meta(self._conn, self.path)
            self.info = _guide_info(meta, self.path)
            self._synonyms = _synonyms(meta, self.path)
            self._answers = _answers(meta, self.path)
            self._sources = {row[0]: Source(*row) for row in self._rows(
                "SELECT id, short, kind, title, publisher, document, revision, review_status, "
                "reviewer, reviewed, review_note FROM sources "
                "ORDER BY position")}
            if not self.drugs():
                raise ContentError(f"Content database {self.path} holds no drugs. {REINSTALL}")
        except ContentError:
            self.close()
            raise
        self._until = math.inf  # later reads have the budget of one read each

    def _over_budget(self) -> bool:
        return time.monotonic() > self._deadline

    @contextmanager
    def _budget(self) -> Iterator[None]:
        """Run one read under the time budget, and within the trial's if one is under
        way; any SQLite fault becomes a ContentError."""
        try:
            with self._lock:
                self._deadline = min(time.monotonic() + QUERY_SECONDS, self._until)
                yield
        except (sqlite3.Error, MemoryError) as error:  # MemoryError: over MAX_HEAP_BYTES
            # SQLite may quote the damaged text, new lines and all: one line here.
            reason = (" ".join(str(error).split()) or "out of memory" if not self._over_budget()
                      else "the checks on opening it ran out of time"
                      if self._deadline == self._until
                      else f"a read took over {QUERY_SECONDS:g} s")
            raise ContentError(
                f"Content database {self.path} cannot be read ({reason}). {REINSTALL}"
            ) from None

    def validate(self, until: float = math.inf) -> None:
        """Load every drug and run a search, so a file that opens but fails in use is
        refused now rather than when someone needs it; all of it done by `until`. Nothing
        loaded is kept: a guide of a thousand monographs would hold them all in memory."""
        self._until = until
        try:
            for drug in self.drugs():
                self._load_monograph(drug.id)
                self.search(drug.name)
        finally:
            self._until = math.inf

    def close(self) -> None:
        with self._lock:  # after any search still running on another thread
            self._conn.close()

    def __enter__(self) -> "ContentDatabase":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def drugs(self) -> list[DrugSummary]:
        rows = self._rows("SELECT id, name FROM drugs ORDER BY position LIMIT ?", MAX_DRUGS + 1)
        if len(rows) > MAX_DRUGS:
            raise ContentError(f"{self.path} holds more than {MAX_DRUGS} drugs. {REINSTALL}")
        return [DrugSummary(*row) for row in rows]

    def drug_id(self, name: str | None) -> str:
        """The id of the drug called `name` (any case), or of the first drug."""
        drugs = self.drugs()
        if name is None:
            return drugs[0].id
        for drug in drugs:
            if name.casefold() in (drug.id.casefold(), drug.name.casefold()):
                return drug.id
        known = ", ".join(drug.name for drug in drugs)
        raise ContentError(f"No drug called {name!r} in this guide (it has: {known}).")

    def monograph(self, drug_id: str) -> Monograph:
        if drug_id not in self._monographs:
            self._monographs[drug_id] = self._load_monograph(drug_id)
        return self._monographs[drug_id]

    def sources(self) -> list[Source]:
        """Every source the guide cites, in the order of the sources list."""
        return list(self._sources.values())

    def search(self, text: str, limit: int = search.DEFAULT_LIMIT) -> list[SearchHit]:
        with self._budget():
            return search.run(self._conn, text, limit, self._synonyms, self._answers)

    def _rows(self, sql: str, *params: object) -> list[tuple]:
        """At most MAX_ITEMS rows, each text within MAX_TEXT_CHARS: the builder's caps."""
        with self._budget():
            rows = self._conn.execute(sql, params).fetchmany(MAX_ITEMS + 1)
        if len(rows) > MAX_ITEMS:
            raise ContentError(f"{self.path} has more than {MAX_ITEMS} rows of one kind. "
                               f"{REINSTALL}")
        if any(isinstance(value, str) and len(value) > MAX_TEXT_CHARS
               for row in rows for value in row):
            raise ContentError(f"{self.path} has a text longer than {MAX_TEXT_CHARS:,} "
                               f"characters. {REINSTALL}")
        return rows

    def _cite(self, source_id: str, part: str) -> Citation:
        if source_id not in self._sources:
            raise ContentError(f"{self.path} cites an unknown source {source_id!r}. {REINSTALL}")
        return Citation(self._sources[source_id], part)

    def _load_monograph(self, drug_id: str) -> Monograph:
        row = self._rows(
            "SELECT name, drug_class, summary, last_reviewed FROM drugs WHERE id = ?", drug_id
        )
        if not row:
            raise ContentError(f"No drug with id {drug_id!r} in {self.path}.")
        name, drug_class, summary, last_reviewed = row[0]
        side_effects = self._side_effects(drug_id)
        return Monograph(
            id=drug_id,
            name=name,
            drug_class=drug_class,
            summary=summary,
            last_reviewed=last_reviewed,
            sections=self._sections(drug_id),
            dosing=tuple(Dose(*r[:-2], self._cite(*r[-2:])) for r in self._rows(
                "SELECT route, stage, mg_per_day, days, detail, source_id, source_part "
                "FROM dosing WHERE drug_id = ? ORDER BY position", drug_id)),
            facts=tuple(Fact(*r[:-2], self._cite(*r[-2:])) for r in self._rows(
                "SELECT label, low, high, unit, detail, source_id, source_part FROM facts "
                "WHERE drug_id = ? ORDER BY position", drug_id)),
            side_effects=side_effects,
            interactions=self._interactions(drug_id),
            precautions=tuple(Precaution(*r[:-2], self._cite(*r[-2:])) for r in self._rows(
                "SELECT label, kind, caution, source_id, source_part FROM precautions "
                "WHERE drug_id = ? ORDER BY position", drug_id)),
            triage=self._triage(drug_id, side_effects),
            combined_warning=self._combined_warning(drug_id),
        )

    def _sections(self, drug_id: str) -> tuple[Section, ...]:
        sections = []
        for section_id, key, title in self._rows(
            "SELECT id, key, title FROM sections WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            blocks = tuple(Block(*r[:-2], self._cite(*r[-2:])) for r in self._rows(
                "SELECT kind, title, body, source_id, source_part FROM blocks "
                "WHERE section_id = ? ORDER BY position", section_id))
            sections.append(Section(key, title, blocks))
        keys = tuple(s.key for s in sections)
        if keys != tuple(k for k in SECTION_KEYS if k in keys or k not in OPTIONAL_SECTION_KEYS):
            raise ContentError(f"{self.path} is missing sections for {drug_id!r}. {REINSTALL}")
        return tuple(sections)

    def _side_effects(self, drug_id: str) -> tuple[SideEffect, ...]:
        effects = []
        for effect_id, name, tier, frequency, act, advice, source_id, part in self._rows(
            "SELECT id, name, tier, frequency, act, advice, source_id, source_part "
            "FROM side_effects "
            "WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            if tier not in TIERS:
                raise ContentError(f"{self.path} has an unknown tier {tier!r}. {REINSTALL}")
            terms, shorthand = self._terms("symptom_terms", "side_effect_id", effect_id)
            pairs = self._pairs("symptom_pairs", "side_effect_id", effect_id)
            effects.append(SideEffect(name, tier, frequency, advice, self._cite(source_id, part),
                                      terms, pairs, shorthand, act))
        return tuple(effects)

    def _terms(self, table: str, key: str, owner: int) -> tuple[tuple[str, ...], ...]:
        """(terms, shorthand) of one symptom or finding."""
        rows = self._rows(f"SELECT term, shorthand FROM {table} WHERE {key} = ? "
                          "ORDER BY position", owner)
        return (tuple(t for t, short in rows if not short),
                tuple(t for t, short in rows if short))

    def _pairs(self, table: str, key: str, owner: int) -> tuple[WordPair, ...]:
        return tuple(WordPair(tuple(about.split()), tuple(trouble.split()))
                     for about, trouble in self._rows(
                         f"SELECT about, trouble FROM {table} WHERE {key} = ? "
                         "ORDER BY position", owner))

    def _triage(self, drug_id: str, side_effects: tuple[SideEffect, ...]) -> TriageContent:
        findings = []
        for finding_id, key, kind, name, tier, advice, source_id, part in self._rows(
            "SELECT id, key, kind, name, tier, advice, source_id, source_part "
            "FROM triage_findings "
            "WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            if tier is not None and tier not in TIERS:
                raise ContentError(f"{self.path} has an unknown tier {tier!r}. {REINSTALL}")
            terms, shorthand = self._terms("finding_terms", "finding_id", finding_id)
            findings.append(Finding(key, kind, name, tier, advice, self._cite(source_id, part),
                                    terms,
                                    self._pairs("finding_pairs", "finding_id", finding_id),
                                    shorthand))
        rules = []
        for rule_id, key, title, tier, advice, source_id, part in self._rows(
            "SELECT id, key, title, tier, advice, source_id, source_part FROM triage_rules "
            "WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            groups: dict[int, list[str]] = {}
            for group, target in self._rows("SELECT grp, target FROM rule_needs "
                                            "WHERE rule_id = ? ORDER BY position", rule_id):
                groups.setdefault(group, []).append(target)
            rules.append(Rule(key, title, tier, advice, self._cite(source_id, part),
                              tuple(tuple(groups[g]) for g in sorted(groups))))
        triggers = tuple(
            ContextTrigger(phrase, category, direction, bool(list_scope))
            for phrase, category, direction, list_scope in self._rows(
                "SELECT phrase, category, direction, list_scope FROM context_triggers "
                "ORDER BY position"))
        names = tuple(r[0] for r in self._rows(
            "SELECT name FROM drug_names WHERE drug_id = ? ORDER BY position", drug_id))
        return TriageContent(side_effects, tuple(findings), tuple(rules), triggers, names,
                             self._questions(drug_id))

    def _questions(self, drug_id: str) -> tuple[Question, ...]:
        questions = []
        for question_id, key, text, red_flag, source_id, part in self._rows(
            "SELECT id, key, text, red_flag, source_id, source_part FROM triage_questions "
            "WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            when, red_flag_when = (tuple(r[0] for r in self._rows(
                f"SELECT target FROM {table} WHERE question_id = ? ORDER BY position",
                question_id)) for table in ("question_when", "question_red_flag_when"))
            answers = []
            for answer_id, answer_key, label in self._rows(
                "SELECT id, key, label FROM question_answers WHERE question_id = ? "
                "ORDER BY position", question_id,
            ):
                targets = self._rows("SELECT target, denies FROM answer_targets "
                                     "WHERE answer_id = ? ORDER BY position", answer_id)
                answers.append(Answer(answer_key, label,
                                      tuple(t for t, denies in targets if not denies),
                                      tuple(t for t, denies in targets if denies)))
            questions.append(Question(key, text, tuple(answers), when, bool(red_flag),
                                      self._cite(source_id, part), red_flag_when))
        return tuple(questions)

    def _interactions(self, drug_id: str) -> tuple[Interaction, ...]:
        interactions = []
        for item_id, name, drug_class, severity, advice, depressant, source_id, part in self._rows(
            "SELECT id, name, drug_class, severity, advice, cns_depressant, source_id, "
            "source_part FROM interactions WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            if severity not in SEVERITIES:
                raise ContentError(f"{self.path} has an unknown severity {severity!r}. {REINSTALL}")
            members = tuple(
                Member(member_name, tuple(r[0] for r in self._rows(
                    "SELECT alias FROM member_aliases WHERE member_id = ? ORDER BY position",
                    member_id)))
                for member_id, member_name in self._rows(
                    "SELECT id, name FROM interaction_members WHERE interaction_id = ? "
                    "ORDER BY position", item_id)
            )
            interactions.append(Interaction(name, drug_class, severity, advice, members,
                                            self._cite(source_id, part), bool(depressant)))
        return tuple(interactions)

    def _combined_warning(self, drug_id: str) -> CombinedWarning | None:
        rows = self._rows("SELECT id, title, advice FROM combined_warnings WHERE drug_id = ? "
                          "ORDER BY position", drug_id)
        if not rows:
            return None
        warning_id, title, advice = rows[0]
        citations = tuple(self._cite(*r) for r in self._rows(
            "SELECT source_id, source_part FROM combined_warning_sources WHERE warning_id = ? "
            "ORDER BY position", warning_id))
        return CombinedWarning(title, advice, citations)
