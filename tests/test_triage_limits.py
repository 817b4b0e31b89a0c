"""Triage time grows with the input, never faster, and the input is bounded (issue 25).

Hostile shapes that once took seconds (one endless sentence, a long list of denials,
"fine" after every word) are counted in function calls, not timed, at one length and
twice that. A complaint over the limit is refused by the command line and cut, with a
note, by the window."""

import io
import sys
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication

from desktop.cli import main
from desktop.triage.limits import MAX_COMPLAINT_CHARS, ComplaintTooLongError

# Each shape once made the reading of context quadratic or worse.
SHAPES = [
    "headache nausea no chest pain swollen legs dizzy and drowsy or weak, denies fever ",
    "denies headache, nausea, vomiting, dizziness, seizures, rash, ",
    "breathing is fine, sleeping fine, eyesight fine, walking normal, ",
    "had fits years ago and blackouts, maybe a rash but not sure, never again ",
    "I have a headache and some nausea, no chest pain. ",
]
LENGTH = 1_500


def _calls(work: Callable[[], object]) -> int:
    """How many functions (Python's and built-in ones) `work` calls."""
    count = 0

    def profile(_frame, event, _arg):
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def _text(shape: str, length: int) -> str:
    return (shape * (length // len(shape) + 1))[:length]


@pytest.mark.parametrize("shape", SHAPES)
def test_triage_work_grows_linearly(triage, shape):
    long = _text(shape, 2 * LENGTH)
    triage.assess(long)  # fills the caches of stems and spellings first
    once = _calls(lambda: triage.assess(_text(shape, LENGTH)))
    twice = _calls(lambda: triage.assess(long))
    assert twice <= 2.3 * once, (shape, once, twice)


def test_a_complaint_over_the_limit_is_refused_whole(triage):
    triage.assess("dizzy " * (MAX_COMPLAINT_CHARS // 6))  # within the limit: read
    with pytest.raises(ComplaintTooLongError, match="4,000 characters; this one has 4,001"):
        triage.assess("x" * (MAX_COMPLAINT_CHARS + 1))
    with pytest.raises(ComplaintTooLongError):
        triage.assess_all(["dizzy", "fit " * MAX_COMPLAINT_CHARS])


def test_the_command_line_refuses_a_long_complaint_in_one_line(capsys):
    code = main(["triage", "dizzy " * 20_000, "--json"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == ("drug-guide: error: a complaint may hold at most 4,000 characters; "
                   "this one has 120,000\n")


def test_a_long_stdin_line_names_its_line(monkeypatch, capsys):
    lines = f"dizzy\n{'fit ' * 2_000}\nrash\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    code = main(["triage", "-", "--json"])
    out, err = capsys.readouterr()
    assert code == 2 and len(out.splitlines()) == 1  # the line before was answered
    assert err.startswith("drug-guide: error: stdin line 2: a complaint may hold at most")
    assert err.count("\n") == 1


def test_pasting_130_kb_into_the_window_keeps_the_first_part(qtbot, window):
    """The boxes hold the limit, say so, and triage reads only what they hold."""
    checker = window.show_page("symptom_checker")
    pasted = "my legs feel heavy and I am dizzy. " * 3_800  # about 130 KB
    QApplication.clipboard().setText(pasted)
    assert not checker.view.limit_note.isVisibleTo(window)
    checker.view.sentence.paste()
    assert checker.view.sentence.toPlainText() == pasted[:MAX_COMPLAINT_CHARS]
    assert checker.view.limit_note.isVisibleTo(window)
    assert checker.result.overall == "common"  # read: dizziness
    checker.view.entry.paste()
    assert checker.view.entry.text() == pasted[:MAX_COMPLAINT_CHARS]
    checker.view.sentence.clear()
    checker.view.entry.clear()
    assert not checker.view.limit_note.isVisibleTo(window)
