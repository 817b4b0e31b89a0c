"""The symptom checker tab, driven as staff would drive it."""

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication

from desktop.ui.pages.checker import TierRole
from devtools.phrasings import DREADED
from devtools.repo import pdf_text


@pytest.fixture
def checker(window):
    return window.show_page("symptom_checker")


def tiers(checker):
    model = checker.model
    return [model.index(row).data(TierRole) for row in range(model.rowCount())]


def test_starts_empty(checker):
    assert checker.view.banner.tier == "none"
    assert checker.model.rowCount() == 0


def test_typing_cant_breathe_shows_the_emergency_banner(qtbot, checker):
    qtbot.keyClicks(checker.view.entry, "can't breathe")
    qtbot.keyClick(checker.view.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checker.view.entries.count() == 1)
    assert checker.view.banner.tier == "emergency"
    assert checker.view.banner.message.endswith("call emergency services now")
    assert checker.view.banner.isVisible()
    assert checker.view.entries.count() == 1 and checker.view.entry.text() == ""
    assert tiers(checker) == ["emergency"]


def test_banner_has_icon_and_words_not_just_colour(checker):
    checker.view.sentence.setPlainText("ears ringing")
    pixmap = checker.view.banner.icon.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert "CONTACT DOCTOR" in checker.view.banner.message
    row = checker.model.index(0)
    assert "Contact doctor" in row.data(Qt.ItemDataRole.DisplayRole)
    assert "Contact doctor" in row.data(Qt.ItemDataRole.AccessibleTextRole)


def test_common_banner(checker):
    checker.view.sentence.setPlainText("a bit constipated")
    assert checker.view.banner.tier == "common"


def test_pasted_sentence_updates_as_typed(qtbot, checker):
    qtbot.keyClicks(checker.view.sentence, "dizzy and my ears ring")
    assert checker.view.banner.tier == "contact_doctor"
    assert tiers(checker) == ["contact_doctor", "common"]


def test_checklist_for_mouse_users(checker):
    assert checker.view.checklist.count() == 24
    seizures = next(checker.view.checklist.item(i) for i in range(24)
                    if checker.view.checklist.item(i).text() == "Seizures")
    seizures.setCheckState(Qt.CheckState.Checked)
    assert checker.view.banner.tier == "emergency"
    seizures.setCheckState(Qt.CheckState.Unchecked)
    assert checker.view.banner.tier == "none"


def test_negated_and_unlisted_are_shown(checker):
    checker.view.sentence.setPlainText("no chest pain, itchy rash")
    assert tiers(checker) == ["negated", "unlisted"]
    texts = [checker.model.index(r).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(2)]
    assert "Chest pain" in texts[0] and "itchy rash" in texts[1]
    assert checker.result.overall == "unlisted"
    assert checker.view.banner.tier == "partly_understood"  # a rash is not explained


def test_entries_are_removable(qtbot, checker):
    for text in ("seizures", "headache"):
        checker.view.entry.setText(text)
        checker.add_entry()
    assert checker.view.banner.tier == "emergency"
    checker.view.entries.setCurrentRow(0)
    checker.view.entries.setFocus()
    qtbot.keyClick(checker.view.entries, Qt.Key.Key_Delete)
    assert [checker.view.entries.item(i).text() for i in range(checker.view.entries.count())] == [
        "headache"]
    assert checker.view.banner.tier == "common"
    checker.view.remove_button.click()
    assert checker.view.entries.count() == 0 and checker.view.banner.tier == "none"


def test_blank_entry_is_ignored(checker):
    checker.view.entry.setText("   ")
    checker.add_entry()
    assert checker.view.entries.count() == 0


def test_completion_offers_lay_terms(checker):
    completer = checker.view.entry.completer()
    completer.setCompletionPrefix("ringing")
    offered = [completer.completionModel().index(r, 0).data()
               for r in range(completer.completionModel().rowCount())]
    assert "ringing in the ears" in offered and "ringing in my ear" in offered


def test_clear(checker):
    checker.view.sentence.setPlainText("seizures")
    checker.view.entry.setText("dizzy")
    checker.add_entry()
    checker.view.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    checker.view.buttons["clear"].click()
    assert checker.view.banner.tier == "none" and checker.model.rowCount() == 0
    assert checker.view.sentence.toPlainText() == "" and checker.view.entries.count() == 0
    assert checker.picked() == []


def test_copy_summary_for_the_chart(checker, database):
    checker.view.sentence.setPlainText("had a fit, no chest pain")
    checker.view.buttons["copy"].click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Drug Guide symptom check: Baclofen")
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text)
    assert f"content version {database.info.content_version}" in text
    assert "EMERGENCY" in text and "seizures" in text and "Denied (not counted): chest pain" in text


def test_export_pdf_contains_tier_and_symptoms(checker, pdf_target):
    checker.view.sentence.setPlainText("blurred vision and ears ringing")
    checker.view.buttons["pdf"].click()
    text = pdf_text(pdf_target)
    assert "EMERGENCY" in text
    assert "blurred vision" in text and "ringing in the ears" in text


def test_print(checker, pdf_target):
    checker.view.sentence.setPlainText("headache")
    checker.view.buttons["print"].click()
    assert "headache" in pdf_text(pdf_target)


def test_result_model(qtmodeltester, checker):
    checker.view.sentence.setPlainText("dizzy, no chest pain, rash, seizures")
    qtmodeltester.check(checker.model)


@pytest.mark.parametrize("text", ["\x00\x01", "🙂" * 500, "a" * 20_000, "<b>bold</b> <img src=x>",
                                  "'; DROP TABLE x;--"])
def test_hostile_text_is_shown_as_text(checker, text):
    checker.view.sentence.setPlainText(text)
    rows = [checker.model.index(r).data(Qt.ItemDataRole.DisplayRole)
            for r in range(checker.model.rowCount())]
    assert all("<img src=x>" not in row for row in rows)


def test_choosing_a_completion_adds_it(qtbot, checker):
    completer = checker.view.entry.completer()
    qtbot.keyClicks(checker.view.entry, "tinnit")
    popup = completer.popup()
    assert popup.isVisible()
    # The offscreen platform cannot grab the keyboard for the popup, so choose by mouse.
    rect = popup.visualRect(popup.model().index(0, 0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: checker.view.entries.count() == 1)
    # A stale second add would be a zero-delay timer already queued; one queued after it
    # fires later, so once it has, any stale add has landed.
    flushed = QTimer()
    flushed.setSingleShot(True)
    with qtbot.waitSignal(flushed.timeout):
        flushed.start(0)
    assert [checker.view.entries.item(i).text() for i in range(checker.view.entries.count())] == [
        "tinnitus"]
    assert checker.view.banner.tier == "contact_doctor"


@pytest.mark.parametrize(("text", "overall", "alert"), DREADED)
def test_dreaded_calls_in_the_window(checker, text, overall, alert):
    checker.view.sentence.setPlainText(text)
    assert checker.view.banner.tier == overall
    assert alert in {a.id for a in checker.result.alerts}


def test_enter_adds_the_complaint_while_the_completion_list_shows(qtbot, checker):
    entry = checker.view.entry
    entry.setFocus()
    qtbot.keyClicks(entry, "dizzy")
    entry.completer().complete()  # the list is up, as on a slow machine
    assert entry.completer().popup().isVisible()
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checker.view.entries.count() == 1)
    assert not entry.completer().popup().isVisible()
    assert checker.view.banner.tier == "common"


# The record is what was said (issue #22)


def test_text_typed_but_not_added_is_read(qtbot, checker):
    qtbot.keyClicks(checker.view.entry, "he's not breathing")
    assert checker.view.entries.count() == 0
    assert checker.view.banner.tier == "emergency"
    checker.view.buttons["copy"].click()
    note = QGuiApplication.clipboard().text()
    assert "No symptoms entered" not in note and "\"he's not breathing\"" in note


def test_the_chart_note_quotes_the_callers_words_verbatim(checker):
    said = "Gran's ever so DIZZY since Tuesday, honestly... and her ears ring"
    checker.view.sentence.setPlainText(said)
    checker.view.buttons["copy"].click()
    assert f'Caller\'s words, as entered: "{said}"' in QGuiApplication.clipboard().text()


def test_fever_puts_the_pump_question_on_the_ask_line(checker):
    checker.view.sentence.setPlainText("she has a temperature and seems muddled")
    assert "Do they have a baclofen pump" in checker.view.ask.text()


def test_an_uncertain_result_never_shows_a_settled_banner(monkeypatch, checker):
    """Whatever tier the words gave, below emergency the net's doubt is what shows."""
    assess_all = checker.triage.assess_all

    def doubtful(*args, **kwargs):
        result = assess_all(*args, **kwargs)
        return replace(result, uncertain=True, unexplained=("gone a funny colour",))

    monkeypatch.setattr(checker.triage, "assess_all", doubtful)
    for said in ("a bit constipated", "no headache", "sore knee"):
        checker.view.sentence.setPlainText(said)
        banner = checker.view.banner
        assert banner.tier == "partly_understood", said
        assert banner.message.startswith("PARTLY UNDERSTOOD: ask the red flags")
        assert '"gone a funny colour"' in banner.message
        assert checker.view.ask.isVisible() and checker.view.ask.text().startswith("Ask: ")
    checker.view.buttons["copy"].click()
    assert 'Not understood (ask about these): "gone a funny colour"' in (
        QGuiApplication.clipboard().text())
    checker.view.sentence.setPlainText("he won't wake up")
    assert checker.view.banner.tier == "emergency"


@pytest.fixture
def asked(monkeypatch):
    """Each quit question asked, answered with the first of `replies` (Cancel when none)."""
    from desktop.ui import dialogs

    questions: list[str] = []
    replies: list[bool] = []

    def confirm(_parent, _title, text, _action):
        questions.append(text)
        return replies.pop(0) if replies else False

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return questions, replies


def test_quitting_with_an_unsaved_call_asks_first(window, checker, asked):
    questions, _ = asked
    window.show()
    checker.view.sentence.setPlainText("ears ringing")
    window.actions_by_name["quit"].trigger()  # File > Quit, Ctrl+Q where the platform has it
    assert len(questions) == 1 and "chart note" in questions[0]
    assert window.isVisible()  # Cancel kept the call
    checker.copy_record()
    assert not checker.has_unsaved_work()
    window.close()
    assert len(questions) == 1 and not window.isVisible()  # copied: no question


def test_quitting_asks_and_quits_when_told(window, checker, asked):
    questions, replies = asked
    checker.view.entry.setText("dizzy")
    replies.append(True)
    window.close()
    assert len(questions) == 1 and not window.isVisible()


def test_an_empty_window_quits_without_asking(window, checker, asked):
    window.close()
    assert asked[0] == [] and not window.isVisible()


def test_ctrl_z_brings_back_a_cleared_call_until_the_next_starts(qtbot, window, checker):
    window.show()
    checker.view.entry.setText("ears ringing")
    checker.add_entry()
    checker.view.sentence.setPlainText("and dizzy")
    checker.view.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    checker.view.questions.answers["awake"] = "normal"
    before = checker.call_input()
    tier = checker.view.banner.tier
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert not checker.call_input()
    qtbot.keyClick(checker.view.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert checker.call_input() == before and checker.view.banner.tier == tier
    checker.clear()
    qtbot.keyClicks(checker.view.entry, "r")  # the next call starts
    qtbot.keyClick(checker.view.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert checker.view.entries.count() == 0 and checker.view.sentence.toPlainText() == ""
