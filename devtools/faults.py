"""Every way a content database file can be unusable, as (make the fault, words the error
must contain); shared by the data-layer, window and command-line tests (DB_OPTION_FAULTS:
the same files given with --db, where a signature stands for the manifest). Also the
copies that the trust tests edit."""

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop.content.trust import signature_path
from desktop.content.verify import manifest_path, write_manifest
from desktop.paths import DEFAULT_DATABASE
from devtools.signing import forge_signature, sign


def copy_bundled(target: Path) -> Path:
    """A copy of the bundled database at `target`, with its manifest beside it."""
    shutil.copyfile(DEFAULT_DATABASE, target)
    shutil.copyfile(manifest_path(DEFAULT_DATABASE), manifest_path(target))
    return target


def edited_copy(path: Path, *statements: str, forge: bool = True) -> Path:
    """A copy of the bundled database changed by SQL. With `forge`, its manifest and
    signature are made to match, as a publisher whose key was stolen could; otherwise
    the copy is signed first and edited afterwards, so both are left stale."""
    copy_bundled(path)
    if not forge:
        forge_signature(path)
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    if forge:
        write_manifest(path)
        forge_signature(path)
    return path


def _truncated(path: Path) -> None:
    copy_bundled(path)
    path.write_bytes(DEFAULT_DATABASE.read_bytes()[:20_000])


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(50_000))


def _other_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()
    write_manifest(path)


def _corrupt_page(path: Path) -> None:
    copy_bundled(path)
    data = bytearray(DEFAULT_DATABASE.read_bytes())
    page = 4096
    data[page * 3: page * 3 + 200] = b"\xff" * 200  # smash a b-tree page header
    path.write_bytes(bytes(data))


def _wrong_digest(path: Path) -> None:
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


def _another_files_signature(path: Path) -> None:
    other = sign(copy_bundled(path.with_name("other.sqlite3")))
    edited_copy(path, "UPDATE meta SET value = 'x' WHERE key = 'title'")
    shutil.copyfile(signature_path(other), signature_path(path))


def _bad_signature(path: Path) -> None:
    forge_signature(copy_bundled(path))
    signature_path(path).write_text("{")


def _signed_as_it_stands(make: Callable[[Path], object]) -> Callable[[Path], None]:
    def make_and_sign(path: Path) -> None:
        make(path)
        if path.is_file() and not signature_path(path).exists():
            forge_signature(path)
    return make_and_sign


# Given with --db, a file is checked as a pack: by its signature, not by a manifest.
# Every other fault is signed as it stands, so the data layer's own reason shows.
DB_OPTION_FAULTS = {
    **{name: (_signed_as_it_stands(make), reason) for name, (make, reason) in FAULTS.items()},
    "no manifest": (FAULTS["no manifest"][0], "unsigned"),
    "bad manifest": (_bad_signature, "bad signature"),
    "digest mismatch": (_another_files_signature, "signature made for another file"),
    "altered content": (FAULTS["altered content"][0], "signature made for another file"),
    "altered meta": (FAULTS["altered meta"][0], "signature made for another file"),
    "corrupt page": (_signed_as_it_stands(_corrupt_page), "cannot be read"),
    "truncated": (_signed_as_it_stands(_truncated), "not a Drug Guide content database"),
}
