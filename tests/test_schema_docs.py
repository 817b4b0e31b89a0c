"""docs/architecture.md lists exactly the tables and columns the schema declares."""

import re

from desktop.content.schema import SEARCH_INDEX, TABLES
from devtools.repo import ROOT

# Columns every table but `meta` has, which the docs state once instead of per row.
IMPLIED = ("id", "position")
_ROW = re.compile(r"^\| `(\w+)` \| ((?:`\w+\??`(?:, )?)+) \|", re.MULTILINE)


def documented_tables() -> dict[str, list[str]]:
    text = (ROOT / "docs" / "architecture.md").read_text()
    return {name: re.findall(r"`(\w+\??)`", columns) for name, columns in _ROW.findall(text)}


def declared_tables() -> dict[str, list[str]]:
    tables = {
        table.name: [f"{c.name}?" if c.nullable else c.name
                     for c in table.columns if c.name not in IMPLIED]
        for table in TABLES
    }
    tables[SEARCH_INDEX.name] = list(SEARCH_INDEX.columns)
    return tables


def test_docs_schema_table_matches_the_declaration():
    assert documented_tables() == declared_tables()
