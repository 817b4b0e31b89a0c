"""Unicode variants of a word match it: case, Turkish I, compatibility forms, and
invisible characters pasted from elsewhere, in triage, search and interactions."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.content.interactions import InteractionIndex
from desktop.content.text import normalize_input, normalize_with_offsets

# Default-ignorable code points a caller's text can carry from a web page or a chat.
IGNORABLES = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e",
              "\u2060", "\u2066", "\u2069", "\ufeff", "\u034f", "\ufe0f"]


@pytest.fixture(scope="module")
def lexicon_terms(monograph):
    return [term for effect in monograph.side_effects for term in (effect.name, *effect.terms)]


def disguised(term: str) -> str:
    """`term` in capitals with a Turkish dotted I, and a soft hyphen inside every word."""
    words = [word[:1] + "\u00ad" + word[1:] for word in term.split()]
    return " ".join(words).upper().replace("I", "\u0130")


def outcome(triage, text):
    result = triage.assess(text)
    return result.overall, sorted(m.effect.name for m in result.symptoms)


@pytest.mark.parametrize(("typed", "expected"), [
    ("SEİZURES", "seizures"), ("HAD A FİT", "had a fit"), ("dıt", "dit"),
    ("se\u00adizures", "seizures"), ("sei\u200bzu\u200dres", "seizures"),
    ("\u202eseizures\u202c", "seizures"), ("ｓｅｉｚｕｒｅｓ", "seizures"), ("STRASSE", "strasse"),
    ("Straße", "strasse"), ("I\u0307", "i"), ("\ufb01t", "fit"), ("", ""),
])
def test_normal_form(typed, expected):
    assert normalize_input(typed) == expected


@pytest.mark.parametrize("typed", ["SEİZURES", "a\u00adb", "e\u0301 ß ﬁ", "plain"])
def test_offsets_point_into_what_was_typed(typed):
    normal, origins = normalize_with_offsets(typed)
    assert normal == normalize_input(typed) and len(origins) == len(normal)
    for (start, end), char in zip(origins, normal, strict=True):
        assert normalize_input(typed[start:end]).find(char) >= 0


def test_every_lexicon_term_matches_in_disguise(triage, lexicon_terms):
    for term in lexicon_terms:
        assert outcome(triage, disguised(term)) == outcome(triage, term), term


def test_a_match_reports_the_text_as_typed(triage):
    typed = "dizzy and HAD A F\u0130T"
    [match] = [m for m in triage.assess(typed).symptoms if m.effect.name == "seizures"]
    assert match.text == "HAD A F\u0130T"


@given(st.data())
def test_fuzz_ignorables_inside_any_term_change_nothing(triage, lexicon_terms, data):
    term = data.draw(st.sampled_from(lexicon_terms))
    inserts = data.draw(st.lists(st.tuples(st.integers(0, len(term)), st.sampled_from(IGNORABLES)),
                                 max_size=6))
    variant = term
    for position, char in sorted(inserts, reverse=True):
        variant = variant[:position] + char + variant[position:]
    assert outcome(triage, variant) == outcome(triage, term)


def test_search_finds_unicode_variants(database):
    expected = [(h.page, h.title) for h in database.search("seizures")]
    for variant in ("SEİZURES", "se\u00adizures", "sei\u200bzures", "ｓｅｉｚｕｒｅｓ"):
        assert [(h.page, h.title) for h in database.search(variant)] == expected


def test_interaction_lookup_finds_unicode_variants(monograph):
    index = InteractionIndex(monograph.interactions)
    expected = index.lookup("valium")
    assert expected
    for variant in ("VAL\u0130UM", "val\u200bium", "va\u00adlium", "\u200evalium\u200f"):
        assert index.lookup(variant) == expected
