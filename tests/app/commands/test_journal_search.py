"""`hearth journal search` run as a script would: ranked lines out, refusals as one line."""

from __future__ import annotations

import datetime

import pytest

from app.db_files import remove_db_files
from app.services import journal
from tests.app.commands.test_journal import _unchanged_state, hearth, ok, refused
from tests.app.migrations.journal.test_m0002_word_forms_draft_prompt import write_v1_journal
from tests.helpers.journal import PASS, entry_input

D = datetime.date


@pytest.fixture
def two(app_context):
    """A protected "Ours" and an unprotected "Shared", with walks written three ways."""
    ours = journal.create_journal(app_context, "Ours", PASS)
    with journal.open_journal(app_context, ours.id, PASS) as session:
        session.save_entry(entry_input("We went **walking** along the canal.", title="Canal",
                                       day=D(2026, 3, 2)))
        session.save_entry(entry_input("Out all afternoon in the hills.", title="Hills",
                                       tags=("walks",), day=D(2026, 3, 9)))
        session.save_entry(entry_input("A walk, then a walk, then one more walk.",
                                       title="Walk walk walk", day=D(2026, 3, 1)))
        session.save_entry(entry_input("Stayed in and cooked.", title="Home",
                                       day=D(2026, 3, 3)))
    shared = journal.create_journal(app_context, "Shared", None)
    with journal.open_journal(app_context, shared.id) as session:
        session.save_entry(entry_input("Groceries, then a film.", title="Errands"))
    app_context.close()
    return app_context.data_dir


def ranked_titles(data_dir, name, passphrase, query) -> list[str]:
    """The titles of the matches in the order the journal ranks them."""
    from app.context import open_app

    context = open_app(data_dir)
    try:
        info = next(i for i in journal.list_journals(context) if i.name == name)
        with journal.open_journal(context, info.id, passphrase) as session:
            return [hit.title for hit in session.search(query).hits]
    finally:
        context.close()


def lines(result) -> list[list[str]]:
    return [line.split("\t") for line in ok(result).splitlines()]


def test_prints_ranked_matches_of_a_protected_journal(two):
    found = lines(hearth(two, "journal", "search", "--journal", "ours", "walk",
                         stdin=f"{PASS}\n"))
    assert sorted(row[1] for row in found) == ["Canal", "Hills", "Walk walk walk"]
    assert [row[1] for row in found] == ranked_titles(two, "Ours", PASS, "walk")
    canal = next(row for row in found if row[1] == "Canal")
    assert canal[0] == "2026-03-02"
    assert canal[2] == "We went walking along the canal."  # plain words, no Markdown
    assert all(len(row) == 3 for row in found)


def test_prefix_phrase_exclusion_and_limit(two):
    def titles(*args):
        result = hearth(two, "journal", "search", "--journal", "Ours", *args,
                        stdin=f"{PASS}\n")
        return [row[1] for row in lines(result)]

    assert sorted(titles("walk*", "-canal")) == ["Hills", "Walk walk walk"]
    assert titles('"along the canal"') == ["Canal"]
    assert len(titles("--limit", "1", "walk")) == 1


def test_no_match_exits_1_with_a_line_on_stderr(two):
    result = hearth(two, "journal", "search", "--journal", "Shared", "zebra")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == ["No entry of “Shared” matches zebra."]
    long = hearth(two, "journal", "search", "--journal", "Shared", "zebra" * 20_000)
    assert long.returncode == 1 and len(long.stderr) < 200 and long.stderr.count("\n") == 1


@pytest.mark.parametrize(("args", "stdin", "words"), [
    (('"unclosed',), f"{PASS}\n", "Close the quote"),
    (("--", "-walk"), f"{PASS}\n", "not only words to leave out"),
    ((), f"{PASS}\n", "Type a word"),
    (("***",), f"{PASS}\n", "Type a word"),
    (("walk",), "not the passphrase\n", "does not unlock"),
    (("walk",), "", "ended before the passphrase"),
], ids=["unclosed quote", "only left out", "no word", "empty", "wrong passphrase",
        "no passphrase"])
def test_bad_queries_and_passphrases_are_one_line_and_change_nothing(two, args, stdin, words):
    before = _unchanged_state(two)
    refused(hearth(two, "journal", "search", "--journal", "Ours", *args, stdin=stdin), words)
    assert _unchanged_state(two) == before


def test_a_bad_limit_or_journal_is_refused(two):
    result = hearth(two, "journal", "search", "--journal", "Ours", "--limit", "0", "walk")
    assert result.returncode == 2 and "--limit" in result.stderr
    refused(hearth(two, "journal", "search", "--journal", "Theirs", "walk"), "no journal named")


def test_an_older_journal_is_brought_up_to_date_first(app_context):
    info = journal.create_journal(app_context, "Old", PASS)
    remove_db_files(info.path)
    write_v1_journal(info.path, PASS)
    app_context.close()
    found = lines(hearth(app_context.data_dir, "journal", "search", "--journal", "Old",
                         "walks", stdin=f"{PASS}\n"))
    assert [row[1] for row in found] == ["Walking by the canal"]
