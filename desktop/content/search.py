"""Full-text search over everything the guide shows, safe for any typed text.

User text is never passed to FTS5 as syntax: each word is quoted, so `AND`,
quotes, `*` and parentheses are searched for as plain words. Each word also finds
its synonyms from content (db/content/search.toml: max, maximum), and when no text
holds every word, texts holding any of them are ranked instead.

The text that answers a search comes before passing mentions: first a block content
names as the answer to those words (search.toml's answers), then texts whose heading
holds every word, then texts with every word in one paragraph; bm25 orders the rest.
"""

import bisect
import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

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
# The best RERANKED by bm25 are read again to put the answering texts first.
RERANKED = 100
_RANKED = """
SELECT id FROM (
    SELECT rowid AS id, bm25(search_fts, 10.0, 1.0) AS score
    FROM search_fts WHERE search_fts MATCH ? LIMIT ?
) ORDER BY score, id LIMIT ?
"""
_TEXTS = """
SELECT id, page, title, body FROM search_items WHERE id IN (SELECT value FROM json_each(?))
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


def open_ended(text: str) -> bool:
    """Whether the last word may still be being typed: no space after it."""
    return not normalize_input(text)[-1:].isspace()


def fts_query(text: str, synonyms: Synonyms | None = None, joiner: str = " AND ") -> str | None:
    """An FTS5 query matching every word of `text` (or, with `joiner` " OR ", any),
    each word or one of its synonyms, the last one as a prefix so that results appear
    while a word is still being typed ("bacl" finds baclofen). None when `text` holds
    no words."""
    words = query_words(text)
    if not words:
        return None
    terms = []
    for index, word in enumerate(words):
        own = f'"{word}"' + ("*" if index == len(words) - 1 and open_ended(text) else "")
        others = [f'"{w}"' for w in (synonyms or {}).get(word, ()) if w != word]
        terms.append(f"({' OR '.join([own, *others])})" if others else own)
    return joiner.join(terms)


@dataclass(frozen=True)
class Answer:
    """A page's block (every block of the page when `title` is None) that answers the
    questions, each question given as its words (search.toml's answers)."""
    page: str
    title: str | None
    questions: tuple[tuple[str, ...], ...]


@cache
def _porter() -> Callable[[str], str]:
    """The index's stemmer (Porter's), imported on the first search that ranks."""
    import snowballstemmer

    return snowballstemmer.stemmer("porter").stemWord


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    return _porter()(word)


class _Searched:
    """The searched words as the index matches them: a word, one of its synonyms or
    a word of the same stem; the last word may be the start of one."""

    def __init__(self, text: str, synonyms: Synonyms) -> None:
        words = query_words(text)
        self.stems = [{_stem(form) for form in (word, *synonyms.get(word, ()))}
                      for word in words]
        last = words[-1] if words and open_ended(text) else None
        self.starts = (last, *synonyms.get(last, ())) if last else ()

    def _started(self, token: str) -> bool:
        return bool(self.starts) and token.startswith(self.starts)

    def all_in(self, tokens: Sequence[str]) -> bool:
        """Whether every searched word is among `tokens`."""
        stems = {_stem(token) for token in tokens}
        *whole, last = self.stems
        return all(word & stems for word in whole) and bool(
            last & stems or any(self._started(token) for token in tokens))

    def asks(self, question: Sequence[str]) -> bool:
        """Whether the searched words are the question's words, in any order."""
        return self.all_in(question) and all(
            any(_stem(known) in word for word in self.stems) or self._started(known)
            for known in question)


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


# Ranks of a text for a search, best first; the rest are passing mentions.
ANSWER, HEADING, PARAGRAPH, MENTION = range(4)


def _rank(searched: _Searched, page: str, title: str, body: str,
          answers: Sequence[Answer]) -> int:
    if any(a.page == page and a.title in (None, title)
           and any(searched.asks(q) for q in a.questions) for a in answers):
        return ANSWER
    if searched.all_in(_tokens(title)):
        return HEADING
    if any(searched.all_in(_tokens(line)) for line in body.splitlines()):
        return PARAGRAPH
    return MENTION


def _answers_first(conn: sqlite3.Connection, ranked: list[int], text: str,
                   synonyms: Synonyms, answers: Sequence[Answer]) -> list[int]:
    """The best RERANKED ids by rank (answer, heading, one paragraph, mention), each
    rank in bm25's order, then the rest as they were."""
    best = ranked[:RERANKED]
    searched = _Searched(text, synonyms)
    ranks = {row_id: _rank(searched, page, title, body, answers)
             for row_id, page, title, body in conn.execute(_TEXTS, (json.dumps(best),))}
    return sorted(best, key=lambda row_id: ranks.get(row_id, MENTION)) + ranked[RERANKED:]


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
        synonyms: Synonyms | None = None, answers: Sequence[Answer] = ()) -> list[SearchHit]:
    """Texts holding every word (or a synonym); failing that, any word; the answering
    texts first (_answers_first), then bm25's order."""
    ranked: list[int] = []
    for joiner in (" AND ", " OR "):
        query = fts_query(text, synonyms, joiner)
        if query is None:
            return []
        ranked = [row[0] for row in conn.execute(
            _RANKED, (query, CANDIDATES, max(limit, RERANKED)))]
        if ranked:
            break
    if not ranked:
        return []
    ranked = _answers_first(conn, ranked, text, synonyms or {}, answers)[:limit]
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
