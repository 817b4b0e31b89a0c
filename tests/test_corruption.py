"""No single-bit change to a database changes what the app shows.

Each flip is refused at open (the whole-file digest), or else gives exactly the
original content and triage. `make test` flips 2,000 bits; `make fuzz` 20,000.
A second sweep forges the manifest too, as a crafted pack could: then every flip
must still end in a clean ContentError or a usable database, never a crash.
"""

import os
import random

import pytest

from desktop.content.database import ContentDatabase, ContentError
from desktop.content.packs import validated
from desktop.content.verify import manifest_path, write_manifest
from desktop.paths import DEFAULT_DATABASE
from desktop.triage.engine import Triage
from devtools.faults import copy_bundled

FUZZING = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
FLIPS = 20_000 if FUZZING else 2_000
FORGED_FLIPS = 2_000 if FUZZING else 100
SEED = 18
COMPLAINTS = ["seizures", "can't get my words out", "dizzy and constipated",
              "I can't breathe and no chest pain", "my ears are ringing", "itchy rash"]


def shown(db: ContentDatabase) -> tuple:
    """Everything the window and the command line show, for comparison."""
    drugs = db.drugs()
    triage = Triage(db.monograph(drugs[0].id).side_effects)
    return (db.info, drugs, [db.monograph(d.id) for d in drugs],
            [triage.assess(text).to_json() for text in COMPLAINTS],
            [db.search(word) for word in ("seizures", "kidney", "intrathecal")])


def flipped(data: bytes, bit: int) -> bytes:
    changed = bytearray(data)
    changed[bit // 8] ^= 1 << (bit % 8)
    return bytes(changed)


@pytest.fixture(scope="module")
def original():
    with ContentDatabase(DEFAULT_DATABASE) as db:
        return DEFAULT_DATABASE.read_bytes(), shown(db)


def flip_in_place(handle, data: bytes, bit: int) -> None:
    """Flip `bit` of the open copy of `data`: one byte written."""
    byte = data[bit // 8]
    os.pwrite(handle.fileno(), bytes([byte ^ (1 << (bit % 8))]), bit // 8)


def test_fuzz_every_bit_flip_is_refused_or_harmless(tmp_path, original):
    data, expected = original
    path = copy_bundled(tmp_path / "flipped.sqlite3")
    refused = 0
    with path.open("r+b") as handle:
        for bit in random.Random(SEED).sample(range(len(data) * 8), FLIPS):
            flip_in_place(handle, data, bit)
            try:
                with ContentDatabase(path) as db:
                    assert shown(db) == expected, f"bit {bit} changed what is shown"
            except ContentError:
                refused += 1
            os.pwrite(handle.fileno(), data[bit // 8: bit // 8 + 1], bit // 8)
    assert refused == FLIPS  # the digest covers every byte


def test_fuzz_forged_flips_fail_cleanly(tmp_path, original):
    data, _ = original
    path = tmp_path / "forged.sqlite3"
    for bit in random.Random(SEED).sample(range(len(data) * 8), FORGED_FLIPS):
        path.write_bytes(flipped(data, bit))
        write_manifest(path)
        try:
            validated(path).close()
        except ContentError as error:
            assert "\n" not in str(error)
    manifest_path(path).unlink()
