"""The symptom lexicon: every term callers use, keyed for matching, with typo repair.

Typo repair only touches words that are not English words, so "painting" is
never read as "fainting", while "siezure" is read as "seizure".
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from desktop.content.models import WordPair
from desktop.triage.text import TRANSPARENT, fold, stem, term_key

# Words that make a term mean its opposite when moved: "not sleeping", "no energy".
DENIALS = frozenset({"no", "not", "cant", "never", "without", "dont", "havent", "isnt",
                     "wont", "unabl"})

MIN_TYPO_LENGTH = 5
# A word this often seen in English text is a real word, not a typo.
KNOWN_WORD_FREQUENCY = 20


@cache
def _english_frequencies() -> object:
    # Loading the word list takes ~150 ms, so it waits until a typo needs it.
    from spellchecker import SpellChecker

    return SpellChecker(distance=1).word_frequency


def is_english_word(word: str) -> bool:
    return _english_frequencies()[word] >= KNOWN_WORD_FREQUENCY  # type: ignore[index]


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(fold(word)) for word in words)


def _allowed_edits(word: str) -> int:
    return 1 if len(word) < 7 else 2


@dataclass(frozen=True)
class PairRule:
    """Stems of a word pair: one of `about` and one of `trouble` in a clause."""

    symptom: str
    about: frozenset[str]
    trouble: frozenset[str]


class Lexicon:
    """Term keys (tuples of stems) mapped to canonical symptom names, and word pairs."""

    def __init__(self, terms: Iterable[tuple[str, str]],
                 pairs: Iterable[tuple[str, WordPair]] = ()) -> None:
        self.by_key: dict[tuple[str, ...], str] = {}
        words: set[str] = set()
        for term, symptom in terms:
            key = term_key(term)
            if key:
                self.by_key.setdefault(key, symptom)
                words.update(w for w in map(fold, term.split()) if w not in TRANSPARENT)
        self._add_reversed_terms()
        self.pair_rules = []
        for symptom, pair in pairs:  # read once: `pairs` may be a generator
            self.pair_rules.append(PairRule(symptom, _stems(pair.about), _stems(pair.trouble)))
            words.update(map(fold, (*pair.about, *pair.trouble)))
        self.longest = max((len(key) for key in self.by_key), default=0)
        self.stems = frozenset(stem for key in self.by_key for stem in key) | frozenset(
            stem for rule in self.pair_rules for stem in rule.about | rule.trouble)
        self._vocabulary = sorted(w for w in words if len(w) >= MIN_TYPO_LENGTH - 1)
        self.repair = lru_cache(maxsize=8192)(self._repair)

    def _add_reversed_terms(self) -> None:
        """Two-word terms also match the other way round: "shallow breathing" finds
        "breathing is shallow". Written terms win any clash; denials are not reversed."""
        for key, symptom in list(self.by_key.items()):
            if len(key) == 2 and not set(key) & DENIALS:
                self.by_key.setdefault(key[::-1], symptom)

    def _repair(self, norm: str) -> str | None:
        """The stem of the lexicon word `norm` is a typo of, if it is one."""
        if len(norm) < MIN_TYPO_LENGTH or not norm.isalpha() or is_english_word(norm):
            return None
        best = process.extractOne(
            norm, self._vocabulary, scorer=OSA.distance, score_cutoff=_allowed_edits(norm)
        )
        return stem(best[0]) if best else None

    def stem_for(self, norm: str, stemmed: str) -> str:
        """The stem to match with: the word's own, or the one a typo stands for."""
        if stemmed in self.stems:
            return stemmed
        return self.repair(norm) or stemmed
