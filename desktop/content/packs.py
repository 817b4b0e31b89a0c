"""Choosing the content database: the bundled one, or a newer content pack from IT.

A pack is a database built by db/build.py with its manifest beside it, dropped
into a content folder. Each candidate is fully validated before it may win (its
bytes verified, every drug loaded, a search run); any fault refuses that pack with
its reason, and the newest valid content_version wins, down to the bundled one.
"""

import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from desktop.content.database import ContentDatabase, ContentError
from desktop.content.verify import manifest_path, read_manifest
from desktop.paths import DEFAULT_DATABASE

PACK_SUFFIX = ".sqlite3"
BUNDLED = "bundled with the app"
CHOSEN_BY_USER = "chosen with --db"


class Content(NamedTuple):
    """The database in use, where it came from, and the packs that were refused."""

    database: ContentDatabase
    origin: str
    refused: tuple[tuple[Path, str], ...] = ()


def version_key(version: str) -> tuple[int, ...]:
    """"2026.11.26" -> (2026, 11, 26), so versions compare as numbers."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def pack_files(folders: Iterable[Path]) -> list[Path]:
    found = []
    for folder in folders:
        try:
            found += sorted(folder.glob(f"*{PACK_SUFFIX}")) if folder.is_dir() else []
        except OSError:
            continue  # an unreadable folder holds no pack this user can use
    return found


def validated(path: Path) -> ContentDatabase:
    """`path` opened and fully validated, or a ContentError saying why not.

    Any fault at all becomes a ContentError: a pack must never stop the app.
    """
    try:
        database = ContentDatabase(path)
    except ContentError:
        raise
    except Exception as error:
        raise ContentError(f"Cannot use {path} ({_one_line(error)}).") from None
    try:
        database.validate()
    except Exception as error:
        database.close()
        if isinstance(error, ContentError):
            raise
        raise ContentError(f"Cannot use {path} ({_one_line(error)}).") from None
    return database


def _one_line(error: Exception) -> str:
    return " ".join(f"{type(error).__name__}: {error}".split())


def open_content(explicit: Path | None = None, folders: Iterable[Path] = (),
                 bundled: Path = DEFAULT_DATABASE) -> Content:
    """The database to use. An explicit path must be valid; otherwise the newest
    valid of the bundled database and the packs in `folders` wins."""
    if explicit is not None:
        return Content(validated(explicit), CHOSEN_BY_USER)
    best: Content | None = None
    refused: list[tuple[Path, str]] = []
    bundled_error: ContentError | None = None
    for path in [*pack_files(folders), bundled]:
        try:
            database = validated(path)
        except ContentError as error:
            if path == bundled:
                bundled_error = error
            else:
                refused.append((path, str(error)))
            continue
        origin = BUNDLED if path == bundled else f"content pack {path}"
        candidate = Content(database, origin)
        if best is None or _newer(candidate, best):
            if best is not None:
                best.database.close()
            best = candidate
        else:
            database.close()
    if best is None:
        raise bundled_error or ContentError("No content database found.")
    return best._replace(refused=tuple(refused))


def open_drug(explicit: Path | None, folders: Iterable[Path],
              drug: str | None) -> tuple[Content, str]:
    """`open_content`, and the id of the drug called `drug` in it (the first if None).

    If there is no such drug the database is closed again and ContentError raised.
    """
    content = open_content(explicit, folders)
    try:
        return content, content.database.drug_id(drug)
    except ContentError:
        content.database.close()
        raise


def _newer(candidate: Content, current: Content) -> bool:
    return version_key(candidate.database.info.content_version) > version_key(
        current.database.info.content_version
    )


def install_pack(source: Path, folder: Path) -> Path:
    """Copy `source` and its manifest into `folder`, validating the copy before it
    is moved into place, so what was checked is what is kept and a refused pack
    leaves nothing behind."""
    read_manifest(source)  # a clear reason when the manifest was left behind
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source.stem}{PACK_SUFFIX}"
    with tempfile.TemporaryDirectory(prefix=".incoming-", dir=folder) as incoming:
        staged = Path(incoming) / target.name
        shutil.copyfile(manifest_path(source), manifest_path(staged))
        shutil.copyfile(source, staged)
        validated(staged).close()
        manifest_path(staged).replace(manifest_path(target))
        staged.replace(target)
    return target


def remove_pack(path: Path) -> None:
    path.unlink(missing_ok=True)
    manifest_path(path).unlink(missing_ok=True)
