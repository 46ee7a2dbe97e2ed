"""Backups: consistent copies while running, encryption kept, retention, verify, restore."""

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from app.context import open_app
from app.db_files import key_file_of
from app.errors import NotFoundError, WrongPassphraseError
from app.models.meta import AppMeta
from app.safety import backup as B
from tests.helpers.journal import entry_input
from tests.helpers.safety import (
    EXTRA_STEP,
    PASSPHRASE,
    entry_titles,
    journal_path,
    make_journal,
    meta_of,
)

NOON = dt.datetime(2026, 3, 14, 12, 0, 0)


def test_backup_of_running_shared_db_holds_every_committed_row(app_context, data_dir):
    with app_context.db.atomic():
        AppMeta.set_value("note", "kept")
    info = B.backup_database(data_dir, "hearth", db=app_context.db, now=NOON)
    assert info.path.parent == data_dir / "backups"
    assert info.created == NOON and info.reason == "manual" and not info.protected
    assert meta_of(info.path)["note"] == "kept"
    assert not Path(f"{info.path}-wal").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_backups_are_owner_only(app_context, data_dir):
    make_journal(app_context, passphrase=None)
    B.backup_all(data_dir)
    for path in (data_dir / "backups").rglob("*"):
        want = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == want, path


def test_protected_journal_backup_stays_encrypted_with_same_passphrase(app_context, data_dir):
    journal_id = make_journal(app_context)
    key = B.journal_key(journal_id)
    info = B.backup_database(data_dir, key, passphrase=PASSPHRASE, now=NOON)
    assert info.protected and info.label == "Journal “Ours”"
    assert info.path.parent == data_dir / "backups" / "journals"
    raw = info.path.read_bytes()
    assert raw[:16] != B.SQLITE_HEADER and b"Dear diary" not in raw
    assert entry_titles(info.path, passphrase=PASSPHRASE) == ["Day 0", "Day 1", "Day 2"]
    with pytest.raises(WrongPassphraseError):
        B.verify_backup(info.path, passphrase="not it")


def test_unlocked_session_backs_up_through_its_connection(app_context, data_dir):
    from app.services import journal

    journal_id = make_journal(app_context)
    with journal.open_journal(app_context, journal_id, PASSPHRASE) as session:
        session.save_entry(journal.EntryInput(date=dt.date(2026, 2, 2), title="Late",
                                              body="still in the WAL"))
        info = B.backup_database(data_dir, B.journal_key(journal_id), session=session,
                                 passphrase=PASSPHRASE)
    assert b"still in the WAL" not in info.path.read_bytes()
    assert entry_titles(info.path, passphrase=PASSPHRASE)[-1] == "Late"


def test_locked_journal_is_copied_byte_for_byte_when_quiet(app_context, data_dir):
    journal_id = make_journal(app_context)
    info = B.backup_database(data_dir, B.journal_key(journal_id))
    assert info.path.read_bytes() == journal_path(data_dir, journal_id).read_bytes()
    B.verify_backup(info.path, passphrase=PASSPHRASE)


def test_unknown_journal_is_a_clear_error(app_context, data_dir):
    with pytest.raises(NotFoundError):
        B.backup_database(data_dir, B.journal_key(42))


def test_damaged_shared_file_is_not_backed_up_and_is_left_alone(data_dir):
    data_dir.mkdir()
    (data_dir / "hearth.db").write_bytes(b"junk" * 300)
    with pytest.raises(B.DamagedBackupError):
        B.backup_database(data_dir, "hearth")
    assert (data_dir / "hearth.db").read_bytes() == b"junk" * 300
    assert B.list_backups(data_dir) == []


def test_listing_is_newest_first_and_per_database(app_context, data_dir):
    journal_id = make_journal(app_context, passphrase=None)
    for hours in (1, 3, 2):
        B.backup_all(data_dir, now=NOON + dt.timedelta(hours=hours))
    shared = B.list_backups(data_dir, "hearth")
    assert [b.created.hour for b in shared] == [15, 14, 13]
    assert all(b.size > 0 for b in shared)
    assert {b.key for b in B.list_backups(data_dir)} == {"hearth", B.journal_key(journal_id)}


def test_daily_backup_runs_once_a_day(app_context, data_dir):
    first = B.daily_backup(data_dir, now=NOON)
    again = B.daily_backup(data_dir, now=NOON + dt.timedelta(hours=5))
    tomorrow = B.daily_backup(data_dir, now=NOON + dt.timedelta(days=1))
    assert len(first.made) == 1 and again.made == () and len(tomorrow.made) == 1


def test_retention_keeps_seven_daily_and_four_weekly(app_context, data_dir):
    start = dt.datetime(2026, 1, 1, 9, 0)
    for day in range(60):
        B.backup_database(data_dir, "hearth", now=start + dt.timedelta(days=day, hours=-1))
        B.daily_backup(data_dir, now=start + dt.timedelta(days=day))
    dates = [b.created.date() for b in B.list_backups(data_dir, "hearth")]
    last = (start + dt.timedelta(days=59)).date()
    assert dates[:7] == [last - dt.timedelta(days=i) for i in range(7)]
    weekly = dates[7:]
    assert len(weekly) == 4 and len({d.isocalendar()[:2] for d in weekly}) == 4


def test_retention_rule_picks_newest_of_each_day():
    day = dt.datetime(2026, 5, 1, 8)
    infos = [B.BackupInfo(Path(f"/b/{i}"), "hearth", "x", day + dt.timedelta(hours=i),
                          "manual", 1, False) for i in range(5)]
    assert B.backups_to_keep(infos) == {Path("/b/4")}


def test_restore_verifies_backs_up_current_and_swaps(app_context, data_dir):
    with app_context.db.atomic():
        AppMeta.set_value("version", "old")
    old = B.backup_database(data_dir, "hearth", now=NOON)
    with app_context.db.atomic():
        AppMeta.set_value("version", "new")
    app_context.close()
    outcome = B.restore_backup(data_dir, old.path, now=NOON + dt.timedelta(hours=1))
    assert meta_of(data_dir / "hearth.db")["version"] == "old"
    assert outcome.safety_copy.reason == "pre-restore"
    assert meta_of(outcome.safety_copy.path)["version"] == "new"
    assert outcome.kept_aside is None
    assert not list(data_dir.glob("*.restoring"))


def test_restore_keeps_a_damaged_current_file_aside(app_context, data_dir):
    good = B.backup_database(data_dir, "hearth", now=NOON)
    app_context.close()
    junk = os.urandom(8192)
    (data_dir / "hearth.db").write_bytes(junk)
    outcome = B.restore_backup(data_dir, good, now=NOON)
    assert outcome.kept_aside.name.startswith("hearth.db.damaged-")
    assert outcome.kept_aside.read_bytes() == junk
    assert B.check_all(data_dir)[0].status == "ok"


def test_restore_refuses_a_damaged_backup_and_changes_nothing(app_context, data_dir):
    good = B.backup_database(data_dir, "hearth", now=NOON)
    app_context.close()
    data = bytearray(good.path.read_bytes())
    data[100:4096] = os.urandom(3996)
    good.path.write_bytes(bytes(data))
    before = (data_dir / "hearth.db").read_bytes()
    with pytest.raises(B.DamagedBackupError):
        B.restore_backup(data_dir, good.path)
    assert (data_dir / "hearth.db").read_bytes() == before
    assert len(B.list_backups(data_dir)) == 1


def test_restore_protected_journal_needs_its_passphrase(app_context, data_dir):
    from app.services import journal

    journal_id = make_journal(app_context, entries=2)
    info = B.backup_database(data_dir, B.journal_key(journal_id), now=NOON)
    with journal.open_journal(app_context, journal_id, PASSPHRASE) as session:
        session.save_entry(journal.EntryInput(date=dt.date(2026, 3, 1), title="After"))
    app_context.close()
    with pytest.raises(B.PassphraseNeededError):
        B.restore_backup(data_dir, info.path)
    with pytest.raises(WrongPassphraseError):
        B.restore_backup(data_dir, info.path, passphrase="nope")
    assert len(entry_titles(journal_path(data_dir, journal_id), passphrase=PASSPHRASE)) == 3
    outcome = B.restore_backup(data_dir, info.path, passphrase=PASSPHRASE)
    assert entry_titles(journal_path(data_dir, journal_id), passphrase=PASSPHRASE) == [
        "Day 0", "Day 1"]
    assert outcome.safety_copy.protected
    assert len(entry_titles(outcome.safety_copy.path, passphrase=PASSPHRASE)) == 3
    assert sorted(p.name for p in (data_dir / "journals").iterdir()) == [
        outcome.restored.name, f"{outcome.restored.name}.keys"]


def test_restore_after_protecting_brings_back_the_plain_journal(app_context, data_dir):
    from app.services import journal

    journal_id = make_journal(app_context, passphrase=None)
    plain = B.backup_database(data_dir, B.journal_key(journal_id), now=NOON)
    journal.protect_journal(app_context, journal_id, PASSPHRASE)
    app_context.close()
    B.restore_backup(data_dir, plain.path, passphrase=PASSPHRASE)
    (ref,) = [r for r in B.database_refs(data_dir) if r.journal_id == journal_id]
    assert not ref.protected and B.file_kind(ref.path) == "plain"
    assert len(entry_titles(ref.path)) == 3


def test_restore_of_a_deleted_journal_brings_it_back_under_a_new_name(app_context, data_dir):
    from app.services import journal

    journal_id = make_journal(app_context, passphrase=None)
    info = B.backup_database(data_dir, B.journal_key(journal_id), now=NOON)
    journal.delete_journal(app_context, journal_id)
    app_context.close()
    B.restore_backup(data_dir, info.path, now=NOON)
    (ref,) = [r for r in B.database_refs(data_dir) if r.journal_id == journal_id]
    assert ref.label == "Journal “Restored journal 2026-03-14”"


def test_migration_hook_backs_up_before_the_schema_changes(app_context, data_dir):
    from app.db import open_database
    from app.migrations import migrate
    from app.migrations.shared import STEPS

    app_context.close()
    db = open_database(data_dir / "hearth.db")
    migrate(db, [*STEPS, EXTRA_STEP], before_migrate=B.migration_hook(data_dir, "hearth"))
    db.close()
    (made,) = B.list_backups(data_dir)
    assert made.reason == "migration"
    con = sqlite3.connect(made.path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "extra_note" not in tables and "app_meta" in tables


def test_check_reads_only_and_finds_damage(app_context, data_dir):
    journal_id = make_journal(app_context)
    app_context.close()
    before = sorted(p.name for p in data_dir.rglob("*"))
    assert [r.status for r in B.check_all(data_dir)] == ["ok", "locked"]
    assert [r.status for r in B.check_all(
        data_dir, passphrases={B.journal_key(journal_id): PASSPHRASE})] == ["ok", "ok"]
    assert sorted(p.name for p in data_dir.rglob("*")) == before
    journal_path(data_dir, journal_id).write_bytes(b"\x01" * 5000)
    assert B.check_all(data_dir)[1].status == "damaged"


def test_a_sound_database_of_the_wrong_kind_is_not_backed_up(app_context, data_dir):
    # A copy of the shared data where a journal belongs (or the other way round) would
    # pass as a sound backup, and restoring it would put it back in the wrong place.
    journal_id = make_journal(app_context, passphrase=None)
    app_context.close()
    shared, journal = data_dir / "hearth.db", journal_path(data_dir, journal_id)
    shared_bytes, journal_bytes = shared.read_bytes(), journal.read_bytes()
    journal.write_bytes(shared_bytes)
    outcome = B.backup_all(data_dir, now=NOON)
    assert [b.key for b in outcome.made] == ["hearth"]
    assert "the file there is a Hearth database, but not a journal" in dict(outcome.skipped)[
        "Journal “Ours”"]
    stray = data_dir / "journals" / "0123456789abcdef.db"
    stray.write_bytes(shared_bytes)
    skipped = dict(B.backup_all(data_dir, now=NOON).skipped)
    assert "not a journal" in skipped["Journal file 0123456789abcdef.db"]
    stray.unlink()
    journal.write_bytes(journal_bytes)
    shared.write_bytes(journal_bytes)
    skipped = dict(B.backup_all(data_dir, now=NOON).skipped)
    assert "but not of the shared data" in skipped[B.SHARED_LABEL]
    # Two of the shared data, and one of the journal put back (by its file name: the
    # shared data no longer names it).
    kept = B.list_backups(data_dir)
    assert sorted(b.key for b in kept) == ["file-" + journal.stem, "hearth", "hearth"]
    for backup in kept:
        B.verify_backup(backup.path, shared=backup.key == "hearth")  # each of its own kind


def test_a_file_none_of_hearth_s_is_never_opened(app_context, data_dir, monkeypatch):
    import builtins

    app_context.close()
    foreign = [data_dir / "journals" / "holiday notes.db", data_dir / "journals" / ".db"]
    foreign[0].parent.mkdir(exist_ok=True)
    for path in foreign:
        path.write_bytes(os.urandom(5000))
    opened = []
    real_open, real_os_open = builtins.open, os.open

    def watch(path, *args, **kwargs):
        opened.append(os.path.abspath(os.fspath(path)) if isinstance(path, str | Path) else path)
        return real_open(path, *args, **kwargs)

    def watch_os(path, *args, **kwargs):
        opened.append(os.path.abspath(os.fspath(path)))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watch)
    monkeypatch.setattr(os, "open", watch_os)
    results = {r.label: r.status for r in B.check_all(data_dir)}
    outcome = B.backup_all(data_dir, now=NOON)
    monkeypatch.undo()
    assert results["Journal file holiday notes.db"] == results["Journal file .db"] == "foreign"
    assert set(dict(outcome.skipped)) == {"Journal file holiday notes.db", "Journal file .db"}
    assert not {str(p) for p in foreign} & set(map(str, opened))


def test_newest_good_backup_skips_damaged_ones(app_context, data_dir):
    good = B.backup_database(data_dir, "hearth", now=NOON)
    bad = B.backup_database(data_dir, "hearth", now=NOON + dt.timedelta(days=1))
    bad.path.write_bytes(b"\0" * 100)
    assert B.newest_good_backup(data_dir).path == good.path


def test_restoring_a_backup_from_before_a_new_key_keeps_today_s_journal_restorable(
        app_context, data_dir):
    # The current file does not open with the backup's passphrase: it is backed up whole,
    # with its own key file, and comes back with today's passphrase.
    from app.services import journal

    info, _ = journal.create_protected_journal(app_context, "Ours", "the first phrase")
    with journal.open_journal(app_context, info.id, "the first phrase") as session:
        session.save_entry(entry_input(body="written before the new key"))
    before = B.backup_database(data_dir, B.journal_key(info.id), passphrase="the first phrase",
                               now=NOON)
    journal.change_passphrase(app_context, info.id, "the first phrase", "the second phrase",
                              new_key=True)
    with journal.open_journal(app_context, info.id, "the second phrase") as session:
        session.save_entry(entry_input(body="written after the new key"))
    app_context.close()
    outcome = B.restore_backup(data_dir, before.path, passphrase="the first phrase",
                               now=NOON + dt.timedelta(days=1))
    assert outcome.kept_aside is None and outcome.safety_copy.reason == "pre-restore"
    assert not outcome.safety_copy.verified and key_file_of(outcome.safety_copy.path).exists()
    assert outcome.safety_copy.path in {b.path for b in B.list_backups(data_dir)}
    B.restore_backup(data_dir, outcome.safety_copy.path, passphrase="the second phrase",
                     now=NOON + dt.timedelta(days=2))
    context = open_app(data_dir)
    try:
        with journal.open_journal(context, info.id, "the second phrase") as session:
            bodies = {entry.body for entry in session.get_entries()}
    finally:
        context.close()
    assert bodies == {"written before the new key", "written after the new key"}
