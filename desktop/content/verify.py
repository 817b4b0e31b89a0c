"""Whole-file verification: a database's bytes match a trusted digest before SQLite
reads a single page, and SQLite then reads exactly those bytes: from memory for a
small file, from a private verified copy for a large one.

A large file is copied into a new folder that only this user can open (mode 0700),
hashed chunk by chunk as it is written, and opened read-only and `immutable=1` once
the digest matches; the copy is then unlinked, so no other process can find it, and
memory stays flat however large the pack. Windows cannot unlink an open file, so
there every file is read from memory. See docs/security.md.

The expected digest of the bundled database comes from the manifest that ships
beside it inside the app package; a content pack's comes from its signature's
trusted comment (desktop/content/trust.py). Only the ExpectedDigest differs, not
open_verified.
"""

import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import BinaryIO, NamedTuple

from desktop.content.errors import REINSTALL, ContentError, reason
from desktop.content.limits import MAX_FILE_BYTES, MAX_SQL_BYTES, MAX_VALUE_BYTES

try:
    # CPython's own BLAKE2b, which hashlib re-exports; importing hashlib would first
    # load OpenSSL (_hashlib, about 4 ms), which a non-secret checksum does not need.
    from _blake2 import blake2b
except ImportError:  # another Python
    from hashlib import blake2b

SQLITE_HEADER = b"SQLite format 3\x00"
MANIFEST_SUFFIX = ".manifest.json"
MANIFEST_FORMAT = 1
_MAX_MANIFEST_BYTES = 4096
# Files up to this size are read from memory (the bundled one: under 1 MiB); larger
# ones from a private copy, so memory does not grow with the pack.
IN_MEMORY_BYTES = 16 * 2**20
_COPY_CHUNK = 2**20


class ExpectedDigest(NamedTuple):
    """What a database's bytes must be, and where that was read (named in errors)."""

    blake2b: str
    size: int
    source: str


class DigestMismatchError(ContentError):
    """The file's bytes are not the ones its digest describes."""


def file_digest(data: bytes) -> str:
    return blake2b(data).hexdigest()


def manifest_path(database: Path) -> Path:
    return database.with_name(database.stem + MANIFEST_SUFFIX)


def write_manifest(database: Path) -> Path:
    """Record `database`'s size and digest beside it; the file appears whole or not at all."""
    data = database.read_bytes()
    manifest = manifest_path(database)
    write_whole(manifest, json.dumps({"format": MANIFEST_FORMAT, "database": database.name,
                                      "bytes": len(data), "blake2b": file_digest(data)},
                                     indent=1) + "\n")
    return manifest


def write_whole(target: Path, text: str) -> None:
    """Write `text` to `target` so that readers see the old file or the new one, whole."""
    temp = target.with_name(f".{target.name}.part")
    try:
        temp.write_text(text, encoding="utf-8")
        temp.chmod(0o644)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_manifest(database: Path) -> ExpectedDigest:
    """The digest in the manifest beside `database`, once `database` looks like a file."""
    plausible_file(database)  # say "a folder" or "not a database" before "no manifest"
    manifest = manifest_path(database)
    try:
        with manifest.open("rb") as handle:
            data = json.loads(handle.read(_MAX_MANIFEST_BYTES))
        expected = ExpectedDigest(data["blake2b"], data["bytes"], str(manifest))
    except FileNotFoundError:
        raise ContentError(
            f"Content database {database} has no manifest ({manifest.name} must sit beside "
            f"it). {REINSTALL}") from None
    except OSError as error:
        raise ContentError(f"Cannot read {manifest} ({reason(error)}). {REINSTALL}") from None
    except (ValueError, TypeError, KeyError):
        raise ContentError(f"{manifest} is not a valid manifest. {REINSTALL}") from None
    if (data.get("format") != MANIFEST_FORMAT or not isinstance(expected.blake2b, str)
            or not isinstance(expected.size, int)):
        raise ContentError(f"{manifest} is not a valid manifest. {REINSTALL}")
    return expected


def plausible_file(path: Path) -> int:
    """The size of `path`, which must be a regular, non-empty SQLite file within the cap."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ContentError(f"Content database not found at {path}. {REINSTALL}") from None
    except OSError as error:
        raise ContentError(f"Cannot use {path} ({reason(error)}). {REINSTALL}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ContentError(f"{path} is a folder, not a content database file. {REINSTALL}")
    if not stat.S_ISREG(info.st_mode):
        raise ContentError(f"{path} is not a regular file. {REINSTALL}")
    if info.st_size == 0:
        raise ContentError(f"Content database {path} is empty. {REINSTALL}")
    if info.st_size > MAX_FILE_BYTES:
        raise ContentError(f"{path} is larger than any content database may be "
                           f"({MAX_FILE_BYTES // 2**20} MiB). {REINSTALL}")
    _check_header(_read(path, len(SQLITE_HEADER)), path)
    return info.st_size


def _read(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as error:
        raise ContentError(f"Cannot read {path} ({reason(error)}). {REINSTALL}") from None


def _check_header(data: bytes, path: Path) -> None:
    if not data.startswith(SQLITE_HEADER):
        raise ContentError(f"{path} is not a Drug Guide content database. {REINSTALL}")


def read_database_bytes(path: Path) -> bytes:
    """The bytes of a plausible content database file, or a ContentError saying why not."""
    data = _read(path, plausible_file(path) + 1)  # one more, to see a file that grew
    _check_header(data, path)
    return data


def verified_bytes(path: Path, expected: ExpectedDigest) -> bytes:
    data = read_database_bytes(path)
    if len(data) != expected.size or file_digest(data) != expected.blake2b:
        raise _mismatch(path, expected)
    return data


def _mismatch(path: Path, expected: ExpectedDigest) -> DigestMismatchError:
    return DigestMismatchError(
        f"Content database {path} is damaged or has been altered (its bytes do not match "
        f"{Path(expected.source).name}). {REINSTALL}")


def own_digest(path: Path, source: str) -> ExpectedDigest:
    """What `path` holds now: for a file trusted without a digest (--allow-unsigned),
    read a chunk at a time, so a large file costs no memory."""
    size = plausible_file(path)
    digest, read = _hashed_copy(path, size, None)
    return ExpectedDigest(digest, read, source)


def open_verified(path: Path, expected: ExpectedDigest) -> sqlite3.Connection:
    """A read-only connection over `path`'s bytes once they match `expected`.

    SQLite reads a verified copy (in memory, or a private file for a large database),
    so a file changed after the check is never read, and nothing is written beside it.
    """
    if expected.size <= IN_MEMORY_BYTES or os.name == "nt":
        return _open_in_memory(path, verified_bytes(path, expected))
    import tempfile  # here: start-up with the bundled database does not need it (3 ms)

    with tempfile.TemporaryDirectory(prefix=".drug-guide-") as private:  # mode 0700
        copy = _verified_copy(path, expected, Path(private))
        # immutable: SQLite takes no locks and keeps no journal; the copy never changes.
        conn = _connect(path, f"{copy.as_uri()}?mode=ro&immutable=1")
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # file open
        except sqlite3.Error as error:
            conn.close()
            raise ContentError(f"Cannot open {path} ({error}). {REINSTALL}") from None
    return conn  # the folder and the copy are gone; SQLite reads through its open handle


def _verified_copy(path: Path, expected: ExpectedDigest, folder: Path) -> Path:
    """`path` copied into the private `folder`, hashed as it is written; raises
    DigestMismatchError unless the bytes written are the ones `expected` describes."""
    plausible_file(path)
    copy = folder / "content.sqlite3"
    try:
        with copy.open("xb") as target:
            copy.chmod(0o400)
            digest, size = _hashed_copy(path, expected.size, target)
    except OSError as error:
        raise ContentError(f"Cannot write a private copy of {path} ({reason(error)}). "
                           f"{REINSTALL}") from None
    if size != expected.size or digest != expected.blake2b:
        raise _mismatch(path, expected)
    return copy


def _hashed_copy(path: Path, size: int, target: BinaryIO | None) -> tuple[str, int]:
    """The BLAKE2b digest and size of `path`'s bytes (at most one chunk past `size`, to
    see a file that grew), each chunk written to `target` as it is hashed."""
    digest, read = blake2b(), 0
    try:
        with path.open("rb") as source:
            while read <= size and (chunk := source.read(_COPY_CHUNK)):
                if not read:
                    _check_header(chunk, path)
                read += len(chunk)
                digest.update(chunk)
                if target is not None:
                    target.write(chunk)
    except OSError as error:
        raise ContentError(f"Cannot read {path} ({reason(error)}). {REINSTALL}") from None
    return digest.hexdigest(), read


def _open_in_memory(path: Path, data: bytes) -> sqlite3.Connection:
    conn = _connect(path, ":memory:")
    try:
        conn.deserialize(data)
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        conn.close()
        raise ContentError(f"Cannot open {path} ({error}). {REINSTALL}") from None
    return conn


def _connect(path: Path, database: str) -> sqlite3.Connection:
    """A connection with the length and SQL-size limits every content read runs under."""
    try:
        conn = sqlite3.connect(database, uri=True, check_same_thread=False)
    except sqlite3.Error as error:
        raise ContentError(f"Cannot open {path} ({error}). {REINSTALL}") from None
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
    return conn

