"""Open, check and close SQLite databases (plain or SQLCipher-encrypted) and migrate them.

Nothing is opened at import time: callers ask for a database with `open_database()`, which
applies the pragmas Hearth relies on, proves the file is readable (and the key right), and
runs the migrations of that kind of database.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import peewee

from app import sqlcipher
from app.db_files import (
    EMPTY,
    MISSING,
    NOT_A_FILE,
    OPAQUE,
    PLAIN,
    UNREADABLE,
    companion_problem,
    file_kind,
    has_wal,
    mark_closed,
    mark_open,
    set_owner_only,
)
from app.errors import (
    DamagedDatabaseError,
    DatabaseOpenError,
    ForeignFileError,
    ValidationError,
)
from app.migrations import HISTORY_TABLE, migrate, missing_steps
from app.text import is_storable

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0
# A cursor's fetch raises the driver's own error, not Peewee's wrapper of it. (SQLCipher's
# DB-API errors derive from its own base, named the same; it loads only when needed.)
_DRIVER_ERRORS = (peewee.DatabaseError, sqlite3.DatabaseError)

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
    if not passphrase.isascii() and not is_storable(passphrase):
        # Lone surrogates: bytes that were not text, of which no key can be made.
        raise ValidationError("A passphrase must be text; this one holds bytes that are not.",
                              field="passphrase")


def make_database(
    path: Path, *, passphrase: str | None = None, shared_connection: bool = False
) -> peewee.SqliteDatabase:
    """Build (without connecting) a Peewee database for `path`.

    `shared_connection=True` gives every thread the same connection (the caller serialises
    access): a protected journal unlocked on a worker thread is then used on the UI thread
    without a second key derivation.
    """
    sharing = {"thread_safe": False, "check_same_thread": False} if shared_connection else {}
    # Every write transaction takes the write lock when it begins, so a second writer
    # waits its turn through the busy timeout instead of failing at once when a read
    # inside it tries to become a write.
    sharing["lock_type"] = "IMMEDIATE"
    if passphrase is None:
        return _Plain(str(path), pragmas=PLAIN_PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS,
                      **sharing)
    check_passphrase(passphrase)
    return _cipher_class()(
        str(path),
        passphrase=passphrase,
        pragmas=_cipher_pragmas(),
        timeout=BUSY_TIMEOUT_SECONDS,
        **sharing,
    )


class _Tracked:
    """Tells db_files which files this process holds open, so nothing in Hearth opens and
    closes one of them directly (which would drop SQLite's locks on it)."""

    _kind = PLAIN

    def _file(self) -> Path:
        name = str(self.database)
        if name.startswith("file:"):
            from urllib.parse import unquote, urlparse

            return Path(unquote(urlparse(name).path))
        return Path(name)

    def _connect(self):
        connection = super()._connect()
        mark_open(self._file(), self._kind)
        return connection

    def _close(self, conn):
        try:
            super()._close(conn)
        finally:
            mark_closed(self._file())


class _Plain(_Tracked, peewee.SqliteDatabase):
    pass


_CIPHER_CLASS = None


def _keyed_connect(self):
    """Peewee's SQLCipher connect, with the key given by `sqlcipher.key_statement` (the one
    place that writes `PRAGMA key`, raw keys included) instead of Peewee's own quoting."""
    params = dict(self.connect_params)
    key = params.pop("passphrase", "")
    connection = sqlcipher.driver().connect(self.database, isolation_level=None, **params)
    try:
        if key:
            connection.execute(sqlcipher.key_statement(key))
        self._add_conn_hooks(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _cipher_class():
    global _CIPHER_CLASS
    if _CIPHER_CLASS is None:
        from playhouse.sqlcipher_ext import SqlCipherDatabase

        keyed = type("_Keyed", (SqlCipherDatabase,), {"_connect": _keyed_connect})
        _CIPHER_CLASS = type("_Cipher", (_Tracked, keyed), {"_kind": OPAQUE})
    return _CIPHER_CLASS


def _restrict_permissions(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        set_owner_only(candidate)


def refuse_unless_database_file(path: Path, *, label: str | None = None,
                                may_be_missing: bool = True) -> str:
    """The file kind of `path`, or a typed error when nothing there may be opened: a link,
    folder, FIFO or device (never opened, let alone written through), an unreadable file,
    an empty one (what a crash before the first write leaves: damage, not "new")."""
    label = label or Path(path).name
    kind = file_kind(path)
    if kind in NOT_A_FILE:
        raise ForeignFileError(
            f"{label} is not a regular file (a link, folder or device stands in its place); "
            "Hearth leaves it as it is.")
    if kind == UNREADABLE:
        raise DatabaseOpenError(f"{label} cannot be read: its permissions do not allow it.")
    if kind == EMPTY:
        raise DamagedDatabaseError(f"{label} is empty: it was damaged.")
    if kind == MISSING and not may_be_missing:
        raise DamagedDatabaseError(f"{label} is missing.")
    problem = companion_problem(path)
    if problem is not None:
        raise ForeignFileError(f"{label} cannot be opened: {problem}; Hearth leaves it as "
                               "it is.")
    return kind


def _refuse_foreign(path: Path, label: str) -> None:
    """Refuse a plain SQLite file that another program wrote (tables, but none of Hearth's
    history), read without writing, so not a byte of it changes."""
    try:
        connection = sqlcipher.connect_read_only(path, plain=True)
    except sqlite3.DatabaseError as exc:
        raise sqlcipher.explain_open_error(label, exc, protected=False) from exc
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise sqlcipher.explain_open_error(label, exc, protected=False) from exc
    finally:
        connection.close()
    if tables and HISTORY_TABLE not in tables:
        raise ForeignFileError(
            f"{label} is a database another program wrote, not Hearth's; "
            "Hearth leaves it as it is.")


def open_database(
    path: Path,
    *,
    migrations: Sequence[ModuleType] = (),
    passphrase: str | None = None,
    before_migrate: Callable[[peewee.Database, int, int], None] | None = None,
    shared_connection: bool = False,
    read_only: bool = False,
    quick_check: bool = False,
    report: Callable[[int, int], None] | None = None,
) -> peewee.SqliteDatabase:
    """Open `path`, verify it, and bring its schema up to date; a missing file is created.
    `report(done, total)` hears the progress of a long schema step (see app/migrations).
    With `read_only` nothing is created, migrated or written (see `open_read_only`).
    `quick_check` reads every page first (SQLite's quick_check), for a file small enough
    that damage anywhere in it should be found at once rather than by a later save.

    Raises WrongPassphraseError when a protected file does not open with `passphrase`,
    DamagedDatabaseError (ForeignFileError for what Hearth did not write) when the file is
    damaged or not Hearth's, DatabaseTooNewError when a newer Hearth wrote it, and
    DatabaseBusyError when another process holds it too long. On any failure the
    connection is closed and not a byte of the file has been changed.
    """
    path = Path(path)
    label = path.name
    if read_only:
        return open_read_only(path, migrations=migrations, passphrase=passphrase,
                              shared_connection=shared_connection)
    kind = refuse_unless_database_file(path)
    creating = kind == MISSING
    if passphrase is not None:
        check_passphrase(passphrase)
    if kind == PLAIN:
        _refuse_foreign(path, label)
    elif kind == OPAQUE and passphrase is None:
        raise DamagedDatabaseError(f"{label} is damaged or is not a Hearth database.")
    elif kind == OPAQUE and has_wal(path):
        _check_key_without_writing(path, passphrase)
    db = make_database(path, passphrase=passphrase, shared_connection=shared_connection)
    with _explained(db, label, protected=passphrase is not None):
        db.connect()
        # A read of the schema proves the key is right and the header is sane.
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        problems = integrity_problems(db, quick=True) if quick_check and not creating else []
    if problems:
        db.close()
        raise DamagedDatabaseError(f"{label} is damaged.", detail="; ".join(problems[:5]))
    _restrict_permissions(path)
    if creating:
        log.info("created database %s", path.name)
    with _explained(db, label, protected=passphrase is not None):
        migrate(db, migrations, before_migrate=before_migrate, report=report)
    return db


@contextlib.contextmanager
def _explained(db: peewee.Database, label: str, *, protected: bool) -> Iterator[None]:
    """Close `db` on any failure; a driver error comes out as Hearth's typed error."""
    try:
        yield
    except Exception as exc:
        db.close()
        if not _is_driver_error(exc):
            raise
        raise sqlcipher.explain_open_error(label, exc, protected=protected) from exc


def _is_driver_error(exc: Exception) -> bool:
    if isinstance(exc, _DRIVER_ERRORS):
        return True
    return type(exc).__module__.startswith("sqlcipher3") and "Error" in type(exc).__name__


def open_read_only(path: Path, *, migrations: Sequence[ModuleType] = (),
                   passphrase: str | None = None,
                   shared_connection: bool = False) -> peewee.SqliteDatabase:
    """Open an existing database so that no write can reach it or its folder: for a data
    folder that cannot take writes. The WAL is read when its -shm can be; otherwise the
    main file alone. A file that would need an upgrade is refused, since that is a write."""
    path = Path(path)
    label = path.name
    kind = refuse_unless_database_file(path, may_be_missing=False)
    if kind == OPAQUE and passphrase is None:
        raise DamagedDatabaseError(f"{label} is damaged or is not a Hearth database.")
    if passphrase is not None:
        check_passphrase(passphrase)
    uri = path.resolve().as_uri()
    pragmas = [("foreign_keys", 1), ("temp_store", "memory")]
    modes = ("mode=ro", "immutable=1") if has_wal(path) else ("immutable=1",)
    sharing = {"thread_safe": False, "check_same_thread": False} if shared_connection else {}
    failure: Exception | None = None
    for mode in modes:
        if passphrase is None:
            db = _Plain(f"{uri}?{mode}", uri=True, pragmas=pragmas,
                        timeout=BUSY_TIMEOUT_SECONDS, **sharing)
        else:
            db = _cipher_class()(f"{uri}?{mode}", uri=True, passphrase=passphrase,
                                   pragmas=[("cipher_log_level", "NONE"), *pragmas],
                                   timeout=BUSY_TIMEOUT_SECONDS, **sharing)
        try:
            db.connect()
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
            break
        except peewee.DatabaseError as exc:
            db.close()
            failure = exc
            if sqlcipher.result_code(exc) != sqlcipher.SQLITE_CANTOPEN:
                break
    else:
        failure = failure or DatabaseOpenError(f"{label} cannot be read.")
    if db.is_closed():
        raise sqlcipher.explain_open_error(label, failure, protected=passphrase is not None) \
            from failure
    if migrations and missing_steps(db, migrations):
        db.close()
        raise DatabaseOpenError(
            f"{label} needs an upgrade, which cannot be written to a read-only folder. "
            "Make the data folder writable and start Hearth again.")
    return db


def _check_key_without_writing(path: Path, passphrase: str) -> None:
    """Prove the key before a normal connection sees the WAL.

    A WAL left by a crash is recovered and checkpointed by whichever read-write connection
    closes last, even one whose key is wrong, which would rewrite the file. A read-only
    connection never checkpoints; it reads through the WAL, so a file whose checkpoint was
    interrupted (by a full disk or a kill) is judged as committed, not by its half-updated
    main file.
    """
    try:
        connection = sqlcipher.connect_read_only(path, passphrase)
    except sqlcipher.driver().DatabaseError as exc:
        raise sqlcipher.explain_open_error(path.name, exc, protected=True) from exc
    connection.close()


def integrity_problems(db: peewee.Database, *, quick: bool = False) -> list[str]:
    """Run `PRAGMA integrity_check` (or the faster quick_check); an empty list means the
    file is sound."""
    pragma = "quick_check" if quick else "integrity_check"
    rows = [row[0] for row in db.execute_sql(f"PRAGMA {pragma}").fetchall()]
    return [] if rows == ["ok"] else rows
