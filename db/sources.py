"""Reading and validating the reviewed content sources under db/content/.

Every problem is reported as one ContentSourceError that names the file and the
field, so a reviewer can fix it without reading Python.
"""

import datetime as dt
import json
import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.content.interactions import name_key
from desktop.content.limits import MAX_DRUGS, MAX_ITEMS, MAX_TEXT_CHARS
from desktop.content.schema import (
    ANSWERS_KEY,
    BLOCK_KINDS,
    FINDING_KINDS,
    MEDICINE_WORD_LISTS,
    MEDICINE_WORDS_KEY,
    NO,
    OPTIONAL_SECTION_KEYS,
    PRECAUTION_KINDS,
    REVIEW_STATUSES,
    SECTION_KEYS,
    SEVERITIES,
    SOURCE_KINDS,
    SYNONYMS_KEY,
    TIERS,
    TRIGGER_CATEGORIES,
    TRIGGER_DIRECTIONS,
    UNKNOWN,
    YES,
    urgency,
)
from desktop.content.search import query_words
from desktop.content.text import normalize_input
from desktop.triage.text import fold, term_key

GUIDE_FILE = "guide.toml"
SOURCES_FILE = "sources.toml"
SOURCE_FIELDS = ("short", "title", "publisher", "document", "revision")
SIGNS_FILE = "signs.toml"
CONTEXT_FILE = "context.toml"
QUESTIONS_FILE = "questions.toml"  # guide-wide, and optional in each drug folder
SEARCH_FILE = "search.toml"
MEDICINE_WORDS_FILE = "medicine_words.toml"
# A path of the source tree in a text users see: a file with a project extension
# ("shared/seed/x.txt", "sources.toml") or a project folder ("db/content/"). Strengths
# ("5 mg/5 mL"), DOIs and web addresses are not paths.
SOURCE_TREE_PATH = re.compile(
    r"(?<![\w:/.-])(?:[\w.-]+/)*[\w-]+\.(?:txt|toml|py|json|md|csv|sqlite3?)\b"
    r"|(?<![\w:/.-])(?:shared|db|desktop|resources|tests|docs|devtools)/",
    re.IGNORECASE,
)
DRUG_FILES = ("drug", "sections", "side_effects", "interactions", "precautions", "triage")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


class ContentSourceError(Exception):
    """A content source that cannot be built, naming the file and field at fault."""

    def __init__(self, file: Path, where: str, problem: str) -> None:
        super().__init__(f"{file}: {where}: {problem}" if where else f"{file}: {problem}")


class Fields:
    """Typed access to one TOML table; every error names its file and field."""

    def __init__(self, data: Any, file: Path, where: str = "") -> None:
        if not isinstance(data, dict):
            raise ContentSourceError(file, where, "expected a table")
        self._data = data
        self.file = file
        self.where = where

    def _path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, problem: str) -> ContentSourceError:
        return ContentSourceError(self.file, self._path(key), problem)

    def _get(self, key: str, kind: type | tuple[type, ...], required: bool) -> Any:
        value = self._data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "missing")
            return None
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self.fail(key, f"expected {getattr(kind, '__name__', 'a number')}")
        return value

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self._get(key, str, required)
        if value is not None and not value.strip():
            raise self.fail(key, "is empty")
        if value is not None and len(value) > MAX_TEXT_CHARS:
            raise self.fail(key, f"is longer than {MAX_TEXT_CHARS:,} characters")
        self._refuse_path(key, value)
        return value.strip() if value is not None else None

    def _refuse_path(self, key: str, value: str | None) -> None:
        """Users see every text; a path of the source tree is for reviewers only."""
        found = SOURCE_TREE_PATH.search(value or "")
        if found:
            raise self.fail(key, f"names a file path ({found.group()!r}); keep paths out of "
                                 "what users see")

    def number(self, key: str) -> float | None:
        value = self._get(key, (int, float), required=False)
        if value is not None and not math.isfinite(value):
            raise self.fail(key, "must be a finite number")  # TOML allows nan and inf
        if value is not None and value < 0:
            raise self.fail(key, "must not be negative")
        return value

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in options:
            raise self.fail(key, f"unknown value {value!r} (expected one of: {', '.join(options)})")
        return value

    def date(self, key: str) -> str:
        return self._get(key, dt.date, required=True).isoformat()

    def strings(self, key: str) -> list[str]:
        values = self._capped(key, self._get(key, list, required=False) or [])
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{key}[{index}]", "expected non-empty text")
            if len(value) > MAX_TEXT_CHARS:
                raise self.fail(f"{key}[{index}]", f"is longer than {MAX_TEXT_CHARS:,} characters")
            self._refuse_path(f"{key}[{index}]", value)
        return [value.strip() for value in values]

    def citation(self, known: set[str]) -> dict[str, str]:
        """`source` (an id from sources.toml) and `part` (where in it): both required."""
        source_id = self.text("source")
        if source_id not in known:
            raise self.fail("source", f"unknown source {source_id!r} (not in {SOURCES_FILE})")
        return {"source_id": source_id, "source_part": self.text("part")}

    def text_rows(self, key: str, width: int) -> list[list[str]]:
        """A required, non-empty list of rows of `width` non-empty texts."""
        rows = self._capped(key, self._get(key, list, required=True))
        if not rows:
            raise self.fail(key, "is empty")
        for index, row in enumerate(rows):
            if (not isinstance(row, list) or len(row) != width
                    or not all(isinstance(cell, str) and cell.strip() for cell in row)):
                raise self.fail(f"{key}[{index}]", f"expected {width} non-empty texts")
            if any(len(cell) > MAX_TEXT_CHARS for cell in row):
                raise self.fail(f"{key}[{index}]", f"a cell is longer than {MAX_TEXT_CHARS:,} "
                                "characters")
            for cell in row:
                self._refuse_path(f"{key}[{index}]", cell)
        return [[cell.strip() for cell in row] for row in rows]

    def has(self, key: str) -> bool:
        return key in self._data

    def field_names(self) -> list[str]:
        return list(self._data)

    def flag(self, key: str) -> bool:
        value = self._data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def groups(self, key: str) -> list[list[str]]:
        """A non-empty list of non-empty lists of names: [["a", "b"], ["c"]]."""
        values = self._get(key, list, required=True)
        if not values or not all(isinstance(group, list) and group for group in values):
            raise self.fail(key, "expected a list of non-empty lists of names")
        for g, group in enumerate(values):
            for i, name in enumerate(group):
                if not isinstance(name, str) or not name.strip():
                    raise self.fail(f"{key}[{g}][{i}]", "expected non-empty text")
        return [[name.strip() for name in group] for group in values]

    def _capped(self, key: str, values: list[Any]) -> list[Any]:
        if len(values) > MAX_ITEMS:
            raise self.fail(key, f"has more than {MAX_ITEMS:,} entries")
        return values

    def table(self, key: str, *, required: bool = True) -> "Fields":
        return Fields(self._get(key, dict, required) or {}, self.file, self._path(key))

    def tables(self, key: str, *, required: bool = True) -> list["Fields"]:
        values = self._capped(key, self._get(key, list, required) or [])
        if required and not values:
            raise self.fail(key, "is empty")
        return [
            Fields(value, self.file, f"{self._path(key)}[{index}]")
            for index, value in enumerate(values)
        ]


@dataclass
class DrugSource:
    """One drug's validated content, as rows ready for the database."""

    id: str
    folder: Path
    drug: dict[str, Any]
    sections: list[dict[str, Any]] = field(default_factory=list)
    dosing: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    side_effects: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    combined_warnings: list[dict[str, Any]] = field(default_factory=list)  # none or one
    precautions: list[dict[str, Any]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    rules: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)  # with the guide's, in order


@dataclass
class GuideSource:
    guide: dict[str, str]
    sources: list[dict[str, str]]
    drugs: Sequence[DrugSource]
    findings: list[dict[str, Any]] = field(default_factory=list)  # for every drug
    rules: list[dict[str, Any]] = field(default_factory=list)
    triggers: list[dict[str, Any]] = field(default_factory=list)


def read_toml(file: Path) -> Fields:
    try:
        with file.open("rb") as handle:
            return Fields(tomllib.load(handle), file)
    except FileNotFoundError:
        raise ContentSourceError(file, "", "file is missing") from None
    except OSError as error:  # a folder, or a file this user may not read
        raise ContentSourceError(file, "", f"cannot be read ({error.strerror or error})") \
            from None
    except RecursionError:
        raise ContentSourceError(file, "", "malformed TOML (nested too deeply)") from None
    except ValueError as error:
        # A decoding error, or an integer over Python's digit limit, which the parser
        # lets through: the first clause says which.
        problem = str(error).split(";")[0]
        raise ContentSourceError(file, "", f"malformed TOML ({problem})") from None


def load_guide(content_dir: Path) -> GuideSource:
    """Read and validate every source under `content_dir`."""
    guide = read_toml(content_dir / GUIDE_FILE)
    guide_row = {
        key: guide.text(key)
        for key in (
            "title", "content_version", "disclaimer", "emergency_message",
            "unlisted_advice", "no_interaction_message",
        )
    }
    sources = _sources(read_toml(content_dir / SOURCES_FILE))
    known = {source["id"] for source in sources}
    folders = sorted(path for path in content_dir.iterdir() if path.is_dir())
    if not folders:
        raise ContentSourceError(content_dir, "", "no drug folders")
    if len(folders) > MAX_DRUGS:
        raise ContentSourceError(content_dir, "", f"more than {MAX_DRUGS:,} drug folders")
    signs = read_toml(content_dir / SIGNS_FILE)
    findings = [_finding(row, known, "sign") for row in signs.tables("sign")]
    findings += [_finding(row, known) for row in signs.tables("finding", required=False)]
    rules = signs.tables("rule", required=False)
    drugs = [load_drug(folder, known) for folder in folders]
    _add_inability_terms(signs, findings, drugs)
    _refuse_duplicate_drugs(drugs)
    guide_questions = _question_rows(content_dir / QUESTIONS_FILE)
    for drug in drugs:
        _check_triage(drug, findings, rules, known)
        drug.questions = _questions(guide_questions + _question_rows(
            drug.folder / QUESTIONS_FILE), _targets(drug, findings, answerable=True), known)
    guide_rules = [_rule(row, _targets(drugs[0], findings), known) for row in rules]
    triggers = _triggers(read_toml(content_dir / CONTEXT_FILE))
    guide_row[SYNONYMS_KEY] = _search_synonyms(content_dir / SEARCH_FILE)
    guide_row[ANSWERS_KEY] = _search_answers(content_dir / SEARCH_FILE, drugs)
    guide_row[MEDICINE_WORDS_KEY] = _medicine_words(content_dir / MEDICINE_WORDS_FILE)
    return GuideSource(guide_row, sources, drugs, findings, guide_rules, triggers)


def _add_inability_terms(signs: Fields, findings: list[dict[str, Any]],
                         drugs: list["DrugSource"]) -> None:
    """Not being able to do something normal is the finding its absence means: every
    inability form ("doesn't", "unable to", "not ... properly") over every word of a
    normal function becomes a term of that function's target. The words of a matched
    term never deny anything, so "doesn't wake up" is never a denial. A term another
    target already lists keeps its owner."""
    forms = signs.table("inability").strings("forms")
    items = [*findings, *(i for drug in drugs for i in [*drug.side_effects, *drug.findings])]
    taken = {term_key(term): item.get("key", item.get("name")) for item in items
             for term in (*item["terms"], item["name"])}
    for row in signs.tables("function"):
        target = row.text("target")
        terms = [term for word in row.strings("words") for form in forms
                 if taken.get(term_key(term := form.replace("...", word) if "..." in form
                                       else f"{form} {word}"), target) == target]
        owners = [item for item in items if target in (item.get("key"), item["name"])]
        if not owners:
            raise row.fail("target", f"{target!r} is no sign, finding or side effect")
        for owner in owners:
            owner["terms"] = list(dict.fromkeys([*owner["terms"], *terms]))


def _sources(file: Fields) -> list[dict[str, str | None]]:
    """The guide-wide list of sources, each with its review status; ids are unique."""
    rows: list[dict[str, str | None]] = []
    for row in file.tables("source"):
        source_id = row.text("id")
        if any(source_id == seen["id"] for seen in rows):
            raise row.fail("id", f"duplicate source id {source_id!r}")
        rows.append({"id": source_id, "kind": row.choice("kind", SOURCE_KINDS),
                     **{key: row.text(key) for key in SOURCE_FIELDS},
                     **_review(row.table("review"))})
    return rows


def _review(review: Fields) -> dict[str, str | None]:
    """`status` (one of REVIEW_STATUSES), `reviewer`, `date` and an optional `note`."""
    return {"review_status": review.choice("status", REVIEW_STATUSES),
            "reviewer": review.text("reviewer"), "reviewed": review.date("date"),
            "review_note": review.text("note", required=False)}


def _search_synonyms(path: Path) -> str:
    """The search synonym groups as JSON for `meta`, each word in the searched form."""
    groups = read_toml(path).groups("groups")
    return json.dumps([[normalize_input(word) for word in group] for group in groups])


def _search_answers(path: Path, drugs: list["DrugSource"]) -> str:
    """The blocks that answer a search, as JSON for `meta`: each names a section and,
    optionally, one of its block titles (checked when a drug has that section: an
    optional one may be missing from every drug), and its questions' words."""
    headings = {(s["key"], block["title"]) for drug in drugs for s in drug.sections
                for block in s["blocks"]}
    answers = []
    for row in read_toml(path).tables("answer", required=False):
        page = row.choice("page", SECTION_KEYS)
        title = row.text("title", required=False)
        held = any(key == page for key, _ in headings)
        if title is not None and held and (page, title) not in headings:
            raise row.fail("title", f"no block of section {page!r} has the title {title!r}")
        questions = [query_words(q) for q in row.strings("questions")]
        if not all(questions):
            raise row.fail("questions", "expected a list of questions, each with a word")
        answers.append({"page": page, "title": title, "questions": questions})
    return json.dumps(answers)


def _medicine_words(path: Path) -> str:
    """The words a medicine's name may add, as one JSON list for `meta`, in name-key form."""
    file = read_toml(path)
    words = {name_key(word) for key in MEDICINE_WORD_LISTS for word in file.strings(key)}
    return json.dumps(sorted(words - {""}))


def _refuse_duplicate_drugs(drugs: list[DrugSource]) -> None:
    seen: dict[str, Path] = {}
    for drug in drugs:
        name = drug.drug["name"].casefold()
        if name in seen:
            raise ContentSourceError(
                drug.folder / "drug.toml", "name",
                f"duplicate drug {drug.drug['name']!r}, also in {seen[name]}",
            )
        seen[name] = drug.folder


def load_drug(folder: Path, known: set[str]) -> DrugSource:
    files = {name: read_toml(folder / f"{name}.toml") for name in DRUG_FILES}
    drug = files["drug"]
    source = DrugSource(
        id=folder.name,
        folder=folder,
        drug={
            "name": drug.text("name"),
            "drug_class": drug.text("drug_class"),
            "summary": drug.text("summary"),
            "last_reviewed": drug.date("last_reviewed"),
        },
    )
    source.dosing = [_dose(row, known) for row in drug.tables("dosing")]
    source.facts = [_fact(row, known) for row in drug.tables("facts")]
    sections = files["sections"]
    source.sections = [_section(sections, key, known) for key in SECTION_KEYS
                       if key not in OPTIONAL_SECTION_KEYS or sections.has(key)]
    source.side_effects = _side_effects(files["side_effects"], known)
    source.interactions = [_interaction(row, known)
                           for row in files["interactions"].tables("interaction")]
    if files["interactions"].has("combined"):
        source.combined_warnings = [_combined_warning(files["interactions"].table("combined"),
                                                      known)]
    source.precautions = [
        {
            "label": row.text("label"),
            "kind": row.choice("kind", PRECAUTION_KINDS),
            "caution": row.text("caution"),
            **row.citation(known),
        }
        for row in files["precautions"].tables("precaution")
    ]
    triage = files["triage"]
    source.names = triage.strings("names")
    source.findings = [_finding(row, known) for row in triage.tables("finding", required=False)]
    _add_interaction_terms(source.findings, source.interactions)
    source.rules = triage.tables("rule", required=False)  # checked with the guide's findings
    return source


def _add_interaction_terms(findings: list[dict[str, Any]],
                           interactions: list[dict[str, Any]]) -> None:
    """A finding's `terms_from_interactions` names entries of interactions.toml: every
    member's name and alias becomes one of its terms, so "on oxycodone" or "a few pints"
    is the context the interaction checker already knows, kept in one place."""
    by_name = {entry["name"]: entry for entry in interactions}
    for finding in findings:
        row = finding["_fields"]
        for index, name in enumerate(row.strings("terms_from_interactions")):
            if name not in by_name:
                raise row.fail(f"terms_from_interactions[{index}]",
                               f"no interaction is named {name!r}")
            finding["terms"] += [word for member in by_name[name]["members"]
                                 for word in (member["name"], *member["aliases"])
                                 if word not in finding["terms"]]


def _dose(row: Fields, known: set[str]) -> dict[str, Any]:
    days = row.number("days")
    if days is not None and days != int(days):
        raise row.fail("days", "must be a whole number")
    return {
        "route": row.text("route"),
        "stage": row.text("stage"),
        "mg_per_day": row.number("mg_per_day"),
        "days": None if days is None else int(days),
        "detail": row.text("detail"),
        **row.citation(known),
    }


def _fact(row: Fields, known: set[str]) -> dict[str, Any]:
    low, high = row.number("low"), row.number("high")
    if high is not None and (low is None or high < low):
        raise row.fail("high", "needs a `low` no greater than it")
    return {
        "label": row.text("label"),
        "low": low,
        "high": high,
        "unit": row.text("unit", required=low is not None),
        "detail": row.text("detail"),
        **row.citation(known),
    }


def _section(sections: Fields, key: str, known: set[str]) -> dict[str, Any]:
    table = sections.table(key)
    return {
        "key": key,
        "title": table.text("title"),
        "blocks": [_block(block, known) for block in table.tables("blocks")],
    }


def _block(block: Fields, known: set[str]) -> dict[str, Any]:
    """One paragraph, list, table or note; lists are stored as Markdown, tables as JSON."""
    kind = block.choice("kind", BLOCK_KINDS)
    if kind == "list":
        items = block.strings("items")
        if not items:
            raise block.fail("items", "needs at least one item")
        body = "\n".join(f"- {item}" for item in items)
    elif kind == "table":
        body = json.dumps(_table_cells(block), ensure_ascii=False)
    else:
        body = block.text("text")
    if len(body) > MAX_TEXT_CHARS:
        raise block.fail(kind, f"is longer than {MAX_TEXT_CHARS:,} characters in all")
    return {"kind": kind, "title": block.text("title", required=kind == "note"), "body": body,
            **block.citation(known)}


def _table_cells(block: Fields) -> dict[str, list]:
    header = block.strings("header")
    if not header:
        raise block.fail("header", "needs at least one column")
    return {"header": header, "rows": block.text_rows("rows", len(header))}


def _side_effects(file: Fields, known: set[str]) -> list[dict[str, Any]]:
    """Flatten the groups, refusing a term that would point at two symptoms."""
    owners: dict[tuple[str, ...], str] = {}
    rows = []
    for group in file.tables("group"):
        shared = {
            "tier": group.choice("tier", TIERS),
            "frequency": group.text("frequency"),
            "act": group.text("act"),
            "advice": group.text("advice"),
            **group.citation(known),
        }
        for symptom in group.tables("symptom"):
            name = symptom.text("name")
            terms = [name, *symptom.strings("terms")]
            for index, term in enumerate(terms):
                where = "name" if index == 0 else f"terms[{index - 1}]"
                _claim_term(owners, symptom, where, term, name)
            rows.append({"name": name, **shared, "terms": list(dict.fromkeys(terms[1:])),
                         "shorthand": symptom.strings("shorthand"),
                         "pairs": [_pair(pair) for pair in symptom.tables("pairs",
                                                                          required=False)]})
    return rows


def _finding(row: Fields, known: set[str], kind: str | None = None) -> dict[str, Any]:
    """A sign, danger symptom, context or guard. Signs are always emergencies;
    contexts and guards never carry a tier of their own."""
    key = row.text("id")
    if not _KEY.match(key):
        raise row.fail("id", f"{key!r} must be lower case letters, digits and _")
    kind = kind or row.choice("kind", FINDING_KINDS)
    tier = "emergency" if kind == "sign" else None
    if kind == "symptom" and row.text("tier", required=False):
        tier = row.choice("tier", TIERS)
    elif kind in ("context", "ignore") and row.has("tier"):
        raise row.fail("tier", f"a {kind} has no tier of its own")
    return {
        "key": key, "kind": kind, "name": row.text("name"), "tier": tier,
        "advice": row.text("advice") if kind != "ignore" else row.text("advice",
                                                                        required=False) or "",
        **row.citation(known),
        "terms": row.strings("terms"), "shorthand": row.strings("shorthand"),
        "pairs": [_pair(pair) for pair in row.tables("pairs", required=False)],
        "_fields": row,
    }


def _check_triage(drug: DrugSource, guide_findings: list[dict[str, Any]],
                  guide_rules: list[Fields], known: set[str]) -> None:
    """Every term names one target across the drug's symptoms and all findings, and
    every rule names known targets and never lowers a tier."""
    owners: dict[tuple[str, ...], str] = {}
    for effect in drug.side_effects:
        for term in (effect["name"], *effect["terms"]):
            owners.setdefault(term_key(term), effect["name"])
    keys = {effect["name"] for effect in drug.side_effects}
    for finding in [*guide_findings, *drug.findings]:
        row = finding["_fields"]
        if finding["key"] in keys:
            raise row.fail("id", f"{finding['key']!r} is already used")
        keys.add(finding["key"])
        for index, term in enumerate(finding["terms"]):
            _claim_term(owners, row, f"terms[{index}]", term, finding["key"])
            if finding["kind"] == "ignore" and len(term_key(term)) < 2:
                # A one-word guard would hide that word everywhere: "fitness" is "fit".
                raise row.fail(f"terms[{index}]", f"a guard needs two words or more: {term!r}")
    _refuse_hiding_guards(owners, [*guide_findings, *drug.findings])
    targets = _targets(drug, guide_findings)
    rule_rows: list[Fields] = drug.rules  # type: ignore[assignment]
    drug.rules = [_rule(row, targets, known) for row in rule_rows]
    for row in [*guide_rules, *rule_rows]:
        # A rule's id names its alert, as a sign's does: one id, one alert.
        if row.text("id") in keys:
            raise row.fail("id", f"{row.text('id')!r} is already used")
        keys.add(row.text("id"))
    for row in guide_rules:
        _rule(row, targets, known)


def _refuse_hiding_guards(owners: dict[tuple[str, ...], str],
                          findings: list[dict[str, Any]]) -> None:
    """A guard ("ignore") must never swallow the words of a term that counts: a guard
    "a fit of" would hide every "a fit"."""
    counting = {key for key, owner in owners.items() if owner not in
                {f["key"] for f in findings if f["kind"] == "ignore"}}
    for finding in (f for f in findings if f["kind"] == "ignore"):
        for index, term in enumerate(finding["terms"]):
            key = term_key(term)
            for other in counting:
                if len(key) <= len(other) and any(
                        other[i:i + len(key)] == key for i in range(len(other) - len(key) + 1)):
                    raise finding["_fields"].fail(
                        f"terms[{index}]", f"guard {term!r} would hide the term {other!r}")


def _targets(drug: DrugSource, guide_findings: list[dict[str, Any]],
             answerable: bool = False) -> dict[str, str | None]:
    """Every name a rule may use, with its tier; `answerable`: what a question may
    name, which leaves out the guards (words that only look like a symptom)."""
    findings = [f for f in [*guide_findings, *drug.findings]
                if not (answerable and f["kind"] == "ignore")]
    return {**{e["name"]: e["tier"] for e in drug.side_effects},
            **{f["key"]: f["tier"] for f in findings}}


# What a question's table may hold beside its answers.
_QUESTION_FIELDS = frozenset({"id", "order", "red_flag", "red_flag_when", "text", "source",
                              "part", "when", "choice"})


def _question_rows(file: Path) -> list[Fields]:
    return read_toml(file).tables("question", required=False) if file.exists() else []


def _questions(rows: list[Fields], targets: dict[str, str | None],
               known: set[str]) -> list[dict[str, Any]]:
    """Guided questions in asking order: red flags first, then by `order`, then as
    listed. Ids are unique across the guide's questions and the drug's."""
    seen: dict[str, Path] = {}
    questions = []
    for row in rows:
        question = _question(row, targets, known)
        if question["key"] in seen:
            raise row.fail("id", f"duplicate question {question['key']!r}, "
                                 f"also in {seen[question['key']]}")
        seen[question["key"]] = row.file
        questions.append(question)
    return sorted(questions, key=lambda q: (not q["red_flag"], q["order"]))


def _known_targets(row: Fields, field: str, targets: dict[str, str | None]) -> list[str]:
    names = row.strings(field)
    for index, target in enumerate(names):
        if target not in targets:
            raise row.fail(f"{field}[{index}]", f"unknown symptom or finding {target!r}")
    return names


def _question(row: Fields, targets: dict[str, str | None], known: set[str]) -> dict[str, Any]:
    key = row.text("id")
    if not _KEY.match(key):
        raise row.fail("id", f"{key!r} must be lower case letters, digits and _")
    order = row.number("order")
    if order is None:
        raise row.fail("order", "missing")
    choices = row.tables("choice", required=False)
    if choices:
        answers = [_answer(choice, targets, choice.text("id"), choice.text("label"))
                   for choice in choices]
    else:
        answers = [_answer(row.table(k, required=False), targets, k, k.capitalize())
                   for k in (YES, NO)]
    for name in row.field_names():
        if name not in _QUESTION_FIELDS and (choices or name not in (YES, NO)):
            raise row.fail(name, "unknown field (a yes/no question's answers are `yes` and "
                                 "`no`; a choice question lists `[[question.choice]]`; "
                                 "`unknown` is always offered and feeds nothing)")
    keys = [a["key"] for a in answers]
    for index, answer_key in enumerate(keys):
        if answer_key == UNKNOWN or not _KEY.match(answer_key) or keys.index(answer_key) < index:
            raise row.fail(f"choice[{index}].id", f"{answer_key!r} must be a new lower-case "
                                                   f"id other than {UNKNOWN!r}")
    if not any(a["feeds"] for a in answers):
        raise row.fail("choice" if choices else "yes.feeds", "no answer feeds anything")
    when, red_flag_when = (_known_targets(row, field, targets)
                           for field in ("when", "red_flag_when"))
    return {"key": key, "text": row.text("text"), "red_flag": row.flag("red_flag"),
            "order": order, **row.citation(known), "when": when, "red_flag_when": red_flag_when,
            "answers": [*answers, {"key": UNKNOWN, "label": "Unknown", "feeds": [],
                                   "denies": []}]}


def _answer(row: Fields, targets: dict[str, str | None], key: str,
            label: str) -> dict[str, Any]:
    """What one answer reports present (`feeds`) or denies (`denies`)."""
    named = {}
    for field_name in ("feeds", "denies"):
        named[field_name] = row.strings(field_name)
        for index, target in enumerate(named[field_name]):
            if target not in targets:
                raise row.fail(f"{field_name}[{index}]",
                               f"unknown symptom or finding {target!r}")
    both = set(named["feeds"]) & set(named["denies"])
    if both:
        raise row.fail("denies", f"{sorted(both)[0]!r} is also fed by this answer")
    return {"key": key, "label": label, **named}


def _rule(row: Fields, targets: dict[str, str | None], known: set[str]) -> dict[str, Any]:
    key, tier = row.text("id"), row.choice("tier", TIERS)
    if not _KEY.match(key):
        raise row.fail("id", f"{key!r} must be lower case letters, digits and _")
    needs = row.groups("needs")
    for g, group in enumerate(needs):
        for i, name in enumerate(group):
            if name not in targets:
                raise row.fail(f"needs[{g}][{i}]", f"unknown symptom or finding {name!r}")
            if targets[name] and urgency(targets[name]) > urgency(tier):
                raise row.fail("tier", f"{tier!r} would lower {name!r} ({targets[name]})")
    return {"key": key, "title": row.text("title"), "tier": tier, "advice": row.text("advice"),
            **row.citation(known), "needs": needs}


def _triggers(file: Fields) -> list[dict[str, Any]]:
    """context.toml: one table per category, one list of phrases per direction.
    A `list` phrase governs a whole list on either side; a phrase is listed once."""
    rows = []
    seen: dict[tuple[str, ...], str] = {}
    for category in TRIGGER_CATEGORIES:
        table = file.table(category)
        for direction in (*TRIGGER_DIRECTIONS, "list"):
            for index, phrase in enumerate(table.strings(direction)):
                words = tuple(fold(word) for word in phrase.split())
                if words in seen:
                    raise table.fail(f"{direction}[{index}]",
                                     f"{phrase!r} is already listed under {seen[words]}")
                seen[words] = f"{category}.{direction}"
                # A list runs forward only: "low mood, denies SI" denies only the SI.
                rows.append({"phrase": phrase, "category": category,
                             "direction": "forward" if direction == "list" else direction,
                             "list_scope": int(direction == "list")})
    return rows


def _pair(pair: Fields) -> dict[str, str]:
    """Word lists stored space-separated; each entry must be a single word."""
    words = {}
    for key in ("about", "trouble"):
        values = pair.strings(key)
        if not values:
            raise pair.fail(key, "needs at least one word")
        for index, value in enumerate(values):
            if len(value.split()) != 1:
                raise pair.fail(f"{key}[{index}]", f"{value!r} is not a single word")
        words[key] = " ".join(values)
    return words


def _claim_term(
    owners: dict[tuple[str, ...], str], symptom: Fields, where: str, term: str, name: str
) -> None:
    """Refuse a term whose words another symptom or finding already uses."""
    key = term_key(term)
    if not key:
        raise symptom.fail(where, f"{term!r} has no words to match")
    owner = owners.setdefault(key, name)
    if owner != name:
        raise symptom.fail(where, f"term {term!r} is already used by {owner!r}")


def _interaction(row: Fields, known: set[str]) -> dict[str, Any]:
    members = []
    for member in row.tables("members"):
        members.append({"name": member.text("name"), "aliases": member.strings("aliases")})
    return {
        "name": row.text("name"),
        "drug_class": row.text("class", required=False),
        "severity": row.choice("severity", SEVERITIES),
        "advice": row.text("advice"),
        "cns_depressant": int(row.flag("cns_depressant")),
        "members": members,
        **row.citation(known),
    }


def _combined_warning(row: Fields, known: set[str]) -> dict[str, Any]:
    """The one warning for two or more CNS depressants together, with one or more sources."""
    return {"title": row.text("title"), "advice": row.text("advice"),
            "sources": [source.citation(known) for source in row.tables("sources")]}
