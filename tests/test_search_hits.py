"""The search-hit contract: every text the builder indexes names its page and the block
or row it is shown in, and that page finds and marks it by that anchor alone."""

import re
import sqlite3

import pytest
from PySide6.QtCore import Qt

from desktop.content import anchors
from desktop.content.models import SearchHit
from desktop.paths import DEFAULT_DATABASE
from desktop.ui.pages.registry import PAGE_KEYS
from desktop.ui.search_panel import HitRole

ALL_KINDS = {anchors.TEXT, *anchors.ROW_KINDS}


def indexed_items() -> list[tuple[str, str, str, str, str]]:
    """Every searchable text of every drug."""
    conn = sqlite3.connect(DEFAULT_DATABASE)
    rows = conn.execute(
        "SELECT drug_id, page, anchor, title, body FROM search_items ORDER BY id").fetchall()
    conn.close()
    return rows


def kind_of(anchor: str) -> str:
    return next(kind for kind in ALL_KINDS
                if anchor == kind or anchors.position(anchor, kind) is not None)


def as_hit(drug_id: str, page: str, anchor: str, title: str, body: str) -> SearchHit:
    """A hit as search returns it; a hit on a section's text carries one matched word,
    a hit on a row none, so that only the anchor can find the row."""
    if anchor != anchors.TEXT:
        return SearchHit(drug_id, page, page, anchor, title, "", ())
    word = next(w for w in re.findall(r"[A-Za-z]{6,}", body))
    return SearchHit(drug_id, page, page, anchor, title, word, ((0, len(word)),))


def test_every_kind_of_hit_is_indexed():
    assert {kind_of(anchor) for _, _, anchor, _, _ in indexed_items()} == ALL_KINDS


def block_start(block) -> str:
    """What a block's mark starts with: its note heading or title, else its first text."""
    if block.kind == "note":
        return f"Clinical note: {block.title}"
    if block.title:
        return block.title
    if block.kind == "table":
        return block.cells()[0][0]
    return re.search(r"\w+", block.body).group()


def expected_mark(monograph, hit: SearchHit) -> str:
    """The text that must be marked (or made current) for `hit`."""
    kind = kind_of(hit.anchor)
    if kind == anchors.TEXT:
        return hit.snippet
    position = anchors.position(hit.anchor, kind)
    if kind == anchors.BLOCK:
        return block_start(monograph.section(hit.page).blocks[position])
    return {
        anchors.DOSE: lambda: monograph.dosing[position].route,
        anchors.FACT: lambda: monograph.facts[position].label,
        anchors.SIDE_EFFECT: lambda: monograph.side_effects[position].name.capitalize(),
        anchors.INTERACTION: lambda: monograph.interactions[position].name,
        anchors.PRECAUTION: lambda: monograph.precautions[position].label,
    }[kind]()


def marked_text(page, kind: str) -> str:
    if kind == anchors.INTERACTION:
        return page.view.table.selectionModel().selectedRows()[0].data()
    if kind == anchors.PRECAUTION:
        return page.view.checklist.currentItem().text()
    selections = page.browser.extraSelections()
    return selections[0].cursor.selectedText() if selections else ""


def test_each_hit_opens_its_page_and_marks_its_row(window, database):
    """Hits of every drug: opening one switches the window to its drug."""
    missed = []
    for item in indexed_items():
        hit = as_hit(*item)
        found = window.open_hit(hit)  # switches to the hit's drug
        shown = window.tabs.currentIndex() == PAGE_KEYS.index(hit.page)
        marked = marked_text(window.page(hit.page), kind_of(hit.anchor))
        # Words are marked in any case.
        expected = expected_mark(database.monograph(hit.drug_id), hit).casefold()
        if not (found and shown and marked.casefold().startswith(expected)):
            missed.append((hit.page, hit.anchor, marked))
    assert missed == []


def test_a_row_is_found_by_anchor_not_by_title(window, monograph):
    """A hit whose title no row shows still finds its row."""
    hit = SearchHit("baclofen", "interactions", "Interactions", anchors.row(
        anchors.INTERACTION, 0), "a title no row has", "", ())
    assert window.open_hit(hit)
    page = window.page("interactions")
    assert marked_text(page, anchors.INTERACTION) == monograph.interactions[0].name


def test_an_unknown_anchor_marks_nothing(window):
    hit = SearchHit("baclofen", "uses", "Uses", anchors.row(anchors.BLOCK, 99), "", "", ())
    assert not window.open_hit(hit)
    assert window.page("uses").browser.extraSelections() == []


# Real searches, as typed, for every kind of result (issue #17: a maximum-dose result
# was not highlighted when opened).
TYPED = [
    ("max dose", "overview", anchors.DOSE),
    ("half life", "how_it_works", anchors.FACT),
    ("tinnitus", "side_effects", anchors.SIDE_EFFECT),
    ("valium", "interactions", anchors.INTERACTION),
    ("epilepsy", "precautions", anchors.PRECAUTION),
    ("flexor", "uses", anchors.BLOCK),
    ("tablets", "forms", anchors.BLOCK),
    ("pump", "pump", anchors.BLOCK),
    ("titration", "overview", anchors.TEXT),
]


@pytest.mark.parametrize("query, page, kind", TYPED, ids=[f"{p}-{k}" for _, p, k in TYPED])
def test_a_typed_search_highlights_its_result_when_opened(qtbot, window, search_for, query,
                                                          page, kind):
    search_for(window, query)
    model = window.search_panel.model
    rows = [row for row in range(model.rowCount())
            if (hit := model.index(row).data(HitRole)).page == page
            and kind_of(hit.anchor) == kind]
    assert rows, f"no {kind} result on {page} for {query!r}"
    window.search_panel.view.setCurrentIndex(model.index(rows[0]))
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == PAGE_KEYS.index(page)
    assert marked_text(window.page(page), kind).strip()


def test_enter_on_pump_alarm_opens_the_pump_teams_advice(qtbot, window):
    """Issue #24: "pump alarm" opened a Precautions checklist item."""
    window.search_field.setText("pump alarm")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == PAGE_KEYS.index("pump")
    assert marked_text(window.page("pump"), anchors.BLOCK).startswith("What the clinic does")


def test_a_hit_of_the_drug_not_shown_names_that_drug(window, database):
    """Both drugs have a Seizures side effect: the two results must not read the same."""
    other = next(drug for drug in database.drugs() if drug.id != window.controller.drug_id)
    window.search_field.setText("seizures")
    window.finish_search()
    model = window.search_panel.model
    for row in range(model.rowCount()):
        hit, html = model.index(row).data(HitRole), model.index(row).data()
        named = f"{other.name}: " if hit.drug_id == other.id else ""
        assert f"<i>in {named}{hit.page_title}</i>" in html
    assert {model.index(row).data(HitRole).drug_id for row in range(model.rowCount())} == {
        other.id, window.controller.drug_id}
