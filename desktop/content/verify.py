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
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, NamedTuple, TypeVar

from desktop.content.errors import REINSTALL, ContentError, reason
from desktop.content.files import NotRegularFileError, open_regular
from desktop.content.limits import (
    MAX_FILE_BYTES,
    MAX_HEAP_BYTES,
    MAX_SQL_BYTES,
    MAX_VALUE_BYTES,
)

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
_CHUNK_BYTES = 1 << 20  # hashed as read, so no second pass over a large file
# Files up to this size are read from memory (the bundled one: under 1 MiB); larger
# ones from a private copy, so memory does not grow with the pack.
IN_MEMORY_BYTES = 16 * 2**20
T = TypeVar("T")


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
        handle, _ = open_regular(manifest)
        with handle:
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
        handle, info = open_regular(path)
    except FileNotFoundError:
        raise ContentError(f"Content database not found at {path}. {REINSTALL}") from None
    except IsADirectoryError:
        raise ContentError(f"{path} is a folder, not a content database file. "
                           f"{REINSTALL}") from None
    except NotRegularFileError:
        raise ContentError(f"{path} is not a regular file. {REINSTALL}") from None
    except OSError as error:
        raise ContentError(f"Cannot use {path} ({reason(error)}). {REINSTALL}") from None
    with handle:
        if info.st_size == 0:
            raise ContentError(f"Content database {path} is empty. {REINSTALL}")
        if info.st_size > MAX_FILE_BYTES:
            raise ContentError(f"{path} is larger than any content database may be "
                               f"({MAX_FILE_BYTES // 2**20} MiB). {REINSTALL}")
        _check_header(_reading(path, lambda: handle.read(len(SQLITE_HEADER))), path)
    return info.st_size


def _reading(path: Path, read: Callable[[], T]) -> T:
    try:
        return read()
    except OSError as error:
        raise ContentError(f"Cannot read {path} ({reason(error)}). {REINSTALL}") from None


def _check_header(data: bytes | bytearray, path: Path) -> None:
    if not data.startswith(SQLITE_HEADER):
        raise ContentError(f"{path} is not a Drug Guide content database. {REINSTALL}")


def _hash_exactly(handle: BinaryIO, size: int, take: Callable[[memoryview], object]
                  ) -> str | None:
    """The digest of exactly `size` bytes of `handle`, hashed chunk by chunk as each is
    handed to `take`; None if the file holds fewer or more."""
    digest = blake2b()
    buffer = bytearray(min(_CHUNK_BYTES, max(size, 1)))
    done = 0
    with memoryview(buffer) as view:
        while done < size:
            count = handle.readinto(view[:min(len(buffer), size - done)])
            if not count:
                return None
            digest.update(view[:count])
            take(view[:count])
            done += count
    return None if handle.read(1) else digest.hexdigest()


def _open_database(path: Path) -> tuple[BinaryIO, int]:
    plausible_file(path)  # the reason a file is unusable, in its own words
    try:
        handle, info = open_regular(path)
    except OSError as error:
        raise ContentError(f"Cannot use {path} ({reason(error)}). {REINSTALL}") from None
    return handle, info.st_size


def _mismatch(path: Path, expected: ExpectedDigest) -> DigestMismatchError:
    return DigestMismatchError(
        f"Content database {path} is damaged or has been altered (its bytes do not match "
        f"{Path(expected.source).name}). {REINSTALL}")


def _copy_verified(path: Path, expected: ExpectedDigest,
                   take: Callable[[memoryview], object]) -> None:
    """Hand `path`'s bytes to `take` chunk by chunk; raises DigestMismatchError unless
    they are the ones `expected` describes. The size is compared first, so a file of
    any other size is refused before a byte of it is read."""
    handle, size = _open_database(path)
    with handle:
        digest = (_reading(path, lambda: _hash_exactly(handle, size, take))
                  if size == expected.size else None)
    if digest != expected.blake2b:
        raise _mismatch(path, expected)


def verified_bytes(path: Path, expected: ExpectedDigest) -> bytearray:
    """`path`'s bytes, read into one buffer of the signed size, once they match."""
    data = bytearray()
    filled = 0

    def fill(chunk: memoryview) -> None:
        nonlocal data, filled
        if not filled:  # made only once the size matched, and made whole
            data = bytearray(expected.size)
        data[filled:filled + len(chunk)] = chunk
        filled += len(chunk)

    _copy_verified(path, expected, fill)
    _check_header(data, path)
    return data


def own_digest(path: Path, source: str) -> ExpectedDigest:
    """What `path` holds now: for a file trusted without a digest (--allow-unsigned),
    read a chunk at a time, so a large file costs no memory."""
    handle, size = _open_database(path)
    with handle:
        digest = _reading(path, lambda: _hash_exactly(handle, size, lambda _: None))
    if digest is None:
        raise ContentError(f"{path} changed while it was read. {REINSTALL}")
    return ExpectedDigest(digest, size, source)


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
        _opening(path, conn, lambda: conn.execute("SELECT count(*) FROM sqlite_schema"))
    return conn  # the folder and the copy are gone; SQLite reads through its open handle


def _verified_copy(path: Path, expected: ExpectedDigest, folder: Path) -> Path:
    """`path` copied into the private `folder`, hashed as it is written; raises
    DigestMismatchError unless the bytes written are the ones `expected` describes."""
    copy = folder / "content.sqlite3"
    try:
        with copy.open("xb") as target:
            copy.chmod(0o400)
            _copy_verified(path, expected, target.write)
    except OSError as error:
        raise ContentError(f"Cannot write a private copy of {path} ({reason(error)}). "
                           f"{REINSTALL}") from None
    return copy


def _open_in_memory(path: Path, data: bytearray) -> sqlite3.Connection:
    conn = _connect(path, ":memory:")
    _opening(path, conn, lambda: conn.deserialize(data))
    conn.execute("PRAGMA query_only = ON")
    return conn


def _connect(path: Path, database: str) -> sqlite3.Connection:
    """A connection with the length, SQL-size and memory limits every content read runs
    under."""
    try:
        conn = sqlite3.connect(database, uri=True, check_same_thread=False)
    except sqlite3.Error as error:
        raise ContentError(f"Cannot open {path} ({error}). {REINSTALL}") from None
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
    # The whole app's SQLite memory; the pragma can only lower the limit once set.
    _opening(path, conn, lambda: conn.execute(f"PRAGMA hard_heap_limit = {MAX_HEAP_BYTES}"))
    return conn


def _opening(path: Path, conn: sqlite3.Connection, step: Callable[[], object]) -> None:
    """Run one step of opening `conn`; any fault closes it and says why."""
    try:
        step()
    except (sqlite3.Error, MemoryError) as error:
        conn.close()
        raise ContentError(f"Cannot open {path} ({str(error) or 'out of memory'}). "
                           f"{REINSTALL}") from None
