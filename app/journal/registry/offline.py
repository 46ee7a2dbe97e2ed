"""The registry read and written while every database is closed (a restore): short
connections of their own, and never a byte written by a read."""

from __future__ import annotations

import contextlib
import datetime
import os
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app import sqlcipher
from app.db_files import PLAIN, file_kind, fsync_dir
from app.migrations import HISTORY_TABLE
from app.paths import JOURNALS_DIR_NAME, SHARED_DB_NAME


@dataclass(frozen=True)
class RegistryRow:
    """One journal as the shared database lists it, read without the models."""

    id: int
    name: str
    file: str
    protected: bool
    created_at: str


@contextlib.contextmanager
def _transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction on its own short connection, rolled back on any failure."""
    connection = sqlite3.connect(str(path), timeout=5.0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


def read_registry(data_dir: Path) -> dict[int, RegistryRow] | None:
    """The journals `hearth.db` lists, read without writing a byte; None when the shared
    database cannot be read (missing, damaged, not a file)."""
    path = Path(data_dir) / SHARED_DB_NAME
    if file_kind(path) != PLAIN:
        return None
    tables = sqlcipher.plain_tables(path)
    if tables is None or "journal" not in tables:
        return {} if tables is not None and HISTORY_TABLE in tables else None
    try:
        connection = sqlcipher.connect_read_only(path, plain=True)
    except sqlite3.DatabaseError:
        return None
    try:
        rows = connection.execute(
            "SELECT id, name, file, protected, created_at FROM journal").fetchall()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return {r[0]: RegistryRow(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows}


def new_file_name(data_dir: Path) -> str:
    """A journal file name no file and no row uses yet (for a restore, which records its
    file in one transaction with the switch)."""
    while True:
        relative = f"{JOURNALS_DIR_NAME}/{secrets.token_hex(8)}.db"
        if file_kind(Path(data_dir) / relative) == "missing":
            return relative


def announce(data_dir: Path, relative: str, journal_id: int) -> None:
    """Record (committed) that the restore is about to write `relative`, so no other
    process takes the new file for an unknown one while it is being put in place."""
    with _transaction(Path(data_dir) / SHARED_DB_NAME) as connection:
        connection.execute(
            "INSERT INTO journal_file_intent (file, journal_id, replaces, pid, created_at) "
            "VALUES (?, ?, NULL, ?, ?)",
            (relative, journal_id, os.getpid(),
             datetime.datetime.now().replace(microsecond=0).isoformat()))


def withdraw(data_dir: Path, relative: str) -> None:
    with _transaction(Path(data_dir) / SHARED_DB_NAME) as connection:
        connection.execute("DELETE FROM journal_file_intent WHERE file = ?", (relative,))


def switch_file(data_dir: Path, journal_id: int, relative: str, protected: bool, *,
                when: datetime.datetime) -> None:
    """Point journal `journal_id` at the restored file `relative` and drop its announcement
    (one transaction); a journal deleted since its backup is listed again as "Restored
    journal <date>"."""
    with _transaction(Path(data_dir) / SHARED_DB_NAME) as connection:
        connection.execute("DELETE FROM journal_file_intent WHERE file = ?", (relative,))
        if connection.execute("SELECT 1 FROM journal WHERE id = ?", (journal_id,)).fetchone():
            connection.execute("UPDATE journal SET file = ?, protected = ? WHERE id = ?",
                               (relative, int(protected), journal_id))
        else:
            base = f"Restored journal {when:%Y-%m-%d}"
            name, n = base, 1
            while connection.execute("SELECT 1 FROM journal WHERE name = ? COLLATE NOCASE",
                                     (name,)).fetchone():
                n += 1
                name = f"{base} ({n})"
            connection.execute(
                "INSERT INTO journal (id, name, file, protected, created_at) VALUES (?,?,?,?,?)",
                (journal_id, name, relative, int(protected),
                 when.replace(microsecond=0).isoformat()))
    fsync_dir(Path(data_dir))


def carry_over(rows: dict[int, RegistryRow], restored: Path) -> None:
    """Write today's journal list into `restored`, a shared database brought back from a
    backup and already migrated: restoring shared data never changes which journals exist.
    Announcements of the backup's moment are dropped; they belong to a finished past."""
    with _transaction(restored) as connection:
        connection.execute("DELETE FROM journal_file_intent")
        connection.execute("DELETE FROM journal")
        for row in rows.values():
            connection.execute(
                "INSERT INTO journal (id, name, file, protected, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (row.id, row.name, row.file, int(row.protected), row.created_at))


def drop_missing(restored: Path, data_dir: Path) -> list[str]:
    """In `restored`, a shared database brought back while today's list could not be read,
    forget the journals whose files no longer exist (deleted since, or rewritten to a file
    the next start lists again); returns their names. Their backups stay where they are."""
    with _transaction(restored) as connection:
        rows = connection.execute("SELECT id, name, file FROM journal").fetchall()
        gone = [(journal_id, name) for journal_id, name, file in rows
                if file_kind(Path(data_dir) / file) == "missing"]
        for journal_id, _name in gone:
            connection.execute("DELETE FROM journal WHERE id = ?", (journal_id,))
        connection.execute("DELETE FROM journal_file_intent")
    return [name for _id, name in gone]
