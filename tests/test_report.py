"""The banner's words and the chart note: the tier, when to act, and why (issue #17)."""

from datetime import datetime

import pytest

from desktop.triage.report import ReportContext, chart_note, headline, stands_alone

WHEN = datetime(2026, 11, 27, 9, 30)


@pytest.fixture(scope="module")
def context(database):
    info = database.info
    return ReportContext("Baclofen", info.content_version, info.emergency_message,
                         info.unlisted_advice)


@pytest.mark.parametrize(("said", "words"), [
    ("stopped baclofen suddenly and now has a fever",
     "EMERGENCY: possible baclofen withdrawal \u2014 call emergency services now"),
    ("he took too many tablets", "EMERGENCY: possible baclofen overdose"),
    ("my legs ache", "EMERGENCY: the guide lists muscle pain as a possible overdose sign"),
    ("blurry vision", "EMERGENCY: the guide lists blurred vision as a possible overdose sign"),
])
def test_emergency_names_its_cause(triage, context, said, words):
    assert headline(triage.assess(said), context).startswith(words)


def test_overdose_is_named_only_when_it_is_the_cause(triage, context):
    assert "overdose" not in headline(triage.assess("stopped baclofen and has a fever"),
                                      context)


def test_a_listed_sign_alone_stands_alone(triage):
    assert stands_alone(triage.assess("my legs ache"))
    assert not stands_alone(triage.assess("took too many tablets and my legs ache"))
    assert not stands_alone(triage.assess("ears ringing"))


@pytest.mark.parametrize(("said", "when"), [
    ("ears ringing", "CONTACT DOCTOR today: ringing in the ears."),
    ("diarrhoea", "CONTACT DOCTOR at the next routine contact: diarrhea."),
    ("diarrhoea and ears ringing", "CONTACT DOCTOR today: "),
    ("stopped baclofen suddenly", "CONTACT DOCTOR today: risk of baclofen withdrawal."),
])
def test_contact_doctor_says_when(triage, context, said, when):
    result = triage.assess(said)
    assert result.overall == "contact_doctor"  # the tier never moves
    # An open red flag the call raised (withdrawal signs) puts "Partly understood" first.
    assert headline(result, context).split("Read so far: ")[-1].startswith(when)


def test_denials_alone_are_not_nothing_entered(triage, context):
    result = triage.assess("no chest pain")
    assert headline(result, context) != "Nothing entered."
    assert "denials" in headline(result, context)
    assert "Denied (not counted): chest pain" in chart_note(result, context, WHEN)


def test_chart_note_holds_alerts_with_their_source_and_what_was_said(triage, context):
    note = chart_note(triage.assess("ran out of baclofen yesterday, now hallucinating"),
                      context, WHEN)
    assert "[Emergency] Possible baclofen withdrawal" in note
    assert '"ran out of baclofen"' in note and "Boxed warning (LOINC 34066-1)" in note


def test_chart_note_says_when_to_act_and_why_not_how_often(triage, context):
    note = chart_note(triage.assess("legs ache, diarrhoea"), context, WHEN)
    assert "listed as: overdose sign; act now" in note
    assert "act at the next routine contact" in note
