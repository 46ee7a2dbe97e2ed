"""Backups of every database in the data folder: making them, and the face of the rest.

Copies are taken while the app runs and still come out consistent: plain files through
SQLite's online backup API, protected journals with `sqlcipher_export` into a file attached
with the same key (or the unlocked session's own `backup_to`), so a backup of a protected
journal stays encrypted with the same passphrase. Every copy is written to a `.partial`
file, verified, and only then renamed into place, so a crash never leaves a half-written
backup that looks whole. A locked protected journal can only be copied byte for byte; that
copy cannot be verified without the passphrase, so it is kept apart (see backup_files); a
verified one is made whenever a backup runs while the journal is unlocked.

Names, listing and retention live in `backup_files`, verifying and checking in
`backup_check`, restoring in `restore`; they are re-exported here for callers.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import peewee

from app import sqlcipher
from app.db_files import (
    EMPTY,
    MISSING,
    OPAQUE,
    SQLITE_HEADER,
    cipher_shape_problem,
    companion_problem,
    file_kind,
    fsync_dir,
    fsync_file,
    has_wal,
    is_open_here,
    key_file_of,
    remove_db_files,
    set_owner_only,
)
from app.errors import HearthError, NotFoundError
from app.safety.backup_check import (
    WRONG_KIND,
    CheckResult,
    check_all,
    check_database,
    header_change,
    newest_backup_opened_by,
    newest_good_backup,
    verify_backup,
)
from app.safety.backup_files import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    REASONS,
    SHARED_KEY,
    SHARED_LABEL,
    BackupError,
    BackupInfo,
    DamagedBackupError,
    DatabaseRef,
    PassphraseNeededError,
    backup_info,
    backup_path,
    backups_dir,
    backups_to_keep,
    database_ref,
    database_refs,
    describe_size,
    foreign_name_error,
    info_of,
    is_foreign_file_key,
    is_journal_key,
    journal_id_of,
    journal_key,
    keep_aside,
    list_backups,
    prune_backups,
)
from app.safety.leftovers import PARTIAL, unfinished_name
from app.safety.storage import storage_error

__all__ = [
    "KEEP_DAILY", "KEEP_WEEKLY", "REASONS", "SHARED_KEY", "SHARED_LABEL", "SQLITE_HEADER",
    "BackupError", "BackupInfo", "BackupOutcome", "CheckResult", "DamagedBackupError",
    "DatabaseRef", "PassphraseNeededError", "backup_all", "backup_database",
    "backup_info", "backups_dir", "backups_to_keep", "check_all", "check_database",
    "daily_backup", "database_ref", "database_refs", "describe_size", "file_kind",
    "header_change",
    "journal_id_of", "journal_key", "keep_aside", "list_backups", "migration_hook",
    "newest_backup_opened_by", "newest_good_backup", "prune_backups", "restore_backup",
    "storage_error", "verify_backup",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupOutcome:
    """What `backup_all` did for each database: made, or skipped with the reason why."""

    made: tuple[BackupInfo, ...]
    skipped: tuple[tuple[str, str], ...]  # (label, why)

    @property
    def unverified(self) -> tuple[BackupInfo, ...]:
        return tuple(b for b in self.made if not b.verified)


def _refuse_source(data_dir: Path, ref: DatabaseRef, *, keyless: bool) -> str:
    """The source's file kind, or a typed error when it is nothing to back up (for a copy
    made without the key, also a file whose header Hearth did not write)."""
    kind = file_kind(ref.path)
    if kind == MISSING:
        raise NotFoundError(f"The file of {ref.label} is missing; there is nothing to back up.")
    if kind == EMPTY:
        raise BackupError(f"{ref.label} is empty; there is nothing to back up.")
    if kind in ("symlink", "special"):
        raise DamagedBackupError(
            f"{ref.label} is not a regular file (a link, folder or device stands in its "
            "place), so it was not backed up.")
    if kind == "unreadable":
        raise BackupError(f"{ref.label} cannot be read (permission denied), so it was not "
                          "backed up.")
    beside = companion_problem(ref.path)
    if beside is not None:
        raise DamagedBackupError(f"{ref.label} was not backed up: {beside}.")
    if kind == OPAQUE and not ref.protected:
        raise DamagedBackupError(
            f"{ref.label} is damaged or is not a Hearth database, so it was not backed up."
        )
    if kind == OPAQUE:
        shape = cipher_shape_problem(ref.path)
        if shape is None and keyless and ref.journal_id is not None \
                and not is_open_here(ref.path):
            shape = header_change(data_dir, ref.journal_id, ref.path)
        if shape is not None:
            raise DamagedBackupError(f"{ref.label} is damaged ({shape}), so it was not "
                                     "backed up.")
    return kind


def backup_database(
    data_dir: Path,
    key: str,
    *,
    reason: str = "manual",
    passphrase: str | None = None,
    db: peewee.Database | None = None,
    session=None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Copy one database ("hearth" or "journal-<id>") into the backups folder and verify it.

    `db` (an open connection to that file) or `session` (an unlocked journal session with
    `backup_to(path)`) copy through the running connection; otherwise the file is opened
    on its own, with `passphrase` for a protected journal. A protected journal with no
    passphrase is copied byte for byte (only while nothing waits in its WAL) and kept apart
    as unverified.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    data_dir = Path(data_dir)
    ref = database_ref(data_dir, key)
    if is_foreign_file_key(ref.key):
        raise foreign_name_error(ref.key)  # before anything opens it
    if passphrase is None:
        passphrase = sqlcipher.passphrase_of(db if db is not None else getattr(session, "_db", None))
    elif is_journal_key(ref.key):
        from app.journal.keys.unlock import key_for  # a typed passphrase opens the key slot

        passphrase = key_for(ref.path, passphrase)
    kind = _refuse_source(data_dir, ref, keyless=passphrase is None and session is None)
    protected = kind == OPAQUE
    verified = not protected or passphrase is not None
    when = now or dt.datetime.now()
    final = backup_path(data_dir, key, reason, when, verified=verified)
    partial = unfinished_name(final, PARTIAL)
    try:
        if session is not None:
            session.backup_to(partial)
        elif protected and db is not None:
            sqlcipher.export_copy(db.connection(), partial, passphrase)
        elif protected and passphrase is not None:
            _export_encrypted_file(ref.path, partial, passphrase)
        elif protected:
            _copy_quiet_file(ref.path, partial)
        elif db is not None:
            _online_backup(db.connection(), partial)
        else:
            _online_backup_file(ref.path, partial)
        set_owner_only(partial)
        try:
            _verify_copy(partial, protected=protected, passphrase=passphrase,
                         shared=ref.key == SHARED_KEY)
        except DamagedBackupError as exc:
            if exc.detail in WRONG_KIND:  # sound, but it would come back in the wrong place
                raise DamagedBackupError(
                    f"{ref.label} was not backed up: the file there is {exc.detail}.",
                    detail=exc.detail) from exc
            raise DamagedBackupError(
                f"{ref.label} was not backed up: its copy did not pass the integrity check, "
                "so the file itself is damaged.", detail=exc.detail) from exc
        fsync_file(partial)
        if is_journal_key(ref.key) and protected:
            # The key file goes in first: a backup is never listed without its key. (Beside
            # an unprotected journal a file by that name is none of Hearth's: not copied.)
            from app.journal.keys.file import copy_key_file

            copy_key_file(ref.path, final)
        os.replace(partial, final)
        fsync_dir(final.parent)
        if session is not None:
            key_file_of(partial).unlink(missing_ok=True)  # the session's copy wrote one
    except BaseException as exc:
        remove_db_files(partial)
        if not final.exists():
            remove_db_files(final)  # only a key file copied before the rename can be there
        if isinstance(exc, HearthError):
            raise
        translated = storage_error(exc) if isinstance(exc, Exception) else None
        if translated is not None:
            raise translated from exc
        if isinstance(exc, peewee.DatabaseError | sqlite3.DatabaseError
                      | sqlcipher.driver().DatabaseError | OSError):
            raise BackupError(
                f"{ref.label} could not be backed up: {exc}.", detail=str(exc)
            ) from exc
        raise
    info = info_of(final, key, ref.label, verified=verified)
    log.info("backed up %s (%s, %d bytes%s)", key, reason, info.size,
             "" if verified else ", unverified")
    return info


def _online_backup(connection, target: Path) -> None:
    destination = sqlite3.connect(str(target))
    try:
        connection.backup(destination)
        # A backup is one self-contained file: no -wal beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def _online_backup_file(origin: Path, target: Path) -> None:
    # Read-only so backing up never creates or changes anything next to the original.
    source = sqlcipher.connect_read_only(origin, plain=True)
    try:
        _online_backup(source, target)
    finally:
        source.close()


def _export_encrypted_file(origin: Path, target: Path, passphrase: str) -> None:
    driver = sqlcipher.driver()
    try:
        sqlcipher.connect_read_only(origin, passphrase).close()  # proves the key, writes nothing
    except driver.DatabaseError as exc:
        raise sqlcipher.explain_open_error(origin.name, exc, protected=True) from exc
    connection = driver.connect(str(origin), isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(sqlcipher.key_statement(passphrase))
        connection.execute("PRAGMA temp_store = memory")
        sqlcipher.export_copy(connection, target, passphrase)
    finally:
        connection.close()


def _copy_quiet_file(origin: Path, target: Path) -> None:
    if is_open_here(origin):
        # Reading it directly would drop this process's locks on it (see db_files).
        raise BackupError("This journal is unlocked here; back it up from its window.")
    if has_wal(origin):
        # Pages not yet folded into the main file sit in the WAL, readable only with the key.
        raise BackupError(
            "This journal has changes not yet folded into its file; unlock it to back it up."
        )
    shutil.copyfile(origin, target)


def _verify_copy(path: Path, *, protected: bool, passphrase: str | None,
                 shared: bool) -> None:
    """Sound, and of the kind its source's place holds (the shared data, or a journal)."""
    if protected:
        if file_kind(path) != OPAQUE:
            raise BackupError("The backup of a protected journal came out unencrypted.")
        if passphrase is not None:
            verify_backup(path, passphrase=passphrase, shared=shared)
        return
    verify_backup(path, shared=shared)


def backup_all(
    data_dir: Path,
    *,
    reason: str = "manual",
    passphrases: dict[str, str] | None = None,
    open_databases: dict[str, peewee.Database] | None = None,
    sessions: dict[str, object] | None = None,
    only_keys: Iterable[str] | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BackupOutcome:
    """Back up every database; one that cannot be copied is skipped with its reason.

    `open_databases`, `sessions` and `passphrases` are keyed like `DatabaseRef.key`.
    """
    passphrases = passphrases or {}
    open_databases = open_databases or {}
    sessions = sessions or {}
    # While the shared database is unreadable its journals come as files named by their
    # file (`file-…`), so they are still copied.
    refs = database_refs(data_dir)
    if only_keys is not None:
        wanted = set(only_keys)
        refs = [r for r in refs if r.key in wanted]
    made, skipped = [], []
    for done, ref in enumerate(refs):
        try:
            made.append(backup_database(
                data_dir, ref.key, reason=reason, passphrase=passphrases.get(ref.key),
                db=open_databases.get(ref.key), session=sessions.get(ref.key), now=now,
            ))
        except HearthError as exc:
            log.warning("backup of %s skipped: %s", ref.key, type(exc).__name__)
            skipped.append((ref.label, exc.message))
        if progress is not None:
            progress(done + 1, len(refs))
    return BackupOutcome(made=tuple(made), skipped=tuple(skipped))


def daily_backup(
    data_dir: Path,
    *,
    open_databases: dict[str, peewee.Database] | None = None,
    now: dt.datetime | None = None,
) -> BackupOutcome:
    """Back up each database that has no backup from today yet, then prune old ones."""
    when = now or dt.datetime.now()
    open_databases = open_databases or {}
    made, skipped = [], []
    for ref in database_refs(data_dir):
        if ref.key.startswith("file-"):
            continue
        if not any(b.created.date() == when.date() for b in list_backups(data_dir, ref.key)):
            try:
                made.append(backup_database(data_dir, ref.key, reason="daily",
                                            db=open_databases.get(ref.key), now=when))
            except HearthError as exc:
                log.warning("daily backup of %s skipped: %s", ref.key, type(exc).__name__)
                skipped.append((ref.label, exc.message))
        prune_backups(data_dir, ref.key)
    return BackupOutcome(made=tuple(made), skipped=tuple(skipped))


def migration_hook(data_dir: Path, key: str = SHARED_KEY) -> Callable:
    """A `before_migrate(db, from_version, to_version)` for `open_database`/`open_app`: back
    up the file through its open connection before its schema changes. If that backup
    fails, the exception stops the migration and nothing is changed."""

    def before_migrate(db: peewee.Database, have: int, target: int) -> None:
        log.info("backing up %s before migrating %d -> %d", key, have, target)
        backup_database(data_dir, key, reason="migration", db=db)
        prune_backups(data_dir, key)

    return before_migrate


def restore_backup(data_dir: Path, backup, *, passphrase: str | None = None,
                   now: dt.datetime | None = None):
    """See `app.safety.restore.restore_backup` (loaded only when a restore runs)."""
    from app.safety.restore import restore_backup as restore

    return restore(data_dir, backup, passphrase=passphrase, now=now)


def __getattr__(name: str):
    # RestoreOutcome and SHARED_RESTORE_SCOPE live with the restore code.
    if name in ("RestoreOutcome", "SHARED_RESTORE_SCOPE"):
        from app.safety import restore

        return getattr(restore, name)
    raise AttributeError(name)

