"""Synthetic content of N monographs, built by the real builder from templated sources."""

import shutil
from pathlib import Path

from db.build import CONTENT_DIR, build, sources_sha256

TEMPLATE = "baclofen"


def make_sources(count: int, folder: Path) -> Path:
    """`count` drug folders: baclofen's sources with the drug renamed."""
    content = folder / f"content-{count}"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    for guide_file in CONTENT_DIR.glob("*.toml"):  # guide-wide: guide, signs, context
        shutil.copy(guide_file, content / guide_file.name)
    sources = {p.name: p.read_text(encoding="utf-8") for p in (CONTENT_DIR / TEMPLATE).iterdir()}
    for number in range(count):
        name = "Baclofen" if number == 0 else f"Synthetine {number:04d}"
        drug = content / ("baclofen" if number == 0 else f"synthetine-{number:04d}")
        drug.mkdir()
        for file, text in sources.items():
            (drug / file).write_text(text.replace("Baclofen", name), encoding="utf-8")
    return content


def build_synthetic(count: int, folder: Path) -> Path:
    """Built once per version of the sources; later runs reuse the file."""
    out = folder / f"synthetic-{count}-{sources_sha256(CONTENT_DIR)[:12]}.sqlite3"
    if not out.exists():
        build(make_sources(count, folder), out)
    return out
