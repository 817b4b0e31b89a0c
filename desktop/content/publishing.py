"""Signing a content pack: what the publisher claims about it, and the signature file.

The signature is a standard minisign one, so `minisign -V` checks it too, and a pack
signed with `minisign -S -t "$(claim)"` is accepted by the app.
"""

from pathlib import Path

from desktop.content.errors import ContentError, reason
from desktop.content.minisign import MinisignError, SecretKey
from desktop.content.packs import validated
from desktop.content.trust import PackClaim, signature_path
from desktop.content.verify import own_digest, write_whole


def pack_claim(pack: Path) -> PackClaim:
    """What a signature must claim about `pack`, once the pack passes the full trial."""
    expected = own_digest(pack, str(pack))
    with validated(pack, expected) as database:
        drugs = tuple(drug.id for drug in database.drugs())
        return PackClaim(database.info.content_version, drugs, expected.size, expected.blake2b)


def sign_pack(pack: Path, secret_key: Path) -> Path:
    """Write `pack`'s signature beside it, whole or not at all; returns its path."""
    try:
        key = SecretKey.from_file(secret_key)
    except (OSError, MinisignError) as error:
        raise ContentError(f"Cannot use the secret key {secret_key} ({reason(error)}).") from None
    claim = pack_claim(pack)
    signature = key.sign(bytes.fromhex(claim.blake2b), claim.to_comment())
    target = signature_path(pack)
    write_whole(target, signature.to_text())
    return target
