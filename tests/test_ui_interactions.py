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
