"""The triage lexicon: every term callers use, keyed for matching, with repair.

Repair reads what a keyboard or a dictation app did to a word: "siezure" is a
typo of "seizure", "sea shores" and "feinted" sound like "seizures" and
"fainted". A real English word is repaired only where that completes a longer
term ("ringing in the years"), so "painting" is never read as "fainting".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA

from desktop.content.models import WordPair
from desktop.triage.text import TRANSPARENT, fold, stem, term_key

# Words that make a term mean its opposite when moved: "not sleeping", "no energy".
DENIALS = frozenset({"no", "not", "cant", "never", "without", "dont", "havent", "isnt",
                     "wont", "unabl", "doesnt", "didnt", "hasnt", "wasnt", "arent"})
# Stands for any of the drug's own names in terms: "ran out of {drug}".
DRUG = "{drug}"
_DRUG_WORD = "thisdrugsname"
# A count of five or more ("took ten of them"), not a strength ("10 mg").
MANY = "{many}"
# An amount taken above the amount the call says was meant (desktop/triage/doses.py).
EXCESS = "{excess}"
PLACEHOLDERS = frozenset({MANY, EXCESS})
_DRUG_STEM = "\x00drug"

MIN_TYPO_LENGTH = 5
# Shorter words are repaired only where that completes a longer term ("hest pain").
MIN_REPAIR_LENGTH = 4
# A word this often seen in English text is a real word, not a typo.
KNOWN_WORD_FREQUENCY = 300
EVERYDAY_WORD_FREQUENCY = 50_000
# Rarer words than this sound medical to the safety net (see docs/triage.md for the curve).
UNCOMMON_WORD_FREQUENCY = 20_000
_NOT_LETTERS = re.compile(r"[^a-z]")


@cache
def _english_frequencies() -> object:
    # Loading the word list takes ~150 ms, so it waits until a typo needs it.
    from spellchecker import SpellChecker

    return SpellChecker(distance=1).word_frequency


def is_english_word(word: str) -> bool:
    return _english_frequencies()[word] >= KNOWN_WORD_FREQUENCY  # type: ignore[index]


def is_uncommon_word(word: str) -> bool:
    """Words seldom seen in everyday English: most medical words, misspellings and
    names. The safety net asks about a clause that holds one."""
    frequency = _english_frequencies()[word]  # type: ignore[index]
    return len(word) >= MIN_REPAIR_LENGTH and frequency < UNCOMMON_WORD_FREQUENCY


def is_everyday_word(word: str) -> bool:
    """Words so common that two of them side by side are a phrase, not one word
    misheard: "see well" is not "swallow"."""
    return _english_frequencies()[word] >= EVERYDAY_WORD_FREQUENCY  # type: ignore[index]


def sound_key(word: str) -> str:
    """How a word sounds, loosely: "years" and "ears", "sea shores" and "seizures"
    share one. Leading vowels and glides are dropped because dictation adds and
    loses them."""
    key = jellyfish.metaphone(_NOT_LETTERS.sub("", word)).replace("X", "S").replace("0", "T")
    return key.lstrip("AEIOUYHW") or key


def _distinct(key: str) -> bool:
    """Whether a sound key says enough to match on: "eyes" and "wees" share "S"."""
    return len(key) >= 2


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_DRUG_STEM if word == DRUG else word if word in PLACEHOLDERS
                     else stem(fold(word)) for word in words)


def _allowed_edits(word: str) -> int:
    """Edits a typo may hold: two only in long words."""
    return 1 if len(word) < 10 else 2


@dataclass(frozen=True)
class PairRule:
    """Stems of a word pair: one of `about` and one of `trouble` in a clause."""

    target: str
    about: frozenset[str]
    trouble: frozenset[str]


@dataclass(frozen=True)
class Repair:
    """A lexicon word an input word may stand for."""

    stem: str
    free: bool  # stands on its own; otherwise only where it completes a longer term


class Lexicon:
    """Term keys (tuples of stems) mapped to target ids, word pairs and shorthand."""

    def __init__(self, terms: Iterable[tuple[str, str]],
                 pairs: Iterable[tuple[str, WordPair]] = (),
                 shorthand: Iterable[tuple[str, str]] = (),
                 drug_names: Iterable[str] = ()) -> None:
        self.drug_names = frozenset(fold(w) for name in drug_names for w in name.split())
        self.by_key: dict[tuple[str, ...], str] = {}
        words: set[str] = set()
        for term, target in terms:
            key = self.key(term)
            if key:
                self.by_key.setdefault(key, target)
                words.update(w for w in map(fold, term.split())
                             if w not in TRANSPARENT and w.isalpha())
        self._add_reversed_terms()
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(self.by_key, key=len, reverse=True):
            self.by_first.setdefault(key[0], []).append(key)
        self.pair_rules = []
        for target, pair in pairs:  # read once: `pairs` may be a generator
            self.pair_rules.append(PairRule(target, _stems(pair.about), _stems(pair.trouble)))
            words.update(map(fold, (*pair.about, *pair.trouble)))
        self.shorthand = {}
        for text, target in shorthand:
            self.shorthand.setdefault(text, target)
            self.shorthand.setdefault(text.upper(), target)
        self.stems = frozenset(s for key in self.by_key for s in key) | frozenset(
            s for rule in self.pair_rules for s in rule.about | rule.trouble)
        self._vocabulary = sorted(w for w in words if len(w) >= MIN_REPAIR_LENGTH - 1)
        self._by_sound: dict[str, list[str]] = {}
        for word in [*self._vocabulary, *sorted(self.drug_names)]:
            if len(word) >= MIN_REPAIR_LENGTH:
                self._by_sound.setdefault(sound_key(word), []).append(word)
        self._stem_pairs = frozenset((a, b) for key in self.by_key for a in key for b in key
                                     if a != b)
        self.repair = lru_cache(maxsize=16384)(self._repair)

    @staticmethod
    def key(term: str) -> tuple[str, ...]:
        placeholder = stem(_DRUG_WORD)
        return tuple(_DRUG_STEM if s == placeholder else s
                     for s in term_key(term.replace(DRUG, _DRUG_WORD)))

    def _add_reversed_terms(self) -> None:
        """Two-word terms also match the other way round: "shallow breathing" finds
        "breathing is shallow". Written terms win any clash; denials are not reversed."""
        for key, target in list(self.by_key.items()):
            if len(key) == 2 and not set(key) & DENIALS:
                self.by_key.setdefault(key[::-1], target)

    def stem_for(self, norm: str, stemmed: str) -> str:
        """The stem to match with: the drug's placeholder for its names, else the word's."""
        return _DRUG_STEM if norm in self.drug_names else stemmed

    def _repair(self, norm: str) -> tuple[Repair, ...]:
        """The lexicon words `norm` may be a typo or a sound-alike of. A word that is not
        English is repaired freely; an English word only where the repair completes a
        longer term, and never into a word it merely extends ("chesty", "chest")."""
        if len(norm) < MIN_REPAIR_LENGTH or not norm.isalpha() or norm in self.drug_names:
            return ()
        english = is_english_word(norm)
        # A lexicon word ("wait", of "waiting for a prescription") is no typo on its own.
        free = not english and not self._known(norm) and len(norm) >= MIN_TYPO_LENGTH
        # An English word is only ever a sound-alike ("pane", "years"): one typed letter
        # away from it is usually another real word ("sleepy", "sleeps").
        typos = [] if english else [word for word, _, _ in process.extract(
            norm, self._vocabulary, scorer=OSA.distance, score_cutoff=_allowed_edits(norm),
            limit=5)]
        key = sound_key(norm)
        sounds = [word for word in self._by_sound.get(key, []) if _distinct(key)
                  and OSA.distance(norm, word) <= max(2, len(norm) // 4)]
        return tuple(dict.fromkeys(
            # Typing rarely gets the first letter wrong, so a free repair keeps it.
            Repair(self._stem_of(word), free and word[0] == norm[0]) for word in typos + sounds
            if not norm.startswith(word) and not word.startswith(norm)))

    def sounds_like(self, first: str, second: str, *, after_onset: bool) -> tuple[str, ...]:
        """The lexicon words and drug names two words said together sound like:
        "sea shores" (seizures), "back lofen" (baclofen). Two everyday words, or two that
        make an English word, are taken as one only after "had a" or the like ("had a
        sea shore"), never in a phrase of their own ("can't see well", "the seashore")."""
        joined = first + second
        everyday = is_everyday_word(first) and is_everyday_word(second)
        if (len(joined) < MIN_TYPO_LENGTH or self._known(joined)
                or ((everyday or is_english_word(joined)) and not after_onset)):
            return ()
        return tuple(self._by_sound.get(sound_key(joined), ()))

    def go_together(self, word: str, neighbour_stem: str) -> bool:
        """Whether a term holds both `word` and the stem next to it."""
        return (self._stem_of(word), neighbour_stem) in self._stem_pairs

    def _known(self, norm: str) -> bool:
        return stem(norm) in self.stems or norm in self.drug_names

    def _stem_of(self, word: str) -> str:
        return _DRUG_STEM if word in self.drug_names else stem(word)
