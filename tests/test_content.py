"""The bundled database says what the reviewed sources say."""

import pytest

from desktop.content.schema import SCHEMA_VERSION, SECTION_KEYS

SIDE_EFFECTS = {
    # name: (tier, frequency)
    "confusion": ("common", "common"),
    "constipation": ("common", "common"),
    "dizziness": ("common", "common"),
    "headache": ("common", "common"),
    "nausea": ("common", "common"),
    "trouble sleeping": ("common", "common"),
    "sweating": ("common", "common"),
    "weakness": ("common", "common"),
    "increased urination": ("common", "common"),
    "diarrhea": ("contact_doctor", "rare"),
    "slurred speech": ("contact_doctor", "rare"),
    "ankle swelling": ("contact_doctor", "rare"),
    "weight gain": ("contact_doctor", "rare"),
    "unusual excitement": ("contact_doctor", "rare"),
    "chest pain": ("contact_doctor", "serious"),
    "depression": ("contact_doctor", "serious"),
    "blood in the urine": ("contact_doctor", "serious"),
    "ringing in the ears": ("contact_doctor", "serious"),
    "fainting": ("contact_doctor", "serious"),
    "hallucinations": ("contact_doctor", "serious"),
    "seizures": ("emergency", "overdose sign"),
    "breathing difficulties": ("emergency", "overdose sign"),
    "blurred vision": ("emergency", "overdose sign"),
    "muscle pain": ("emergency", "overdose sign"),
}

CONDITIONS = [
    "Seizures", "ulcers", "Kidney disease", "Diabetes", "High blood pressure", "Stroke",
    "Blood clots", "Cerebral palsy", "Parkinson's disease", "Bipolar disorder", "Schizophrenia",
    "Porphyria", "Difficulty passing urine", "suicidal thoughts", "misuse",
]
SITUATIONS = [
    "opioids", "under 12", "Pregnant", "Breastfeeding", "Ovarian cysts", "alcohol",
    "Drives", "Balance", "physical activity",
]


def test_exactly_the_24_listed_side_effects(monograph):
    found = {e.name: (e.tier, e.frequency) for e in monograph.side_effects}
    assert found == SIDE_EFFECTS


@pytest.mark.parametrize("name", sorted(SIDE_EFFECTS))
def test_each_side_effect_has_advice_source_and_lay_terms(monograph, name):
    effect = next(e for e in monograph.side_effects if e.name == name)
    assert effect.advice and effect.source.startswith("Guide To Baclofen")
    assert len(effect.terms) >= 5


def test_emergency_advice_says_get_help_now(monograph):
    for effect in monograph.side_effects:
        if effect.tier == "emergency":
            assert "emergency" in effect.advice.lower() and "overdose" in effect.advice.lower()


def test_dosing_numbers_are_numbers(monograph):
    oral = {d.stage: d for d in monograph.dosing if d.route == "Oral"}
    assert oral["Starting dose"].mg_per_day == 15
    assert oral["Starting dose"].days == 3
    assert oral["Maximum"].mg_per_day == 80 and "US labels" in oral["Maximum"].detail
    assert oral["Maximum (UK SmPC)"].mg_per_day == 100
    assert any(d.route == "Intrathecal" and "lower" in d.detail for d in monograph.dosing)


def test_half_life_and_excretion(monograph):
    facts = {f.label: f for f in monograph.facts}
    assert (facts["Half-life"].low, facts["Half-life"].high, facts["Half-life"].unit) == (
        2, 4, "hours")
    assert facts["Half-life"].value == "2-4 hours"
    assert "kidneys" in facts["Excretion"].detail


def section_text(monograph, key):
    return "\n".join(f"{b.title or ''}\n{b.body}" for b in monograph.section(key).blocks)


def test_every_tab_has_a_section_in_order(monograph):
    assert tuple(s.key for s in monograph.sections) == SECTION_KEYS
    assert all(s.blocks for s in monograph.sections)


@pytest.mark.parametrize(("section", "words"), [
    ("overview", ["muscle relaxant", "GABA-B", "Switzerland", "1960s", "Intrathecal pump",
                  "Monitoring"]),
    ("how_it_works", ["GABA-B", "monosynaptic", "polysynaptic", "2 to 4 hours",
                      "several times a day", "kidneys"]),
    ("uses", ["multiple sclerosis", "flexor spasms", "stiffness", "reversible",
              "spinal cord injury", "Parkinson's disease",
              "cerebral palsy", "stroke", "acid reflux", "alcohol use disorder"]),
])
def test_section_covers_the_guide(monograph, section, words):
    body = section_text(monograph, section)
    for word in words:
        assert word in body


def test_precautions_checklist(monograph):
    conditions = [p.label for p in monograph.precautions if p.kind == "condition"]
    situations = [p.label for p in monograph.precautions if p.kind == "situation"]
    for condition in CONDITIONS:
        assert any(condition.lower() in label.lower() for label in conditions), condition
    for situation in SITUATIONS:
        assert any(situation.lower() in label.lower() for label in situations), situation


@pytest.mark.parametrize(("section", "title", "fact"), [
    ("overview", "Titration in the US label", "5 mg three times a day"),
    ("how_it_works", "Not the same mechanism as pregabalin", "alpha-2-delta"),
    ("how_it_works", "Kidney impairment", "reduced"),
    ("precautions", "Do not stop abruptly", "hallucinations and seizures"),
    ("precautions", "Physical activity: the label's position", "caution"),
    ("pump", "Boxed warning: never let intrathecal baclofen stop suddenly", "pump alarms"),
])
def test_clinical_notes_name_their_label(monograph, section, title, fact):
    note = next(b for b in monograph.section(section).blocks if b.title == title)
    assert note.kind == "note"
    assert fact in note.body
    assert note.citation.source.kind == "label" and "LOINC" in note.citation.part


def test_interaction_entries(monograph):
    entries = {i.name: (i.drug_class, i.severity) for i in monograph.interactions}
    assert entries == {
        "Other muscle relaxants": ("Muscle relaxants", "major"),
        "Opioids": ("Opioids", "major"),
        "levomethadyl": (None, "major"),  # graded with the other opioids
        "buprenorphine": (None, "major"),
        "Benzodiazepines": ("Benzodiazepines", "moderate"),
        "alcohol": (None, "avoid"),
        "Gabapentinoids": ("Gabapentinoids", "moderate"),
        "Z-drugs (sleeping tablets)": ("Z-drugs", "moderate"),
        "Sedating antihistamines": ("Sedating antihistamines", "moderate"),
        "Sedating antipsychotics": ("Sedating antipsychotics", "moderate"),
        "Tricyclic antidepressants": ("Tricyclic antidepressants", "moderate"),
        "Barbiturates": ("Barbiturates", "moderate"),
        "cannabis": (None, "moderate"),
        "Levodopa with carbidopa or benserazide": ("Parkinson's medicines (levodopa)", "moderate"),
        "Medicines for high blood pressure": ("Antihypertensives", "moderate"),
        "lithium": (None, "moderate"),
        "Medicines that can harm the kidneys": ("Nephrotoxic medicines", "moderate"),
        "MAO inhibitors": ("MAOIs", "moderate"),
        "Morphine with intrathecal baclofen": (None, "major"),
        "Anaesthetics with intrathecal baclofen": ("Anaesthetics", "moderate"),
    }


def test_about_information(database, monograph):
    info = database.info
    assert info.content_version and info.schema_version == SCHEMA_VERSION
    assert "not replace" in info.disclaimer and "emergency number" in info.disclaimer
    assert monograph.last_reviewed
    assert database.sources()[0].short == "Guide To Baclofen"


def test_oral_withdrawal_follows_the_current_oral_label_with_a_taper(monograph):
    blocks = {b.title: b for b in monograph.section("side_effects").blocks}
    withdrawal = blocks["Stopping baclofen by mouth suddenly: withdrawal"]
    for sign in ("fever", "rigidity", "rhabdomyolysis", "hallucinations", "seizures", "death"):
        assert sign in withdrawal.body
    label = withdrawal.citation.source
    assert "Set id" in label.document and "Version" in label.revision
    assert "5.1" in withdrawal.citation.part
    taper = blocks["How to stop: a taper over one to two weeks"]
    assert "1 to 2 weeks" in taper.body and taper.citation.part.startswith("4.2")
