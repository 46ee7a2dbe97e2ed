"""The word-forms step: an older journal's index is rebuilt with stemming, encrypted or
not, reporting its progress, and an unlock that may not upgrade changes nothing."""

from __future__ import annotations

import datetime

import pytest

from app.db import open_database
from app.db_files import remove_db_files
from app.migrations import current_version, migrate, step_version
from app.migrations.journal import STEPS, m0002_word_forms_draft_prompt
from app.services import journal
from tests.helpers.journal import PASS, folder_hashes

ENTRIES = [
    ("Walking by the canal", "We were walking for hours.", "walks\nevening"),
    ("Rain", "Stayed in and read.", "home"),
    ("Café", "Crème brûlée, slowly.", ""),
]


def write_v1_journal(path, passphrase, entries=ENTRIES):
    """A journal file as the first schema left it, with its (unstemmed) index filled."""
    db = open_database(path, passphrase=passphrase)
    migrate(db, STEPS, target=1)
    with db.atomic():
        for n, (title, body, tags) in enumerate(entries, start=1):
            db.execute_sql(
                "INSERT INTO entry (date, title, body, tags_text, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (f"2026-03-{n:02d}", title, body, tags, "2026-03-01T20:00:00",
                 "2026-03-01T20:00:00"))
    db.close()


def old_journal(context, passphrase, entries=ENTRIES):
    """A journal in the registry whose file is still at the first schema."""
    info = journal.create_journal(context, "Ours", passphrase)
    remove_db_files(info.path)
    write_v1_journal(info.path, passphrase, entries)
    return info


def titles(result):
    return sorted(hit.title for hit in result.hits)


@pytest.mark.parametrize("passphrase", [None, PASS], ids=["plain", "protected"])
def test_unlock_rebuilds_the_index_so_word_forms_match(app_context, passphrase):
    info = old_journal(app_context, passphrase)
    progress = []
    with journal.open_journal(app_context, info.id, passphrase,
                              report=lambda done, total: progress.append((done, total))) \
            as session:
        assert titles(session.search("walk")) == ["Walking by the canal"]
        assert titles(session.search("walks")) == ["Walking by the canal"]
        assert titles(session.search("creme")) == ["Café"]  # accents still folded
        assert session.count_entries() == 3
    assert progress[0] == (0, 3) and progress[-1] == (3, 3)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)


def test_before_the_step_the_word_form_was_not_found(tmp_path):
    # The reason for the step: the first schema's index had no stemming.
    path = tmp_path / "old.db"
    write_v1_journal(path, None)
    db = open_database(path)
    found = db.execute_sql("SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'walk'").fetchall()
    assert found == []
    migrate(db, STEPS)
    found = db.execute_sql("SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'walk'").fetchall()
    assert found == [(1,)]
    assert current_version(db) == step_version(STEPS[-1])
    db.close()


def test_rebuild_reports_in_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(m0002_word_forms_draft_prompt, "BATCH", 2)
    path = tmp_path / "old.db"
    write_v1_journal(path, None, ENTRIES * 3)
    progress = []
    db = open_database(path, migrations=STEPS, report=lambda d, t: progress.append((d, t)))
    assert progress == [(0, 9), (2, 9), (4, 9), (6, 9), (8, 9), (9, 9)]
    # The index holds every entry once: an integrity check of the external content passes.
    db.execute_sql("INSERT INTO entry_fts (entry_fts, rank) VALUES ('integrity-check', 1)")
    db.close()


def test_an_unlock_that_may_not_upgrade_changes_nothing(app_context):
    info = old_journal(app_context, PASS)
    before = folder_hashes(info.path.parent)
    with pytest.raises(journal.JournalUpgradeNeededError):
        journal.open_journal(app_context, info.id, PASS, upgrade=False)
    assert folder_hashes(info.path.parent) == before
    # A wrong passphrase is still a wrong passphrase, not an upgrade to make.
    with pytest.raises(journal.WrongPassphraseError):
        journal.open_journal(app_context, info.id, PASS + "x", upgrade=False)
    with journal.open_journal(app_context, info.id, PASS) as session:
        assert titles(session.search("walk")) == ["Walking by the canal"]
    # Up to date now: the quick unlock works.
    journal.open_journal(app_context, info.id, PASS, upgrade=False).close()


def test_new_entries_after_the_step_are_stemmed_too(app_context):
    info = old_journal(app_context, None)
    with journal.open_journal(app_context, info.id) as session:
        session.save_entry(journal.EntryInput(date=datetime.date(2026, 4, 1),
                                              title="Runs", body="We walked home."))
        assert titles(session.search("walk")) == ["Runs", "Walking by the canal"]


def test_drafts_keep_their_prompt_after_the_step(app_context):
    info = old_journal(app_context, None)
    with journal.open_journal(app_context, info.id) as session:
        assert session.pending_drafts() == []
        session.save_draft("new-1", journal.EntryInput(date=datetime.date(2026, 4, 1),
                                                       body="Half a"),
                           prompt="What made you\nsmile today?")
        (draft,) = session.pending_drafts()
        assert draft.prompt == "What made you smile today?"
