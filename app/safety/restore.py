"""Putting a backup back: verified first, the current file kept, one rename to swap.

A restore verifies the backup, keeps the current file (as a "pre-restore" backup, or
renamed aside as `.damaged-<stamp>` when it cannot be read) and swaps a staged copy in with
one `os.replace`. Restoring the shared data brings back the calendar, guides progress and
own ideas of that moment and leaves every journal as it is now: today's journal list is
written into the restored copy before it goes in. Nothing here deletes a file it cannot
account for.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from app.db import open_database
from app.db_files import MISSING, file_kind, fsync_dir, fsync_file, remove_db_files, set_owner_only
from app.errors import HearthError, NotFoundError, WrongPassphraseError
from app.instance_lock import FolderUse
from app.journal.registry.offline import (
    announce,
    carry_over,
    drop_missing,
    new_file_name,
    read_registry,
    switch_file,
    withdraw,
)
from app.migrations.shared import STEPS as SHARED_STEPS
from app.paths import JOURNALS_DIR_NAME, SHARED_DB_NAME, ensure_private_dir
from app.safety.backup import backup_database
from app.safety.backup_check import verify_backup
from app.safety.backup_files import (
    SHARED_KEY,
    BackupError,
    BackupInfo,
    DamagedBackupError,
    backup_info,
    file_stem_of,
    journal_key,
    journal_label,
    keep_aside,
)
from app.safety.leftovers import RESTORING, unfinished_name
from app.safety.storage import storage_error
from app.text import count

log = logging.getLogger(__name__)

# What the restore dialog and the command say a restore of the shared data does.
SHARED_RESTORE_SCOPE = (
    "Restoring the shared data brings back the calendar, your place in the guides and your "
    "own ideas as they were then. Journals are left as they are now: each has backups of "
    "its own."
)


@dataclass(frozen=True)
class RestoreOutcome:
    restored: Path
    safety_copy: BackupInfo | None  # the current file, backed up before it was replaced
    kept_aside: Path | None  # the current file renamed aside, when it could not be copied
    notes: tuple[str, ...] = ()  # what else the person should know, one sentence each


def restore_backup(
    data_dir: Path,
    backup: Path | BackupInfo,
    *,
    passphrase: str | None = None,
    now: dt.datetime | None = None,
) -> RestoreOutcome:
    """Put a backup back in place of its database, which must not be open (nor, for a
    journal, the shared database: the journal registry is updated here).

    A journal is restored into a new file and the registry switched to it in one
    transaction, so the registry always names a whole file whose protection it knows.
    """
    data_dir = Path(data_dir)
    info = backup if isinstance(backup, BackupInfo) else backup_info(data_dir, Path(backup))
    if not info.is_shared:
        from app.journal.keys.unlock import key_for  # the passphrase it had then, or the kit

        passphrase = key_for(info.path, passphrase)
    verify_backup(info.path, passphrase=passphrase, may_be_encrypted=not info.is_shared,
                  shared=info.is_shared)
    # No command may be writing to a file while it is swapped: it would write into the
    # file that goes, and a save it reported would be lost.
    with FolderUse(data_dir, exclusive=True):
        return _restore(data_dir, info, passphrase, now)


def _restore(data_dir: Path, info: BackupInfo, passphrase: str | None,
             now: dt.datetime | None) -> RestoreOutcome:
    if info.is_shared:
        target = data_dir / SHARED_DB_NAME
        journals_now = read_registry(data_dir)
        staged = _stage(info.path, target)
        try:
            # Bring an older backup up to today's schema in the staged copy, then give it
            # today's journal list, so the swap changes nothing about journals.
            open_database(staged, migrations=SHARED_STEPS).close()
            notes: tuple[str, ...] = ()
            if journals_now is not None:
                carry_over(journals_now, staged)
            else:
                gone = drop_missing(staged, data_dir)
                if gone:
                    notes = (f"The backup listed {count(len(gone), 'journal')} whose files no longer "
                             f"exist ({', '.join(gone)}); they were left out, and their own "
                             "backups are kept. Journal files the backup did not list are "
                             "listed again at the next start.",)
            safety_copy, aside = _secure_current(data_dir, SHARED_KEY, target, None, now)
            _commit(staged, target)
        except BaseException as exc:
            remove_db_files(staged)
            _raise_translated(exc)
            raise
    elif info.journal_id is None:
        safety_copy, aside, target, notes = _restore_journal_file(data_dir, info,
                                                                  passphrase, now)
    else:
        notes = ()
        safety_copy, aside, target = _restore_journal(data_dir, info, passphrase, now)
    log.info("restored %s from a %s backup", info.key, info.reason)
    return RestoreOutcome(restored=target, safety_copy=safety_copy, kept_aside=aside,
                          notes=notes)


def _secure_current(data_dir: Path, key: str, target: Path, passphrase: str | None,
                    now: dt.datetime | None) -> tuple[BackupInfo | None, Path | None]:
    """Back up the file about to be replaced, or keep it aside when it cannot be read."""
    if file_kind(target) == MISSING:
        return None, None
    try:
        return backup_database(data_dir, key, reason="pre-restore", passphrase=passphrase,
                               now=now), None
    except WrongPassphraseError:
        # The journal's key changed since that backup (a new passphrase, key or recovery
        # kit): today's file is copied whole with its own key file, as an unverified backup
        # that restores with today's passphrase; kept aside only when it cannot be copied.
        try:
            return backup_database(data_dir, key, reason="pre-restore", now=now), None
        except HearthError as exc:
            if storage_error(exc.__cause__ or exc) is not None:
                raise
        return None, keep_aside(target, now=now, tag="replaced")
    except HearthError as exc:
        if storage_error(exc.__cause__ or exc) is not None or isinstance(exc, NotFoundError):
            raise
        return None, keep_aside(target, now=now)


def _stage(source: Path, target: Path) -> Path:
    """Copy `source` beside `target` as `<target>.restoring`, owner-only and durable."""
    ensure_private_dir(target.parent)
    staged = unfinished_name(target, RESTORING)
    remove_db_files(staged)
    try:
        shutil.copyfile(source, staged)
        set_owner_only(staged)
        fsync_file(staged)
    except BaseException as exc:
        remove_db_files(staged)
        _raise_translated(exc)
        raise
    return staged


def _commit(staged: Path, target: Path) -> None:
    """Swap the staged copy in with one rename (the old file's WAL goes with the old file:
    its content is in the safety copy or in the file kept aside)."""
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{target}{suffix}")
        # Only Hearth's own regular files go, judged by lstat (never opened: see db_files).
        if companion.is_file() and not companion.is_symlink():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(companion)
    os.replace(staged, target)
    fsync_dir(target.parent)


def _raise_translated(exc: BaseException) -> None:
    translated = storage_error(exc) if isinstance(exc, Exception) else None
    if translated is not None:
        raise translated from exc


def _restore_journal_file(data_dir: Path, info: BackupInfo, passphrase: str | None,
                          now: dt.datetime | None):
    """Put back a journal file that was backed up by its file name (while the shared data
    could not be read): as the journal the registry now lists with that file, or else as
    a new file that the next start lists as a recovered journal. Never over another file."""
    registry = read_registry(data_dir)
    if registry is None:
        raise BackupError("The shared data is damaged; restore it first, so Hearth knows "
                          "which journal this file belongs to.")
    relative = f"{JOURNALS_DIR_NAME}/{file_stem_of(info.key)}.db"
    for journal_id, row in registry.items():
        if row.file == relative:
            if row.protected != info.protected:
                # A journal file is protected or not for its whole life (protecting or
                # unprotecting moves it to a new file): this copy is of another file.
                raise DamagedBackupError(
                    f"{info.path.name} does not match the journal that uses "
                    f"{relative} now ({'protected' if row.protected else 'unprotected'}, "
                    f"the copy is not), so it was not restored.")
            as_journal = replace(info, key=journal_key(journal_id),
                                 label=journal_label(row.name, journal_id))
            return (*_restore_journal(data_dir, as_journal, passphrase, now), ())
    target = data_dir / new_file_name(data_dir)
    staged = _stage(info.path, target)
    try:
        from app.journal.keys.file import copy_key_file

        copy_key_file(info.path, target)  # before the file it opens
        _commit(staged, target)
    except BaseException as exc:
        _raise_translated(exc)
        raise
    finally:
        remove_db_files(staged)
    note = ("No journal lists this file now, so it was put back as a file of its own; "
            "Hearth lists it as a recovered journal the next time it starts.")
    return None, None, target, (note,)


def _restore_journal(data_dir: Path, info: BackupInfo, passphrase: str | None,
                     now: dt.datetime | None) -> tuple[BackupInfo | None, Path | None, Path]:
    registry = read_registry(data_dir)
    if registry is None:
        raise BackupError("The shared data is damaged; restore it before restoring a journal.")
    journal_id = info.journal_id
    current = registry.get(journal_id)
    safety_copy, aside = None, None
    if current is not None:
        old_path = data_dir / current.file
        safety_copy, aside = _secure_current(data_dir, info.key, old_path, passphrase, now)
    relative = new_file_name(data_dir)
    target = data_dir / relative
    announce(data_dir, relative, journal_id)
    try:
        staged = _stage(info.path, target)
        try:
            from app.journal.keys.file import copy_key_file

            copy_key_file(info.path, target)  # before the file it opens
            _commit(staged, target)
        finally:
            remove_db_files(staged)
        switch_file(data_dir, journal_id, relative, info.protected,
                    when=now or dt.datetime.now())
    except BaseException as exc:
        remove_db_files(target)
        with contextlib.suppress(Exception):
            withdraw(data_dir, relative)
        _raise_translated(exc)
        raise
    if current is not None and aside is None and file_kind(data_dir / current.file) != MISSING:
        # Its content is in the pre-restore backup just made.
        remove_db_files(data_dir / current.file)
    return safety_copy, aside, target
