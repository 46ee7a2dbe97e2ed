"""Versioned migrations: old databases upgrade with every row kept; a failing step
changes nothing."""

import types

import peewee
import pytest
from playhouse.migrate import SqliteMigrator

from app.db import make_database, open_database
from app.errors import DatabaseTooNewError
from app.migrations import current_version, migrate, missing_steps, step_version
from app.migrations.shared import STEPS


def step(name, up):
    module = types.ModuleType(f"tests.fake.{name}")
    module.up = up
    return module


def _v1(migrator, db):
    db.execute_sql("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


def _v2(migrator: SqliteMigrator, db):
    migrator.migrate(
        migrator.add_column("note", "mood", peewee.IntegerField(default=3)),
        migrator.rename_column("note", "text", "body"),
    )


def _v3_broken(migrator, db):
    db.execute_sql("UPDATE note SET mood = 5")
    raise RuntimeError("disk pulled out mid-migration")


V1, V2, V3 = step("m0001_notes", _v1), step("m0002_mood", _v2), step("m0003_broken", _v3_broken)


def test_old_database_upgrades_keeping_rows(tmp_path):
    db = make_database(tmp_path / "a.db")
    db.connect()
    assert migrate(db, [V1]) == [1]
    db.execute_sql("INSERT INTO note (text) VALUES ('first'), ('second ✨'), ('')")
    assert migrate(db, [V1, V2]) == [2]
    rows = db.execute_sql("SELECT id, body, mood FROM note ORDER BY id").fetchall()
    assert rows == [(1, "first", 3), (2, "second ✨", 3), (3, "", 3)]
    assert current_version(db) == 2
    assert migrate(db, [V1, V2]) == []  # idempotent
    db.close()


def test_failing_step_rolls_back_and_keeps_version(tmp_path):
    db = make_database(tmp_path / "a.db")
    db.connect()
    migrate(db, [V1, V2])
    db.execute_sql("INSERT INTO note (body, mood) VALUES ('kept', 3)")
    with pytest.raises(RuntimeError):
        migrate(db, [V1, V2, V3])
    assert current_version(db) == 2
    assert db.execute_sql("SELECT body, mood FROM note").fetchall() == [("kept", 3)]
    db.close()


def _v7_sync(migrator, db):
    db.execute_sql("CREATE TABLE sync_state (id INTEGER PRIMARY KEY, token TEXT)")


def _v8_reminders(migrator, db):
    db.execute_sql("CREATE TABLE reminder (id INTEGER PRIMARY KEY, minutes INTEGER)")
    db.execute_sql("INSERT INTO reminder (minutes) SELECT mood FROM note")


V7, V8 = step("m0007_sync", _v7_sync), step("m0008_reminders", _v8_reminders)


def test_a_step_written_alongside_a_newer_one_still_runs_when_it_arrives(tmp_path):
    """Steps 7 and 8 were written side by side: a database that got 8 first (from a build
    without 7) gets 7 when it comes, once, and keeps what 8 did."""
    db = make_database(tmp_path / "a.db")
    db.connect()
    migrate(db, [V1, V2])
    db.execute_sql("INSERT INTO note (body, mood) VALUES ('kept', 4)")
    assert migrate(db, [V1, V2, V8]) == [8]
    assert current_version(db) == 8
    assert missing_steps(db, [V1, V2, V7, V8]) == [7]
    assert migrate(db, [V1, V2, V7, V8]) == [7]
    assert missing_steps(db, [V1, V2, V7, V8]) == []
    assert migrate(db, [V1, V2, V7, V8]) == []
    assert db.execute_sql("SELECT minutes FROM reminder").fetchall() == [(4,)]
    assert "sync_state" in db.get_tables()
    db.close()


def test_a_history_naming_a_step_this_build_lacks_is_too_new(tmp_path):
    """A build with steps 1, 2 and 7 (and not 8) refuses a database that ran 8: it cannot
    know what 8 changed, though 8 is below nothing it has."""
    db = make_database(tmp_path / "a.db")
    db.connect()
    migrate(db, [V1, V2, V8])
    with pytest.raises(DatabaseTooNewError):
        migrate(db, [V1, V2, V7])
    assert "sync_state" not in db.get_tables()
    db.close()


def test_before_migrate_hook_runs_only_for_upgrades(tmp_path):
    calls = []
    db = make_database(tmp_path / "a.db")
    db.connect()
    migrate(db, [V1], before_migrate=lambda *a: calls.append(a[1:]))
    assert calls == []  # a brand-new database has nothing to protect
    migrate(db, [V1, V2], before_migrate=lambda *a: calls.append(a[1:]))
    assert calls == [(1, 2)]
    db.close()


def test_real_shared_steps_upgrade_from_first_version(tmp_path):
    """A database left at version 1 by an early Hearth reaches today's schema intact."""
    path = tmp_path / "hearth.db"
    db = make_database(path)
    db.connect()
    migrate(db, STEPS, target=1)
    db.execute_sql("INSERT INTO app_meta (key, value) VALUES ('created_at', '2026-01-01')")
    db.close()
    db = open_database(path, migrations=STEPS)
    assert current_version(db) == max(step_version(s) for s in STEPS)
    assert db.execute_sql("SELECT value FROM app_meta WHERE key='created_at'").fetchone() == (
        "2026-01-01",)
    db.close()


def test_step_versions_are_unique_and_named():
    versions = [step_version(s) for s in STEPS]
    assert versions == sorted(set(versions))
    assert versions[0] == 1
