"""Synthetic guides of N monographs for `make bench`, written by the real builder.

The bundled sources are read and validated once; their drug is then cloned N times
under new names (every section, dose, fact, side effect, interaction, precaution and
symptom-checker row, each with its citation), and db.build's own writer lays them out,
indexes them and writes the manifest. A 10,000-monograph guide is past the caps the app
accepts (desktop/content/limits.py), so the bench searches it through the search module
directly (benchmarks.__main__).
"""

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any, overload

from db.build import BUILDER_VERSION, CONTENT_DIR, sources_sha256, write_database
from db.sources import DrugSource, GuideSource, load_guide
from desktop.content.schema import SCHEMA_VERSION
from devtools.synthetic import synthetic_name


def _replaced(value: Any, old: str, new: str) -> Any:
    """`value` with `old` replaced by `new` in every string of its lists and dicts;
    anything else (numbers, the loader's own field records) is shared."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replaced(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, old, new) for key, item in value.items()}
    return value


def _renamed(template: DrugSource, number: int) -> DrugSource:
    """`template` with its id, its name and every mention of its name replaced."""
    clone = copy.copy(template)
    for field in ("drug", "sections", "dosing", "facts", "side_effects", "interactions",
                  "precautions", "names", "findings", "rules", "questions"):
        setattr(clone, field, _replaced(getattr(template, field), template.drug["name"],
                                        synthetic_name(number)))
    clone.id = clone.drug["id"] = synthetic_name(number).lower().replace(" ", "-")
    return clone


class _Clones(Sequence[DrugSource]):
    """`template`, then renamed clones of it, each made when asked for: 10,000 held at
    once would take gigabytes."""

    def __init__(self, template: DrugSource, count: int) -> None:
        self.template = template
        self.count = count

    def __len__(self) -> int:
        return self.count

    @overload
    def __getitem__(self, index: int) -> DrugSource: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[DrugSource]: ...
    def __getitem__(self, index: int | slice) -> DrugSource | Sequence[DrugSource]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if not -self.count <= index < self.count:
            raise IndexError(index)
        number = index % self.count
        return self.template if number == 0 else _renamed(self.template, number)


def synthetic_guide(count: int, content_dir: Path = CONTENT_DIR) -> GuideSource:
    """The bundled guide with its first drug kept and `count - 1` renamed clones of it."""
    guide = load_guide(content_dir)
    guide.drugs = _Clones(guide.drugs[0], count)
    return guide


def synthetic_path(count: int, folder: Path) -> Path:
    """Where the guide of `count` monographs for this version of the sources, schema
    and builder is kept."""
    version = f"s{SCHEMA_VERSION}b{BUILDER_VERSION}-{sources_sha256(CONTENT_DIR)[:12]}"
    return folder / f"synthetic-{count}-{version}.sqlite3"


def build_synthetic(count: int, folder: Path) -> Path:
    """Built once per version of the sources, schema and builder; later runs reuse it."""
    out = synthetic_path(count, folder)
    if not out.exists():
        write_database(synthetic_guide(count), out, sources_sha256(CONTENT_DIR))
    return out
