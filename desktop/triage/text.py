"""Turning what a caller says into comparable tokens.

The builder uses the same functions to key the lexicon, so a term is matched
exactly as it was validated.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from desktop.content.text import normalize_input, normalize_with_offsets

# A word may carry inner apostrophes or hyphens ("can't", "light-headed"). Short
# slash forms are one word ("N/V", "c/o", "2/52", "D&V"); longer ones are a list
# ("CP/SOB").
_WORD = re.compile(
    r"\b[^\W_][/&+][^\W_]\b|\b\d+/\d+\b|[^\W_]+(?:['’‘`\-][^\W_]+)*|[↑↓]"
)
_INNER_MARKS = re.compile(r"['’‘`\-]")
_APOSTROPHES = "'’‘`"
# Punctuation that ends a phrase: terms never cross it.
_PHRASE_BREAK = re.compile(r"[,;:.!?\n\r/()\[\]•|—–]")
# Punctuation that ends a sentence: word pairs and scopes never cross it.
_SENTENCE_BREAK = re.compile(r"[;.!?\n\r()\[\]•|]")

# Words that join complaints ("dizzy and sick") and so end a clause.
SEPARATORS = frozenset(
    {"and", "also", "plus", "with", "but", "then", "although", "though", "however", "yet",
     "except", "so"}
)

# Words ignored inside terms, so "my ears are ringing" matches "ears ringing".
TRANSPARENT = frozenset(
    {"the", "my", "your", "his", "her", "their", "our", "its", "is", "are", "am", "was",
     "were", "be", "been", "being", "really", "very", "so", "quite", "too", "in", "of",
     "at", "on", "any", "look", "looks", "looked", "seem", "seems", "seemed", "gone",
     "went", "turned", "keep", "keeps", "kept"}
)
# Words that may stand between a term's words without changing it: "feel a bit blue",
# "put on nearly a stone". Never at a term's edge, where "a fit" must stay "a fit".
INNER_FILLER = frozenset(
    {"a", "few", "couple", "bit", "little", "lot", "lots", "nearly", "almost", "about",
     "around", "over",
     "extremely", "terribly", "awfully", "totally", "completely", "all", "just", "pretty",
     "rather", "fairly", "kind", "sort", "of", "some", "more", "much", "even", "still",
     "suddenly", "now", "again", "constantly", "always", "also", "like", "proper",
     "properly", "bloody", "absolutely", "massively", "super", "real", "right"}
)

# "Fits" (seizures) must not fold into "fit" (healthy), so these keep their form.
# Likewise "seized" (a car), "fitness", and "faint" (a faint mark) apart from "fainted".
_UNSTEMMED = frozenset({"fits", "fitting", "fitted", "fitness", "seized", "fainted",
                        "fainting", "faints"})
# One spelling for each negated auxiliary, so terms and triggers list only one:
# "Mum doesn't know what day it is" reads like "I don't know what day it is".
_SPELLING = {
    "cannot": "cant", "couldnt": "cant",
    "doesnt": "dont", "didnt": "dont",
    "hasnt": "havent", "hadnt": "havent",
    "arent": "isnt", "wasnt": "isnt", "werent": "isnt", "aint": "isnt",
    "↑": "up", "↓": "down",
}


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the input, with where it stands in the original text.

    `opener` is what began the token's clause: "" at the start, a punctuation
    mark ("," "/" "." …) or a joining word ("and", "but").
    """

    norm: str
    stem: str
    start: int
    end: int
    clause: int
    phrase: int  # ends only at punctuation; terms never cross it
    sentence: int  # ends only at a full stop, semicolon or new line
    opener: str
    raw: str
    joined: bool = False  # two words said as one ("sea shores"), see engine._prepare


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def fold(word: str) -> str:
    """Normalise a word (desktop/content/text.py) and drop inner apostrophes and hyphens."""
    folded = _INNER_MARKS.sub("", normalize_input(word))
    return _SPELLING.get(folded, folded)


def _spoken(norm: str, after: str) -> str:
    """A word as written in speech, in full: "splittin'" is "splitting", and
    "coma-like" is "coma"."""
    if norm.endswith("in") and after and after in _APOSTROPHES:
        return norm + "g"
    if norm.endswith("like") and len(norm) > len("like") + 2:
        return norm.removesuffix("like")
    return norm


@lru_cache(maxsize=65_536)
def stem(norm: str) -> str:
    return norm if norm in _UNSTEMMED else _stemmer().stemWord(norm)


def tokenize(text: str) -> list[Token]:
    """All words of `text`, each tagged with its clause, phrase and sentence.

    A clause ends at punctuation such as a comma or full stop, and at a joining
    word such as "and" or "but" (which belongs to the clause it opens). Words are
    found in the normalised text, so a soft hyphen or zero-width space inside a word
    does not split it; each token's span is in `text` as given.
    """
    normal, origins = normalize_with_offsets(text)
    tokens: list[Token] = []
    clause = phrase = sentence = 0
    opener = ""
    previous_end = 0
    for found in _WORD.finditer(normal):
        norm = _spoken(fold(found.group()), normal[found.end():found.end() + 1])
        gap = normal[previous_end:found.start()]
        mark = _PHRASE_BREAK.search(gap)
        if tokens and (mark or norm in SEPARATORS):
            clause += 1
            opener = norm if norm in SEPARATORS else mark.group()  # type: ignore[union-attr]
        if tokens and mark:
            phrase += 1
            sentence += _SENTENCE_BREAK.search(gap) is not None
        start, end = origins[found.start()][0], origins[found.end() - 1][1]
        tokens.append(Token(norm, stem(norm), start, end, clause, phrase, sentence, opener,
                            text[start:end]))
        previous_end = found.end()
    return tokens


def ascii_number(word: str) -> int | None:
    """The value of a word of ASCII digits; digits of other scripts ("\u0665") are
    letters here, so a count or a dose is never read from them."""
    return int(word) if word.isascii() and word.isdigit() else None


def term_key(term: str) -> tuple[str, ...]:
    """The stems that a lexicon term is matched by, transparent words left out."""
    return tuple(token.stem for token in tokenize(term) if token.norm not in TRANSPARENT)
