"""The triage engine: every listed symptom found, never rated below the guide."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.content.schema import NONE, UNLISTED, urgency
from devtools.phrasings import PHRASINGS


def recognised(result):
    """Every symptom counted and every alert raised, by name or id."""
    return {m.effect.name for m in result.symptoms} | {a.id for a in result.alerts}


def all_terms(monograph):
    return [(term, e) for e in monograph.side_effects for term in (e.name, *e.terms)]


def test_every_canonical_symptom_has_its_tier(triage, monograph):
    for effect in monograph.side_effects:
        result = triage.assess(effect.name)
        assert [m.effect.name for m in result.symptoms] == [effect.name]
        assert result.overall == effect.tier


def test_every_lexicon_term_finds_its_symptom(triage, monograph):
    wrong = []
    for term, effect in all_terms(monograph):
        names = [m.effect.name for m in triage.assess(term).symptoms]
        if names != [effect.name]:
            wrong.append((term, effect.name, names))
    assert wrong == []


def test_every_term_in_a_sentence(triage, monograph):
    for term, effect in all_terms(monograph):
        result = triage.assess(f"Since yesterday, {term}.")
        assert effect.name in [m.effect.name for m in result.symptoms], term


@pytest.mark.parametrize(("text", "overall", "symptoms", "negated"), PHRASINGS,
                         ids=[repr(p[0])[:40] for p in PHRASINGS])
def test_phrasings(triage, text, overall, symptoms, negated):
    result = triage.assess(text)
    assert result.overall == overall
    assert recognised(result) == symptoms
    assert set(result.negated) == negated


def test_phrasing_table_is_large_enough():
    assert len(PHRASINGS) >= 100


def test_overall_is_the_most_urgent(triage):
    result = triage.assess("headache, diarrhoea, fainted and blurred vision")
    assert result.overall == "emergency"
    tiers = [m.effect.tier for m in result.symptoms]
    assert tiers == sorted(tiers, key=urgency, reverse=True)


def test_match_reports_text_and_content(triage):
    match = triage.assess("Since Tuesday my ears are ringing!").symptoms[0]
    assert match.text == "ears are ringing"
    data = match.to_json()
    assert data["symptom"] == "ringing in the ears"
    assert data["tier"] == "contact_doctor"
    assert data["frequency"] == "serious"
    assert data["source"] == "Guide To Baclofen: Potential Side Effects"


def test_unlisted_text_is_reported_not_dropped(triage):
    result = triage.assess("dizzy and an itchy rash; swollen knee")
    assert result.overall == "common"
    assert list(result.unlisted) == ["an itchy rash", "swollen knee"]


def test_only_unlisted_text(triage):
    result = triage.assess("itchy rash")
    assert (result.overall, result.unlisted) == (UNLISTED, ("itchy rash",))


def test_picked_symptoms(triage):
    result = triage.assess_symptoms(["Headache", "seizures", "a rash", " "])
    assert result.overall == "emergency"
    assert [m.effect.name for m in result.symptoms] == ["seizures", "headache"]
    assert result.unlisted == ("a rash",)
    assert triage.assess_symptoms([]).overall == NONE


def test_json_has_exactly_the_agreed_keys(triage):
    data = triage.assess("no chest pain, dizzy, rash, he won't wake up").to_json()
    assert set(data) == {"input", "overall", "symptoms", "negated", "unlisted", "alerts",
                         "history", "questions", "uncertain", "unexplained"}
    assert set(data["symptoms"][0]) == {"text", "symptom", "tier", "frequency", "advice",
                                        "source", "uncertain"}
    assert set(data["alerts"][0]) == {"id", "title", "tier", "advice", "source", "because"}
    assert set(data["questions"][0]) == {"id", "text", "answer", "open", "red_flag"}


def test_each_symptom_is_reported_once(triage):
    result = triage.assess("dizzy, very dizzy, dizziness")
    assert [m.effect.name for m in result.symptoms] == ["dizziness"]


@pytest.mark.parametrize("word", ["painting", "paint", "fitness", "weight", "runner", "sweet",
                                  "breakfast", "grandma", "vision", "painted", "seashore"])
def test_ordinary_words_are_not_typos(triage, word):
    assert triage.assess(word).symptoms == ()


@pytest.mark.parametrize("text", [
    "a" * 4_000, "dizzy " * 666, "\x00\x01\x02\x1b[31m", "🙂🤢😵", "סחרחורת ובחילה",
    "'; DROP TABLE side_effects; --", 'NEAR("a" b) AND * OR (', "\u202edizzy\u202c",
    "dizzy\u0000and\u0000faint", "\ud800 lone surrogate",
])
def test_hostile_input_gives_a_result(triage, text):
    assert triage.assess(text).overall in ("emergency", "contact_doctor", "common", "unlisted",
                                           "none")


@given(st.text(max_size=500))
def test_fuzz_any_text_gives_a_result(triage, text):
    result = triage.assess(text)
    assert result.overall in ("emergency", "contact_doctor", "common", "unlisted", "none")
    if result.symptoms:
        assert result.overall == result.symptoms[0].effect.tier


@given(st.lists(st.sampled_from(["dizzy", "had a fit", "no chest pain", "rash", "tinnitus",
                                 "and", ",", "not", "I", "blurred vision"]), max_size=12))
def test_fuzz_adding_a_complaint_never_lowers_the_tier(triage, words):
    base = triage.assess(" ".join(words))
    more = triage.assess(" ".join(words) + ", had a seizure")
    assert more.overall == "emergency"
    assert urgency(more.overall) >= urgency(base.overall)


def test_entries_and_picks_combine(triage):
    result = triage.assess_all(["no chest pain", "dizzy", "rash"], ["Blurred vision"])
    assert result.overall == "emergency"
    assert [m.effect.name for m in result.symptoms] == ["blurred vision", "dizziness"]
    assert result.negated == ("chest pain",)
    assert result.unlisted == ("rash",)


def test_a_pick_overrides_a_denial(triage):
    result = triage.assess_all(["no chest pain"], ["chest pain"])
    assert result.negated == () and result.overall == "contact_doctor"


def test_a_denial_does_not_reach_the_next_entry(triage):
    result = triage.assess_all(["no headache", "seizures"])
    assert result.overall == "emergency" and result.negated == ("headache",)


def test_lexicon_reads_pairs_from_a_generator(monograph):
    from desktop.triage.lexicon import Lexicon
    from desktop.triage.text import stem

    pairs = [(e.name, pair) for e in monograph.side_effects for pair in e.pairs]
    lexicon = Lexicon([("dizzy", "dizziness")], (item for item in pairs))
    assert len(lexicon.pair_rules) == len(pairs)
    # Words only the pairs hold are known to typo repair too.
    assert stem("respiratory") in [r.stem for r in lexicon.repair("respiratroy")]
    assert Lexicon([("dizzy", "dizziness")]).repair("respiratroy") == ()
