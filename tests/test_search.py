import sqlite3

import pytest
import sqlite_utils
from hypothesis import given
from hypothesis import strategies as st

from db.build import create_schema, create_search_index
from desktop.content.search import (
    SNIPPET_CHARS,
    Answer,
    centred_snippet,
    fts_query,
    marked_snippet,
    run,
    split_snippet,
)


def test_prefix_finds_baclofen(database):
    hits = database.search("bacl")
    assert hits
    assert any("baclofen" in h.snippet.lower() for h in hits)
    hit = hits[0]
    assert hit.snippet[slice(*hit.highlights[0])].lower().startswith("bacl")


@pytest.mark.parametrize(("query", "section"), [
    ("seizures", "side_effects"),
    ("half-life", "how_it_works"),
    ("Valium", "interactions"),
    ("oxycodone", "interactions"),
    ("spinal cord injury", "uses"),
    ("Ozobax DS", "forms"),
    ("taper", "precautions"),
    ("levodopa", "interactions"),
    ("haemodialysis", "precautions"),
    ("peptic ulcer", "precautions"),
    ("alpha-2-delta", "how_it_works"),
    ("ovarian cyst", "precautions"),
    ("tinnitus", "side_effects"),
    ("intrathecal", "pump"),
    ("Lyvispah", "forms"),
    ("Gablofen", "forms"),
    ("overdose", "side_effects"),
    ("autonomic dysreflexia", "precautions"),
    ("forgot a dose", "overview"),
    ("paediatric dose", "overview"),
    ("screening bolus", "pump"),
    ("titration", "pump"),
    ("pharmacokinetics", "how_it_works"),
    ("counseling", "precautions"),
    ("porphyria", "precautions"),
    ("urinary retention", "precautions"),
    ("suicidal thoughts", "precautions"),
    ("monitoring", "precautions"),
])
def test_search_finds_the_right_section(database, query, section):
    assert section in {h.page for h in database.search(query)[:5]}


def test_missed_dose_finds_the_missed_dose_section_first(database):
    hit = database.search("missed dose")[0]
    assert (hit.page, hit.title) == ("overview", "Missed dose")


def test_results_are_ranked_title_first(database):
    assert database.search("seizures")[0].title in ("Seizures", "Seizures or epilepsy")


@pytest.mark.parametrize("query", [
    "co-amoxiclav", "John's", "875/125", "AND", "OR", "NOT", "NEAR", "NEAR(a b)", '"', '""',
    "*", "a*b", "(", ")", "((", "bacl)", "title:x", "-x", "^x", "'; DROP TABLE sections;--",
    "", "   ", "\x00", "🙂", "מרשם", "a" * 10_000, "x " * 5_000,
])
def test_hostile_queries_are_plain_searches(database, query):
    for hit in database.search(query):
        assert hit.title


def test_fts_query_quotes_every_word():
    assert fts_query('AND "x" (y') == '"and" AND "x" AND "y"*'
    assert fts_query("bacl ") == '"bacl"'
    assert fts_query("!!!") is None


def test_snippet_markers_become_spans():
    plain, spans = split_snippet("a \x02bc\x03 d \x02e\x03")
    assert plain == "a bc d e" and spans == ((2, 4), (7, 8))


def test_marked_snippet(database):
    hit = database.search("tinnitus")[0]
    assert "**tinnitus**" in marked_snippet(hit).lower()


@given(st.text(max_size=200))
def test_fuzz_search_query_builder(database, text):
    database.search(text)


# Synonyms, fallback and figures (issue #17) --------------------------------------------


@pytest.mark.parametrize("query", ["max daily dose", "max dose", "maximum daily dose",
                                   "max dosing"])
def test_abbreviations_and_synonyms_from_content_find_the_maximum_dose(database, query):
    hits = database.search(query)
    assert hits and any("80 mg" in f"{h.title} {h.snippet}" for h in hits[:2]), query


def test_when_no_text_holds_every_word_any_word_is_ranked(database):
    hits = database.search("zzzz maximum")
    assert hits and "aximum" in f"{hits[0].title} {hits[0].snippet}"


def test_the_half_life_result_holds_its_number(database):
    top = database.search("half life")[0]
    assert top.title == "Half-life" and "2-4 hours" in top.snippet


def test_the_snippet_is_centred_on_the_best_match():
    words = [f"w{i}" for i in range(200)]
    words[100] = "\x02spasm\x03"
    snippet, spans = centred_snippet(*split_snippet(" ".join(words)))
    assert snippet.startswith("\u2026") and snippet.endswith("\u2026")
    assert len(snippet) <= SNIPPET_CHARS + 10
    (start, end), = spans
    assert snippet[start:end] == "spasm"
    assert abs((start + end) / 2 - len(snippet) / 2) < len(snippet) / 8


def test_the_snippet_reaches_the_figure_the_match_answers():
    text = ("\x02Maximum\x03 " + "daily intake for adults, whatever the form or the route, "
            "according to the label and to the latest revision of it, is 80 mg a day"
            + ", split into doses" * 20)
    snippet, spans = centred_snippet(*split_snippet(text))
    assert "80 mg" in snippet and snippet[slice(*spans[0])] == "Maximum"


def test_a_short_text_is_the_whole_snippet():
    assert centred_snippet("half-life 2 to 4 hours", ((0, 9),)) == (
        "half-life 2 to 4 hours", ((0, 9),))


@pytest.mark.parametrize("query, figure", [("half-life", "2 to 4 hours"),
                                           ("maximum", "80 mg")])
def test_every_result_with_a_figure_after_its_match_shows_it(database, query, figure):
    hits = database.search(query)
    assert any(figure in hit.snippet for hit in hits)
    for hit in hits:
        if hit.highlights:  # the match itself is always in the snippet
            assert hit.snippet[slice(*hit.highlights[0])].lower().startswith(query[:4])


# The text that answers a search before passing mentions (issue #24) -------------------


def test_the_pump_teams_advice_answers_a_pump_alarm(database):
    for query in ("pump alarm", "pump alarms", "alarm", "pump al"):
        top = database.search(query)[0]
        assert (top.page, top.title) == ("pump", "What the clinic does"), query


def test_missed_dose_opens_the_missed_dose_section(database):
    """It once opened a physical-activity note that mentions a missed dose in passing."""
    top = database.search("missed dose")[0]
    assert (top.drug_id, top.page, top.title) == ("baclofen", "overview", "Missed dose")


def test_a_heading_that_names_the_words_comes_before_a_passing_mention(database):
    """ "kidney" once opened the excretion fact, which mentions the kidneys in passing."""
    assert database.search("kidney")[0].title == "Kidney impairment"


MENTION = ("Travel", "Take your dose before a flight.\nIf a tablet is missed, go on as usual.")
PARAGRAPH = ("Notes", "Many patients ask about timing; " * 8 + "a missed dose is taken when "
             "remembered, unless the next one is near.")
HEADING = ("Missed doses", "Take it when remembered, unless the next one is near.")


@pytest.fixture
def three_texts():
    """A search index holding a passing mention, a paragraph and a heading, alone."""
    conn = sqlite3.connect(":memory:")
    db = sqlite_utils.Database(conn)
    create_schema(db)
    db["search_items"].insert_all(
        {"id": n, "drug_id": "d", "position": n, "page": "notes", "anchor": f"block-{n}",
         "title": title, "body": body} for n, (title, body) in enumerate(
            [MENTION, PARAGRAPH, HEADING], start=1))
    create_search_index(db)
    yield conn
    conn.close()


def titles(conn, query, answers=()):
    return [hit.title for hit in run(conn, query, answers=answers)]


def test_a_heading_then_one_paragraph_come_before_words_apart(three_texts):
    assert titles(three_texts, "missed dose") == ["Missed doses", "Notes", "Travel"]


def test_the_answer_content_names_comes_first(three_texts):
    answer = Answer("notes", "Notes", (("missed", "dose"),))
    assert titles(three_texts, "dose missed", [answer])[0] == "Notes"
    assert titles(three_texts, "dose", [answer])[0] != "Notes"  # not the whole question
