"""Guided questions: which apply, what each answer tells, and which are still open.

Answers only ever add. An answer that means "present" tells its targets as if the
caller had said them, so rules fire on answers and text together; a denial counts
only for targets nothing reported; "unknown" tells nothing. So no answer can lower
a tier the text gives.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from desktop.content.models import Answer, Question
from desktop.content.schema import UNKNOWN

# (target, what was said): a side effect's name or a finding's key, and the words
# that told it; for an answer, the question followed by the answer.
Told = tuple[str, str]


class AnswerError(ValueError):
    """An answer that names no question, or no answer of its question."""


@dataclass(frozen=True, slots=True)
class Asked:
    """A question as the checker shows it: its answer, if any, whether it is still
    open (it applies, nothing reported settles it, and the answer is missing or
    "unknown"), and whether it is a red flag for this call."""

    question: Question
    answer: Answer | None
    open: bool
    red_flag: bool = False

    def to_json(self) -> dict[str, object]:
        return {"id": self.question.key, "text": self.question.text,
                "answer": self.answer.key if self.answer else None, "open": self.open,
                "red_flag": self.red_flag}


class Questions:
    """One drug's guided questions, in asking order (red flags first)."""

    def __init__(self, questions: Sequence[Question]) -> None:
        self.questions = tuple(questions)
        self._by_key = {question.key: question for question in questions}

    def answered(self, answers: Mapping[str, str]) -> dict[str, Answer]:
        """The answers by question id; any unknown id or answer is an AnswerError."""
        chosen = {}
        for key, given in answers.items():
            question = self._by_key.get(key.strip().casefold())
            if question is None:
                raise AnswerError(f"no question {key!r} (questions: "
                                  f"{', '.join(self._by_key) or 'none'})")
            answer = next((a for a in question.answers
                           if a.key == given.strip().casefold()), None)
            if answer is None:
                raise AnswerError(f"{given!r} is not an answer to {question.key!r} "
                                  f"(answers: {', '.join(a.key for a in question.answers)})")
            chosen[question.key] = answer
        return chosen

    def told(self, answered: Mapping[str, Answer]) -> list[Told]:
        """What the answers report present, each with the question and answer."""
        return [(target, f"{self._by_key[key].text} {answer.label}")
                for key, answer in answered.items() for target in answer.feeds]

    @staticmethod
    def denied(answered: Mapping[str, Answer]) -> set[str]:
        return {target for answer in answered.values() for target in answer.denies}

    def asked(self, answered: Mapping[str, Answer], present: Iterable[str]) -> tuple[Asked, ...]:
        """The questions that apply given what is present, and any answered, in order."""
        present = set(present)
        shown = []
        for question in self.questions:
            answer = answered.get(question.key)
            applies = not question.when or bool(present.intersection(question.when))
            if not (applies or answer):
                continue
            settled = any(present.intersection(a.feeds) for a in question.answers)
            unanswered = answer is None or answer.key == UNKNOWN
            red_flag = question.red_flag or bool(present.intersection(question.red_flag_when))
            shown.append(Asked(question, answer, applies and unanswered and not settled,
                               red_flag))
        # A question that has just become a red flag joins the others at the top.
        return tuple(sorted(shown, key=lambda asked: not asked.red_flag))


def raised_and_open(asked: Iterable[Asked], present: Iterable[str]) -> bool:
    """Whether the call raised a red-flag topic and left it open: a red-flag question
    asked only because of what was said (withdrawal signs after missed doses, the pump
    after a fever) still has no answer."""
    present = set(present)
    return any(a.open and a.red_flag and (
        bool(present.intersection(a.question.when))
        or bool(present.intersection(a.question.red_flag_when))) for a in asked)
