"""Guided questions: content the builder checks, answers that only ever add, and
the questions shown with their answers and whether they are still open."""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.build import build
from db.sources import ContentSourceError
from desktop.content.schema import NONE, UNKNOWN, UNLISTED, urgency
from desktop.triage.questions import AnswerError
from desktop.triage.report import ReportContext, chart_note

# none < unlisted < common < contact_doctor < emergency
RANK = {NONE: -2, UNLISTED: -1}


def rank(tier):
    return RANK.get(tier, urgency(tier))


def states(result):
    return {a.question.key: (a.answer.key if a.answer else None, a.open)
            for a in result.questions}


def alert_ids(result):
    return [alert.id for alert in result.alerts]


# The calls the issue names


def test_pump_withdrawal_call_reaches_emergency_with_the_withdrawal_alert(triage):
    result = triage.assess("he seems unwell", {"pump": "yes", "alarm": "yes", "fever": "yes"})
    assert result.overall == "emergency"
    assert alert_ids(result)[0] == "withdrawal"
    because = result.alerts[0].because
    assert any("pump" in said and said.endswith("Yes") for said in because)
    assert any("fever" in said for said in because)


def test_pump_answers_with_a_fever_said_in_words(triage):
    result = triage.assess("he's burning up", {"pump": "yes", "alarm": "yes"})
    assert (result.overall, alert_ids(result)[0]) == ("emergency", "withdrawal")
    assert "burning up" in result.alerts[0].because


def test_overdose_answer_with_drowsiness_is_an_emergency(triage):
    assert triage.assess("drowsy").overall == "common"
    result = triage.assess("drowsy", {"overdose": "yes"})
    assert result.overall == "emergency"
    assert "overdose" in alert_ids(result)


def test_a_context_answer_alone_is_withdrawal_risk(triage):
    result = triage.assess("dizzy", {"ran_out": "yes"})
    assert (result.overall, alert_ids(result)) == ("contact_doctor", ["withdrawal_risk"])


def test_a_choice_question(triage):
    result = triage.assess("drowsy", {"sedatives": "alcohol"})
    assert (result.overall, alert_ids(result)) == ("contact_doctor", ["sedation_added"])
    signs = triage.assess("ran out of baclofen", {"withdrawal_signs": "hallucinating"})
    assert signs.overall == "emergency" and alert_ids(signs)[0] == "withdrawal"
    assert [m.effect.name for m in signs.symptoms] == ["hallucinations"]


def test_breathing_no_reads_as_breathing_difficulties(triage):
    result = triage.assess("very drowsy", {"breathing": "no"})
    assert result.overall == "emergency"
    assert "overdose_breathing" in alert_ids(result)


def test_cannot_be_woken_is_the_unresponsive_sign(triage):
    result = triage.assess("dizzy", {"awake": "unrousable"})
    assert result.overall == "emergency" and "unresponsive" in alert_ids(result)


def test_sleepy_but_answering_is_not_recorded_as_unconscious(triage, database):
    result = triage.assess("he's very sleepy", {"awake": "sleepy"})
    assert "unresponsive" not in alert_ids(result)
    note = chart_note(result, ReportContext("Baclofen", "v", "call", "ask"),
                      datetime(2026, 12, 5, 9, 0))
    assert "Sleepy, but wakes and answers" in note
    assert "Denied (not counted): unconscious or can't be woken" in note
    assert result.overall != "emergency"


@pytest.mark.parametrize("text", ["he has a fever", "she's confused today",
                                  "suddenly very confused"])
def test_fever_or_confusion_make_the_pump_question_a_red_flag(triage, text):
    asked = {a.question.key: a for a in triage.assess(text).questions}
    assert asked["pump"].red_flag and asked["pump"].open
    flags = [a.red_flag for a in triage.assess(text).questions]
    assert flags == sorted(flags, reverse=True)  # it joins the red flags at the top


def test_the_pump_question_is_not_a_red_flag_otherwise(triage):
    asked = {a.question.key: a for a in triage.assess("dizzy").questions}
    assert not asked["pump"].red_flag


def test_fever_and_confusion_with_a_pump_is_withdrawal(triage):
    result = triage.assess("feverish and confused", {"pump": "yes"})
    assert result.overall == "emergency" and alert_ids(result)[0] == "withdrawal"


# Answers only add


ALL_UNKNOWN = {"awake": UNKNOWN, "breathing": UNKNOWN, "overdose": UNKNOWN, "fever": UNKNOWN,
               "pump": UNKNOWN, "stopped": UNKNOWN, "ran_out": UNKNOWN, "missed": UNKNOWN}


@pytest.mark.parametrize("text", ["", "dizzy", "he won't wake up", "ran out of baclofen",
                                  "ran out and seeing things", "no chest pain", "itchy rash"])
def test_unknown_answers_never_lower_or_change_a_tier(triage, text):
    alone, answered = triage.assess(text), triage.assess(text, ALL_UNKNOWN)
    assert answered.overall == alone.overall
    assert (answered.symptoms, answered.alerts, answered.negated) == (
        alone.symptoms, alone.alerts, alone.negated)


def test_a_no_never_removes_what_the_text_said(triage):
    said = triage.assess("he has a fever and his pump is beeping", {"fever": "no", "pump": "no"})
    assert said.overall == "emergency" and alert_ids(said)[0] == "withdrawal"
    assert "fever" not in said.negated


def test_a_no_is_a_denial_when_nothing_said_it(triage):
    result = triage.assess("dizzy", {"fever": "no", "pump": "no"})
    assert result.overall == "common"
    assert set(result.negated) == {"fever", "has a baclofen pump"}


def test_an_answered_symptom_no_rule_uses_is_reported_not_dropped(triage):
    result = triage.assess("", {"fever": "yes"})
    assert result.overall == UNLISTED
    assert result.unlisted == ("Do they have a fever, or feel very hot to the touch? Yes",)


TEXTS = ["", "dizzy", "drowsy", "very drowsy", "had a fit", "no chest pain", "rash",
         "ran out of baclofen", "his pump is beeping", "seeing things", "he has a fever",
         "stiff", "won't wake up", "not breathing", "and", "no", "blurred vision"]


@st.composite
def answer_sequences(draw, questions):
    steps = draw(st.lists(st.sampled_from(questions), max_size=10))
    return [(q.key, draw(st.sampled_from([a.key for a in q.answers]))) for q in steps]


@given(data=st.data(), words=st.lists(st.sampled_from(TEXTS), max_size=4))
def test_fuzz_no_answer_sequence_lowers_overall_below_the_text_alone(triage, data, words):
    """Answers given one by one, each replacing any earlier answer to the same question,
    as the window does: at every step overall is at least what the text alone gives."""
    text = ", ".join(words)
    alone = triage.assess(text)
    answers = {}
    for key, answer in data.draw(answer_sequences(triage.content.questions)):
        answers[key] = answer
        result = triage.assess(text, answers)
        assert rank(result.overall) >= rank(alone.overall)
        assert {m.effect.name for m in alone.symptoms} <= {m.effect.name for m in result.symptoms}
        assert set(result.negated).isdisjoint(m.effect.name for m in result.symptoms)


# Which questions show, and which are open


def test_no_questions_before_the_first_complaint(triage):
    assert triage.assess("").questions == ()
    assert triage.assess_all(["  "], []).questions == ()


def test_red_flag_questions_come_first(triage):
    shown = triage.assess("dizzy").questions
    flags = [a.question.red_flag for a in shown]
    assert flags == sorted(flags, reverse=True) and flags[0]
    assert [a.question.key for a in shown][:3] == ["awake", "breathing", "overdose"]


def test_follow_up_questions_apply_once_their_targets_are_present(triage):
    assert "alarm" not in states(triage.assess("dizzy"))
    assert states(triage.assess("dizzy", {"pump": "yes"}))["alarm"] == (None, True)
    assert "withdrawal_signs" in states(triage.assess("missed a dose"))


def test_open_until_answered_and_unknown_stays_open(triage):
    shown = states(triage.assess("dizzy", {"awake": "unknown", "breathing": "yes"}))
    assert shown["awake"] == ("unknown", True)
    assert shown["breathing"] == ("yes", False)
    assert shown["overdose"] == (None, True)


def test_what_the_text_already_says_settles_a_question(triage):
    shown = states(triage.assess("took too many tablets and he won't wake up"))
    assert shown["overdose"] == (None, False)
    assert shown["awake"] == (None, False)
    assert states(triage.assess("his pump is beeping"))["refill"] == (None, True)


def test_an_answer_to_a_question_that_no_longer_applies_still_counts(triage):
    result = triage.assess("dizzy", {"pump": "no", "alarm": "yes"})
    assert states(result)["alarm"] == ("yes", False)
    assert "withdrawal_risk" in alert_ids(result)


def test_picked_symptoms_count_for_the_questions(triage):
    result = triage.assess_all([], ["breathing difficulties"], {"overdose": "yes"})
    assert states(result)["breathing"] == (None, False)
    assert result.overall == "emergency"


@pytest.mark.parametrize(("answers", "message"), [
    ({"pumpp": "yes"}, "no question 'pumpp'"),
    ({"pump": "maybe"}, "'maybe' is not an answer to 'pump'"),
    ({"sedatives": "yes"}, "answers: medicines, alcohol, both, neither, unknown"),
])
def test_unknown_question_or_answer_is_an_error(triage, answers, message):
    with pytest.raises(AnswerError, match=message):
        triage.assess("dizzy", answers)


def test_ids_and_answers_ignore_case_and_spaces(triage):
    assert states(triage.assess("x", {" Pump ": "YES"}))["pump"] == ("yes", False)


def test_the_chart_note_holds_every_answer(triage, database):
    answers = {"awake": "normal", "breathing": "unknown", "pump": "yes", "alarm": "no",
               "withdrawal_signs": "spasms"}
    result = triage.assess("dizzy", answers)
    context = ReportContext("Baclofen", database.info.content_version,
                            database.info.emergency_message, database.info.unlisted_advice)
    note = chart_note(result, context, datetime(2026, 11, 27, 9, 30))
    assert "2026-11-27 09:30" in note and database.info.content_version in note
    assert note.splitlines()[2].startswith("Overall: EMERGENCY")
    assert "Possible baclofen withdrawal" in note
    for asked in result.questions:
        label = asked.answer.label if asked.answer else "Not answered"
        assert f"- {asked.question.text} {label}" in note
    assert "Spasms much worse" in note and "Unknown" in note


# Content


def test_questions_are_loaded_in_asking_order_with_unknown_last(monograph):
    questions = monograph.triage.questions
    assert len({q.key for q in questions}) == len(questions) >= 10
    assert all(q.answers[-1].key == UNKNOWN and not q.answers[-1].feeds for q in questions)
    assert all(q.source for q in questions)
    flags = [q.red_flag for q in questions]
    assert flags == sorted(flags, reverse=True)


def _replace(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


BAD_QUESTIONS = {
    "unknown target": ("baclofen/questions.toml", 'feeds = ["has_pump"]',
                       'feeds = ["has_a_pump"]', "question[4].yes.feeds[0]: unknown"),
    "unknown target in when": ("baclofen/questions.toml", 'when = ["has_pump", "pump_alarm"]',
                               'when = ["pump"]', "question[6].when[0]: unknown"),
    "a guard is no target": ("baclofen/questions.toml", 'feeds = ["has_pump"]',
                             'feeds = ["other_pump"]', "question[4].yes.feeds[0]"),
    "unknown answer": ("baclofen/questions.toml", 'no = { feeds = ["breathing difficulties"] }',
                       'maybe = { feeds = ["breathing difficulties"] }',
                       "question[0].maybe: unknown field"),
    "duplicate id": ("baclofen/questions.toml", 'id = "breathing"', 'id = "awake"',
                     "question[0].id: duplicate question 'awake'"),
    "unknown as a choice": ("baclofen/questions.toml", 'id = "neither"', 'id = "unknown"',
                            "choice[3].id"),
    "feeds and denies one target": ("baclofen/questions.toml", 'no = { denies = ["has_pump"] }',
                                    'no = { feeds = ["has_pump"], denies = ["has_pump"] }',
                                    "question[4].no.denies"),
    "feeds nothing": ("baclofen/questions.toml", 'no = { feeds = ["breathing difficulties"] }',
                      'no = { denies = ["not_breathing"] }', "question[0].yes.feeds"),
    "unknown target in red_flag_when": ("baclofen/questions.toml", 'red_flag_when = ["fever",',
                                        'red_flag_when = ["feverish",',
                                        "question[4].red_flag_when[0]: unknown"),
    "red flag not a flag": ("questions.toml", "red_flag = true", 'red_flag = "yes"',
                            "question[0].red_flag: expected true or false"),
    "missing order": ("questions.toml", "order = 10", "", "question[0].order: missing"),
}


@pytest.mark.parametrize("case", sorted(BAD_QUESTIONS))
def test_bad_questions_are_refused_naming_file_and_field(tmp_path, content_copy, case):
    file, old, new, expected = BAD_QUESTIONS[case]
    _replace(content_copy / file, old, new)
    with pytest.raises(ContentSourceError) as error:
        build(content_copy, tmp_path / "out.sqlite3")
    assert file.split("/")[-1] in str(error.value)
    assert expected in str(error.value)


def test_a_drug_without_questions_builds(tmp_path, content_copy):
    (content_copy / "baclofen" / "questions.toml").unlink()
    (content_copy / "questions.toml").unlink()
    out = tmp_path / "out.sqlite3"
    build(content_copy, out)
    from desktop.content.database import ContentDatabase

    with ContentDatabase(out) as db:
        assert db.monograph("baclofen").triage.questions == ()
