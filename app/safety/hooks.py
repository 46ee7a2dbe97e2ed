"""`before_migrate` hooks that back a database up before its schema changes.

They load the backup code only when a migration really runs, so an up-to-date database
opens without it (app.safety.backup holds the work).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def backup_before_migrate(data_dir: Path, *, journal_id: int | None = None) -> Callable:
    """The hook for the shared database, or for the journal `journal_id`."""

    def before_migrate(db, have: int, target: int) -> None:
        from app.safety import backup

        key = backup.SHARED_KEY if journal_id is None else backup.journal_key(journal_id)
        backup.migration_hook(data_dir, key)(db, have, target)

    return before_migrate
