"""Full-text search: words, prefixes, phrases, filters, ranking and hostile input."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.journal.search import HINT_EMPTY, HINT_ONLY_EXCLUDED, HINT_UNCLOSED_QUOTE, parse_query
from app.services import journal
from app.services.journal import MARK_END, MARK_START, EntryFilters, SearchResult
from tests.helpers.journal import entry_input

D = datetime.date


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    from app.context import open_app

    context = open_app(tmp_path_factory.mktemp("search"))
    info = journal.create_journal(context, "Ours", None)
    opened = journal.open_journal(context, info.id)
    rows = [
        ("Picnic by the river", "We ate strawberries under the old willow tree.", 5, ("outdoors", "date night"), D(2026, 6, 1)),
        ("Quiet night", "Reading side by side, the river sounding far off.", 4, ("home",), D(2026, 6, 3)),
        ("", "A hard conversation about money. We listened well.", 2, ("talks",), D(2026, 7, 9)),
        ("Café morning", "Crème brûlée for breakfast, which felt silly and lovely.", 4, ("out",), D(2026, 8, 2)),
        ("Strawberry season", "Picking strawberries again; the willow was bare.", 3, ("outdoors",), D(2026, 9, 4)),
        ("Old willow", "willow willow willow", 3, (), D(2026, 9, 5)),
    ]
    ids = {}
    for title, body, mood, tags, day in rows:
        entry = opened.save_entry(entry_input(body, title=title, mood=mood, tags=tags, day=day))
        ids[title or "money"] = entry.id
    opened.ids = ids
    yield opened
    opened.close()
    context.close()


def ids_of(result: SearchResult):
    return {hit.entry_id for hit in result.hits}


def test_single_word(session):
    result = session.search("strawberries")
    assert ids_of(result) == {session.ids["Picnic by the river"], session.ids["Strawberry season"]}
    assert result.hint is None


def test_all_words_must_occur_in_any_order(session):
    assert ids_of(session.search("willow strawberries")) == {
        session.ids["Picnic by the river"], session.ids["Strawberry season"]
    }
    assert ids_of(session.search("money willow")) == set()


def test_prefix(session):
    assert ids_of(session.search("strawb*")) == {
        session.ids["Picnic by the river"], session.ids["Strawberry season"]
    }
    assert ids_of(session.search("s*")) >= {session.ids["Quiet night"]}


def test_phrase(session):
    assert ids_of(session.search('"side by side"')) == {session.ids["Quiet night"]}
    assert ids_of(session.search('"by side side"')) == set()


def test_case_and_accents_are_ignored(session):
    assert ids_of(session.search("CREME BRULEE")) == {session.ids["Café morning"]}
    assert ids_of(session.search("cafe")) == {session.ids["Café morning"]}


def test_tags_are_searchable(session):
    assert session.ids["Picnic by the river"] in ids_of(session.search("date night"))


def test_exclusion(session):
    assert ids_of(session.search("willow -strawberries")) == {session.ids["Old willow"]}
    result = session.search("-willow")
    assert result.hits == () and result.hint == HINT_ONLY_EXCLUDED


def test_rank_prefers_titles_and_frequency(session):
    hits = session.search("willow").hits
    assert hits[0].entry_id == session.ids["Old willow"]
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_snippet_marks_matched_words(session):
    hit = session.search("sounding").hits[0]
    assert f"{MARK_START}sounding{MARK_END}" in hit.snippet
    assert hit.title == "Quiet night" and hit.date == D(2026, 6, 3) and hit.mood == 4


def test_filters(session):
    assert ids_of(session.search("willow", EntryFilters(mood=3))) == {
        session.ids["Strawberry season"], session.ids["Old willow"]
    }
    assert ids_of(session.search("willow", EntryFilters(tag="Outdoors"))) == {
        session.ids["Picnic by the river"], session.ids["Strawberry season"]
    }
    june = EntryFilters(date_from=D(2026, 6, 1), date_to=D(2026, 6, 30))
    assert ids_of(session.search("river", june)) == {
        session.ids["Picnic by the river"], session.ids["Quiet night"]
    }
    assert ids_of(session.search("money", june)) == set()


def test_limit(session):
    assert len(session.search("willow", limit=1).hits) == 1


HOSTILE = [
    '"',
    '"unbalanced',
    'river"',
    "NEAR(",
    "NEAR(river willow",
    "NEAR(river willow, 2)",
    "*",
    "**",
    "-",
    "--",
    "- -",
    "title:river",
    "body:",
    "{title body}: river",
    "^river",
    "river AND",
    "AND OR NOT",
    "OR",
    "(",
    ")",
    "()",
    "river)",
    "\x00",
    "river\x00willow",
    "'; DROP TABLE entry; --",
    "x" * 10_000,
    "river " * 5_000,
    "🙂 💛",
    "\u202e\u200b",
    "",
    "   ",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(session, query):
    result = session.search(query)
    assert isinstance(result, SearchResult)
    if not result.hits:
        assert result.hint is not None or query.strip(" \x00") != ""
    assert session.count_entries() == 6


@pytest.mark.parametrize("query", ['"', '"unbalanced', 'river"', "*", "-", "()", "\x00", "", "🙂"])
def test_unusable_queries_give_no_results_and_a_hint(session, query):
    result = session.search(query)
    assert result.hits == ()
    assert result.hint in (HINT_EMPTY, HINT_UNCLOSED_QUOTE, HINT_ONLY_EXCLUDED)


def test_fts_operators_are_plain_words(session):
    # "NEAR(river willow" searches for the words, it does not reach FTS5's syntax.
    near = parse_query("NEAR(river").expression
    assert near == '(("NEAR" OR tags_text : "NEAR"*) AND ("river" OR tags_text : "river"*))'
    title = parse_query("title:river").expression
    assert title == '(("title" OR tags_text : "title"*) AND ("river" OR tags_text : "river"*))'
    assert ids_of(session.search("river OR")) == set()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list('"*-():^{}+ NEAROT')), max_size=60))
def test_any_text_is_a_safe_query(session, text):
    result = session.search(text)
    assert isinstance(result, SearchResult)


def test_very_common_words_come_newest_written_first(session, monkeypatch):
    from app.journal.session import search as session_module

    ranked = session.search("willow")
    monkeypatch.setattr(session_module, "RANK_ALL_MAX", 2)
    recent = session.search("willow")
    assert {h.entry_id for h in recent.hits} == {h.entry_id for h in ranked.hits}
    assert [h.entry_id for h in recent.hits] == sorted((h.entry_id for h in recent.hits), reverse=True)
    # Each hit still carries its own relevance and snippet.
    assert all(h.rank < 0 and MARK_START in h.snippet for h in recent.hits)
    filtered = session.search("willow", EntryFilters(mood=3), limit=1)
    assert [h.entry_id for h in filtered.hits] == [session.ids["Old willow"]]


@pytest.fixture
def walks(app_context):
    info = journal.create_journal(app_context, "Walks", None)
    with journal.open_journal(app_context, info.id) as opened:
        rows = {
            "walk": entry_input("A short walk before dinner.", title="Evening"),
            "walking": entry_input("We went walking along the canal.", title="Canal"),
            "tagged": entry_input("Out all afternoon.", title="Hills", tags=("walks",)),
            "club": entry_input("Rain.", title="Sunday", tags=("walking-club", "rain")),
            "other": entry_input("We stayed in and cooked.", title="Home"),
        }
        opened.ids = {name: opened.save_entry(data).id for name, data in rows.items()}
        yield opened


def test_a_word_finds_its_other_forms_and_tags_starting_with_it(walks):
    ids = walks.ids
    assert ids_of(walks.search("walk")) == {ids["walk"], ids["walking"], ids["tagged"],
                                            ids["club"]}
    assert ids_of(walks.search("Walking")) == {ids["walk"], ids["walking"], ids["tagged"],
                                               ids["club"]}
    # A tag is matched by its start, not only by its word forms.
    assert ids_of(walks.search("wal")) == {ids["tagged"], ids["club"]}


def test_prefix_phrase_and_leaving_out_still_work_with_word_forms(walks):
    ids = walks.ids
    assert ids_of(walks.search("walk*")) == {ids["walk"], ids["walking"], ids["tagged"],
                                             ids["club"]}
    assert ids_of(walks.search('"walking along"')) == {ids["walking"]}
    assert ids_of(walks.search('"along walking"')) == set()
    assert ids_of(walks.search("walk -canal")) == {ids["walk"], ids["tagged"], ids["club"]}
    # Leaving a word out leaves out its tags too.
    assert ids_of(walks.search("walk -rain")) == {ids["walk"], ids["walking"], ids["tagged"]}
    assert ids_of(walks.search("cook")) == {ids["other"]}


def test_search_snippets_are_plain_words_from_the_body(walks):
    walks.save_entry(entry_input("A long *and* lovely **canal** walk.", title="Canal again"))
    hit = next(h for h in walks.search("canal").hits if h.title == "Canal again")
    assert hit.snippet == f"A long and lovely {MARK_START}canal{MARK_END} walk."
    # A match in the title or a tag alone still shows the body's first words.
    hills = next(h for h in walks.search("wal").hits if h.title == "Hills")
    assert hills.snippet == "Out all afternoon."
