"""Publisher keys for tests and benchmarks, made afresh for every run: no secret key
is ever committed (tests/test_signatures.py checks that none is tracked by git)."""

import functools
import os
import tempfile
from pathlib import Path


@functools.cache
def trusted_publisher() -> tuple[Path, Path]:
    """(secret key file, public key file) of the publisher every test trusts."""
    return new_key_pair(Path(_KEYS.name), "publisher")


_KEYS = tempfile.TemporaryDirectory(prefix="drug-guide-keys-")  # removed at exit


def new_key_pair(folder: Path, name: str) -> tuple[Path, Path]:
    """A fresh minisign key pair, written as `minisign -G -W` writes one."""
    from desktop.content.minisign import SecretKey

    key = SecretKey(os.urandom(8), os.urandom(32))
    secret, public = folder / f"{name}.key", folder / f"{name}.pub"
    secret.write_text(key.to_text())
    public.write_text(key.public_key().to_text())
    return secret, public


def sign(pack: Path, secret: Path | None = None) -> Path:
    """Sign `pack` (with the trusted test publisher's key by default); returns `pack`."""
    from desktop.content.publishing import sign_pack

    sign_pack(pack, secret or trusted_publisher()[0])
    return pack




def forge_signature(pack: Path, secret: Path | None = None) -> Path:
    """Sign `pack` whatever it holds, as a publisher whose key was stolen could: no
    trial first. The claim's version and drugs are read straight from its tables, or
    are the bundled database's where they cannot be read. Returns `pack`."""
    from desktop.content.minisign import SecretKey
    from desktop.content.trust import PackClaim, signature_path
    from desktop.content.verify import file_digest

    version, drugs = _claimed(pack)
    data = pack.read_bytes()
    claim = PackClaim(version, drugs, len(data), file_digest(data))
    key = SecretKey.from_file(secret or trusted_publisher()[0])
    signature = key.sign(bytes.fromhex(claim.blake2b), claim.to_comment())
    signature_path(pack).write_text(signature.to_text())
    return pack


def _claimed(pack: Path) -> tuple[str, tuple[str, ...]]:
    import sqlite3

    from desktop.paths import DEFAULT_DATABASE

    for path in (pack, DEFAULT_DATABASE):
        conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        conn.set_progress_handler(lambda: 1, 100_000)  # a hostile view ends here
        try:
            [(version,)] = conn.execute(
                "SELECT value FROM meta WHERE key = 'content_version'").fetchall()
            drugs = tuple(row[0] for row in conn.execute("SELECT id FROM drugs ORDER BY position"))
            return version, drugs
        except (sqlite3.Error, ValueError):
            continue
        finally:
            conn.close()
    raise AssertionError("the bundled database cannot be read")
