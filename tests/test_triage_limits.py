"""Triage time grows with the input, never faster (issue 25): hostile shapes that
once took seconds (one endless sentence, a long list of denials, "fine" after every
word) are counted in function calls, not timed, at one length and twice that."""

import sys
from collections.abc import Callable

import pytest

# Each shape once made the reading of context quadratic or worse.
SHAPES = [
    "headache nausea no chest pain swollen legs dizzy and drowsy or weak, denies fever ",
    "denies headache, nausea, vomiting, dizziness, seizures, rash, ",
    "breathing is fine, sleeping fine, eyesight fine, walking normal, ",
    "had fits years ago and blackouts, maybe a rash but not sure, never again ",
    "I have a headache and some nausea, no chest pain. ",
]
LENGTH = 1_500


def _calls(work: Callable[[], object]) -> int:
    """How many functions (Python's and built-in ones) `work` calls."""
    count = 0

    def profile(_frame, event, _arg):
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def _text(shape: str, length: int) -> str:
    return (shape * (length // len(shape) + 1))[:length]


@pytest.mark.parametrize("shape", SHAPES)
def test_triage_work_grows_linearly(triage, shape):
    long = _text(shape, 2 * LENGTH)
    triage.assess(long)  # fills the caches of stems and spellings first
    once = _calls(lambda: triage.assess(_text(shape, LENGTH)))
    twice = _calls(lambda: triage.assess(long))
    assert twice <= 2.3 * once, (shape, once, twice)
