"""Finding what the guide says about taking another drug with this one.

A query may be a generic name, a brand, a class or a class member, in any case
and with small typos, or a list of them as people paste it ("valium 5mg, oxycodone
10 mg bd"): strengths, dose forms and frequencies are ignored, and a list gives one
answer per drug. No match never means safe; the caller says so.
"""

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from desktop.content.models import Interaction
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
# What a prescription line adds to a drug's name (matched on name keys, lower case):
# strengths, dose forms, routes and frequencies.
_STRENGTH = r"\d+(?: \d+)*(?: ?(?:mg|mcg|micrograms?|ug|g|ml|units?|iu|%))?"
_FORM = (r"tabs?|tablets?|caps?|capsules?|pills?|syrup|liquid|solution|suspension|drops|"
         r"injection|inj|patch(?:es)?|cream|gel|spray|inhaler|puffs?|er|sr|xr|xl|cr|mr|la|"
         r"oral|po|iv|im|sc|prn|od|om|on|bd|bid|tds|tid|qds|qid|qh|q\d+h|mane|nocte|daily|"
         r"nightly|weekly|once|twice|times|a|per|day|night|morning|as|needed|when|required|"
         r"at|bedtime|every|hours?|x")
_PRESCRIPTION_WORDS = re.compile(rf"\b(?:{_STRENGTH}|{_FORM})\b")


@dataclass(frozen=True, slots=True)
class InteractionMatch:
    """`name` is the drug the query resolved to; `drug_class` its listed class;
    `source` the entry's citation ("Lyvispah label (US): 5 Warnings ...")."""

    name: str
    drug_class: str | None
    severity: str
    advice: str
    source: str

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


def split_drugs(query: str) -> list[str]:
    """The drugs of a pasted list, as typed: "valium 5mg, oxycodone" gives two."""
    return [part.strip() for part in _LIST_BREAK.split(query) if bare_name(name_key(part))]


def bare_name(key: str) -> str:
    """A name key without strengths, dose forms and frequencies: "valium 5mg" -> "valium"."""
    return " ".join(_PRESCRIPTION_WORDS.sub(" ", key).split())


class InteractionIndex:
    """Every name an interaction is known by, mapped to what a match reports."""

    def __init__(self, interactions: tuple[Interaction, ...]) -> None:
        self._names: dict[str, list[InteractionMatch]] = {}
        for item in interactions:
            source = item.citation.label
            own = InteractionMatch(item.name, item.drug_class, item.severity, item.advice, source)
            self._add(item.name, own)
            if item.drug_class:
                self._add(item.drug_class, own)
            for member in item.members:
                match = InteractionMatch(member.name, item.drug_class, item.severity, item.advice,
                                         source)
                for name in (member.name, *member.aliases):
                    self._add(name, match)

    def _add(self, name: str, match: InteractionMatch) -> None:
        matches = self._names.setdefault(name_key(name), [])
        if match not in matches:
            matches.append(match)

    def check(self, query: str) -> list[DrugAnswer]:
        """One answer per drug in `query`, in the order typed."""
        return [DrugAnswer(text, tuple(self.lookup(text))) for text in split_drugs(query)]

    def lookup(self, name: str) -> list[InteractionMatch]:
        """Matches for one drug `name`, most severe first; empty when nothing is listed.

        The name as typed is tried first, so a brand's own number counts ("Tylenol #3");
        then without strengths, dose forms and frequencies ("Valium 5mg").
        """
        key = name_key(name)
        if key not in self._names:
            key = bare_name(key) or key
        if not key:
            return []
        keys = [key] if key in self._names else self._near(key)
        found = list(dict.fromkeys(m for k in keys for m in self._names[k]))
        return sorted(found, key=lambda m: SEVERITIES.index(m.severity))

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
