"""The guided questions in the checker, answered by keyboard alone."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.ui.questions_panel import QuestionRow


@pytest.fixture
def checker(window):
    return window.show_page("symptom_checker")


def say(qtbot, checker, text):
    """Type a complaint and press Enter, as on the phone."""
    checker.view.entry.setFocus()
    qtbot.waitUntil(checker.view.entry.hasFocus)
    qtbot.keyClicks(checker.view.entry, text)
    qtbot.keyClick(checker.view.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checker.view.entries.count() > 0 and checker.view.entry.text() == "")
    # The completion popup took the activation; the offscreen platform does not
    # hand it back by itself, and an inactive window moves no focus on Tab.
    checker.window().activateWindow()
    qtbot.waitUntil(lambda: checker.window().isActiveWindow() and checker.view.entry.hasFocus())


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), key, modifier)


def tab_to_question(qtbot, key):
    for _ in range(40):
        widget = focused()
        if isinstance(widget, QuestionRow) and widget.question.key == key:
            return widget
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached question {key!r}")


def answer(qtbot, checker, key, letter):
    row = tab_to_question(qtbot, key)
    press(qtbot, letter)
    assert checker.view.questions.answers[key]
    return row


def test_no_questions_until_the_first_complaint(qtbot, checker):
    assert checker.view.questions.rows == {} and checker.view.questions.empty.isVisible()
    assert not checker.view.ask.isVisible()
    say(qtbot, checker, "drowsy")
    assert list(checker.view.questions.rows)[:3] == ["awake", "breathing", "overdose"]
    assert checker.view.ask.isVisible() and checker.view.ask.text().startswith("Ask: ")
    assert "Are they breathing normally?" in checker.view.ask.text()


def test_tab_from_the_complaint_reaches_the_first_question(qtbot, checker):
    say(qtbot, checker, "drowsy")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert isinstance(focused(), QuestionRow) and focused().question.key == "awake"


def test_every_question_answered_by_keyboard_alone(qtbot, checker):
    """Y / N / U or a digit answers, Tab moves on; Alt+Q finds any question that
    opened behind the focus. Each answer updates the banner at once."""
    say(qtbot, checker, "drowsy")
    assert checker.view.banner.tier == "common"
    keys = {"awake": Qt.Key.Key_1, "breathing": Qt.Key.Key_Y, "overdose": Qt.Key.Key_N,
            "fever": Qt.Key.Key_N, "pump": Qt.Key.Key_Y, "alarm": Qt.Key.Key_N,
            "refill": Qt.Key.Key_U, "stopped": Qt.Key.Key_N, "ran_out": Qt.Key.Key_N,
            "missed": Qt.Key.Key_N, "sedatives": Qt.Key.Key_4,
            "withdrawal_signs": Qt.Key.Key_7}
    tab_to_question(qtbot, "awake")
    for _ in range(60):
        row = focused()
        if not isinstance(row, QuestionRow):
            press(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
            row = focused()
            if not (isinstance(row, QuestionRow) and row.question.key not in
                    checker.view.questions.answers):
                break
        if row.question.key not in checker.view.questions.answers:
            press(qtbot, keys[row.question.key])
            assert focused() is row  # the answer keeps the focus on its question
        press(qtbot, Qt.Key.Key_Tab)
    shown = [a.question.key for a in checker.result.questions]
    assert set(shown) == set(keys)
    assert all(a.answer for a in checker.result.questions)
    # The pump answer opened the withdrawal questions; with "none of these" and no
    # alarm it is the contact-doctor withdrawal risk, and "refill: unknown" keeps
    # nothing lower.
    assert checker.view.banner.tier == "contact_doctor"
    assert [a.id for a in checker.result.alerts] == ["withdrawal_risk"]
    assert not checker.view.ask.isVisible()


def test_pump_withdrawal_call_by_keyboard(qtbot, checker):
    """Pump yes, alarm yes, fever yes: the banner rises with each answer."""
    say(qtbot, checker, "he seems unwell")
    assert checker.view.banner.tier == "partly_understood"  # "unwell" is not explained
    tiers = []
    for key in ("pump", "alarm", "fever"):
        answer(qtbot, checker, key, Qt.Key.Key_Y)
        tiers.append((checker.result.overall, checker.view.banner.tier))
    # "Unwell" stays unexplained, so the banner says so until the emergency.
    assert tiers == [("contact_doctor", "partly_understood"),
                     ("contact_doctor", "partly_understood"), ("emergency", "emergency")]
    assert checker.result.alerts[0].id == "withdrawal"
    assert "EMERGENCY" in checker.view.banner.message
    first = checker.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert first.startswith("Emergency: Possible baclofen withdrawal")


def test_a_follow_up_question_is_next_on_tab(qtbot, checker):
    say(qtbot, checker, "he's really stiff")
    answer(qtbot, checker, "pump", Qt.Key.Key_Y)
    assert checker.view.banner.tier == "emergency"  # the pump with rigid muscles
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().question.key == "alarm"


def test_overdose_yes_with_drowsiness_is_an_emergency(qtbot, checker):
    say(qtbot, checker, "drowsy")
    answer(qtbot, checker, "overdose", Qt.Key.Key_Y)
    assert checker.view.banner.tier == "emergency"
    assert "overdose" in [a.id for a in checker.result.alerts]


def test_unknown_never_lowers_and_keeps_the_question_open(qtbot, checker):
    say(qtbot, checker, "had a fit")
    assert checker.view.banner.tier == "emergency"
    for key, unknown in (("awake", Qt.Key.Key_4), ("breathing", Qt.Key.Key_U),
                         ("overdose", Qt.Key.Key_U)):
        answer(qtbot, checker, key, unknown)
        assert checker.view.banner.tier == "emergency"
    assert "How awake are they?" in checker.view.ask.text()


def test_delete_clears_an_answer_and_a_link_answers(qtbot, checker):
    say(qtbot, checker, "drowsy")
    row = answer(qtbot, checker, "overdose", Qt.Key.Key_Y)
    assert checker.view.banner.tier == "emergency"
    press(qtbot, Qt.Key.Key_Delete)
    assert "overdose" not in checker.view.questions.answers and checker.view.banner.tier == "common"
    row.choices.linkActivated.emit("yes")  # what a click on "Y Yes" sends
    assert checker.view.questions.answers["overdose"] == "yes"
    assert "\u2714" in row.choices.text() and row.hasFocus()


def test_clear_resets_the_answers(qtbot, checker):
    say(qtbot, checker, "drowsy")
    answer(qtbot, checker, "overdose", Qt.Key.Key_Y)
    checker.view.buttons["clear"].click()
    assert checker.view.questions.answers == {} and checker.view.questions.rows == {}
    assert checker.view.banner.tier == "none" and not checker.view.ask.isVisible()
    say(qtbot, checker, "drowsy")
    assert checker.view.banner.tier == "common"
    assert all(a.answer is None for a in checker.result.questions)


def test_the_copied_summary_holds_every_answer(qtbot, checker):
    say(qtbot, checker, "drowsy")
    for key, letter in (("awake", Qt.Key.Key_1), ("breathing", Qt.Key.Key_U),
                        ("sedatives", Qt.Key.Key_2)):
        answer(qtbot, checker, key, letter)
    checker.copy_record()
    note = QGuiApplication.clipboard().text()
    assert "if they seem asleep. Awake and answering normally" in note
    assert "Are they breathing normally? Unknown" in note
    assert "drinking alcohol? Alcohol" in note
    assert "Drowsy with other sedating medicines or alcohol" in note
    assert "Could they have taken more baclofen than prescribed, or could a child have " \
           "swallowed some? Not answered" in note


def test_printed_summary_holds_the_answers(qtbot, checker, pdf_target):
    from devtools.repo import pdf_text

    say(qtbot, checker, "drowsy")
    answer(qtbot, checker, "overdose", Qt.Key.Key_Y)
    checker.export_record()
    text = pdf_text(pdf_target)
    assert "content version" in text and "Possible baclofen overdose" in text
    assert "could a child have swallowed some? Yes" in text


def test_u_answers_unknown_in_every_question_and_the_keys_are_said(qtbot, checker):
    checker.view.sentence.setPlainText("very drowsy")
    rows = checker.view.questions.rows
    assert "sedatives" in rows
    for key, row in list(rows.items()):
        row.setFocus()
        qtbot.keyClick(row, Qt.Key.Key_U)
        assert checker.view.questions.answers.get(key) == "unknown", key
        assert "U" in row.accessibleDescription()


def test_answer_links_take_the_new_themes_colour_at_once(checker, window):
    from PySide6.QtGui import QPalette

    window.controller.set_theme("light")
    checker.view.sentence.setPlainText("very drowsy")
    row = next(iter(checker.view.questions.rows.values()))
    window.controller.set_theme("dark")
    link = row.choices.palette().color(QPalette.ColorRole.Link).rgb()
    image = row.choices.grab().toImage()
    pixels = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    assert link in pixels  # the links' underline, drawn in the dark theme's link colour
