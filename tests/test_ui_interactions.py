import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def tab(window):
    return window.show_page("interactions")


def test_class_member_lookup(qtbot, tab):
    qtbot.keyClicks(tab.view.lookup, "oxycodone")
    text = tab.view.answer.toPlainText()
    assert "Major" in text and "oxycodone" in text and "Opioids" in text


def test_brand_lookup(tab):
    tab.view.lookup.setText("Valium")
    answer = tab.view.answer.toPlainText()
    assert "diazepam" in answer and "Moderate" in answer


def test_two_cns_depressants_show_one_combined_warning_above_the_lines(tab, monograph):
    tab.view.lookup.setText("oxycodone, Valium")
    answer = tab.view.answer.toPlainText()
    warning = monograph.combined_warning
    assert answer.count(warning.title) == 1 and "Ozobax label (US)" in answer
    assert answer.index(warning.title) < answer.index("oxycodone") < answer.index("diazepam")
    printed = tab.printable().toPlainText()
    assert warning.title.upper() in printed and "4.5" in printed


def test_unknown_name_is_not_called_safe(tab):
    tab.view.lookup.setText("omeprazole")
    assert tab.view.answer.toPlainText() == (
        "omeprazole: No interaction listed in this guide. This does not mean the combination "
        "is safe; ask the pharmacist.")


def test_lookup_text_is_escaped(tab):
    tab.view.lookup.setText("<img src='http://example.com/x.png'>")
    assert "<img" in tab.view.answer.toPlainText()


def test_table_lists_every_interaction_sortable(tab, monograph):
    proxy = tab.proxy
    assert proxy.rowCount() == len(monograph.interactions)
    severities = [proxy.index(r, 1).data() for r in range(proxy.rowCount())]
    assert severities == sorted(severities, key=["Avoid", "Major", "Moderate"].index)
    tab.view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)


def test_table_model(qtmodeltester, tab):
    qtmodeltester.check(tab.model)


def test_tab_leaves_the_table_in_one_press_and_arrows_move_inside(qtbot, window, tab):
    window.show()
    table = tab.view.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1 and table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Backtab)
    assert not table.hasFocus()


def test_four_drugs_answers_show_whole_and_tab_reaches_them(qtbot, window, tab):
    window.resize(1366, 768)
    window.show()
    tab.view.lookup.setText("valium 5mg, tramadol 50 mg, ibuprofen and cetirizine")
    answer = tab.view.answer
    assert answer.verticalScrollBar().maximum() == 0  # nothing cut off in the box
    for drug in ("valium", "tramadol", "ibuprofen", "cetirizine"):
        assert drug in answer.toPlainText()
    assert answer.visibleRegion().boundingRect().height() == answer.height()  # unscrolled
    tab.view.lookup.setFocus()
    qtbot.keyClick(tab.view.lookup, Qt.Key.Key_Tab)
    assert answer.hasFocus()
