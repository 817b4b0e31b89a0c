"""Sorting what a caller reports into the guide's tiers.

The rule that matters most: a symptom is never rated less urgent than the
guide rates it. Matching leans towards finding a symptom, negation only counts
when it is plain ("no chest pain"), and anything unmatched is reported, not
dropped.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.content.models import SideEffect
from desktop.content.schema import NONE, UNLISTED, urgency
from desktop.triage.lexicon import Lexicon
from desktop.triage.text import SEPARATORS, TRANSPARENT, Token, tokenize

NEGATIONS = frozenset(
    {"no", "not", "never", "without", "deny", "denies", "denied", "denying", "none", "nor",
     "neither", "dont", "doesnt", "didnt", "havent", "hasnt", "hadnt", "isnt", "arent",
     "wasnt", "werent", "wont", "aint"}
)
# Negation words that do not deny what follows: "no longer able to see".
_NOT_A_DENIAL = frozenset(
    {"longer", "sure", "only", "just", "idea", "know", "knowing", "matter", "better",
     "improving", "improved", "stop", "stopped", "stopping", "gone", "go", "easing",
     "eased", "certain", "doubt", "mind", "less", "worse"}
)
# Words that point back at a denied symptom from a later clause: "never had seizures
# before but had one today". The symptom then counts.
_POINTING_BACK = frozenset({"one", "it", "another", "them", "again", "more"})
# How far a denial reaches, in words, within its clause.
NEGATION_REACH = 5
# Words that carry no complaint of their own, so a clause of only these is not unlisted.
_FILLER = frozenset(
    """i me im ive id my mine myself you your he she his her hers it its they them their we us
    our a an the this that these those is are am was were be been being have has had having do
    does did doing feel feels feeling felt get gets got getting keep keeps kept started start
    starting since for from to of in on at by about as just really very so quite bit little lot
    lots kind sort some any all also still again now today tonight yesterday last night morning
    evening afternoon week weeks day days month months hour hours ago recently lately sometimes
    often always then when while after before taking took take baclofen tablet tablets pill
    pills medicine medication dose hi hello hey um uhm er well ok okay yes please thanks thank
    think thought maybe perhaps like slightly mild bad badly pretty too and or but plus with
    fine good better alright right normal one another more
    """.split()  # noqa: SIM905 - a word list reads best as prose
)


@dataclass(frozen=True, slots=True)
class SymptomMatch:
    text: str
    effect: SideEffect

    def to_json(self) -> dict[str, str]:
        return {
            "text": self.text,
            "symptom": self.effect.name,
            "tier": self.effect.tier,
            "frequency": self.effect.frequency,
            "advice": self.effect.advice,
            "source": self.effect.source,
        }


@dataclass(frozen=True, slots=True)
class TriageResult:
    input: str
    overall: str
    symptoms: tuple[SymptomMatch, ...]
    negated: tuple[str, ...]
    unlisted: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "input": self.input,
            "overall": self.overall,
            "symptoms": [match.to_json() for match in self.symptoms],
            "negated": list(self.negated),
            "unlisted": list(self.unlisted),
        }


@dataclass(frozen=True, slots=True)
class _Found:
    symptom: str
    first: int  # token indexes, inclusive
    last: int


class Triage:
    """A triage engine over one drug's listed side effects."""

    def __init__(self, side_effects: Iterable[SideEffect]) -> None:
        self.effects = {effect.name: effect for effect in side_effects}
        self.lexicon = Lexicon(
            ((term, effect.name)
             for effect in self.effects.values()
             for term in (effect.name, *effect.terms)),
            [(effect.name, pair) for effect in self.effects.values() for pair in effect.pairs],
        )

    def assess(self, text: str) -> TriageResult:
        """Triage free text holding one or many complaints."""
        tokens = tokenize(text)
        found = self._find(tokens)
        inside = _covered(found)
        negated = {f for f in found
                   if _is_denied(tokens, f, inside) and not _taken_back(tokens, f)}
        affirmed = [f for f in found if f not in negated]
        matches = [
            SymptomMatch(text[tokens[f.first].start:tokens[f.last].end], self.effects[f.symptom])
            for f in affirmed
        ]
        denied = {f.symptom for f in negated} - {f.symptom for f in affirmed}
        unlisted = _unlisted_clauses(text, tokens, found)
        return self._result(text, matches, sorted(denied), unlisted)

    def assess_symptoms(self, names: Iterable[str]) -> TriageResult:
        """Triage symptoms picked from a list; a name not listed is reported as unlisted."""
        names = [name.strip() for name in names if name.strip()]
        by_folded = {name.casefold(): effect for name, effect in self.effects.items()}
        matches = [SymptomMatch(n, by_folded[n.casefold()]) for n in names
                   if n.casefold() in by_folded]
        unlisted = [n for n in names if n.casefold() not in by_folded]
        return self._result(", ".join(names), matches, [], unlisted)

    def assess_all(self, texts: Iterable[str], picked: Iterable[str] = ()) -> TriageResult:
        """Triage complaints entered one by one, plus symptoms picked from the list.

        Each text is its own clause, so a denial in one never reaches another.
        """
        text = self.assess("\n".join(t for t in texts if t.strip()))
        chosen = self.assess_symptoms(picked)
        negated = sorted(set(text.negated) - {m.effect.name for m in chosen.symptoms})
        return self._result(
            text.input, [*chosen.symptoms, *text.symptoms], negated,
            [*chosen.unlisted, *text.unlisted],
        )

    def _result(
        self, text: str, matches: list[SymptomMatch], negated: list[str], unlisted: list[str]
    ) -> TriageResult:
        unique = list({m.effect.name: m for m in reversed(matches)}.values())[::-1]
        ordered = sorted(unique, key=lambda m: -urgency(m.effect.tier))
        overall = ordered[0].effect.tier if ordered else UNLISTED if unlisted else NONE
        return TriageResult(text, overall, tuple(ordered), tuple(negated), tuple(unlisted))

    def _find(self, tokens: list[Token]) -> list[_Found]:
        """Longest lexicon terms, left to right, skipping transparent words."""
        words = [i for i, token in enumerate(tokens) if token.norm not in TRANSPARENT]
        stems = [self.lexicon.stem_for(tokens[i].norm, tokens[i].stem) for i in words]
        found = []
        position = 0
        while position < len(words):
            for length in range(min(self.lexicon.longest, len(words) - position), 0, -1):
                symptom = self.lexicon.by_key.get(tuple(stems[position:position + length]))
                first, last = tokens[words[position]], tokens[words[position + length - 1]]
                if symptom and first.sentence == last.sentence:
                    found.append(_Found(symptom, words[position], words[position + length - 1]))
                    position += length
                    break
            else:
                position += 1
        return found + self._find_pairs(tokens, words, stems, found)

    def _find_pairs(self, tokens: list[Token], words: list[int], stems: list[str],
                    found: list[_Found]) -> list[_Found]:
        """Symptoms told in words the terms do not list: a clause holding one word
        of a pair's `about` and one of its `trouble` ("my breathing feels funny")."""
        taken = _covered(found)
        named = {(tokens[f.first].clause, f.symptom) for f in found}
        clauses: dict[int, list[tuple[int, str]]] = {}
        for index, stemmed in zip(words, stems, strict=True):
            if index not in taken:
                clauses.setdefault(tokens[index].clause, []).append((index, stemmed))
        extra = []
        for clause, entries in clauses.items():
            for rule in self.lexicon.pair_rules:
                about = [i for i, s in entries if s in rule.about]
                trouble = [i for i, s in entries if s in rule.trouble and i not in about]
                if about and trouble and (clause, rule.symptom) not in named:
                    named.add((clause, rule.symptom))
                    extra.append(_Found(rule.symptom, min(about[0], trouble[0]),
                                        max(about[0], trouble[0])))
        return extra


def _covered(found: list[_Found]) -> set[int]:
    """Indexes of every token inside a found term or pair."""
    return {i for f in found for i in range(f.first, f.last + 1)}


def _is_denied(tokens: list[Token], found: _Found, inside: set[int]) -> bool:
    """Whether a plain denial ("no", "denies", "without") comes shortly before `found`
    in the same clause. Words of a matched term ("not sleeping") deny nothing."""
    clause = tokens[found.first].clause
    for index in range(found.first - 1, max(0, found.first - NEGATION_REACH) - 1, -1):
        token = tokens[index]
        if token.clause != clause:
            return False
        if token.norm in NEGATIONS and index not in inside:
            following = tokens[index + 1].norm if index + 1 < len(tokens) else ""
            return following not in _NOT_A_DENIAL
    return False


def _taken_back(tokens: list[Token], found: _Found) -> bool:
    """Whether a later clause of the same sentence points back at the denied symptom."""
    denied = tokens[found.last]
    return any(
        token.norm in _POINTING_BACK and token.clause != denied.clause
        for token in tokens[found.last + 1:]
        if token.sentence == denied.sentence
    )


def _unlisted_clauses(text: str, tokens: list[Token], found: list[_Found]) -> list[str]:
    """Clauses that name no listed symptom but say something: reported, never dropped."""
    matched_clauses = {tokens[i].clause for f in found for i in range(f.first, f.last + 1)}
    clauses: dict[int, list[Token]] = {}
    for token in tokens:
        if token.clause not in matched_clauses:
            clauses.setdefault(token.clause, []).append(token)
    unlisted = []
    for words in clauses.values():
        if any(t.norm not in _FILLER | NEGATIONS | SEPARATORS for t in words):
            content = [t for t in words if t.norm not in SEPARATORS]
            unlisted.append(text[content[0].start:content[-1].end])
    return unlisted
