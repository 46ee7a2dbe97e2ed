"""Entries, tags, listing, statistics and drafts inside one unlocked journal."""

from __future__ import annotations

import datetime
import threading

import pytest

from app.errors import NotFoundError, ValidationError
from app.services import journal
from app.services.journal import EntryFilters, EntryInput
from tests.helpers.journal import entry_input

D = datetime.date


class Clock:
    def __init__(self):
        self.now = datetime.datetime(2026, 11, 20, 9, 30)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def session(app_context, clock):
    info = journal.create_journal(app_context, "Ours", None)
    opened = journal.open_journal(app_context, info.id, clock=clock)
    yield opened
    opened.close()


def test_save_and_update_entry(session, clock):
    saved = session.save_entry(
        EntryInput(
            date=D(2026, 11, 19),
            title="  A good   day ",
            body="We cooked together.\r\nThen we danced, didn't we?",
            mood=5,
            tags=("cooking", " Cooking ", "", "date night"),
            activity_uid="act-1",
            prompt_id="prompt-3",
        )
    )
    assert saved.title == "A good day"
    assert saved.body == "We cooked together.\nThen we danced, didn't we?"
    assert saved.tags == ("cooking", "date night")
    assert saved.word_count == 8
    assert saved.created_at == saved.updated_at == clock.now
    clock.now += datetime.timedelta(hours=1)
    changed = session.save_entry(EntryInput(date=D(2026, 11, 18), body="Shorter."), saved.id)
    assert changed.id == saved.id and changed.tags == () and changed.mood is None
    assert changed.created_at == saved.created_at and changed.updated_at == clock.now
    assert session.get_entry(saved.id) == changed
    assert session.all_tags() == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"body": "  ", "title": ""}, "body"),
        ({"mood": 0}, "mood"),
        ({"mood": 6}, "mood"),
        ({"mood": True}, "mood"),
        ({"title": "x" * 201}, "title"),
        ({"tags": ("y" * 41,)}, "tags"),
        ({"tags": "one,two"}, "tags"),
        ({"tags": tuple(f"t{n}" for n in range(31))}, "tags"),
    ],
)
def test_invalid_entries_are_refused_with_field(session, fields, field):
    data = {"date": D(2026, 11, 1), "body": "text", **fields}
    with pytest.raises(ValidationError) as caught:
        session.save_entry(EntryInput(**data))
    assert caught.value.field == field
    assert session.count_entries() == 0


def test_datetime_is_not_a_date(session):
    with pytest.raises(ValidationError):
        session.save_entry(EntryInput(date=datetime.datetime(2026, 1, 1), body="x"))


def test_marks_and_control_characters_are_removed(session):
    saved = session.save_entry(entry_input("a\x02b\x03c\x00d\te"))
    assert saved.body == "abcd\te"


def test_update_or_delete_of_missing_entry(session):
    with pytest.raises(NotFoundError):
        session.save_entry(entry_input(), 99)
    with pytest.raises(NotFoundError):
        session.delete_entry(99)
    with pytest.raises(NotFoundError):
        session.get_entry(99)


def test_large_body_is_kept_whole(session):
    body = ("A long letter to you. " * 50 + "\n\n") * 1000
    saved = session.save_entry(entry_input(body))
    assert session.get_entry(saved.id).body == body
    assert session.get_entry(saved.id).word_count == 5 * 50 * 1000


def test_delete_removes_tags_and_drafts(session):
    kept = session.save_entry(entry_input("stay", tags=("shared",)))
    gone = session.save_entry(entry_input("go", tags=("shared", "lonely")))
    session.save_draft(f"entry-{gone.id}", gone.to_input(), entry_id=gone.id)
    session.delete_entry(gone.id)
    assert session.all_tags() == ["shared"]
    assert session.pending_drafts() == []
    assert session.count_entries() == 1 and session.get_entry(kept.id).body == "stay"


def test_list_is_newest_first_and_pages(session):
    for n in range(25):
        session.save_entry(entry_input(f"# Heading {n}\n\nbody {n}", day=D(2026, 1, 1) + datetime.timedelta(days=n % 10)))
    page1 = session.list_entries(0, 10)
    page2 = session.list_entries(10, 10)
    page3 = session.list_entries(20, 10)
    rows = page1 + page2 + page3
    assert len(rows) == 25 and len(page3) == 5
    assert [(r.date, r.id) for r in rows] == sorted(((r.date, r.id) for r in rows), reverse=True)
    assert rows[0].snippet.startswith("Heading ")
    assert session.list_entries(100, 10) == []


def test_filters_on_list_and_count(session):
    session.save_entry(entry_input("a", day=D(2026, 1, 5), mood=2, tags=("Walks",)))
    session.save_entry(entry_input("b", day=D(2026, 2, 5), mood=4, tags=("walks", "sea")))
    session.save_entry(entry_input("c", day=D(2026, 3, 5), mood=4))
    assert session.count_entries(EntryFilters(tag="WALKS")) == 2
    assert session.count_entries(EntryFilters(mood=4)) == 2
    assert session.count_entries(EntryFilters(date_from=D(2026, 2, 1))) == 2
    assert session.count_entries(EntryFilters(date_to=D(2026, 2, 5))) == 2
    both = EntryFilters(tag="walks", mood=4, date_from=D(2026, 2, 5), date_to=D(2026, 2, 5))
    assert [e.snippet for e in session.list_entries(0, 10, both)] == ["b"]
    assert session.count_entries(EntryFilters(tag="nothing")) == 0
    assert session.all_tags() == ["Walks", "sea"]


def test_stats(session):
    today = D(2026, 11, 20)
    for back in (1, 2, 3, 5, 40):
        session.save_entry(entry_input("x", day=today - datetime.timedelta(days=back), mood=back % 5 + 1))
    stats = session.stats(today)
    assert stats.total_entries == 5
    assert stats.entries_this_month == 4
    assert stats.writing_streak_days == 3  # yesterday and the two days before
    session.save_entry(entry_input("today", day=today, mood=5))
    stats = session.stats(today)
    assert stats.writing_streak_days == 4
    assert today in stats.days_written and len(stats.days_written) == 6
    assert sum(p.count for p in stats.mood_by_month) == 6
    assert stats.mood_by_week[-1].start == D(2026, 11, 16)
    assert all(p.start.weekday() == 0 for p in stats.mood_by_week)


def test_drafts_replace_and_discard(session, clock):
    session.save_draft("new", entry_input("first words"))
    clock.now += datetime.timedelta(seconds=5)
    draft = session.save_draft("new", entry_input("first words and more", mood=9, tags=("x",)))
    assert draft.data.mood is None  # mended, not refused
    clock.now += datetime.timedelta(seconds=5)
    session.save_draft("entry-7", entry_input("edit"), entry_id=7)
    drafts = session.pending_drafts()
    assert [d.key for d in drafts] == ["entry-7", "new"]
    assert drafts[1].data.body == "first words and more" and drafts[1].data.tags == ("x",)
    assert drafts[0].entry_id == 7
    session.discard_draft("entry-7")
    session.discard_draft("never-existed")
    assert [d.key for d in session.pending_drafts()] == ["new"]


def test_draft_with_empty_text_is_still_kept(session):
    session.save_draft("new", EntryInput(date=D(2026, 1, 1)))
    assert len(session.pending_drafts()) == 1


def test_saving_an_entry_consumes_its_draft(session):
    session.save_draft("new", entry_input("almost done"))
    session.save_entry(entry_input("almost done"), draft_key="new")
    assert session.pending_drafts() == []


def test_failed_save_keeps_the_draft(session):
    session.save_draft("new", entry_input("keep me"))
    with pytest.raises(ValidationError):
        session.save_entry(entry_input("keep me", mood=7), draft_key="new")
    assert [d.data.body for d in session.pending_drafts()] == ["keep me"]


def test_locked_session_refuses_every_call(session):
    session.close()
    session.close()
    assert not session.is_open
    with pytest.raises(journal.JournalClosedError):
        session.list_entries()
    with pytest.raises(journal.JournalClosedError):
        session.save_draft("new", entry_input())


def test_session_opened_on_one_thread_works_on_another(app_context):
    info = journal.create_journal(app_context, "Mine", "pass phrase")
    box = {}
    worker = threading.Thread(
        target=lambda: box.update(session=journal.open_journal(app_context, info.id, "pass phrase"))
    )
    worker.start()
    worker.join()
    session = box["session"]
    session.save_entry(entry_input("from the main thread"))
    assert session.count_entries() == 1
    closer = threading.Thread(target=session.close)
    closer.start()
    closer.join()
    assert not session.is_open


def test_import_entries_is_all_or_nothing(session):
    good = [entry_input(f"entry {n}", tags=("a", f"t{n % 2}")) for n in range(5)]
    assert session.import_entries(good) == 5
    assert session.count_entries() == 5 and sorted(session.all_tags()) == ["a", "t0", "t1"]
    with pytest.raises(ValidationError):
        session.import_entries([entry_input("fine"), entry_input("bad", mood=9)])
    assert session.count_entries() == 5
    assert session.search("entry").hits


def test_tags_fold_case_beyond_ascii(session):
    session.save_entry(entry_input("one", tags=("Été",)))
    session.save_entry(entry_input("two", tags=("ÉTÉ", "été")))
    assert session.all_tags() == ["Été"]
    assert session.count_entries(EntryFilters(tag="été")) == 2
    assert [e.tags for e in session.list_entries()] == [("Été",), ("Été",)]


def test_list_snippets_are_plain_words_not_markdown(session):
    session.save_entry(entry_input("## By the water\n\nWe walked by the **canal**, *slowly*,\n"
                                   "- past [the lock](https://example.org)", title="Canal"))
    (row,) = session.list_entries(0, 10)
    assert row.snippet == "By the water · We walked by the canal, slowly, past the lock"
