"""Overdose by arithmetic: the amount a call says was taken against the amount it
says was prescribed. "His prescription is 5 mg twice a day and he swallowed four of
the 5s" is 20 mg against 5 mg; "two fives instead of one ten" is 10 against 10.

The words are read, not the meaning: an amount is a count, a strength or both, found
after a verb of taking or after a word that states the usual dose. Only a call that
states both is judged, so a call with one amount is left to the other rules.
"""

from dataclasses import dataclass

from desktop.triage.text import Token

# Verbs that start an amount taken: "took three of the 10 mg".
_TAKEN = frozenset({"took", "taken", "swallowed", "had", "given", "gave", "drank", "drunk",
                    "ate", "eaten"})
# Words after which an amount is the dose meant: "label says 10 mg", "instead of one".
_MEANT = frozenset({"prescription", "prescribed", "label", "usual", "usually", "supposed",
                    "should", "meant", "instead", "takes", "normally", "on"})
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "half": 0.5, "both": 2}
# Strengths named as tablets: "four of the 5s", "two fives", "one ten".
_STRENGTH_NOUNS = {"fives": 5, "tens": 10, "twenties": 20, "5s": 5, "10s": 10, "20s": 20,
                   "25s": 25}
_UNITS = {"mg": "mg", "milligrams": "mg", "ml": "ml", "mls": "ml", "millilitres": "ml",
          "milliliters": "ml"}
_UNIT_SUFFIXES = ("mg", "ml")
# What a bare count may count: "took four tablets", "instead of two".
_DOSE_NOUNS = frozenset({"tablets", "tablet", "pills", "pill", "doses", "dose", "ones",
                         "capsules", "spoons", "spoonfuls", "sachets"})
_SKIPPED = frozenset({"of", "the", "his", "her", "my", "their", "x", "lots", "lot"})
_REACH = 6  # words after a verb or cue in which its amount must start


@dataclass(frozen=True)
class Amount:
    count: float
    strength: float | None = None
    unit: str = "mg"

    def exceeds(self, other: "Amount") -> bool:
        """Whether this is more than `other`: in total where both give a strength (in
        one unit, or one left unsaid), else by count (the same tablet is assumed)."""
        if self.strength is not None and other.strength is not None:
            same_unit = self.unit == other.unit or "" in (self.unit, other.unit)
            return same_unit and self.count * self.strength > other.count * other.strength
        if self.strength is None and other.strength is None:
            return self.count > other.count
        return self.strength is not None and self.count > other.count  # "three 10s, not one"


@dataclass(frozen=True)
class _Parsed:
    amount: Amount
    first: int  # the token the amount starts at


def excess_taken(tokens: list[Token]) -> int | None:
    """The index of the first word of an amount taken that exceeds the amount meant,
    when the call states both; None otherwise."""
    taken = _amounts_after(tokens, _TAKEN)
    meant = _amounts_after(tokens, _MEANT)
    if not taken or not meant:
        return None
    largest_meant = max(meant, key=_size)
    over = [p for p in taken if p.amount.exceeds(largest_meant.amount)
            and p.first != largest_meant.first]
    return over[0].first if over else None


def _size(parsed: _Parsed) -> float:
    amount = parsed.amount
    return amount.count * (amount.strength or 1)


def _amounts_after(tokens: list[Token], cues: frozenset[str]) -> list[_Parsed]:
    found = []
    for index, token in enumerate(tokens):
        if token.norm not in cues:
            continue
        for start in range(index + 1, min(index + 1 + _REACH, len(tokens))):
            if tokens[start].sentence != token.sentence:
                break
            parsed = _amount_at(tokens, start)
            if parsed is not None:
                found.append(parsed)
                break
    return found


def _amount_at(tokens: list[Token], start: int) -> _Parsed | None:
    """An amount starting at `start`: "100 mg", "four of the 5s", "three of the 10 mg
    tablets", "two fives", "four tablets", or a bare number: "his usual 20"."""
    strength = _strength(tokens, start)
    if strength:
        return _Parsed(Amount(1, *strength), start)
    count = _count(tokens[start].norm)
    if count is None:
        return None
    rest = start + 1
    while rest < len(tokens) and tokens[rest].norm in _SKIPPED:
        rest += 1
    strength = _strength(tokens, rest) if rest < len(tokens) else None
    if strength:
        return _Parsed(Amount(count, *strength), start)
    following = tokens[start + 1] if start + 1 < len(tokens) else None
    ends = following is None or following.clause != tokens[start].clause
    counted = following is not None and following.norm in _DOSE_NOUNS | {"instead"}
    if counted or (ends and tokens[start].norm not in {"a", "an"}):
        # A bare number of five or more is a strength in an unsaid unit: "usual 20".
        return _Parsed(Amount(1, count, "") if count >= 5 and ends else Amount(count), start)
    return None


def _count(norm: str) -> float | None:
    if norm in _NUMBERS:
        return _NUMBERS[norm]
    return float(norm) if norm.isdigit() else None


def _strength(tokens: list[Token], index: int) -> tuple[float, str] | None:
    """A strength at `index`: "10 mg", "10mg", "5s", "fives", or a number word or
    digits naming a tablet ("one ten")."""
    norm = tokens[index].norm
    if norm in _STRENGTH_NOUNS:
        return float(_STRENGTH_NOUNS[norm]), "mg"
    for suffix in _UNIT_SUFFIXES:
        if norm.endswith(suffix) and norm[:-len(suffix)].isdigit():
            return float(norm[:-len(suffix)]), suffix
    value = _count(norm)
    if value is None or value < 1:
        return None
    following = tokens[index + 1].norm if index + 1 < len(tokens) else ""
    if following in _UNITS:
        return value, _UNITS[following]
    return None
