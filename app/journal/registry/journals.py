"""Journals as the user sees them: create, rename, unlock and delete, each keeping the
registry naming a whole file."""

from __future__ import annotations

import contextlib
import datetime
import logging
from collections.abc import Callable

import peewee

from app import dates
from app.context import AppContext
from app.db import check_passphrase, open_database, refuse_unless_database_file
from app.db_files import EMPTY, OPAQUE, PLAIN, cipher_shape_problem, file_kind, remove_db_files
from app.errors import DamagedDatabaseError, HearthError, ValidationError, WrongPassphraseError
from app.journal.registry.files import (
    announce_file,
    announce_removal,
    settle_file,
    withdraw_file,
)
from app.journal.registry.keyslots import move_to_key_slots, unlock_key
from app.journal.registry.rows import (
    clean_name,
    ensure_closed,
    file_closed,
    file_opened,
    get_journal,
    info_of,
    now_text,
    row_of,
)
from app.journal.session import JournalSession
from app.journal.types import JournalInfo
from app.migrations.journal import STEPS as JOURNAL_STEPS
from app.models.journal_registry import Journal
from app.safety.hooks import backup_before_migrate
from app.safety.storage import storage_error, translate_storage_errors

log = logging.getLogger(__name__)


class JournalUpgradeNeededError(HearthError):
    """The journal's file needs a schema step first (refused by `upgrade=False`); nothing
    was changed. The step may take a while: run the unlock again off the UI thread."""

    def __init__(self, message: str = "This journal needs a moment to be brought up to date.",
                 **kw):
        super().__init__(message, **kw)


def create_journal(context: AppContext, name: str, passphrase: str | None) -> JournalInfo:
    """Create an empty journal. `passphrase=None` makes an unprotected one; an empty or
    blank passphrase is refused (ValidationError) rather than silently meaning "none".
    A protected one gets key slots; its recovery key is shown by `create_protected_journal`
    only (here its kit simply counts as not saved yet)."""
    if passphrase is None:
        return _create(context, name, None)
    return create_protected_journal(context, name, passphrase)[0]


def create_protected_journal(context: AppContext, name: str,
                             passphrase: str) -> tuple[JournalInfo, str]:
    """Create an empty protected journal; returns it with its recovery key's text (shown
    once for the recovery kit, never stored). Slow by design (Argon2id): off the UI thread."""
    from app.journal.registry import keyslots

    check_passphrase(passphrase)
    if passphrase is None:
        raise ValidationError("A passphrase cannot be empty.", field="passphrase")
    clean_name(name)  # a taken name is refused before the key derivation runs
    made = keyslots.new_keys(passphrase)
    return _create(context, name, made), made.recovery_key


def _create(context: AppContext, name: str, made) -> JournalInfo:
    from app.journal.keys.file import write_key_file

    name = clean_name(name)
    passphrase = made.key if made is not None else None
    relative, path = announce_file(context)
    try:
        with translate_storage_errors():
            if made is not None:
                write_key_file(path, made.keys)  # before the file it opens: never without it
            open_database(path, migrations=JOURNAL_STEPS, passphrase=passphrase).close()
            with context.db.atomic():
                journal_id = Journal.insert(
                    name=name, file=relative, protected=passphrase is not None,
                    created_at=now_text(),
                ).execute()
                settle_file(relative)
    except peewee.IntegrityError as exc:
        withdraw_file(context, relative)
        raise ValidationError("There is already a journal with that name.", field="name") from exc
    except BaseException:
        withdraw_file(context, relative)
        raise
    log.info("created journal %s (protected: %s)", journal_id, passphrase is not None)
    return get_journal(context, journal_id)


def rename_journal(context: AppContext, journal_id: int, name: str) -> JournalInfo:
    """Give a journal a new display name (its file stays)."""
    row_of(journal_id)
    name = clean_name(name, except_id=journal_id)
    try:
        with context.db.atomic():
            Journal.update(name=name).where(Journal.id == journal_id).execute()
    except peewee.IntegrityError as exc:
        raise ValidationError("There is already a journal with that name.", field="name") from exc
    log.info("renamed journal %s", journal_id)
    return get_journal(context, journal_id)


def open_file(context: AppContext, info: JournalInfo, passphrase: str | None, *,
              upgrade: bool = True, **options) -> peewee.Database:
    """Open an existing journal file, backed up before any schema upgrade touches it.

    A missing, empty, linked or special file is refused (open_database would make a new
    journal of a missing one), so damage is reported and restorable instead of hidden. A
    passphrase that fails on a file whose shape is wrong, or that opens a backup of this
    journal, is reported as damage rather than as a wrong passphrase. With `upgrade=False`
    a file that needs a schema step is closed untouched (JournalUpgradeNeededError).
    """
    refuse_unless_database_file(info.path, label=f"The file of the journal “{info.name}”",
                                may_be_missing=False)
    hook = (backup_before_migrate(context.data_dir, journal_id=info.id) if upgrade
            else _refuse_upgrade)
    try:
        return open_database(info.path, migrations=JOURNAL_STEPS, passphrase=passphrase,
                             before_migrate=hook, **options)
    except WrongPassphraseError as exc:
        raise _damage_behind_wrong_key(context, info, passphrase) or exc from exc


def _refuse_upgrade(db: peewee.Database, have: int, target: int) -> None:
    raise JournalUpgradeNeededError()


def _damage_behind_wrong_key(context: AppContext, info: JournalInfo,
                             passphrase: str | None) -> DamagedDatabaseError | None:
    restore = "Restore it with File > Restore from backup…"
    problem = cipher_shape_problem(info.path)
    from app.safety import backup  # only when an unlock failed

    if problem is None:
        problem = backup.header_change(context.data_dir, info.id, info.path)
    if problem is not None:
        return DamagedDatabaseError(
            f"The file of the journal “{info.name}” is damaged ({problem}). {restore}")
    good = backup.newest_backup_opened_by(context.data_dir, info.id, passphrase)
    if good is None:
        return None
    return DamagedDatabaseError(
        f"The passphrase is right (it opens the backup from {dates.moment_text(good.created)}), "
        f"but the file of the journal “{info.name}” is damaged. {restore}")


def counts(db: peewee.Database) -> dict[str, int]:
    """Rows per table of an open journal, to prove a copy is whole."""
    return {
        name: db.execute_sql(f"SELECT count(*) FROM {name}").fetchone()[0]
        for name in ("entry", "tag", "entry_tag", "draft", "attachment", "attachment_data",
                     "entry_source")
    }


def verify_opens(context: AppContext, info: JournalInfo,
                 passphrase: str | None) -> dict[str, int]:
    """Open the journal once (migrating it) to prove the passphrase; return its counts."""
    db = open_file(context, info, passphrase)
    try:
        return counts(db)
    finally:
        db.close()


def delete_journal(context: AppContext, journal_id: int, passphrase: str | None = None) -> None:
    """Delete a journal and its file. A protected journal needs its passphrase, so one
    partner cannot delete the other's journal; it must not be open. A verified backup is
    made first (kept apart from rotation); a file that cannot be backed up is renamed aside
    rather than deleted. No other process may use the data folder meanwhile: the delete
    waits a few seconds for them, then says so (DatabaseBusyError) with nothing changed."""
    use = context.folder_use
    with use.exclusively(_DELETE_BUSY) if use is not None else contextlib.nullcontext():
        row = row_of(journal_id)
        info = info_of(context, row)
        ensure_closed(info)
        if info.protected:
            if passphrase is None:
                raise ValidationError("Enter this journal's passphrase to delete it.",
                                      field="passphrase")
            check_passphrase(passphrase)
        _delete_alone(context, journal_id, row, info, passphrase)
    log.info("deleted journal %s", journal_id)


# Another process (a command writing an entry, importing, backing up) has the data folder
# open: it could write into the journal after its backup was taken.
_DELETE_BUSY = ("Another Hearth command is using this data folder (a journal write, an import "
                "or a backup); nothing was deleted. Try again when it has finished.")


def _delete_alone(context: AppContext, journal_id: int, row, info: JournalInfo,
                  passphrase: str | None) -> None:
    """The delete itself, while no other process uses the folder."""
    from app.safety import backup  # deleting backs up first

    keep_aside = False
    if file_kind(info.path) in (PLAIN, OPAQUE):
        key = unlock_key(context, info, passphrase) if info.protected else None
        verify_opens(context, info, key)
        try:
            backup.backup_database(context.data_dir, backup.journal_key(journal_id),
                                   reason="pre-delete", passphrase=key)
        except HearthError as exc:
            if storage_error(exc.__cause__ or exc) is not None:
                raise
            keep_aside = True
    with context.db.atomic():
        Journal.delete().where(Journal.id == journal_id).execute()
        if not keep_aside:  # a file with no backup is never announced for removal
            announce_removal(row.file)
    if keep_aside:
        backup.keep_aside(info.path, tag="deleted")
    else:
        if file_kind(info.path) in (PLAIN, OPAQUE, EMPTY):
            # A file named like a key file beside an unprotected journal is not its own.
            remove_db_files(info.path, key_file=info.protected)
        with context.db.atomic():
            settle_file(row.file)


def open_journal(
    context: AppContext,
    journal_id: int,
    passphrase: str | None = None,
    *,
    clock: Callable[[], datetime.datetime] | None = None,
    upgrade: bool = True,
    report: Callable[[int, int], None] | None = None,
) -> JournalSession:
    """Unlock a journal. A protected one needs its passphrase (WrongPassphraseError when it
    does not fit, with no file changed); an unprotected one ignores `passphrase`.

    Slow for protected journals by design (key derivation, ~0.1-0.3 s): call it off the UI
    thread. The session may then be used from any thread. A file from an older Hearth is
    brought up to date first (after a backup); `report(done, total)` hears how far a long
    step (an index rebuild) has come. `upgrade=False` refuses that instead, with
    JournalUpgradeNeededError and nothing changed, so a caller can unlock quickly on its
    own thread and move to a worker only when there is work to wait for.
    """
    info = get_journal(context, journal_id)
    read_only = getattr(context, "read_only", False)
    key = None
    if info.protected:
        if passphrase is None:
            raise WrongPassphraseError("Enter the passphrase to unlock this journal.")
        key = unlock_key(context, info, passphrase)
        if key == passphrase and not read_only:
            # Made before key slots: move it over now, while its passphrase is at hand
            # (a copy of the whole file: a worker's job, never a quick unlock's).
            if not upgrade:
                raise JournalUpgradeNeededError()
            # Its schema first, under the key it has, so a long step reports its progress
            # (and is backed up) as for any other journal; then the copy under a new key.
            open_file(context, info, key, upgrade=True, report=report).close()
            ensure_closed(info)
            key = move_to_key_slots(context, journal_id, passphrase).key
            info = get_journal(context, journal_id)
    db = open_file(context, info, key, shared_connection=True, read_only=read_only,
                   upgrade=upgrade, report=report)
    file_opened(info.path)
    log.info("journal %s unlocked", journal_id)
    return JournalSession(info, db, clock=clock, on_close=_session_closed)


def _session_closed(session: JournalSession) -> None:
    file_closed(session.info.path)



