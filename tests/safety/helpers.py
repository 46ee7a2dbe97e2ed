"""Small builders the data-safety tests share: databases with rows, protected journals."""

from __future__ import annotations

import types
from pathlib import Path

from app.db import open_database
from app.migrations.shared import STEPS as SHARED_STEPS

PASSPHRASE = "correct horse battery staple"


def make_journal_file(data_dir: Path, name: str = "1", *, passphrase: str | None = PASSPHRASE,
                      rows: int = 3) -> Path:
    """A journal-shaped database (migration history plus rows) under journals/, encrypted
    when a passphrase is given. It uses the shared steps so it does not depend on the
    journal's own schema."""
    path = Path(data_dir) / "journals" / f"{name}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path, migrations=SHARED_STEPS, passphrase=passphrase)
    with db.atomic():
        for i in range(rows):
            db.execute_sql("INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)",
                           (f"entry-{i}", f"Dear diary {i} ✨"))
    db.close()
    return path


def rows_of(path: Path, *, passphrase: str | None = None) -> dict[str, str]:
    db = open_database(path, migrations=SHARED_STEPS, passphrase=passphrase)
    try:
        return dict(db.execute_sql("SELECT key, value FROM app_meta").fetchall())
    finally:
        db.close()


def _extra_up(migrator, db):
    db.execute_sql("CREATE TABLE extra_note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


# A future schema step, to see what happens around a migration.
EXTRA_STEP = types.ModuleType("tests.safety.m0999_extra_note")
EXTRA_STEP.up = _extra_up
