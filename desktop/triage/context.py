"""ConText for callers: which words deny, hedge or date a finding, and how far.

After Chapman et al. (NegEx, 2001) and Harkema et al. (ConText, 2009): every
trigger is content with a category and a direction, and one small engine
reads them. A trigger reaches a few words, stops at a terminator ("but") or
at the end of a sentence, and runs along a list of findings ("no fever or
chills"). Every choice here errs towards counting a finding: a wrong denial
is the worst mistake a checker can make.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from desktop.content.models import ContextTrigger
from desktop.triage.text import TRANSPARENT, Token, fold

NEGATED, NORMAL, HEDGE, HISTORY = "negated", "normal", "hedge", "history"
RECENT, PSEUDO, TERMINATE = "recent", "pseudo", "terminate"
CATEGORIES = (NEGATED, NORMAL, HEDGE, HISTORY, RECENT, PSEUDO, TERMINATE)
FORWARD, BACKWARD, BOTH = "forward", "backward", "both"
DIRECTIONS = (FORWARD, BACKWARD, BOTH)

# How many free words a trigger reaches before the first finding it governs.
REACH = {NEGATED: 5, HEDGE: 5, HISTORY: 6, NORMAL: 3}
# Words that may stand in a list without ending it: "no fever or chills".
_LIST_WORDS = frozenset({"or", "nor", "any", "signs", "sign", "symptoms", "episodes", "further",
                         "new", "of", "a", "an", "c/o", "complaints", "evidence"})
# Marks that join the items of a list a list trigger ("denies") runs along. A plain
# "no" stops at them, so "no chest pain, dizzy" still counts the dizziness.
_LIST_OPENERS = frozenset({",", "/", ":", "and"})
# Words that start a new statement, which no list runs into: "denies CP, he has SOB".
_SUBJECTS = frozenset({"i", "im", "ive", "he", "hes", "she", "shes", "they", "theyre", "we",
                       "pt", "patient", "reports", "has", "had", "got", "says"})
YEAR, DECADE = "{year}", "{decade}"
_YEAR = re.compile(r"(19|20)\d\d")
_DECADE = re.compile(r"(19|20)?\d0s")
# Words that point back at a finding from a later clause, which then counts:
# "never had seizures before but had one today". Not "it": "not vomiting, but my
# urine's got blood in it" takes nothing back.
_POINTING_BACK = frozenset({"one", "another", "again"})
# Words of a later sentence that can point back at a past finding: "it's back again".
_POINTING_AT_PAST = frozenset({"it", "its", "they", "them", "theyre", "those", "that", "thats"})


@dataclass(frozen=True, slots=True)
class TriggerHit:
    trigger: ContextTrigger
    first: int  # token indexes, inclusive
    last: int

    @property
    def category(self) -> str:
        return self.trigger.category


@dataclass(frozen=True, slots=True)
class Span:
    """Where a finding stands in the tokens (indexes, inclusive)."""

    first: int
    last: int


class Triggers:
    """The trigger phrases, keyed by their folded words, longest matched first."""

    def __init__(self, triggers: Iterable[ContextTrigger]) -> None:
        self.by_words: dict[tuple[str, ...], ContextTrigger] = {}
        for trigger in triggers:
            self.by_words.setdefault(tuple(map(fold, trigger.phrase.split())), trigger)
        self._lengths: dict[str, list[int]] = {}
        for words in sorted(self.by_words, key=len, reverse=True):
            self._lengths.setdefault(words[0], []).append(len(words))
        self.words = frozenset(w for words in self.by_words for w in words)
        self.single = frozenset(words[0] for words in self.by_words if len(words) == 1)

    def find(self, tokens: Sequence[Token], blocked: set[int]) -> list[TriggerHit]:
        """Trigger phrases left to right. Words of a found term trigger nothing:
        "won't wake up" is a sign, not a denial. A year reads as {year}: "in 2012"."""
        hits = []
        norms = [_placeholder(token.norm) for token in tokens]
        position = 0
        while position < len(tokens):
            for length in self._lengths.get(norms[position], ()):
                if position + length > len(tokens):
                    continue
                span = range(position, position + length)
                words = tuple(norms[i] for i in span)
                trigger = self.by_words.get(words)
                if trigger and not blocked.intersection(span) and _one_phrase(tokens, span):
                    hits.append(TriggerHit(trigger, position, position + length - 1))
                    position += length
                    break
            else:
                position += 1
        return [hit for hit in hits if hit.category != PSEUDO]


def _placeholder(norm: str) -> str:
    """Years and decades as trigger words: "in 2012", "in the 90s"."""
    if _YEAR.fullmatch(norm):
        return YEAR
    if _DECADE.fullmatch(norm):
        return DECADE
    return norm


def _one_phrase(tokens: Sequence[Token], span: range) -> bool:
    return tokens[span[0]].phrase == tokens[span[-1]].phrase


class Scopes:
    """Which trigger hits reach which words, in one linear pass over the tokens.

    Counts of free words, clause breaks and findings are kept as running totals, so
    whether a hit reaches a finding costs the same wherever they stand, and each
    finding is checked only against the few hits close enough by free words. A whole
    letter pasted in one sentence stays linear (docs/triage.md, "Limits").
    """

    def __init__(self, tokens: Sequence[Token], inside: set[int]) -> None:
        self.tokens = tokens
        self.inside = inside
        breaks = [i > 0 and token.clause != tokens[i - 1].clause
                  for i, token in enumerate(tokens)]
        self._free = _running(i not in inside and not _is_list_word(token)
                              for i, token in enumerate(tokens))
        self._findings = _running(i in inside for i in range(len(tokens)))
        self._breaks = _running(breaks)
        self._list_breaks = _running(b and not _opens_list_item(i, tokens, inside)
                                     for i, b in enumerate(breaks))
        self._pointing_back = _running(token.norm in _POINTING_BACK for token in tokens)
        self._clauses = [token.clause for token in tokens]
        self._sentences = [token.sentence for token in tokens]

    def stops(self, hits: Iterable[TriggerHit]) -> list[int]:
        """Running counts of where `hits` start, for `governs`."""
        starts = {hit.first for hit in hits}
        return _running(i in starts for i in range(len(self.tokens)))

    def governs(self, hit: TriggerHit, target: Span, stops: list[int]) -> bool:
        """Whether `hit` reaches `target`: same sentence, within reach, no stop between,
        and across clauses only along a list of findings."""
        direction = hit.trigger.direction
        if hit.last < target.first and direction in (FORWARD, BOTH):
            start, end = hit.last + 1, target.first  # the words between: [start, end)
        elif hit.first > target.last and direction in (BACKWARD, BOTH):
            start, end = target.last + 1, hit.first
        else:
            return False
        if self.tokens[hit.first].sentence != self.tokens[target.first].sentence:
            return False
        if _count(stops, start, end) or _count(self._free, start, end) > _reach(hit):
            return False
        if not hit.trigger.list_scope and self._past_a_finding(start, end):
            return False
        # Only a list trigger crosses clause breaks, each opening a list item that
        # starts with a finding: "denies CP/SOB, N/V". History reaches across the whole
        # sentence: "had fits years ago and blackouts". Breaks count up to the far word.
        breaks = self._list_breaks if hit.trigger.list_scope else self._breaks
        return hit.category == HISTORY or not _count(breaks, start, end + 1)

    def _past_a_finding(self, start: int, end: int) -> bool:
        """Whether a free word follows another finding on the way: "no chest pain just
        feel sick" denies the chest pain only. Only a list runs on from one finding to
        the next."""
        if not _count(self._findings, start, end):
            return False
        first_finding = bisect_right(self._findings, self._findings[start]) - 1
        return _count(self._free, first_finding + 1, end) > 0

    def within_reach(self, hit: TriggerHit) -> tuple[int, int]:
        """The first and last token a hit may reach by its count of free words: a
        bound, which `governs` narrows."""
        free, reach = self._free, _reach(hit)
        first = bisect_left(free, free[hit.first] - reach) - 1
        last = bisect_right(free, free[hit.last + 1] + reach) - 1
        return max(first, 0), min(last, len(self.tokens) - 1)

    def taken_back(self, target: Span) -> bool:
        """Whether a later clause of the same sentence points back at the finding."""
        last = self.tokens[target.last]
        later_clauses = bisect_right(self._clauses, last.clause)
        sentence_end = bisect_right(self._sentences, last.sentence)
        return bool(_count(self._pointing_back, later_clauses, sentence_end))


class Nearby:
    """The hits of one category, each with the tokens it may reach. Hits never overlap,
    so both ends of their reach rise from left to right, and the hits near a finding
    stand together: a finding is checked against those few, not against them all."""

    def __init__(self, scopes: Scopes, hits: Iterable[TriggerHit], category: str) -> None:
        self.scopes = scopes
        self.hits = [hit for hit in hits if hit.category == category]
        reaches = [scopes.within_reach(hit) for hit in self.hits]
        self._firsts = [first for first, _ in reaches]
        self._lasts = [last for _, last in reaches]

    def near(self, target: Span) -> list[TriggerHit]:
        """The hits whose reach overlaps `target`, left to right."""
        return self.hits[bisect_left(self._lasts, target.first):
                         bisect_right(self._firsts, target.last)]

    def govern(self, target: Span, stops: list[int]) -> bool:
        return any(self.scopes.governs(hit, target, stops) for hit in self.near(target))


def _running(flags: Iterable[bool]) -> list[int]:
    """Running totals: how many flags are set before each index (and in all, last)."""
    return list(accumulate(map(int, flags), initial=0))


def _count(running: list[int], start: int, end: int) -> int:
    """How many flags are set in [start, end)."""
    return running[end] - running[start] if end > start else 0


def _reach(hit: TriggerHit) -> int:
    return REACH.get(hit.category, 0)


def _opens_list_item(index: int, tokens: Sequence[Token], inside: set[int]) -> bool:
    """Whether the clause break at `index` opens an item a list trigger runs along."""
    return tokens[index].opener in _LIST_OPENERS and (
        _starts_with_finding(index, tokens, inside) or _is_short_item(index, tokens))


def _is_list_word(token: Token) -> bool:
    return token.norm in TRANSPARENT or token.norm in _LIST_WORDS


def _is_short_item(index: int, tokens: Sequence[Token]) -> bool:
    """A list item of one or two words, such as "palpitations" in "denies sweating,
    palpitations or syncope", which the list runs on past."""
    clause = tokens[index].clause
    words = [t for t in tokens[index:index + 4] if t.clause == clause
             and not _is_list_word(t) and t.norm != t.opener]
    return 0 < len(words) <= 2 and not any(t.norm in _SUBJECTS for t in words)


def _starts_with_finding(index: int, tokens: Sequence[Token], inside: set[int]) -> bool:
    """Whether the clause opening at `index` begins with a finding ("and" aside)."""
    clause = tokens[index].clause
    for i in range(index, len(tokens)):
        if tokens[i].clause != clause:
            return False
        if i in inside:
            return True
        if not (_is_list_word(tokens[i]) or tokens[i].norm == tokens[i].opener):
            return False
    return False


def back_again_sentences(tokens: Sequence[Token]) -> frozenset[int]:
    """Sentences that say a past finding is back, by a word pointing at it and "again":
    "used to hear ringing; it's come back again this week". Not "Dizzy again today",
    which is about the dizziness. A finding in the sentence before one of these counts."""
    words: dict[int, set[str]] = {}
    for token in tokens:
        words.setdefault(token.sentence, set()).add(token.norm)
    return frozenset(sentence for sentence, said in words.items()
                     if "again" in said and said & _POINTING_AT_PAST)
