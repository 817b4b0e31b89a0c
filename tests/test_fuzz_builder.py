"""The builder's validation answers any input with a result or a ContentSourceError."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from db import sources
from db.sources import ContentSourceError, Fields

FILE = Path("fuzz.toml")
KNOWN = {"article", "tablets-label"}  # source ids the fuzzed rows may name
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    st.dates())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["name", "terms", "tier", "frequency", "advice", "source", "part", "symptom",
                     "title", "text", "blocks", "items", "header", "rows", "severity", "class",
                     "members", "aliases", "route", "stage", "mg_per_day", "days", "detail",
                     "low", "high", "unit", "label", "kind", "caution"]), inner, max_size=6),
    max_leaves=8)
tables = st.dictionaries(st.sampled_from(["group", "interaction", "members", "name", "tier",
                                          "severity", "advice", "symptom", "overview"]),
                         values, max_size=6)


def check(function, data):
    try:
        function(Fields(data, FILE))
    except ContentSourceError as error:
        assert str(error).startswith("fuzz.toml")


@given(tables)
def test_fuzz_side_effects(data):
    check(lambda fields: sources._side_effects(fields, KNOWN), data)


@given(tables)
def test_fuzz_interaction(data):
    check(lambda fields: sources._interaction(fields, KNOWN), data)


@given(st.dictionaries(st.sampled_from(["route", "stage", "mg_per_day", "days", "detail",
                                        "low", "high", "unit", "label", "source", "part"]),
                       values, max_size=11))
def test_fuzz_dose_and_fact(data):
    check(lambda fields: sources._dose(fields, KNOWN), data)
    check(lambda fields: sources._fact(fields, KNOWN), data)


@given(st.dictionaries(st.sampled_from(["overview", "uses"]), values, max_size=2))
def test_fuzz_section(data):
    check(lambda fields: sources._section(fields, "overview", KNOWN), data)


@given(st.dictionaries(st.sampled_from(["kind", "title", "text", "items", "header", "rows",
                                        "source", "part"]), values, max_size=8))
def test_fuzz_block(data):
    check(lambda fields: sources._block(fields, KNOWN), data)


@given(tables)
def test_fuzz_sources_list(data):
    check(sources._sources, data)


@given(st.text(max_size=400))
def test_fuzz_toml_text(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("toml") / "drug.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        sources.read_toml(path)
    except ContentSourceError as error:
        assert "drug.toml" in str(error)
