"""Real things to export into: a character device, a FIFO with a reader, a small full disk."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

NULL_DEVICE = (1, 3)  # the numbers of /dev/null on Linux
# A safety net against a hung test, not a timing claim: joins normally end at once.
JOIN_LIMIT_S = 60


def make_char_device(path: Path) -> os.stat_result:
    """A null device at `path` (needs root); returns its stat for comparing afterwards."""
    if not hasattr(os, "mknod"):
        pytest.skip("this platform has no device files")
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(*NULL_DEVICE))
    except PermissionError:
        pytest.skip("making a device file needs root")
    return os.lstat(path)


def assert_same_device(path: Path, before: os.stat_result) -> None:
    after = os.lstat(path)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_mode, after.st_rdev, after.st_ino) == (
        before.st_mode, before.st_rdev, before.st_ino)


class FifoReader:
    """A FIFO at `path` whose every byte a thread reads (up to `limit`, then it hangs up)."""

    def __init__(self, path: Path, *, limit: int | None = None):
        if not hasattr(os, "mkfifo"):
            pytest.skip("this platform has no FIFOs")
        os.mkfifo(path)
        self.path = path
        self.data = b""
        self._limit = limit
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        with open(self.path, "rb") as handle:  # waits here for a writer
            if self._limit is None:
                self.data = handle.read()
            else:
                self.data = handle.read(self._limit)

    def join(self) -> bytes:
        """The bytes read, once the writer has closed (or the limit was reached)."""
        self._thread.join(JOIN_LIMIT_S)
        assert not self._thread.is_alive()
        return self.data


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "64k") -> Iterator[Path]:
    """A tmpfs of `size` mounted on `folder` (needs root), unmounted afterwards."""
    folder.mkdir(exist_ok=True)
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                                  str(folder)], capture_output=True, timeout=30)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        pytest.skip("cannot mount a small disk here")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, timeout=30, check=True)


def fill(folder: Path) -> None:
    """Take every free block of the disk holding `folder`."""
    with open(folder / "filler", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))
