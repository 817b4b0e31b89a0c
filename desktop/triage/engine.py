"""Sorting what a caller reports into the guide's tiers.

The rule that matters most: nothing is ever rated less urgent than the guide
rates it. Matching leans towards finding a symptom, a denial only counts when
it is plain ("no chest pain"), emergency signs and the drug's danger rules are
checked on every input, and anything unmatched is reported, not dropped.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from desktop.content.models import Finding, Rule, SideEffect, TriageContent
from desktop.content.schema import NONE, TIERS, UNLISTED, urgency
from desktop.triage.context import (
    HEDGE,
    HISTORY,
    NEGATED,
    NORMAL,
    RECENT,
    TERMINATE,
    Nearby,
    Scopes,
    Span,
    TriggerHit,
    Triggers,
    back_again_sentences,
)
from desktop.triage.doses import excess_taken
from desktop.triage.lexicon import DENIALS, EXCESS, MANY, Lexicon, is_uncommon_word
from desktop.triage.limits import check_length
from desktop.triage.questions import Answer, Asked, Questions, raised_and_open
from desktop.triage.text import INNER_FILLER, SEPARATORS, TRANSPARENT, Token, stem, tokenize

# Which targets a pass looks for, and the text a found target covers.
Wanted = Callable[[str], bool]
Reading = tuple[str, bool]  # a stem a word may stand for, and whether it stands alone
Spans = Callable[["_Found"], str]

EMERGENCY = TIERS[0]
_APOSTROPHE = re.compile("['’‘`]")
SIGN, SYMPTOM, CONTEXT, IGNORE = "sign", "symptom", "context", "ignore"
# How many filler words may stand inside one term, and how far apart a word pair
# may stand when it crosses "and" or a comma.
MAX_INNER_FILLER = 2
PAIR_REACH = 5
# Words before a sound-alike of two words that mark it as a complaint:
# "having sea shores", "had a sea sure".
_ONSET = frozenset({"having", "havin", "had", "has", "have", "got", "getting", "another",
                    "started",
                    "more", "some", "bad", "of", "hes", "shes", "im", "ive", "two", "three",
                    "several", "few"})
_ARTICLES = frozenset({"a", "an", "the", "another", "some", "two", "few"})
# Words never read as half of a word said in two ("I feinted" is not one word).
_NEVER_JOINED = SEPARATORS | frozenset(
    {"i", "im", "ive", "id", "is", "am", "are", "was", "were", "be", "been", "he", "hes", "she",
     "shes", "it", "its", "we", "they", "has", "have", "had", "having", "a", "an", "the",
     "to", "of", "or", "not", "no", "so", "very", "really", "this", "that", "on", "at",
     "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "few",
     "day", "days", "week", "weeks", "hour", "hours", "minute", "minutes", "month", "months"})
# Words that deny or clear, across which a word pair never forms.
_CLEARS = DENIALS | frozenset({"fine", "ok", "okay", "normal", "alright", "good", "none",
                               "nil", "denies", "negative"})
# After a denial, words that say something goes on: "it hasn't stopped".
_GOING_ON = frozenset({"stop", "stopped", "slow", "slowing", "eas", "eased", "settl", "better"})
# Number words a caller uses for a count of tablets.
_COUNTS = frozenset({"five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                     "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "dozen"})
# Words before a number that make it a reading or a time: "GCS 8", "RR 6", "at 11".
_MEASURES = frozenset({"gcs", "rr", "sats", "sat", "spo2", "o2", "bp", "hr", "pulse", "temp",
                       "temps", "temperature", "t", "resp", "rate", "score", "bm", "glucose",
                       "at", "of", "by", "until", "till", "past"})
_COPULAS = frozenset({"is", "was", "are", "were", "been", "be", "now", "still"})
# Words before a number that make it a tablet's strength: "one ten", "a twenty".
_STRENGTH_BEFORE = frozenset({"one", "a", "an", "each", "fives", "tens", "twenties"})
# Words after a number that make it a strength or a volume, not a count.
_UNITS = frozenset({"mg", "mcg", "g", "ml", "mls", "milligrams", "micrograms", "kg", "kilos",
                    "lb", "lbs", "pounds", "mins", "minutes", "hours", "hrs", "days", "am",
                    "pm", "percent", "degrees", "years", "weeks", "months", "stone", "oclock"})
# Words that carry no complaint of their own, so a clause of only these is not unlisted.
_FILLER = frozenset(
    """i me im ive id my mine myself you your he she his her hers it its they them their we us
    our a an the this that these those is are am was were be been being have has had having do
    does did doing feel feels feeling felt get gets got getting keep keeps kept started start
    starting since for from to of in on at by about as just really very so quite bit little lot
    lots kind sort some any all also still again now today tonight yesterday last night morning
    evening afternoon week weeks day days month months hour hours ago recently lately sometimes
    often always then when while after before taking took take takes tablet tablets pill pills
    medicine medication meds dose doses mg prescribed hi hello hey um uhm er well ok okay yes
    please thanks thank think thought maybe perhaps like slightly mild bad badly pretty too
    and or but plus with fine good better alright right normal one another more calling ringing
    about husband wife mum mom dad son daughter patient pt c/o complains reports says said
    x mother father partner sister brother carer hes shes theyre thats theres youre weve
    gcs rr sats obs bp hr pulse pt nope yep yeah no nothing else steady usual
    """.split()  # noqa: SIM905 - a word list reads best as prose
)


@dataclass(frozen=True, slots=True)
class SymptomMatch:
    text: str
    effect: SideEffect
    uncertain: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "symptom": self.effect.name,
            "tier": self.effect.tier,
            "frequency": self.effect.frequency,
            "advice": self.effect.advice,
            "source": self.effect.source,
            "uncertain": self.uncertain,
        }


@dataclass(frozen=True, slots=True)
class Alert:
    """An emergency sign, or a drug's danger rule, that the input set off."""

    id: str
    title: str
    tier: str
    advice: str
    source: str
    because: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "tier": self.tier, "advice": self.advice,
                "source": self.source, "because": list(self.because)}


@dataclass(frozen=True, slots=True)
class TriageResult:
    input: str
    overall: str
    symptoms: tuple[SymptomMatch, ...]
    negated: tuple[str, ...]
    unlisted: tuple[str, ...]
    alerts: tuple[Alert, ...] = ()
    history: tuple[str, ...] = ()
    questions: tuple[Asked, ...] = ()
    # The safety net: the result may be too low, and the words it could not account for.
    uncertain: bool = False
    unexplained: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "input": self.input,
            "overall": self.overall,
            "symptoms": [match.to_json() for match in self.symptoms],
            "negated": list(self.negated),
            "unlisted": list(self.unlisted),
            "alerts": [alert.to_json() for alert in self.alerts],
            "history": list(self.history),
            "questions": [asked.to_json() for asked in self.questions],
            "uncertain": self.uncertain,
            "unexplained": list(self.unexplained),
        }


@dataclass(frozen=True, slots=True)
class _Found:
    target: str  # a side effect's name or a finding's key
    first: int  # token indexes, inclusive
    last: int


class _Said(NamedTuple):
    """A target the caller reported, in words or by answering a question."""

    target: str
    text: str
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class _Read:
    """A found target as the context reads it."""

    found: _Found
    negated: bool
    uncertain: bool
    history: bool


class Triage:
    """A triage engine over one drug's side effects, danger findings and rules."""

    def __init__(self, content: TriageContent | Iterable[SideEffect]) -> None:
        if not isinstance(content, TriageContent):
            content = TriageContent(tuple(content))
        self.content = content
        self.effects = {effect.name: effect for effect in content.side_effects}
        self.findings = {finding.key: finding for finding in content.findings}
        self.tiers = {**{n: e.tier for n, e in self.effects.items()},
                      **{k: f.tier for k, f in self.findings.items() if f.tier}}
        self.rules = content.rules
        self.triggers = Triggers(content.triggers)
        items = [*self.effects.values(), *self.findings.values()]
        self.lexicon = Lexicon(
            ((term, _key(item)) for item in items for term in (*_names(item), *item.terms)),
            [(_key(item), pair) for item in items for pair in item.pairs],
            [(text, _key(item)) for item in items for text in item.shorthand],
            content.drug_names,
        )
        self._kind = {key: f.kind for key, f in self.findings.items()}
        self._filler = _FILLER | self.triggers.words | self.lexicon.drug_names
        self.questions = Questions(content.questions)
        # Words that make an unexplained clause sound medical to the safety net: every
        # word of the lexicon. Narrower sets (emergency words only) miss more; see the
        # curve in docs/triage.md.
        self.net_stems = self.lexicon.stems

    def assess(self, text: str, answers: Mapping[str, str] | None = None) -> TriageResult:
        """Triage free text holding one or many complaints, with the answers given to
        the guided questions (question id -> answer id; AnswerError if unknown).
        ComplaintTooLongError past desktop/triage/limits.py's cap."""
        return self._assess(check_length(text), self.questions.answered(answers or {}), set())

    def _assess(self, text: str, answered: Mapping[str, Answer],
                picked: set[str]) -> TriageResult:
        tokens = _read_amounts(tokenize(text))
        found, guarded = self._find(tokens)
        joined = self._join_sound_alikes(tokens, _covered(found) | guarded)
        if joined != tokens:
            tokens, (found, guarded) = joined, self._find(joined)
        hits = self.triggers.find(tokens, _covered(found))
        reads = self._read(text, tokens, found, hits)
        counted = [r for r in reads if not (r.negated or r.history)]
        spans = _spans(text, tokens)
        said = [_Said(r.found.target, spans(r.found), r.uncertain) for r in counted]
        answered_said = [_Said(target, words) for target, words in self.questions.told(answered)]
        said += answered_said
        present = {s.target for s in said}
        matches = [SymptomMatch(s.text, self._effect(s.target), s.uncertain) for s in said
                   if s.target in self.tiers and self._kind.get(s.target) != SIGN]
        alerts = self._signs(said) + self._fired_rules(said)
        used = {t for alert in alerts for t in alert.because}
        implied = self._implied_denials(tokens, found, hits)
        denied = ({r.found.target for r in reads if r.negated} | set(implied)
                  | self.questions.denied(answered)) - present - picked
        history = [spans(r.found) for r in reads if r.history and not r.negated
                   and r.found.target not in present]
        unlisted = self._unlisted(text, tokens, [*found, *implied.values()],
                                  {r.found for r in counted}, used, spans, hits)
        unlisted += [s.text for s in answered_said if s.text not in used
                     and s.target not in self.tiers and self._kind.get(s.target) == SYMPTOM]
        asked = (self.questions.asked(answered, present | picked)
                 if text.strip() or answered or picked else ())
        result = self._result(text, matches, sorted(map(self._name, denied)), unlisted,
                              alerts, history, asked)
        return self._with_net(result, [s for s in said if s.uncertain],
                              raised_and_open(asked, present))

    def _with_net(self, result: TriageResult, hedged: list[_Said],
                  raised: bool) -> TriageResult:
        """The safety net: below an emergency, the result may be too low when a clause
        nothing listed explains sounds medical, or when the call raised a red-flag
        topic left open; at any tier, when a finding of the highest tier was said with
        doubt. It never changes a tier; it tells the user to ask."""
        below = result.overall != EMERGENCY
        unexplained = tuple(clause for clause in result.unlisted
                            if below and self._sounds_medical(clause))
        doubted = any(self.tiers.get(s.target) == EMERGENCY or self._kind.get(s.target) == SIGN
                      for s in hedged)
        return replace(result, uncertain=bool(unexplained) or doubted or (below and raised),
                       unexplained=unexplained)

    def _sounds_medical(self, clause: str) -> bool:
        """Whether a clause holds a word the lexicon knows (a symptom's word left
        unread), or one rare in everyday English (a medical word, a misspelling, a name
        the checker cannot place)."""
        words = [t for t in tokenize(clause) if not self._is_filler(t) and t.norm.isalpha()]
        return any(self.lexicon.stem_for(t.norm, t.stem) in self.net_stems
                   or is_uncommon_word(t.norm) for t in words)

    def assess_symptoms(self, names: Iterable[str]) -> TriageResult:
        """Triage symptoms picked from a list; a name not listed is reported as unlisted."""
        names = [name.strip() for name in names if name.strip()]
        by_folded = {name.casefold(): effect for name, effect in self.effects.items()}
        matches = [SymptomMatch(n, by_folded[n.casefold()]) for n in names
                   if n.casefold() in by_folded]
        unlisted = [n for n in names if n.casefold() not in by_folded]
        return self._result(", ".join(names), matches, [], unlisted, [], [])

    def assess_all(self, texts: Iterable[str], picked: Iterable[str] = (),
                   answers: Mapping[str, str] | None = None) -> TriageResult:
        """Triage complaints entered one by one, plus symptoms picked from the list
        and the answers to the guided questions.

        Each text is its own sentence, so a denial in one never reaches another.
        ComplaintTooLongError when one is over desktop/triage/limits.py's cap.
        """
        chosen = self.assess_symptoms(picked)
        chosen_names = {m.effect.name for m in chosen.symptoms}
        text = self._assess("\n".join(check_length(t) for t in texts if t.strip()),
                            self.questions.answered(answers or {}), chosen_names)
        negated = sorted(set(text.negated) - chosen_names)
        both = self._result(
            text.input, [*chosen.symptoms, *text.symptoms], negated,
            [*chosen.unlisted, *text.unlisted], list(text.alerts), list(text.history),
            text.questions,
        )
        return replace(both, uncertain=text.uncertain, unexplained=text.unexplained)

    def _result(self, text: str, matches: list[SymptomMatch], negated: list[str],
                unlisted: list[str], alerts: list[Alert], history: list[str],
                questions: tuple[Asked, ...] = ()) -> TriageResult:
        unique = list({m.effect.name: m for m in reversed(matches)}.values())[::-1]
        ordered = sorted(unique, key=lambda m: -urgency(m.effect.tier))
        alerts = sorted(alerts, key=lambda a: -urgency(a.tier))
        tiers = [m.effect.tier for m in ordered] + [a.tier for a in alerts]
        overall = (max(tiers, key=urgency) if tiers else UNLISTED if unlisted else NONE)
        return TriageResult(text, overall, tuple(ordered), tuple(negated), tuple(unlisted),
                            tuple(alerts), tuple(dict.fromkeys(history)), questions)

    # Finding what was said

    def _join_sound_alikes(self, tokens: list[Token], taken: set[int]) -> list[Token]:
        """Two words nothing else read, said like one lexicon word, joined into it:
        "sea shores" (seizures), "back lofen" (baclofen), "blood in the your in"."""
        joined: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            word = following and not {index, index + 1} & taken and self._sound_alike(
                tokens, index)
            if word:
                joined.append(replace(token, norm=word, stem=self.lexicon.stem_for(
                    word, stem(word)), end=following.end, raw=f"{token.raw} {following.raw}",
                    joined=True))
                index += 2
            else:
                joined.append(token)
                index += 1
        return joined

    def _sound_alike(self, tokens: list[Token], index: int) -> str | None:
        """The word tokens `index` and `index + 1` sound like together, if one fits:
        alone, or the one that goes with a word beside them."""
        first, second = tokens[index], tokens[index + 1]
        if not _joinable(first, second) or {first.norm, second.norm} & self.triggers.single:
            return None
        words = [w for w in self.lexicon.sounds_like(
            first.norm, second.norm, after_onset=_after_onset(tokens, index))
                 if stem(w) not in {r.stem for r in self.lexicon.repair(second.norm)}]
        if len(words) == 1:
            return words[0]
        neighbours = [t.stem for t in (*tokens[max(0, index - 3):index], *tokens[index + 2:
                                                                               index + 5])]
        fitting = [w for w in words if any(self.lexicon.go_together(w, n) for n in neighbours)]
        return fitting[0] if len(fitting) == 1 else None

    def _find(self, tokens: list[Token]) -> tuple[list[_Found], set[int]]:
        """Guards first, then everything with a tier, then untiered findings and
        contexts, which may share words with what came before but never take them.
        Returns what was found, and the words the guards took."""
        readings = [self._readings(tokens, index) for index in range(len(tokens))]
        # A guard takes words only as they are: "out of breath" is never "out of bread".
        exact = [own[:1] for own in readings]
        guards = self._find_terms(tokens, exact, self._of_kind({IGNORE}), set())
        blocked = _covered(guards)
        tiered = self._find_terms(tokens, readings, self._tiered, blocked)
        tiered += self._find_shorthand(tokens, blocked | _covered(tiered))
        tiered += self._find_pairs(tokens, self._tiered, blocked | _covered(tiered),
                                   across=True)
        # An emergency told in a pair may share words with a milder term: "her arm on
        # one side has gone all weak" is weakness, and a stroke.
        tiered += self._find_pairs(tokens, self._emergency, blocked | _covered(
            f for f in tiered if self._emergency(f.target)), across=True)
        rest = self._of_kind({SYMPTOM, CONTEXT})
        untiered = [f for f in self._find_terms(tokens, readings, rest, blocked)
                    + self._find_pairs(tokens, rest, blocked | _covered(tiered), across=False)
                    if f.target not in self.tiers]
        return sorted(tiered + untiered, key=lambda f: (f.first, f.last)), blocked

    def _tiered(self, target: str) -> bool:
        return target in self.tiers

    def _emergency(self, target: str) -> bool:
        return self.tiers.get(target) == EMERGENCY

    def _of_kind(self, kinds: set[str]) -> Wanted:
        return lambda target: self._kind.get(target) in kinds

    def _find_terms(self, tokens: list[Token], readings: list[list[Reading]], wanted: Wanted,
                    blocked: set[int]) -> list[_Found]:
        """Longest lexicon terms, left to right, skipping transparent words."""
        words = [i for i, token in enumerate(tokens)
                 if token.norm not in TRANSPARENT and i not in blocked]
        # The stems that may follow each word: a term whose second word is not among
        # them is skipped unread, so a word that starts hundreds of terms ("can't")
        # stays cheap.
        ahead = [{stemmed for i in words[p + 1:p + 2 + MAX_INNER_FILLER]
                  for stemmed, _ in readings[i]} for p in range(len(words))]
        found = []
        position = 0
        while position < len(words):
            match = self._longest_at(tokens, readings, words, position, wanted, ahead[position])
            if match:
                found.append(match[0])
                position = match[1]
            else:
                position += 1
        return found

    def _longest_at(self, tokens: list[Token], readings: list[list[Reading]], words: list[int],
                    position: int, wanted: Wanted,
                    ahead: set[str]) -> tuple[_Found, int] | None:
        """The longest term starting at `words[position]`, and where the next word is."""
        for number, (first_stem, freely) in enumerate(readings[words[position]]):
            for key in self.lexicon.by_first.get(first_stem, ()):
                if len(key) > 1 and key[1] not in ahead:
                    continue
                target = self.lexicon.by_key[key]
                if not wanted(target) or (len(key) == 1 and not freely):
                    continue
                end = _match_rest(tokens, readings, words, position + 1, key[1:],
                                  repaired=number > 0 and not freely)
                if end is not None:
                    return _Found(target, words[position], words[end - 1]), end
        return None

    def _readings(self, tokens: list[Token], index: int) -> list[Reading]:
        """Ways to read `tokens[index]`: (stem, stands on its own), its own first. A word
        joined from two ("sea shores") stands alone only after "having" or the like."""
        token = tokens[index]
        alone = not token.joined or _after_onset(tokens, index)
        readings = [(self.lexicon.stem_for(token.norm, token.stem), alone)]
        if not _APOSTROPHE.search(token.raw):  # "they're" is no typo of "teary"
            readings += [(r.stem, r.free) for r in self.lexicon.repair(token.norm)]
        return readings

    def _find_shorthand(self, tokens: list[Token], blocked: set[int]) -> list[_Found]:
        """Clinical abbreviations, matched with their case: "HA" but not "ha"."""
        return [_Found(self.lexicon.shorthand[t.raw], i, i) for i, t in enumerate(tokens)
                if i not in blocked and t.raw in self.lexicon.shorthand]

    def _find_pairs(self, tokens: list[Token], wanted: Wanted, blocked: set[int],
                    across: bool) -> list[_Found]:
        """Targets told in words the terms do not list: one word of a pair's `about`
        and one of its `trouble`, in a clause ("my breathing feels funny") or a
        few words apart across "and" or a comma ("went stiff and started jerking"),
        where `across` allows: contexts stay in one clause, as "takes his tablets, no
        side effects" is no missed dose."""
        stems = {i: self.lexicon.stem_for(t.norm, t.stem) for i, t in enumerate(tokens)
                 if i not in blocked and t.norm not in TRANSPARENT}
        found: list[_Found] = []
        for rule in self.lexicon.pair_rules:
            if not wanted(rule.target):
                continue
            about = [i for i, s in stems.items() if s in rule.about]
            trouble = [i for i, s in stems.items() if s in rule.trouble]
            found += _pairs_for(rule.target, tokens, about, trouble, _covered(found), across)
        return found

    # Reading the context

    def _answered_no(self, text: str, tokens: list[Token], hits: list[TriggerHit]) -> set[int]:
        """Tokens of a question answered with a bare denial: "Muscle aches? None at all."."""
        denials = {i for h in hits if h.category == NEGATED for i in range(h.first, h.last + 1)}
        sentences: dict[int, list[int]] = {}
        for index, token in enumerate(tokens):
            sentences.setdefault(token.sentence, []).append(index)
        answered = set()
        for sentence in _questions(text, tokens):
            reply = sentences.get(sentence + 1, [])
            if reply and all(i in denials or self._is_filler(tokens[i]) for i in reply) and \
                    denials.intersection(reply):
                answered.update(sentences[sentence])
        return answered

    def _read(self, text: str, tokens: list[Token], found: list[_Found],
              hits: list[TriggerHit]) -> list[_Read]:
        scopes = Scopes(tokens, _covered(found))
        terminators = scopes.stops(h for h in hits if h.category == TERMINATE)
        terminators_or_recent = scopes.stops(h for h in hits
                                             if h.category in (TERMINATE, RECENT))
        negations, histories, hedges = (Nearby(scopes, hits, category)
                                        for category in (NEGATED, HISTORY, HEDGE))
        recent_clauses = {tokens[h.first].clause for h in hits if h.category == RECENT}
        back_again = back_again_sentences(tokens)
        answered_no = self._answered_no(text, tokens, hits)
        reads = []
        for item in found:
            span = Span(item.first, item.last)
            negated = negations.govern(span, terminators)
            # Recent timing in the finding's own clause: "had a fit this morning".
            history = (histories.govern(span, terminators_or_recent)
                       and tokens[span.first].clause not in recent_clauses)
            if (negated or history) and scopes.taken_back(span):
                negated = history = False
            history = history and tokens[span.last].sentence + 1 not in back_again
            negated = negated or span.first in answered_no
            uncertain = hedges.govern(span, terminators)
            reads.append(_Read(item, negated, uncertain, history))
        return reads

    def _implied_denials(self, tokens: list[Token], found: list[_Found],
                         hits: list[TriggerHit]) -> dict[str, _Found]:
        """Targets a caller rules out by calling a body part or function normal:
        "breathing's fine", "she's sleeping fine". Only the words within each hit's
        reach are tried; where several deny one target, the last (by hit, rule, word)
        is kept."""
        scopes = Scopes(tokens, _covered(found))
        no_stops = scopes.stops(())
        about = [i for i, token in enumerate(tokens) if i not in scopes.inside
                 and any(token.stem in rule.about for rule in self.lexicon.pair_rules)]
        denied = {}
        for hit in Nearby(scopes, hits, NORMAL).hits:
            first, last = scopes.within_reach(hit)
            near = about[bisect_left(about, first):bisect_right(about, last)]
            for rule in self.lexicon.pair_rules:
                for i in near:
                    if tokens[i].stem in rule.about and scopes.governs(hit, Span(i, i),
                                                                       no_stops):
                        denied[rule.target] = _Found(rule.target, i, i)
        return denied

    # Alerts

    def _signs(self, said: list[_Said]) -> list[Alert]:
        alerts: dict[str, Alert] = {}
        for told in said:
            finding = self.findings.get(told.target)
            if finding and finding.kind == SIGN:
                words = (*alerts[finding.key].because, told.text) \
                    if finding.key in alerts else (told.text,)
                alerts[finding.key] = Alert(finding.key, f"Emergency sign: {finding.name}",
                                            EMERGENCY, finding.advice, finding.source,
                                            tuple(dict.fromkeys(words)))
        return list(alerts.values())

    def _fired_rules(self, said: list[_Said]) -> list[Alert]:
        words: dict[str, list[str]] = {}
        for told in said:
            words.setdefault(told.target, []).append(told.text)
        fired = [rule for rule in self.rules
                 if all(any(k in words for k in group) for group in rule.needs)]
        return [_alert(rule, words) for rule in fired
                if not any(_covers(other, rule) for other in fired if other is not rule)]

    # Reporting

    def _effect(self, target: str) -> SideEffect:
        """The side effect, or a tiered finding shown as one."""
        if target in self.effects:
            return self.effects[target]
        finding = self.findings[target]
        return SideEffect(finding.name, finding.tier or "", "from the label", finding.advice,
                          finding.citation, finding.terms)

    def _name(self, target: str) -> str:
        return self.findings[target].name if target in self.findings else target

    def _unlisted(self, text: str, tokens: list[Token], found: list[_Found],
                  counted: set[_Found], used: set[str], spans: Spans,
                  hits: list[TriggerHit]) -> list[str]:
        """Clauses that name nothing the guide lists but say something: reported,
        never dropped. An untiered finding no alert used counts as unlisted. Not
        complaints: a denial ("no cough"), a question, or a sentence about the drug
        ("my husband takes baclofen")."""
        matched = {tokens[i].clause for f in found for i in range(f.first, f.last + 1)
                   if f.target in self.tiers or self._kind.get(f.target) == CONTEXT
                   or f not in counted or spans(f) in used}
        scopes = Scopes(tokens, set())
        denials, no_stops = Nearby(scopes, hits, NEGATED), scopes.stops(())
        questions = _questions(text, tokens)
        about_drug = {t.clause for t in tokens if t.norm in self.lexicon.drug_names}
        left_out = matched | about_drug
        clauses: dict[int, list[int]] = {}
        for index, token in enumerate(tokens):
            if token.clause not in left_out and token.sentence not in questions:
                clauses.setdefault(token.clause, []).append(index)
        unlisted = []
        for indexes in clauses.values():
            said = [i for i in indexes if not self._is_filler(tokens[i])]
            if said and not denials.govern(Span(said[0], said[0]), no_stops):
                content = [tokens[i] for i in indexes if tokens[i].norm not in SEPARATORS]
                unlisted.append(text[content[0].start:content[-1].end])
        return unlisted

    def _is_filler(self, token: Token) -> bool:
        return (token.norm in self._filler or token.norm in SEPARATORS or len(token.norm) == 1
                or any(c.isdigit() for c in token.norm))


def _key(item: SideEffect | Finding) -> str:
    return item.name if isinstance(item, SideEffect) else item.key


def _names(item: SideEffect | Finding) -> tuple[str, ...]:
    return (item.name,) if isinstance(item, SideEffect) else ()


def _alert(rule: Rule, said: dict[str, list[str]]) -> Alert:
    because = [text for group in rule.needs for key in group for text in said.get(key, ())]
    return Alert(rule.key, rule.title, rule.tier, rule.advice, rule.source,
                 tuple(dict.fromkeys(because)))


def _match_rest(tokens: list[Token], readings: list[list[Reading]], words: list[int],
                position: int, rest: tuple[str, ...], *, repaired: bool) -> int | None:
    """Where the match of a term's `rest` ends (exclusive, in `words`), or None. Filler
    such as "a bit" may stand between a term's words; repairs are allowed because the
    words around them confirm the term; a typo anywhere, but one real word read as
    another at most ("musle pane", not "wait gain" for "head pain")."""
    phrase = tokens[words[position - 1]].phrase
    skipped = 0
    for wanted in rest:
        while True:
            if position >= len(words) or tokens[words[position]].phrase != phrase:
                return None
            own, *repairs = readings[words[position]]
            free = [stemmed for stemmed, alone in repairs if alone]
            other = [stemmed for stemmed, alone in repairs if not alone]
            if own[0] == wanted or wanted in free or (not repaired and wanted in other):
                repaired = repaired or (own[0] != wanted and wanted not in free)
                position += 1
                break
            if tokens[words[position]].norm not in INNER_FILLER or skipped == MAX_INNER_FILLER:
                return None
            skipped += 1
            position += 1
    return position


def _after_onset(tokens: Sequence[Token], index: int) -> bool:
    """Whether "having", "had a" or the like comes just before `tokens[index]`."""
    before = [t.norm for t in tokens[max(0, index - 2):index]]
    if before and before[-1] in _ARTICLES:
        before.pop()
    return bool(before) and before[-1] in _ONSET


def _joinable(first: Token, second: Token) -> bool:
    return (first.phrase == second.phrase and first.norm.isalpha() and second.norm.isalpha()
            and not {first.norm, second.norm} & _NEVER_JOINED)


def _questions(text: str, tokens: list[Token]) -> set[int]:
    """Sentences that end with a question mark."""
    ends = zip(tokens, [*tokens[1:], None], strict=False)
    return {token.sentence for token, following in ends
            if (following is None or following.sentence != token.sentence)
            and "?" in text[token.end:following.start if following else len(text)]}


def _read_amounts(tokens: list[Token]) -> list[Token]:
    """Counts read as one word, and an amount taken above the amount meant as another:
    "took three of the 10 mg, her label says 10 mg"."""
    tokens = _read_counts(tokens)
    excess = excess_taken(tokens)
    if excess is not None:
        tokens[excess] = replace(tokens[excess], stem=EXCESS)
    return tokens


def _read_counts(tokens: list[Token]) -> list[Token]:
    """Counts of five or more read as one word: "took ten", but not "10 mg", "RR 8" or
    "temp is 38" (the word before a number skips "is" and "was")."""
    read = []
    before: Token | None = None
    for token, following in zip(tokens, [*tokens[1:], None], strict=False):
        read.append(replace(token, stem=MANY) if _is_count(before, token, following) else token)
        if token.norm not in _COPULAS:
            before = token
    return read


def _is_count(before: Token | None, token: Token, following: Token | None) -> bool:
    """A number of five or more that counts things: "took ten", "20 tablets"."""
    number = token.norm in _COUNTS or (token.norm.isdigit() and 5 <= int(token.norm) < 1900)
    return (number and (following is None or following.norm not in _UNITS)
            and (before is None or before.norm not in _MEASURES | _STRENGTH_BEFORE))


def _covers(wider: Rule, rule: Rule) -> bool:
    """Whether `wider` says all `rule` says and more, at least as urgently: withdrawal
    with a danger symptom makes the plain withdrawal risk redundant."""
    return (set(rule.needs) < set(wider.needs)
            and urgency(wider.tier) >= urgency(rule.tier))


def _covered(found: Iterable[_Found]) -> set[int]:
    """Indexes of every token inside a found term or pair."""
    return {i for f in found for i in range(f.first, f.last + 1)}


def _spans(text: str, tokens: list[Token]) -> Spans:
    return lambda f: text[tokens[f.first].start:tokens[f.last].end]


def _pairs_for(target: str, tokens: list[Token], about: list[int], trouble: list[int],
               taken: set[int], across: bool) -> list[_Found]:
    """One found pair per sentence: the closest about and trouble words, in one clause
    or across "and", a comma or a slash within PAIR_REACH words."""
    found = []
    named: set[int] = set()
    for a in about:
        for t in trouble:
            sentence = tokens[a].sentence
            if a == t or a in taken or t in taken or sentence in named:
                continue
            if tokens[t].sentence != sentence:
                continue
            same_clause = tokens[a].clause == tokens[t].clause
            if same_clause or (across and _words_apart(tokens, a, t) <= PAIR_REACH
                               and _joined_by_list(tokens, a, t)
                               and not _denial_between(tokens, a, t)):
                named.add(sentence)
                found.append(_Found(target, min(a, t), max(a, t)))
    return found


def _denial_between(tokens: list[Token], a: int, b: int) -> bool:
    """Whether a denial or an all-clear stands between two words of a pair:
    "eyesight's fine, no blurring" pairs nothing across the comma."""
    low, high = sorted((a, b))
    return any(tokens[i].norm in _CLEARS and tokens[min(i + 1, high)].stem not in _GOING_ON
               for i in range(low, high + 1))


def _words_apart(tokens: list[Token], a: int, b: int) -> int:
    """Words between two tokens, not counting "the", "my", "is" and the like."""
    low, high = sorted((a, b))
    return sum(tokens[i].norm not in TRANSPARENT for i in range(low + 1, high))


def _joined_by_list(tokens: list[Token], a: int, b: int) -> bool:
    """Whether every clause break between two words is "and", a comma or a slash."""
    low, high = sorted((a, b))
    return all(tokens[i].opener in {"and", ",", "/"}
               for i in range(low + 1, high + 1) if tokens[i].clause != tokens[i - 1].clause)
