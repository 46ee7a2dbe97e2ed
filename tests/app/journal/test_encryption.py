"""Protected journals on disk: nothing readable, wrong passphrases change nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.db import open_database
from app.errors import ValidationError, WrongPassphraseError
from app.journal import selfcheck
from app.journal.keys.unlock import key_for
from app.services import journal
from tests.helpers.journal import PASS, db_files, entry_input, folder_hashes, marker_words
from tests.helpers.paths import ROOT

PLAIN_HEADER = b"SQLite format 3\x00"
MARKER = re.compile(rb"zqx[a-z]{5}")


def _write_markers(session, words):
    """100 entries of 10 marker words each: in titles, bodies, tags and a draft."""
    for n in range(0, len(words), 10):
        chunk = words[n : n + 10]
        session.save_entry(
            entry_input(
                " ".join(chunk[2:8]),
                title=chunk[0],
                tags=(chunk[1], chunk[8]),
            )
        )
        session.save_draft(f"draft-{n % 3}", entry_input(chunk[9]))


def _leaks(path: Path) -> list[str]:
    found = []
    for file in db_files(path):
        data = file.read_bytes()
        found += [f"{file.name}: {m.decode()}" for m in MARKER.findall(data)[:3]]
    return found


def test_protected_journal_file_wal_and_shm_hold_no_marker_word(app_context):
    words = marker_words(1000)
    info = journal.create_journal(app_context, "Mine", PASS)
    session = journal.open_journal(app_context, info.id, PASS)
    _write_markers(session, words)
    # Still open: the WAL holds the recent pages.
    assert Path(f"{info.path}-wal").exists()
    assert _leaks(info.path) == []
    assert session.search(words[5]).hits
    session.close()
    assert _leaks(info.path) == []
    assert info.path.read_bytes()[:16] != PLAIN_HEADER
    for file in db_files(info.path):
        assert not file.read_bytes().startswith(PLAIN_HEADER)


def test_the_marker_check_would_see_plain_text(app_context):
    # The same writes into an unprotected journal are found: the check above can fail.
    words = marker_words(20)
    info = journal.create_journal(app_context, "Open book", None)
    with journal.open_journal(app_context, info.id) as session:
        _write_markers(session, words)
    assert _leaks(info.path)
    assert info.path.read_bytes()[:16] == PLAIN_HEADER


def test_fresh_protected_journal_never_has_plain_header(app_context):
    info = journal.create_journal(app_context, "Mine", PASS)
    assert info.protected
    assert info.path.read_bytes()[:16] != PLAIN_HEADER


def test_wrong_passphrase_changes_no_byte_of_any_file(app_context):
    info = journal.create_journal(app_context, "Mine", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        session.save_entry(entry_input("Something to keep."))
        session.save_draft("new", entry_input("Half a thought."))
    before = folder_hashes(app_context.data_dir)
    with pytest.raises(WrongPassphraseError):
        journal.open_journal(app_context, info.id, "not the passphrase")
    with pytest.raises(WrongPassphraseError):
        journal.change_passphrase(app_context, info.id, "wrong", "whatever new")
    with pytest.raises(WrongPassphraseError):
        journal.unprotect_journal(app_context, info.id, "wrong")
    with pytest.raises(WrongPassphraseError):
        journal.delete_journal(app_context, info.id, "wrong")
    with pytest.raises(WrongPassphraseError):
        journal.open_journal(app_context, info.id)
    assert folder_hashes(app_context.data_dir) == before
    with journal.open_journal(app_context, info.id, PASS) as session:
        assert session.count_entries() == 1


@pytest.mark.parametrize("passphrase", ["", "   ", "\t\n", "a\x00b"])
def test_empty_or_blank_passphrase_is_refused(app_context, passphrase):
    with pytest.raises(ValidationError) as caught:
        journal.create_journal(app_context, "Mine", passphrase)
    assert caught.value.field == "passphrase"
    assert journal.list_journals(app_context) == []
    folder = app_context.data_dir / "journals"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_empty_passphrase_never_reaches_sqlcipher(tmp_path):
    with pytest.raises(ValidationError):
        open_database(tmp_path / "j.db", passphrase="")
    assert not (tmp_path / "j.db").exists()


def test_empty_passphrase_does_not_open_a_protected_journal(app_context):
    info = journal.create_journal(app_context, "Mine", PASS)
    with pytest.raises(ValidationError):
        journal.open_journal(app_context, info.id, "")


def test_wrong_passphrase_prints_nothing_to_stderr(tmp_path):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.db import open_database\n"
        "from app.errors import WrongPassphraseError\n"
        "p = Path(sys.argv[1])\n"
        "open_database(p, passphrase='right one').close()\n"
        "try:\n"
        "    open_database(p, passphrase='wrong one')\n"
        "except WrongPassphraseError:\n"
        "    print('refused')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "j.db")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.strip() == "refused"
    assert result.stderr == ""


def test_backup_of_protected_journal_stays_encrypted(app_context, tmp_path):
    info = journal.create_journal(app_context, "Mine", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        session.save_entry(entry_input("zqxbackup words", tags=("zqxbackuptag",)))
        copy = session.backup_to(tmp_path / "copy.db")
    data = copy.read_bytes()
    assert data[:16] != PLAIN_HEADER and b"zqxbackup" not in data
    with pytest.raises(WrongPassphraseError):
        open_database(copy, passphrase=key_for(copy, "wrong"))
    db = open_database(copy, passphrase=key_for(copy, PASS))
    try:
        assert db.execute_sql("SELECT body FROM entry").fetchall() == [("zqxbackup words",)]
        hits = db.execute_sql(
            "SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'zqxbackuptag'"
        ).fetchall()
        assert hits == [(1,)]
    finally:
        db.close()


def test_backup_of_unprotected_journal_is_a_plain_copy(app_context, tmp_path):
    info = journal.create_journal(app_context, "Ours", None)
    with journal.open_journal(app_context, info.id) as session:
        session.save_entry(entry_input("plain words"))
        copy = session.backup_to(tmp_path / "copy.db")
    assert copy.read_bytes()[:16] == PLAIN_HEADER
    db = open_database(copy)
    try:
        assert db.execute_sql("SELECT count(*) FROM entry").fetchone() == (1,)
    finally:
        db.close()


def test_selfcheck_passes_and_cleans_up(tmp_path):
    selfcheck.check_encryption(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_selfcheck_fails_when_files_are_written_plain(tmp_path, monkeypatch):
    def plain_open(path, *, migrations=(), passphrase=None):
        return open_database(path, migrations=migrations)

    monkeypatch.setattr(selfcheck, "open_database", plain_open)
    with pytest.raises(selfcheck.EncryptionCheckError):
        selfcheck.check_encryption(tmp_path)


def test_no_secret_or_marker_word_is_anywhere_on_disk(app_context, tmp_path, monkeypatch):
    """The canary for key slots: after creating, writing, backing up, recovering and making
    a new recovery key (with Hearth's log on), no file under the test's folder (the data
    folder with its key file, backups and log; the home folder with settings; temp files)
    holds a marker word, the passphrase, the recovery key or the data key."""
    import logging
    import tempfile

    from app.journal.keys.kit import kit_pdf
    from app.logs import setup_logging
    from app.safety import backup as B

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    setup_logging(app_context.data_dir)
    logging.getLogger("app").setLevel(logging.DEBUG)
    words = marker_words(200)
    info, recovery_key = journal.create_protected_journal(app_context, "Mine", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        _write_markers(session, words)
        B.backup_database(app_context.data_dir, B.journal_key(info.id), session=session)
    journal.recover_journal(app_context, info.id, recovery_key, "second secret")
    second_key = journal.new_recovery_key(app_context, info.id, "second secret")
    kit_pdf("Mine", info.created_at.date(), second_key)  # made in memory only
    data_key = key_for(info.path, "second secret")[2:-1].encode()
    for handler in logging.getLogger().handlers:
        handler.flush()
    secrets = [PASS, "second secret", recovery_key, second_key]
    secrets += [s.replace("-", "") for s in (recovery_key, second_key)]
    files = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()]
    assert any(p.name.endswith(".keys") for p in files)
    assert any(p.suffix == ".log" or "log" in p.name for p in files)
    found = []
    for path in files:
        data = path.read_bytes()
        found += [f"{path.name}: marker" for _ in MARKER.findall(data)[:1]]
        found += [f"{path.name}: a secret" for s in secrets
                  if s.encode() in data or s.lower().encode() in data]
        found += [f"{path.name}: the data key" for _ in [1] if data_key in data.lower()]
    assert found == []
