"""Overdose by arithmetic: the amount taken against the amount meant (issue 22)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.triage.doses import excess_taken
from desktop.triage.text import tokenize


def excess_word(text: str) -> str | None:
    tokens = tokenize(text)
    index = excess_taken(tokens)
    return None if index is None else tokens[index].norm


@pytest.mark.parametrize(("text", "word"), [
    ("her prescription is 5 mg twice a day and she swallowed four of the 5s", "four"),
    ("he took three of the 10 mg tablets; the label says 10 mg at night", "three"),
    ("took four of the 10 mg ones when it should have been four of the 5 mg", "four"),
    ("he took 100 mg instead of his usual 20", "100"),
    ("took two tablets instead of one", "two"),
    ("took four instead of two", "four"),
])
def test_more_than_meant_is_found_at_the_amount_taken(text, word):
    assert excess_word(text) == word


@pytest.mark.parametrize("text", [
    "he took two fives instead of one ten",  # the same dose
    "took 5 mg instead of 10 mg",  # less
    "he takes 10 mg three times a day and took 10 mg this morning",
    "she had a bath and took her 10 mg as usual",
    "he's on 10 mg and had two glasses of wine",
    "took three of them",  # nothing said about the dose meant
    "",
])
def test_no_excess_without_more_than_meant(text):
    assert excess_word(text) is None


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.sampled_from([5, 10, 20]), st.integers(1, 6),
       st.sampled_from([5, 10, 20]))
def test_excess_is_the_totals_compared(taken, strength, meant, meant_strength):
    text = (f"took {taken} of the {strength} mg tablets, it should have been "
            f"{meant} of the {meant_strength} mg")
    assert (excess_word(text) is not None) == (taken * strength > meant * meant_strength)
