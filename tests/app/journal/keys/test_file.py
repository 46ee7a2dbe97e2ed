"""The key file on disk: owner-only, atomic, never read through a link, and its unfinished
copies cleared at start-up like every other copy Hearth writes."""

from __future__ import annotations

import os
import stat

import pytest

from app.db_files import key_file_of, remove_db_files
from app.journal.keys import slots
from app.journal.keys.file import KeyFileMissingError, read_key_file, write_key_file
from app.journal.keys.slots import KeyFileDamagedError
from app.safety.leftovers import remove_unfinished_copies


def _keys():
    journal = slots.new_journal_id()
    return slots.KeyFile(journal=journal, slots=(
        slots.make_slot(journal, slots.RECOVERY, b"k" * 16, slots.new_data_key()),))


def test_written_owner_only_and_read_back(tmp_path):
    db = tmp_path / "0123456789abcdef.db"
    keys = _keys()
    os.umask(0o022)
    path = write_key_file(db, keys)
    assert path == key_file_of(db) and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_key_file(db) == keys
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no copy left


def test_a_missing_key_file_says_what_to_do(tmp_path):
    with pytest.raises(KeyFileMissingError, match="Restore from backup"):
        read_key_file(tmp_path / "x.db")


def test_a_link_in_its_place_is_not_followed(tmp_path):
    target = tmp_path / "elsewhere"
    target.write_bytes(slots.to_bytes(_keys()))
    os.symlink(target, key_file_of(tmp_path / "x.db"))
    with pytest.raises(KeyFileDamagedError, match="link"):
        read_key_file(tmp_path / "x.db")


def test_removing_a_database_takes_its_key_file_last(tmp_path):
    db = tmp_path / "x.db"
    db.write_bytes(b"data")
    write_key_file(db, _keys())
    remove_db_files(db)
    assert list(tmp_path.iterdir()) == []


def test_an_unfinished_key_file_copy_of_a_dead_process_is_cleared(data_dir):
    folder = data_dir / "journals"
    folder.mkdir(parents=True)
    dead = folder / "0123456789abcdef.db.keys.999999999.part"
    dead.write_bytes(b"{}")
    kept = folder / "0123456789abcdef.db.keys"
    kept.write_bytes(b"{}")
    assert remove_unfinished_copies(data_dir) == 1
    assert not dead.exists() and kept.exists()
