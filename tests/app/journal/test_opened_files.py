"""Copies handed to the system's viewer: owner-only, in the data folder, removed after."""

import os
import stat

from app.journal.opened_files import remove_opened, write_opened


def test_copy_is_owner_only_and_removed_afterwards(tmp_path):
    path = write_opened(tmp_path, "../ticket.pdf", b"%PDF ticket")
    assert path.read_bytes() == b"%PDF ticket" and path.name == "ticket.pdf"
    assert path.is_relative_to(tmp_path / "opened")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert remove_opened(tmp_path) == 1
    assert not path.exists() and list((tmp_path / "opened").iterdir()) == []


def test_removal_leaves_what_hearth_did_not_write(tmp_path):
    write_opened(tmp_path, "a.txt", b"a")
    mine = tmp_path / "opened" / "notes-of-someone"
    mine.mkdir()
    (mine / "keep.txt").write_text("keep")
    link_folder = tmp_path / "opened" / ("0" * 16)
    link_folder.mkdir()
    (link_folder / "link").symlink_to(tmp_path / "elsewhere")
    assert remove_opened(tmp_path) == 1
    assert (mine / "keep.txt").exists() and (link_folder / "link").is_symlink()
