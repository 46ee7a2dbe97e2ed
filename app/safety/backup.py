"""Backups of every database in the data folder: make, list, prune, verify and restore.

Backups live in `<data folder>/backups/`, mirroring the data folder (`hearth.db` backs up
to `backups/hearth.<stamp>.<reason>.db`, `journals/7.db` to `backups/journals/7.<...>.db`),
owner-only. Copies are taken while the app runs and still come out consistent: plain files
through SQLite's online backup API, protected journals with `sqlcipher_export` into a file
attached with the same key, so a backup of a protected journal stays encrypted with the
same passphrase. Every copy is written to a `.partial` file, verified, and only then
renamed into place, so a crash never leaves a half-written backup that looks whole.

A restore verifies the backup first, keeps the current file (as a backup, or renamed
aside as `.damaged-<stamp>` when it cannot be read), and swaps the new file in with one
`os.replace`. Nothing here ever deletes or overwrites a damaged file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import peewee

from app.db import check_passphrase, make_database
from app.errors import DatabaseOpenError, HearthError, NotFoundError, WrongPassphraseError
from app.migrations import HISTORY_TABLE
from app.paths import SHARED_DB_NAME, ensure_private_dir
from app.safety.storage import storage_error

log = logging.getLogger(__name__)

BACKUPS_DIR_NAME = "backups"
JOURNALS_DIR_NAME = "journals"
SQLITE_HEADER = b"SQLite format 3\x00"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
REASONS = ("daily", "manual", "migration", "passphrase", "pre-restore")
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_BACKUP_NAME = re.compile(
    r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6}-\d{6})\.(?P<reason>[a-z-]+)\.db$"
)


class BackupError(HearthError):
    """A backup could not be made, read or restored."""


class DamagedBackupError(BackupError):
    """The chosen backup is damaged or is not a Hearth database."""


class PassphraseNeededError(BackupError):
    """The backup belongs to a protected journal; its passphrase is needed to check it."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it is a copy of."""

    path: Path
    source: PurePosixPath  # the database it copies, relative to the data folder
    created: dt.datetime
    reason: str
    size: int
    protected: bool

    @property
    def label(self) -> str:
        return database_label(self.source)


@dataclass(frozen=True)
class BackupOutcome:
    """What `backup_all` did for each database: made, or skipped with the reason why."""

    made: tuple[BackupInfo, ...]
    skipped: tuple[tuple[PurePosixPath, str], ...]


@dataclass(frozen=True)
class CheckResult:
    """`check` for one database: status is "ok", "damaged" or "locked" (protected,
    not opened without its passphrase, but its shape is sound)."""

    source: PurePosixPath
    status: str
    problems: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return database_label(self.source)


@dataclass(frozen=True)
class RestoreOutcome:
    restored: Path
    safety_copy: BackupInfo | None  # the current file, backed up before it was replaced
    kept_aside: Path | None  # the current file renamed aside, when it could not be copied


# ----- what there is --------------------------------------------------------------------


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR_NAME


def database_label(source: PurePosixPath) -> str:
    if str(source) == SHARED_DB_NAME:
        return "Shared data (guides, calendar)"
    if source.parent.name == JOURNALS_DIR_NAME:
        return f"Journal {source.stem}"
    return str(source)


def database_sources(data_dir: Path) -> list[PurePosixPath]:
    """Every database of the data folder, relative to it: hearth.db, then the journals."""
    data_dir = Path(data_dir)
    found = []
    if (data_dir / SHARED_DB_NAME).exists():
        found.append(PurePosixPath(SHARED_DB_NAME))
    journals = data_dir / JOURNALS_DIR_NAME
    if journals.is_dir():
        for path in sorted(journals.glob("*.db")):
            if path.is_file():
                found.append(PurePosixPath(JOURNALS_DIR_NAME, path.name))
    return found


def file_kind(path: Path) -> str:
    """"missing", "empty", "plain" (an SQLite header) or "opaque" (encrypted, or junk)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return "missing"
    if not head:
        return "empty"
    return "plain" if head == SQLITE_HEADER else "opaque"


def is_protected_source(source: PurePosixPath) -> bool:
    """Only journals can be protected; the shared database is always plain."""
    return source.parent.name == JOURNALS_DIR_NAME


# ----- making backups -------------------------------------------------------------------


def _backup_path(data_dir: Path, source: PurePosixPath, reason: str, when: dt.datetime) -> Path:
    folder = backups_dir(data_dir).joinpath(*source.parent.parts)
    ensure_private_dir(backups_dir(data_dir))
    ensure_private_dir(folder)
    path = folder / f"{source.stem}.{when.strftime(_STAMP_FORMAT)}.{reason}.db"
    while path.exists():  # two backups in the same microsecond: never overwrite one
        when += dt.timedelta(microseconds=1)
        path = folder / f"{source.stem}.{when.strftime(_STAMP_FORMAT)}.{reason}.db"
    return path


def backup_database(
    data_dir: Path,
    source: PurePosixPath | str,
    *,
    reason: str = "manual",
    passphrase: str | None = None,
    db: peewee.Database | None = None,
    session=None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Copy one database into the backups folder and verify the copy.

    `db` (an open connection to that file) or `session` (an unlocked journal session with
    `backup_to(path)`) copy through the running connection; otherwise the file is opened
    on its own, with `passphrase` for a protected journal. A protected journal with no
    passphrase is copied byte for byte, which is only consistent while nobody writes it,
    as at start-up before any journal is unlocked.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    data_dir = Path(data_dir)
    source = PurePosixPath(source)
    origin = data_dir / source
    kind = file_kind(origin)
    if kind == "missing":
        raise NotFoundError(f"There is no {database_label(source)} to back up.")
    if kind == "empty":
        raise BackupError(f"{database_label(source)} is empty; there is nothing to back up.")
    if kind == "opaque" and not is_protected_source(source):
        raise DamagedBackupError(
            f"{source} is damaged or is not a Hearth database, so it was not backed up."
        )
    when = now or dt.datetime.now()
    final = _backup_path(data_dir, source, reason, when)
    partial = final.with_name(final.name + ".partial")
    protected = kind == "opaque"
    try:
        if session is not None:
            session.backup_to(partial)
        elif protected and db is not None:
            _export_encrypted(db, partial, _db_passphrase(db))
        elif protected and passphrase is not None:
            _export_encrypted_file(origin, partial, passphrase)
        elif protected:
            _copy_quiet_file(origin, partial)
        elif db is not None:
            _online_backup(db.connection(), partial)
        else:
            _online_backup_file(origin, partial)
        _set_owner_only(partial)
        _verify_copy(partial, protected=protected,
                     passphrase=passphrase if db is None else _db_passphrase(db))
        _fsync_file(partial)
        os.replace(partial, final)
        _fsync_dir(final.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(exc, HearthError):
            raise
        translated = storage_error(exc) if isinstance(exc, Exception) else None
        if translated is not None:
            raise translated from exc
        if isinstance(exc, peewee.DatabaseError | sqlite3.DatabaseError | _cipher_db_error()):
            raise BackupError(
                f"{database_label(source)} could not be backed up: {exc}.", detail=str(exc)
            ) from exc
        raise
    info = _info(final, source)
    log.info("backed up %s (%s, %d bytes)", source, reason, info.size)
    return info


def _db_passphrase(db: peewee.Database) -> str | None:
    params = getattr(db, "connect_params", {}) or {}
    return params.get("passphrase") or None


def _cipher_db_error() -> type:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return sqlite3.DatabaseError
    return dbapi2.DatabaseError


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
    source = _open_read_only(origin)
    try:
        _online_backup(source, target)
    finally:
        source.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri()
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        # Nothing outside the main file: read it as immutable, which (unlike mode=ro on a
        # WAL database) creates no -wal/-shm beside it.
        connection = sqlite3.connect(f"{uri}?immutable=1", uri=True)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    try:
        connection = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        # A WAL file whose -shm cannot be made (read-only folder): read the main file only.
        connection = sqlite3.connect(f"{uri}?immutable=1", uri=True)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection


def _export_encrypted(db: peewee.Database, target: Path, passphrase: str | None) -> None:
    if passphrase is None:
        raise BackupError("A protected journal can only be backed up while it is unlocked.")
    db.execute_sql("ATTACH DATABASE ? AS hearth_backup KEY ?", (str(target), passphrase))
    try:
        db.execute_sql("SELECT sqlcipher_export('hearth_backup')")
        version = db.execute_sql("PRAGMA main.user_version").fetchone()[0]
        db.execute_sql(f"PRAGMA hearth_backup.user_version = {int(version)}")
    finally:
        db.execute_sql("DETACH DATABASE hearth_backup")


def _export_encrypted_file(origin: Path, target: Path, passphrase: str) -> None:
    check_passphrase(passphrase)
    db = make_database(origin, passphrase=passphrase)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except peewee.DatabaseError as exc:
        db.close()
        raise WrongPassphraseError(
            "That passphrase does not unlock this journal.", detail=str(exc)
        ) from exc
    try:
        _export_encrypted(db, target, passphrase)
    finally:
        db.close()


def _copy_quiet_file(origin: Path, target: Path) -> None:
    wal = Path(f"{origin}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # Unsaved-to-the-main-file pages sit in the WAL, readable only with the key.
        raise BackupError(
            f"{origin.name} has changes not yet folded into the file; unlock it to back it up."
        )
    shutil.copyfile(origin, target)


def _verify_copy(path: Path, *, protected: bool, passphrase: str | None) -> None:
    if protected:
        if file_kind(path) != "opaque":
            raise BackupError("The backup of a protected journal came out unencrypted.")
        if passphrase is not None:
            verify_backup(path, passphrase=passphrase)
        return
    verify_backup(path)


def _set_owner_only(path: Path) -> None:
    if os.name == "posix":
        os.chmod(path, 0o600)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_all(
    data_dir: Path,
    *,
    reason: str = "manual",
    passphrases: dict[str, str] | None = None,
    open_databases: dict[str, peewee.Database] | None = None,
    now: dt.datetime | None = None,
) -> BackupOutcome:
    """Back up every database; one that cannot be copied is skipped with its reason."""
    passphrases = passphrases or {}
    open_databases = open_databases or {}
    made, skipped = [], []
    for source in database_sources(data_dir):
        key = str(source)
        try:
            made.append(backup_database(
                data_dir, source, reason=reason, passphrase=passphrases.get(key),
                db=open_databases.get(key), now=now,
            ))
        except HearthError as exc:
            log.warning("backup of %s skipped: %s", source, type(exc).__name__)
            skipped.append((source, exc.message))
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
    for source in database_sources(data_dir):
        if any(b.created.date() == when.date() for b in list_backups(data_dir, source)):
            continue
        try:
            made.append(backup_database(data_dir, source, reason="daily",
                                        db=open_databases.get(str(source)), now=when))
        except HearthError as exc:
            log.warning("daily backup of %s skipped: %s", source, type(exc).__name__)
            skipped.append((source, exc.message))
        prune_backups(data_dir, source, now=when)
    return BackupOutcome(made=tuple(made), skipped=tuple(skipped))


def migration_hook(data_dir: Path, source: PurePosixPath | str) -> Callable:
    """A `before_migrate(db, from_version, to_version)` for `open_database`/`open_app`: back up
    the file through its open connection before its schema changes. If that backup fails,
    the migration does not run."""

    def before_migrate(db: peewee.Database, have: int, target: int) -> None:
        log.info("backing up %s before migrating %d -> %d", source, have, target)
        backup_database(data_dir, source, reason="migration", db=db)

    return before_migrate


# ----- listing and retention ------------------------------------------------------------


def _info(path: Path, source: PurePosixPath) -> BackupInfo:
    match = _BACKUP_NAME.match(path.name)
    if match is None:
        raise ValueError(f"{path.name} is not a backup file name")
    return BackupInfo(
        path=path,
        source=source,
        created=dt.datetime.strptime(match["stamp"], _STAMP_FORMAT),
        reason=match["reason"],
        size=path.stat().st_size,
        protected=file_kind(path) == "opaque",
    )


def backup_info(data_dir: Path, path: Path) -> BackupInfo:
    """Describe a backup file; a file outside the backups folder is taken for the database
    of the same name (`hearth.*.db` for the shared one, `<id>.*.db` for a journal)."""
    path = Path(path)
    match = _BACKUP_NAME.match(path.name)
    if match is None or not path.is_file():
        raise DamagedBackupError(f"{path.name} is not a Hearth backup file.")
    root = backups_dir(data_dir).resolve()
    try:
        relative = path.resolve().parent.relative_to(root)
        parent = PurePosixPath(*relative.parts)
    except ValueError:
        parent = PurePosixPath() if match["stem"] == Path(SHARED_DB_NAME).stem \
            else PurePosixPath(JOURNALS_DIR_NAME)
    return _info(path, parent / f"{match['stem']}.db")


def list_backups(data_dir: Path, source: PurePosixPath | str | None = None) -> list[BackupInfo]:
    """Backups, newest first; of one database when `source` is given."""
    root = backups_dir(data_dir)
    if not root.is_dir():
        return []
    found = []
    for path in root.rglob("*.db"):
        match = _BACKUP_NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        parent = PurePosixPath(*path.parent.relative_to(root).parts)
        origin = parent / f"{match['stem']}.db"
        if source is not None and origin != PurePosixPath(source):
            continue
        with contextlib.suppress(OSError):
            found.append(_info(path, origin))
    return sorted(found, key=lambda b: b.created, reverse=True)


def backups_to_keep(backups: Iterable[BackupInfo], *,
                    daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> set[Path]:
    """The newest backup of each of the last `daily` days that have one, plus the newest of
    each of the last `weekly` ISO weeks before those."""
    newest_first = sorted(backups, key=lambda b: b.created, reverse=True)
    keep: set[Path] = set()
    days: dict[dt.date, BackupInfo] = {}
    for backup in newest_first:
        days.setdefault(backup.created.date(), backup)
    kept_days = list(days)[:daily]
    keep.update(days[day].path for day in kept_days)
    weeks: dict[tuple[int, int], BackupInfo] = {}
    oldest_daily = min(kept_days) if kept_days else None
    for backup in newest_first:
        if oldest_daily is not None and backup.created.date() >= oldest_daily:
            continue
        weeks.setdefault(backup.created.isocalendar()[:2], backup)
    keep.update(weeks[week].path for week in list(weeks)[:weekly])
    return keep


def prune_backups(data_dir: Path, source: PurePosixPath | str, *,
                  now: dt.datetime | None = None) -> list[Path]:
    """Delete backups of `source` beyond the retention rule; return what was removed."""
    backups = list_backups(data_dir, source)
    keep = backups_to_keep(backups)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
            removed.append(backup.path)
    if removed:
        log.info("pruned %d old backups of %s", len(removed), source)
    return removed


# ----- verifying and checking -----------------------------------------------------------


def verify_backup(path: Path, *, passphrase: str | None = None) -> None:
    """Raise unless `path` is a sound Hearth database (opened with `passphrase` when it is
    encrypted): integrity_check passes and it has Hearth's migration history."""
    kind = file_kind(path)
    if kind in ("missing", "empty"):
        raise DamagedBackupError(f"{Path(path).name} is empty or missing.")
    if kind == "opaque":
        if passphrase is None:
            raise PassphraseNeededError(
                "This backup is of a protected journal. Enter its passphrase to check it."
            )
        problems = _problems_encrypted(Path(path), passphrase)
    else:
        problems = _problems_plain(Path(path))
    if problems:
        log.warning("backup %s failed verification", Path(path).name)
        raise DamagedBackupError(
            f"{Path(path).name} is damaged and cannot be restored.", detail="; ".join(problems)
        )


def _problems_plain(path: Path) -> list[str]:
    try:
        connection = _open_read_only(path)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    try:
        return _problems(connection)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()


def _problems_encrypted(path: Path, passphrase: str) -> list[str]:
    from sqlcipher3 import dbapi2

    check_passphrase(passphrase)
    uri = Path(path).resolve().as_uri()
    try:
        connection = dbapi2.connect(f"{uri}?mode=ro", uri=True)
    except dbapi2.DatabaseError as exc:
        return [str(exc)]
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        quoted = passphrase.replace("'", "''")
        connection.execute(f"PRAGMA key = '{quoted}'")
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except dbapi2.DatabaseError as exc:
            raise WrongPassphraseError(
                "That passphrase does not unlock this backup.", detail=str(exc)
            ) from exc
        try:
            return _problems(connection)
        except dbapi2.DatabaseError as exc:
            return [str(exc)]
    finally:
        connection.close()


def _problems(connection) -> list[str]:
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        return rows
    tables = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if HISTORY_TABLE not in tables:
        return ["not a Hearth database (no migration history)"]
    return []


def check_database(data_dir: Path, source: PurePosixPath | str, *,
                   passphrase: str | None = None) -> CheckResult:
    """Check one database without changing anything on disk."""
    source = PurePosixPath(source)
    path = Path(data_dir) / source
    kind = file_kind(path)
    if kind in ("missing", "empty"):
        return CheckResult(source, "damaged", (f"the file is {kind}",))
    if kind == "opaque" and not is_protected_source(source):
        return CheckResult(source, "damaged", ("not an SQLite database",))
    if kind == "opaque":
        if passphrase is None:
            size = path.stat().st_size
            if size % 1024:
                return CheckResult(source, "damaged", (f"truncated ({size} bytes)",))
            return CheckResult(source, "locked")
        try:
            problems = _problems_encrypted(path, passphrase)
        except WrongPassphraseError:
            return CheckResult(source, "locked", ("the passphrase given does not unlock it",))
    else:
        problems = _problems_plain(path)
    return CheckResult(source, "damaged" if problems else "ok", tuple(problems))


def check_all(data_dir: Path, *, passphrases: dict[str, str] | None = None) -> list[CheckResult]:
    """`check_database` for every database of the data folder."""
    passphrases = passphrases or {}
    return [check_database(data_dir, source, passphrase=passphrases.get(str(source)))
            for source in database_sources(data_dir)]


def newest_good_backup(data_dir: Path, source: PurePosixPath | str) -> BackupInfo | None:
    """The newest backup of a plain database that passes verification."""
    for backup in list_backups(data_dir, source):
        try:
            verify_backup(backup.path)
        except BackupError:
            continue
        return backup
    return None


# ----- restoring ------------------------------------------------------------------------


def keep_aside(path: Path, *, now: dt.datetime | None = None, tag: str = "damaged") -> Path:
    """Rename a file (and its -wal/-shm) to `<name>.<tag>-<stamp>`; never delete it."""
    stamp = (now or dt.datetime.now()).strftime(_STAMP_FORMAT)
    aside = path.with_name(f"{path.name}.{tag}-{stamp}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    _fsync_dir(path.parent)
    log.warning("kept %s aside as %s", path.name, aside.name)
    return aside


def restore_backup(
    data_dir: Path,
    backup: Path | BackupInfo,
    *,
    passphrase: str | None = None,
    now: dt.datetime | None = None,
) -> RestoreOutcome:
    """Put a backup back in place of its database, which must not be open.

    The backup is verified first. The current file is backed up (reason "pre-restore")
    when it can be read, otherwise renamed aside as `.damaged-<stamp>`. The swap is one
    `os.replace`, so the database is at every moment either the old file or the new one.
    """
    data_dir = Path(data_dir)
    info = backup if isinstance(backup, BackupInfo) else backup_info(data_dir, Path(backup))
    verify_backup(info.path, passphrase=passphrase)
    target = data_dir / info.source
    ensure_private_dir(target.parent)
    safety_copy, aside = None, None
    if file_kind(target) != "missing":
        try:
            safety_copy = backup_database(
                data_dir, info.source, reason="pre-restore", passphrase=passphrase, now=now
            )
        except HearthError as exc:
            if storage_error(exc.__cause__ or exc) is not None:
                raise
            aside = keep_aside(target, now=now)
    staged = target.with_name(target.name + ".restoring")
    try:
        shutil.copyfile(info.path, staged)
        _set_owner_only(staged)
        _fsync_file(staged)
        # The old file's WAL belongs to the old file; its content is in the safety copy.
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{target}{suffix}")
        os.replace(staged, target)
        _fsync_dir(target.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        translated = storage_error(exc) if isinstance(exc, Exception) else None
        if translated is not None:
            raise translated from exc
        raise
    log.info("restored %s from a %s backup", info.source, info.reason)
    return RestoreOutcome(restored=target, safety_copy=safety_copy, kept_aside=aside)


def describe_size(size: int) -> str:
    """A byte count for people: 812 bytes, 48 KB, 3.2 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def open_error_is_damage(exc: DatabaseOpenError) -> bool:
    """Whether an open failure means a damaged file (rather than too new, or in use)."""
    return "damaged" in exc.message or "not a Hearth database" in exc.message
