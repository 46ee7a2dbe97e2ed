"""Verifying backups and checking the data folder, without changing a byte on disk.

A plain file is verified by SQLite's integrity check and Hearth's migration history; an
encrypted one needs its passphrase for that. Without it, only the shape of an encrypted
file can be judged (whole pages, a salt that is not zeros), and `check` says so in words
rather than calling it sound.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app import sqlcipher
from app.db import check_passphrase
from app.db_files import (
    EMPTY,
    MISSING,
    NOT_A_FILE,
    OPAQUE,
    SALT_SIZE,
    UNREADABLE,
    cipher_shape_problem,
    companion_problem,
    file_kind,
    is_open_here,
)
from app.errors import HearthError, WrongPassphraseError
from app.migrations import HISTORY_TABLE
from app.models.meta import AppMeta
from app.safety.backup_files import (
    SHARED_KEY,
    BackupError,
    BackupInfo,
    DamagedBackupError,
    DatabaseRef,
    PassphraseNeededError,
    database_refs,
    is_foreign_file_key,
    journal_key,
    list_backups,
)

log = logging.getLogger(__name__)

OK, DAMAGED, LOCKED, FOREIGN = "ok", "damaged", "locked", "foreign"
FOREIGN_PROBLEM = ("its name is not one Hearth gives a journal file, so Hearth does not read, "
                   "back up or change it")


@dataclass(frozen=True)
class CheckResult:
    """`check` for one database: status is "ok", "damaged", "locked" (protected, its
    shape sound, its contents not verified without the passphrase) or "foreign" (a file in
    the journals folder that is none of Hearth's: not opened, so not judged)."""

    key: str
    label: str
    status: str
    problems: tuple[str, ...] = ()


def _kind_problem(path: Path) -> str | None:
    """Why `path` cannot be a database at all, judged from the file system alone."""
    kind = file_kind(path)
    if kind in (MISSING, EMPTY):
        return f"the file is {kind}"
    if kind in NOT_A_FILE:
        return "not a regular file (a link, folder or device stands in its place)"
    if kind == UNREADABLE:
        return "the file cannot be read (permission denied)"
    if kind not in (MISSING, EMPTY):
        return companion_problem(path)
    return None


def verify_backup(path: Path, *, passphrase: str | None = None,
                  may_be_encrypted: bool = True, shared: bool | None = None) -> None:
    """Raise unless `path` is a sound Hearth database (opened with `passphrase` when it is
    encrypted): integrity_check passes and it has Hearth's migration history. With
    `may_be_encrypted` False (the shared database) an unreadable header is damage. With
    `shared` True or False it must also be that kind of database (the shared one, or a
    journal), so one is never put back in the other's place."""
    name = Path(path).name
    problem = _kind_problem(path)
    if problem is not None:
        raise DamagedBackupError(f"{name} cannot be used: {problem}.")
    kind = file_kind(path)
    if kind == OPAQUE and not may_be_encrypted:
        raise DamagedBackupError(f"{name} is damaged and cannot be restored.")
    if kind == OPAQUE:
        shape = cipher_shape_problem(path)
        if shape is not None:
            raise DamagedBackupError(f"{name} is damaged and cannot be restored ({shape}).")
        if passphrase is None:
            raise PassphraseNeededError(
                "This backup is of a protected journal. Enter its passphrase to check it."
            )
        from app.journal.keys.unlock import key_for  # only for a protected journal

        problems = problems_encrypted(Path(path), key_for(Path(path), passphrase),
                                      shared=shared)
    else:
        problems = problems_plain(Path(path), shared=shared)
    if problems:
        log.warning("backup %s failed verification", name)
        raise DamagedBackupError(
            f"{name} is damaged and cannot be restored.", detail="; ".join(problems)
        )


def problems_plain(path: Path, *, shared: bool | None = None) -> list[str]:
    """Integrity problems of a plain database, read through its WAL without writing."""
    try:
        connection = sqlcipher.connect_read_only(path, plain=True)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    try:
        return _problems(connection, shared)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()


def problems_encrypted(path: Path, passphrase: str, *,
                       shared: bool | None = None) -> list[str]:
    """Integrity problems of an encrypted database; WrongPassphraseError when the
    passphrase does not open it."""
    check_passphrase(passphrase)
    driver = sqlcipher.driver()
    try:
        connection = sqlcipher.connect_read_only(path, passphrase)
    except driver.DatabaseError as exc:
        if sqlcipher.result_code(exc) == sqlcipher.SQLITE_NOTADB:
            raise WrongPassphraseError(
                "That passphrase does not unlock this backup.", detail=str(exc)
            ) from exc
        return [str(exc)]
    try:
        return _problems(connection, shared)
    except driver.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()


# A table only the shared database has, and one only a journal has (both come from each
# kind's first migration step), to tell the two kinds apart.
_SHARED_ONLY_TABLE = AppMeta._meta.table_name
_JOURNAL_ONLY_TABLE = "entry"


NOT_SHARED = "a Hearth database, but not of the shared data (guides, calendar)"
NOT_JOURNAL = "a Hearth database, but not a journal"
WRONG_KIND = (NOT_SHARED, NOT_JOURNAL)


def _problems(connection, shared: bool | None = None) -> list[str]:
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        return rows
    tables = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if HISTORY_TABLE not in tables:
        return ["not a Hearth database (no migration history)"]
    is_shared = _SHARED_ONLY_TABLE in tables and _JOURNAL_ONLY_TABLE not in tables
    is_journal = _JOURNAL_ONLY_TABLE in tables and _SHARED_ONLY_TABLE not in tables
    if shared is True and not is_shared:
        return [NOT_SHARED]
    if shared is False and not is_journal:
        return [NOT_JOURNAL]
    if "attachment" in tables and "attachment_data" in tables:
        # A journal's pictures and files: each must still match the checksum it was stored with.
        from app.journal.attachments import problems as attachment_problems

        return attachment_problems(connection)
    return []


def check_database(ref: DatabaseRef, *, passphrase: str | None = None) -> CheckResult:
    """Check one database without changing anything on disk."""
    if is_foreign_file_key(ref.key):
        return CheckResult(ref.key, ref.label, FOREIGN, (FOREIGN_PROBLEM,))
    shared = ref.key == SHARED_KEY  # the file must be of the kind its place holds
    problem = _kind_problem(ref.path)
    if problem is not None:
        return CheckResult(ref.key, ref.label, DAMAGED, (problem,))
    kind = file_kind(ref.path)
    if kind == OPAQUE and not ref.protected:
        return CheckResult(ref.key, ref.label, DAMAGED, ("not an SQLite database",))
    if kind == OPAQUE:
        shape = cipher_shape_problem(ref.path)
        if shape is None and ref.journal_id is not None and not is_open_here(ref.path):
            shape = header_change(ref.path.parents[1], ref.journal_id, ref.path)
        if shape is not None:
            return CheckResult(ref.key, ref.label, DAMAGED, (shape,))
        key_problem = _key_file_problem(ref)
        if key_problem is not None:
            return CheckResult(ref.key, ref.label, DAMAGED, (key_problem,))
        if passphrase is None:
            return CheckResult(ref.key, ref.label, LOCKED)
        try:
            from app.journal.keys.unlock import key_for  # only for a protected journal

            problems = problems_encrypted(ref.path, key_for(ref.path, passphrase),
                                          shared=shared)
        except WrongPassphraseError:
            return CheckResult(ref.key, ref.label, LOCKED,
                               ("the passphrase given does not unlock it",))
    else:
        if ref.protected:
            return CheckResult(ref.key, ref.label, DAMAGED,
                               ("listed as protected, but the file is not encrypted",))
        problems = problems_plain(ref.path, shared=shared)
    return CheckResult(ref.key, ref.label, DAMAGED if problems else OK, tuple(problems))


def _key_file_problem(ref: DatabaseRef) -> str | None:
    """What is wrong with a protected journal's key file (read, never written), if any."""
    if ref.journal_id is None:
        return None
    from app.db_files import key_file_of
    from app.journal.keys.file import has_key_file, read_key_file

    if not has_key_file(ref.path):
        data_dir = ref.path.parents[1]
        if any(key_file_of(b.path).exists()
               for b in list_backups(data_dir, ref.key)):
            return ("its key file is missing (its backups have one): restore the journal "
                    "from a backup")
        return None  # made before key slots: it moves over on its next unlock
    from app.journal.keys.slots import PASSPHRASE

    try:
        keys = read_key_file(ref.path)  # structure, checksum, every slot's parameters
    except HearthError as exc:
        return exc.message
    if keys.slot(PASSPHRASE) is None:
        return ("its key file has no passphrase slot, so no passphrase can open it: restore "
                "the journal from a backup")
    return _key_file_binding_problem(ref, keys.journal)


def _key_file_binding_problem(ref: DatabaseRef, journal: str) -> str | None:
    """Whether the key file beside the journal is another journal's: the key file of its
    newest backup made under the same key (none since a new key or a restore) names the
    journal id it should carry. Without such a backup nothing can be told."""
    from app.db_files import key_file_of
    from app.journal.keys.file import has_key_file, read_key_file

    for backup in list_backups(ref.path.parents[1], ref.key):
        if backup.reason in ("passphrase", "pre-restore"):
            return None  # older backups are under an older key
        if not has_key_file(backup.path):
            continue
        try:
            expected = read_key_file(backup.path).journal
        except (HearthError, OSError):
            continue
        if expected != journal:
            return ("its key file belongs to another journal (it is not the one its backups "
                    f"carry): restore the journal from a backup ({key_file_of(ref.path).name})")
        return None
    return None


def check_all(data_dir: Path, *, passphrases: dict[str, str] | None = None) -> list[CheckResult]:
    """`check_database` for every database of the data folder."""
    passphrases = passphrases or {}
    return [check_database(ref, passphrase=passphrases.get(ref.key))
            for ref in database_refs(data_dir)]


def newest_good_backup(data_dir: Path, key: str = SHARED_KEY) -> BackupInfo | None:
    """The newest backup of a plain database that passes verification."""
    for backup in list_backups(data_dir, key):
        try:
            verify_backup(backup.path, may_be_encrypted=False, shared=key == SHARED_KEY)
        except BackupError:
            continue
        return backup
    return None


def newest_backup_opened_by(data_dir: Path, journal_id: int,
                            passphrase: str | None) -> BackupInfo | None:
    """The newest sound backup of a journal that `passphrase` opens, or None: when the
    journal's own file refuses the same passphrase, its file is damaged, not the key.

    Only backups made since the file last took a new key count: a passphrase change or a
    restore leaves a backup (reasons "passphrase", "pre-restore") of the file as it was, so
    anything from that one back is under an older key.
    """
    since_rekey = []
    for backup in list_backups(data_dir, journal_key(journal_id)):
        if backup.reason in ("passphrase", "pre-restore"):
            break
        since_rekey.append(backup)
    for backup in since_rekey[:10]:
        try:
            verify_backup(backup.path, passphrase=passphrase, shared=False)
        except (BackupError, WrongPassphraseError):
            continue
        return backup
    return None


def header_change(data_dir: Path, journal_id: int, path: Path) -> str | None:
    """Why a locked protected journal's file is not one Hearth wrote (None when nothing
    says so). An SQLCipher file keeps the salt in its first bytes for life. When the newest
    backup is a byte copy, the file should carry that copy's salt, or the salt of a backup
    it was restored from; a salt no backup of it has means something other than Hearth
    overwrote it. After an exported (verified) backup, or with no backup, nothing can be
    told, and nothing is claimed."""
    backups = list_backups(data_dir, journal_key(journal_id))[:50]
    if not backups or backups[0].verified or file_kind(path) != OPAQUE:
        return None
    try:
        with open(path, "rb") as current:
            found = current.read(SALT_SIZE)
        salts = set()
        for backup in backups:
            with open(backup.path, "rb") as copy:
                salts.add(copy.read(SALT_SIZE))
    except OSError:
        return None
    if found in salts:
        return None
    return ("its encryption header is not one Hearth wrote: something other than Hearth "
            "overwrote it")
