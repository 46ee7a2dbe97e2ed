"""Backups of every database in the data folder: make, list, prune, verify and restore.

Backups live in `<data folder>/backups/`, owner-only: `hearth.<stamp>.<reason>.db` for the
shared database and `journals/<journal id>.<stamp>.<reason>.db` for each journal. Journals
are named by their registry id, not their file, because protecting a journal or changing
its passphrase moves it to a new file.

Copies are taken while the app runs and still come out consistent: plain files through
SQLite's online backup API, protected journals with `sqlcipher_export` into a file attached
with the same key (or the unlocked session's own `backup_to`), so a backup of a protected
journal stays encrypted with the same passphrase. Every copy is written to a `.partial`
file, verified, and only then renamed into place, so a crash never leaves a half-written
backup that looks whole.

A restore verifies the backup first, keeps the current file (as a backup, or renamed aside
as `.damaged-<stamp>` when it cannot be read), and swaps the new file in with one
`os.replace`. Nothing here ever deletes or overwrites a damaged file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import peewee

from app.db import check_passphrase, make_database
from app.db_files import fsync_dir, fsync_file
from app.errors import DatabaseOpenError, HearthError, NotFoundError, WrongPassphraseError
from app.migrations import HISTORY_TABLE
from app.paths import SHARED_DB_NAME, ensure_private_dir
from app.safety.storage import storage_error

log = logging.getLogger(__name__)

BACKUPS_DIR_NAME = "backups"
JOURNALS_DIR_NAME = "journals"
SHARED_KEY = "hearth"
SQLITE_HEADER = b"SQLite format 3\x00"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
REASONS = ("daily", "manual", "migration", "passphrase", "pre-restore")
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_BACKUP_NAME = re.compile(
    r"^(?P<stem>hearth|\d+)\.(?P<stamp>\d{8}-\d{6}-\d{6})\.(?P<reason>[a-z-]+)\.db$"
)


class BackupError(HearthError):
    """A backup could not be made, read or restored."""


class DamagedBackupError(BackupError):
    """The chosen backup is damaged or is not a Hearth database."""


class PassphraseNeededError(BackupError):
    """The backup belongs to a protected journal; its passphrase is needed to check it."""


@dataclass(frozen=True)
class DatabaseRef:
    """One database of the data folder. `key` is "hearth" or "journal-<id>"."""

    key: str
    path: Path
    label: str
    journal_id: int | None = None
    protected: bool = False


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it is a copy of."""

    path: Path
    key: str
    label: str
    created: dt.datetime
    reason: str
    size: int
    protected: bool

    @property
    def journal_id(self) -> int | None:
        return journal_id_of(self.key)


@dataclass(frozen=True)
class BackupOutcome:
    """What `backup_all` did for each database: made, or skipped with the reason why."""

    made: tuple[BackupInfo, ...]
    skipped: tuple[tuple[str, str], ...]  # (label, why)


@dataclass(frozen=True)
class CheckResult:
    """`check` for one database: status is "ok", "damaged" or "locked" (protected,
    not opened without its passphrase, but its shape is sound)."""

    key: str
    label: str
    status: str
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class RestoreOutcome:
    restored: Path
    safety_copy: BackupInfo | None  # the current file, backed up before it was replaced
    kept_aside: Path | None  # the current file renamed aside, when it could not be copied


# ----- what there is --------------------------------------------------------------------


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR_NAME


def journal_key(journal_id: int) -> str:
    return f"journal-{int(journal_id)}"


def journal_id_of(key: str) -> int | None:
    return int(key.split("-", 1)[1]) if key.startswith("journal-") else None


def file_kind(path: Path) -> str:
    """"missing", "empty", "plain" (an SQLite header) or "opaque" (encrypted, or junk)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return "missing"
    if not head:
        return "empty"
    return "plain" if head == SQLITE_HEADER else "opaque"


def _registry(data_dir: Path) -> dict[int, tuple[str, str, bool]] | None:
    """The journal registry (id -> name, file, protected) read straight from hearth.db
    without writing; None when the shared database cannot be read."""
    path = Path(data_dir) / SHARED_DB_NAME
    if file_kind(path) != "plain":
        return None
    try:
        connection = _open_read_only(path)
    except sqlite3.DatabaseError:
        return None
    try:
        tables = {r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "journal" not in tables:
            return {}
        rows = connection.execute("SELECT id, name, file, protected FROM journal").fetchall()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return {row[0]: (row[1], row[2], bool(row[3])) for row in rows}


def _journal_label(name: str | None, journal_id: int) -> str:
    return f"Journal “{name}”" if name else f"Journal {journal_id} (deleted)"


SHARED_LABEL = "Shared data (guides, calendar)"


def database_refs(data_dir: Path) -> list[DatabaseRef]:
    """The shared database, then every journal the registry names."""
    data_dir = Path(data_dir)
    refs = [DatabaseRef(SHARED_KEY, data_dir / SHARED_DB_NAME, SHARED_LABEL)]
    registry = _registry(data_dir)
    if registry is None:
        # The shared database is unreadable: still look at every journal file there is.
        folder = data_dir / JOURNALS_DIR_NAME
        files = sorted(folder.glob("*.db")) if folder.is_dir() else []
        refs.extend(DatabaseRef(f"file-{p.stem}", p, f"Journal file {p.name}",
                                protected=file_kind(p) == "opaque") for p in files)
        return refs
    for journal_id, (name, file, protected) in sorted(registry.items()):
        refs.append(DatabaseRef(journal_key(journal_id), data_dir / file,
                                _journal_label(name, journal_id), journal_id, protected))
    return refs


def database_ref(data_dir: Path, key: str) -> DatabaseRef:
    for ref in database_refs(data_dir):
        if ref.key == key:
            return ref
    journal_id = journal_id_of(key)
    if journal_id is None:
        raise NotFoundError(f"There is no database called {key}.")
    raise NotFoundError(f"Journal {journal_id} no longer exists.")


# ----- making backups -------------------------------------------------------------------


def _backup_path(data_dir: Path, key: str, reason: str, when: dt.datetime) -> Path:
    ensure_private_dir(backups_dir(data_dir))
    journal_id = journal_id_of(key)
    if journal_id is None:
        folder, stem = backups_dir(data_dir), SHARED_KEY
    else:
        folder, stem = ensure_private_dir(backups_dir(data_dir) / JOURNALS_DIR_NAME), journal_id
    path = folder / f"{stem}.{when.strftime(_STAMP_FORMAT)}.{reason}.db"
    while path.exists():  # two backups in the same microsecond: never overwrite one
        when += dt.timedelta(microseconds=1)
        path = folder / f"{stem}.{when.strftime(_STAMP_FORMAT)}.{reason}.db"
    return path


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
    passphrase is copied byte for byte, which is only consistent while nobody writes it,
    as at start-up before any journal is unlocked.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    data_dir = Path(data_dir)
    ref = database_ref(data_dir, key)
    kind = file_kind(ref.path)
    if kind == "missing":
        raise NotFoundError(f"The file of {ref.label} is missing; there is nothing to back up.")
    if kind == "empty":
        raise BackupError(f"{ref.label} is empty; there is nothing to back up.")
    if kind == "opaque" and not ref.protected:
        raise DamagedBackupError(
            f"{ref.label} is damaged or is not a Hearth database, so it was not backed up."
        )
    if db is not None and passphrase is None:
        passphrase = _db_passphrase(db)
    when = now or dt.datetime.now()
    final = _backup_path(data_dir, key, reason, when)
    partial = final.with_name(final.name + ".partial")
    protected = kind == "opaque"
    try:
        if session is not None:
            session.backup_to(partial)
        elif protected and db is not None:
            _export_encrypted(db, partial, passphrase)
        elif protected and passphrase is not None:
            _export_encrypted_file(ref.path, partial, passphrase)
        elif protected:
            _copy_quiet_file(ref.path, partial)
        elif db is not None:
            _online_backup(db.connection(), partial)
        else:
            _online_backup_file(ref.path, partial)
        _set_owner_only(partial)
        _verify_copy(partial, protected=protected, passphrase=passphrase)
        fsync_file(partial)
        os.replace(partial, final)
        fsync_dir(final.parent)
    except BaseException as exc:
        _remove_with_companions(partial)
        if isinstance(exc, HearthError):
            raise
        translated = storage_error(exc) if isinstance(exc, Exception) else None
        if translated is not None:
            raise translated from exc
        if isinstance(exc, peewee.DatabaseError | sqlite3.DatabaseError | _cipher_db_error()):
            raise BackupError(
                f"{ref.label} could not be backed up: {exc}.", detail=str(exc)
            ) from exc
        raise
    info = _info(final, key, ref.label)
    log.info("backed up %s (%s, %d bytes)", key, reason, info.size)
    return info


def _remove_with_companions(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            candidate.unlink()


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
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            connection.close()
            raise
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
        db.execute_sql("SELECT sqlcipher_export('hearth_backup')").fetchall()
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
        # Pages not yet folded into the main file sit in the WAL, readable only with the key.
        raise BackupError(
            "This journal has changes not yet folded into its file; unlock it to back it up."
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
    refs = [r for r in database_refs(data_dir) if not r.key.startswith("file-")]
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


# ----- listing and retention ------------------------------------------------------------


def _info(path: Path, key: str, label: str) -> BackupInfo:
    match = _BACKUP_NAME.match(path.name)
    if match is None:
        raise ValueError(f"{path.name} is not a backup file name")
    return BackupInfo(
        path=path,
        key=key,
        label=label,
        created=dt.datetime.strptime(match["stamp"], _STAMP_FORMAT),
        reason=match["reason"],
        size=path.stat().st_size,
        protected=journal_id_of(key) is not None and file_kind(path) == "opaque",
    )


def _key_of_name(match: re.Match) -> str:
    return SHARED_KEY if match["stem"] == SHARED_KEY else journal_key(int(match["stem"]))


def _labels(data_dir: Path) -> dict[str, str]:
    labels = {SHARED_KEY: SHARED_LABEL}
    for journal_id, (name, _file, _protected) in (_registry(data_dir) or {}).items():
        labels[journal_key(journal_id)] = _journal_label(name, journal_id)
    return labels


def _label_for(labels: dict[str, str], key: str) -> str:
    return labels.get(key) or _journal_label(None, journal_id_of(key) or 0)


def backup_info(data_dir: Path, path: Path) -> BackupInfo:
    """Describe a backup file, from the backups folder or copied elsewhere."""
    path = Path(path)
    match = _BACKUP_NAME.match(path.name)
    if match is None or not path.is_file():
        raise DamagedBackupError(f"{path.name} is not a Hearth backup file.")
    key = _key_of_name(match)
    return _info(path, key, _label_for(_labels(data_dir), key))


def list_backups(data_dir: Path, key: str | None = None) -> list[BackupInfo]:
    """Backups, newest first; of one database when `key` is given."""
    root = backups_dir(data_dir)
    if not root.is_dir():
        return []
    labels = _labels(data_dir)
    found = []
    candidates = list(root.glob("*.db"))
    if (root / JOURNALS_DIR_NAME).is_dir():
        candidates += list((root / JOURNALS_DIR_NAME).glob("*.db"))
    for path in candidates:
        match = _BACKUP_NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        in_journals = path.parent.name == JOURNALS_DIR_NAME
        if in_journals == (match["stem"] == SHARED_KEY):
            continue
        found_key = _key_of_name(match)
        if key is not None and found_key != key:
            continue
        with contextlib.suppress(OSError):
            found.append(_info(path, found_key, _label_for(labels, found_key)))
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


def prune_backups(data_dir: Path, key: str) -> list[Path]:
    """Delete backups of `key` beyond the retention rule; return what was removed."""
    backups = list_backups(data_dir, key)
    keep = backups_to_keep(backups)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
            removed.append(backup.path)
    if removed:
        log.info("pruned %d old backups of %s", len(removed), key)
    return removed


# ----- verifying and checking -----------------------------------------------------------


def verify_backup(path: Path, *, passphrase: str | None = None,
                  may_be_encrypted: bool = True) -> None:
    """Raise unless `path` is a sound Hearth database (opened with `passphrase` when it is
    encrypted): integrity_check passes and it has Hearth's migration history. With
    `may_be_encrypted` False (the shared database) an unreadable header is damage."""
    kind = file_kind(path)
    if kind in ("missing", "empty"):
        raise DamagedBackupError(f"{Path(path).name} is empty or missing.")
    if kind == "opaque" and not may_be_encrypted:
        raise DamagedBackupError(f"{Path(path).name} is damaged and cannot be restored.")
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
    wal = Path(f"{path}-wal")
    quiet = not wal.exists() or wal.stat().st_size == 0
    try:
        connection = dbapi2.connect(f"{uri}?{'immutable=1' if quiet else 'mode=ro'}", uri=True)
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


def check_database(ref: DatabaseRef, *, passphrase: str | None = None) -> CheckResult:
    """Check one database without changing anything on disk."""
    kind = file_kind(ref.path)
    if kind in ("missing", "empty"):
        return CheckResult(ref.key, ref.label, "damaged", (f"the file is {kind}",))
    if kind == "opaque" and not ref.protected:
        return CheckResult(ref.key, ref.label, "damaged", ("not an SQLite database",))
    if kind == "opaque":
        if passphrase is None:
            size = ref.path.stat().st_size
            if size % 1024:
                return CheckResult(ref.key, ref.label, "damaged", (f"truncated ({size} bytes)",))
            return CheckResult(ref.key, ref.label, "locked")
        try:
            problems = _problems_encrypted(ref.path, passphrase)
        except WrongPassphraseError:
            return CheckResult(ref.key, ref.label, "locked",
                               ("the passphrase given does not unlock it",))
    else:
        problems = _problems_plain(ref.path)
    return CheckResult(ref.key, ref.label, "damaged" if problems else "ok", tuple(problems))


def check_all(data_dir: Path, *, passphrases: dict[str, str] | None = None) -> list[CheckResult]:
    """`check_database` for every database of the data folder."""
    passphrases = passphrases or {}
    return [check_database(ref, passphrase=passphrases.get(ref.key))
            for ref in database_refs(data_dir)]


def newest_good_backup(data_dir: Path, key: str = SHARED_KEY) -> BackupInfo | None:
    """The newest backup of a plain database that passes verification."""
    for backup in list_backups(data_dir, key):
        try:
            verify_backup(backup.path, may_be_encrypted=False)
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
    fsync_dir(path.parent)
    log.warning("kept %s aside as %s", path.name, aside.name)
    return aside


def restore_backup(
    data_dir: Path,
    backup: Path | BackupInfo,
    *,
    passphrase: str | None = None,
    now: dt.datetime | None = None,
) -> RestoreOutcome:
    """Put a backup back in place of its database, which must not be open (nor, for a
    journal, the shared database: the journal registry is updated here).

    The backup is verified first. The current file is backed up (reason "pre-restore")
    when it can be read, otherwise renamed aside as `.damaged-<stamp>`. The swap is one
    `os.replace`. A journal is restored into a new file and the registry switched to it in
    one transaction, so the registry always names a whole file whose protection it knows.
    """
    data_dir = Path(data_dir)
    info = backup if isinstance(backup, BackupInfo) else backup_info(data_dir, Path(backup))
    verify_backup(info.path, passphrase=passphrase,
                  may_be_encrypted=info.journal_id is not None)
    if info.journal_id is None:
        target = data_dir / SHARED_DB_NAME
        safety_copy, aside = _secure_current(data_dir, SHARED_KEY, target, None, now)
        _swap_in(info.path, target)
    else:
        safety_copy, aside, target = _restore_journal(data_dir, info, passphrase, now)
    log.info("restored %s from a %s backup", info.key, info.reason)
    return RestoreOutcome(restored=target, safety_copy=safety_copy, kept_aside=aside)


def _secure_current(data_dir: Path, key: str, target: Path, passphrase: str | None,
                    now: dt.datetime | None) -> tuple[BackupInfo | None, Path | None]:
    """Back up the file about to be replaced, or keep it aside when it cannot be read."""
    if file_kind(target) == "missing":
        return None, None
    try:
        return backup_database(data_dir, key, reason="pre-restore", passphrase=passphrase,
                               now=now), None
    except WrongPassphraseError:
        # The journal's passphrase changed since that backup: keep today's file whole.
        return None, keep_aside(target, now=now, tag="replaced")
    except HearthError as exc:
        if storage_error(exc.__cause__ or exc) is not None or isinstance(exc, NotFoundError):
            raise
        return None, keep_aside(target, now=now)


def _swap_in(source: Path, target: Path) -> None:
    ensure_private_dir(target.parent)
    staged = target.with_name(target.name + ".restoring")
    try:
        shutil.copyfile(source, staged)
        _set_owner_only(staged)
        fsync_file(staged)
        # The old file's WAL belongs to the old file; its content is in the safety copy.
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{target}{suffix}")
        os.replace(staged, target)
        fsync_dir(target.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        translated = storage_error(exc) if isinstance(exc, Exception) else None
        if translated is not None:
            raise translated from exc
        raise


def _restore_journal(data_dir: Path, info: BackupInfo, passphrase: str | None,
                     now: dt.datetime | None) -> tuple[BackupInfo | None, Path | None, Path]:
    registry = _registry(data_dir)
    if registry is None:
        raise BackupError("The shared data is damaged; restore it before restoring a journal.")
    journal_id = info.journal_id
    current = registry.get(journal_id)
    safety_copy, aside = None, None
    if current is not None:
        old_path = data_dir / current[1]
        safety_copy, aside = _secure_current(data_dir, info.key, old_path, passphrase, now)
    relative = f"{JOURNALS_DIR_NAME}/{secrets.token_hex(8)}.db"
    target = data_dir / relative
    _swap_in(info.path, target)
    try:
        _switch_registry(data_dir, journal_id, relative, info.protected, current is None,
                         (now or dt.datetime.now()))
    except BaseException:
        _remove_with_companions(target)
        raise
    if current is not None and aside is None:
        # Its content is in the pre-restore backup just made.
        _remove_with_companions(data_dir / current[1])
    return safety_copy, aside, target


def _switch_registry(data_dir: Path, journal_id: int, relative: str, protected: bool,
                     recreate: bool, when: dt.datetime) -> None:
    connection = sqlite3.connect(str(Path(data_dir) / SHARED_DB_NAME), timeout=5.0,
                                 isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        if recreate:
            name, n = f"Restored journal {when:%Y-%m-%d}", 1
            while connection.execute("SELECT 1 FROM journal WHERE name = ? COLLATE NOCASE",
                                     (name,)).fetchone():
                n += 1
                name = f"Restored journal {when:%Y-%m-%d} ({n})"
            connection.execute(
                "INSERT INTO journal (id, name, file, protected, created_at) VALUES (?,?,?,?,?)",
                (journal_id, name, relative, int(protected),
                 when.replace(microsecond=0).isoformat()))
        else:
            connection.execute("UPDATE journal SET file = ?, protected = ? WHERE id = ?",
                               (relative, int(protected), journal_id))
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


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
