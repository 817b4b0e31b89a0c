"""Full-text search over everything the guide shows, safe for any typed text.

User text is never passed to FTS5 as syntax: each word is quoted, so `AND`,
quotes, `*` and parentheses are searched for as plain words.
"""

import re
import sqlite3

from desktop.content.models import SearchHit

DEFAULT_LIMIT = 50
MAX_WORDS = 12
MAX_WORD_LENGTH = 64
# Markers SQLite puts around matched words; control characters never occur in content.
_OPEN, _CLOSE = "\x02", "\x03"
# The same word boundaries as FTS5's unicode61 tokenizer.
_WORD = re.compile(r"[^\W_]+")

_SQL = """
SELECT items.drug_id, items.section_key, sections.title, items.title,
       snippet(search_fts, 1, char(2), char(3), '…', 16)
FROM search_fts
JOIN search_items AS items ON items.id = search_fts.rowid
JOIN sections ON sections.drug_id = items.drug_id AND sections.key = items.section_key
WHERE search_fts MATCH ?
ORDER BY bm25(search_fts, 10.0, 1.0), items.title COLLATE NOCASE
LIMIT ?
"""


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every word of `text`, the last one as a prefix.

    Returns None when `text` holds no words. The last word is a prefix so that
    results appear while a word is still being typed ("bacl" finds baclofen).
    """
    words = [word[:MAX_WORD_LENGTH] for word in _WORD.findall(text)][:MAX_WORDS]
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    if not text[-1:].isspace():
        quoted[-1] += "*"
    return " ".join(quoted)


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain snippet text and the spans SQLite marked as matches."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = 0
    for char in marked:
        if char == _OPEN:
            start = length
        elif char == _CLOSE:
            spans.append((start, length))
        else:
            plain.append(char)
            length += 1
    return "".join(plain), tuple(spans)


def run(conn: sqlite3.Connection, text: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    query = fts_query(text)
    if query is None:
        return []
    hits = []
    for drug_id, section_key, section_title, title, marked in conn.execute(_SQL, (query, limit)):
        snippet, highlights = split_snippet(marked)
        hits.append(SearchHit(drug_id, section_key, section_title, title, snippet, highlights))
    return hits


def marked_snippet(hit: SearchHit, before: str = "**", after: str = "**") -> str:
    """The snippet with each highlighted span wrapped in `before` and `after`."""
    parts = []
    cursor = 0
    for start, end in hit.highlights:
        parts += [hit.snippet[cursor:start], before, hit.snippet[start:end], after]
        cursor = end
    parts.append(hit.snippet[cursor:])
    return "".join(parts)
