"""The minisign file formats, so one key and one signature work with this app and
with the standard `minisign` tool.

Only the files are parsed here; Ed25519 is PyNaCl's (libsodium) and BLAKE2b is
CPython's. Signatures are minisign's default "prehashed" kind: Ed25519 over the
file's BLAKE2b-512 digest, then a second, global signature over that signature and
the trusted comment, so the comment cannot be changed either.

    public key   untrusted comment line, then base64("Ed" || key id || public key)
    secret key   untrusted comment line, then base64("Ed" || kdf || "B2" || salt ||
                 opslimit || memlimit || key id || secret key || checksum); only
                 unencrypted keys (kdf "\\0\\0", as `minisign -G -W` writes them)
    signature    untrusted comment, base64("ED" || key id || signature),
                 trusted comment, base64(global signature)
"""

import base64
import binascii
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from desktop.content.files import open_regular
from desktop.content.limits import MAX_KEY_FILE_BYTES

KEY_ALGORITHM = b"Ed"
PREHASHED = b"ED"  # what current minisign writes by default
LEGACY = b"Ed"  # Ed25519 over the whole file; refused, as minisign -V refuses it without -H
NO_KDF = b"\x00\x00"
CHECKSUM_ALGORITHM = b"B2"
KEY_ID_BYTES = 8
UNTRUSTED = "untrusted comment: "
TRUSTED = "trusted comment: "


class MinisignError(ValueError):
    """A file that is not a usable minisign key or signature; the message says why."""


def display_id(key_id: bytes) -> str:
    """A key id as minisign prints it: 16 hex digits of the little-endian number."""
    return f"{int.from_bytes(key_id, 'little'):016X}"


def _lines(text: str, count: int, what: str) -> list[str]:
    lines = text.splitlines()
    if len(lines) < count:
        raise MinisignError(f"{what} is incomplete ({len(lines)} of {count} lines)")
    return lines


def _decode(line: str, size: int, what: str) -> bytes:
    try:
        data = base64.b64decode(line.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise MinisignError(f"{what} is not valid base64") from None
    if len(data) != size:
        raise MinisignError(f"{what} has {len(data)} bytes, not {size}")
    return data


def _comment(line: str, prefix: str, what: str) -> str:
    if not line.startswith(prefix):
        raise MinisignError(f"{what} lacks its '{prefix.strip()}' line")
    return line[len(prefix):]


def read_text(path: Path, what: str) -> str:
    """A key or signature file's text; OSError for a file that cannot be read or is not a
    regular file (a FIFO in its place never blocks)."""
    handle, _ = open_regular(path)
    with handle:
        data = handle.read(MAX_KEY_FILE_BYTES + 1)
    if len(data) > MAX_KEY_FILE_BYTES:
        raise MinisignError(f"{path} is too large to be a {what}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise MinisignError(f"{path} is not a {what} (not UTF-8 text)") from None


@dataclass(frozen=True, slots=True)
class PublicKey:
    key_id: bytes
    key: bytes
    source: str = ""

    @classmethod
    def from_text(cls, text: str, source: str = "") -> "PublicKey":
        what = f"public key {source}".strip()
        _comment(_lines(text, 2, what)[0], UNTRUSTED, what)
        data = _decode(text.splitlines()[1], 2 + KEY_ID_BYTES + 32, what)
        if data[:2] != KEY_ALGORITHM:
            raise MinisignError(f"{what} is not an Ed25519 minisign key")
        return cls(data[2:2 + KEY_ID_BYTES], data[2 + KEY_ID_BYTES:], source)

    @classmethod
    def from_file(cls, path: Path) -> "PublicKey":
        return cls.from_text(read_text(path, "minisign public key"), str(path))

    def to_text(self) -> str:
        encoded = base64.b64encode(KEY_ALGORITHM + self.key_id + self.key).decode()
        return f"{UNTRUSTED}minisign public key {display_id(self.key_id)}\n{encoded}\n"


@dataclass(frozen=True, slots=True)
class Signature:
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str = "signature from minisign secret key"

    @classmethod
    def from_text(cls, text: str) -> "Signature":
        lines = _lines(text, 4, "the signature")
        untrusted = _comment(lines[0], UNTRUSTED, "the signature")
        data = _decode(lines[1], 2 + KEY_ID_BYTES + 64, "the signature")
        trusted = _comment(lines[2], TRUSTED, "the signature")
        global_signature = _decode(lines[3], 64, "the signature's global signature")
        if data[:2] == LEGACY:
            raise MinisignError("it is a legacy (not prehashed) minisign signature; "
                                "sign again with current minisign or drug-guide pack sign")
        if data[:2] != PREHASHED:
            raise MinisignError("it is not an Ed25519 minisign signature")
        return cls(data[2:2 + KEY_ID_BYTES], data[2 + KEY_ID_BYTES:], trusted, global_signature,
                   untrusted)

    def to_text(self) -> str:
        signature = base64.b64encode(PREHASHED + self.key_id + self.signature).decode()
        return (f"{UNTRUSTED}{self.untrusted_comment}\n{signature}\n"
                f"{TRUSTED}{self.trusted_comment}\n"
                f"{base64.b64encode(self.global_signature).decode()}\n")

    def comment_is_signed_by(self, key: PublicKey) -> bool:
        """Whether the global signature, over this signature and its trusted comment,
        was made by `key`."""
        return _valid(key, self.signature + self.trusted_comment.encode("utf-8"),
                      self.global_signature)

    def signs_digest(self, key: PublicKey, digest: bytes) -> bool:
        """Whether this signs a file whose BLAKE2b-512 digest is `digest`."""
        return _valid(key, digest, self.signature)


def _valid(key: PublicKey, message: bytes, signature: bytes) -> bool:
    try:
        VerifyKey(key.key).verify(message, signature)
    except BadSignatureError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class SecretKey:
    key_id: bytes
    seed: bytes

    @classmethod
    def from_text(cls, text: str, source: str = "") -> "SecretKey":
        what = f"secret key {source}".strip()
        _comment(_lines(text, 2, what)[0], UNTRUSTED, what)
        data = _decode(text.splitlines()[1], 2 + 2 + 2 + 32 + 8 + 8 + KEY_ID_BYTES + 64 + 32, what)
        if data[:2] != KEY_ALGORITHM or data[4:6] != CHECKSUM_ALGORITHM:
            raise MinisignError(f"{what} is not an Ed25519 minisign secret key")
        if data[2:4] != NO_KDF:
            raise MinisignError(f"{what} is encrypted with a password; use a key made with "
                                "minisign -G -W (see docs/security.md)")
        key_id, secret = data[54:54 + KEY_ID_BYTES], data[62:126]
        # The secret key ends with its public half: a damaged key does not match itself.
        if bytes(SigningKey(secret[:32]).verify_key) != secret[32:]:
            raise MinisignError(f"{what} is damaged (its two halves do not match)")
        return cls(key_id, secret[:32])

    @classmethod
    def from_file(cls, path: Path) -> "SecretKey":
        return cls.from_text(read_text(path, "minisign secret key"), str(path))

    def public_key(self) -> PublicKey:
        return PublicKey(self.key_id, bytes(SigningKey(self.seed).verify_key))

    def to_text(self) -> str:
        """The unencrypted form `minisign -G -W` writes (no salt, limits or checksum)."""
        secret = self.seed + self.public_key().key
        data = (KEY_ALGORITHM + NO_KDF + CHECKSUM_ALGORITHM + bytes(32 + 8 + 8) + self.key_id
                + secret + bytes(32))
        return f"{UNTRUSTED}minisign encrypted secret key\n{base64.b64encode(data).decode()}\n"

    def sign(self, digest: bytes, trusted_comment: str,
             untrusted_comment: str = "signature from drug-guide secret key") -> Signature:
        """A prehashed signature of the file whose BLAKE2b-512 digest is `digest`."""
        if "\n" in trusted_comment or "\r" in trusted_comment:
            raise MinisignError("a trusted comment is one line")
        signer = SigningKey(self.seed)
        signature = signer.sign(digest).signature
        global_signature = signer.sign(signature + trusted_comment.encode("utf-8")).signature
        return Signature(self.key_id, signature, trusted_comment, global_signature,
                         untrusted_comment)
