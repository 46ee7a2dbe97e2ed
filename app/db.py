"""Open, check and close SQLite databases (plain or SQLCipher-encrypted) and migrate them.

Nothing is opened at import time: callers ask for a database with `open_database()`, which
applies the pragmas Hearth relies on, proves the file is readable (and the key right), and
runs the migrations of that kind of database.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

import peewee

from app.errors import DatabaseOpenError, ValidationError, WrongPassphraseError
from app.migrations import migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0

# WAL for concurrent readers, FULL sync because in WAL mode NORMAL may lose the last
# commits on power loss, foreign keys enforced, temp tables and indices kept in memory so
# nothing of a protected journal lands in a plaintext temp file.
PLAIN_PRAGMAS: list[tuple[str, object]] = [
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("temp_store", "memory"),
]


def _cipher_pragmas() -> list[tuple[str, object]]:
    # Silence SQLCipher's own stderr logging ("hmac check failed") so the user sees only
    # Hearth's message; it has to come before the first read of the file.
    return [("cipher_log_level", "NONE"), *PLAIN_PRAGMAS]


def check_passphrase(passphrase: str | None) -> None:
    """Refuse an empty passphrase: Peewee's SQLCipher wrapper would skip `PRAGMA key`
    for it and silently write a plaintext file."""
    if passphrase is None:
        return
    if not isinstance(passphrase, str) or passphrase == "" or passphrase.strip() == "":
        raise ValidationError("A passphrase cannot be empty.", field="passphrase")
    if "\x00" in passphrase:
        raise ValidationError("A passphrase cannot contain a NUL character.", field="passphrase")


def make_database(
    path: Path, *, passphrase: str | None = None, shared_connection: bool = False
) -> peewee.SqliteDatabase:
    """Build (without connecting) a Peewee database for `path`.

    `shared_connection=True` gives every thread the same connection (the caller serialises
    access): a protected journal unlocked on a worker thread is then used on the UI thread
    without a second key derivation.
    """
    sharing = {"thread_safe": False, "check_same_thread": False} if shared_connection else {}
    if passphrase is None:
        return peewee.SqliteDatabase(
            str(path), pragmas=PLAIN_PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS, **sharing
        )
    check_passphrase(passphrase)
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    return SqlCipherDatabase(
        str(path),
        passphrase=passphrase,
        pragmas=_cipher_pragmas(),
        timeout=BUSY_TIMEOUT_SECONDS,
        **sharing,
    )


def _restrict_permissions(path: Path) -> None:
    if os.name != "posix":
        return
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            os.chmod(candidate, 0o600)
        except FileNotFoundError:
            pass


def open_database(
    path: Path,
    *,
    migrations: Sequence[ModuleType] = (),
    passphrase: str | None = None,
    before_migrate: Callable[[peewee.Database, int, int], None] | None = None,
    shared_connection: bool = False,
) -> peewee.SqliteDatabase:
    """Open `path`, verify it, and bring its schema up to date.

    Raises WrongPassphraseError when a protected file does not open with `passphrase`,
    DatabaseOpenError when the file is damaged, not a database, or from a newer Hearth.
    On any failure the connection is closed and no file content has been changed.
    """
    path = Path(path)
    creating = not path.exists()
    if passphrase is not None and not creating and Path(f"{path}-wal").exists():
        check_passphrase(passphrase)
        _check_key_without_writing(path, passphrase)
    db = make_database(path, passphrase=passphrase, shared_connection=shared_connection)
    try:
        db.connect()
        # A read of the schema proves the key is right and the header is sane.
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except peewee.DatabaseError as exc:
        db.close()
        raise _explain_open_error(path, exc, protected=passphrase is not None) from exc
    _restrict_permissions(path)
    if creating:
        log.info("created database %s", path.name)
    try:
        migrate(db, migrations, before_migrate=before_migrate)
    except Exception:
        db.close()
        raise
    return db


def _check_key_without_writing(path: Path, passphrase: str) -> None:
    """Prove the key on the main file alone, before a normal connection sees the WAL.

    A WAL left by a crash is recovered and checkpointed by whichever connection closes
    last, even one whose key is wrong, which would rewrite the file. An immutable
    connection takes no lock and never touches the WAL or -shm; page 1 is enough to test
    the key. Only needed when a -wal exists, as it costs a second key derivation.
    """
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(path.resolve().as_uri() + "?immutable=1", uri=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA key = '{}'".format(passphrase.replace("'", "''")))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise _explain_open_error(path, exc, protected=True) from exc
    finally:
        conn.close()


def _explain_open_error(path: Path, exc: Exception, *, protected: bool) -> DatabaseOpenError:
    text = str(exc).lower()
    if "not a database" in text or "encrypted" in text:
        if protected:
            return WrongPassphraseError(
                "That passphrase does not unlock this journal.", detail=path.name
            )
        return DatabaseOpenError(
            f"{path.name} is damaged or is not a Hearth database.", detail=str(exc)
        )
    if "locked" in text or "busy" in text:
        return DatabaseOpenError(
            f"{path.name} is in use by another program. Close it and try again.",
            detail=str(exc),
        )
    return DatabaseOpenError(f"{path.name} could not be opened: {exc}.", detail=str(exc))


def integrity_problems(db: peewee.Database) -> list[str]:
    """Run `PRAGMA integrity_check`; an empty list means the file is sound."""
    rows = [row[0] for row in db.execute_sql("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows
