"""Who may publish content: a content pack's minisign signature, and the publisher
keys it is checked against.

The bundled database is trusted because it ships inside the installed app. Every
other database needs a signature (`PACK.sqlite3.minisig`) from a trusted key, whose
trusted comment states the file's digest, size, content version and drug list
(PackClaim). The signature is checked before a byte of the pack is read; the pack
is then verified against the signed digest (open_verified), and its `meta` against
the signed version and drugs.

Trusted keys: those embedded in the build (`make dist PUBLISHER_KEY=...`), those in
the machine-wide folder, which only administrators may write, and any named with
--trusted-key. No per-user folder or environment variable can add one.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from desktop.content.errors import ContentError, reason
from desktop.content.limits import MAX_FILE_BYTES
from desktop.content.schema import CONTENT_VERSION_FORMAT, valid_content_version
from desktop.content.verify import ExpectedDigest
from desktop.paths import RESOURCES

if TYPE_CHECKING:
    from desktop.content.minisign import PublicKey

SIGNATURE_SUFFIX = ".minisig"
KEY_SUFFIX = ".pub"
EMBEDDED_KEYS = RESOURCES / "publisher-keys"
ADMIN_UID = 0  # the owner a machine-wide key folder and its keys must have (POSIX)
COMMENT_FORMAT = "drug-guide-pack:1"
ASK_IT = "Ask IT for a content pack signed by a trusted publisher."

# The reasons a signature check refuses a database, first in every message.
UNSIGNED = "unsigned"
BAD_SIGNATURE = "bad signature"
UNTRUSTED_KEY = "untrusted key"
ANOTHER_FILE = "signature made for another file"
OLDER = "older content"


class PackRefusedError(ContentError):
    """A database refused by the signature policy; `kind` is one of the reasons above."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def machine_key_folder() -> Path:
    """The machine-wide trusted-keys folder: fixed, so no user setting can move it."""
    if sys.platform == "win32":
        return Path(r"C:\ProgramData\DrugGuide\trusted-keys")
    if sys.platform == "darwin":
        return Path("/Library/Application Support/DrugGuide/trusted-keys")
    return Path("/etc/drug-guide/trusted-keys")


def machine_content_folders() -> list[Path]:
    """Where IT puts content packs for every user: fixed, as the keys folder is, so no
    environment variable (XDG_DATA_DIRS) can move or hide them; the first is where
    `pack install --machine` writes."""
    if sys.platform == "win32":
        return [Path(r"C:\ProgramData\DrugGuide\Drug Guide\content")]
    if sys.platform == "darwin":
        return [Path("/Library/Application Support/DrugGuide/Drug Guide/content")]
    return [Path("/usr/local/share/DrugGuide/Drug Guide/content"),
            Path("/usr/share/DrugGuide/Drug Guide/content")]


def machine_version_record() -> Path:
    """Where the newest content version used on this computer is kept, if the app may
    write there (an administrator's run, such as `pack install --machine`); fixed."""
    if sys.platform == "win32":
        return Path(r"C:\ProgramData\DrugGuide\newest-content.json")
    if sys.platform == "darwin":
        return Path("/Library/Application Support/DrugGuide/newest-content.json")
    return Path("/var/lib/drug-guide/newest-content.json")


def signature_path(pack: Path) -> Path:
    return pack.with_name(pack.name + SIGNATURE_SUFFIX)


@dataclass(frozen=True, slots=True)
class PackClaim:
    """What a publisher signs about a pack, in the signature's trusted comment."""

    content_version: str
    drugs: tuple[str, ...]
    size: int
    blake2b: str

    def to_comment(self) -> str:
        drugs = ",".join(quote(drug, safe="") for drug in self.drugs)
        return (f"{COMMENT_FORMAT} content_version:{quote(self.content_version, safe='')} "
                f"drugs:{drugs} bytes:{self.size} blake2b:{self.blake2b}")

    @classmethod
    def from_comment(cls, comment: str) -> "PackClaim":
        """The claim in `comment`; ValueError for any other comment."""
        first, *fields = comment.split(" ")
        values = dict(field.partition(":")[::2] for field in fields)
        if first != COMMENT_FORMAT or set(values) != {"content_version", "drugs", "bytes",
                                                      "blake2b"}:
            raise ValueError("not a Drug Guide pack comment")
        digest, size = values["blake2b"], values["bytes"]
        version = unquote(values["content_version"])
        if len(digest) != 128 or not all(c in "0123456789abcdef" for c in digest):
            raise ValueError("not a BLAKE2b-512 digest")
        if not valid_content_version(version):
            raise ValueError(f"content version {version[:20]!r} is not {CONTENT_VERSION_FORMAT}")
        if not (size.isascii() and size.isdigit() and len(size) <= len(str(MAX_FILE_BYTES))
                and 0 < int(size) <= MAX_FILE_BYTES):
            raise ValueError(f"bytes {size[:20]!r} is not a size a content database may have")
        return cls(version, tuple(unquote(drug) for drug in values["drugs"].split(",") if drug),
                   int(size), digest)

    def expected(self, signature: Path) -> ExpectedDigest:
        return ExpectedDigest(self.blake2b, self.size, str(signature))


@dataclass(frozen=True, slots=True)
class SignedPack:
    """A valid signature from a trusted key, and what it claims about the pack."""

    key_id: str
    key_source: str
    claim: PackClaim


@dataclass(frozen=True, slots=True)
class Trust:
    """What a database other than the bundled one is checked against.

    `extra_keys` are public-key files named with --trusted-key; `allow_unsigned`
    (--allow-unsigned) lets a database with no signature at all be used, marked
    unverified. A signature that is present must still be valid and trusted.
    """

    extra_keys: tuple[Path, ...] = ()
    allow_unsigned: bool = False

    def keys(self) -> tuple[list["PublicKey"], list[str]]:
        """The trusted keys, and a note for each machine-wide key file that was ignored."""
        from desktop.content.minisign import MinisignError, PublicKey

        keys, ignored = [], []
        for path in [*_key_files(EMBEDDED_KEYS), *self.extra_keys]:
            try:
                keys.append(PublicKey.from_file(path))
            except (OSError, MinisignError) as error:
                raise ContentError(
                    f"Cannot use the trusted key {path} ({reason(error)}).") from None
        folder = machine_key_folder()
        for path in _key_files(folder):
            try:
                admin_only_path(folder)
                _admin_only(path)
                keys.append(PublicKey.from_file(path))
            except (OSError, MinisignError) as error:
                ignored.append(f"{path} ignored: {reason(error)}")
        return keys, ignored


def _key_files(folder: Path) -> list[Path]:
    try:
        return sorted(folder.glob(f"*{KEY_SUFFIX}")) if folder.is_dir() else []
    except OSError:
        return []


def _admin_only(path: Path) -> None:
    """Raise PermissionError unless only an administrator can change `path` (POSIX;
    on Windows the folder's access list does this, see docs/security.md)."""
    if os.name != "posix":
        return
    info = path.stat()
    if info.st_uid != ADMIN_UID or info.st_mode & 0o022:
        raise PermissionError(f"{path} can be changed by someone other than an administrator")


def admin_only_path(folder: Path) -> None:
    """Raise PermissionError unless only an administrator can change `folder` or any
    folder above it: whoever can rename a parent can put another folder in its place.
    A folder that others may write but not rename in (sticky, owned by root, as /tmp)
    is allowed above it; not `folder` itself."""
    if os.name != "posix":
        return
    _admin_only(folder)
    # Both the folders named and, past any symlink, the ones really crossed.
    for parent in {*folder.absolute().parents, *folder.resolve().parents}:
        info = parent.stat()
        if info.st_uid not in (0, ADMIN_UID) or (
                info.st_mode & 0o022 and not (info.st_mode & 0o1000 and info.st_uid == 0)):
            raise PermissionError(f"{parent} can be changed by someone other than an "
                                  f"administrator")


def check_signature(pack: Path, trust: Trust) -> SignedPack | None:
    """The trusted signature on `pack`, or None for an unsigned pack that `trust` allows.

    Reads only the signature and the keys, never the pack: its digest is the one the
    signature claims, which open_verified then holds the pack's bytes to.
    """
    # PyNaCl loads libsodium (about 14 ms), so only start-ups with a pack pay for it.
    from desktop.content.minisign import MinisignError, Signature, display_id, read_text

    where = signature_path(pack)
    try:
        signature = Signature.from_text(read_text(where, "minisign signature"))
    except FileNotFoundError:
        if trust.allow_unsigned:
            return None
        raise PackRefusedError(UNSIGNED, f"{pack} has no signature ({where.name} must sit "
                                         f"beside it). {ASK_IT}") from None
    except (OSError, MinisignError) as error:
        raise PackRefusedError(BAD_SIGNATURE, f"{where} cannot be used ({reason(error)}). "
                                              f"{ASK_IT}") from None
    keys, ignored = trust.keys()
    named = [key for key in keys if key.key_id == signature.key_id]
    if not named:
        notes = "".join(f" ({note})" for note in ignored)
        raise PackRefusedError(UNTRUSTED_KEY, f"{pack} is signed with key "
                                              f"{display_id(signature.key_id)}, which is not a "
                                              f"trusted publisher key{notes}. {ASK_IT}")
    # A key id is only a hint (8 bytes anyone can copy): every trusted key with it is tried.
    key = next((key for key in named if signature.comment_is_signed_by(key)), None)
    if key is None:
        raise PackRefusedError(BAD_SIGNATURE, f"{where} does not verify: its signature or "
                                              f"trusted comment was changed. {ASK_IT}")
    try:
        claim = PackClaim.from_comment(signature.trusted_comment)
    except ValueError as error:
        raise PackRefusedError(BAD_SIGNATURE, f"{where}'s trusted comment is not a Drug Guide "
                                              f"pack's ({error}). {ASK_IT}") from None
    if not signature.signs_digest(key, bytes.fromhex(claim.blake2b)):
        raise PackRefusedError(BAD_SIGNATURE, f"{where} does not sign the file its trusted "
                                              f"comment describes. {ASK_IT}")
    return SignedPack(display_id(key.key_id), key.source, claim)


SIGNED_ONLY = Trust()  # the default: signed packs, from the embedded and machine-wide keys
