import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.content.interactions import InteractionIndex
from desktop.content.schema import SEVERITIES


@pytest.fixture(scope="module")
def index(database, monograph):
    return InteractionIndex(monograph.interactions, database.info.medicine_words)


@pytest.mark.parametrize(("query", "name", "drug_class", "severity"), [
    ("codeine", "codeine", "Opioids", "major"),
    ("oxycodone", "oxycodone", "Opioids", "major"),
    ("OxyContin", "oxycodone", "Opioids", "major"),
    ("  TRAMADOL ", "tramadol", "Opioids", "major"),
    ("Valium", "diazepam", "Benzodiazepines", "moderate"),
    ("triazolam", "triazolam", "Benzodiazepines", "moderate"),
    ("Xanax", "alprazolam", "Benzodiazepines", "moderate"),
    ("tizanidine", "tizanidine", "Muscle relaxants", "major"),
    ("Flexeril", "cyclobenzaprine", "Muscle relaxants", "major"),
    ("levomethadyl", "levomethadyl", None, "major"),
    ("Suboxone", "buprenorphine", None, "major"),
    ("alcohol", "alcohol", None, "avoid"),
    ("beer", "alcohol", None, "avoid"),
    ("opioids", "Opioids", "Opioids", "major"),
    ("benzodiazepine", "Benzodiazepines", "Benzodiazepines", "moderate"),
])
def test_lookup_finds_generic_brand_and_class(index, query, name, drug_class, severity):
    matches = index.lookup(query)
    assert (matches[0].name, matches[0].drug_class, matches[0].severity) == (
        name, drug_class, severity)


@pytest.mark.parametrize(("typo", "name"), [
    ("oxycodon", "oxycodone"), ("codiene", "codeine"), ("diazapam", "diazepam"),
    ("valum", "diazepam"), ("morphene", "morphine"),
])
def test_lookup_tolerates_typos(index, typo, name):
    assert index.lookup(typo)[0].name == name


@pytest.mark.parametrize("query", ["omeprazole", "paracetamol", "aspirin", "", "   ", "x",
                                   "'; DROP TABLE interactions; --", "zzzzzzzz"])
def test_unknown_names_match_nothing(index, query):
    assert index.lookup(query) == []


def test_prefix_lists_every_drug_it_could_be(index):
    names = {m.name for m in index.lookup("meth")}
    assert {"methadone", "methocarbamol"} <= names


@given(st.text(max_size=300))
def test_fuzz_lookup_never_raises(index, text):
    for match in index.lookup(text):
        assert match.severity in ("major", "moderate", "avoid")


# Input as people paste it (issue #17) ------------------------------------------------


@pytest.mark.parametrize(("query", "name"), [
    ("Valium 5mg", "diazepam"), ("oxycodone 10 mg bd", "oxycodone"),
    ("diazepam 2 mg tablets twice a day", "diazepam"), ("Tylenol #3", "codeine"),
    ("Tylenol with Codeine", "codeine"), ("tramadol 50mg caps prn", "tramadol"),
])
def test_strengths_forms_and_frequencies_are_ignored(index, query, name):
    [answer] = index.check(query)
    assert answer.text == query and answer.matches[0].name == name


@pytest.mark.parametrize("query", [
    "valium and oxycodone", "valium, oxycodone", "valium + oxycodone", "valium\noxycodone",
    "valium / oxycodone", "Valium 5mg; oxycodone 10 mg bd",
])
def test_a_list_gives_one_answer_per_drug(index, query):
    answers = index.check(query)
    assert [a.matches[0].name for a in answers] == ["diazepam", "oxycodone"]


def test_a_drug_the_guide_does_not_list_is_named_with_no_matches(index):
    answers = index.check("omeprazole 20mg od, valium")
    assert [(a.text, bool(a.matches)) for a in answers] == [("omeprazole 20mg od", False),
                                                            ("valium", True)]


def test_a_strength_with_a_slash_is_not_a_drug(index):
    assert [a.text for a in index.check("co-codamol 30/500")] == ["co-codamol 30/500"]


def test_a_brand_needs_its_distinguishing_words(index):
    assert index.lookup("tylenol") == []  # acetaminophen: not an opioid
    assert index.lookup("Tylenol") == [] and index.check("Tylenol 500mg")[0].matches == ()


# Held out: none of these is written in the content; each is an ingredient the guide
# lists, as a pack or a prescription line writes it (salts, routes, release forms).
@pytest.mark.parametrize(("query", "name"), [
    ("oxycodone hydrochloride", "oxycodone"),
    ("morphine sulfate", "morphine"),
    ("morphine sulphate MR 30mg bd", "morphine"),
    ("codeine phosphate 30 mg qds", "codeine"),
    ("tramadol HCl", "tramadol"),
    ("tramadol hcl ER 100mg", "tramadol"),
    ("fentanyl transdermal", "fentanyl"),
    ("fentanyl 25 micrograms/hour patch", "fentanyl"),
    ("intrathecal morphine", "morphine"),
    ("zolpidem tartrate", "zolpidem"),
    ("zolpidem tartrate ER 6.25 mg", "zolpidem"),
    ("diphenhydramine hydrochloride", "diphenhydramine"),
    ("lorazepam sublingual", "lorazepam"),
    ("clonazepam ODT", "clonazepam"),
    ("hydrocodone bitartrate XR", "hydrocodone"),
    ("oxycodone/acetaminophen 5/325", "oxycodone"),
    ("hydromorphone IR 2mg q4h prn", "hydromorphone"),
    ("methadone oral solution 1 mg/ml", "methadone"),
    ("diazepam rectal", "diazepam"),
    ("midazolam buccal", "midazolam"),
    ("pregabalin capsules 75mg", "pregabalin"),
    ("tizanidine HCl 4 mg tds", "tizanidine"),
])
def test_salts_routes_and_release_forms_never_hide_an_ingredient(index, query, name):
    # A combination ("oxycodone/acetaminophen") is a list: one of its drugs answers.
    assert name in {m.name for answer in index.check(query) for m in answer.matches}


@pytest.mark.parametrize(("query", "name"), [
    ("oxycodone ratiopharm", "oxycodone"),
    ("teva morphine", "morphine"),
    ("Accord codeine 15mg", "codeine"),
])
def test_a_word_the_guide_does_not_know_never_hides_an_ingredient(index, query, name):
    assert name in {m.name for m in index.lookup(query)}


@pytest.mark.parametrize("query", [
    "metformin hydrochloride", "simvastatin 40 mg", "omeprazole DR 20mg",
    "levothyroxine sodium", "atorvastatin calcium", "sertraline HCl", "ondansetron ODT",
    "insulin glargine", "ferrous sulfate", "vitamin D 1000 units",
])
def test_unrelated_medicines_with_salts_and_forms_match_nothing(index, query):
    assert index.lookup(query) == []


# Held out from the salts and forms tests: UK and US brands, combinations and drinks.
@pytest.mark.parametrize(("query", "name"), [
    ("MST 30mg", "morphine"), ("MST Continus 10 mg bd", "morphine"), ("Sevredol", "morphine"),
    ("Longtec", "oxycodone"), ("Shortec caps", "oxycodone"), ("Zapain", "codeine"),
    ("Solpadol effervescent", "codeine"), ("co-dydramol 10/500", "dihydrocodeine"),
    ("Tramacet", "tramadol"), ("Ultracet", "tramadol"), ("Zamadol SR", "tramadol"),
    ("Matrifen patch", "fentanyl"), ("Transtec", "buprenorphine"), ("Stesolid", "diazepam"),
    ("Epistatus", "midazolam"), ("vodka", "alcohol"), ("whisky", "alcohol"),
    ("whiskey", "alcohol"), ("pint of lager", "alcohol"), ("glass of wine", "alcohol"),
    ("gin and tonic", "alcohol"),
])
def test_uk_and_us_brands_and_drinks_answer(index, query, name):
    assert name in {m.name for answer in index.check(query) for m in answer.matches}


def test_alcohol_avoid_is_given_for_a_drink_with_its_measure(index):
    [match] = index.lookup("2 glasses of wine")
    assert (match.name, match.severity) == ("alcohol", "avoid")


# SmPC 4.5 interactions, asked for as a pack or a prescription line writes them.
@pytest.mark.parametrize(("query", "name", "severity"), [
    ("carbidopa/levodopa 25/100", "levodopa", "moderate"), ("Sinemet CR", "levodopa", "moderate"),
    ("co-careldopa 12.5/50", "levodopa", "moderate"), ("Madopar", "levodopa", "moderate"),
    ("amlodipine besylate 5 mg", "calcium channel blockers", "moderate"),
    ("ramipril 10mg od", "ACE inhibitors", "moderate"), ("bisoprolol fumarate", "beta blockers",
                                                          "moderate"),
    ("lithium carbonate MR 400 mg", "lithium", "moderate"), ("Priadel", "lithium", "moderate"),
    ("ibuprofen 400mg tds", "NSAIDs", "moderate"), ("naproxen sodium", "NSAIDs", "moderate"),
    ("gentamicin IV", "aminoglycosides", "moderate"),
    ("phenelzine sulfate", "phenelzine", "moderate"),
    ("selegiline transdermal", "selegiline", "moderate"), ("propofol", "propofol", "moderate"),
])
def test_smpc_interactions_answer(index, query, name, severity):
    matches = [m for answer in index.check(query) for m in answer.matches]
    assert (name, severity) in {(m.name, m.severity) for m in matches}


def test_intrathecal_morphine_gives_the_pump_warning_and_the_opioid_one(index):
    matches = index.lookup("intrathecal morphine")
    assert {"Opioids", None} == {m.drug_class for m in matches}
    assert any("spine" in m.advice for m in matches)


def test_tricyclics_mention_marked_loss_of_muscle_tone(index):
    [match] = index.lookup("amitriptyline hydrochloride 10mg nocte")
    assert "marked loss of muscle tone" in match.advice and "SmPC" in match.source


def test_a_severity_no_source_states_says_it_is_the_guides_judgement(monograph):
    unsourced = [i for i in monograph.interactions
                 if i.citation.source.id in ("uk-tablets-smpc", "pms-baclofen-monograph",
                                             "intrathecal-sintetica-info")]
    assert unsourced and all("the guide's judgement" in i.advice for i in unsourced)


def test_avoid_sorts_above_every_other_severity(index):
    assert [m.severity for m in index.lookup("alcohol")] == ["avoid"]
    assert SEVERITIES[0] == "avoid" and SEVERITIES.index("major") < SEVERITIES.index("moderate")


def test_every_opioid_has_one_severity(index):
    opioids = ["codeine", "morphine", "buprenorphine", "levomethadyl", "tramadol", "fentanyl"]
    # The most severe answer; fentanyl is an anaesthetic too, graded on its own.
    assert {index.lookup(name)[0].severity for name in opioids} == {"major"}


@pytest.mark.parametrize("query", ["morphine", "morphine sulfate 10mg", "MST Continus 30 mg bd",
                                   "Oramorph 10mg/5ml", "oral morphine"])
def test_oral_morphine_gets_the_opioid_line_not_the_pump_one(index, query):
    [match] = index.lookup(query)
    assert match.drug_class == "Opioids" and "spine" not in match.advice


@pytest.mark.parametrize("query", ["intrathecal morphine", "morphine intrathecal 1 mg",
                                   "epidural morphine", "Infumorph"])
def test_morphine_into_the_spine_gets_the_pump_line(index, query):
    assert any("spine" in m.advice for m in index.lookup(query))


@pytest.fixture(scope="module")
def combined_index(database, monograph):
    return InteractionIndex(monograph.interactions, database.info.medicine_words,
                            monograph.combined_warning)


def combined(index, query):
    return index.combined_warning(index.check(query))


@pytest.mark.parametrize("query", [
    "oxycodone, diazepam", "MST 30mg bd, zopiclone 7.5mg nocte", "pregabalin + vodka",
    "Tylenol #3, Ambien", "amitriptyline 10mg, gabapentin 300mg tds, omeprazole",
])
def test_two_cns_depressants_give_one_combined_warning(combined_index, query):
    warning = combined(combined_index, query)
    assert warning and "breathing" in warning.advice
    assert {c.source.id for c in warning.citations} == {"ozobax-label", "uk-tablets-smpc"}
    # The per-drug lines stay: every drug keeps its own answer.
    assert all(answer.matches for answer in combined_index.check(query)
               if "omeprazole" not in answer.text)


@pytest.mark.parametrize("query", [
    "oxycodone", "oxycodone, omeprazole", "lisinopril, diazepam", "Tylenol #3, codeine",
    "intrathecal morphine", "lithium, ibuprofen",
])
def test_one_cns_depressant_or_none_gives_no_combined_warning(combined_index, query):
    assert combined(combined_index, query) is None


def test_without_a_combined_warning_in_content_none_is_given(index):
    assert combined(index, "oxycodone, diazepam") is None
