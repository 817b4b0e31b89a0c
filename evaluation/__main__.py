"""Run the triage evaluation corpus: `python -m evaluation` (`make eval`).

Prints every miss, then one JSON object as the last line. The corpus was written
from the symptom list, the tiers and the danger signs alone, by writers who never
saw the lexicon. The `tune*.jsonl` files are used to find what to fix; `fresh*.jsonl`
are never used to tune anything, and its figures are reported apart under "fresh" so
that they mean something.
"""

import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.content.database import ContentDatabase
from desktop.content.schema import NONE, TIERS, UNLISTED, urgency
from desktop.paths import DEFAULT_DATABASE
from desktop.triage.engine import Triage, TriageResult

CORPUS = Path(__file__).resolve().parent / "corpus"
FRESH = sorted(CORPUS.glob("fresh*.jsonl"))  # never tuned on
TUNE = sorted(CORPUS.glob("tune*.jsonl"))  # written in rounds, each by a new writer
ANSWERS = (*TIERS, UNLISTED, NONE)


@dataclass(frozen=True)
class Case:
    text: str
    expect: str
    denied: tuple[str, ...]
    kind: str
    slice: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    result: TriageResult

    @property
    def exact(self) -> bool:
        return self.result.overall == self.case.expect

    @property
    def under(self) -> bool:
        return self.case.expect in TIERS and urgency(self.result.overall) < urgency(
            self.case.expect)

    @property
    def false_tier(self) -> bool:
        """A decoy read MORE urgently than its answer (some decoys expect `common`)."""
        return self.case.kind == "decoy" and urgency(self.result.overall) > urgency(
            self.case.expect)

    @property
    def silent_under(self) -> bool:
        return self.under and not self.result.uncertain

    @property
    def negation_right(self) -> bool:
        counted = {m.effect.name for m in self.result.symptoms}
        return self.exact and set(self.case.denied) <= set(self.result.negated) and not (
            set(self.case.denied) & counted)


def load(path: Path) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["expect"] not in ANSWERS:
            raise ValueError(f"{path.name}:{number}: unknown answer {row['expect']!r}")
        cases.append(Case(row["text"], row["expect"], tuple(row.get("denied", ())),
                          row.get("kind", ""), path.stem))
    return cases


def figures(outcomes: Iterable[Outcome]) -> dict[str, object]:
    """The agreed figures for one set of outcomes."""
    outcomes = list(outcomes)
    emergencies = [o for o in outcomes if o.case.expect == "emergency"]
    decoys = [o for o in outcomes if o.case.kind == "decoy"]
    negations = [o for o in outcomes if o.case.kind == "negation" or o.case.denied]
    under = Counter(o.case.expect for o in outcomes if o.under)
    right = [o for o in outcomes if o.exact]
    return {
        "cases": len(outcomes),
        "exact": _share(sum(o.exact for o in outcomes), len(outcomes)),
        "under_triage": {tier: under.get(tier, 0) for tier in TIERS},
        "emergency_recall": _share(sum(o.result.overall == "emergency" for o in emergencies),
                                   len(emergencies)),
        "false_tier_on_decoys": _share(sum(o.false_tier for o in decoys), len(decoys)),
        "negation_accuracy": _share(sum(o.negation_right for o in negations), len(negations)),
        "silent_under_triage": sum(o.silent_under for o in outcomes),
        "uncertain_on_right": _share(sum(o.result.uncertain for o in right), len(right)),
    }


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 1.0


def evaluate(triage: Triage, cases: Iterable[Case]) -> list[Outcome]:
    return [Outcome(case, triage.assess(case.text)) for case in cases]


def report(outcomes: list[Outcome]) -> dict[str, object]:
    """Figures for the whole corpus, with the fresh slice again under "fresh"."""
    return {**figures(outcomes),
            "fresh": figures(o for o in outcomes if o.case.slice.startswith("fresh"))}


def _miss_line(outcome: Outcome) -> str:
    flags = ("SILENT UNDER " if outcome.silent_under else "UNDER " if outcome.under
             else "FALSE " if outcome.false_tier else "")
    return (f"{flags}[{outcome.case.slice}/{outcome.case.kind}] expected "
            f"{outcome.case.expect}, got {outcome.result.overall}: {outcome.case.text!r}")


def main() -> int:
    with ContentDatabase(DEFAULT_DATABASE) as db:
        triage = Triage(db.monograph(db.drug_id(None)).triage)
        outcomes = evaluate(triage, [case for path in [*TUNE, *FRESH] for case in load(path)])
    for outcome in outcomes:
        if not outcome.exact or (not outcome.negation_right and outcome.case.denied):
            print(_miss_line(outcome))
    print(json.dumps(report(outcomes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
