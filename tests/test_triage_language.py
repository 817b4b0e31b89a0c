"""How callers and nurses actually say things (issue: triage language): negation and
context scope, shorthand, dictation errors, inflection, idioms, implied denials and
someone else's history."""


import pytest

from desktop.triage.engine import Triage


def counted(result):
    return {m.effect.name for m in result.symptoms}


# Negation scope ---------------------------------------------------------------------------


def test_a_list_denial_runs_along_a_slash_and_comma_list(triage):
    result = triage.assess("Denies CP/SOB, reports constipation")
    assert result.overall == "common"
    assert counted(result) == {"constipation"}
    assert {"chest pain", "breathing difficulties"} <= set(result.negated)


def test_denies_covers_every_item_of_the_list(triage):
    result = triage.assess("denies CP/SOB, N/V")
    assert result.overall == "none"
    assert {"chest pain", "breathing difficulties", "nausea"} <= set(result.negated)


def test_no_reaches_along_or(triage):
    result = triage.assess("no dizziness or headache")
    assert result.overall == "none" and set(result.negated) == {"dizziness", "headache"}


def test_a_plain_no_stops_at_a_comma(triage):
    assert counted(triage.assess("no chest pain, dizzy")) == {"dizziness"}


@pytest.mark.parametrize("text", ["no increase in his headaches", "not only dizzy but sick",
                                  "no longer able to sleep"])
def test_pseudo_triggers_deny_nothing(triage, text):
    assert not triage.assess(text).negated


@pytest.mark.parametrize("text", ["no headache but I feel sick", "no headache, however I'm dizzy",
                                  "no fever apart from feeling dizzy"])
def test_terminators_end_a_denial(triage, text):
    assert triage.assess(text).overall == "common"


@pytest.mark.parametrize("text", ["not sure if he had a seizure", "might be having a fit",
                                  "possibly a seizure"])
def test_hedges_keep_the_symptom_and_mark_it_uncertain(triage, text):
    result = triage.assess(text)
    assert result.overall == "emergency"
    assert result.symptoms[0].uncertain
    assert result.to_json()["symptoms"][0]["uncertain"] is True


def test_a_plain_report_is_not_uncertain(triage):
    assert not triage.assess("had a seizure").symptoms[0].uncertain


# Someone else's or past history -------------------------------------------------------------


def test_someone_elses_past_history_is_reported_apart(triage):
    result = triage.assess("my mum had seizures years ago, I just feel sick")
    assert result.overall == "common" and counted(result) == {"nausea"}
    assert result.history and "seizures" in result.history[0]
    assert result.to_json()["history"] == list(result.history)


@pytest.mark.parametrize("text", ["my husband had a fit this morning", "she had a seizure today",
                                  "he used to have fits but had one again today"])
def test_a_carer_reporting_now_is_not_history(triage, text):
    assert triage.assess(text).overall == "emergency"


@pytest.mark.parametrize("text", ["I had a stroke in 2012, today it's just a headache",
                                  "history of seizures, now a headache",
                                  "had fits as a child, now I'm dizzy"])
def test_past_history_does_not_count(triage, text):
    assert triage.assess(text).overall == "common"


# Word pairs across "and" ----------------------------------------------------------------------


def test_pairs_cross_and(triage):
    assert "seizures" in counted(triage.assess("his whole body went stiff and started jerking"))
    assert counted(triage.assess("the muscles in my shoulders and thighs are aching")) == {
        "muscle pain"}


def test_pairs_never_cross_an_all_clear(triage):
    assert counted(triage.assess("my chest is fine and my head hurts")) == {"headache"}


# Shorthand --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "symptom"), [
    ("Sz x2 today", "seizures"), ("c/o CP", "chest pain"), ("HA since Monday", "headache"),
    ("N/V", "nausea"), ("BV ++", "blurred vision"), ("dyspnoea", "breathing difficulties"),
    ("dyspnea on exertion", "breathing difficulties"), ("DOE", "breathing difficulties"),
    ("dysarthria", "slurred speech"), ("diaphoresis", "sweating"),
    ("Wt gain 4kg over 2/52", "weight gain"), ("SOB x2 days", "breathing difficulties"),
])
def test_nurse_shorthand(triage, text, symptom):
    result = triage.assess(text)
    assert symptom in counted(result)
    assert not result.unlisted  # counts and durations are not noise


@pytest.mark.parametrize("text", ["ha ha, very funny", "sob story", "cp the file"])
def test_shorthand_keeps_its_case(triage, text):
    assert not counted(triage.assess(text))


# Dictation and spelling -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "symptom"), [
    ("my sister is having sea shores", "seizures"),
    ("he had a sea sure this morning", "seizures"),
    ("short of breast", "breathing difficulties"),
    ("ringing in the years", "ringing in the ears"),
    ("I feinted at the shops", "fainting"),
    ("Hallucinashuns", "hallucinations"),
    ("muscle pane in my legs", "muscle pain"),
    ("hest pain", "chest pain"),
    ("took a double does of her back lofen", None),
])
def test_dictation_errors_are_repaired(triage, text, symptom):
    result = triage.assess(text)
    if symptom:
        assert symptom in counted(result)
    else:
        assert "overdose" in {a.id for a in result.alerts}


@pytest.mark.parametrize("text", ["we walked along the sea shores", "I can't see well",
                                  "wait for me", "they're red and sore", "I painted the shed"])
def test_real_words_in_their_own_sense_are_not_repaired(triage, text):
    assert triage.assess(text).overall not in ("emergency", "contact_doctor") or \
        "blurred vision" in counted(triage.assess(text))


# Inflection, filler and idiom --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "symptom"), [
    ("feel a bit blue", "depression"),
    ("put on nearly a stone", "weight gain"),
    ("Mum doesn't know what day it is", "confusion"),
    ("seeing spiders on the ceiling", "hallucinations"),
    ("really puffed out", "breathing difficulties"),
    ("ankles are like balloons", "ankle swelling"),
    ("spending a penny every hour", "increased urination"),
    ("I can't go at all", "constipation"),
    ("sleep is not coming", "trouble sleeping"),
    ("Me head is splittin'", "headache"),
])
def test_everyday_and_regional_wording(triage, text, symptom):
    assert symptom in counted(triage.assess(text))


@pytest.mark.parametrize(("text", "denied"), [
    ("breathing's fine", "breathing difficulties"),
    ("she's sleeping fine", "trouble sleeping"),
    ("vision is normal", "blurred vision"),
])
def test_implied_denials(triage, text, denied):
    result = triage.assess(text)
    assert result.overall == "none" and denied in result.negated


# Drug names come from content ---------------------------------------------------------------------


def test_drug_names_come_from_content(monograph):
    other = Triage(monograph.triage._replace(drug_names=("Synthetine",)))
    assert other.assess("started the synthetine").overall == "none"
    assert other.assess("ran out of synthetine").overall == "contact_doctor"
    assert Triage(monograph.triage).assess("started the synthetine").overall == "unlisted"


def test_brand_names_are_the_drug(triage):
    assert triage.assess("ran out of Lioresal and he's hallucinating").overall == "emergency"
    assert triage.assess("my husband takes Ozobax").overall == "none"


def test_ozobax_ds_is_the_drug(triage):
    assert triage.assess("my husband takes Ozobax DS").overall == "none"
    assert triage.assess("ran out of Ozobax DS").overall == "contact_doctor"
    assert triage.assess("ran out of Ozobax DS and he's hallucinating").overall == "emergency"
