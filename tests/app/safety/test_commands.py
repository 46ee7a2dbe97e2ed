"""`hearth backup`, `hearth restore FILE` and `hearth check` from the command line."""

import os
import subprocess
import sys

from app.context import open_app
from app.safety import backup as B
from tests.helpers.paths import ROOT
from tests.helpers.safety import PASSPHRASE, entry_titles, journal_path, make_journal, meta_of


def hearth(data_dir, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, input=stdin)


def _folder(data_dir):
    context = open_app(data_dir)
    context.db.execute_sql("INSERT INTO app_meta VALUES ('who', 'us')")
    journal_id = make_journal(context)
    context.close()
    return journal_id


def test_backup_then_list(data_dir):
    _folder(data_dir)
    result = hearth(data_dir, "backup")
    assert result.returncode == 0, result.stderr
    assert "Shared data" in result.stdout and "Journal “Ours”" in result.stdout
    listing = hearth(data_dir, "backup", "--list")
    assert listing.returncode == 0 and listing.stdout.count(str(data_dir / "backups")) == 2


def test_check_exits_zero_when_sound_and_changes_nothing(data_dir):
    _folder(data_dir)
    before = {p: p.stat().st_mtime_ns for p in data_dir.rglob("*") if p.is_file()}
    result = hearth(data_dir, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Shared data (guides, calendar): ok" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in data_dir.rglob("*") if p.is_file()} == before


def test_check_exits_non_zero_on_damage(data_dir):
    _folder(data_dir)
    path = data_dir / "hearth.db"
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the page holding the schema
    path.write_bytes(bytes(data))
    result = hearth(data_dir, "check")
    assert result.returncode == 1
    assert "DAMAGED" in result.stdout
    assert path.read_bytes() == bytes(data)


def test_check_leaves_a_file_none_of_hearths_alone_and_says_so(data_dir):
    _folder(data_dir)
    notes = data_dir / "journals" / "holiday notes.db"
    notes.write_bytes(os.urandom(5000))  # not even a database: still not called damaged
    copy = data_dir / "journals" / "copy of ours.db"
    copy.write_bytes((data_dir / "hearth.db").read_bytes())  # sound, but not Hearth's
    result = hearth(data_dir, "check")
    assert result.returncode == 1, result.stdout  # like `backup`, which does not copy them
    lines = result.stdout.splitlines()
    for name in ("holiday notes.db", "copy of ours.db"):
        assert f"Journal file {name}: NOT HEARTH'S, left alone" in lines
    assert "DAMAGED" not in result.stdout and "Traceback" not in result.stderr


def test_check_finds_a_database_of_the_wrong_kind_in_a_journals_place(data_dir):
    context = open_app(data_dir)
    journal_id = make_journal(context, passphrase=None)
    context.close()
    path = journal_path(data_dir, journal_id)
    journal_bytes = path.read_bytes()
    path.write_bytes((data_dir / "hearth.db").read_bytes())  # sound, but the shared data
    stray = data_dir / "journals" / "0123456789abcdef.db"
    stray.write_bytes(path.read_bytes())
    result = hearth(data_dir, "check")
    assert result.returncode == 1
    assert result.stdout.count("a Hearth database, but not a journal") == 2, result.stdout
    (data_dir / "hearth.db").write_bytes(journal_bytes)
    assert "a Hearth database, but not of the shared data" in hearth(data_dir, "check").stdout


def test_restore_shared_and_protected(data_dir):
    journal_id = _folder(data_dir)
    shared = B.backup_database(data_dir, "hearth")
    journal = B.backup_database(data_dir, B.journal_key(journal_id))
    context = open_app(data_dir)
    context.db.execute_sql("UPDATE app_meta SET value='changed' WHERE key='who'")
    context.close()
    result = hearth(data_dir, "restore", str(shared.path))
    assert result.returncode == 0, result.stderr
    assert meta_of(data_dir / "hearth.db")["who"] == "us"
    wrong = hearth(data_dir, "restore", "--passphrase-stdin", str(journal.path), stdin="no\n")
    assert wrong.returncode == 2 and "passphrase does not unlock" in wrong.stderr
    right = hearth(data_dir, "restore", "--passphrase-stdin", str(journal.path),
                   stdin=PASSPHRASE + "\n")
    assert right.returncode == 0, right.stderr
    assert entry_titles(journal_path(data_dir, journal_id), passphrase=PASSPHRASE) == [
        "Day 0", "Day 1", "Day 2"]


def test_restore_of_a_non_backup_is_refused(data_dir, tmp_path):
    _folder(data_dir)
    stray = tmp_path / "notes.txt"
    stray.write_text("hello")
    result = hearth(data_dir, "restore", str(stray))
    assert result.returncode == 2 and "not a Hearth backup" in result.stderr


def test_missing_data_folder_is_a_clear_message(tmp_path):
    result = hearth(tmp_path / "nowhere", "check")
    assert result.returncode == 2 and "no Hearth data folder" in result.stderr
