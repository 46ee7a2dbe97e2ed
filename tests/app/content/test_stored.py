"""Made files are read only when they are regular files of bounded size, as UTF-8."""

from __future__ import annotations

import os

from app.content.stored import MAX_STORED_BYTES, guides_dir, read_plain_file, stored_dir


def test_the_made_files_live_beside_the_guides():
    assert stored_dir().parent == guides_dir()
    assert any(guides_dir().glob("*.md"))


def test_a_regular_file_is_read_and_anything_else_is_not(tmp_path):
    path = tmp_path / "made.txt"
    path.write_text("café\n", encoding="utf-8")
    assert read_plain_file(path) == "café\n"
    assert read_plain_file(tmp_path / "missing.txt") is None
    assert read_plain_file(tmp_path) is None  # a folder
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    assert read_plain_file(link) is None
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert read_plain_file(fifo) is None
    assert read_plain_file(os.devnull) is None
    path.write_bytes(b"\xff\xfe")
    assert read_plain_file(path) is None


def test_a_file_larger_than_any_made_file_is_not_read(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * MAX_STORED_BYTES)
    assert read_plain_file(path) == "x" * MAX_STORED_BYTES
    with path.open("ab") as stream:
        stream.write(b"x")
    assert read_plain_file(path) is None
