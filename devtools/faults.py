"""Every way a content database file can be unusable, as (make the fault, words the error
must contain); shared by the data-layer, window and command-line tests."""

import os
import sqlite3
from pathlib import Path

from desktop.paths import DEFAULT_DATABASE


def _truncated(path: Path) -> None:
    path.write_bytes(DEFAULT_DATABASE.read_bytes()[:20_000])


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(50_000))


def _other_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()


def _with_meta(path: Path, **changes: str) -> None:
    path.write_bytes(DEFAULT_DATABASE.read_bytes())
    conn = sqlite3.connect(path)
    for key, value in changes.items():
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    conn.commit()
    conn.close()


def _altered_content(path: Path) -> None:
    path.write_bytes(DEFAULT_DATABASE.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE side_effects SET tier = 'common' WHERE name = 'seizures'")
    conn.commit()
    conn.close()


def _corrupt_page(path: Path) -> None:
    data = bytearray(DEFAULT_DATABASE.read_bytes())
    page = 4096
    data[page * 3: page * 3 + 200] = b"\xff" * 200  # smash a b-tree page header
    path.write_bytes(bytes(data))


FAULTS = {
    "missing": (lambda path: None, "not found"),
    "empty": (lambda path: path.write_bytes(b""), "is empty"),
    "truncated": (_truncated, "damaged"),
    "random bytes": (_random_bytes, "not a Drug Guide content database"),
    "text file": (lambda path: path.write_text("hello"), "not a Drug Guide content database"),
    "other schema": (_other_schema, "not a Drug Guide content database"),
    "wrong schema version": (lambda path: _with_meta(path, schema_version="99"),
                             "schema version 99"),
    "checksum mismatch": (lambda path: _with_meta(path, content_sha256="0" * 64),
                          "does not match its checksum"),
    "altered content": (_altered_content, "does not match its checksum"),
    "corrupt page": (_corrupt_page, "damaged"),
}
