"""Syndromes told as stories, and the guards against over-calls (issue 22, items 2
and 4)."""

import pytest


@pytest.mark.parametrize("text", [
    "his arm went weak suddenly",
    "his face has dropped and his arm is weak",
    "she took like 12 of them",
    "took a whole day's tablets at once",
    "my toddler got hold of the baclofen syringe",
    "he took 100 mg instead of his usual 20",
    "he cut his hand on a knife and it won't stop bleeding",
])
def test_a_story_is_an_emergency(triage, text):
    assert triage.assess(text).overall == "emergency"


@pytest.mark.parametrize("text", [
    "does it cause headaches?",
    "if I get a headache can I take paracetamol?",
    "I nearly fainted at the price of the prescription",
    "this paperwork is giving me a headache",
    "he took two fives instead of one ten this morning",
    "used to get headaches, none since",
    "the petrol pump was out of order so I walked",
    "what are the signs of an overdose, just so I know?",
    "if she ever had a seizure on it, what would I do?",
    "I nearly had a heart attack when I saw the price",
    "the consultant said to ring if I notice blurred vision",
    "is it true it can cause hallucinations?",
    "I just want to know if she should stop the baclofen before the operation",
])
def test_a_guarded_call_counts_no_tier(triage, text):
    assert triage.assess(text).overall in {"none", "unlisted"}


@pytest.mark.parametrize("text", ["nothing sudden, the confusion has come on gradually",
                                  "not sudden, he's been a bit confused for months"])
def test_not_sudden_is_no_sudden_start(triage, text):
    assert triage.assess(text).overall == "common"


def test_a_denial_at_the_end_of_a_note_denies(triage):
    result = triage.assess("Pt alert, obs stable, mild drowsiness, no visual disturbance")
    assert result.overall == "common"
    assert "blurred vision" in result.negated


@pytest.mark.parametrize("text", [
    "on oxycodone as well and he's very drowsy today",
    "she had a few pints last night and she's dizzy and sleepy this morning",
    "takes zopiclone too, and feels drowsy all morning",
])
def test_drowsy_with_a_sedative_named_in_the_call_is_added_sedation(triage, text):
    result = triage.assess(text)
    assert result.overall == "contact_doctor"
    assert [alert.id for alert in result.alerts] == ["sedation_added"]


def test_a_sedative_named_without_drowsiness_raises_nothing(triage):
    assert triage.assess("she takes diazepam at night as well").overall == "none"


@pytest.mark.parametrize("text", [
    "he took a handful of them",
    "he took my hand and said he felt dizzy",
])
def test_a_handful_taken_is_an_overdose_and_a_hand_is_not(triage, text):
    assert (triage.assess(text).overall == "emergency") == ("handful" in text)


@pytest.mark.parametrize(("text", "counted"), [
    ("Used to get bad headaches years ago. This week they are back again.", True),
    ("Used to get bad headaches years ago. Dizzy again today.", False),
    ("Used to get bad headaches years ago. None since.", False),
])
def test_a_past_symptom_said_to_be_back_again_counts(triage, text, counted):
    symptoms = {match.effect.name for match in triage.assess(text).symptoms}
    assert ("headache" in symptoms) == counted


@pytest.mark.parametrize(("text", "expected"), [
    ("intrathecal pump, T 38.7", "emergency"),  # a reading, not a count of 38
    ("has a pump and his temp is 39.2", "emergency"),
    ("took this morning's tablet at 11 instead of 9", "unlisted"),  # no overdose
    ("he took 12 of them", "emergency"),
    # more than the dose meant is an overdose; the same dose in other tablets is not
    ("she took three of the 10 mg tablets at bedtime; her label says 10 mg", "emergency"),
    ("he took two fives instead of one ten", "unlisted"),
    # wordings from the eighth corpus round
    ("he hasn't opened his bowels since the weekend", "common"),  # not a denial
    ("she hasn't been able to pass urine since last night", "contact_doctor"),
    ("the room spins whenever he stands up", "common"),
    ("grunting with every breath and the skin between his ribs sucking in", "emergency"),
    ("he ran out days ago and now he's jumpy and feels hot", "emergency"),
])
def test_a_call_reads_as_its_tier(triage, text, expected):
    assert triage.assess(text).overall == expected


def test_thoughts_of_suicide_ask_about_a_plan_and_a_plan_is_an_emergency(triage):
    said = "she keeps saying she has nothing to live for"
    alone = triage.assess(said)
    assert alone.overall == "contact_doctor"
    asked = {a.question.key: a for a in alone.questions}
    assert asked["self_harm_plan"].red_flag and asked["self_harm_plan"].open
    assert triage.assess(said, {"self_harm_plan": "yes"}).overall == "emergency"
    assert triage.assess(said, {"self_harm_plan": "no"}).overall == "contact_doctor"
