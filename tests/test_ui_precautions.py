import pytest
from PySide6.QtCore import Qt

from devtools.repo import pdf_text


@pytest.fixture
def tab(window):
    return window.show_page("precautions")


def tick(tab, label):
    for row in range(tab.view.checklist.count()):
        item = tab.view.checklist.item(row)
        if item.text() == label:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(label)


def test_nothing_ticked(tab):
    assert tab.view.cautions.toPlainText() == ""
    assert not tab.view.print_button.isEnabled()


def test_ticking_brings_up_cautions(tab):
    tick(tab, "Kidney disease")
    tick(tab, "Takes opioids")
    text = tab.view.cautions.toPlainText()
    assert "Kidney disease" in text and "through the kidneys" in text
    assert "Opioids with baclofen" in text
    assert tab.view.print_button.isEnabled()


def test_headings_are_not_tickable(tab):
    assert not tab.view.checklist.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_printable_summary(tab, pdf_target):
    tick(tab, "Pregnant")
    tab.view.pdf_button.click()
    text = pdf_text(pdf_target)
    assert "precautions check: Baclofen" in text and "withdrawal after birth" in text
