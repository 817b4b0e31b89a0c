"""Finding what the guide says about taking another drug with this one.

A query may be a generic name, a brand, a class or a class member, in any case
and with small typos, or a list of them as people paste it ("valium 5mg, oxycodone
10 mg bd"): strengths, dose forms and frequencies are ignored, and a list gives one
answer per drug. No match never means safe; the caller says so.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from desktop.content.models import CombinedWarning, Interaction
from desktop.content.schema import SEVERITIES
from desktop.content.text import normalize_input

# One typo in five letters at most; shorter queries must be exact or a prefix.
MIN_SIMILARITY = 0.8
MIN_FUZZY_LENGTH = 5
MIN_PREFIX_LENGTH = 4
_NOT_NAME = re.compile(r"[^\w]+")
# Where a pasted list breaks into drugs: commas, semicolons, "and", "+", "&", new
# lines, and "/" unless between numbers ("30/500" is one strength). "with" is not
# one: "Tylenol with Codeine" is one brand.
_LIST_BREAK = re.compile(r"[,;+&\n]|(?<!\d)/|/(?!\d)|\band\b|\bplus\b", re.IGNORECASE)
# A number stuck to a word is two words: "5mg" is "5 mg", "q4h" is "q 4 h".
_DIGITS_APART = re.compile(r"(?<=\d)(?=[^\W\d])|(?<=[^\W\d])(?=\d)")


@dataclass(frozen=True, slots=True)
class InteractionMatch:
    """`name` is the drug the query resolved to; `drug_class` its listed class;
    `source` the entry's citation ("Lyvispah label (US): 5 Warnings ...")."""

    name: str
    drug_class: str | None
    severity: str
    advice: str
    source: str
    cns_depressant: bool = False

    def to_json(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "class": self.drug_class,
            "severity": self.severity,
            "advice": self.advice,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class DrugAnswer:
    """What the guide says about one drug of a query: `text` as typed, and its matches
    (empty when nothing is listed, which never means safe)."""

    text: str
    matches: tuple[InteractionMatch, ...]

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "matches": [m.to_json() for m in self.matches]}


def name_key(text: str) -> str:
    return _NOT_NAME.sub(" ", normalize_input(text)).strip()


def split_drugs(query: str, words: frozenset[str] = frozenset()) -> list[str]:
    """The drugs of a pasted list, as typed: "valium 5mg, oxycodone" gives two."""
    return [part.strip() for part in _LIST_BREAK.split(query)
            if bare_name(name_key(part), words)]


def without_words(key: str, words: frozenset[str]) -> list[str]:
    """The words of a name key less the medicine words (`words`, each a word or a phrase
    of words in name-key form), longest phrase first: "morphine sulfate er 30mg" ->
    ["morphine", "30"]. Numbers stay; unknown words stay."""
    tokens = _DIGITS_APART.sub(" ", key).split()
    longest = max((phrase.count(" ") + 1 for phrase in words), default=0)
    kept: list[str] = []
    at = 0
    while at < len(tokens):
        size = next((n for n in range(min(longest, len(tokens) - at), 0, -1)
                     if " ".join(tokens[at:at + n]) in words), 0)
        if not size:
            kept.append(tokens[at])
        at += size or 1
    return kept


def bare_name(key: str, words: frozenset[str] = frozenset()) -> str:
    """A name key without strengths and medicine words: "valium 5mg" -> "valium"."""
    return " ".join(t for t in without_words(key, words) if not t.isdigit())


class InteractionIndex:
    """Every name an interaction is known by, mapped to what a match reports."""

    def __init__(self, interactions: tuple[Interaction, ...],
                 words: frozenset[str] = frozenset(),
                 combined: CombinedWarning | None = None) -> None:
        """`words` are the medicine words of content (ContentDatabase.medicine_words);
        `combined` the monograph's warning for CNS depressants checked together."""
        self._words = words
        self._combined = combined
        self._names: dict[str, list[InteractionMatch]] = {}
        for item in interactions:
            source = item.citation.label
            own = InteractionMatch(item.name, item.drug_class, item.severity, item.advice, source,
                                   item.cns_depressant)
            self._add(item.name, own)
            if item.drug_class:
                self._add(item.drug_class, own)
            for member in item.members:
                match = InteractionMatch(member.name, item.drug_class, item.severity, item.advice,
                                         source, item.cns_depressant)
                for name in (member.name, *member.aliases):
                    self._add(name, match)
        # Listed names that hold a medicine word ("intrathecal morphine"): such a word
        # is then part of what the name means, so the lookup also reads it as typed.
        self._worded = {name for name in self._names
                        if len(without_words(name, words)) < len(name.split())}

    def _add(self, name: str, match: InteractionMatch) -> None:
        matches = self._names.setdefault(name_key(name), [])
        if match not in matches:
            matches.append(match)

    def check(self, query: str) -> list[DrugAnswer]:
        """One answer per drug in `query`, in the order typed."""
        return [DrugAnswer(text, tuple(self.lookup(text)))
                for text in split_drugs(query, self._words)]

    def combined_warning(self, answers: list[DrugAnswer]) -> CombinedWarning | None:
        """The one combined warning when two or more of the drugs checked are CNS
        depressants; a drug typed twice ("Tylenol #3, codeine") counts once."""
        counted: set[str] = set()
        depressants = 0
        for answer in answers:
            names = {m.name for m in answer.matches if m.cns_depressant}
            depressants += bool(names - counted)
            counted |= names
        return self._combined if depressants >= 2 else None

    def lookup(self, name: str) -> list[InteractionMatch]:
        """Matches for one drug `name`, most severe first; empty when nothing is listed.

        The name as typed is tried first, so a brand's own number counts ("Tylenol #3");
        then without strengths and medicine words ("Valium 5mg", "morphine sulfate ER");
        then every run of its words, so a word the guide does not know never hides an
        ingredient it does ("oxycodone ratiopharm"); then near spellings. A listed name
        that holds a medicine word is found as typed as well as its ingredient:
        "intrathecal morphine" is the pump entry and morphine, "morphine sulfate" only
        morphine.
        """
        key = name_key(name)
        tokens = without_words(key, self._words)
        bare = " ".join(t for t in tokens if not t.isdigit())
        if key in self._names:
            keys = [key, *([bare] if bare in self._names else [])]
        elif not bare:
            return []
        else:
            keys = ([bare] if bare in self._names else self._named_within(tokens)
                    or self._near(bare))
        keys += self._named_within(_DIGITS_APART.sub(" ", key).split(), self._worded)
        found = list(dict.fromkeys(m for k in keys for m in self._names[k]))
        return sorted(found, key=lambda m: SEVERITIES.index(m.severity))

    def _named_within(self, tokens: list[str], among: Collection[str] | None = None) -> list[str]:
        """Listed names (or those of `among`) found as runs of `tokens`, longest runs
        first, none inside another."""
        names = self._names if among is None else among
        found: list[str] = []
        taken: set[int] = set()
        for size in range(len(tokens), 0, -1):
            for at in range(len(tokens) - size + 1):
                span = set(range(at, at + size))
                candidate = " ".join(tokens[at:at + size])
                if candidate in names and not span & taken:
                    found.append(candidate)
                    taken |= span
        return found

    def _near(self, key: str) -> list[str]:
        if len(key) >= MIN_PREFIX_LENGTH:
            # A whole word is not a prefix of a longer brand: plain "Tylenol"
            # (acetaminophen) is not "Tylenol with Codeine".
            prefixed = [name for name in self._names
                        if name.startswith(key) and not name.startswith(f"{key} ")]
            if prefixed:
                return prefixed
        if len(key) < MIN_FUZZY_LENGTH:
            return []
        scored = process.extract(
            key, self._names.keys(), scorer=DamerauLevenshtein.normalized_similarity,
            score_cutoff=MIN_SIMILARITY, limit=None,
        )
        if not scored:
            return []
        best = max(score for _, score, _ in scored)
        return [name for name, score, _ in scored if score == best]
