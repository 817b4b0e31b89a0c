"""Tizanidine, the second drug: built beside baclofen, every row sourced, the tiers its
label's serious warnings imply, and the CLI and interaction checker answering for it."""

import json

import pytest

from desktop.cli import main
from desktop.content.interactions import InteractionIndex
from desktop.content.schema import OPTIONAL_SECTION_KEYS, SECTION_KEYS
from desktop.triage.engine import Triage


@pytest.fixture(scope="module")
def tizanidine(database):
    return database.monograph("tizanidine")


@pytest.fixture(scope="module")
def checker(tizanidine):
    return Triage(tizanidine.triage)


def _index(database, monograph) -> InteractionIndex:
    return InteractionIndex(monograph.interactions, database.info.medicine_words)


def test_the_database_holds_both_drugs_baclofen_first(database):
    assert [(d.id, d.name) for d in database.drugs()] == [
        ("baclofen", "Baclofen"), ("tizanidine", "Tizanidine")]


def test_tizanidine_has_every_tab_but_the_pump(tizanidine, monograph):
    assert tuple(s.key for s in tizanidine.sections) == tuple(
        key for key in SECTION_KEYS if key not in OPTIONAL_SECTION_KEYS)
    assert tuple(s.key for s in monograph.sections) == SECTION_KEYS  # baclofen keeps it
    assert all(section.blocks for section in tizanidine.sections)


def test_every_tizanidine_row_is_sourced(database, tizanidine):
    known = {source.id for source in database.sources()}
    cited = tizanidine.citations()
    assert len(cited) > 50
    for what, citation in cited:
        assert citation.source.id in known, what
        assert citation.part.strip(), what
    findings = [*tizanidine.triage.findings, *tizanidine.triage.rules]
    assert all(item.citation.part.strip() for item in findings)


def test_its_label_sections_name_their_loinc_code(tizanidine):
    label_parts = [c.part for _, c in tizanidine.citations() if c.source.id == "zanaflex-label"]
    assert label_parts
    assert all("LOINC" in part or "SPL product data" in part for part in label_parts)


def test_the_zanaflex_label_is_recorded_with_its_set_id(database):
    label = next(s for s in database.sources() if s.id == "zanaflex-label")
    assert label.document == "Set id 60c27d35-7349-4fc6-86ad-70fffdbe3e08"
    assert "not recorded" in label.revision  # said, never guessed


# The label's serious warnings, as a caller says them, and the tier each must reach.
SERIOUS = [
    ("she fainted", "contact_doctor"),
    ("his blood pressure is low", "contact_doctor"),
    ("her pulse is really slow", "contact_doctor"),
    ("the whites of his eyes are yellow", "contact_doctor"),
    ("she's gone yellow", "contact_doctor"),
    ("he's seeing things that aren't there", "contact_doctor"),
    ("he's confused", "contact_doctor"),
    ("his breathing is slow and shallow", "emergency"),
    ("took too many tablets", "emergency"),
    ("took extra Zanaflex and is slumped in the chair", "emergency"),
    ("she started ciprofloxacin and fainted", "emergency"),
    ("on fluvoxamine and passed out", "emergency"),
    ("started ciprofloxacin and feels dizzy", "contact_doctor"),
    ("ran out of Zanaflex and his heart is racing", "contact_doctor"),
    ("stopped tizanidine and his blood pressure is sky high", "contact_doctor"),
    ("stopped taking tizanidine", "contact_doctor"),
    ("had a few pints and is very drowsy", "contact_doctor"),
    ("crushing chest pain and sweating", "emergency"),
]


@pytest.mark.parametrize(("text", "tier"), SERIOUS, ids=[t for t, _ in SERIOUS])
def test_serious_warnings_reach_the_tier_the_label_implies(checker, text, tier):
    assert checker.assess(text).overall == tier


def test_a_common_effect_stays_common(checker):
    result = checker.assess("my mouth is really dry")
    assert result.overall == "common"
    assert [m.effect.name for m in result.symptoms] == ["dry mouth"]


def test_liver_and_low_blood_pressure_cite_the_warnings(checker):
    for text, part in (("eyes have gone yellow", "5.2 Risk of liver injury"),
                       ("blood pressure is low", "5.1 Hypotension")):
        match = checker.assess(text).symptoms[0]
        assert match.effect.citation.source.id == "zanaflex-label"
        assert match.effect.citation.part.startswith(part)


@pytest.mark.parametrize(("query", "name", "severity"), [
    ("fluvoxamine", "fluvoxamine", "avoid"),
    ("Cipro", "ciprofloxacin", "avoid"),
    ("ciprofloxacin 500 mg bd", "ciprofloxacin", "avoid"),
    ("cimetidine", "cimetidine", "avoid"),
    ("Tagamet", "cimetidine", "avoid"),
    ("clonidine", "clonidine", "avoid"),
    ("birth control pill", "oral contraceptive", "major"),
    ("baclofen", "baclofen", "major"),
    ("Lioresal", "baclofen", "major"),
    ("amlodipine", "amlodipine", "moderate"),
])
def test_tizanidine_interactions(database, tizanidine, query, name, severity):
    match = _index(database, tizanidine).lookup(query)[0]
    assert (match.name, match.severity) == (name, severity)


def test_baclofen_with_tizanidine_answers_in_both_directions(database, monograph, tizanidine):
    from_baclofen = _index(database, monograph).lookup("Zanaflex")[0]
    from_tizanidine = _index(database, tizanidine).lookup("Lioresal")[0]
    assert (from_baclofen.name, from_baclofen.severity) == ("tizanidine", "major")
    assert (from_tizanidine.name, from_tizanidine.severity) == ("baclofen", "major")


def _cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_cli_triage_for_tizanidine(capsys):
    code, out = _cli(capsys, "--drug", "tizanidine", "triage", "his eyes have gone yellow",
                     "--json")
    data = json.loads(out)
    assert code == 0
    assert data["overall"] == "contact_doctor"
    assert [s["symptom"] for s in data["symptoms"]] == ["yellow skin or eyes"]


def test_cli_default_drug_is_still_baclofen(capsys):
    _, out = _cli(capsys, "triage", "took too many tablets", "--json")
    assert "baclofen overdose" in json.loads(out)["alerts"][0]["title"]


def test_cli_interactions_for_tizanidine(capsys):
    code, out = _cli(capsys, "--drug", "tizanidine", "interactions", "ciprofloxacin", "--json")
    assert code == 0
    assert '"avoid"' in out and "ciprofloxacin" in out


def test_cli_search_finds_tizanidine_content(capsys):
    _, out = _cli(capsys, "search", "Zanaflex capsules", "--json")
    assert "forms" in [hit["section"] for hit in json.loads(out)["results"]]
