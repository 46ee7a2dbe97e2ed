"""Protected journals' keys: made at creation, unlocked by passphrase or recovery key,
rewrapped on a passphrase change, and the move of older journals to key slots.

A protected journal opens with a random data key (SQLCipher's raw key); its key file holds
that key wrapped once under the passphrase and once under the recovery key (see
`app.journal.keys.slots`). Changing the passphrase rewrites only the key file. Changing
the journal's key re-encrypts the file through the verified copy of `rewrite` and, since
the old recovery key cannot be rewrapped without being typed, comes with a new one; a new
recovery key is made the same way, so the old key opens nothing written from then on.

Journals made before key slots open with their passphrase directly. On their first unlock
they move over: a backup first, then an encrypted copy under a new data key, verified
(rows, integrity), its key file written beside it, and only then does the registry switch
to it (one transaction) and the old file go. Killed at any step, the registry still names
a file that opens with the passphrase: the old one until the switch, the new one (with its
key file already on disk) after it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from app import sqlcipher
from app.context import AppContext
from app.db import check_passphrase
from app.db_files import key_file_of
from app.errors import DamagedDatabaseError, ValidationError, WrongPassphraseError
from app.journal.keys import recovery
from app.journal.keys.file import has_key_file, read_key_file, write_key_file
from app.journal.keys.slots import (
    PASSPHRASE,
    RECOVERY,
    KeyFile,
    make_slot,
    new_data_key,
    new_journal_id,
    open_slot,
    passphrase_secret,
)
from app.journal.registry.kits import uses_key_slots
from app.journal.registry.rows import ensure_closed, info_of, row_of
from app.journal.types import JournalInfo

log = logging.getLogger(__name__)


class NoKeyFileError(WrongPassphraseError):
    """A passphrase did not open a protected journal that has no key file beside it: it was
    wrong, or the key file is gone (the message says both)."""


def get_journal(context: AppContext, journal_id: int) -> JournalInfo:
    return info_of(context, row_of(journal_id))


@dataclass(frozen=True)
class NewKeys:
    """A fresh key file's content with the secrets it was made from: `key` is SQLCipher's
    raw key text, `recovery_key` the grouped text for the kit (shown once, never stored)."""

    keys: KeyFile
    key: str
    recovery_key: str


def step(name: str) -> None:
    """Called between the steps of a migration or re-encryption; tests replace it to kill a
    process at each one. Does nothing."""


def new_keys(passphrase: str) -> NewKeys:
    """A new data key with a passphrase slot and a recovery slot (Argon2id runs here)."""
    check_passphrase(passphrase)
    journal = new_journal_id()
    data_key = new_data_key()
    recovery_key = recovery.new_key()
    keys = KeyFile(journal=journal, slots=(
        make_slot(journal, PASSPHRASE, passphrase_secret(passphrase), data_key),
        make_slot(journal, RECOVERY, recovery_key, data_key),
    ))
    return NewKeys(keys=keys, key=sqlcipher.raw_key(data_key),
                   recovery_key=recovery.format_key(recovery_key))


def _proves(info: JournalInfo, key: str) -> bool:
    """Whether `key` opens the journal's file (read-only: nothing is written)."""
    try:
        sqlcipher.connect_read_only(info.path, key).close()
    except sqlcipher.driver().DatabaseError:
        return False
    return True


def _data_key_of(info: JournalInfo, keys: KeyFile, kind: str, secret: bytes) -> bytes:
    data_key = open_slot(keys, kind, secret)
    if not _proves(info, sqlcipher.raw_key(data_key)):
        raise DamagedDatabaseError(
            f"The key file beside the journal “{info.name}” opens, but its key does not fit "
            "the journal's file (the key file belongs to another copy). Restore the journal "
            "from a backup (File > Restore from backup…).")
    return data_key


def unlock_key(context: AppContext, info: JournalInfo, passphrase: str) -> str:
    """The key text that opens a protected journal with `passphrase`: its data key from
    the key file, or, for a journal made before key slots, the passphrase itself."""
    check_passphrase(passphrase)
    if has_key_file(info.path):
        keys = read_key_file(info.path)
        return sqlcipher.raw_key(_data_key_of(info, keys, PASSPHRASE,
                                              passphrase_secret(passphrase)))
    if _proves(info, passphrase):
        return passphrase
    if _had_key_file(context, info):
        read_key_file(info.path)  # raises KeyFileMissingError, in words
    # Either a journal made before key slots and a wrong passphrase, or a journal whose key
    # file is gone: nothing on disk tells the two apart, so both are said.
    raise NoKeyFileError(
        "That passphrase does not unlock this journal, or its key file is missing: a journal "
        "made or changed with this Hearth needs the key file beside it. Restore the journal "
        "from a backup (File > Restore from backup…) if its key file was lost.")


def _had_key_file(context: AppContext, info: JournalInfo) -> bool:
    from app.safety.backup import journal_key, list_backups  # only when an unlock failed

    return any(key_file_of(b.path).exists() for b in list_backups(context.data_dir,
                                                                    journal_key(info.id)))


def move_to_key_slots(context: AppContext, journal_id: int, passphrase: str) -> NewKeys:
    """Move a journal made before key slots over to them (see the module docstring)."""
    from app.journal.registry.rewrite import rewrite_file  # loads only for a rewrite

    info = get_journal(context, journal_id)
    if uses_key_slots(info) or not info.protected:
        raise ValidationError("This journal already uses key slots.")
    made = new_keys(passphrase)
    rewrite_file(context, info, passphrase, made.key,
                 before_switch=lambda target: write_key_file(target, made.keys))
    log.info("journal %s moved to key slots", journal_id)
    return made


def recover(context: AppContext, journal_id: int, typed_key: str,
            new_passphrase: str) -> JournalInfo:
    """Set a new passphrase with the recovery key. A mistyped key is refused by its
    checksum and a wrong one by its slot, before anything is written."""
    secret = recovery.parse(typed_key)
    _require_new(new_passphrase)
    info = get_journal(context, journal_id)
    if not info.protected:
        raise ValidationError("This journal has no passphrase to recover.")
    keys = read_key_file(info.path)
    data_key = _data_key_of(info, keys, RECOVERY, secret)
    _back_up_before_new_passphrase(context, info, data_key)
    write_key_file(info.path, keys.with_slot(
        make_slot(keys.journal, PASSPHRASE, passphrase_secret(new_passphrase), data_key)))
    log.info("journal %s: passphrase set with the recovery key", journal_id)
    return info


def rewrap_passphrase(context: AppContext, info: JournalInfo, old: str, new: str) -> None:
    """Change the passphrase of a key-slot journal: only the key file changes."""
    keys = read_key_file(info.path)
    data_key = _data_key_of(info, keys, PASSPHRASE, passphrase_secret(old))
    _back_up_before_new_passphrase(context, info, data_key)
    write_key_file(info.path, keys.with_slot(
        make_slot(keys.journal, PASSPHRASE, passphrase_secret(new), data_key)))
    log.info("journal %s: passphrase changed", info.id)


def _back_up_before_new_passphrase(context: AppContext, info: JournalInfo,
                                   data_key: bytes) -> None:
    """A backup of the journal with its key file as it is, before a new passphrase: the
    old passphrase keeps opening it, should the new one be forgotten straight away."""
    from app.safety.backup import backup_database, journal_key  # only a change backs up

    backup_database(context.data_dir, journal_key(info.id), reason="passphrase",
                    passphrase=sqlcipher.raw_key(data_key))


def change_data_key(context: AppContext, journal_id: int, old: str, new: str, *,
                    write_kit: Callable[[str], object] | None = None) -> NewKeys:
    """Re-encrypt the journal under a new data key, with passphrase `new` and a new
    recovery key (returned for the kit). The journal must be locked.

    With `write_kit`, it is called with the new recovery key's text once the new copy is
    verified and before anything switches to it: if it raises, nothing changed and the old
    keys still open the journal; if it returns, the kit counts as saved."""
    from app.journal.registry.rewrite import rewrite_file  # loads only for a rewrite

    info = get_journal(context, journal_id)
    ensure_closed(info)
    old_key = unlock_key(context, info, old)
    _require_new(new)
    made = new_keys(new)
    keys = made.keys
    if write_kit is not None:
        keys = replace(keys, kit_saved=datetime.date.today().isoformat())

    def switch(target) -> None:
        if write_kit is not None:
            write_kit(made.recovery_key)  # the new key counts only once its kit is out
        write_key_file(target, keys)

    rewrite_file(context, info, old_key, made.key, before_switch=switch)
    log.info("journal %s: re-encrypted under a new key", journal_id)
    return replace(made, keys=keys)


def new_recovery_key(context: AppContext, journal_id: int, passphrase: str, *,
                     write_kit: Callable[[str], object] | None = None) -> str:
    """Replace the recovery key; returns the new key's text for the kit, which counts as
    unsaved until `mark_kit_saved` (or saved at once, with `write_kit`: see
    `change_data_key`). The journal must be locked.

    The journal is re-encrypted under a new data key, as for a new passphrase with a new
    key: dropping the old recovery slot alone would leave the old key opening the journal
    through any older copy of its key file (a backup's), and a new kit is made because the
    old one was lost or seen. Backups made before keep opening with the old keys, as
    they always did."""
    return change_data_key(context, journal_id, passphrase, passphrase,
                           write_kit=write_kit).recovery_key


def check_recovery_groups(recovery_key: str, typed: dict[int, str]) -> bool:
    """Whether each typed group (by 0-based position) matches the key's group."""
    wanted = recovery.groups(recovery_key)
    return all(0 <= i < len(wanted) and recovery.normalise(text) == wanted[i]
               for i, text in typed.items()) and bool(typed)


def mark_kit_saved(context: AppContext, journal_id: int,
                   today: datetime.date | None = None) -> None:
    """Remember that the kit of the current recovery key was saved (no secret needed)."""
    info = get_journal(context, journal_id)
    keys = read_key_file(info.path)
    write_key_file(info.path, replace(keys, kit_saved=(today or datetime.date.today()).isoformat()))


def _require_new(passphrase: str | None) -> None:
    if passphrase is None:
        raise ValidationError("A passphrase cannot be empty.", field="new_passphrase")
    try:
        check_passphrase(passphrase)
    except ValidationError as exc:
        raise ValidationError(exc.message, field="new_passphrase") from exc
