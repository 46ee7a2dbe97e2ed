"""A small, explicit schema-migration runner.

Each kind of database has an ordered list of step modules (see `shared/`). A step module
is named `mNNNN_what.py`, holds frozen inline SQL or models (never the live models, which
change over time) and defines `up(migrator, db)`. Applied versions are recorded in the
`schema_migration` table; every step runs in its own transaction. A step that may take a
while (rebuilding an index over every row) defines `up(migrator, db, report)` instead and
calls `report(done, total)` as it goes, plain numbers a caller can show as progress.

The list is explicit rather than discovered from the folder so the frozen (PyInstaller)
app, which has no .py files on disk, finds the same steps as the source tree.

A step runs when its version is not in the history yet, not merely when it is newer than
the highest one applied: steps written side by side may arrive in either order (7 after 8
has already run), and each must still run once. Steps therefore never depend on a
neighbour they were not written after. A database whose history names a step this code
does not have was written by a newer Hearth, and is refused.
"""

from __future__ import annotations

import datetime
import inspect
import logging
import re
from collections.abc import Callable, Sequence
from types import ModuleType

import peewee

from app.errors import DatabaseTooNewError

log = logging.getLogger(__name__)

_STEP_NAME = re.compile(r"m(\d{4})_\w+$")
HISTORY_TABLE = "schema_migration"


def step_version(module: ModuleType) -> int:
    match = _STEP_NAME.search(module.__name__)
    if not match:
        raise ValueError(f"migration module {module.__name__} is not named mNNNN_name")
    return int(match.group(1))


def _ensure_history(db: peewee.Database) -> None:
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {HISTORY_TABLE} ("
        " version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )


def current_version(db: peewee.Database) -> int:
    """The highest applied step, or 0 for a fresh (or pre-migration) database."""
    return max(applied_versions(db), default=0)


def applied_versions(db: peewee.Database) -> set[int]:
    """Every step the database's history records."""
    if HISTORY_TABLE not in db.get_tables():
        return set()
    return {row[0] for row in db.execute_sql(f"SELECT version FROM {HISTORY_TABLE}")}


def missing_steps(db: peewee.Database, steps: Sequence[ModuleType]) -> list[int]:
    """The versions of `steps` the database has not applied yet, oldest first."""
    applied = applied_versions(db)
    return sorted(step_version(s) for s in steps if step_version(s) not in applied)


def migrate(
    db: peewee.Database,
    steps: Sequence[ModuleType],
    *,
    target: int | None = None,
    before_migrate: Callable[[peewee.Database, int, int], None] | None = None,
    report: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Apply every step newer than the database, up to `target`; return the versions run.

    `report(done, total)`, when given, hears the progress of the steps that report it."""
    ordered = sorted(steps, key=step_version)
    versions = [step_version(step) for step in ordered]
    if len(set(versions)) != len(versions):
        raise ValueError(f"duplicate migration versions: {versions}")
    latest = target if target is not None else (versions[-1] if versions else 0)
    with db.atomic():
        _ensure_history(db)
    applied = applied_versions(db)
    have = max(applied, default=0)
    if versions and applied - set(versions):  # no steps given: opened as it is
        raise DatabaseTooNewError(
            "This data was written by a newer version of Hearth. "
            "Install the newer version to open it."
        )
    pending = [s for s in ordered if step_version(s) not in applied
               and step_version(s) <= latest]
    if not pending:
        return []
    if have > 0 and before_migrate is not None:
        before_migrate(db, have, step_version(pending[-1]))
    # Loaded only when a step runs: an up-to-date database opens without it.
    from playhouse.migrate import SqliteMigrator

    migrator = SqliteMigrator(db)
    applied = []
    for step in pending:
        version = step_version(step)
        with db.atomic():
            if _reports_progress(step):
                step.up(migrator, db, report or _ignore_progress)
            else:
                step.up(migrator, db)
            db.execute_sql(
                f"INSERT INTO {HISTORY_TABLE} (version, name, applied_at) VALUES (?, ?, ?)",
                (version, step.__name__.rsplit(".", 1)[-1], _now()),
            )
        log.info("applied migration %s", step.__name__.rsplit(".", 1)[-1])
        applied.append(version)
    return applied


def _reports_progress(step: ModuleType) -> bool:
    return "report" in inspect.signature(step.up).parameters


def _ignore_progress(done: int, total: int) -> None:
    pass


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
