"""SQLCipher and SQLite at the driver level, in one place: the key pragma, read-only
connections that respect the write-ahead log, the encrypted copy, and SQLite's result
codes turned into Hearth's typed errors.

Everything that talks to the drivers below Peewee goes through here, so a fact such as how
a passphrase is quoted, or which result code means damage, is written once.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path

from app.db_files import companion_problem, has_wal
from app.errors import (
    DamagedDatabaseError,
    DatabaseBusyError,
    DatabaseOpenError,
    HearthError,
    WrongPassphraseError,
)

# Primary result codes (the low byte of an extended code), from sqlite3.h.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

DAMAGE_CODES = {SQLITE_CORRUPT, SQLITE_NOTADB}
BUSY_CODES = {SQLITE_BUSY, SQLITE_LOCKED}

# How long a read waits out another process opening or checkpointing the same file.
BUSY_WAIT_SECONDS = 5.0

BUSY_MESSAGE = (
    "Another Hearth (a window or a command) kept the data busy for too long. "
    "Wait for it to finish and try again; nothing was changed."
)


def driver():
    """The SQLCipher DB-API module (it opens plain SQLite files too)."""
    from sqlcipher3 import dbapi2

    return dbapi2


def passphrase_of(db) -> str | None:
    """The passphrase an open Peewee database was keyed with (None for a plain one)."""
    return (getattr(db, "connect_params", None) or {}).get("passphrase") or None


RAW_KEY_BYTES = 32
_RAW_KEY = re.compile(r"^x'[0-9a-f]{64}'$")


def raw_key(data_key: bytes) -> str:
    """The key text under which SQLCipher takes `data_key` (32 bytes) as the raw
    encryption key, skipping its own passphrase derivation: `x'<64 hex digits>'`. It goes
    wherever a passphrase would (`PRAGMA key`, `ATTACH ... KEY`, the Peewee database);
    SQLCipher 4's other settings (page size, HMAC, the salt in the header) are unchanged."""
    if len(data_key) != RAW_KEY_BYTES:
        raise ValueError("a raw SQLCipher key is 32 bytes")
    return f"x'{data_key.hex()}'"


def is_raw_key(key: str | None) -> bool:
    return bool(key) and _RAW_KEY.match(key) is not None


def key_statement(passphrase: str) -> str:
    """`PRAGMA key` for a passphrase, quoted as an SQL string literal, or for a raw key
    (see `raw_key`) in SQLCipher's own `PRAGMA key = "x'...'"` form."""
    if is_raw_key(passphrase):
        return f'PRAGMA key = "{passphrase}"'
    return "PRAGMA key = '{}'".format(passphrase.replace("'", "''"))


def rekey_statement(new_key: str) -> str:
    """`PRAGMA rekey` to a raw key (see `raw_key`)."""
    if not is_raw_key(new_key):
        raise ValueError("rekey takes a raw key")
    return f'PRAGMA rekey = "{new_key}"'


def result_code(exc: BaseException | None) -> int | None:
    """The primary SQLite result code behind `exc` (a driver error, a Peewee wrapper of
    one, or anything raised from or during one), or None when there is none."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            code = getattr(getattr(exc, "orig", None), "sqlite_errorcode", None)
        if code is None and exc.args and isinstance(exc.args[0], BaseException):
            code = getattr(exc.args[0], "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF
        exc = exc.__cause__ or exc.__context__
    return None


def is_busy(exc: BaseException) -> bool:
    return result_code(exc) in BUSY_CODES


def explain_open_error(label: str, exc: BaseException, *,
                       protected: bool) -> HearthError:
    """The typed error for a failed open of the database called `label`.

    For a protected file "not a database" is what a wrong key looks like, so it is reported
    as a wrong passphrase here; the caller that can tell damage apart (a sound backup the
    same passphrase opens, a header no SQLCipher file has) says so instead.
    """
    code = result_code(exc)
    if code == SQLITE_NOTADB and protected:
        return WrongPassphraseError("That passphrase does not unlock this journal.",
                                    detail=label)
    if code in DAMAGE_CODES:
        return DamagedDatabaseError(f"{label} is damaged or is not a Hearth database.",
                                    detail=str(exc))
    if code in BUSY_CODES:
        return DatabaseBusyError(BUSY_MESSAGE, detail=str(exc))
    if code in (SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM):
        from app.safety.storage import storage_error  # the disk's words, when it is the disk

        translated = storage_error(exc)
        if translated is not None:
            return translated
    if code == SQLITE_IOERR:
        return DamagedDatabaseError(f"{label} could not be read: it may be damaged.",
                                    detail=str(exc))
    return DatabaseOpenError(f"{label} could not be opened: {exc}.", detail=str(exc))


def _uri(path: Path, mode: str) -> str:
    return f"{Path(path).resolve().as_uri()}?{mode}"


def connect_read_only(path: Path, passphrase: str | None = None, *, plain: bool = False):
    """A connection to `path` that can never write it, its WAL or its key: the WAL is read
    (so a file whose last checkpoint was interrupted reads as it was committed), but no
    connection opened here checkpoints, recovers into the main file or deletes anything.

    A file with neither -wal nor -shm beside it is open nowhere in WAL mode, so it is read
    as immutable, which creates nothing beside it (a backup stays one file). Otherwise it
    is read through the WAL; a moment of contention with another process is waited out, and
    only a folder that cannot take the -shm falls back to the main file alone (the best a
    read-only folder allows). `plain=True` uses Python's own sqlite3 (for the backup API).
    Raises the driver's DatabaseError; the schema has been read once, so a wrong key or a
    damaged header has already shown.
    """
    module = sqlite3 if plain else driver()
    beside = companion_problem(path)
    if beside is not None:
        # SQLite would open (and chmod) whatever stands there: refuse before it does.
        raise module.DatabaseError(f"{Path(path).name} cannot be read: {beside}")
    shared = has_wal(path) or os.path.lexists(f"{path}-shm")
    if not shared:
        return _open_reading(module, path, "immutable=1", passphrase, plain)
    deadline = time.monotonic() + BUSY_WAIT_SECONDS
    while True:
        try:
            return _open_reading(module, path, "mode=ro", passphrase, plain)
        except module.DatabaseError as exc:
            code = result_code(exc)
            if code in BUSY_CODES and time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            if code in (SQLITE_CANTOPEN, SQLITE_READONLY) and not os.access(
                    Path(path).parent, os.W_OK):
                return _open_reading(module, path, "immutable=1", passphrase, plain)
            raise


def _open_reading(module, path: Path, mode: str, passphrase: str | None, plain: bool):
    connection = module.connect(_uri(path, mode), uri=True, isolation_level=None,
                                check_same_thread=False)
    try:
        if not plain:
            connection.execute("PRAGMA cipher_log_level = NONE")
            if passphrase is not None:
                connection.execute(key_statement(passphrase))
        connection.execute("PRAGMA temp_store = memory")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def export_copy(connection, target: Path, key: str | None) -> None:
    """Copy every table of `connection`'s main database into the new file `target` with
    `sqlcipher_export`, encrypted with passphrase `key` (plain when None), keeping the
    schema version."""
    connection.execute("ATTACH DATABASE ? AS hearth_copy KEY ?", (str(target), key or ""))
    try:
        connection.execute("SELECT sqlcipher_export('hearth_copy')").fetchall()
        version = connection.execute("PRAGMA main.user_version").fetchone()[0]
        connection.execute(f"PRAGMA hearth_copy.user_version = {int(version)}")
    finally:
        connection.execute("DETACH DATABASE hearth_copy")


def plain_tables(path: Path) -> set[str] | None:
    """The table names of a plain SQLite file, read without writing a byte; None when it
    cannot be read as one."""
    try:
        connection = connect_read_only(path, plain=True)
    except sqlite3.DatabaseError:
        return None
    try:
        return {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
