"""A restore never swaps a file under a running command, never puts one kind of database
in another's place, and every odd backup file gets words, not a traceback."""

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import instance_lock
from app.context import open_app
from app.errors import DatabaseBusyError
from app.safety import backup as B
from app.safety.backup_files import FILE_KEY_PREFIX
from tests.helpers.paths import ROOT
from tests.helpers.safety import PASSPHRASE, entry_titles, journal_path, make_journal

NOON = dt.datetime(2026, 3, 14, 12, 0, 0)

# A second process that opens the data folder as every command does, says so, and keeps
# it open until its standard input closes.
HOLDER = """
import sys
from app.context import open_app
context = open_app(__import__("pathlib").Path(sys.argv[1]))
print("open", flush=True)
sys.stdin.read()
context.close()
"""


def hearth(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120)


def test_a_restore_waits_for_a_running_command_and_then_says_so(app_context, data_dir,
                                                                monkeypatch):
    journal_id = make_journal(app_context, passphrase=None)
    info = B.backup_database(data_dir, B.journal_key(journal_id), now=NOON)
    app_context.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        monkeypatch.setattr(instance_lock, "RESTORE_WAIT_SECONDS", 0.3)
        files_before = sorted(p.name for p in (data_dir / "journals").iterdir())
        with pytest.raises(DatabaseBusyError, match="nothing was restored"):
            B.restore_backup(data_dir, info.path, now=NOON)
        assert sorted(p.name for p in (data_dir / "journals").iterdir()) == files_before
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    B.restore_backup(data_dir, info.path, now=NOON)  # once it has gone, the restore runs


def test_a_command_waits_while_a_restore_holds_the_folder(data_dir, monkeypatch):
    open_app(data_dir).close()
    monkeypatch.setattr(instance_lock, "USE_WAIT_SECONDS", 0.3)
    with instance_lock.FolderUse(data_dir, exclusive=True):
        with pytest.raises(DatabaseBusyError, match="being restored"):
            open_app(data_dir)
    open_app(data_dir).close()


def test_a_journal_file_is_not_taken_for_a_shared_data_backup(app_context, data_dir):
    journal_id = make_journal(app_context, passphrase=None)
    app_context.close()
    fake = data_dir / "backups" / "hearth.20260314-120000-000000.manual.db"
    fake.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(journal_path(data_dir, journal_id), fake)
    before = (data_dir / "hearth.db").read_bytes()
    with pytest.raises(B.DamagedBackupError):
        B.restore_backup(data_dir, fake)
    assert (data_dir / "hearth.db").read_bytes() == before
    assert B.newest_good_backup(data_dir) is None


def test_shared_data_is_not_taken_for_a_journal_backup(app_context, data_dir):
    journal_id = make_journal(app_context, passphrase=None)
    app_context.close()
    fake = data_dir / "backups" / "journals" / f"{journal_id}.20260314-120000-000000.manual.db"
    fake.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(data_dir / "hearth.db", fake)
    before = journal_path(data_dir, journal_id).read_bytes()
    with pytest.raises(B.DamagedBackupError):
        B.restore_backup(data_dir, fake)
    assert journal_path(data_dir, journal_id).read_bytes() == before


def test_a_plain_copy_named_after_a_protected_journals_file_is_refused(app_context,
                                                                      data_dir):
    plain = make_journal(app_context, "Mine", passphrase=None)
    secret = make_journal(app_context, "Ours")
    app_context.close()
    secret_file = journal_path(data_dir, secret)
    fake = (data_dir / "backups" / "journals"
            / f"{FILE_KEY_PREFIX}{secret_file.stem}.20260314-120000-000000.manual.db")
    fake.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(journal_path(data_dir, plain), fake)
    before = secret_file.read_bytes()
    with pytest.raises(B.DamagedBackupError, match="does not match"):
        B.restore_backup(data_dir, fake)
    assert secret_file.read_bytes() == before
    assert entry_titles(secret_file, passphrase=PASSPHRASE) == ["Day 0", "Day 1", "Day 2"]


def test_a_backup_name_with_no_real_date_is_left_out_not_a_traceback(app_context, data_dir):
    journal_id = make_journal(app_context, passphrase=None)
    app_context.close()
    odd = data_dir / "backups" / "journals" / f"{journal_id}.99999999-999999-999999.manual.db"
    odd.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(journal_path(data_dir, journal_id), odd)
    assert B.list_backups(data_dir) == []
    listing = hearth(data_dir, "backup", "--list")
    assert listing.returncode == 0 and "Traceback" not in listing.stderr
    restore = hearth(data_dir, "restore", str(odd))
    assert restore.returncode == 2 and "not a Hearth backup file" in restore.stderr
    assert "Traceback" not in restore.stderr
    deleted = hearth(data_dir, "journal", "delete", "--journal", "Ours", "--yes")
    assert "Traceback" not in deleted.stderr, deleted.stderr
    assert odd.exists()


def test_restore_of_a_locked_copy_with_no_passphrase_given_is_one_line(app_context,
                                                                       data_dir):
    journal_id = make_journal(app_context)
    info = B.backup_database(data_dir, B.journal_key(journal_id), now=NOON)
    app_context.close()
    result = hearth(data_dir, "restore", str(info.path), stdin="")
    assert result.returncode == 2, result
    assert result.stderr.count("\n") == 1 and "passphrase" in result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr


def test_a_journal_file_no_row_lists_is_backed_up_by_its_name(app_context, data_dir):
    journal_id = make_journal(app_context, passphrase=None)
    app_context.close()
    stray = data_dir / "journals" / "abcdefabcdefabcd.db"
    shutil.copyfile(journal_path(data_dir, journal_id), stray)
    odd = data_dir / "journals" / "notes\nfrom-elsewhere.db"
    odd.write_bytes(stray.read_bytes())
    outcome = B.backup_all(data_dir, now=NOON)
    made = {b.label for b in outcome.made}
    assert "Journal file abcdefabcdefabcd.db" in made
    reasons = dict(outcome.skipped)
    assert "never gives a journal file" in reasons["Journal file notes?from-elsewhere.db"]
    assert stray.read_bytes() == journal_path(data_dir, journal_id).read_bytes()


def test_labels_do_not_call_journals_deleted_while_the_shared_data_is_unreadable(
        app_context, data_dir):
    journal_id = make_journal(app_context, passphrase=None)
    B.backup_database(data_dir, B.journal_key(journal_id), now=NOON)
    app_context.close()
    (data_dir / "hearth.db").write_bytes(os.urandom(8192))
    labels = {b.label for b in B.list_backups(data_dir)}
    assert labels == {f"Journal {journal_id}"}


def test_damage_to_the_shared_data_names_the_way_back(data_dir):
    open_app(data_dir).close()
    (data_dir / "hearth.db").write_bytes(os.urandom(8192))
    result = hearth(data_dir, "journal", "list")
    assert result.returncode == 2
    assert "hearth restore FILE" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.slow
def test_no_save_a_command_reported_is_lost_to_restores_running_beside_it(app_context,
                                                                         data_dir):
    make_journal(app_context, "Mine", passphrase=None, entries=1)
    app_context.close()
    backup = B.backup_all(data_dir, now=NOON).made[-1]
    writer = subprocess.Popen(
        ["bash", "-c", "for i in $(seq 1 20); do echo body | "
         f"{sys.executable} -m app --data-dir {data_dir} journal write --journal Mine "
         "--title MARK$i && echo saved MARK$i; done"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    restores = []
    while writer.poll() is None and len(restores) < 30:
        restores.append(hearth(data_dir, "restore", str(backup.path)))
    out, _ = writer.communicate(timeout=600)
    saved = {line.split()[1] for line in out.splitlines() if line.startswith("saved ")}
    assert saved, out
    assert all(r.returncode in (0, 2) and "Traceback" not in r.stderr for r in restores)
    kept = set()
    for path in [*(data_dir / "journals").glob("*.db"), *(data_dir / "backups").rglob("*.db")]:
        try:
            kept.update(entry_titles(path))
        except Exception:  # the shared data's backups hold no entries
            continue
    assert saved <= kept, saved - kept
