"""The phone-call workflow (issue #17): no lost keystrokes, records that record, urgency
inside the tier, keys, focus and wording."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from devtools.repo import pdf_text


def type_into_focus(qtbot, text: str) -> None:
    """Keys as a person types them: each goes wherever the keyboard focus is now."""
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)


@pytest.fixture
def checker(window):
    window.activate_page("symptom_checker")
    return window.pages["symptom_checker"]


# No lost keystrokes ------------------------------------------------------------------


def test_clear_then_typing_keeps_the_denial(qtbot, checker):
    """Alt+L (Clear) straight after a complaint, then typing at once."""
    type_into_focus(qtbot, "dizzy")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checker.view.entries.count() == 1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    type_into_focus(qtbot, "no chest pain")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checker.view.entries.count() == 1)
    assert checker.view.entries.item(0).text() == "no chest pain"
    assert checker.result.negated == ("chest pain",)


@pytest.mark.parametrize("name", ["copy", "zoom_in", "zoom_reset", "theme_next"])
def test_typing_straight_after_a_window_command_is_kept(qtbot, window, checker, name):
    checker.view.entry.setFocus()
    window.actions_by_name[name].trigger()
    type_into_focus(qtbot, "ears ringing")
    assert checker.view.entry.text() == "ears ringing"


# Records ------------------------------------------------------------------------------


def test_copy_from_anywhere_on_the_checker_copies_the_chart_note(qtbot, window, checker):
    checker.view.sentence.setPlainText("stopped baclofen suddenly and now has a fever")
    checker.view.checklist.setFocus()
    QTest.keySequence(checker.view.checklist, QKeySequence("Ctrl+Shift+C"))
    # The shortcut eats the release, so QTest would keep Shift held for later tests.
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Control):
        QTest.keyRelease(checker.view.checklist, key)
    note = QGuiApplication.clipboard().text()
    assert "Possible baclofen withdrawal" in note and "Boxed warning" in note
    assert window.statusBar().currentMessage() == "Copied chart note"


def test_menu_and_button_export_the_same_record(window, checker, pdf_target, private_home):
    checker.view.sentence.setPlainText("my legs ache, no chest pain")
    window.export_current()
    from_menu = pdf_text(pdf_target)
    checker.view.buttons["pdf"].click()
    assert pdf_text(pdf_target) == from_menu
    assert "muscle pain as a possible overdose sign" in from_menu
    assert "Denied (not counted): chest pain" in from_menu
    assert window.statusBar().currentMessage() == f"Saved {pdf_target}"


def test_precautions_menu_export_gives_the_ticks(window, pdf_target):
    page = window.show_page("precautions")
    from desktop.ui import checklist

    item = next(i for i in checklist.items(page.view.checklist) if i.text() == "Pregnant")
    item.setCheckState(Qt.CheckState.Checked)
    window.export_current()
    text = pdf_text(pdf_target)
    assert "precautions check: Baclofen" in text and "withdrawal after birth" in text


def test_interactions_record_names_the_drugs_and_holds_the_table(window, pdf_target):
    page = window.show_page("interactions")
    page.view.lookup.setText("Valium 5mg, omeprazole")
    window.export_current()
    text = " ".join(pdf_text(pdf_target).split())
    assert "Checked: Valium 5mg, omeprazole" in text
    assert "Valium 5mg: MODERATE, diazepam" in text and "omeprazole: No interaction" in text
    assert "Every listed interaction" in text and "Opioids" in text
    window.copy_current()
    assert "Valium 5mg: MODERATE" in QGuiApplication.clipboard().text()


def test_save_dialog_opens_in_documents_then_the_last_folder(window, monkeypatch, tmp_path,
                                                               private_home):
    from desktop.ui import dialogs

    asked = []
    chosen = tmp_path / "notes" / "mine.pdf"
    chosen.parent.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_path",
                        lambda *args: asked.append(args[2]) or chosen)
    window.export_current()
    window.export_current()
    assert asked[0].startswith(str(private_home / "Documents"))
    assert asked[1].startswith(str(chosen.parent))


# Urgency and wording --------------------------------------------------------------------


def test_banner_and_results_say_why_a_single_ache_is_red(checker):
    wanted = []
    checker.questionWanted.connect(wanted.append)
    checker.view.sentence.setPlainText("my legs ache")
    assert checker.result.overall == "emergency"
    assert "muscle pain as a possible overdose sign" in checker.view.banner.message
    row = checker.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Why: the guide lists muscle pain" in row
    assert wanted and wanted[-1] == "overdose"


def test_contact_doctor_shows_when(checker):
    checker.view.sentence.setPlainText("diarrhoea")
    assert checker.view.banner.message.startswith("CONTACT DOCTOR at the next routine contact")
    checker.view.sentence.setPlainText("diarrhoea, ears ringing")
    assert checker.view.banner.message.startswith("CONTACT DOCTOR today")
    assert checker.result.overall == "contact_doctor"


def test_alerts_are_listed_in_the_results(checker):
    checker.view.sentence.setPlainText("ran out of baclofen, now hallucinating")
    first = checker.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert first.startswith("Emergency: Possible baclofen withdrawal")


def test_denials_alone_do_not_say_nothing_entered(checker):
    checker.view.sentence.setPlainText("no chest pain")
    assert "Nothing entered" not in checker.view.banner.message


@pytest.mark.parametrize("where", ["entry", "sentence"])
def test_context_about_the_drug_is_not_a_complaint(qtbot, checker, where):
    """Typed as a complaint or pasted as what was said, the context is no complaint, and
    a complaint beside it still counts."""
    if where == "entry":
        type_into_focus(qtbot, "my husband takes baclofen")
        qtbot.keyClick(checker.view.entry, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: checker.view.entries.count() == 1)
    else:
        checker.view.sentence.setPlainText("my husband takes baclofen")
    rows = [checker.model.index(r).data(Qt.ItemDataRole.AccessibleTextRole)
            for r in range(checker.model.rowCount())]
    assert not checker.result.unlisted and rows == []
    checker.view.sentence.setPlainText("my husband takes baclofen and he is dizzy")
    assert [m.effect.name for m in checker.result.symptoms] == ["dizziness"]
    assert not checker.result.unlisted


def test_side_effects_table_says_why_for_overdose_signs(window):
    text = window.show_page("side_effects").printable().toPlainText()
    assert "Why" in text and "How often" in text


# Keys and focus ------------------------------------------------------------------------------


def test_f1_lists_every_registered_shortcut(window, dialog_log):
    window.show_shortcuts()
    text = dialog_log[0][1]
    assert text.startswith("<table>")
    for action in window.actions_by_name.values():
        for key in action.shortcuts():
            assert key.toString(key.SequenceFormat.NativeText) in text, action.text()
    for wanted in ("Copy record", "Alt+L", "Export PDF", "Next theme"):
        assert wanted in text


def test_theme_shortcut_cycles_the_theme(window):
    before = window.controller.theme()
    window.actions_by_name["theme_next"].trigger()
    assert window.controller.theme() != before


def test_focus_after_a_restart_is_the_current_tab_s_first_input(qtbot, make_window):
    first = make_window()
    first.activate_page("symptom_checker")
    first.close()
    second = make_window()
    qtbot.waitUntil(lambda: second.focusWidget() is not None)
    assert second.focusWidget() is second.pages["symptom_checker"].view.entry


def test_banner_icon_follows_ctrl_0(window, checker):
    checker.view.sentence.setPlainText("ears ringing")
    small = checker.view.banner.icon.pixmap().height()
    window.controller.set_zoom(200)
    assert checker.view.banner.icon.pixmap().height() > small
    window.actions_by_name["zoom_reset"].trigger()
    assert checker.view.banner.icon.pixmap().height() == small


# Layout ---------------------------------------------------------------------------------------


def test_first_run_size_fits_a_small_screen():
    from PySide6.QtCore import QSize

    from desktop.ui.main_window import FIRST_RUN_SIZE, first_run_size

    assert first_run_size(QSize(1024, 570)) == QSize(1024, 570)
    assert first_run_size(QSize(1920, 1050)) == FIRST_RUN_SIZE


def _contrast(a, b) -> float:
    def luminance(color):
        def channel(c):
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(color.red()) + 0.7152 * channel(color.green())
                + 0.0722 * channel(color.blue()))
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_dark_theme_inputs_have_a_visible_edge_and_cards_are_dark(window, checker):
    from PySide6.QtGui import QColor, QPalette

    from desktop.ui.theme import palette_for

    dark = palette_for("dark")
    edge, background = dark.color(QPalette.ColorRole.Mid), dark.color(QPalette.ColorRole.Window)
    assert _contrast(edge, background) >= 3
    window.controller.set_theme("dark")
    checker.view.sentence.setPlainText("ears ringing")
    card = checker.model.index(0).data(Qt.ItemDataRole.BackgroundRole)
    text = checker.model.index(0).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(card, QColor) and card.lightness() < 100
    assert _contrast(card, text) >= 4.5


def test_side_effects_tab_shows_label_danger_signs_and_any_patient_signs(window, monograph):
    text = window.show_page("side_effects").printable().toPlainText()
    assert "Danger signs from the label" in text and "Emergency signs for any patient" in text
    assert "Possible baclofen withdrawal" in text and "Boxed warning (LOINC 34066-1)" in text
    for sign in (f for f in monograph.triage.findings if f.kind == "sign"):
        assert sign.name.capitalize() in text
