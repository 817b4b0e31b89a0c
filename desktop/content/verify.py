"""Whole-file verification: a database's bytes match a trusted digest before SQLite
reads a single page, and SQLite then reads exactly those bytes, from memory.

The expected digest of the bundled database comes from the manifest that ships
beside it inside the app package; a content pack's comes from its signature's
trusted comment (desktop/content/trust.py). Only the ExpectedDigest differs, not
open_verified.
"""

import json
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


def _read_hashing(handle: BinaryIO, size: int) -> tuple[bytearray, str] | None:
    """Exactly `size` bytes of `handle` and their digest, hashed chunk by chunk as they
    are read into one buffer; None if the file holds fewer or more."""
    data = bytearray(size)
    digest = blake2b()
    with memoryview(data) as view:
        done = 0
        while done < size:
            count = handle.readinto(view[done:done + _CHUNK_BYTES])
            if not count:
                return None
            digest.update(view[done:done + count])
            done += count
    if handle.read(1):
        return None
    return data, digest.hexdigest()


def _open_database(path: Path) -> tuple[BinaryIO, int]:
    plausible_file(path)  # the reason a file is unusable, in its own words
    try:
        handle, info = open_regular(path)
    except OSError as error:
        raise ContentError(f"Cannot use {path} ({reason(error)}). {REINSTALL}") from None
    return handle, info.st_size


def verified_bytes(path: Path, expected: ExpectedDigest) -> bytearray:
    """`path`'s bytes once they match `expected`. The size is compared first, so a file
    of any other size is refused before a byte of it is read."""
    handle, size = _open_database(path)
    with handle:
        read = (_reading(path, lambda: _read_hashing(handle, size))
                if size == expected.size else None)
    if read is None or read[1] != expected.blake2b:
        raise DigestMismatchError(
            f"Content database {path} is damaged or has been altered (its bytes do not match "
            f"{Path(expected.source).name}). {REINSTALL}")
    _check_header(read[0], path)
    return read[0]


def own_digest(path: Path, source: str) -> ExpectedDigest:
    """What `path` holds now: for a file trusted without a digest (--allow-unsigned)."""
    handle, size = _open_database(path)
    with handle:
        read = _reading(path, lambda: _read_hashing(handle, size))
    if read is None:
        raise ContentError(f"{path} changed while it was read. {REINSTALL}")
    return ExpectedDigest(read[1], size, source)


def open_verified(path: Path, expected: ExpectedDigest) -> sqlite3.Connection:
    """A read-only connection over `path`'s bytes once they match `expected`.

    SQLite reads the verified copy in memory, so a file changed after the check is
    never read, and nothing can be written beside it.
    """
    data = verified_bytes(path, expected)
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
    try:
        # The whole app's SQLite memory; the pragma can only lower the limit once set.
        conn.execute(f"PRAGMA hard_heap_limit = {MAX_HEAP_BYTES}")
        conn.deserialize(data)
        conn.execute("PRAGMA query_only = ON")
    except (sqlite3.Error, MemoryError) as error:
        conn.close()
        raise ContentError(f"Cannot open {path} ({str(error) or 'out of memory'}). "
                           f"{REINSTALL}") from None
    return conn

