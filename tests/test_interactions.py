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
