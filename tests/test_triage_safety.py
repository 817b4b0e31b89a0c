"""Emergency signs, the drug's danger rules and the safety invariants (issue: emergency
signs it must never miss)."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.cli import main
from desktop.content.schema import NONE, UNLISTED, urgency
from devtools.phrasings import DREADED

# One call for each emergency sign for any patient.
SIGNS = {
    "unresponsive": "my husband is unconscious on the floor",
    "not_breathing": "she's turning blue around the lips",
    "prolonged_seizure": "he's still fitting, it won't stop",
    "stroke": "her face is drooping on one side",
    "anaphylaxis": "his tongue is swelling and he can't swallow",
    "severe_confusion": "mum doesn't recognise me all of a sudden",
    "severe_bleeding": "the cut is bleeding heavily and won't stop",
    "suicide_risk": "he says he's going to kill himself",
    "cardiac_chest_pain": "I think he's having a heart attack",
}

# Each rule firing, and the same call with one part missing, which must not fire it.
RULES = [
    ("overdose", "she took a double dose this morning", "she took her dose this morning"),
    ("overdose_breathing", "very drowsy and his breathing is slow", "very drowsy"),
    ("unrousable_on_baclofen", "I can't rouse him", "he's tired"),
    ("withdrawal", "ran out of baclofen and now he has a fever",
     "ran out of paracetamol and now he has a fever"),
    ("withdrawal_risk", "he missed his baclofen doses yesterday", "he took his doses yesterday"),
    ("heart_attack_signs", "chest pain and I'm sweating buckets", "sweating buckets"),
    ("sudden_stroke_signs", "his speech went slurred all of a sudden", "his speech is slurred"),
    ("sudden_confusion", "she went all muddled suddenly", "she's a bit muddled"),
    ("long_seizure_rule", "he's been having a seizure for ten minutes", "he had a seizure"),
    ("suicide_with_plan", "feeling suicidal and has a plan", "feeling down"),
]

# Phrases that are signs in themselves: never read as a denial.
SIGN_PHRASES = ["won't wake up", "can't wake", "not waking", "not breathing", "not responding",
                "can't stay awake"]


def alert_ids(result):
    return {alert.id for alert in result.alerts}


@pytest.mark.parametrize(("text", "overall", "alert"), DREADED)
def test_dreaded_calls(triage, text, overall, alert):
    result = triage.assess(text)
    assert result.overall == overall
    assert alert in alert_ids(result)


@pytest.mark.parametrize(("text", "overall", "alert"), DREADED)
def test_dreaded_calls_on_the_command_line(capsys, text, overall, alert):
    assert main(["triage", text, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"] == overall
    assert alert in [a["id"] for a in data["alerts"]]
    fired = next(a for a in data["alerts"] if a["id"] == alert)
    assert fired["because"] and all(part in text for part in fired["because"])
    assert fired["source"] and fired["advice"] and fired["title"]


def test_overdose_advice_names_the_poison_centre(triage):
    alert = next(a for a in triage.assess("took 20 tablets by mistake").alerts)
    assert "poison centre" in alert.advice and "emergency services" in alert.advice
    assert "overdose" in alert.title.lower()


def test_withdrawal_is_not_called_an_overdose(triage):
    alert = triage.assess("ran out of baclofen 2 days ago and now seeing things").alerts[0]
    assert alert.title == "Possible baclofen withdrawal"
    assert "overdose" not in alert.title.lower()


@pytest.mark.parametrize("sign", sorted(SIGNS))
def test_each_emergency_sign(triage, sign):
    result = triage.assess(SIGNS[sign])
    assert result.overall == "emergency"
    assert sign in alert_ids(result)


def test_signs_are_shown_as_emergency_signs_with_a_source(triage):
    alert = next(a for a in triage.assess("she's not breathing").alerts if a.id == "not_breathing")
    assert alert.title.startswith("Emergency sign")
    assert alert.tier == "emergency" and alert.source


@pytest.mark.parametrize(("rule", "fires", "does_not_fire"), RULES)
def test_each_rule_fires_and_does_not(triage, rule, fires, does_not_fire):
    assert rule in alert_ids(triage.assess(fires))
    assert rule not in alert_ids(triage.assess(does_not_fire))


def test_withdrawal_context_alone_is_contact_doctor_today(triage):
    result = triage.assess("he's run out of his baclofen tablets")
    assert result.overall == "contact_doctor"
    assert "today" in result.alerts[0].advice


def test_drowsiness_alone_is_common(triage):
    assert triage.assess("a bit drowsy since the new dose").overall == "common"


@pytest.mark.parametrize("text", ["drowsy and can't breathe properly",
                                  "so drowsy I can't rouse her", "drowsy, can't stay awake"])
def test_drowsiness_with_danger_is_emergency(triage, text):
    assert triage.assess(text).overall == "emergency"


def test_the_guides_24_side_effects_are_unchanged(monograph):
    tiers = {e.name: e.tier for e in monograph.side_effects}
    assert len(tiers) == 24
    assert {n for n, t in tiers.items() if t == "emergency"} == {
        "seizures", "breathing difficulties", "blurred vision", "muscle pain"}
    assert {n for n, t in tiers.items() if t == "common"} == {
        "confusion", "constipation", "dizziness", "headache", "nausea", "trouble sleeping",
        "sweating", "weakness", "increased urination"}


@pytest.mark.parametrize("phrase", SIGN_PHRASES)
def test_a_sign_phrase_is_never_a_denial(triage, phrase):
    result = triage.assess(f"he {phrase}")
    assert result.overall == "emergency"
    assert not result.negated


@pytest.mark.parametrize("text", ["no fits", "hasn't had a seizure", "he's not unconscious",
                                  "she is breathing normally, no breathing problems"])
def test_an_explicit_denial_denies_an_emergency(triage, text):
    assert triage.assess(text).overall == NONE


# Safety invariants -------------------------------------------------------------------------

# Words with no meaning for triage, to pad generated complaints.
FILLER = ["um", "well", "so", "the thing is", "I was saying", "hello", "yeah"]


@pytest.fixture(scope="module")
def lexicon_terms(monograph):
    """Every term of the guide's side effects, the signs and the danger symptoms, with
    its tier where it counts alone."""
    content = monograph.triage
    terms = [(term, effect.tier) for effect in content.side_effects
             for term in (effect.name, *effect.terms)]
    terms += [(term, finding.tier) for finding in content.findings
              if finding.tier for term in finding.terms]
    return [(term.replace("{drug}", monograph.name), tier) for term, tier in terms]


def _clauses(data, lexicon_terms, size):
    picks = data.draw(st.lists(st.sampled_from(lexicon_terms + [(f, None) for f in FILLER]),
                               min_size=1, max_size=size))
    return picks


@given(data=st.data())
def test_appending_a_clause_never_lowers_overall(triage, lexicon_terms, data):
    picks = _clauses(data, lexicon_terms, 4)
    extra = data.draw(st.sampled_from(lexicon_terms + [(f, None) for f in FILLER]))
    before = triage.assess(". ".join(t for t, _ in picks))
    after = triage.assess(". ".join(t for t, _ in [*picks, extra]))
    assert urgency(after.overall) >= urgency(before.overall)


@given(data=st.data())
def test_an_emergency_term_anywhere_gives_emergency(triage, lexicon_terms, data):
    picks = _clauses(data, lexicon_terms, 4)
    emergency = data.draw(st.sampled_from([t for t in lexicon_terms if t[1] == "emergency"]))
    position = data.draw(st.integers(0, len(picks)))
    picks.insert(position, emergency)
    result = triage.assess(". ".join(t for t, _ in picks))
    assert result.overall == "emergency", picks


@given(data=st.data())
def test_reordering_clauses_never_changes_overall(triage, lexicon_terms, data):
    picks = _clauses(data, lexicon_terms, 5)
    shuffled = data.draw(st.permutations(picks))
    first = triage.assess(". ".join(t for t, _ in picks))
    second = triage.assess(". ".join(t for t, _ in shuffled))
    assert first.overall == second.overall


@given(phrase=st.sampled_from(SIGN_PHRASES), subject=st.sampled_from(
    ["he", "she", "my husband", "mum", "the patient", "my son"]),
    tail=st.sampled_from(["", " now", " at all", " this morning", ", please help"]))
def test_sign_phrases_never_produce_a_denial(triage, phrase, subject, tail):
    result = triage.assess(f"{subject} {phrase}{tail}")
    assert result.overall == "emergency" and not result.negated


@given(text=st.text(max_size=80))
def test_any_text_is_at_least_as_urgent_as_its_alerts(triage, text):
    result = triage.assess(text)
    assert all(urgency(result.overall) >= urgency(a.tier) for a in result.alerts)
    assert result.overall in ("emergency", "contact_doctor", "common", UNLISTED, NONE)


# Phrasings of the new signs, written apart from the lexicon -----------------------------------

# Which alerts satisfy each family of calls in tests/data/sign_phrasings.jsonl.
FAMILIES = {
    "unconscious": {"unresponsive"},
    "not_breathing": {"not_breathing", "overdose_breathing"},
    "long_seizure": {"prolonged_seizure", "long_seizure_rule"},
    "stroke": {"stroke", "sudden_stroke_signs"},
    "anaphylaxis": {"anaphylaxis"},
    "severe_confusion": {"severe_confusion", "sudden_confusion"},
    "bleeding": {"severe_bleeding"},
    "suicide": {"suicide_risk", "suicide_with_plan"},
    "heart": {"cardiac_chest_pain", "heart_attack_signs"},
    "overdose": {"overdose", "overdose_breathing", "unrousable_on_baclofen"},
    "withdrawal": {"withdrawal"},
    "withdrawal_risk": {"withdrawal_risk"},
}
SIGN_PHRASINGS = [json.loads(line) for line in
                  (Path(__file__).parent / "data" / "sign_phrasings.jsonl").read_text(
                      encoding="utf-8").splitlines() if line.strip()]
# Known misses, kept visible: each is a call the checker still reads less urgently.
KNOWN_MISSES = {
    "My son is bleeding from his mouth and it hasn't stopped in forty minutes.",
}


def test_there_are_enough_sign_phrasings():
    emergencies = [p for p in SIGN_PHRASINGS if p["expect"] == "emergency"]
    assert len(emergencies) >= 150
    assert {p["family"] for p in emergencies} == set(FAMILIES) - {"withdrawal_risk"}


@pytest.mark.parametrize("call", SIGN_PHRASINGS, ids=[p["text"][:40] for p in SIGN_PHRASINGS])
def test_sign_phrasings(triage, call):
    if call["text"] in KNOWN_MISSES:
        pytest.xfail("a known miss, listed in docs/triage.md")
    result = triage.assess(call["text"])
    assert result.overall == call["expect"]
    if call["family"] in FAMILIES:
        assert alert_ids(result) & FAMILIES[call["family"]]
