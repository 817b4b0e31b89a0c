import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.content.interactions import InteractionIndex


@pytest.fixture(scope="module")
def index(monograph):
    return InteractionIndex(monograph.interactions)


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
    ("levomethadyl", "levomethadyl", None, "moderate"),
    ("Suboxone", "buprenorphine", None, "moderate"),
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


@pytest.mark.parametrize("query", ["ibuprofen", "paracetamol", "aspirin", "", "   ", "x",
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
    answers = index.check("ibuprofen 400mg tds, valium")
    assert [(a.text, bool(a.matches)) for a in answers] == [("ibuprofen 400mg tds", False),
                                                            ("valium", True)]


def test_a_strength_with_a_slash_is_not_a_drug(index):
    assert [a.text for a in index.check("co-codamol 30/500")] == ["co-codamol 30/500"]


def test_a_brand_needs_its_distinguishing_words(index):
    assert index.lookup("tylenol") == []  # acetaminophen: not an opioid
    assert index.lookup("Tylenol") == [] and index.check("Tylenol 500mg")[0].matches == ()
