"""The symptom checker tab, driven as staff would drive it."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.ui.checker import TierRole
from desktop.ui.main_window import CHECKER, TAB_KEYS
from tests.conftest import pdf_text


@pytest.fixture
def checker(window):
    window.tabs.setCurrentIndex(TAB_KEYS.index(CHECKER))
    return window.tab(CHECKER)


def tiers(checker):
    model = checker.model
    return [model.index(row).data(TierRole) for row in range(model.rowCount())]


def test_starts_empty(checker):
    assert checker.banner.tier == "none"
    assert checker.model.rowCount() == 0


def test_typing_cant_breathe_shows_the_emergency_banner(qtbot, checker):
    qtbot.keyClicks(checker.entry, "can't breathe")
    qtbot.keyClick(checker.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checker.entries.count() == 1)
    assert checker.banner.tier == "emergency"
    assert "Possible overdose: call emergency services now" in checker.banner.message
    assert checker.banner.isVisible()
    assert checker.entries.count() == 1 and checker.entry.text() == ""
    assert tiers(checker) == ["emergency"]


def test_banner_has_icon_and_words_not_just_colour(checker):
    checker.sentence.setPlainText("ears ringing")
    assert checker.banner.icon.pixmap() is not None and not checker.banner.icon.pixmap().isNull()
    assert "CONTACT DOCTOR" in checker.banner.message
    row = checker.model.index(0)
    assert "Contact doctor" in row.data(Qt.ItemDataRole.DisplayRole)
    assert "Contact doctor" in row.data(Qt.ItemDataRole.AccessibleTextRole)


def test_common_banner(checker):
    checker.sentence.setPlainText("a bit constipated")
    assert checker.banner.tier == "common"


def test_pasted_sentence_updates_as_typed(qtbot, checker):
    qtbot.keyClicks(checker.sentence, "dizzy and my ears ring")
    assert checker.banner.tier == "contact_doctor"
    assert tiers(checker) == ["contact_doctor", "common"]


def test_checklist_for_mouse_users(checker):
    assert checker.checklist.count() == 24
    seizures = next(checker.checklist.item(i) for i in range(24)
                    if checker.checklist.item(i).text() == "Seizures")
    seizures.setCheckState(Qt.CheckState.Checked)
    assert checker.banner.tier == "emergency"
    seizures.setCheckState(Qt.CheckState.Unchecked)
    assert checker.banner.tier == "none"


def test_negated_and_unlisted_are_shown(checker):
    checker.sentence.setPlainText("no chest pain, itchy rash")
    assert tiers(checker) == ["negated", "unlisted"]
    texts = [checker.model.index(r).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(2)]
    assert "Chest pain" in texts[0] and "itchy rash" in texts[1]
    assert checker.banner.tier == "unlisted"


def test_entries_are_removable(qtbot, checker):
    for text in ("seizures", "headache"):
        checker.entry.setText(text)
        checker.add_entry()
    assert checker.banner.tier == "emergency"
    checker.entries.setCurrentRow(0)
    checker.entries.setFocus()
    qtbot.keyClick(checker.entries, Qt.Key.Key_Delete)
    assert [checker.entries.item(i).text() for i in range(checker.entries.count())] == [
        "headache"]
    assert checker.banner.tier == "common"
    checker.remove_button.click()
    assert checker.entries.count() == 0 and checker.banner.tier == "none"


def test_blank_entry_is_ignored(checker):
    checker.entry.setText("   ")
    checker.add_entry()
    assert checker.entries.count() == 0


def test_completion_offers_lay_terms(checker):
    completer = checker.entry.completer()
    completer.setCompletionPrefix("ringing")
    offered = [completer.completionModel().index(r, 0).data()
               for r in range(completer.completionModel().rowCount())]
    assert "ringing in the ears" in offered and "ringing in my ear" in offered


def test_clear(checker):
    checker.sentence.setPlainText("seizures")
    checker.entry.setText("dizzy")
    checker.add_entry()
    checker.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    checker.buttons["clear"].click()
    assert checker.banner.tier == "none" and checker.model.rowCount() == 0
    assert checker.sentence.toPlainText() == "" and checker.entries.count() == 0
    assert checker.picked() == []


def test_copy_summary_for_the_chart(checker, database):
    checker.sentence.setPlainText("had a fit, no chest pain")
    checker.buttons["copy"].click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Drug Guide symptom check: Baclofen")
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text)
    assert f"content version {database.info.content_version}" in text
    assert "EMERGENCY" in text and "seizures" in text and "Denied (not counted): chest pain" in text


def test_export_pdf_contains_tier_and_symptoms(checker, pdf_target):
    checker.sentence.setPlainText("blurred vision and ears ringing")
    checker.buttons["pdf"].click()
    text = pdf_text(pdf_target)
    assert "EMERGENCY" in text
    assert "blurred vision" in text and "ringing in the ears" in text


def test_print(checker, pdf_target):
    checker.sentence.setPlainText("headache")
    checker.buttons["print"].click()
    assert "headache" in pdf_text(pdf_target)


def test_result_model(qtmodeltester, checker):
    checker.sentence.setPlainText("dizzy, no chest pain, rash, seizures")
    qtmodeltester.check(checker.model)


@pytest.mark.parametrize("text", ["\x00\x01", "🙂" * 500, "a" * 20_000, "<b>bold</b> <img src=x>",
                                  "'; DROP TABLE x;--"])
def test_hostile_text_is_shown_as_text(checker, text):
    checker.sentence.setPlainText(text)
    rows = [checker.model.index(r).data(Qt.ItemDataRole.DisplayRole)
            for r in range(checker.model.rowCount())]
    assert all("<img src=x>" not in row for row in rows)


def test_choosing_a_completion_adds_it(qtbot, checker):
    completer = checker.entry.completer()
    qtbot.keyClicks(checker.entry, "tinnit")
    popup = completer.popup()
    assert popup.isVisible()
    # The offscreen platform cannot grab the keyboard for the popup, so choose by mouse.
    rect = popup.visualRect(popup.model().index(0, 0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: checker.entries.count() == 1)
    qtbot.wait(50)  # a second, stale add would land here
    assert [checker.entries.item(i).text() for i in range(checker.entries.count())] == [
        "tinnitus"]
    assert checker.banner.tier == "contact_doctor"
