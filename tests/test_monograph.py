"""Issue #13: the corrected, sourced baclofen monograph, in the data, the window and the CLI."""

import json
import re
from datetime import date

import pytest
from PySide6.QtCore import QUrl

from desktop.cli import main as cli_main
from desktop.content.interactions import InteractionIndex
from desktop.content.schema import REVIEW_STATUSES
from desktop.ui.browser import CITATION_PROPERTY


def all_text(monograph) -> str:
    """Every sentence the monograph shows, as one text."""
    parts = [f"{b.title or ''} {b.body}" for s in monograph.sections for b in s.blocks]
    parts += [p.caution for p in monograph.precautions]
    parts += [i.advice for i in monograph.interactions]
    parts += [f.detail for f in monograph.facts] + [d.detail for d in monograph.dosing]
    return "\n".join(parts)


def block(monograph, section, title):
    return next(b for b in monograph.section(section).blocks if b.title == title)


# Corrections: the old wording is gone, the new wording is there ---------------------------

@pytest.mark.parametrize("old", [
    "first marketed with epilepsy in mind",
    "has not been studied",
    "not been studied in breastfeeding",
    "Do not take baclofen when planning to be physically active",
])
def test_misleading_wording_is_gone(monograph, old):
    assert old not in all_text(monograph)


def test_history_is_corrected_and_cites_a_history_not_the_tablet_label(monograph):
    history = block(monograph, "overview", "History")
    assert "never marketed for epilepsy" in history.body
    assert history.citation.source.id != "tablets-label"
    approval = next(b for b in monograph.section("overview").blocks if "1977" in b.body)
    assert "spasticity" in approval.body and approval.citation.source.kind == "label"


def test_physical_activity_keeps_the_article_and_adds_the_label(monograph):
    article = block(monograph, "precautions", "Physical activity: what the article says")
    label = block(monograph, "precautions", "Physical activity: the US label's position")
    assert article.citation.source.kind == "article"
    assert label.kind == "note" and label.citation.source.kind == "label"
    assert "caution" in label.body and "withdrawal" in label.body
    assert not re.search(r"skip(ping)? (a |the )?doses?", all_text(monograph), re.IGNORECASE)


def test_who_it_is_not_for_says_which_form(monograph):
    oral = block(monograph, "uses", "By mouth after a stroke or in cerebral palsy: US labels")
    uk = block(monograph, "uses", "By mouth after a stroke or in cerebral palsy: UK SmPC")
    assert "is indicated" in uk.body and uk.citation.source.id == "lioresal-smpc"
    intrathecal = block(monograph, "uses",
                        "Intrathecal baclofen: cerebral palsy included, from age 4")
    assert "by mouth" in oral.body
    assert "cerebral palsy" in intrathecal.body and "aged 4" in intrathecal.body
    children = {p.label: p.caution for p in monograph.precautions}["Child under 12"]
    assert "by mouth" in children and "age 4" in children


def test_pregnancy_and_breastfeeding(monograph):
    body = block(monograph, "precautions", "Pregnancy and breastfeeding: US labels").body
    assert "withdrawal" in body and "seizures" in body
    assert "passes into breast milk" in body


def test_ovarian_cysts_give_the_label_figures(monograph):
    cysts = block(monograph, "precautions", "Ovarian cysts: US labels")
    assert "4%" in cysts.body and "multiple sclerosis" in cysts.body
    assert "disappeared" in cysts.body and cysts.citation.source.kind == "label"


def test_interaction_counts_are_the_articles_figure_not_a_fact(monograph):
    assert not any("interactions" in f.label.lower() for f in monograph.facts)
    figure = block(monograph, "interactions", "The article's figure")
    assert "24 major" in figure.body and "article" in figure.body
    assert figure.citation.source.kind == "article"


def test_levomethadyl_is_kept_and_marked_withdrawn(monograph):
    [match] = InteractionIndex(monograph.interactions).lookup("levomethadyl")
    assert match.severity == "major" and "withdrawn" in match.advice and "2003" in match.advice


# New interactions ----------------------------------------------------------------------

@pytest.mark.parametrize(("query", "listed_as"), [
    ("gabapentin", "Gabapentinoids"), ("Neurontin", "Gabapentinoids"),
    ("pregabalin", "Gabapentinoids"), ("Lyrica", "Gabapentinoids"),
    ("zolpidem", "Z-drugs"), ("Ambien", "Z-drugs"), ("zopiclone", "Z-drugs"),
    ("eszopiclone", "Z-drugs"), ("diphenhydramine", "Sedating antihistamines"),
    ("promethazine", "Sedating antihistamines"), ("hydroxyzine", "Sedating antihistamines"),
    ("quetiapine", "Sedating antipsychotics"), ("Seroquel", "Sedating antipsychotics"),
    ("olanzapine", "Sedating antipsychotics"), ("amitriptyline", "Tricyclic antidepressants"),
    ("phenobarbital", "Barbiturates"), ("butalbital", "Barbiturates"),
    ("cannabis", None), ("marijuana", None), ("THC", None),
])
def test_cns_depressants_are_listed_with_the_label_as_source(monograph, query, listed_as):
    [match] = InteractionIndex(monograph.interactions).lookup(query)
    assert match.drug_class == listed_as
    assert match.severity in ("major", "moderate")  # never below the benzodiazepines
    assert "drowsiness" in match.advice
    # Tricyclics cite the UK SmPC, which adds marked loss of muscle tone.
    assert match.source.startswith(("Lyvispah label (US)", "Baclofen tablets SmPC (UK"))


def test_cli_answers_the_new_interactions(capsys):
    assert cli_main(["interactions", "pregabalin", "--json"]) == 0
    [match] = json.loads(capsys.readouterr().out)["matches"]
    assert (match["name"], match["severity"]) == ("pregabalin", "moderate")
    assert "drowsiness" in match["advice"] and "label" in match["source"]
    assert cli_main(["interactions", "zolpidem"]) == 0
    out = capsys.readouterr().out
    assert "MODERATE" in out and "Source: Lyvispah label (US)" in out


# New sections and search ------------------------------------------------------------------

@pytest.mark.parametrize(("brand", "strength"), [
    ("Ozobax", "5 mg/5 mL"), ("Fleqsuvy", "25 mg/5 mL"), ("Lyvispah", "5 mg, 10 mg, 20 mg"),
    ("Lioresal Intrathecal", "2000 mcg/mL"), ("Gablofen", "1000 mcg/mL"),
    ("Ozobax DS", "10 mg/5 mL"),
])
def test_forms_and_strengths_name_each_brand_from_its_own_label(monograph, brand, strength):
    tables = [b for b in monograph.section("forms").blocks if b.kind == "table"]
    rows = [(row, b) for b in tables for row in b.cells()[1] if brand in row]
    assert rows, brand
    assert any(strength in " ".join(row) for row, _ in rows)
    assert all(brand.split()[0].lower() in b.citation.source.id for _, b in rows)


def test_three_liquid_concentrations_are_listed_with_the_generics(monograph):
    tables = [b for b in monograph.section("forms").blocks if b.kind == "table"]
    generic = {b.citation.source.id: " ".join(b.cells()[1][0]) for b in tables
               if b.cells()[1][0][1] == "Generic" and "mL" in " ".join(b.cells()[1][0])}
    assert "10 mg/5 mL" in generic["solution-10-per-5-label"]
    assert "5 mg/mL" in generic["suspension-5-per-ml-label"]
    note = block(monograph, "forms", "Three liquid concentrations")
    assert all(f in note.body for f in ("1 mg/mL", "2 mg/mL", "5 mg/mL"))


def test_the_two_oral_liquids_are_told_apart(monograph):
    note = block(monograph, "forms", "Ozobax and Fleqsuvy are not interchangeable by volume")
    assert "five times as strong" in note.body and "in mg" in note.body


@pytest.mark.parametrize(("section", "title", "words"), [
    ("pump", "Boxed warning: never let intrathecal baclofen stop suddenly",
     ["for any reason", "pump alarms", "death"]),
    ("pump", "What the patient and carers must do", ["refill appointment", "pump alarm"]),
    ("pump", "Early withdrawal signs (tell the caller to report them at once)",
     ["spasticity", "itching"]),
    ("pump", "What the clinic does", ["same day", "emergency"]),
    ("side_effects", "Overdose: the signs", ["vomiting", "seizures", "coma"]),
    ("side_effects", "Overdose: what to do", ["no antidote", "emergency", "poison centre"]),
    ("side_effects", "Overdose and the kidneys", ["low", "haemodialysis"]),
    ("precautions", "Older adults", ["confusion", "low dose"]),
    ("precautions", "Contraindication", ["hypersensitive"]),
    ("precautions", "Warnings in the US labels",
     ["Psychotic", "confusional", "Autonomic dysreflexia", "Epilepsy"]),
    ("forms", "Storage: tablets", ["20 to 25"]),
])
def test_new_section_content(monograph, section, title, words):
    body = block(monograph, section, title).body
    for word in words:
        assert word.lower() in body.lower(), word


@pytest.mark.parametrize(("query", "section"), [
    ("Lioresal", "forms"), ("Gablofen", "forms"), ("Ozobax", "forms"), ("Fleqsuvy", "forms"),
    ("Lyvispah", "forms"), ("oral granules", "forms"), ("oral suspension", "forms"),
    ("pump alarm", "pump"), ("refill", "pump"), ("boxed warning", "pump"),
    ("haemodialysis", "side_effects"), ("antidote", "side_effects"),
    ("older adults", "precautions"), ("storage", "forms"), ("contraindication", "precautions"),
    ("autonomic dysreflexia", "precautions"), ("gabapentin", "interactions"),
])
def test_search_finds_brands_forms_and_new_sections(database, query, section):
    hits = database.search(query)[:3]
    assert section in {h.page for h in hits}, [h.title for h in hits]


# Sources -----------------------------------------------------------------------------

def test_every_row_names_a_known_source_and_part(database, monograph):
    known = {source.id for source in database.sources()}
    citations = monograph.citations()
    assert len(citations) > 100
    for what, citation in citations:
        assert citation.source.id in known and citation.part.strip(), what


def test_the_checkers_signs_findings_and_rules_are_sourced(database, monograph):
    known = {source.id: source for source in database.sources()}
    content = monograph.triage
    assert content.findings and content.rules
    for item in (*content.findings, *content.rules):
        assert item.citation.source.id in known and item.citation.part.strip(), item.key
    signs = [f for f in content.findings if f.kind == "sign"]
    assert signs and all(f.citation.source.short.startswith("NHS: ") for f in signs)
    assert {f.citation.source.id for f in signs} >= {
        "nhs-999", "nhs-stroke", "nhs-anaphylaxis", "nhs-suicidal-thoughts", "nhs-heart-attack"}


def test_alert_sources_stay_readable_in_the_triage_json(triage):
    result = triage.assess("he stopped his baclofen and now has a high fever, face drooping"
                           ).to_json()
    sources = {alert["id"]: alert["source"] for alert in result["alerts"]}
    assert sources["withdrawal"].startswith("Lioresal Intrathecal label (US): Boxed warning")
    assert any(source.startswith("NHS: Stroke symptoms: FAST") for source in sources.values())


def test_labels_are_cited_with_set_id_or_say_it_is_not_recorded(database):
    for source in database.sources():
        assert source.revision.strip()
        if source.kind == "label":
            assert re.search(r"[Ss]et id|NDA|not recorded", source.document), source.id


def test_label_sections_carry_loinc_codes(monograph):
    us_label_parts = [c.part for _, c in monograph.citations()
                      if c.source.kind == "label" and "(US)" in c.source.short
                      and not c.part.startswith("Highlights")]
    assert us_label_parts and all("LOINC" in part for part in us_label_parts)


def test_side_effects_and_their_tiers_are_unchanged(monograph):
    tiers = {e.name: (e.tier, e.frequency) for e in monograph.side_effects}
    assert len(tiers) == 24
    assert tiers["seizures"] == ("emergency", "overdose sign")
    assert tiers["hallucinations"] == ("contact_doctor", "serious")
    assert tiers["diarrhea"] == ("contact_doctor", "rare")
    assert tiers["confusion"] == ("common", "common")
    assert all(e.source == "Guide To Baclofen: Potential Side Effects"
               for e in monograph.side_effects)


# The window --------------------------------------------------------------------------------

def markers(document):
    """(anchor href, citation) of every source marker in `document`."""
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            link = fragment.charFormat()
            if link.anchorHref().startswith("source:"):
                found.append((link.anchorHref(), link.stringProperty(CITATION_PROPERTY)))
            iterator += 1
        block = block.next()
    return found


@pytest.mark.parametrize("key", ["overview", "how_it_works", "uses", "side_effects",
                                 "precautions", "interactions", "forms", "pump"])
def test_each_tab_marks_its_sources_and_ends_with_them(window, key):
    document = window.show_page(key).printable()
    found = markers(document)
    assert found
    assert all(tip.startswith("[") and "Section:" in tip for _, tip in found)
    text = document.toPlainText()
    sources_list = text[text.rindex("\nSources\n"):]
    for number in {href.split(":")[1] for href, _ in found}:
        assert f"[{number}] " in sources_list


def test_marker_shows_the_full_citation_on_keyboard_focus(qtbot, window):
    browser = window.show_page("pump").browser
    browser.setFocus()
    with qtbot.waitSignal(browser.citationShown) as shown:
        assert browser.focusNextPrevChild(True)  # Tab moves to the first link: a marker
    assert "6f3bdcc0-ffc8-4911-8c35-958c8103a2c5" in shown.args[0]
    assert "Boxed warning (LOINC 34066-1)" in shown.args[0]


def test_clicking_a_marker_never_navigates(qtbot, window):
    browser = window.show_page("overview").browser
    browser.anchorClicked.emit(QUrl("source:1"))
    assert browser.source().isEmpty()


def test_sources_page_lists_every_source_with_what_it_supports(window, database):
    text = window.show_page("sources").printable().toPlainText()
    for source in database.sources():
        assert source.citation in text
    assert "Overdosage (LOINC 34088-5): Side effects: Overdose: the signs" in text
    assert "Potential Side Effects: Side effects; Side effect: confusion" in text


def test_every_source_has_a_review_status_shown_on_the_sources_page(window, database):
    text = window.show_page("sources").printable().toPlainText()
    for source in database.sources():
        assert source.review_status in REVIEW_STATUSES and source.reviewer, source.id
        assert date.fromisoformat(source.reviewed) <= date(2026, 12, 5), source.id
        assert source.review in text and source.review not in source.citation


def test_sources_page_search_reads_the_review_too(window):
    page = window.show_page("sources")
    page.search.setText("partly checked")
    text = page.browser.toPlainText()
    assert "Ozobax label (US)" in text and "Gablofen label (US)" not in text


REVIEWER_NOTES = re.compile(r"not checked against|confirm at the next review|checked against "
                            r"the text current", re.IGNORECASE)


def test_no_reviewer_note_reaches_users(database, monograph):
    shown = [s.citation for s in database.sources()]
    shown += [f"{what} {c.part}" for what, c in monograph.citations()]
    shown += [b.body for s in monograph.sections for b in s.blocks]
    assert not [text for text in shown if REVIEWER_NOTES.search(text)]


def test_kidney_dose_and_uk_only_contraindication_are_sourced_and_marked(monograph):
    by_label = {p.label: p for p in monograph.precautions}
    kidney = by_label["Kidney disease"]
    assert "about 5 mg a day" in kidney.caution and "4.2" in kidney.citation.part
    ulcers = by_label["Stomach or duodenal ulcers"]
    assert "UK SmPC" in ulcers.caution and "US labels" in ulcers.caution
    assert ulcers.citation.source.id == "uk-tablets-smpc"


@pytest.mark.parametrize("query", ["missed dose", "porphyria", "maximum", "half-life", "Valium",
                                   "confusion", "screening bolus", "ulcers"])
def test_every_row_a_search_finds_has_its_citation(database, monograph, query):
    hits = [hit for hit in database.search(query) if hit.anchor != "text"]
    assert hits
    assert all(monograph.citation_at(hit.page, hit.anchor) for hit in hits)
