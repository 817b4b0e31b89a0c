"""Synthetic content of N monographs, built by the real builder from templated sources."""

import shutil
from pathlib import Path

from db.build import BUILDER_VERSION, CONTENT_DIR, build, sources_sha256
from desktop.content.schema import SCHEMA_VERSION
from devtools.signing import sign

TEMPLATE = "baclofen"


def synthetic_name(number: int) -> str:
    """The name of the `number`th renamed copy of the template drug (0 keeps its own)."""
    return "Baclofen" if number == 0 else f"Synthetine {number:04d}"


def make_sources(count: int, folder: Path) -> Path:
    """`count` drug folders: baclofen's sources with the drug renamed. The bench's large
    guides are cloned in memory instead (benchmarks/synthetic.py)."""
    content = folder / f"content-{count}"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    for guide_file in CONTENT_DIR.glob("*.toml"):  # guide-wide: guide, sources, signs, context
        shutil.copy(guide_file, content / guide_file.name)
    sources = {p.name: p.read_text(encoding="utf-8") for p in (CONTENT_DIR / TEMPLATE).iterdir()}
    for number in range(count):
        name = synthetic_name(number)
        drug = content / name.lower().replace(" ", "-")
        drug.mkdir()
        for file, text in sources.items():
            (drug / file).write_text(text.replace("Baclofen", name), encoding="utf-8")
    return content


def build_synthetic(count: int, folder: Path) -> Path:
    """Built once per version of the sources, schema and builder; later runs reuse it."""
    version = f"s{SCHEMA_VERSION}b{BUILDER_VERSION}-{sources_sha256(CONTENT_DIR)[:12]}"
    out = folder / f"synthetic-{count}-{version}.sqlite3"
    if not out.exists():
        build(make_sources(count, folder), out)
    return out


def make_pack(folder: Path, content: Path, version: str, name: str = "pack") -> Path:
    """A pack of `version` built by the real builder from the sources in `content`,
    and signed by the publisher the tests trust."""
    out = folder / f"{name}.sqlite3"
    build(content, out, content_version=version, manifest=False)
    return sign(out)
