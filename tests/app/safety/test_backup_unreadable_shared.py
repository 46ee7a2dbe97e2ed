"""Backups while the shared database cannot be read: every journal file is still copied,
under its file name, and each copy can be put back once the shared data is whole again."""

import datetime as dt
import os
import subprocess
import sys

import pytest

from app.context import open_app
from app.safety import backup as B
from app.safety.backup_files import FILE_KEY_PREFIX
from app.services import journal
from tests.helpers.paths import ROOT
from tests.helpers.safety import PASSPHRASE, entry_titles, journal_path, make_journal

NOON = dt.datetime(2026, 3, 14, 12, 0, 0)


@pytest.fixture
def two_journals(app_context, data_dir):
    """A plain and a protected journal, a good backup of the shared data, then the shared
    database overwritten with noise. Returns (plain id, protected id, shared backup)."""
    plain = make_journal(app_context, "Mine", passphrase=None)
    protected = make_journal(app_context, "Ours")
    shared = B.backup_database(data_dir, "hearth", db=app_context.db, now=NOON)
    app_context.close()
    (data_dir / "hearth.db").write_bytes(os.urandom(16384))
    return plain, protected, shared


def _file_backups(data_dir):
    return [b for b in B.list_backups(data_dir) if b.key.startswith(FILE_KEY_PREFIX)]


def test_every_journal_file_is_backed_up_when_the_shared_data_is_damaged(data_dir,
                                                                         two_journals):
    plain, protected, _shared = two_journals
    plain_file, protected_file = journal_path_names(data_dir, two_journals)
    outcome = B.backup_all(data_dir, now=NOON + dt.timedelta(hours=1))
    assert [label for label, _why in outcome.skipped] == [B.SHARED_LABEL]
    made = {b.label: b for b in outcome.made}
    assert set(made) == {f"Journal file {plain_file.name}", f"Journal file {protected_file.name}"}
    plain_copy = made[f"Journal file {plain_file.name}"]
    assert plain_copy.verified and not plain_copy.protected
    assert entry_titles(plain_copy.path) == entry_titles(plain_file)
    locked_copy = made[f"Journal file {protected_file.name}"]
    assert locked_copy.protected and not locked_copy.verified
    assert locked_copy.path.read_bytes() == protected_file.read_bytes()
    assert b"Dear diary" not in locked_copy.path.read_bytes()
    assert {b.path for b in _file_backups(data_dir)} == {plain_copy.path, locked_copy.path}


def journal_path_names(data_dir, two_journals):
    """The two journal files, found by kind (the registry that names them is unreadable)."""
    files = sorted((data_dir / "journals").glob("*.db"))
    plain = [p for p in files if B.file_kind(p) == "plain"]
    locked = [p for p in files if B.file_kind(p) == "opaque"]
    assert len(plain) == 1 and len(locked) == 1
    return plain[0], locked[0]


def test_a_file_backup_waits_for_the_shared_data_and_then_restores_its_journal(
        data_dir, two_journals):
    plain, protected, shared = two_journals
    outcome = B.backup_all(data_dir, now=NOON + dt.timedelta(hours=1))
    copy = next(b for b in outcome.made if not b.protected)
    damaged = (data_dir / "hearth.db").read_bytes()
    with pytest.raises(B.BackupError, match="restore it first"):
        B.restore_backup(data_dir, copy.path)
    assert (data_dir / "hearth.db").read_bytes() == damaged

    B.restore_backup(data_dir, shared.path, now=NOON)
    before = entry_titles(journal_path(data_dir, plain))
    journal_path(data_dir, plain).write_bytes(os.urandom(8192))
    restored = B.restore_backup(data_dir, copy.path, now=NOON)
    assert entry_titles(journal_path(data_dir, plain)) == before
    assert restored.restored == journal_path(data_dir, plain)
    # The damaged file was kept aside, never deleted.
    assert restored.kept_aside is not None and restored.kept_aside.exists()


def test_a_locked_file_backup_restores_with_its_passphrase(data_dir, two_journals):
    plain, protected, shared = two_journals
    copy = next(b for b in B.backup_all(data_dir).made if b.protected)
    B.restore_backup(data_dir, shared.path, now=NOON)
    with pytest.raises(B.PassphraseNeededError):
        B.restore_backup(data_dir, copy.path)
    B.restore_backup(data_dir, copy.path, passphrase=PASSPHRASE, now=NOON)
    assert entry_titles(journal_path(data_dir, protected), passphrase=PASSPHRASE) == [
        "Day 0", "Day 1", "Day 2"]


def test_a_file_backup_no_journal_lists_comes_back_as_a_recovered_journal(data_dir,
                                                                          two_journals):
    plain, protected, shared = two_journals
    copy = next(b for b in B.backup_all(data_dir).made if not b.protected)
    B.restore_backup(data_dir, shared.path, now=NOON)
    context = open_app(data_dir)
    try:
        journal.delete_journal(context, plain)
    finally:
        context.close()
    files_before = set((data_dir / "journals").iterdir())
    outcome = B.restore_backup(data_dir, copy.path, now=NOON)
    assert outcome.restored not in files_before and outcome.restored.exists()
    assert "recovered journal" in outcome.notes[0]
    assert files_before <= set((data_dir / "journals").iterdir())
    context = open_app(data_dir)
    try:
        names = [j.name for j in journal.list_journals(context)]
    finally:
        context.close()
    assert any(name.startswith("Recovered journal") for name in names), names


def test_a_backup_name_hearth_never_gives_is_not_taken_for_a_file_backup(data_dir):
    folder = data_dir / "backups" / "journals"
    folder.mkdir(parents=True)
    odd = folder / "file-NOTHEX.20260314-120000-000000.manual.db"
    odd.write_bytes(b"x")
    assert B.list_backups(data_dir) == []
    with pytest.raises(B.DamagedBackupError):
        B.backup_info(data_dir, odd)


def test_a_foreign_named_file_in_journals_is_reported_not_copied(data_dir, two_journals):
    foreign = data_dir / "journals" / "holiday notes.db"
    foreign.write_bytes((data_dir / "journals" / next(
        p.name for p in (data_dir / "journals").glob("*.db"))).read_bytes())
    outcome = B.backup_all(data_dir)
    reasons = dict(outcome.skipped)
    assert "never gives a journal file" in reasons["Journal file holiday notes.db"]
    assert all("holiday" not in str(b.path) for b in outcome.made)


def test_backup_command_copies_the_journals_and_names_what_it_skipped(data_dir,
                                                                      two_journals):
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "backup"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result
    assert result.stdout.count("backed up Journal file ") == 2
    assert "skipped Shared data" in result.stderr and "Traceback" not in result.stderr
