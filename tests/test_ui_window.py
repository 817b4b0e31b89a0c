"""The main window: tabs, keys, menus, settings, search, accessibility."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from desktop.ui.controller import ZOOM_STEPS
from desktop.ui.pages.registry import PAGE_KEYS
from desktop.ui.search_panel import HitRole
from desktop.ui.theme import TAB_ZOOM_CAP

TAB_TITLES = ["Overview", "How it works", "Uses", "Side effects", "Precautions",
              "Interactions", "Symptom checker", "Forms and strengths", "Intrathecal pump",
              "Sources"]


def test_title_and_tab_order(window):
    # The platform appends the display name once: "Baclofen \u2014 Drug Guide".
    assert window.windowTitle() == "Baclofen"
    assert QApplication.applicationDisplayName() == "Drug Guide"
    window.resize(1366, 768)  # room for the full titles (tests/test_ui_layout.py: less)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TAB_TITLES


def test_tabs_are_built_when_first_shown(window):
    assert len(window.pages) == 1
    window.tabs.setCurrentIndex(3)
    assert len(window.pages) == 2


def test_search_finds_what_pages_not_yet_built_hold(qtbot, window, search_for):
    """Search reads the content, not the widgets: a page never shown is found, and
    built when its result is opened."""
    qtbot.waitExposed(window)
    assert list(window.pages) == [PAGE_KEYS[0]]
    search_for(window, "Valium")
    model = window.search_panel.model
    hits = [model.index(row).data(HitRole) for row in range(model.rowCount())]
    hit = next(hit for hit in hits if hit.page == "interactions")
    assert "interactions" not in window.pages
    assert window.open_hit(hit)
    assert window.tabs.currentIndex() == PAGE_KEYS.index("interactions")
    assert set(window.pages) == {PAGE_KEYS[0], "interactions"}


@pytest.mark.parametrize("number", range(1, 10))
def test_ctrl_number_switches_tabs_and_focus(qtbot, window, number):
    window.activateWindow()
    window.search_field.setFocus()
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == number - 1
    target = window.page(PAGE_KEYS[number - 1]).focus_target
    qtbot.waitUntil(target.hasFocus)


def test_ctrl_7_then_typing_adds_a_complaint(qtbot, window):
    window.activateWindow()
    window.search_field.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    checker = window.page("symptom_checker")
    qtbot.waitUntil(checker.view.entry.hasFocus)
    qtbot.keyClicks(checker.view.entry, "cant breathe")
    qtbot.keyClick(checker.view.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checker.view.banner.tier == "emergency")


def test_drug_picker_hidden_for_one_drug(make_window, one_drug_db):
    assert not make_window(one_drug_db).drug_picker_action.isVisible()


def test_the_guide_opens_on_baclofen_with_tizanidine_in_the_picker(window):
    assert window.drug_picker_action.isVisible()
    assert [window.drug_picker.itemText(i) for i in range(window.drug_picker.count())] == [
        "Baclofen", "Tizanidine"]
    assert window.windowTitle() == "Baclofen"


def test_a_drug_without_a_pump_has_no_pump_tab(qtbot, window):
    pump = PAGE_KEYS.index("pump")
    window.show_page("pump")
    window.drug_picker.setCurrentIndex(1)
    window.drug_picker.activated.emit(1)
    assert window.windowTitle() == "Tizanidine"
    assert not window.tabs.isTabVisible(pump)
    assert window.tabs.currentIndex() == 0  # the open pump page gave way to the overview
    assert "pump" not in window.shown_page_keys()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    window.drug_picker.setCurrentIndex(0)
    window.drug_picker.activated.emit(0)
    assert window.tabs.isTabVisible(pump)


def test_drug_picker_for_two_drugs(make_window, two_drug_db):
    window = make_window(two_drug_db)
    assert window.drug_picker_action.isVisible()
    window.drug_picker.setCurrentIndex(1)
    window.drug_picker.activated.emit(1)
    assert window.windowTitle() == "Synthetine 0001"
    assert window.page("overview").monograph.name == "Synthetine 0001"


def test_search_hit_in_another_drug_switches_drug(make_window, two_drug_db, search_for):
    window = make_window(two_drug_db)
    search_for(window, "Synthetine")
    window.search_panel.open_current()
    assert window.windowTitle() == "Synthetine 0001"


def test_menus_and_shortcuts(window):
    actions = {a.text().replace("&", ""): a for menu in window.menuBar().findChildren(
        type(window.menuBar().actions()[0].menu())) for a in menu.actions()}
    assert actions["Print\u2026"].shortcut().toString() == "Ctrl+P"
    assert actions["Zoom in"].shortcut().toString() == "Ctrl++"
    assert actions["Zoom out"].shortcut().toString() == "Ctrl+-"
    assert actions["Reset zoom"].shortcut().toString() == "Ctrl+0"
    for name in ("Export PDF\u2026", "Quit", "Load content pack\u2026", "Keyboard shortcuts",
                 "About Drug Guide", "Follow system", "Light", "Dark"):
        assert name in actions


def test_zoom_steps_and_reset(window):
    base = QApplication.font().pointSizeF()
    window.controller.step_zoom(1)
    assert window.controller.zoom == 110
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.1)
    for _ in range(20):
        window.controller.step_zoom(1)
    assert window.controller.zoom == ZOOM_STEPS[-1]
    window.controller.set_zoom(100)
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def test_zoom_reaches_widgets_and_documents_already_shown(window):
    base = QApplication.font().pointSizeF()
    overview = window.page("overview")
    window.controller.set_zoom(200)
    assert overview.font().pointSizeF() == pytest.approx(base * 2)
    assert overview.browser.document().defaultFont().pointSizeF() == pytest.approx(base * 2)
    # Tab titles grow too, up to the cap that keeps every tab in sight.
    assert window.tabs.tabBar().font().pointSizeF() == pytest.approx(base * TAB_ZOOM_CAP / 100)
    window.controller.set_zoom(100)
    assert overview.browser.document().defaultFont().pointSizeF() == pytest.approx(base)


def document_text_colour(page):
    cursor = QTextCursor(page.browser.document())
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    return cursor.charFormat().foreground().color().name()


def test_theme_switch_rerenders(window):
    """Documents already shown are rebuilt in the new colours, not only the palette."""
    overview = window.page("overview")
    window.controller.set_theme("dark")
    dark = QApplication.palette().text().color().name()
    assert document_text_colour(overview) == dark
    window.controller.set_theme("light")
    light = QApplication.palette().text().color().name()
    assert light != dark and document_text_colour(overview) == light
    window.controller.set_theme("system")


def test_settings_persist_across_restart(make_window, settings_dir):
    first = make_window()
    first.tabs.setCurrentIndex(4)
    first.controller.set_zoom(125)
    first.controller.set_theme("dark")
    first.resize(780, 560)  # the offscreen screen is 800x600
    first.close()
    second = make_window()
    assert second.tabs.currentIndex() == 4
    assert second.controller.zoom == 125
    assert second.controller.theme() == "dark"
    assert second.size().width() == 780
    second.controller.set_zoom(100)
    second.controller.set_theme("system")
    assert list(settings_dir.rglob("*.ini"))


def test_corrupt_settings_are_ignored(make_window, settings_dir):
    settings = QSettings()
    settings.setValue("geometry", "not geometry")
    settings.setValue("lastTab", 99)
    settings.setValue("zoom", 5000)
    settings.sync()
    window = make_window()
    assert window.tabs.currentIndex() == len(PAGE_KEYS) - 1
    assert window.controller.zoom == ZOOM_STEPS[-1]
    window.controller.set_zoom(100)


def test_unreadable_settings_fall_back_to_defaults(make_window, settings_dir):
    settings = QSettings()
    settings.setValue("zoom", "huge")
    settings.setValue("lastTab", "last")
    settings.sync()
    window = make_window()
    assert (window.controller.zoom, window.tabs.currentIndex()) == (100, 0)


def test_zoom_does_not_compound_across_windows(make_window):
    base = QApplication.font().pointSizeF()
    first = make_window()
    first.controller.set_zoom(150)
    second = make_window()
    second.controller.set_zoom(100)
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def test_search_opens_the_right_tab_and_highlights(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    with qtbot.waitSignal(window.search_runner.found, timeout=10_000):
        qtbot.keyClicks(window.search_field, "tinnitus")
    assert window.search_panel.isVisible()
    assert window.search_panel.model.rowCount() >= 1
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == PAGE_KEYS.index("side_effects")
    # The page names the symptom, not the lay word, so the symptom's row is what lights up.
    selections = window.page("side_effects").browser.extraSelections()
    assert selections[0].cursor.selectedText().lower().startswith("ringing in the ears")


def test_search_highlights_the_words_found(qtbot, window):
    window.search_field.setText("flexor")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == PAGE_KEYS.index("uses")
    marks = [s.cursor.selectedText().lower() for s in window.page("uses").browser.extraSelections()]
    # The word, and the first line of the block it was found in.
    assert "flexor" in marks and all("flexor" in mark for mark in marks)


def test_search_click_opens_hit(qtbot, window, search_for):
    search_for(window, "Valium")
    view = window.search_panel.view
    rect = view.visualRect(window.search_panel.model.index(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentIndex() == PAGE_KEYS.index("interactions")


def test_search_arrow_keys_and_escape(qtbot, window):
    window.search_field.setText("baclofen")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.search_panel.view.currentIndex().row() == 1
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == "" and not window.search_panel.isVisible()


@pytest.mark.parametrize("text", ['"', "AND", "NEAR(", "*", "(((", "a OR b", "🙂", "x" * 5000])
def test_any_search_text_is_safe(window, text, search_for):
    search_for(window, text)
    assert "result" in window.search_panel.status.text()


def test_search_results_model(qtmodeltester, window, search_for):
    search_for(window, "seizures")
    qtmodeltester.check(window.search_panel.model)


def test_every_control_is_named_and_focusable_by_keyboard(window):
    for index in range(len(PAGE_KEYS)):
        window.tabs.setCurrentIndex(index)
    window.page("symptom_checker").view.sentence.setPlainText("drowsy")  # shows the questions
    unnamed = []
    for widget in window.findChildren(QWidget):
        interactive = isinstance(widget, QAbstractButton | QLineEdit) or widget.inherits(
            "QAbstractItemView") or widget.inherits("QPlainTextEdit") or widget.inherits(
            "QComboBox")
        if not interactive or widget.inherits("QTabBar") or not widget.isVisibleTo(window):
            continue
        if widget.objectName().startswith("qt_") or widget.parent().inherits("QTabBar"):
            continue
        name = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
        if not name:
            unnamed.append(widget)
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus or not widget.isEnabled(), widget
    assert unnamed == []


def test_about_names_version_sources_and_disclaimer(window, dialog_log):
    window.show_about()
    title, text, _, _ = dialog_log[0]
    assert title == "About Drug Guide"
    version = window.content.database.info.content_version
    for fact in (f"Content version {version}", "bundled with the app", "Guide To Baclofen",
                 "Baclofen tablets label (US)", "Sources page", "does not replace",
                 "emergency number"):
        assert fact in text


def test_keyboard_shortcuts_dialog(window, dialog_log):
    window.show_shortcuts()
    assert "Ctrl+F" in dialog_log[0][1] and "Ctrl+P" in dialog_log[0][1]


def test_print_current_tab(window, pdf_target):
    window.tabs.setCurrentIndex(0)
    window.print_current()
    from devtools.repo import pdf_text

    assert "Dosing" in pdf_text(pdf_target)


def test_export_current_tab(window, pdf_target):
    window.tabs.setCurrentIndex(3)
    window.export_current()
    from devtools.repo import pdf_text

    text = pdf_text(pdf_target)
    assert "Seizures" in text and "Emergency" in text


def test_cancelled_export_writes_nothing(window, monkeypatch, tmp_path, private_home):
    from desktop.ui import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *args: asked.append(args[2]))
    monkeypatch.chdir(tmp_path)  # where a file named after the suggestion would land
    window.export_current()
    assert asked == [str(private_home / "Documents" / "baclofen-overview.pdf")]
    assert [p for p in [*tmp_path.rglob("*"), *private_home.rglob("*")] if p.is_file()] == []


def test_a_hit_is_scrolled_to_the_top_of_the_view(qtbot, window):
    window.resize(1366, 768)
    window.search_field.setText("Ozobax")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    browser = window.current_page().browser
    selections = browser.extraSelections()
    mark = QTextCursor(selections[0].cursor)
    mark.clearSelection()
    top = browser.cursorRect(mark).top()
    assert 0 <= top <= 2 * browser.fontMetrics().height() or \
        browser.verticalScrollBar().value() == browser.verticalScrollBar().maximum()


def test_escape_clears_the_highlights(qtbot, window):
    window.search_field.setText("flexor")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.page("uses").browser.extraSelections()
    window.search_field.setFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.page("uses").browser.extraSelections() == []


def test_sources_page_is_searchable(window):
    page = window.page("sources")
    page.search.setText("NDC 69528-302")
    text = page.browser.toPlainText()
    assert "Ozobax DS product listing" in text and "Lyvispah label" not in text
    page.search.setText("no such source anywhere")
    assert "No source mentions" in page.browser.toPlainText()
    page.search.clear()
    assert "Lyvispah label" in page.browser.toPlainText()
