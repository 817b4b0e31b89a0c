"""ConText for callers: which words deny, hedge or date a finding, and how far.

After Chapman et al. (NegEx, 2001) and Harkema et al. (ConText, 2009): every
trigger is content with a category and a direction, and one small engine
reads them. A trigger reaches a few words, stops at a terminator ("but") or
at the end of a sentence, and runs along a list of findings ("no fever or
chills"). Every choice here errs towards counting a finding: a wrong denial
is the worst mistake a checker can make.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def governs(hit: TriggerHit, target: Span, tokens: Sequence[Token], inside: set[int],
            stops: Sequence[TriggerHit]) -> bool:
    """Whether `hit` reaches `target`: same sentence, within reach, no terminator
    between, and across clauses only along a list of findings."""
    direction = hit.trigger.direction
    if hit.last < target.first and direction in (FORWARD, BOTH):
        between = range(hit.last + 1, target.first)
    elif hit.first > target.last and direction in (BACKWARD, BOTH):
        between = range(target.last + 1, hit.first)
    else:
        return False
    if tokens[hit.first].sentence != tokens[target.first].sentence:
        return False
    if any(stop.first in between for stop in stops):
        return False
    free = [i for i in between if i not in inside and not _is_list_word(tokens[i])]
    if len(free) > REACH.get(hit.category, 0):
        return False
    if not hit.trigger.list_scope and _past_a_finding(between, free, inside):
        return False
    return _crosses_only_lists(hit, target, between, tokens, inside)


def _past_a_finding(between: range, free: list[int], inside: set[int]) -> bool:
    """Whether a free word follows another finding on the way: "no chest pain just feel
    sick" denies the chest pain only. Only a list runs on from one finding to the next."""
    first_finding = next((i for i in between if i in inside), None)
    return first_finding is not None and any(i > first_finding for i in free)


def _is_list_word(token: Token) -> bool:
    return token.norm in TRANSPARENT or token.norm in _LIST_WORDS


def _crosses_only_lists(hit: TriggerHit, target: Span, between: range,
                        tokens: Sequence[Token], inside: set[int]) -> bool:
    """Only a list trigger crosses clause breaks, and each must open a list item
    that starts with a finding: "denies CP/SOB, N/V". History reaches across the
    whole sentence: "had fits years ago and blackouts"."""
    if hit.category == HISTORY:
        return True
    openers = _LIST_OPENERS if hit.trigger.list_scope else frozenset()
    path = [*between, target.first] if hit.last < target.first else [*between, hit.first]
    for previous, index in zip([hit.last if hit.last < target.first else target.last, *path],
                               path, strict=False):
        if tokens[index].clause == tokens[previous].clause:
            continue
        if tokens[index].opener not in openers or not (
                _starts_with_finding(index, tokens, inside) or _is_short_item(index, tokens)):
            return False
    return True


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


def back_again(tokens: Sequence[Token], target: Span) -> bool:
    """Whether the next sentence says a past finding is back, by a word pointing at it
    and "again": "used to hear ringing; it's come back again this week". Not "Dizzy
    again today", which is about the dizziness."""
    following = tokens[target.last].sentence + 1
    words = {token.norm for token in tokens[target.last + 1:] if token.sentence == following}
    return "again" in words and bool(words & _POINTING_AT_PAST)


def taken_back(tokens: Sequence[Token], target: Span) -> bool:
    """Whether a later clause of the same sentence points back at the finding."""
    last = tokens[target.last]
    return any(
        token.norm in _POINTING_BACK and token.clause != last.clause
        for token in tokens[target.last + 1:]
        if token.sentence == last.sentence
    )
