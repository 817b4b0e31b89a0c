"""Opening a content database: read-only, and every fault reported in words IT can act on."""

import os
import sqlite3

import pytest

from desktop.content.database import ContentDatabase, ContentError
from desktop.content.verify import manifest_path, write_manifest
from desktop.paths import DEFAULT_DATABASE
from tests.conftest import copy_bundled, edited_copy


def test_bundled_database_opens(database):
    assert [d.name for d in database.drugs()] == ["Baclofen"]
    assert database.drug_id(None) == "baclofen"
    assert database.drug_id("BACLOFEN") == "baclofen"


def test_unknown_drug_name_is_an_error(database):
    with pytest.raises(ContentError, match="No drug called 'aspirin'"):
        database.drug_id("aspirin")


def test_opening_never_writes(tmp_path):
    copy = copy_bundled(tmp_path / "content.sqlite3")
    os.utime(copy, (1_000_000, 1_000_000))
    with ContentDatabase(copy) as db:
        db.monograph("baclofen")
        db.search("seizures")
        with pytest.raises(sqlite3.OperationalError):
            db._conn.execute("DELETE FROM drugs")
    assert copy.read_bytes() == DEFAULT_DATABASE.read_bytes()
    assert copy.stat().st_mtime == 1_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "content.manifest.json", "content.sqlite3"]


def _truncated(path):
    copy_bundled(path)
    path.write_bytes(DEFAULT_DATABASE.read_bytes()[:20_000])


def _random_bytes(path):
    path.write_bytes(os.urandom(50_000))


def _other_schema(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()
    write_manifest(path)


def _corrupt_page(path):
    copy_bundled(path)
    data = bytearray(DEFAULT_DATABASE.read_bytes())
    page = 4096
    data[page * 3: page * 3 + 200] = b"\xff" * 200  # smash a b-tree page header
    path.write_bytes(bytes(data))


def _wrong_digest(path):
    copy_bundled(path)
    manifest = manifest_path(path)
    manifest.write_text(manifest.read_text().replace('"blake2b": "', '"blake2b": "0'))


FAULTS = {
    "missing": (lambda path: None, "not found"),
    "empty": (lambda path: path.write_bytes(b""), "is empty"),
    "truncated": (_truncated, "damaged"),
    "random bytes": (_random_bytes, "not a Drug Guide content database"),
    "text file": (lambda path: path.write_text("hello"), "not a Drug Guide content database"),
    "no manifest": (lambda path: path.write_bytes(DEFAULT_DATABASE.read_bytes()),
                    "has no manifest"),
    "bad manifest": (lambda path: (copy_bundled(path), manifest_path(path).write_text("{")),
                     "not a valid manifest"),
    "other schema": (_other_schema, "not a Drug Guide content database"),
    "wrong schema version": (
        lambda path: edited_copy(path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'"),
        "schema version 99"),
    "digest mismatch": (_wrong_digest, "damaged or has been altered"),
    "altered content": (lambda path: edited_copy(
        path, "UPDATE side_effects SET tier = 'common' WHERE name = 'seizures'", forge=False),
        "damaged or has been altered"),
    "altered meta": (lambda path: edited_copy(
        path, "UPDATE meta SET value = '9999' WHERE key = 'content_version'", forge=False),
        "damaged or has been altered"),
    "corrupt page": (_corrupt_page, "damaged"),
    "no drugs": (lambda path: edited_copy(path, "PRAGMA foreign_keys = OFF", "DELETE FROM drugs"),
                 "holds no drugs"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_is_one_clear_error(tmp_path, fault):
    make, expected = FAULTS[fault]
    path = tmp_path / "content.sqlite3"
    make(path)
    with pytest.raises(ContentError) as error:
        ContentDatabase(path)
    message = str(error.value)
    assert expected in message
    assert "\n" not in message
    assert "IT" in message or "Install" in message


def test_a_directory_is_not_a_database(tmp_path):
    with pytest.raises(ContentError, match="is a folder"):
        ContentDatabase(tmp_path)


def test_path_with_unusual_characters(tmp_path):
    odd = tmp_path / "a dir #1 ?x=1 %20 ü"
    odd.mkdir()
    path = copy_bundled(odd / "content.sqlite3")
    with ContentDatabase(path) as db:
        assert db.drugs()[0].name == "Baclofen"
