"""What a screen reader finds and hears, read through Qt's own accessibility tree."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from desktop.ui.accessibility import announce, unnamed_focusable
from desktop.ui.pages.registry import PAGE_KEYS
from desktop.ui.style import BADGES


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_focusable_node_on_every_tab_has_a_name(window, theme):
    window.controller.set_theme(theme)
    window.show()
    window.page("symptom_checker").view.sentence.setPlainText("very drowsy")  # questions up
    unnamed = {key: found for key in PAGE_KEYS
               if (found := unnamed_focusable(window.show_page(key).window()))}
    assert unnamed == {}


@pytest.fixture
def checker(window):
    return window.show_page("symptom_checker")


@pytest.fixture
def heard(monkeypatch):
    """What the checker announced, as (message, assertive)."""
    from desktop.ui.pages import checker as checker_page

    said: list[tuple[str, bool]] = []
    monkeypatch.setattr(checker_page, "announce",
                        lambda _source, message, assertive=False: said.append(
                            (message, assertive)))
    return said


def test_this_qt_can_announce(checker):
    assert announce(checker.view.banner, "Test announcement", assertive=True)


def test_an_emergency_is_announced_assertively_once(checker, heard):
    checker.view.sentence.setPlainText("he won't wake up")
    assert any(assertive and message.startswith("Overall: ") for message, assertive in heard)
    alerts = [message for message, assertive in heard
              if assertive and not message.startswith("Overall: ")]
    assert len(alerts) == len(checker.result.alerts) >= 1
    assert all(alert.title in said for alert, said in zip(checker.result.alerts, alerts,
                                                          strict=True))
    heard.clear()
    checker.view.sentence.setPlainText("he won't wake up.")  # same call, same alert
    assert heard == []


def test_a_milder_tier_change_is_announced_politely(checker, heard):
    checker.view.sentence.setPlainText("ears ringing")
    assert heard == [(f"Overall: {checker.view.banner.message}", False)]


def test_the_banner_is_an_alert(checker):
    banner = QAccessible.queryAccessibleInterface(checker.view.banner)
    assert banner.role() == QAccessible.Role.AlertMessage
    checker.view.sentence.setPlainText("ears ringing")
    assert "CONTACT DOCTOR" in banner.text(QAccessible.Text.Name)


def test_the_ask_line_reads_the_questions(checker):
    checker.view.sentence.setPlainText("very drowsy")
    ask = checker.view.ask
    assert ask.text().startswith("Ask: ")
    assert QAccessible.queryAccessibleInterface(ask).text(QAccessible.Text.Name) == ask.text()


def test_checklist_tier_icons_are_spoken(checker):
    listed = checker.view.checklist
    spoken = [listed.item(row).data(Qt.ItemDataRole.AccessibleTextRole)
              for row in range(listed.count())]
    assert all(", " in text for text in spoken)
    assert any(text.endswith(BADGES["emergency"].word) for text in spoken)
