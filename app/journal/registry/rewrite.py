"""Protecting, unprotecting and changing a journal's passphrase: never in place.

The journal is exported with `sqlcipher_export` into a new, announced file, the new file is
opened and compared with the old one, and only then does the registry row switch to it
(one transaction) and the old file go. A crash at any point leaves the registry naming a
complete, valid file, and the other file accounted for by its announcement.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from app import sqlcipher
from app.context import AppContext
from app.db import check_passphrase, integrity_problems, open_database
from app.db_files import SQLITE_HEADER, fsync_dir, fsync_file, remove_db_files
from app.errors import DatabaseOpenError, ValidationError
from app.journal.registry.files import announce_file, settle_file, withdraw_file
from app.journal.registry.journals import counts, get_journal, verify_opens
from app.journal.registry.rows import ensure_closed
from app.journal.types import JournalInfo
from app.migrations.journal import STEPS as JOURNAL_STEPS
from app.models.journal_registry import Journal
from app.safety.storage import translate_storage_errors

log = logging.getLogger(__name__)


def change_passphrase(
    context: AppContext, journal_id: int, old_passphrase: str, new_passphrase: str,
    *, new_key: bool = False,
) -> JournalInfo:
    """Give a protected journal a new passphrase (see `change_passphrase_keys`)."""
    return change_passphrase_keys(context, journal_id, old_passphrase, new_passphrase,
                                  new_key=new_key)[0]


def change_passphrase_keys(
    context: AppContext, journal_id: int, old_passphrase: str, new_passphrase: str,
    *, new_key: bool = False,
) -> tuple[JournalInfo, str | None]:
    """Give a protected journal a new passphrase. The journal must be locked. Returns the
    journal and, when a new recovery key had to be made (the old one no longer works), its
    text for the kit, shown once and never stored (its kit counts as not saved).

    A journal with key slots only has its passphrase slot rewrapped (the file is not
    touched); `new_key=True` re-encrypts it under a new data key instead, with a new
    recovery key. A journal made before key slots moves to them (which re-encrypts it, with
    a new recovery key too).
    """
    from app.journal.registry import keyslots

    info = get_journal(context, journal_id)
    if not info.protected:
        raise ValidationError("This journal has no passphrase yet.", field="passphrase")
    check_passphrase(old_passphrase)
    _require_new(new_passphrase)
    ensure_closed(info)
    recovery_key = None
    if new_key or not keyslots.uses_key_slots(info):
        made = keyslots.change_data_key(context, journal_id, old_passphrase, new_passphrase)
        recovery_key = made.recovery_key
    else:
        keyslots.rewrap_passphrase(context, info, old_passphrase, new_passphrase)
    return get_journal(context, journal_id), recovery_key


def protect_journal(context: AppContext, journal_id: int, new_passphrase: str) -> JournalInfo:
    """Encrypt an unprotected journal under a new data key with key slots for
    `new_passphrase` and a new recovery key (its kit counts as not saved yet). The journal
    must be locked."""
    from app.journal.keys.file import write_key_file
    from app.journal.registry import keyslots

    info = get_journal(context, journal_id)
    if info.protected:
        raise ValidationError("This journal already has a passphrase.", field="passphrase")
    _require_new(new_passphrase)
    made = keyslots.new_keys(new_passphrase)
    return rewrite_file(context, info, None, made.key,
                        before_switch=lambda target: write_key_file(target, made.keys))


def unprotect_journal(context: AppContext, journal_id: int, passphrase: str) -> JournalInfo:
    """Remove the passphrase: the journal is stored unencrypted afterwards."""
    from app.journal.registry import keyslots

    info = get_journal(context, journal_id)
    if not info.protected:
        raise ValidationError("This journal has no passphrase.", field="passphrase")
    check_passphrase(passphrase)
    return rewrite_file(context, info, keyslots.unlock_key(context, info, passphrase), None)


def _require_new(passphrase: str | None) -> None:
    if passphrase is None:
        raise ValidationError("A passphrase cannot be empty.", field="new_passphrase")
    try:
        check_passphrase(passphrase)
    except ValidationError as exc:
        raise ValidationError(exc.message, field="new_passphrase") from exc


def _export_copy(source: Path, target: Path, old: str | None, new: str | None) -> None:
    """Copy every table of `source` into the new file `target`, keyed with `new`."""
    connection = sqlcipher.driver().connect(str(source), isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        if old is not None:
            connection.execute(sqlcipher.key_statement(old))
        connection.execute("PRAGMA temp_store = memory")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        sqlcipher.export_copy(connection, target, new)
    finally:
        connection.close()


def rewrite_file(
    context: AppContext, info: JournalInfo, old: str | None, new: str | None,
    *, before_switch: Callable[[Path], object] | None = None,
) -> JournalInfo:
    """Copy the journal into a new file keyed with `new` (key text: a passphrase or a raw
    key; None for plain), verify it and switch the registry to it. `before_switch(target)`
    runs once the copy is verified and synced, before the switch (the key file of the new
    file is written there).

    No other process may use the data folder meanwhile: a command that wrote an entry into
    the old file after the copy was made would see it removed with that file, though it
    was told the entry was saved. The rewrite waits a few seconds for the folder to itself,
    then says so (DatabaseBusyError) with nothing changed."""
    use = context.folder_use
    with use.exclusively(_REWRITE_BUSY) if use is not None else contextlib.nullcontext():
        return _rewrite_alone(context, info, old, new, before_switch)


_REWRITE_BUSY = ("Another Hearth command is using this data folder (a journal write, an "
                 "import or a backup); the journal was left as it was. Try again when it has "
                 "finished.")


def _rewrite_alone(context: AppContext, info: JournalInfo, old: str | None, new: str | None,
                   before_switch: Callable[[Path], object] | None) -> JournalInfo:
    from app.journal.registry.keyslots import step
    from app.safety.backup import backup_database, journal_key  # only rewrites back up here

    ensure_closed(info)
    # Proves the old passphrase (WrongPassphraseError, nothing changed) and brings the
    # schema up to date, so the copy is checked against current tables.
    before = verify_opens(context, info, old)
    # The old file is about to be replaced by a re-encrypted copy: keep a backup of it.
    backup_database(context.data_dir, journal_key(info.id), reason="passphrase", passphrase=old)
    step("backed up")
    old_relative = str(info.path.relative_to(context.data_dir).as_posix())
    relative, target = announce_file(context, journal_id=info.id, replaces=old_relative)
    try:
        with translate_storage_errors():
            _export_copy(info.path, target, old, new)
            step("copied")
            copy = open_database(target, migrations=JOURNAL_STEPS, passphrase=new)
            try:
                after = counts(copy)
                problems = integrity_problems(copy)
                copy.execute_sql("INSERT INTO entry_fts (entry_fts) VALUES ('integrity-check')")
            finally:
                copy.close()
            if after != before or problems:
                raise DatabaseOpenError(
                    "The journal could not be copied safely; it was left as it was.",
                    detail=f"counts {before} -> {after}, problems {len(problems)}",
                )
            with open(target, "rb") as handle:
                if new is not None and handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                    raise DatabaseOpenError(
                        "The journal could not be encrypted; it was left as it was.")
            fsync_file(target)
            fsync_dir(target.parent)
            step("verified")
            if before_switch is not None:
                before_switch(target)
                step("key file written")
            with context.db.atomic():
                Journal.update(file=relative, protected=new is not None).where(
                    Journal.id == info.id
                ).execute()
    except BaseException:
        withdraw_file(context, relative)
        raise
    step("switched")
    # The registry names the verified copy now; the old file is accounted for until it goes.
    remove_db_files(info.path)
    step("old file removed")
    fsync_dir(info.path.parent)
    with context.db.atomic():
        settle_file(relative)
    log.info("journal %s rewritten (protected: %s)", info.id, new is not None)
    return get_journal(context, info.id)
