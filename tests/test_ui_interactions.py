import pytest
from PySide6.QtCore import Qt

from desktop.ui.main_window import TAB_KEYS


@pytest.fixture
def tab(window):
    window.tabs.setCurrentIndex(TAB_KEYS.index("interactions"))
    return window.tab("interactions")


def test_class_member_lookup(qtbot, tab):
    qtbot.keyClicks(tab.lookup, "oxycodone")
    text = tab.answer.toPlainText()
    assert "Major" in text and "oxycodone" in text and "Opioids" in text


def test_brand_lookup(tab):
    tab.lookup.setText("Valium")
    assert "diazepam" in tab.answer.toPlainText() and "Moderate" in tab.answer.toPlainText()


def test_unknown_name_is_not_called_safe(tab):
    tab.lookup.setText("ibuprofen")
    assert tab.answer.toPlainText() == (
        "ibuprofen: No interaction listed in this guide. This does not mean the combination "
        "is safe; ask the pharmacist.")


def test_lookup_text_is_escaped(tab):
    tab.lookup.setText("<img src='http://example.com/x.png'>")
    assert "<img" in tab.answer.toPlainText()


def test_table_lists_every_interaction_sortable(tab, monograph):
    proxy = tab.proxy
    assert proxy.rowCount() == len(monograph.interactions)
    severities = [proxy.index(r, 1).data() for r in range(proxy.rowCount())]
    assert severities == sorted(severities, key=["Major", "Moderate", "Avoid"].index)
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)


def test_table_model(qtmodeltester, tab):
    qtmodeltester.check(tab.model)
