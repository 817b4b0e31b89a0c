"""Choosing the content database: the bundled one, or a newer signed content pack.

A pack is a database built by db/build.py and signed by a trusted publisher
(`PACK.sqlite3` with `PACK.sqlite3.minisig` beside it; desktop/content/trust.py),
dropped into a content folder. Each candidate is fully validated before it may win:
its signature checked, its bytes verified against the signed digest, every drug
loaded, a search run, its meta matched to the signed claim, and its version no
older than the bundled content or the newest valid pack. Any fault refuses that
pack with its reason, and the newest valid content_version wins, down to the
bundled one.
"""

import contextlib
import json
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.content import trust as policy
from desktop.content.database import ContentDatabase, ContentError, trial_deadline
from desktop.content.errors import reason
from desktop.content.files import open_regular
from desktop.content.limits import MAX_KEY_FILE_BYTES
from desktop.content.schema import valid_content_version
from desktop.content.trust import (
    ANOTHER_FILE,
    ASK_IT,
    BAD_SIGNATURE,
    OLDER,
    SIGNED_ONLY,
    PackRefusedError,
    SignedPack,
    Trust,
    admin_only_path,
    check_signature,
    signature_path,
)
from desktop.content.verify import (
    DigestMismatchError,
    ExpectedDigest,
    own_digest,
    plausible_file,
    read_manifest,
    verified_bytes,
    write_whole,
)
from desktop.paths import DEFAULT_DATABASE

PACK_SUFFIX = ".sqlite3"
BUNDLED = "bundled with the app"
CHOSEN_BY_USER = "chosen with --db"
UNSIGNED_ALLOWED = "unsigned, allowed by --allow-unsigned"


@dataclass
class Content:
    """The database in use, where it came from, who signed it (None for the bundled
    database, and for an unsigned one allowed with --allow-unsigned), and the packs
    that were refused."""

    database: ContentDatabase
    origin: str
    refused: list[tuple[Path, str]] = field(default_factory=list)
    signed: SignedPack | None = None
    unverified: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def version(self) -> str:
        return self.database.info.content_version


def version_key(version: str) -> tuple[int, ...]:
    """"2026.11.26" -> (2026, 11, 26), so versions compare as numbers."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def pack_files(folders: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The packs in `folders`, and the machine folders ignored because someone other
    than an administrator could change them, with the reason."""
    found, ignored = [], []
    machine = policy.machine_content_folders()  # looked up here, so tests can move it
    for folder in folders:
        if folder in machine and folder.is_dir():
            try:
                admin_only_path(folder)
            except OSError as error:
                ignored.append((folder, f"machine content folder not used: {reason(error)}"))
                continue
        try:
            found += sorted(folder.glob(f"*{PACK_SUFFIX}")) if folder.is_dir() else []
        except OSError:
            continue  # an unreadable folder holds no pack this user can use
    return found, ignored


def validated(path: Path, expected: ExpectedDigest | None = None) -> ContentDatabase:
    """`path` opened and fully validated, or a ContentError saying why not. Its bytes
    must match `expected`, or by default the manifest beside it (the bundled database).

    Any fault at all becomes a ContentError: a pack must never stop the app.
    """
    try:
        expected = expected or read_manifest(path)
        until = trial_deadline(expected.size)  # one budget for the whole trial
        database = ContentDatabase(path, expected, until)
    except ContentError:
        raise
    except Exception as error:
        raise ContentError(f"Cannot use {path} ({_one_line(error)}).") from None
    try:
        database.validate(until)
    except Exception as error:
        database.close()
        if isinstance(error, ContentError):
            raise
        raise ContentError(f"Cannot use {path} ({_one_line(error)}).") from None
    return database


def _one_line(error: Exception) -> str:
    return " ".join(f"{type(error).__name__}: {error}".split())


def validated_pack(path: Path, trust: Trust) -> Content:
    """`path` as a pack: signature first, then its bytes against the signed digest,
    the full trial, and its meta against what the signature claims."""
    plausible_file(path)  # "not found" or "a folder" says more than "unsigned"
    signed = check_signature(path, trust)
    expected = (signed.claim.expected(signature_path(path)) if signed
                else own_digest(path, UNSIGNED_ALLOWED))
    try:
        database = validated(path, expected)
    except DigestMismatchError:
        raise PackRefusedError(ANOTHER_FILE, f"{path} is not the file "
                                             f"{signature_path(path).name} was made for (it was "
                                             f"changed after signing, or the signature belongs "
                                             f"to another pack). {ASK_IT}") from None
    content = Content(database, f"content pack {path}", signed=signed, unverified=signed is None)
    if signed is not None:
        try:
            _check_claim(content, signed)
        except ContentError:
            database.close()
            raise
    return content


def _check_claim(content: Content, signed: SignedPack) -> None:
    drugs = tuple(drug.id for drug in content.database.drugs())
    claim = signed.claim
    if (content.version, drugs) != (claim.content_version, claim.drugs):
        raise PackRefusedError(
            BAD_SIGNATURE, f"{content.database.path} holds content version {content.version} "
                           f"({', '.join(drugs)}), but its signature says {claim.content_version} "
                           f"({', '.join(claim.drugs)}). {ASK_IT}")


def _older(content: Content, than: Content) -> bool:
    return version_key(content.version) < version_key(than.version)


def _refuse_older(content: Content, than: Content, path: Path | None = None) -> PackRefusedError:
    return PackRefusedError(OLDER, f"{path or content.database.path} holds content version "
                                   f"{content.version}, older than {than.origin} "
                                   f"({than.version}); a pack may never take the guide back "
                                   f"to older content.")


def open_content(explicit: Path | None = None, folders: Iterable[Path] = (),
                 bundled: Path = DEFAULT_DATABASE, trust: Trust = SIGNED_ONLY) -> Content:
    """The database to use. An explicit path must be valid and trusted; otherwise the
    newest valid of the bundled database and the signed packs in `folders` wins, and
    every pack older than the bundled content or than the winner is refused."""
    try:
        base: Content | None = Content(validated(bundled), BUNDLED)
    except ContentError as error:
        base, bundled_error = None, error
    if explicit is not None:
        return _explicit(explicit, bundled, base, trust)
    best: Content | None = None
    paths, refused = pack_files(folders)
    for path in paths:
        try:
            candidate = validated_pack(path, trust)
            if base is not None and _older(candidate, base):
                candidate.database.close()
                raise _refuse_older(candidate, base)
        except ContentError as error:
            refused.append((path, str(error)))
            continue
        loser = candidate
        if best is None or _older(best, candidate):
            best, loser = candidate, best
        if loser is not None:
            if _older(loser, best):
                refused.append((loser.database.path, str(_refuse_older(loser, best))))
            loser.database.close()
    winner = best or base
    if winner is None:
        raise bundled_error
    if base is not None and winner is not base:
        base.database.close()
    winner.refused = refused
    return winner


def _explicit(path: Path, bundled: Path, base: Content | None, trust: Trust) -> Content:
    """--db: the bundled file as shipped, or any other file as a pack."""
    if base is not None and _same_file(path, bundled):
        base.origin = CHOSEN_BY_USER
        return base
    try:
        content = validated_pack(path, trust)
    finally:
        if base is not None:
            base.database.close()
    if base is not None and _older(content, base):
        content.database.close()
        raise _refuse_older(content, base)
    content.origin = CHOSEN_BY_USER
    return content


def _same_file(path: Path, other: Path) -> bool:
    """Whether both name one file; a path that cannot be followed (a symlink loop, a
    missing file) names none, and is then refused as a pack with its reason."""
    try:
        return path.samefile(other)
    except (OSError, ValueError):
        return False


def open_drug(explicit: Path | None, folders: Iterable[Path], drug: str | None,
              trust: Trust = SIGNED_ONLY) -> tuple[Content, str]:
    """`open_content`, and the id of the drug called `drug` in it (the first if None).

    If there is no such drug the database is closed again and ContentError raised.
    """
    content = open_content(explicit, folders, trust=trust)
    try:
        return content, content.database.drug_id(drug)
    except ContentError:
        content.database.close()
        raise


FOLDER_MODE = 0o755  # installed packs: readable by every user, whatever the umask
FILE_MODE = 0o644


def install_pack(source: Path, folder: Path, trust: Trust = SIGNED_ONLY,
                 installed: Iterable[Path] = (), bundled: Path = DEFAULT_DATABASE) -> Path:
    """Write `source` and its signature into `folder`, once both are checked and the pack
    is no older than the content in use (the bundled database or the newest valid pack
    in `installed`). What is written is the bytes that were verified, read once (never
    more than the signed size, so a file swapped in after the check cannot fill the
    disk); the written copy is checked again before it is moved into place, and a
    refused pack leaves nothing behind. Folders are made 0755, files 0644."""
    pack = validated_pack(source, trust)  # the reason, before anything is written
    pack.database.close()
    current = open_content(None, installed, bundled, trust)
    current.database.close()
    if _older(pack, current):
        raise _refuse_older(pack, current)
    signature = _read_signature(source) if pack.signed else None
    expected = (pack.signed.claim.expected(signature_path(source)) if pack.signed
                else own_digest(source, UNSIGNED_ALLOWED))
    data = verified_bytes(source, expected)
    _make_folders(folder)
    target = folder / f"{source.stem}{PACK_SUFFIX}"
    with tempfile.TemporaryDirectory(prefix=".incoming-", dir=folder) as incoming:
        staged = Path(incoming) / target.name
        if signature is not None:
            _write_file(signature_path(staged), signature)
        _write_file(staged, data)
        del data
        copy = validated_pack(staged, trust)
        copy.database.close()
        if _older(copy, current):  # the signature changed while it was read
            raise _refuse_older(copy, current, source)
        if signature is not None:
            signature_path(staged).replace(signature_path(target))
        else:  # allowed unsigned: a signature left from an earlier pack would not fit
            signature_path(target).unlink(missing_ok=True)
        staged.replace(target)
    return target


def _read_signature(pack: Path) -> bytes:
    where = signature_path(pack)
    try:
        handle, _ = open_regular(where)
        with handle:
            return handle.read(MAX_KEY_FILE_BYTES + 1)  # too long: refused when checked
    except OSError as error:
        raise PackRefusedError(BAD_SIGNATURE, f"{where} cannot be read ({reason(error)}). "
                                              f"{ASK_IT}") from None


def _make_folders(folder: Path) -> None:
    """Make `folder` and any missing folder above it; a machine folder must then be one
    only an administrator can change, or installing there would be pointless."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    try:
        for parent in reversed(missing):
            parent.mkdir()
            parent.chmod(FOLDER_MODE)
    except (PermissionError, FileNotFoundError, NotADirectoryError):
        raise  # the command line says these with what to do
    except OSError as error:  # a dangling symlink, a loop
        raise ContentError(f"Cannot install into {folder}: {reason(error)}.") from None
    if folder in policy.machine_content_folders():
        admin_only_path(folder)


def _write_file(path: Path, data: bytes | bytearray) -> None:
    """Write a new file in the private staging folder, then give it the fixed mode."""
    with path.open("xb") as handle:
        handle.write(data)
    path.chmod(FILE_MODE)


_MAX_RECORD_BYTES = 4096


def check_rollback(content: Content, user_record: Path) -> None:
    """Add a note to `content` if it is older than the newest content this computer has
    used, as when the newest pack was deleted; otherwise remember its version. The
    record is kept in the machine's fixed file when the app may write it (only an
    administrator can, and only such a file is believed), and in the user's."""
    records = [policy.machine_version_record(), user_record]
    seen = [version for version in map(_recorded_version, records) if version]
    newest = max(seen, key=version_key, default=None)
    if newest is not None and version_key(content.version) < version_key(newest):
        content.notes.append(f"content version {content.version} is in use, older than "
                             f"version {newest} used on this computer before: the newer "
                             f"pack was removed or refused. {ASK_IT}")
    elif newest != content.version:
        for record in records:
            with contextlib.suppress(OSError):  # a user cannot write the machine's record
                record.parent.mkdir(parents=True, exist_ok=True)
                write_whole(record, json.dumps({"content_version": content.version}) + "\n")


def _recorded_version(record: Path) -> str | None:
    try:
        if record == policy.machine_version_record():
            admin_only_path(record)
        handle, _ = open_regular(record)
        with handle:
            version = json.loads(handle.read(_MAX_RECORD_BYTES))["content_version"]
    except (OSError, ValueError, TypeError, KeyError):
        return None  # no record, or one that cannot be believed
    return version if isinstance(version, str) and valid_content_version(version) else None


def remove_pack(path: Path) -> None:
    path.unlink(missing_ok=True)
    signature_path(path).unlink(missing_ok=True)
