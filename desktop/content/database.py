"""Read-only access to a content database, checked before anything is shown.

Every way a file can be unusable ends in one ContentError whose message tells
clinic IT what is wrong and what to do.
"""

import sqlite3
from pathlib import Path

from desktop.content import search
from desktop.content.integrity import content_digest
from desktop.content.models import (
    ContextTrigger,
    Dose,
    DrugSummary,
    Fact,
    Finding,
    GuideInfo,
    Interaction,
    Member,
    Monograph,
    Note,
    Precaution,
    Rule,
    SearchHit,
    Section,
    SideEffect,
    Source,
    TriageContent,
    WordPair,
)
from desktop.content.schema import SCHEMA_VERSION, SECTION_KEYS, SEVERITIES, TIERS

SQLITE_HEADER = b"SQLite format 3\x00"
REINSTALL = "Reinstall Drug Guide or ask IT for a valid content pack."


class ContentError(Exception):
    """A content database that cannot be used; the message says what to do."""


def _uri(path: Path) -> str:
    # immutable: the file is never written, and SQLite creates no journal beside it.
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise ContentError(f"Content database not found at {path}. {REINSTALL}")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        raise ContentError(f"Content database {path} is empty. {REINSTALL}")
    if header != SQLITE_HEADER:
        raise ContentError(f"{path} is not a Drug Guide content database. {REINSTALL}")


def _read_meta(conn: sqlite3.Connection, path: Path) -> dict[str, str]:
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
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


def _check_pages(conn: sqlite3.Connection, path: Path) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise ContentError(f"Content database {path} is damaged ({problems[0]}). {REINSTALL}")


def _verify(conn: sqlite3.Connection, path: Path, meta: dict[str, str]) -> None:
    if content_digest(conn) != meta.get("content_sha256"):
        raise ContentError(
            f"Content database {path} does not match its checksum: it is incomplete or "
            f"has been altered. {REINSTALL}"
        )
    if conn.execute("SELECT count(*) FROM drugs").fetchone()[0] == 0:
        raise ContentError(f"Content database {path} holds no drugs. {REINSTALL}")


def _guide_info(meta: dict[str, str], path: Path) -> GuideInfo:
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
        )
    except KeyError as missing:
        raise ContentError(f"{path} lacks the {missing} entry. {REINSTALL}") from None


class ContentDatabase:
    """An open, verified content database. Opening never writes to the file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        _check_file(self.path)
        try:
            self._conn = sqlite3.connect(_uri(self.path), uri=True, check_same_thread=False)
        except sqlite3.Error as error:
            raise ContentError(f"Cannot open {self.path} ({error}). {REINSTALL}") from None
        try:
            self._conn.execute("PRAGMA query_only = ON")
            _check_pages(self._conn, self.path)
            meta = _read_meta(self._conn, self.path)
            _verify(self._conn, self.path, meta)
            self.info = _guide_info(meta, self.path)
        except sqlite3.DatabaseError as error:
            self.close()
            raise ContentError(
                f"Content database {self.path} is damaged ({error}). {REINSTALL}"
            ) from None
        except ContentError:
            self.close()
            raise
        self._monographs: dict[str, Monograph] = {}

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "ContentDatabase":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def drugs(self) -> list[DrugSummary]:
        rows = self._conn.execute("SELECT id, name FROM drugs ORDER BY position")
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

    def search(self, text: str, limit: int = search.DEFAULT_LIMIT) -> list[SearchHit]:
        return search.run(self._conn, text, limit)

    def _rows(self, sql: str, *params: object) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

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
            sources=tuple(Source(*r) for r in self._rows(
                "SELECT title, detail FROM sources WHERE drug_id = ? ORDER BY position", drug_id)),
            sections=self._sections(drug_id),
            dosing=tuple(Dose(*r) for r in self._rows(
                "SELECT route, stage, mg_per_day, days, detail FROM dosing WHERE drug_id = ? "
                "ORDER BY position", drug_id)),
            facts=tuple(Fact(*r) for r in self._rows(
                "SELECT label, low, high, unit, detail FROM facts WHERE drug_id = ? "
                "ORDER BY position", drug_id)),
            side_effects=side_effects,
            interactions=self._interactions(drug_id),
            precautions=tuple(Precaution(*r) for r in self._rows(
                "SELECT label, kind, caution FROM precautions WHERE drug_id = ? "
                "ORDER BY position", drug_id)),
            triage=self._triage(drug_id, side_effects),
        )

    def _sections(self, drug_id: str) -> tuple[Section, ...]:
        sections = []
        for section_id, key, title, body in self._rows(
            "SELECT id, key, title, body FROM sections WHERE drug_id = ? ORDER BY position",
            drug_id,
        ):
            notes = tuple(Note(*r) for r in self._rows(
                "SELECT title, body, source FROM notes WHERE section_id = ? ORDER BY position",
                section_id))
            sections.append(Section(key, title, body, notes))
        if tuple(s.key for s in sections) != SECTION_KEYS:
            raise ContentError(f"{self.path} is missing sections for {drug_id!r}. {REINSTALL}")
        return tuple(sections)

    def _side_effects(self, drug_id: str) -> tuple[SideEffect, ...]:
        effects = []
        for effect_id, name, tier, frequency, advice, source in self._rows(
            "SELECT id, name, tier, frequency, advice, source FROM side_effects "
            "WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            if tier not in TIERS:
                raise ContentError(f"{self.path} has an unknown tier {tier!r}. {REINSTALL}")
            terms, shorthand = self._terms("symptom_terms", "side_effect_id", effect_id)
            pairs = self._pairs("symptom_pairs", "side_effect_id", effect_id)
            effects.append(SideEffect(name, tier, frequency, advice, source, terms, pairs,
                                      shorthand))
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
        for finding_id, key, kind, name, tier, advice, source in self._rows(
            "SELECT id, key, kind, name, tier, advice, source FROM triage_findings "
            "WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            if tier is not None and tier not in TIERS:
                raise ContentError(f"{self.path} has an unknown tier {tier!r}. {REINSTALL}")
            terms, shorthand = self._terms("finding_terms", "finding_id", finding_id)
            findings.append(Finding(key, kind, name, tier, advice, source, terms,
                                    self._pairs("finding_pairs", "finding_id", finding_id),
                                    shorthand))
        rules = []
        for rule_id, key, title, tier, advice, source in self._rows(
            "SELECT id, key, title, tier, advice, source FROM triage_rules "
            "WHERE drug_id = ? ORDER BY position", drug_id,
        ):
            groups: dict[int, list[str]] = {}
            for group, target in self._rows("SELECT grp, target FROM rule_needs "
                                            "WHERE rule_id = ? ORDER BY position", rule_id):
                groups.setdefault(group, []).append(target)
            rules.append(Rule(key, title, tier, advice, source,
                              tuple(tuple(groups[g]) for g in sorted(groups))))
        triggers = tuple(
            ContextTrigger(phrase, category, direction, bool(list_scope))
            for phrase, category, direction, list_scope in self._rows(
                "SELECT phrase, category, direction, list_scope FROM context_triggers "
                "ORDER BY position"))
        names = tuple(r[0] for r in self._rows(
            "SELECT name FROM drug_names WHERE drug_id = ? ORDER BY position", drug_id))
        return TriageContent(side_effects, tuple(findings), tuple(rules), triggers, names)

    def _interactions(self, drug_id: str) -> tuple[Interaction, ...]:
        interactions = []
        for item_id, name, drug_class, severity, advice in self._rows(
            "SELECT id, name, drug_class, severity, advice FROM interactions "
            "WHERE drug_id = ? ORDER BY position", drug_id,
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
            interactions.append(Interaction(name, drug_class, severity, advice, members))
        return tuple(interactions)
