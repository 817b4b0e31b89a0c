"""Build the bundled content database from the reviewed sources.

    python -m db.build [--content DIR] [--out PATH]

The sources are validated before anything is written, and the database is
written to a temporary file that replaces the target only when complete.
"""

import argparse
import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

from db.sources import ContentSourceError, DrugSource, GuideSource, load_guide
from desktop.content import anchors
from desktop.content.models import Member, figure
from desktop.content.schema import SCHEMA_VERSION, SEARCH_INDEX, TABLES, TIER_LABELS
from desktop.content.verify import write_manifest
from desktop.paths import DEFAULT_DATABASE

BUILDER_VERSION = "1"
ROOT = Path(__file__).resolve().parent
CONTENT_DIR = ROOT / "content"


def sources_sha256(content_dir: Path) -> str:
    """A digest of every source file, by path relative to `content_dir`."""
    digest = hashlib.sha256()
    for path in sorted(content_dir.rglob("*.toml")):
        if not path.is_file():  # a folder or a pipe named like a source: never read
            raise ContentSourceError(path, "", "is not a file")
        digest.update(path.relative_to(content_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def plain_text(markdown: str) -> str:
    """Markdown as searchable text: emphasis and list markers dropped."""
    text = re.sub(r"^\s*[-*]\s+", "", markdown, flags=re.MULTILINE)
    return re.sub(r"\*\*|__", "", text).strip()


def create_schema(db: sqlite_utils.Database) -> None:
    """Create the tables and indexes declared in desktop.content.schema."""
    for table in TABLES:
        db[table.name].create(
            {column.name: column.kind for column in table.columns},
            pk=table.primary_key,
            not_null=[c.name for c in table.columns if not c.nullable],
            foreign_keys=[(key.column, key.table, "id") for key in
                          ((table.parent,) if table.parent else ()) + table.references],
            strict=True,
        )
        for index in table.indexes:
            db[table.name].create_index(list(index.columns), unique=index.unique)


class _Writer:
    """Inserts rows with ids and positions assigned in source order, so builds repeat."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.next_id: dict[str, int] = {}

    def add(self, table: str, rows: Iterable[dict[str, Any]], **parent: Any) -> list[int]:
        ids = []
        batch = []
        for position, row in enumerate(rows):
            row_id = self.next_id.get(table, 1)
            self.next_id[table] = row_id + 1
            ids.append(row_id)
            batch.append({"id": row_id, **parent, "position": position, **row})
        self.insert(table, batch)
        return ids

    def insert(self, table: str, batch: list[dict[str, Any]]) -> None:
        """One prepared INSERT per batch (sqlite-utils' insert_all re-reads the table's
        columns on every call: most of the time a large bench guide took to write)."""
        if not batch:
            return
        columns = list(dict.fromkeys(column for row in batch for column in row))
        self.db.conn.executemany(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            [tuple(row.get(column) for column in columns) for row in batch])


def _block_text(block: dict[str, Any]) -> str:
    if block["kind"] == "table":
        cells = json.loads(block["body"])
        return " ".join("; ".join(row) + "." for row in cells["rows"])
    return plain_text(block["body"])


def _search_rows(drug: DrugSource) -> list[dict[str, str]]:
    """Everything the window displays, as (page, anchor, title, text) for the FTS index."""
    rows = []
    for section in drug.sections:
        key = section["key"]
        headings = [block["title"] for block in section["blocks"] if block["title"]]
        if headings:
            rows.append((key, anchors.TEXT, section["title"], f"{'; '.join(headings)}."))
        rows += [(key, anchors.row(anchors.BLOCK, position), block["title"] or section["title"],
                  _block_text(block))
                 for position, block in enumerate(section["blocks"])]
    rows += [("overview", anchors.row(anchors.DOSE, position), f"Dosing: {dose['stage']}",
              f"{dose['route']}. {dose['detail']}")
             for position, dose in enumerate(drug.dosing)]
    # A fact's figure is indexed with its words, so its snippet holds the number asked for.
    rows += [("how_it_works", anchors.row(anchors.FACT, position), fact["label"],
              f"{_figure(fact)}{fact['detail']}")
             for position, fact in enumerate(drug.facts)]
    rows += [("side_effects", anchors.row(anchors.SIDE_EFFECT, position),
              effect["name"].capitalize(),
              f"{TIER_LABELS[effect['tier']]} ({effect['frequency']}). {effect['advice']} "
              f"Also described as: {', '.join(effect['terms'])}.")
             for position, effect in enumerate(drug.side_effects)]
    for position, item in enumerate(drug.interactions):
        members = (Member(m["name"], tuple(m["aliases"])) for m in item["members"])
        rows.append(("interactions", anchors.row(anchors.INTERACTION, position), item["name"],
                     f"{item['severity'].capitalize()}. {item['advice']} "
                     f"Includes: {'; '.join(member.label for member in members)}."))
    rows += [("precautions", anchors.row(anchors.PRECAUTION, position), p["label"], p["caution"])
             for position, p in enumerate(drug.precautions)]
    return [{"page": page, "anchor": anchor, "title": title, "body": body}
            for page, anchor, title, body in rows]


def _write_drug(writer: _Writer, drug: DrugSource, position: int) -> None:
    writer.db["drugs"].insert({"id": drug.id, "position": position, **drug.drug})
    owner = {"drug_id": drug.id}
    for section, section_id in zip(
        drug.sections,
        writer.add("sections", ({"key": s["key"], "title": s["title"]} for s in drug.sections),
                   **owner),
        strict=True,
    ):
        writer.add("blocks", section["blocks"], section_id=section_id)
    writer.add("dosing", drug.dosing, **owner)
    writer.add("facts", drug.facts, **owner)
    effects = [{k: v for k, v in e.items() if k not in ("terms", "pairs", "shorthand")}
               for e in drug.side_effects]
    for effect, effect_id in zip(
        drug.side_effects, writer.add("side_effects", effects, **owner), strict=True
    ):
        writer.add("symptom_terms", _terms(effect), side_effect_id=effect_id)
        writer.add("symptom_pairs", effect["pairs"], side_effect_id=effect_id)
    interactions = [{k: v for k, v in i.items() if k != "members"} for i in drug.interactions]
    for item, item_id in zip(
        drug.interactions, writer.add("interactions", interactions, **owner), strict=True
    ):
        members = writer.add("interaction_members", ({"name": m["name"]} for m in item["members"]),
                             interaction_id=item_id)
        for member, member_id in zip(item["members"], members, strict=True):
            writer.add("member_aliases", ({"alias": a} for a in member["aliases"]),
                       member_id=member_id)
    warnings = ({"title": w["title"], "advice": w["advice"]} for w in drug.combined_warnings)
    for warning, warning_id in zip(drug.combined_warnings,
                                   writer.add("combined_warnings", warnings, **owner), strict=True):
        writer.add("combined_warning_sources", warning["sources"], warning_id=warning_id)
    writer.add("precautions", drug.precautions, **owner)
    writer.add("search_items", _search_rows(drug), **owner)


def _terms(item: dict[str, Any]) -> list[dict[str, Any]]:
    return ([{"term": t, "shorthand": 0} for t in item["terms"]]
            + [{"term": t, "shorthand": 1} for t in item["shorthand"]])


def _figure(fact: dict[str, Any]) -> str:
    """ "2-4 hours. " for a fact with a figure, as the page shows it; else nothing."""
    value = figure(fact["low"], fact["high"], fact["unit"])
    return f"{value}. " if value else ""


def _write_triage(writer: _Writer, drug: DrugSource, guide: GuideSource) -> None:
    """The checker's content for one drug: its names, the guide's signs and rules,
    then the drug's own."""
    owner = {"drug_id": drug.id}
    writer.add("drug_names", ({"name": n} for n in [drug.drug["name"], *drug.names]), **owner)
    findings = [*guide.findings, *drug.findings]
    columns = ("key", "kind", "name", "tier", "advice", "source_id", "source_part")
    ids = writer.add("triage_findings", ({c: f[c] for c in columns} for f in findings), **owner)
    for finding, finding_id in zip(findings, ids, strict=True):
        writer.add("finding_terms", _terms(finding), finding_id=finding_id)
        writer.add("finding_pairs", finding["pairs"], finding_id=finding_id)
    rules = [*guide.rules, *drug.rules]
    columns = ("key", "title", "tier", "advice", "source_id", "source_part")
    ids = writer.add("triage_rules", ({c: r[c] for c in columns} for r in rules), **owner)
    for rule, rule_id in zip(rules, ids, strict=True):
        writer.add("rule_needs", ({"grp": g, "target": t}
                                  for g, group in enumerate(rule["needs"]) for t in group),
                   rule_id=rule_id)
    _write_questions(writer, drug)


def _write_questions(writer: _Writer, drug: DrugSource) -> None:
    """The guide's questions and the drug's, already in asking order."""
    columns = ("key", "text", "red_flag", "source_id", "source_part")
    ids = writer.add("triage_questions", ({c: int(q[c]) if c == "red_flag" else q[c]
                                           for c in columns} for q in drug.questions),
                     drug_id=drug.id)
    for question, question_id in zip(drug.questions, ids, strict=True):
        for table, field in (("question_when", "when"),
                             ("question_red_flag_when", "red_flag_when")):
            writer.add(table, ({"target": t} for t in question[field]), question_id=question_id)
        answers = question["answers"]
        answer_ids = writer.add("question_answers", ({"key": a["key"], "label": a["label"]}
                                                     for a in answers),
                                question_id=question_id)
        for answer, answer_id in zip(answers, answer_ids, strict=True):
            writer.add("answer_targets",
                       [*({"target": t, "denies": 0} for t in answer["feeds"]),
                        *({"target": t, "denies": 1} for t in answer["denies"])],
                       answer_id=answer_id)


def create_search_index(db: sqlite_utils.Database) -> None:
    # sqlite-utils' enable_fts has no prefix option, so the FTS table is declared here.
    fts = SEARCH_INDEX
    db.execute(
        f"CREATE VIRTUAL TABLE {fts.name} USING fts5({', '.join(fts.columns)}, "
        f"content='{fts.table}', content_rowid='id', tokenize='{fts.tokenize}', "
        f"prefix='{fts.prefix}')"
    )
    db.execute(f"INSERT INTO {fts.name}({fts.name}) VALUES ('rebuild')")
    db.execute(f"INSERT INTO {fts.name}({fts.name}) VALUES ('optimize')")


def write_database(guide: GuideSource, out: Path, sources_digest: str, *,
                   manifest: bool = True) -> None:
    """Write the database to `out` atomically (a complete file or none), then, with
    `manifest`, the manifest beside it that the app verifies the bundled database
    against (a content pack carries its digest in its signature instead)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        conn = sqlite3.connect(temp)
        db = sqlite_utils.Database(conn)
        with db.atomic():
            create_schema(db)
            writer = _Writer(db)
            db["sources"].insert_all({**source, "position": position}
                                     for position, source in enumerate(guide.sources))
            for position, drug in enumerate(guide.drugs):
                _write_drug(writer, drug, position)
                _write_triage(writer, drug, guide)
            writer.add("context_triggers", guide.triggers)
            create_search_index(db)
            meta = {
                "schema_version": str(SCHEMA_VERSION),
                "builder_version": BUILDER_VERSION,
                "sources_sha256": sources_digest,
                **guide.guide,
            }
            db["meta"].insert_all({"key": k, "value": v} for k, v in sorted(meta.items()))
        conn.execute("VACUUM")
        conn.close()
        temp.chmod(0o644)
        temp.replace(out)
        if manifest:
            write_manifest(out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def build(content_dir: Path = CONTENT_DIR, out: Path = DEFAULT_DATABASE, *,
          content_version: str | None = None, manifest: bool = True) -> str:
    """Build `out` from the sources; `content_version` replaces the sources' own.
    Returns the content version written."""
    guide = load_guide(content_dir)
    if content_version is not None:
        guide.guide["content_version"] = content_version
    write_database(guide, out, sources_sha256(content_dir), manifest=manifest)
    return guide.guide["content_version"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.build", description=__doc__.split("\n")[0])
    parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="sources folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_DATABASE, help="database to write")
    args = parser.parse_args(argv)
    try:
        build(args.content, args.out)
    except ContentSourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
