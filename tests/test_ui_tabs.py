"""One test module per tab's content: every word comes from the database."""


from desktop.ui.pages.registry import PAGE_KEYS


def tab_text(window, key):
    return window.show_page(key).printable().toPlainText()


def test_overview_shows_dosing_card_and_notes(window, monograph):
    text = tab_text(window, "overview")
    assert "Dosing" in text and "15 mg/day for 3 days" in text and "80 mg/day" in text
    assert "Clinical note: Titration in the US label" in text
    assert "Source: Baclofen tablets label (US): Dosage and administration" in text
    assert monograph.summary in text


def test_how_it_works_shows_key_facts(window):
    text = tab_text(window, "how_it_works")
    assert "2-4 hours" in text and "Mainly renal" in text
    assert "Clinical note: Not the same mechanism as pregabalin" in text


def test_uses_tab(window):
    text = tab_text(window, "uses")
    assert "flexor spasms" in text and "alcohol use disorder" in text


def test_side_effects_grouped_by_tier(window, monograph):
    text = tab_text(window, "side_effects")
    # Each tier table follows its badge: an icon (U+FFFC in plain text) and the tier's word.
    positions = [text.index(f"\ufffc {word}") for word in ("Emergency", "Contact doctor",
                                                             "Common")]
    assert positions == sorted(positions)
    for effect in monograph.side_effects:
        assert effect.name.capitalize() in text


def test_tab_documents_have_no_raw_html(window):
    for key in ("overview", "how_it_works", "uses", "side_effects"):
        assert "<" not in tab_text(window, key)


def test_rich_text_loads_only_app_icons(window, qtbot):
    window.tabs.setCurrentIndex(PAGE_KEYS.index("side_effects"))
    browser = window.page("side_effects").browser
    assert browser.document().toHtml().count('src="icon:') == 3


def test_links_never_navigate(window, qtbot):
    browser = window.page("overview").browser
    with qtbot.waitSignal(browser.refusedResource) as blocker:
        browser.setSource("https://example.com/")
    assert blocker.args[0].toString() == "https://example.com/"
    assert browser.source().isEmpty()
    # Links may be clicked (and are then refused), but nothing opens them by itself.
    assert not browser.openLinks() and not browser.openExternalLinks()


NEW_SECTIONS = [
    ("overview", "Missed dose"), ("overview", "Children's dosing: US labels"),
    ("overview", "Children's dosing: UK SmPC"),
    ("how_it_works", "Pharmacokinetics: kidney function"),
    ("precautions", "Warnings in the UK SmPC"), ("precautions", "Monitoring: UK SmPC"),
    ("precautions", "What to tell the patient (counselling)"),
    ("pump", "Screening test dose before a pump"), ("pump", "After implant: titration"),
    ("side_effects", "How to stop: a taper over one to two weeks"),
]


def test_new_sections_show_with_their_sources_on_screen_and_in_print(window, monograph):
    for key, title in NEW_SECTIONS:
        block = next(b for b in monograph.section(key).blocks if b.title == title)
        page = window.show_page(key)
        for text in (page.printable().toPlainText(), page.browser.toPlainText()):
            assert title in text, (key, title)
            assert block.citation.full in text.replace("\n", " "), (key, title)
