"""Logging to a rotating file in the data folder. Messages never carry journal text:
services log what happened (ids, counts, file names), never what a person wrote."""

from __future__ import annotations

import errno
import logging
import os
import stat
from pathlib import Path

from app.paths import ensure_private_dir, log_dir

LOG_FILE_NAME = "hearth.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file(data_dir: Path) -> Path:
    return log_dir(data_dir) / LOG_FILE_NAME


class _OwnFileHandler(logging.FileHandler):
    """A log of at most `max_bytes` per file, the `backups` older ones beside it as
    hearth.log.1 (newest) to hearth.log.N, that opens only a regular file of its own: a
    link, FIFO or device put where the log belongs is never written through, followed or
    chmodded.

    The rotation is written here rather than taken from logging.handlers, whose import
    (pickle, queues, sockets) cost each start more than building the window's menus."""

    def __init__(self, path: Path, *, max_bytes: int, backups: int):
        self.max_bytes, self.backups = max_bytes, backups
        super().__init__(path, mode="a", encoding="utf-8")

    def _open(self):
        flags = (os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        fd = os.open(self.baseFilename, flags, 0o600)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(f"{self.baseFilename} is not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return open(fd, self.mode, encoding=self.encoding,  # noqa: SIM115
                    errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full_after(record):
                self._roll_over()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _full_after(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        line = f"{self.format(record)}{self.terminator}"
        self.stream.seek(0, os.SEEK_END)
        return 0 < self.stream.tell() and self.stream.tell() + len(line) >= self.max_bytes

    def _roll_over(self) -> None:
        self.stream.close()
        self.stream = None
        base = self.baseFilename
        for number in range(self.backups - 1, 0, -1):
            older = f"{base}.{number}"
            if os.path.lexists(older):
                os.replace(older, f"{base}.{number + 1}")
        os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send the root logger to `<data_dir>/logs/hearth.log` (1 MB x 5, owner-only). When
    something other than Hearth's own file stands there, Hearth runs without a log file
    rather than write through it, and returns None."""
    folder = ensure_private_dir(log_dir(data_dir))
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_hearth", False):
            root.removeHandler(handler)
            handler.close()
    try:
        handler = _OwnFileHandler(path, max_bytes=1_000_000, backups=5)
    except OSError as exc:
        why = ("the disk is read-only" if exc.errno == errno.EROFS
               else f"{path.name} is not Hearth's")
        logging.getLogger(__name__).warning("no log file: %s", why)
        return None
    handler._hearth = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    # A log line that cannot be written (a full disk) is dropped, not printed to the
    # terminal as a traceback over the message that matters.
    logging.raiseExceptions = False
    # Peewee logs every SQL statement with its parameters at DEBUG: never let that through.
    logging.getLogger("peewee").setLevel(logging.WARNING)
    return path
