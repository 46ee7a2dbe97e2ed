"""Read a calendar file's bytes within bounds: at most MAX_FILE_BYTES, and never forever.

Reading stops one byte past MAX_FILE_BYTES whatever the file claims to be: `stat` says 0
for a device or a pipe, so the limit is kept while reading, in chunks. Pipes, FIFOs and
devices are opened without blocking and waited on: if nothing arrives for WAIT_SECONDS,
or the whole file has not arrived after READ_SECONDS, the file is refused in words (a
FIFO nobody writes to would otherwise hold the import forever). "-" is standard input.
"""

from __future__ import annotations

import os
import select
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.errors import HearthError

MAX_FILE_BYTES = 10 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
WAIT_SECONDS = 5.0
READ_SECONDS = 30.0
STDIN = "-"
STDIN_NAME = "standard input"
_MEGABYTE = 1024 * 1024


class IcsError(HearthError):
    """A calendar file that cannot be read or written as a whole."""


def read_file(path: Path | str, *, clock: Callable[[], float] = time.monotonic) -> bytes:
    """The bytes of `path` ("-": standard input), at most MAX_FILE_BYTES of them; raises
    IcsError for a file that is missing, too large, not a file, or slow to arrive."""
    if str(path) == STDIN:
        return read_stdin(clock=clock)
    path = Path(path)
    # Without O_NONBLOCK, opening a FIFO waits for a writer, possibly forever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise IcsError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise IcsError(f"{path} is a folder, not a calendar file.") from None
    except OSError as exc:
        raise IcsError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IcsError(f"{path} is a folder, not a calendar file.")
        return _read_fd(fd, path.name if stat.S_ISREG(mode) else str(path), mode, clock)
    except OSError as exc:
        raise IcsError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    finally:
        os.close(fd)


def display_name(path: Path | str) -> str:
    """What messages call the file at `path`: a file by its name, a device or a pipe by
    its path ("/dev/zero"), standard input as such."""
    if str(path) == STDIN:
        return STDIN_NAME
    path = Path(path)
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        regular = True
    return path.name if regular else str(path)


def read_stdin(*, stream=None, clock: Callable[[], float] = time.monotonic) -> bytes:
    """Standard input's bytes, read like a file (same limit, same waiting)."""
    stream = stream if stream is not None else sys.stdin
    try:
        fd = stream.fileno()
    except (AttributeError, ValueError, OSError):
        raise IcsError("There is no standard input to read a calendar from.") from None
    try:
        if os.isatty(fd):
            raise IcsError("Standard input is a terminal; send the calendar file into it, "
                           "e.g. hearth import-ics - < plans.ics")
        return _read_fd(fd, STDIN_NAME, os.fstat(fd).st_mode, clock)
    except OSError as exc:
        raise IcsError(f"Standard input cannot be read: {exc.strerror or exc}.") from None


def _read_fd(fd: int, name: str, mode: int, clock: Callable[[], float]) -> bytes:
    if stat.S_ISREG(mode):
        size = os.fstat(fd).st_size
        if size > MAX_FILE_BYTES:
            raise too_large(name, size)
        return _read_regular(fd, name)
    if not hasattr(select, "poll"):
        if name != STDIN_NAME:
            raise IcsError(f"{name} is not a file but a device or a pipe; save the calendar "
                           "to a file first.")
        # No way to wait on a pipe here: read it as it comes, the limit still kept.
        return _read_regular(fd, name)
    return _read_stream(fd, name, clock)


def _read_regular(fd: int, name: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_FILE_BYTES:
        # A file growing while it is read must not get past the limit either.
        chunk = os.read(fd, min(CHUNK_BYTES, MAX_FILE_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_FILE_BYTES:
        raise too_large(name, None)
    return b"".join(chunks)


def _read_stream(fd: int, name: str, clock: Callable[[], float]) -> bytes:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    chunks: list[bytes] = []
    total = 0
    started = last = clock()
    while total <= MAX_FILE_BYTES:
        now = clock()
        if now - started >= READ_SECONDS:
            raise IcsError(f"{name} was still arriving after {READ_SECONDS:.0f} seconds; "
                           "Hearth stopped waiting. Save the calendar to a file first.")
        wait = min(WAIT_SECONDS - (now - last), READ_SECONDS - (now - started))
        ready = poller.poll(max(1, int(wait * 1000))) if wait > 0 else []
        if not ready:
            if clock() - last < WAIT_SECONDS:
                continue
            what = "Nothing arrived from" if not total else "Nothing more arrived from"
            raise IcsError(f"{what} {name} for {WAIT_SECONDS:.0f} seconds; Hearth stopped "
                           "waiting (is anything writing to it?).")
        if ready[0][1] & select.POLLNVAL:
            # Some systems cannot wait on a device at all; asking again would only spin.
            raise IcsError(f"{name} is a device Hearth cannot wait on; save the calendar "
                           "to a file first.")
        try:
            chunk = os.read(fd, min(CHUNK_BYTES, MAX_FILE_BYTES + 1 - total))
        except BlockingIOError:
            continue
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        last = clock()
    if total > MAX_FILE_BYTES:
        raise too_large(name, None)
    return b"".join(chunks)


def too_large(name: str, size: int | None) -> IcsError:
    limit = MAX_FILE_BYTES // _MEGABYTE
    if size is None:
        return IcsError(f"{name} is larger than {limit} MB; Hearth reads calendar files of "
                        f"up to {limit} MB.")
    return IcsError(f"{name} is {size / _MEGABYTE:.1f} MB; Hearth reads calendar files of "
                    f"up to {limit} MB.")
