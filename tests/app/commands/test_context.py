"""A command that writes, on a data folder that cannot take a write: refused up front in
words that say why, with nothing changed. Real disks: a tmpfs remounted read-only, and a
small tmpfs filled to the last block (both need root; skipped where mounting is refused)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest

from app.context import open_app
from tests.helpers.output_targets import fill, listing, small_disk
from tests.helpers.paths import ROOT
from tests.helpers.safety import make_journal

WRITING_COMMANDS = (
    ("journal", "create", "Second"),
    ("journal", "rename", "--journal", "Ours", "Renamed"),
    ("journal", "write", "--journal", "Ours", "--title", "Tonight"),
    ("backup",),
)


def _hearth(folder, *args):
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(folder), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          input="we cooked together\n")


def _folder(mount):
    folder = mount / "data"
    context = open_app(folder)
    make_journal(context, passphrase=None, entries=1)
    context.close()
    return folder


def _contents(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@contextlib.contextmanager
def _read_only(mount):
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True, timeout=30)
    try:
        yield
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True, timeout=30)


@pytest.mark.parametrize("command", WRITING_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_read_only_folder_refuses_a_write_saying_so(tmp_path, command):
    with small_disk(tmp_path / "disk", "8m") as mount:
        folder = _folder(mount)
        before = _contents(folder)
        with _read_only(mount):
            result = _hearth(folder, *command)
            assert result.returncode == 2, result
            assert result.stderr.count("\n") == 1
            assert "data folder is read-only" in result.stderr
            assert "unable to open" not in result.stderr and "Traceback" not in result.stderr
            listed = _hearth(folder, "journal", "list")  # reading still works
            assert listed.returncode == 0 and "Ours" in listed.stdout
        assert _contents(folder) == before


@pytest.mark.parametrize("command", WRITING_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_full_disk_refuses_a_write_saying_so(tmp_path, command):
    with small_disk(tmp_path / "disk", "4m") as mount:
        folder = _folder(mount)
        fill(mount)
        before, files = _contents(folder), listing(folder)
        result = _hearth(folder, *command)
        assert result.returncode == 2, result
        assert "the disk is full" in result.stderr and "Traceback" not in result.stderr
        assert _contents(folder) == before and listing(folder) == files
        (mount / "filler").unlink()
        assert _hearth(folder, *command).returncode == 0  # with room again, it works


@pytest.mark.parametrize("free_kb", [8, 64, 160])
def test_a_disk_with_a_little_room_left_refuses_a_write_before_making_any_file(
        tmp_path, free_kb):
    # Enough for a small probe, not for a save: SQLite would make its log and index
    # beside the database, then fail part way with words that named neither.
    with small_disk(tmp_path / "disk", "4m") as mount:
        folder = _folder(mount)
        fill(mount)
        with open(mount / "filler", "r+b") as handle:
            handle.truncate(max(0, handle.seek(0, 2) - free_kb * 1024))
        before, files = _contents(folder), listing(folder)
        for command in WRITING_COMMANDS:  # backup too: refused once, before any copy
            result = _hearth(folder, *command)
            assert result.returncode == 2, result
            assert "the disk is full" in result.stderr, result.stderr
        assert _contents(folder) == before and listing(folder) == files


def test_a_disk_out_of_file_entries_refuses_a_write_saying_it_is_full(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m,nr_inodes=60", "tmpfs",
                              str(folder)], capture_output=True, timeout=30)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {mounted.stderr.decode().strip()}")
    try:
        data = _folder(folder)
        number = 0
        with contextlib.suppress(OSError):
            while True:  # take every file entry left
                (folder / f"entry-{number}").touch()
                number += 1
        (folder / "entry-0").unlink()  # one entry left: not enough for SQLite's two files
        before, files = _contents(data), listing(data)
        for command in WRITING_COMMANDS:
            result = _hearth(data, *command)
            assert result.returncode == 2 and "the disk is full" in result.stderr, result
        assert _contents(data) == before and listing(data) == files
        window = subprocess.run(  # the window still opens, for reading
            [sys.executable, "-m", "ui", "--data-dir", str(data), "--smoke-test"], cwd=ROOT,
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert window.returncode == 0, window.stdout + window.stderr
        assert [name for name in listing(data) if name != "logs"] == files  # no -wal, -shm
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, timeout=30, check=True)
