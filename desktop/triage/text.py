"""Turning what a caller says into comparable tokens.

The builder uses the same functions to key the lexicon, so a term is matched
exactly as it was validated.
"""

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from desktop.content.text import normalize_input, normalize_with_offsets

# A word may carry inner apostrophes or hyphens: "can't", "light-headed".
_WORD = re.compile(r"[^\W_]+(?:['’‘`\-][^\W_]+)*")
_INNER_MARKS = re.compile(r"['’‘`\-]")
# Punctuation that ends a clause, so negation does not reach past it.
_CLAUSE_BREAK = re.compile(r"[,;:.!?\n\r/()\[\]•|]")

# Words that join complaints ("dizzy and sick") and so end a clause.
SEPARATORS = frozenset(
    {"and", "also", "plus", "with", "but", "then", "although", "though", "however", "yet",
     "except"}
)

# Words ignored inside terms, so "my ears are ringing" matches "ears ringing".
TRANSPARENT = frozenset(
    {"the", "my", "your", "his", "her", "their", "our", "its", "is", "are", "am", "was",
     "were", "be", "been", "being", "really", "very", "so", "quite", "too", "in", "of",
     "at", "on", "any", "look", "looks", "looked", "seem", "seems", "seemed", "gone",
     "went", "turned", "keep", "keeps", "kept"}
)

# "Fits" (seizures) must not fold into "fit" (healthy), so these keep their form.
_UNSTEMMED = frozenset({"fits", "fitting", "fitted"})
# One spelling for each form of "cannot", so terms need list only one.
_SPELLING = {"cannot": "cant", "can't": "cant", "cant": "cant", "couldnt": "cant"}


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the input, with where it stands in the original text."""

    norm: str
    stem: str
    start: int
    end: int
    clause: int
    sentence: int  # like clause, but only punctuation ends it; terms never cross it


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def fold(word: str) -> str:
    """Normalise a word (desktop/content/text.py) and drop inner apostrophes and hyphens."""
    folded = _INNER_MARKS.sub("", normalize_input(word))
    return _SPELLING.get(folded, folded)


def stem(norm: str) -> str:
    return norm if norm in _UNSTEMMED else _stemmer().stemWord(norm)


def tokenize(text: str) -> list[Token]:
    """All words of `text`, each tagged with the clause it belongs to.

    A clause ends at punctuation such as a comma or full stop, and at a joining
    word such as "and" or "but" (which belongs to the clause it opens). Words are
    found in the normalised text, so a soft hyphen or zero-width space inside a word
    does not split it; each token's span is in `text` as given.
    """
    normal, origins = normalize_with_offsets(text)
    tokens: list[Token] = []
    clause = sentence = 0
    previous_end = 0
    for found in _WORD.finditer(normal):
        norm = fold(found.group())
        punctuated = _CLAUSE_BREAK.search(normal, previous_end, found.start()) is not None
        sentence += punctuated
        if punctuated or norm in SEPARATORS:
            clause += 1
        start, end = origins[found.start()][0], origins[found.end() - 1][1]
        tokens.append(Token(norm, stem(norm), start, end, clause, sentence))
        previous_end = found.end()
    return tokens


def term_key(term: str) -> tuple[str, ...]:
    """The stems that a lexicon term is matched by, transparent words left out."""
    return tuple(token.stem for token in tokenize(term) if token.norm not in TRANSPARENT)
