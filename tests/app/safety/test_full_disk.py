"""A real full disk (a small tmpfs mounted for the test): a protected journal written until
the disk refuses still unlocks with every acknowledged entry, before and after space is
freed; a journal created on the full disk leaves no file behind; a backup that cannot be
finished leaves nothing that looks like one."""

from __future__ import annotations

import contextlib
import datetime
import os
import subprocess
from pathlib import Path

import pytest

from app.context import open_app
from app.db_files import has_wal
from app.safety import backup as B
from app.safety.storage import StorageError, translate_storage_errors
from app.services import journal
from tests.helpers.safety import PASSPHRASE

MOUNT_SIZE = "4m"


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs at tmp_path/disk, unmounted afterwards whatever happens."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a file system needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={MOUNT_SIZE}", "tmpfs",
                              str(disk)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(folder: Path) -> Path:
    """Take all the space that is left with one file; return it (delete it to free)."""
    filler = folder / "filler"
    with open(filler, "wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    return filler


def _write_until_full(session) -> list[str]:
    saved = []
    for n in range(100_000):
        title = f"entry {n}"
        try:
            with translate_storage_errors():
                session.save_entry(journal.EntryInput(date=datetime.date(2026, 3, 1),
                                                      title=title, body="words " * 300))
        except StorageError:
            return saved
        saved.append(title)
    raise AssertionError("the disk never filled")


def _titles(context, journal_id) -> set[str]:
    with journal.open_journal(context, journal_id, PASSPHRASE) as session:
        return {e.title for e in session.list_entries(limit=100_000)}


def test_a_full_disk_never_locks_a_protected_journal_out(small_disk):
    data_dir = small_disk / "data"
    context = open_app(data_dir)
    info = journal.create_journal(context, "Ours", PASSPHRASE)
    session = journal.open_journal(context, info.id, PASSPHRASE)
    session._db.execute_sql("PRAGMA wal_autocheckpoint = 0")
    first = _write_until_full(session)
    filler = _fill(small_disk)
    # Closing checkpoints the WAL into the main file, which cannot grow any more: the
    # checkpoint stops part way, as it would on a real full disk.
    with contextlib.suppress(Exception):
        session.close()
    assert first, "no entry was saved before the disk filled"
    try:
        assert _titles(context, info.id) >= set(first)
        with pytest.raises(journal.WrongPassphraseError):
            journal.open_journal(context, info.id, "not the passphrase")
    finally:
        context.close()
    filler.unlink()
    context = open_app(data_dir)
    try:
        assert _titles(context, info.id) >= set(first)
        assert not has_wal(info.path) or info.path.exists()
    finally:
        context.close()


def test_a_journal_created_on_a_full_disk_leaves_no_file(small_disk):
    data_dir = small_disk / "data"
    context = open_app(data_dir)
    try:
        before = sorted(p.name for p in (data_dir / "journals").glob("*")) \
            if (data_dir / "journals").exists() else []
        _fill(small_disk)
        for n in range(3):
            with pytest.raises(StorageError):
                journal.create_journal(context, f"Full {n}", PASSPHRASE)
        after = sorted(p.name for p in (data_dir / "journals").glob("*")) \
            if (data_dir / "journals").exists() else []
        assert after == before
        assert journal.list_journals(context) == []
    finally:
        context.close()


def test_a_backup_that_cannot_be_finished_leaves_nothing_behind(small_disk):
    data_dir = small_disk / "data"
    context = open_app(data_dir)
    try:
        info = journal.create_journal(context, "Notes", None)
        with journal.open_journal(context, info.id) as session:
            for n in range(20):
                session.save_entry(journal.EntryInput(date=datetime.date(2026, 3, 1),
                                                      title=f"e{n}", body="x" * 5_000))
        _fill(small_disk)
        with pytest.raises(StorageError):
            B.backup_database(data_dir, B.journal_key(info.id))
        leftovers = [p for p in (data_dir / "backups").rglob("*") if p.is_file()] \
            if (data_dir / "backups").exists() else []
        assert leftovers == []
    finally:
        context.close()
