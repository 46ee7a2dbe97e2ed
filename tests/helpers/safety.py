"""Small builders the data-safety tests share: journals with entries, a future schema step."""

from __future__ import annotations

import datetime
import types
from pathlib import Path

from app.context import AppContext
from app.db import open_database
from app.journal.keys.unlock import key_for
from app.migrations.journal import STEPS as JOURNAL_STEPS
from app.migrations.shared import STEPS as SHARED_STEPS
from app.safety import backup as B

PASSPHRASE = "correct horse battery staple"


def make_journal(context: AppContext, name: str = "Ours", *,
                 passphrase: str | None = PASSPHRASE, entries: int = 3) -> int:
    """A journal in the registry with `entries` entries; returns its id."""
    from app.services import journal

    info = journal.create_journal(context, name, passphrase)
    with journal.open_journal(context, info.id, passphrase) as session:
        for i in range(entries):
            session.save_entry(journal.EntryInput(
                date=datetime.date(2026, 1, 1 + i), title=f"Day {i}",
                body=f"Dear diary {i} ✨ we walked by the river"))
    return info.id


def journal_path(data_dir: Path, journal_id: int) -> Path:
    return B.database_ref(data_dir, B.journal_key(journal_id)).path


def entry_titles(path: Path, *, passphrase: str | None = None) -> list[str]:
    """Entry titles of a journal file, opened with its key file's key for `passphrase`."""
    db = open_database(path, migrations=JOURNAL_STEPS, passphrase=key_for(path, passphrase))
    try:
        return [r[0] for r in db.execute_sql("SELECT title FROM entry ORDER BY id")]
    finally:
        db.close()


def meta_of(path: Path) -> dict[str, str]:
    db = open_database(path, migrations=SHARED_STEPS)
    try:
        return dict(db.execute_sql("SELECT key, value FROM app_meta").fetchall())
    finally:
        db.close()


def _extra_up(migrator, db):
    db.execute_sql("CREATE TABLE extra_note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


# A future schema step, to see what happens around a migration.
EXTRA_STEP = types.ModuleType("tests.helpers.m0999_extra_note")
EXTRA_STEP.up = _extra_up
