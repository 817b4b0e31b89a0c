"""Full-text search over everything the guide shows, safe for any typed text.

User text is never passed to FTS5 as syntax: each word is quoted, so `AND`,
quotes, `*` and parentheses are searched for as plain words. Each word also finds
its synonyms from content (db/content/search.toml: max, maximum), and when no text
holds every word, texts holding any of them are ranked instead.

The text that answers a search comes before passing mentions: first a block content
names as the answer to those words (search.toml's answers), then texts whose heading
holds every word, then texts with every word in one paragraph; bm25 orders the rest.
"""

import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
_CANDIDATES = """
SELECT search_fts.rowid, bm25(search_fts, 10.0, 1.0), items.page, items.title
FROM search_fts JOIN search_items AS items ON items.id = search_fts.rowid
WHERE search_fts MATCH ? LIMIT ?
"""
# Which of the given rows match a query (the query may filter a column: "title : (...)").
_AMONG = """
SELECT rowid FROM search_fts
WHERE search_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))
"""
# The body of the given rows that match one word, that word marked.
_MARKED_BODIES = """
SELECT rowid, highlight(search_fts, 1, char(2), char(3)) FROM search_fts
WHERE search_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))
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


def query_words(text: str) -> list[str]:
    """The words of `text` as searched: normalised, so "SEİZURES" and a pasted soft
    hyphen find what "seizures" finds, and capped in number and length."""
    return [word[:MAX_WORD_LENGTH] for word in _WORD.findall(normalize_input(text))][:MAX_WORDS]


def fts_terms(text: str, synonyms: Synonyms | None = None) -> list[str]:
    """One FTS5 term per word of `text`: the word or one of its synonyms, the last one
    a prefix so that results appear while a word is still being typed ("bacl" finds
    baclofen)."""
    words = query_words(text)
    open_end = not normalize_input(text)[-1:].isspace()
    terms = []
    for index, word in enumerate(words):
        own = f'"{word}"' + ("*" if index == len(words) - 1 and open_end else "")
        others = [f'"{w}"' for w in (synonyms or {}).get(word, ()) if w != word]
        terms.append(f"({' OR '.join([own, *others])})" if others else own)
    return terms


def fts_query(text: str, synonyms: Synonyms | None = None, joiner: str = " AND ") -> str | None:
    """An FTS5 query matching every word of `text` (or, with `joiner` " OR ", any);
    None when `text` holds no words."""
    return joiner.join(terms) if (terms := fts_terms(text, synonyms)) else None


@dataclass(frozen=True)
class Answer:
    """A page's block (every block of the page when `title` is None) that answers the
    questions, each question given as its words (search.toml's answers)."""
    page: str
    title: str | None
    questions: tuple[tuple[str, ...], ...]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _asks(words: Sequence[str], question: Sequence[str], synonyms: Synonyms) -> bool:
    """Whether the searched words are the question's words, in any order: each the
    same word or a synonym, a plural s aside; the last may be the start of one."""
    def same(index: int, known: str) -> bool:
        forms = {_singular(w) for w in (known, *synonyms.get(known, ()))}
        typed = _singular(words[index])
        return typed in forms or (index == len(words) - 1
                                  and any(form.startswith(typed) for form in forms))

    typed = range(len(words))
    return (all(any(same(i, known) for i in typed) for known in question)
            and all(any(same(i, known) for known in question) for i in typed))


# Ranks of a text for a search, best first; the rest are passing mentions.
ANSWER, HEADING, PARAGRAPH, MENTION = range(4)


def _answering(candidates: list[tuple], words: list[str], synonyms: Synonyms,
               answers: Sequence[Answer]) -> set[int]:
    """The candidates content names as the answer to `words`."""
    asked = [a for a in answers if any(_asks(words, q, synonyms) for q in a.questions)]
    return {row_id for row_id, _, page, title in candidates
            if any(a.page == page and a.title in (None, title) for a in asked)}


def _in_one_paragraph(conn: sqlite3.Connection, terms: list[str], ids: str) -> set[int]:
    """The rows (a JSON list of ids) whose body holds every term in one paragraph."""
    paragraphs: dict[int, set[int]] | None = None
    for term in terms:
        marked = {row_id: {n for n, line in enumerate(body.split("\n")) if _OPEN in line}
                  for row_id, body in conn.execute(_MARKED_BODIES, (term, ids))}
        paragraphs = marked if paragraphs is None else {
            row_id: found & marked[row_id] for row_id, found in paragraphs.items()
            if row_id in marked}
    return {row_id for row_id, found in (paragraphs or {}).items() if found}


def _ranks(conn: sqlite3.Connection, candidates: list[tuple], text: str,
           synonyms: Synonyms, answers: Sequence[Answer]) -> dict[int, int]:
    """Each candidate's rank: ANSWER, HEADING, PARAGRAPH or MENTION."""
    terms = fts_terms(text, synonyms)
    ids = json.dumps([row[0] for row in candidates])
    headed = {row[0] for row in conn.execute(_AMONG, (f"title : ({' AND '.join(terms)})", ids))}
    # One word is always in one paragraph of a text it was found in.
    together = _in_one_paragraph(conn, terms, ids) if len(terms) > 1 else set()
    answering = _answering(candidates, query_words(text), synonyms, answers)
    return {row_id: ANSWER if row_id in answering else HEADING if row_id in headed
            else PARAGRAPH if row_id in together else MENTION
            for row_id, *_ in candidates}


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
    return max(spans, key=lambda s: (sum(abs(o[0] - s[0]) <= reach for o in spans), -s[0]))


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
        synonyms: Synonyms | None = None, answers: Sequence[Answer] = ()) -> list[SearchHit]:
    """Texts holding every word (or a synonym); failing that, any word; the answer
    first, then headings, then every word in one paragraph, then bm25's order."""
    candidates: list[tuple] = []
    for joiner in (" AND ", " OR "):
        query = fts_query(text, synonyms, joiner)
        if query is None:
            return []
        candidates = conn.execute(_CANDIDATES, (query, CANDIDATES)).fetchall()
        if candidates:
            break
    if not candidates:
        return []
    ranks = _ranks(conn, candidates, text, synonyms or {}, answers)
    ranked = [row_id for row_id, *_ in sorted(
        candidates, key=lambda row: (ranks[row[0]], row[1], row[0]))][:limit]
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
