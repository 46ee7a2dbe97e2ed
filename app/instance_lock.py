"""The data folder's OS-level locks, which the OS releases if the process dies: one window
per folder (`InstanceLock`), and `FolderUse`, held shared by every process that has the
folder's databases open and exclusively by a restore (and, for a moment, by a journal's
delete), so neither swaps or removes a file under a command that is writing to it."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

from app.errors import (
    AlreadyRunningError,
    CommandRunningError,
    DatabaseBusyError,
    DataFolderError,
)

LOCK_NAME = ".hearth.lock"
USE_LOCK_NAME = ".hearth.users"
# How long a command waits for a restore to finish, and a restore for commands to finish.
USE_WAIT_SECONDS = 30.0
RESTORE_WAIT_SECONDS = 10.0
# Who holds a lock, written after its pid: the window, or a command, which ends by itself.
WINDOW, COMMAND = "window", "command"
COMMAND_BUSY = ("Another hearth command is using this data folder; try again once it has "
                "finished.")


class InstanceLock:
    """Hold an exclusive, non-blocking lock on `<data_dir>/.hearth.lock` (or on another
    lock file of the data folder, `name`, with `busy_message` when it is taken).

    The holder writes its pid and `holder` (WINDOW or COMMAND) into the file, so a window
    or command refused the folder's lock can say whether a window has it, or a command
    that will be done in a moment (CommandRunningError)."""

    def __init__(self, data_dir: Path, *, name: str = LOCK_NAME,
                 busy_message: str = "Hearth is already open for this data folder.",
                 busy_error: type[Exception] = AlreadyRunningError, holder: str = WINDOW):
        self.path = Path(data_dir) / name
        self._fd: int | None = None
        self._busy = (busy_error, busy_message)
        self._holder = holder

    def acquire(self) -> None:
        fd = _open_lock_file(self.path)
        try:
            _lock(fd)
        except OSError as exc:
            other = _holder_of(fd)
            os.close(fd)
            if other == COMMAND and self.path.name == LOCK_NAME:
                raise CommandRunningError(COMMAND_BUSY) from exc
            error, message = self._busy
            raise error(message) from exc
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {self._holder}".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _holder_of(fd: int) -> str:
    """Who holds the lock whose file is `fd`, as its holder wrote it ("" when unsaid)."""
    try:
        text = os.pread(fd, 64, 0).decode("ascii", "replace")
    except OSError:
        return ""
    return text.partition(" ")[2].strip()


def _open_lock_file(path: Path) -> int:
    # Never through a link, and never a FIFO or device put in its place.
    flags = (os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.ENXIO, errno.EISDIR):
            raise  # a read-only folder, say: the caller knows what that means
        raise DataFolderError(
            f"Hearth cannot use {path.name} in its data folder: something other "
            "than its own lock file is there.") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise DataFolderError(
            f"Hearth cannot use {path.name} in its data folder: something other "
            "than its own lock file is there.")
    return fd


class FolderUse:
    """`<data_dir>/.hearth.users`, held shared while this process has the folder's
    databases open (`exclusive=False`) or exclusively while it restores a backup.

    A shared holder waits up to USE_WAIT_SECONDS for a restore under way; a restore waits
    up to RESTORE_WAIT_SECONDS for the commands using the folder, then says so. On a folder
    that cannot take writes (no lock file can be made there) a shared use holds nothing:
    nothing can be restored there either."""

    def __init__(self, data_dir: Path, *, exclusive: bool = False):
        self.path = Path(data_dir) / USE_LOCK_NAME
        self.exclusive = exclusive
        self._fd: int | None = None

    def acquire(self) -> FolderUse:
        try:
            fd = _open_lock_file(self.path)
        except PermissionError:
            if self.exclusive:
                raise
            return self
        except OSError as exc:
            if self.exclusive or exc.errno not in (errno.EROFS, errno.EACCES, errno.ENOENT):
                raise
            return self
        wait = RESTORE_WAIT_SECONDS if self.exclusive else USE_WAIT_SECONDS
        deadline = time.monotonic() + wait
        while True:
            try:
                _lock_use(fd, self.exclusive)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise DatabaseBusyError(
                        "Another Hearth command is using this data folder (an import, a "
                        "journal write or a backup); nothing was restored. Try again when "
                        "it has finished." if self.exclusive else
                        "A backup is being restored, or a journal deleted or re-encrypted, "
                        "in this data folder; try again when it has finished.") from None
                time.sleep(0.05)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            if self.exclusive or os.name != "nt":
                _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    @contextlib.contextmanager
    def exclusively(self, busy_message: str):
        """Hold this shared use alone for the block (a journal's delete): wait up to
        RESTORE_WAIT_SECONDS for every other process using the folder to finish, else
        raise DatabaseBusyError(`busy_message`) with the shared use held again."""
        if self._fd is None:  # a folder that cannot take writes: nothing is written there
            yield
            return
        if os.name == "nt":  # pragma: no cover - shared uses hold nothing on Windows
            with FolderUse(self.path.parent, exclusive=True):
                yield
            return
        deadline = time.monotonic() + RESTORE_WAIT_SECONDS
        while True:
            try:
                _lock_use(self._fd, True)
                break
            except OSError:
                # A conversion that fails may have let the shared lock go: take it again.
                fcntl.flock(self._fd, fcntl.LOCK_SH)
                if time.monotonic() >= deadline:
                    raise DatabaseBusyError(busy_message) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_SH)  # from exclusive: never waits

    def __enter__(self) -> FolderUse:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


if os.name == "nt":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _lock_use(fd: int, exclusive: bool) -> None:
        # Windows has no shared byte-range locks through msvcrt: only a restore takes the
        # lock there, and the window's own lock keeps it from running beside the window.
        if exclusive:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _lock_use(fd: int, exclusive: bool) -> None:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
