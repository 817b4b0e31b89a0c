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


def test_a_raised_red_flag_left_open_sets_the_net(triage):
    result = triage.assess("he missed a few doses of his baclofen")
    assert result.overall == "contact_doctor"
    assert result.uncertain


def test_answering_the_raised_red_flag_settles_the_net(triage):
    result = triage.assess("he missed a few doses of his baclofen",
                           {"withdrawal_signs": "none"})
    assert not result.uncertain
