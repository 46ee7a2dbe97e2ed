"""The journal asks for backups itself: before a passphrase change rewrites its file, and
an empty (damaged) journal file is refused instead of silently becoming a new journal."""

from __future__ import annotations

import pytest

from app.errors import DatabaseOpenError, WrongPassphraseError
from app.safety.backup import journal_key, list_backups, verify_backup
from app.services import journal
from tests.helpers.journal import PASS, entry_input, folder_hashes


def test_passphrase_change_keeps_a_backup_under_the_old_passphrase(app_context):
    info = journal.create_journal(app_context, "Mine", PASS)
    session = journal.open_journal(app_context, info.id, PASS)
    session.save_entry(entry_input("Before the change"))
    session.close()

    journal.change_passphrase(app_context, info.id, PASS, "a brand new passphrase", new_key=True)

    (backup,) = list_backups(app_context.data_dir, journal_key(info.id))
    assert backup.reason == "passphrase" and backup.protected
    assert not backup.path.read_bytes().startswith(b"SQLite format 3")
    verify_backup(backup.path, passphrase=PASS)  # raises when it does not open


def test_protecting_a_journal_backs_up_the_plain_file_first(app_context):
    info = journal.create_journal(app_context, "Ours", None)
    session = journal.open_journal(app_context, info.id)
    session.save_entry(entry_input("Written before protection"))
    session.close()
    journal.protect_journal(app_context, info.id, PASS)
    (backup,) = list_backups(app_context.data_dir, journal_key(info.id))
    assert backup.reason == "passphrase" and not backup.protected


def test_wrong_passphrase_makes_no_backup(app_context):
    info = journal.create_journal(app_context, "Mine", PASS)
    with pytest.raises(WrongPassphraseError):
        journal.change_passphrase(app_context, info.id, "not it at all", "new one here")
    assert list_backups(app_context.data_dir, journal_key(info.id)) == []


@pytest.mark.parametrize("protected", [False, True])
def test_empty_journal_file_is_refused_and_left_alone(app_context, protected):
    info = journal.create_journal(app_context, "Mine", PASS if protected else None)
    info.path.write_bytes(b"")
    before = folder_hashes(app_context.data_dir / "journals")
    with pytest.raises(DatabaseOpenError, match="empty"):
        journal.open_journal(app_context, info.id, PASS if protected else None)
    assert folder_hashes(app_context.data_dir / "journals") == before
    assert info.path.stat().st_size == 0
