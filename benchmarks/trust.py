"""What verification and bounded rendering cost (issue #18), in milliseconds.

- `verify_ms`: reading and BLAKE2b-hashing the file, then the whole open
  (verify, deserialize, meta) and the full validation a pack gets (every drug
  loaded, a search run), for the bundled database and synthetic ones.
  For signed packs (issue #16) also `signature`, checking the minisign signature
  alone (keys read, Ed25519 twice), `signed_pack`, the whole trial a signed pack gets
  (signature, then all of the above), and `pynacl_import`, what loading PyNaCl adds
  to a start-up that has a pack to check (a fresh process).
- `render_1mb_section_ms`: building and painting a tab whose section is 1 MB of
  text, unbroken or prose; the promise is under one second.
"""

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.launch import run_child
from desktop.content.verify import file_digest, read_manifest

ROUNDS = 5
LARGE_BYTES = 100 * 2**20
SECTION_CHARS = 1_000_000


def _median_ms(action: object, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def verify_costs(path: Path) -> dict[str, float]:
    from desktop.content.database import ContentDatabase
    from desktop.content.packs import validated

    read_manifest(path)
    # A trial of the 1,000-monograph guide takes over 10 s: once, so `make bench` stays
    # within 10 minutes; it varies far less than its length.
    rounds = ROUNDS if path.stat().st_size < LARGE_BYTES else 1
    return {
        "mib": path.stat().st_size / 2**20,
        "digest": _median_ms(lambda: file_digest(path.read_bytes())),
        "open": _median_ms(lambda: ContentDatabase(path).close()),
        "open_and_validate": _median_ms(lambda: validated(path).close(), rounds),
        **signature_costs(path, rounds),
    }


def signature_costs(path: Path, rounds: int = ROUNDS) -> dict[str, float]:
    from desktop.content.packs import validated_pack
    from desktop.content.trust import Trust, check_signature
    from devtools.signing import new_key_pair, sign

    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "pack.sqlite3"
        shutil.copyfile(path, pack)
        secret, public = new_key_pair(Path(folder), "bench")
        sign(pack, secret)
        trust = Trust((public,))
        return {
            "signature": _median_ms(lambda: check_signature(pack, trust)),
            "signed_pack": _median_ms(lambda: validated_pack(pack, trust).database.close(),
                                      rounds),
            "pynacl_import": _import_ms("nacl.signing"),
        }


def _import_ms(module: str) -> float:
    """Milliseconds to import `module` in a fresh interpreter."""
    code = (f"import time; t = time.perf_counter(); import {module}; "
            "print((time.perf_counter() - t) * 1000)")
    times = [float(run_child([sys.executable, "-c", code]).stdout) for _ in range(ROUNDS)]
    return statistics.median(times)


def render_costs() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from desktop.content.database import ContentDatabase
    from desktop.paths import DEFAULT_DATABASE
    from desktop.ui.pages.base import PageContext
    from desktop.ui.pages.section import MonographPage

    QApplication.instance() or QApplication([])
    with ContentDatabase(DEFAULT_DATABASE) as db:
        monograph, info = db.monograph("baclofen"), db.info
    texts = {"unbroken": "x" * SECTION_CHARS,
             "prose": ("Baclofen is a muscle relaxant. " * (SECTION_CHARS // 31 + 1))}
    report = {}
    for kind, text in texts.items():
        uses = monograph.section("uses")
        block = uses.blocks[0]._replace(kind="paragraph", title=None, body=text[:SECTION_CHARS])
        sections = tuple(s._replace(blocks=(block,)) if s is uses else s
                         for s in monograph.sections)
        context = PageContext(monograph._replace(sections=sections), info)

        def show(context: PageContext = context) -> None:
            page = MonographPage("uses", context)
            page.resize(1366, 768)
            page.show()
            page.grab()
            page.deleteLater()

        report[kind] = _median_ms(show)
    return report
