"""Full-text search over everything the guide shows, safe for any typed text.

User text is never passed to FTS5 as syntax: each word is quoted, so `AND`,
quotes, `*` and parentheses are searched for as plain words. Each word also finds
its synonyms from content (db/content/search.toml: max, maximum), and when no text
holds every word, texts holding any of them are ranked instead.
"""

import bisect
import json
import re
import sqlite3
from collections.abc import Callable

from desktop.content.models import SearchHit
from desktop.content.text import normalize_input

DEFAULT_LIMIT = 50
MAX_WORDS = 12
MAX_WORD_LENGTH = 64
# Markers SQLite puts around matched words; control characters never occur in content.
_OPEN, _CLOSE = "\x02", "\x03"
# The same word boundaries as FTS5's unicode61 tokenizer.
_WORD = re.compile(r"[^\W_]+")

# Ranking reads at most CANDIDATES matches, so a one-letter prefix costs about the
# same at 1,000 monographs as at one; once a query narrows below that, ranking is exact.
CANDIDATES = 2000
_RANKED = """
SELECT id FROM (
    SELECT rowid AS id, bm25(search_fts, 10.0, 1.0) AS score
    FROM search_fts WHERE search_fts MATCH ? LIMIT ?
) ORDER BY score, id LIMIT ?
"""
# Marked text only for the rows shown. The markers are constants; user text is a parameter.
_SHOWN = """
SELECT search_fts.rowid, items.drug_id, items.page, coalesce(sections.title, items.page),
       items.anchor, items.title, highlight(search_fts, 1, char(2), char(3))
FROM search_fts
JOIN search_items AS items ON items.id = search_fts.rowid
LEFT JOIN sections ON sections.drug_id = items.drug_id AND sections.key = items.page
WHERE search_fts MATCH ? AND search_fts.rowid IN (SELECT value FROM json_each(?))
"""


Synonyms = dict[str, tuple[str, ...]]  # a word -> every word of its group


def synonym_map(groups: list[list[str]]) -> Synonyms:
    return {word: tuple(group) for group in groups for word in group}


def fts_query(text: str, synonyms: Synonyms | None = None, joiner: str = " AND ") -> str | None:
    """An FTS5 query matching every word of `text` (or, with `joiner` " OR ", any),
    each word or one of its synonyms, the last one as a prefix.

    Returns None when `text` holds no words. Text is normalised first, so "SEİZURES"
    and a pasted soft hyphen find what "seizures" finds. The last word is a prefix so that
    results appear while a word is still being typed ("bacl" finds baclofen).
    """
    text = normalize_input(text)
    words = [word[:MAX_WORD_LENGTH] for word in _WORD.findall(text)][:MAX_WORDS]
    if not words:
        return None
    terms = []
    for index, word in enumerate(words):
        own = f'"{word}"' + ("*" if index == len(words) - 1 and not text[-1:].isspace() else "")
        others = [f'"{w}"' for w in (synonyms or {}).get(word, ()) if w != word]
        terms.append(f"({' OR '.join([own, *others])})" if others else own)
    return joiner.join(terms)


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain snippet text and the spans SQLite marked as matches. Whole pieces, not
    characters, are handled: a long section's text is split in a few string calls
    (the search thread holds Python's lock while it does, not the window)."""
    before, *matches = marked.split(_OPEN)
    plain = [before]
    spans: list[tuple[int, int]] = []
    length = len(before)
    for piece in matches:
        match, closed, after = piece.partition(_CLOSE)
        if closed:
            spans.append((length, length + len(match)))
        plain += [match, after]
        length += len(match) + len(after)
    return "".join(plain), tuple(spans)


SNIPPET_CHARS = 120  # about a line and a half of the results panel
ELLIPSIS = "\u2026"
# A figure and its unit: "80 mg", "2 to 4 hours", "2-4 hours", "0.5 mL".
_FIGURE = re.compile(r"\d[\d.,]*(?:\s*(?:-|\u2013|to)\s*\d[\d.,]*)?(?:\s+[^\W\d_]+)?")

Spans = tuple[tuple[int, int], ...]


def _best_span(spans: Spans, reach: int) -> tuple[int, int]:
    """The match with the most other matches within `reach` characters: the heart of
    what was found. The first one wins a tie; (0, 0) when nothing is marked."""
    if not spans:
        return (0, 0)
    starts = [start for start, _ in spans]  # in text order, so sorted

    def near(span: tuple[int, int]) -> int:
        return (bisect.bisect_right(starts, span[0] + reach)
                - bisect.bisect_left(starts, span[0] - reach))

    return max(spans, key=lambda s: (near(s), -s[0]))


def centred_snippet(plain: str, spans: Spans, width: int = SNIPPET_CHARS) -> tuple[str, Spans]:
    """About `width` characters of `plain` centred on its best match and stretched to the
    first figure after it ("half-life of 2 to 4 hours"), cut at word boundaries, with
    an ellipsis where text was left out; and the spans that fall inside, moved to match."""
    if len(plain) <= width:
        return plain, spans
    best = _best_span(spans, width // 2)
    start = max(0, min((best[0] + best[1] - width) // 2, len(plain) - width))
    end = start + width
    figure = _FIGURE.search(plain, best[1])
    if figure and end < figure.end() <= best[0] + width + width // 2:
        end = figure.end()
    start = plain.rfind(" ", 0, start) + 1 if start else 0  # back to the word's start
    end = len(plain) if plain.find(" ", end) < 0 else plain.find(" ", end)
    prefix = ELLIPSIS if start else ""
    suffix = ELLIPSIS if end < len(plain) else ""
    shift = len(prefix) - start
    kept = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return f"{prefix}{plain[start:end]}{suffix}", kept


def run(conn: sqlite3.Connection, text: str, limit: int = DEFAULT_LIMIT,
        synonyms: Synonyms | None = None) -> list[SearchHit]:
    """Texts holding every word (or a synonym); failing that, any word, best first."""
    ranked: list[int] = []
    for joiner in (" AND ", " OR "):
        query = fts_query(text, synonyms, joiner)
        if query is None:
            return []
        ranked = [row[0] for row in conn.execute(_RANKED, (query, CANDIDATES, limit))]
        if ranked:
            break
    if not ranked:
        return []
    shown = {}
    for row_id, *where, title, marked in conn.execute(_SHOWN, (query, json.dumps(ranked))):
        snippet, highlights = centred_snippet(*split_snippet(marked))
        shown[row_id] = SearchHit(*where, title, snippet, highlights)
    return [shown[row_id] for row_id in ranked if row_id in shown]


def marked_snippet(hit: SearchHit, before: str = "**", after: str = "**",
                   quote: Callable[[str], str] = str) -> str:
    """The snippet with each highlighted span wrapped in `before` and `after`, and
    every piece of snippet text passed through `quote` (e.g. html.escape)."""
    parts = []
    cursor = 0
    for start, end in hit.highlights:
        parts += [quote(hit.snippet[cursor:start]), before, quote(hit.snippet[start:end]), after]
        cursor = end
    parts.append(quote(hit.snippet[cursor:]))
    return "".join(parts)
