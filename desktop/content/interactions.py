"""Finding what the guide says about taking another drug with this one.

A query may be a generic name, a brand, a class or a class member, in any case
and with small typos. No match never means safe; the caller says so.
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


def name_key(text: str) -> str:
    return _NOT_NAME.sub(" ", normalize_input(text)).strip()


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

    def lookup(self, query: str) -> list[InteractionMatch]:
        """Matches for `query`, most severe first; empty when nothing is listed."""
        key = name_key(query)
        if not key:
            return []
        keys = [key] if key in self._names else self._near(key)
        found = list(dict.fromkeys(m for k in keys for m in self._names[k]))
        return sorted(found, key=lambda m: SEVERITIES.index(m.severity))

    def _near(self, key: str) -> list[str]:
        if len(key) >= MIN_PREFIX_LENGTH:
            prefixed = [name for name in self._names if name.startswith(key)]
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
