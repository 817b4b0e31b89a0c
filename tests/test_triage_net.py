"""The safety net (issue 22): `uncertain` and `unexplained` say when the checker may
have read a call too low, without ever changing a tier."""

import pytest


@pytest.mark.parametrize("text", ["his sputum is rusty coloured", "feels presyncopal"])
def test_an_unexplained_medical_clause_sets_the_net(triage, text):
    result = triage.assess(text)
    assert result.overall != "emergency"
    assert result.uncertain
    assert result.unexplained
    assert result.to_json()["unexplained"] == list(result.unexplained)


@pytest.mark.parametrize("text", ["a bit constipated", "no chest pain", ""])
def test_a_call_read_in_full_is_not_uncertain(triage, text):
    result = triage.assess(text)
    assert not result.uncertain
    assert result.unexplained == ()


def test_a_doubted_emergency_sign_is_uncertain(triage):
    result = triage.assess("I think he might have stopped breathing")
    assert result.overall == "emergency"
    assert result.uncertain


def test_the_net_never_changes_the_tier(triage):
    assert triage.assess("feels presyncopal, a bit constipated").overall == "common"
