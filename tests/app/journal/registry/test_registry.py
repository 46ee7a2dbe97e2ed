"""The journal registry: create, rename, delete, and passphrase changes that lose nothing."""

from __future__ import annotations

import datetime
import sqlite3
import subprocess
import sys

import pytest

from app.context import open_app
from app.db_files import key_file_of
from app.errors import DatabaseOpenError, NotFoundError, ValidationError, WrongPassphraseError
from app.journal.registry import rewrite
from app.services import journal
from tests.helpers.journal import (
    OTHER_PROCESS_BODIES,
    PASS,
    another_process_writing,
    entry_input,
)
from tests.helpers.paths import ROOT

PLAIN_HEADER = b"SQLite format 3\x00"


def _fill(session):
    for n in range(12):
        session.save_entry(
            entry_input(
                f"Entry number {n} about walking{n} and the sea.",
                day=datetime.date(2026, 10, 1) + datetime.timedelta(days=n),
                title=f"Day {n}",
                mood=n % 5 + 1,
                tags=("sea", f"tag{n % 3}"),
            )
        )
    session.save_draft("new", entry_input("An unfinished line"))


def _snapshot(session):
    entries = [e for e in session.get_entries(None)]
    return (
        [(e.date, e.title, e.body, e.mood, e.tags, e.created_at) for e in entries],
        [(d.key, d.data) for d in session.pending_drafts()],
        [h.entry_id for h in session.search("walking3").hits],
    )


def test_create_list_rename(app_context):
    assert journal.list_journals(app_context) == []
    mine = journal.create_journal(app_context, "  Sam’s   journal ", PASS)
    ours = journal.create_journal(app_context, "Ours", None)
    assert mine.name == "Sam’s journal" and mine.protected and not ours.protected
    assert mine.path.parent == app_context.data_dir / "journals"
    assert [j.name for j in journal.list_journals(app_context)] == ["Ours", "Sam’s journal"]
    renamed = journal.rename_journal(app_context, ours.id, "Our book")
    assert renamed.name == "Our book" and renamed.path == ours.path
    assert journal.get_journal(app_context, ours.id).name == "Our book"


@pytest.mark.parametrize("name", ["", "   ", "x" * 61])
def test_bad_names_are_refused(app_context, name):
    with pytest.raises(ValidationError) as caught:
        journal.create_journal(app_context, name, None)
    assert caught.value.field == "name"


def test_duplicate_name_ignoring_case_is_refused(app_context):
    journal.create_journal(app_context, "Ours", None)
    other = journal.create_journal(app_context, "Mine", None)
    with pytest.raises(ValidationError):
        journal.create_journal(app_context, "OURS", None)
    with pytest.raises(ValidationError):
        journal.rename_journal(app_context, other.id, "ours")
    assert len(list((app_context.data_dir / "journals").iterdir())) == 2


def test_two_journals_never_mix(app_context):
    a = journal.create_journal(app_context, "A", PASS)
    b = journal.create_journal(app_context, "B", None)
    sa = journal.open_journal(app_context, a.id, PASS)
    sb = journal.open_journal(app_context, b.id)
    try:
        sa.save_entry(entry_input("only in a"))
        sb.save_entry(entry_input("only in b"))
        assert [e.snippet for e in sa.list_entries()] == ["only in a"]
        assert [e.snippet for e in sb.list_entries()] == ["only in b"]
        assert sb.search("only a").hits == ()
    finally:
        sa.close()
        sb.close()


def test_delete_needs_the_passphrase_of_a_protected_journal(app_context):
    info = journal.create_journal(app_context, "Mine", PASS)
    with pytest.raises(ValidationError):
        journal.delete_journal(app_context, info.id)
    with pytest.raises(WrongPassphraseError):
        journal.delete_journal(app_context, info.id, "nope")
    assert info.path.exists()
    journal.delete_journal(app_context, info.id, PASS)
    assert not info.path.exists()
    assert journal.list_journals(app_context) == []
    with pytest.raises(NotFoundError):
        journal.open_journal(app_context, info.id, PASS)


def test_open_journal_cannot_be_deleted_or_rewritten(app_context):
    info = journal.create_journal(app_context, "Ours", None)
    session = journal.open_journal(app_context, info.id)
    with pytest.raises(journal.JournalBusyError):
        journal.delete_journal(app_context, info.id)
    with pytest.raises(journal.JournalBusyError):
        journal.protect_journal(app_context, info.id, PASS)
    session.close()
    journal.protect_journal(app_context, info.id, PASS)


def test_missing_file_is_reported_not_recreated(app_context):
    info = journal.create_journal(app_context, "Ours", None)
    info.path.unlink()
    with pytest.raises(DatabaseOpenError):
        journal.open_journal(app_context, info.id)
    assert not info.path.exists()


def test_change_passphrase_rewraps_the_key_and_leaves_the_file_alone(app_context):
    info = journal.create_journal(app_context, "Mine", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        _fill(session)
        before = _snapshot(session)
    data = info.path.read_bytes()
    changed = journal.change_passphrase(app_context, info.id, PASS, "a brand new one")
    assert changed.path == info.path and info.path.read_bytes() == data
    with pytest.raises(WrongPassphraseError):
        journal.open_journal(app_context, info.id, PASS)
    with journal.open_journal(app_context, info.id, "a brand new one") as session:
        assert _snapshot(session) == before


def test_change_passphrase_with_a_new_key_reencrypts_every_entry(app_context):
    info = journal.create_journal(app_context, "Mine", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        _fill(session)
        before = _snapshot(session)
    changed = journal.change_passphrase(app_context, info.id, PASS, "a brand new one",
                                        new_key=True)
    assert changed.protected and changed.path != info.path
    assert not info.path.exists() and not key_file_of(info.path).exists()
    with pytest.raises(WrongPassphraseError):
        journal.open_journal(app_context, info.id, PASS)
    with journal.open_journal(app_context, info.id, "a brand new one") as session:
        assert _snapshot(session) == before
    assert changed.path.read_bytes()[:16] != PLAIN_HEADER


def test_protect_and_unprotect_keep_every_entry(app_context):
    info = journal.create_journal(app_context, "Ours", None)
    with journal.open_journal(app_context, info.id) as session:
        _fill(session)
        before = _snapshot(session)
    protected = journal.protect_journal(app_context, info.id, PASS)
    assert protected.protected
    data = protected.path.read_bytes()
    assert data[:16] != PLAIN_HEADER and b"walking3" not in data
    assert sorted(p.name for p in protected.path.parent.iterdir()) == [
        protected.path.name, key_file_of(protected.path).name]
    with journal.open_journal(app_context, info.id, PASS) as session:
        assert _snapshot(session) == before
    plain = journal.unprotect_journal(app_context, info.id, PASS)
    assert not plain.protected
    assert plain.path.read_bytes()[:16] == PLAIN_HEADER
    with journal.open_journal(app_context, info.id) as session:
        assert _snapshot(session) == before


def test_failed_rewrite_leaves_the_old_file_in_charge(app_context, monkeypatch):
    info = journal.create_journal(app_context, "Ours", None)
    with journal.open_journal(app_context, info.id) as session:
        _fill(session)
    real_export = rewrite._export_copy

    def broken_export(source, target, old, new):
        real_export(source, target, old, new)
        raise OSError("disk full")

    monkeypatch.setattr(rewrite, "_export_copy", broken_export)
    with pytest.raises(OSError):
        journal.protect_journal(app_context, info.id, PASS)
    assert journal.get_journal(app_context, info.id) == info
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]
    with journal.open_journal(app_context, info.id) as session:
        assert session.count_entries() == 12


def test_an_unlisted_journal_file_is_never_swept_but_listed_again(app_context, data_dir):
    info = journal.create_journal(app_context, "Ours", None)
    stray = info.path.parent / "0123456789abcdef.db"
    stray.write_bytes(info.path.read_bytes())
    unrelated = info.path.parent / "notes.txt"
    unrelated.write_text("not ours")
    journal.protect_journal(app_context, info.id, PASS)
    assert stray.exists() and unrelated.exists()
    app_context.close()
    context = open_app(data_dir)
    try:
        names = {j.name: j for j in journal.list_journals(context)}
        recovered = [j for name, j in names.items() if name.startswith("Recovered journal")]
        assert len(recovered) == 1 and recovered[0].path == stray
        assert not recovered[0].protected and context.recovered == tuple(recovered)
        assert unrelated.read_text() == "not ours"
    finally:
        context.close()


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_leftovers_a_dead_process_announced_are_settled(app_context, data_dir):
    from app.models.journal_registry import JournalFileIntent

    info = journal.create_journal(app_context, "Ours", None)
    unfinished = info.path.parent / "00000000000000aa.db"
    unfinished.write_bytes(info.path.read_bytes())
    replaced = info.path.parent / "00000000000000bb.db"
    replaced.write_bytes(info.path.read_bytes())
    relative = info.path.relative_to(data_dir).as_posix()
    pid = _dead_pid()
    with app_context.db.atomic():
        # A rewrite that died before the switch, and one that died after it.
        JournalFileIntent.insert(file="journals/00000000000000aa.db", journal_id=info.id,
                                 replaces=relative, pid=pid, created_at="2026-01-01T00:00:00"
                                 ).execute()
        JournalFileIntent.insert(file=relative, journal_id=info.id,
                                 replaces="journals/00000000000000bb.db", pid=pid,
                                 created_at="2026-01-01T00:00:00").execute()
    app_context.close()
    context = open_app(data_dir)
    try:
        assert not unfinished.exists() and not replaced.exists() and info.path.exists()
        assert [j.name for j in journal.list_journals(context)] == ["Ours"]
        assert JournalFileIntent.select().count() == 0
    finally:
        context.close()


_KILLED_MID_DELETE = """
import os, signal, sys
from app.context import open_app
from app.journal.registry import journals
from app.services import journal
from pathlib import Path
context = open_app(Path(sys.argv[1]))
journals.remove_db_files = lambda path, **_kwargs: os.kill(os.getpid(), signal.SIGKILL)
journal.delete_journal(context, int(sys.argv[2]))
"""


def test_a_delete_killed_before_the_file_is_gone_does_not_bring_the_journal_back(
        app_context, data_dir):
    from app.safety import backup

    info = journal.create_journal(app_context, "Ours", None)
    kept = journal.create_journal(app_context, "Mine", None)
    app_context.close()
    # SIGKILL at the one moment that matters: the row is gone, the file is not yet.
    child = subprocess.run([sys.executable, "-c", _KILLED_MID_DELETE, str(data_dir),
                            str(info.id)], cwd=ROOT, capture_output=True)
    assert child.returncode == -9, child.stderr
    assert info.path.exists()
    context = open_app(data_dir)
    try:
        assert [j.name for j in journal.list_journals(context)] == ["Mine"]
        assert context.recovered == () and not info.path.exists() and kept.path.exists()
        [copy] = backup.list_backups(data_dir, backup.journal_key(info.id))
        assert copy.reason == "pre-delete"
    finally:
        context.close()


def test_protect_validates_the_new_passphrase(app_context):
    info = journal.create_journal(app_context, "Ours", None)
    with pytest.raises(ValidationError) as caught:
        journal.protect_journal(app_context, info.id, "  ")
    assert caught.value.field == "new_passphrase"
    with pytest.raises(ValidationError):
        journal.unprotect_journal(app_context, info.id, PASS)
    with pytest.raises(ValidationError):
        journal.change_passphrase(app_context, info.id, PASS, "new one")


def test_a_foreign_key_named_file_beside_an_unprotected_journal_stops_neither_backup_nor_delete(
        app_context):
    from app.safety import backup

    info = journal.create_journal(app_context, "Ours", None)
    session = journal.open_journal(app_context, info.id)
    session.save_entry(entry_input(body="kept in the backup"))
    session.close()
    foreign = key_file_of(info.path)
    foreign.write_bytes(b"another program's notes")
    made = backup.backup_database(app_context.data_dir, backup.journal_key(info.id),
                                  reason="manual")
    assert not key_file_of(made.path).exists()  # not copied as if it were the journal's

    journal.delete_journal(app_context, info.id)
    assert [i.name for i in journal.list_journals(app_context)] == []
    kept = [b for b in backup.list_backups(app_context.data_dir, backup.journal_key(info.id))
            if b.reason == "pre-delete"]
    assert len(kept) == 1 and not info.path.exists()
    assert foreign.read_bytes() == b"another program's notes"  # none of Hearth's: left alone


def test_a_delete_waits_for_another_process_writing_in_the_folder(app_context, data_dir,
                                                                  monkeypatch):
    from app import instance_lock
    from app.errors import DatabaseBusyError
    from app.safety import backup

    monkeypatch.setattr(instance_lock, "RESTORE_WAIT_SECONDS", 0.3)
    info = journal.create_journal(app_context, "Ours", None)
    with another_process_writing(data_dir, info.id) as let_go:
        with pytest.raises(DatabaseBusyError, match="nothing was deleted"):
            journal.delete_journal(app_context, info.id)
        assert [j.name for j in journal.list_journals(app_context)] == ["Ours"]
        assert info.path.exists()
        let_go()
    journal.delete_journal(app_context, info.id)  # alone in the folder now
    [copy] = backup.list_backups(data_dir, backup.journal_key(info.id))
    # Every entry the other process was told it saved is in the backup the delete made.
    bodies = {row[0] for row in sqlite3.connect(copy.path).execute("SELECT body FROM entry")}
    assert OTHER_PROCESS_BODIES <= bodies
