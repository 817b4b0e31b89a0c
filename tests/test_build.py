"""The builder: reproducible, atomic, and strict about bad content."""

import sqlite3
import subprocess
import sys

import pytest

from db.build import build, main
from db.sources import ContentSourceError
from desktop.content.schema import TABLES
from desktop.content.verify import manifest_path, read_manifest, verified_bytes
from desktop.paths import DEFAULT_DATABASE
from devtools.repo import CONTENT, ROOT


def table_rows(path):
    conn = sqlite3.connect(path)
    tables = [table.name for table in TABLES]
    rows = {t: conn.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall() for t in tables}
    conn.close()
    return rows


def test_committed_database_matches_its_sources(tmp_path):
    """Fails when db/content/ changed but resources/ was not rebuilt (run `make db`)."""
    out = tmp_path / "fresh.sqlite3"
    build(CONTENT, out)
    assert table_rows(DEFAULT_DATABASE) == table_rows(out)


def test_build_is_byte_for_byte_reproducible_and_its_manifest_true(tmp_path):
    """The committed manifest names the committed file, and a fresh build is the same bytes."""
    out = tmp_path / "fresh.sqlite3"
    build(CONTENT, out)
    assert out.read_bytes() == DEFAULT_DATABASE.read_bytes()
    assert verified_bytes(DEFAULT_DATABASE, read_manifest(DEFAULT_DATABASE))
    assert manifest_path(out).read_text() == manifest_path(DEFAULT_DATABASE).read_text().replace(
        DEFAULT_DATABASE.name, out.name)


def test_building_twice_gives_the_same_rows(tmp_path):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    build(CONTENT, first)
    build(CONTENT, second)
    assert table_rows(first) == table_rows(second)


def test_schema_is_strict_with_keys(built_db):
    conn = sqlite3.connect(built_db)
    sql = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    for table in table_rows(built_db):
        assert sql[table].rstrip().endswith("STRICT"), table
    assert 'REFERENCES "drugs"("id")' in sql["side_effects"]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert "fts5" in sql["search_fts"]


def test_built_tables_are_the_declared_ones(built_db):
    conn = sqlite3.connect(built_db)
    for table in TABLES:
        info = conn.execute(f"PRAGMA table_info([{table.name}])").fetchall()
        assert [(name, not notnull) for _, name, _, notnull, _, _ in info] == [
            (column.name, column.nullable) for column in table.columns], table.name
        indexed = {tuple(r[2] for r in conn.execute(f"PRAGMA index_info([{name}])"))
                   for _, name, *_ in conn.execute(f"PRAGMA index_list([{table.name}])")}
        assert {index.columns for index in table.indexes} <= indexed, table.name


def test_command_line_builds(tmp_path):
    out = tmp_path / "cli.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "db.build", "--out", str(out)], cwd=ROOT,
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0


def _replace(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


BAD_CONTENT = {
    "unknown tier": (
        "side_effects.toml", 'tier = "emergency"', 'tier = "urgent"', "group[3].tier"),
    "unknown severity": (
        "interactions.toml", 'severity = "avoid"', 'severity = "never"', "interaction[5].severity"),
    "term mapped to two symptoms": (
        "side_effects.toml", '"migraine",', '"migraine", "woozy",', "'dizziness'"),
    "missing section": ("sections.toml", "[uses]", "[usage]", "uses.title: missing"),
    "empty section": (
        "sections.toml", '[[uses.blocks]]\nkind = "paragraph"\ntext = """',
        '[[uses.blocks]]\nkind = "paragraph"\ntext = """ """\nx = """',
        "uses.blocks[0].text: is empty"),
    "text naming a source-tree path": (
        "drug.toml", 'name = "Baclofen"', 'name = "Baclofen (see shared/seed/x.txt)"',
        "names a file path"),
    "text naming a project folder": (
        "interactions.toml", 'name = "lithium"', 'name = "lithium, db/content/"',
        "names a file path"),
    "malformed file": ("drug.toml", 'name = "Baclofen"', 'name = "Baclofen', "malformed TOML"),
    "missing field": ("precautions.toml", 'caution = "No alcohol', 'cautions = "No alcohol',
                      "precaution[16].caution: missing"),
    # Every content row names its source and the part of it: none may go unsourced.
    "block without a source": (
        "sections.toml", 'source = "history"\n', "", "overview.blocks[2].source: missing"),
    "block without a part": (
        "sections.toml", 'part = "History of baclofen\'s discovery"\n', "",
        "overview.blocks[2].part: missing"),
    "unknown source": (
        "sections.toml", 'source = "history"', 'source = "wikipedia"',
        "overview.blocks[2].source: unknown source 'wikipedia'"),
    "side effect group without a source": (
        "side_effects.toml", 'source = "article"\n', "", "group[0].source: missing"),
    "interaction without a source": (
        "interactions.toml", 'source = "article"\n', "", "interaction[0].source: missing"),
    "precaution without a source": (
        "precautions.toml", 'source = "ozobax-label"\n', "", ".source: missing"),
    "dose without a source": ("drug.toml", 'source = "article"\n', "", "dosing[0].source: missing"),
    "triage finding without a source": (
        "triage.toml", 'source = "tablets-label"\n', "", "finding[0].source: missing"),
    "triage rule without a part": (
        "triage.toml", 'part = "Overdosage (LOINC 34088-5)"\nadvice = "Call emergency',
        'advice = "Call emergency', "rule[0].part: missing"),
    "table row of the wrong width": (
        "sections.toml", '["Tablets", "Generic', '["Generic', "rows[0]: expected 3 non-empty"),
    "unknown block kind": (
        "sections.toml", 'kind = "note"', 'kind = "aside"', ".kind: unknown value 'aside'"),
    "negative dose": ("drug.toml", "mg_per_day = 80", "mg_per_day = -80",
                      "dosing[2].mg_per_day"),
    "not a finite number": ("drug.toml", "days = 3", "days = nan",
                            "dosing[0].days: must be a finite"),
    "phrase in a word pair": ("side_effects.toml", 'about = ["chest"]',
                              'about = ["my chest"]', "pairs[0].about[0]"),
    "sedatives from an interaction that does not exist": (
        "triage.toml", '"Barbiturates", "cannabis"]', '"Barbiturates", "cannabiss"]',
        "terms_from_interactions[12]: no interaction is named 'cannabiss'"),
    "empty word pair": ("side_effects.toml", 'about = ["chest"]', "about = []",
                        "pairs[0].about: needs at least one word"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONTENT))
def test_bad_content_is_refused_naming_file_and_field(tmp_path, content_copy, case):
    file, old, new, expected = BAD_CONTENT[case]
    _replace(content_copy / "baclofen" / file, old, new)
    _expect_refusal(tmp_path, content_copy, file, expected)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('source = "nhs-999"\n', "", "sign[0].source: missing"),
    ('source = "nhs-stroke"', 'source = "nhs"', "sign[3].source: unknown source 'nhs'"),
])
def test_an_unsourced_emergency_sign_is_refused(tmp_path, content_copy, old, new, expected):
    _replace(content_copy / "signs.toml", old, new)
    _expect_refusal(tmp_path, content_copy, "signs.toml", expected)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('page = "pump"', 'page = "pumps"', "answer[0].page: unknown value 'pumps'"),
    ('title = "What the clinic does"', 'title = "What the clinic did"',
     "answer[0].title: no block of section 'pump'"),
])
def test_a_search_answer_naming_no_block_is_refused(tmp_path, content_copy, old, new, expected):
    _replace(content_copy / "search.toml", old, new)
    _expect_refusal(tmp_path, content_copy, "search.toml", expected)


def _expect_refusal(tmp_path, content_copy, file, expected):
    out = tmp_path / "out.sqlite3"
    with pytest.raises(ContentSourceError) as error:
        build(content_copy, out)
    assert file in str(error.value)
    assert expected in str(error.value)
    assert not out.exists()
    assert list(tmp_path.glob(".out.sqlite3*")) == []


def test_duplicate_drug_is_refused(tmp_path, content_copy):
    (content_copy / "baclofen-copy").mkdir()
    for source in (content_copy / "baclofen").iterdir():
        (content_copy / "baclofen-copy" / source.name).write_bytes(source.read_bytes())
    with pytest.raises(ContentSourceError, match="duplicate drug 'Baclofen'"):
        build(content_copy, tmp_path / "out.sqlite3")


def test_bad_content_exits_non_zero_and_keeps_the_old_database(tmp_path, content_copy, capsys):
    out = tmp_path / "out.sqlite3"
    out.write_bytes(b"previous")
    _replace(content_copy / "baclofen" / "side_effects.toml", 'tier = "common"', 'tier = "x"')
    assert main(["--content", str(content_copy), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "side_effects.toml: group[0].tier" in error
    assert out.read_bytes() == b"previous"


def test_a_second_drug_is_a_second_folder(two_drug_db):
    conn = sqlite3.connect(two_drug_db)
    assert conn.execute("SELECT name FROM drugs ORDER BY position").fetchall() == [
        ("Baclofen",), ("Synthetine 0001",)]


SOURCES_LIST = {
    "source without a revision": ('revision = "Version 3, effective 2021-07-01"\n', "",
                                  "source[2].revision: missing"),
    "duplicate source id": ('id = "tablets-label"', 'id = "article"',
                            "source[1].id: duplicate source id 'article'"),
    "unknown source kind": ('kind = "label"', 'kind = "blog"', "source[1].kind: unknown value"),
    "source without a review status": (
        'review = { status = "awaiting check", reviewer = "Drug Guide content team", '
        'date = 2026-12-05 }\n', "", "source[0].review: missing"),
    "unknown review status": ('status = "checked"', 'status = "fine"',
                              "source[1].review.status: unknown value"),
    "review without a reviewer": ('reviewer = "Drug Guide content team", date = 2026-11-26',
                                  'date = 2026-11-26', "source[1].review.reviewer: missing"),
}


@pytest.mark.parametrize("case", sorted(SOURCES_LIST))
def test_bad_sources_list_is_refused(tmp_path, content_copy, case):
    old, new, expected = SOURCES_LIST[case]
    _replace(content_copy / "sources.toml", old, new)
    _expect_refusal(tmp_path, content_copy, "sources.toml", expected)


def test_only_the_pump_tab_may_be_left_out(tmp_path, content_copy):
    """Tizanidine has no pump; every other tab stays required of every drug."""
    sections = content_copy / "baclofen" / "sections.toml"
    text = sections.read_text()
    sections.write_text(text[:text.index("[pump]")])
    # With no drug left with a pump tab, search.toml's answer on that tab goes too.
    search = content_copy / "search.toml"
    answers = search.read_text().split("[[answer]]")
    search.write_text("[[answer]]".join(a for a in answers if 'page = "pump"' not in a))
    out = tmp_path / "no-pump.sqlite3"
    build(content_copy, out)
    keys = sqlite3.connect(out).execute(
        "SELECT key FROM sections WHERE drug_id = 'baclofen' ORDER BY position").fetchall()
    assert ("pump",) not in keys and ("forms",) in keys
    _replace(sections, "[forms]", "[forms_gone]")
    _expect_refusal(tmp_path, content_copy, "sections.toml", "forms.title: missing")
