"""One writer per data folder: an OS-level lock the OS releases if the process dies."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from app.errors import AlreadyRunningError, DataFolderError

LOCK_NAME = ".hearth.lock"


class InstanceLock:
    """Hold an exclusive, non-blocking lock on `<data_dir>/.hearth.lock` (or on another
    lock file of the data folder, `name`, with `busy_message` when it is taken)."""

    def __init__(self, data_dir: Path, *, name: str = LOCK_NAME,
                 busy_message: str = "Hearth is already open for this data folder.",
                 busy_error: type[Exception] = AlreadyRunningError):
        self.path = Path(data_dir) / name
        self._fd: int | None = None
        self._busy = (busy_error, busy_message)

    def acquire(self) -> None:
        # Never through a link, and never a FIFO or device put in its place.
        flags = (os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.ENXIO, errno.EISDIR):
                raise  # a read-only folder, say: the caller knows what that means
            raise DataFolderError(
                f"Hearth cannot use {self.path.name} in its data folder: something other "
                "than its own lock file is there.") from exc
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise DataFolderError(
                f"Hearth cannot use {self.path.name} in its data folder: something other "
                "than its own lock file is there.")
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            error, message = self._busy
            raise error(message) from exc
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
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


if os.name == "nt":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
