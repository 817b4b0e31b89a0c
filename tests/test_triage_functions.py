"""Not being able to do something normal is a finding (issue 22, item 1): every
inability form over every normal function, with filler words around it, is the
function's finding, never a denial."""

import tomllib
from pathlib import Path

import pytest

from desktop.content.schema import urgency

SIGNS = tomllib.loads((Path(__file__).resolve().parents[1] / "db/content/signs.toml")
                      .read_text(encoding="utf-8"))
FORMS = SIGNS["inability"]["forms"]
FUNCTIONS = [(row["target"], row["words"][0]) for row in SIGNS["function"]]
FRAMES = ["{phrase}", "my husband {phrase}", "I think she {phrase} now",
          "um, he {phrase} since this morning"]


def _phrase(form: str, word: str) -> str:
    return form.replace("...", word) if "..." in form else f"{form} {word}"


@pytest.mark.parametrize(("target", "word"), FUNCTIONS)
@pytest.mark.parametrize("form", FORMS)
def test_an_inability_is_the_function_s_finding(triage, target, word, form):
    """At least the finding's tier (a term another target already lists, such as
    "can't breathe", keeps its owner of the same tier), and never a denial."""
    tier = triage.tiers[target]
    for frame in FRAMES:
        result = triage.assess(frame.format(phrase=_phrase(form, word)))
        assert urgency(result.overall) >= urgency(tier), (frame, form, word)
        assert result.negated == (), (frame, form, word)


@pytest.mark.parametrize(("text", "expected"), [
    ("she doesn't wake up when I shake her", "emergency"),
    ("he doesn't seem to be breathing", "emergency"),
    ("I think maybe he's a bit dizzy, and he doesn't seem to be breathing", "emergency"),
    ("unable to pass urine", "contact_doctor"),
])
def test_the_calls_from_the_issue(triage, text, expected):
    assert triage.assess(text).overall == expected


def test_unable_to_pass_urine_is_not_constipation(triage):
    assert "constipation" not in {m.effect.name for m in triage.assess(
        "unable to pass urine").symptoms}


def test_low_blood_pressure_is_not_depression(triage):
    assert "depression" not in {m.effect.name for m in triage.assess(
        "low blood pressure").symptoms}


@pytest.mark.parametrize("text", ["new slurred speech this morning",
                                  "her speech has been slurred since this morning"])
def test_new_slurred_speech_is_an_emergency(triage, text):
    assert triage.assess(text).overall == "emergency"


@pytest.mark.parametrize("text", ["confused and very drowsy, on dialysis",
                                  "he has kidney failure and he's very sleepy"])
def test_kidney_failure_with_drowsiness_or_confusion_is_a_sourced_alert(triage, text):
    alert = next(a for a in triage.assess(text).alerts if a.id == "renal_toxicity")
    assert alert.tier == "emergency"
    assert alert.source
