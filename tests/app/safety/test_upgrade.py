"""Upgrades: a database written by every earlier schema version opens and upgrades intact.

The fixtures in tests/fixtures/schemas/ are made by make_fixtures.py there, one per schema
version, and committed: once a version ships its fixture never changes.
"""

import datetime
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.context import open_app
from app.db import integrity_problems, open_database
from app.migrations import current_version, step_version
from app.migrations.shared import STEPS as SHARED_STEPS
from tests.helpers.paths import FIXTURES as FIXTURE_ROOT
from tests.helpers.safety import EXTRA_STEP

FIXTURES = FIXTURE_ROOT / "schemas"


def _fixtures(kind: str) -> list[Path]:
    return sorted(FIXTURES.glob(f"{kind}_v*.db"))


def _rows(path: Path) -> dict[str, set[tuple]]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT name, sql FROM sqlite_master WHERE type='table' "
                           "AND name NOT LIKE 'sqlite_%'").fetchall()
        virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
        # Full-text indexes are rebuilt at will; their shadow tables are not user data.
        tables = [n for n, _ in rows if n not in virtual
                  and not any(n.startswith(f"{v}_") for v in virtual)]
        out = {}
        for table in tables:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            out[table] = {tuple(zip(columns, row, strict=True))
                          for row in con.execute(f'SELECT * FROM "{table}"')}
        return out
    finally:
        con.close()


def _carried_over(before: set[tuple], after: set[tuple]) -> bool:
    """Every old row is still there with the same values in the columns it had."""
    after_dicts = [dict(row) for row in after]
    for row in before:
        old = dict(row)
        if not any(all(new.get(k, v) == v for k, v in old.items()) for new in after_dicts):
            return False
    return True


@pytest.mark.parametrize("kind", ["shared", "journal"])
def test_there_is_a_fixture_for_every_version(kind):
    from app.migrations.journal import STEPS as JOURNAL_STEPS

    have = {int(p.stem.rsplit("_v", 1)[1]) for p in _fixtures(kind)}
    steps = SHARED_STEPS if kind == "shared" else JOURNAL_STEPS
    versions = {step_version(s) for s in steps}
    assert versions <= have, "run tests/fixtures/schemas/make_fixtures.py and commit the files"


@pytest.mark.parametrize("fixture", _fixtures("shared"), ids=lambda p: p.stem)
def test_shared_fixture_upgrades_intact(fixture, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(fixture, folder / "hearth.db")
    before = _rows(folder / "hearth.db")
    assert sum(len(rows) for table, rows in before.items() if table != "schema_migration") > 0
    context = open_app(folder)
    try:
        assert current_version(context.db) == max(step_version(s) for s in SHARED_STEPS)
        assert integrity_problems(context.db) == []
    finally:
        context.close()
    after = _rows(folder / "hearth.db")
    for table, rows in before.items():
        if table in after:
            assert _carried_over(rows, after[table]), table
    _services_read(folder, before)


@pytest.mark.parametrize("version", [3, 6])
def test_single_reminders_become_reminder_rows(version, tmp_path):
    """Before version 8 a plan had one reminder, in a column; after it, each reminder is
    a row, set when the plan was last saved, and a changed time keeps its own."""
    from app.services import calendar

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(FIXTURES / f"shared_v{version}.db", folder / "hearth.db")
    context = open_app(folder)
    try:
        assert calendar.get_activity(1).reminders == (60,)
        assert calendar.get_activity(2).reminders == ()
        rows = context.db.execute_sql(
            "SELECT activity_id, original_start, minutes, set_at FROM calendar_reminder"
            " ORDER BY id").fetchall()
        assert rows == [(1, None, 60, "2025-03-08 09:00:00")]
        columns = {r[1] for r in context.db.execute_sql("PRAGMA table_info(calendar_activity)")}
        assert "reminder_minutes" not in columns and "imported_at" in columns
        # Both fixture plans have Hearth's own UIDs: planned in Hearth, not imported.
        assert [a.imported_at for a in calendar.list_activities()] == [None, None]
    finally:
        context.close()


def test_version_8_reminders_read_back(tmp_path):
    from app.services import calendar

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "shared_v8.db", folder / "hearth.db")
    context = open_app(folder)
    try:
        assert calendar.get_activity(2).reminders == (1440,)
        changed = calendar.get_occurrence(2, datetime.datetime(2025, 3, 23, 10),
                                          tz="Europe/Berlin")
        assert changed.title == "Sunday walk (by the lake)" and changed.reminders == (15,)
    finally:
        context.close()


def _services_read(folder, before):
    """Today's services read what the old version wrote."""
    from app.services import calendar, journal

    context = open_app(folder)
    try:
        if "calendar_activity" in before:
            assert calendar.get_activity(1).title == "Date night: cook something new"
            assert calendar.get_activity(2).is_recurring
        if "journal" in before:
            assert [j.name for j in journal.list_journals(context)] == [
                "Our journal", "Sam’s notes"]
    finally:
        context.close()


@pytest.mark.parametrize("fixture", _fixtures("journal"), ids=lambda p: p.stem)
def test_journal_fixture_upgrades_intact(fixture, tmp_path):
    from app.migrations.journal import STEPS as JOURNAL_STEPS

    path = tmp_path / "journal.db"
    shutil.copyfile(fixture, path)
    before = _rows(path)
    db = open_database(path, migrations=JOURNAL_STEPS)
    try:
        assert current_version(db) == max(step_version(s) for s in JOURNAL_STEPS)
        assert integrity_problems(db) == []
        hits = db.execute_sql("SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'curry'")
        assert [r[0] for r in hits] == [1]
    finally:
        db.close()
    after = _rows(path)
    for table, rows in before.items():
        if table in after:
            assert _carried_over(rows, after[table]), table


def test_upgrade_with_a_new_step_keeps_rows_and_backs_up_first(tmp_path):
    from app.safety import backup as B

    folder = tmp_path / "data"
    context = open_app(folder)
    context.db.execute_sql("INSERT INTO app_meta VALUES ('keep', 'me')")
    context.close()
    db = open_database(folder / "hearth.db", migrations=[*SHARED_STEPS, EXTRA_STEP],
                       before_migrate=B.migration_hook(folder, "hearth"))
    try:
        assert db.execute_sql("SELECT value FROM app_meta WHERE key='keep'").fetchone() == ("me",)
        assert "extra_note" in db.get_tables()
    finally:
        db.close()
    assert [b.reason for b in B.list_backups(folder)] == ["migration"]
