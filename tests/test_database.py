"""Opening a content database: read-only, and every fault reported in words IT can act on."""

import os
import sqlite3

import pytest

from desktop.content.database import ContentDatabase, ContentError
from desktop.paths import DEFAULT_DATABASE
from devtools.faults import FAULTS, copy_bundled


def test_bundled_database_opens(database):
    assert [d.name for d in database.drugs()] == ["Baclofen", "Tizanidine"]
    assert database.drug_id(None) == "baclofen"
    assert database.drug_id("BACLOFEN") == "baclofen"


def test_unknown_drug_name_is_an_error(database):
    with pytest.raises(ContentError, match="No drug called 'aspirin'"):
        database.drug_id("aspirin")


@pytest.fixture(params=["in memory", "private copy"])
def read_from(request, monkeypatch):
    """Each test runs as the bundled file is read (from memory) and as a large pack is
    (from a private verified copy)."""
    if request.param == "private copy":
        monkeypatch.setattr("desktop.content.verify.IN_MEMORY_BYTES", 0)
    return request.param


def test_opening_never_writes(tmp_path, read_from):
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


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_is_one_clear_error(tmp_path, fault, read_from):
    make, expected = FAULTS[fault]
    path = tmp_path / "content.sqlite3"
    make(path)
    with pytest.raises(ContentError) as error:
        ContentDatabase(path)
    message = str(error.value)
    assert expected in message
    assert "\n" not in message
    assert "IT" in message or "Install" in message


def test_a_private_copy_is_read_and_left_nowhere(tmp_path, monkeypatch):
    """A large pack is read from a verified copy that no other process can find: its
    folder is gone once the database is open, and changing the original then changes
    nothing that is read."""
    monkeypatch.setattr("desktop.content.verify.IN_MEMORY_BYTES", 0)
    private_temp = tmp_path / "temp"
    private_temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(private_temp))
    original = copy_bundled(tmp_path / "content.sqlite3")
    with ContentDatabase(original) as db:
        assert list(private_temp.iterdir()) == []
        original.write_bytes(b"\0" * original.stat().st_size)
        assert db.monograph("baclofen").name == "Baclofen"
        assert db.search("seizures")


def test_a_directory_is_not_a_database(tmp_path):
    with pytest.raises(ContentError, match="is a folder"):
        ContentDatabase(tmp_path)


def test_path_with_unusual_characters(tmp_path):
    odd = tmp_path / "a dir #1 ?x=1 %20 ü"
    odd.mkdir()
    path = copy_bundled(odd / "content.sqlite3")
    with ContentDatabase(path) as db:
        assert db.drugs()[0].name == "Baclofen"
