"""Backups: consistent copies while running, encryption kept, retention, verify, restore."""

import datetime as dt
import os
import stat
from pathlib import Path, PurePosixPath

import pytest

from app.errors import NotFoundError, WrongPassphraseError
from app.models.meta import AppMeta
from app.safety import backup as B
from tests.safety.helpers import PASSPHRASE, make_journal_file, rows_of

NOON = dt.datetime(2026, 3, 14, 12, 0, 0)


def test_backup_of_running_shared_db_holds_every_committed_row(app_context, data_dir):
    with app_context.db.atomic():
        AppMeta.set_value("note", "kept")
    info = B.backup_database(data_dir, "hearth.db", db=app_context.db, now=NOON)
    assert info.path.parent == data_dir / "backups"
    assert info.created == NOON and info.reason == "manual" and not info.protected
    assert rows_of(info.path)["note"] == "kept"
    assert not Path(f"{info.path}-wal").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_backups_are_owner_only(app_context, data_dir):
    info = B.backup_database(data_dir, "hearth.db")
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "backups").stat().st_mode) == 0o700


def test_protected_journal_backup_stays_encrypted_with_same_passphrase(data_dir):
    make_journal_file(data_dir)
    info = B.backup_database(data_dir, "journals/1.db", passphrase=PASSPHRASE, now=NOON)
    assert info.protected
    assert info.path.read_bytes()[:16] != B.SQLITE_HEADER
    assert b"Dear diary" not in info.path.read_bytes()
    assert rows_of(info.path, passphrase=PASSPHRASE)["entry-1"] == "Dear diary 1 ✨"
    with pytest.raises(WrongPassphraseError):
        B.verify_backup(info.path, passphrase="not it")


def test_protected_journal_backup_through_open_connection(data_dir):
    from app.db import open_database
    from app.migrations.shared import STEPS

    path = make_journal_file(data_dir)
    db = open_database(path, migrations=STEPS, passphrase=PASSPHRASE)
    db.execute_sql("INSERT INTO app_meta VALUES ('late', 'still in the WAL')")
    info = B.backup_database(data_dir, "journals/1.db", db=db)
    db.close()
    assert b"still in the WAL" not in info.path.read_bytes()
    assert rows_of(info.path, passphrase=PASSPHRASE)["late"] == "still in the WAL"


def test_locked_journal_is_copied_byte_for_byte_when_quiet(data_dir):
    path = make_journal_file(data_dir)
    info = B.backup_database(data_dir, "journals/1.db")
    assert info.path.read_bytes() == path.read_bytes()
    B.verify_backup(info.path, passphrase=PASSPHRASE)


def test_missing_database_is_a_clear_error(data_dir):
    data_dir.mkdir()
    with pytest.raises(NotFoundError):
        B.backup_database(data_dir, "hearth.db")


def test_damaged_shared_file_is_not_backed_up_and_is_left_alone(data_dir):
    data_dir.mkdir()
    (data_dir / "hearth.db").write_bytes(b"junk" * 300)
    with pytest.raises(B.DamagedBackupError):
        B.backup_database(data_dir, "hearth.db")
    assert (data_dir / "hearth.db").read_bytes() == b"junk" * 300
    assert B.list_backups(data_dir) == []


def test_listing_is_newest_first_and_per_database(app_context, data_dir):
    make_journal_file(data_dir, "2", passphrase=None)
    for hours in (1, 3, 2):
        B.backup_all(data_dir, now=NOON + dt.timedelta(hours=hours))
    shared = B.list_backups(data_dir, "hearth.db")
    assert [b.created.hour for b in shared] == [15, 14, 13]
    assert all(b.size > 0 for b in shared)
    assert {b.source for b in B.list_backups(data_dir)} == {
        PurePosixPath("hearth.db"), PurePosixPath("journals/2.db")}


def test_daily_backup_runs_once_a_day(app_context, data_dir):
    first = B.daily_backup(data_dir, now=NOON)
    again = B.daily_backup(data_dir, now=NOON + dt.timedelta(hours=5))
    tomorrow = B.daily_backup(data_dir, now=NOON + dt.timedelta(days=1))
    assert len(first.made) == 1 and again.made == () and len(tomorrow.made) == 1


def test_retention_keeps_seven_daily_and_four_weekly(app_context, data_dir):
    start = dt.datetime(2026, 1, 1, 9, 0)
    for day in range(60):
        B.daily_backup(data_dir, now=start + dt.timedelta(days=day))
        # A second, older-in-the-day backup each day must be pruned too.
    kept = B.list_backups(data_dir, "hearth.db")
    dates = [b.created.date() for b in kept]
    last = (start + dt.timedelta(days=59)).date()
    assert dates[:7] == [last - dt.timedelta(days=i) for i in range(7)]
    weekly = dates[7:]
    assert len(weekly) == 4
    assert len({d.isocalendar()[:2] for d in weekly}) == 4


def test_retention_rule_picks_newest_of_each_day():
    day = dt.datetime(2026, 5, 1, 8)
    infos = [B.BackupInfo(Path(f"/b/{i}"), PurePosixPath("hearth.db"),
                          day + dt.timedelta(hours=i), "manual", 1, False) for i in range(5)]
    assert B.backups_to_keep(infos) == {Path("/b/4")}


def test_restore_verifies_backs_up_current_and_swaps(app_context, data_dir):
    with app_context.db.atomic():
        AppMeta.set_value("version", "old")
    old = B.backup_database(data_dir, "hearth.db", now=NOON)
    with app_context.db.atomic():
        AppMeta.set_value("version", "new")
    app_context.close()
    outcome = B.restore_backup(data_dir, old.path, now=NOON + dt.timedelta(hours=1))
    assert rows_of(data_dir / "hearth.db")["version"] == "old"
    assert outcome.safety_copy.reason == "pre-restore"
    assert rows_of(outcome.safety_copy.path)["version"] == "new"
    assert outcome.kept_aside is None
    assert not list(data_dir.glob("*.restoring"))


def test_restore_keeps_a_damaged_current_file_aside(app_context, data_dir):
    good = B.backup_database(data_dir, "hearth.db", now=NOON)
    app_context.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{data_dir / 'hearth.db'}{suffix}").unlink(missing_ok=True)
    junk = os.urandom(8192)
    (data_dir / "hearth.db").write_bytes(junk)
    outcome = B.restore_backup(data_dir, good, now=NOON)
    assert outcome.kept_aside.name.startswith("hearth.db.damaged-")
    assert outcome.kept_aside.read_bytes() == junk
    assert B.check_database(data_dir, "hearth.db").status == "ok"


def test_restore_refuses_a_damaged_backup_and_changes_nothing(app_context, data_dir):
    good = B.backup_database(data_dir, "hearth.db", now=NOON)
    app_context.close()
    data = bytearray(good.path.read_bytes())
    data[4096:8192] = os.urandom(4096)
    good.path.write_bytes(bytes(data))
    before = (data_dir / "hearth.db").read_bytes()
    with pytest.raises(B.DamagedBackupError):
        B.restore_backup(data_dir, good.path)
    assert (data_dir / "hearth.db").read_bytes() == before
    assert len(B.list_backups(data_dir)) == 1


def test_restore_protected_needs_the_right_passphrase(data_dir):
    make_journal_file(data_dir, rows=2)
    info = B.backup_database(data_dir, "journals/1.db", passphrase=PASSPHRASE, now=NOON)
    (data_dir / "journals" / "1.db").unlink()
    make_journal_file(data_dir, rows=5)
    with pytest.raises(B.PassphraseNeededError):
        B.restore_backup(data_dir, info.path)
    with pytest.raises(WrongPassphraseError):
        B.restore_backup(data_dir, info.path, passphrase="nope")
    assert len(rows_of(data_dir / "journals/1.db", passphrase=PASSPHRASE)) == 5
    B.restore_backup(data_dir, info.path, passphrase=PASSPHRASE)
    assert len(rows_of(data_dir / "journals/1.db", passphrase=PASSPHRASE)) == 2


def test_migration_hook_backs_up_before_the_schema_changes(data_dir):
    from app.context import open_app
    from app.migrations import migrate
    from app.migrations.shared import STEPS
    from tests.safety.helpers import EXTRA_STEP

    context = open_app(data_dir)
    context.close()
    hook = B.migration_hook(data_dir, "hearth.db")
    from app.db import open_database

    db = open_database(data_dir / "hearth.db")
    migrate(db, [*STEPS, EXTRA_STEP], before_migrate=hook)
    db.close()
    (made,) = B.list_backups(data_dir)
    assert made.reason == "migration"
    tables = rows_of_tables(made.path)
    assert "extra_note" not in tables and "app_meta" in tables


def rows_of_tables(path):
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_check_reads_only_and_finds_damage(app_context, data_dir):
    make_journal_file(data_dir)
    app_context.close()
    before = sorted(p.name for p in data_dir.rglob("*"))
    assert [r.status for r in B.check_all(data_dir)] == ["ok", "locked"]
    assert sorted(p.name for p in data_dir.rglob("*")) == before
    (data_dir / "journals" / "1.db").write_bytes(b"\x01" * 5000)
    assert B.check_all(data_dir)[1].status == "damaged"


def test_newest_good_backup_skips_damaged_ones(app_context, data_dir):
    good = B.backup_database(data_dir, "hearth.db", now=NOON)
    bad = B.backup_database(data_dir, "hearth.db", now=NOON + dt.timedelta(days=1))
    bad.path.write_bytes(b"\0" * 100)
    assert B.newest_good_backup(data_dir, "hearth.db").path == good.path
