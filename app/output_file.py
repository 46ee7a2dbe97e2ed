"""Write a file the person named without replacing anything that is not Hearth's to replace.

Where the bytes go depends on what the name points at, looked at with `os.lstat`:

- the string `-`: standard output, so an export can be piped (`hearth export-ics - | grep`);
- a character device (/dev/null, a terminal) or a FIFO: written in place, opened for writing
  without being created, truncated, renamed over or chmodded; opening a FIFO waits until
  something reads it;
- a symlink: followed, so the file it points at is replaced and the link stays; a dangling
  link creates its target when the target's folder exists;
- an ordinary file, or nothing yet: replaced atomically. The bytes go to an owner-only (0600)
  temporary file in the target's own folder, are fsynced and renamed onto the target, so
  readers see the old file or the new one, never half of one; any failure (a full disk, a
  writer that raises part way) removes the temporary file and leaves the old file as it was;
- a folder, a block device, a socket, or a name whose folder does not exist: refused with
  `OutputError`, a one-line message, before anything is written.

A name under /dev or /proc that leads to an ordinary file (`/dev/stdout` when the shell sent
standard output to a file, `/proc/self/fd/3`) is an open descriptor, not a place to put a new
file: it is appended to in place, never renamed over. A link that another user left in a
shared sticky folder such as /tmp is not followed, as the kernel's own protected_symlinks
rule would refuse it. Nothing inside a data folder Hearth has open is ever written: an export
must not land on Hearth's own databases.

Only the `str` "-" means standard output: `Path("-")` and "./-" name a file called "-".
"""

from __future__ import annotations

import contextlib
import enum
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.data_folders import protected_folder_holding
from app.db_files import fsync_dir
from app.errors import ValidationError

STDOUT = "-"
FILE_MODE = 0o600
FOLDER_MODE = 0o700

# A terminal opened here must not become the process's controlling terminal; Windows needs
# binary mode spelled out. Both flags are absent where they mean nothing.
_IN_PLACE_FLAGS = (os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
                   | getattr(os, "O_BINARY", 0))


class OutputError(ValidationError):
    """A named output that Hearth refuses, or that cannot be written; the message is one line."""

    def __init__(self, message: str):
        super().__init__(message, field="path")


# Names here lead to open descriptors, whatever they point at.
_DESCRIPTOR_ROOTS = ("/dev/", "/proc/")


class Kind(enum.Enum):
    STDOUT = "standard output"
    NEW = "a file still to be created"
    FILE = "an ordinary file"
    OPEN_FILE = "an ordinary file reached through an open descriptor"
    DEVICE = "a character device"
    FIFO = "a FIFO"
    FOLDER = "a folder"
    OTHER = "neither a file, a folder, a character device nor a FIFO"


@dataclass(frozen=True)
class Target:
    """What a name points at: `path` is where the bytes go (a symlink's final target),
    None for standard output; `named` is the name as given, for messages."""

    named: str
    kind: Kind
    path: Path | None


def is_stdout(target: str | os.PathLike) -> bool:
    return isinstance(target, str) and target == STDOUT


def is_stream(target: str | os.PathLike) -> bool:
    """Whether the output goes to a stream rather than a file of its own (`-`,
    `/dev/stdout`, a FIFO, a device), so a command's own words must go to stderr and not
    into the data."""
    if is_stdout(target):
        return True
    try:
        return classify(target).kind in (Kind.OPEN_FILE, Kind.DEVICE, Kind.FIFO)
    except OutputError:
        return False


def shown(named: str) -> str:
    """A name as a one-line message may show it: control characters made visible, and a
    very long name shortened."""
    text = "".join(c if c.isprintable() else "?" for c in named)
    return text if len(text) <= 200 else f"{text[:120]}…{text[-60:]}"


def classify(target: str | os.PathLike) -> Target:
    """What `target` points at now. Raises OutputError only when it cannot be looked at
    (a symlink loop, a folder that may not be searched)."""
    if is_stdout(target):
        return Target(STDOUT, Kind.STDOUT, None)
    named = os.fspath(target)
    if named == "":
        raise OutputError("No file name was given.")
    path = Path(os.path.abspath(named))
    with _as_output_error(named):
        try:
            mode = os.lstat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return Target(named, Kind.NEW, path)
        if stat.S_ISLNK(mode):
            _refuse_foreign_link(named, path)
            try:
                mode = os.stat(path).st_mode  # the kernel follows it, magic links too
            except FileNotFoundError:
                return Target(named, Kind.NEW, Path(os.path.realpath(path)))
            if stat.S_ISREG(mode) and named.startswith(_DESCRIPTOR_ROOTS):
                return Target(named, Kind.OPEN_FILE, path)
            if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
                path = Path(os.path.realpath(path, strict=True))
    if stat.S_ISREG(mode):
        kind = Kind.OPEN_FILE if named.startswith(_DESCRIPTOR_ROOTS) else Kind.FILE
    elif stat.S_ISCHR(mode):
        kind = Kind.DEVICE
    elif stat.S_ISFIFO(mode):
        kind = Kind.FIFO
    elif stat.S_ISDIR(mode):
        kind = Kind.FOLDER
    else:
        kind = Kind.OTHER
    return Target(named, kind, path)


def _refuse_foreign_link(named: str, link: Path) -> None:
    """The kernel's protected_symlinks rule, kept even where it is switched off: a link in
    a sticky, world-writable folder is followed only when its owner is us or the folder's."""
    if os.name != "posix":
        return
    folder = os.stat(link.parent)
    if not (folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH):
        return
    owner = os.lstat(link).st_uid
    if owner not in (os.geteuid(), folder.st_uid):
        raise OutputError(f"{shown(named)} is a link another user made in a shared folder; "
                          "Hearth will not follow it.")


def _refuse_protected(found: Target) -> None:
    # Data folders open in this process (app.data_folders): outputs never go inside them.
    if found.path is not None and protected_folder_holding(found.path) is not None:
        raise OutputError(f"{shown(found.named)} is inside Hearth's data folder; "
                          "choose a place outside it.")


def check_output(target: str | os.PathLike) -> Target:
    """Classify `target` and refuse what cannot take a file's bytes, before the (possibly
    slow) work of making them."""
    found = classify(target)
    name = shown(found.named)
    if found.kind is Kind.FOLDER:
        raise OutputError(f"{name} is a folder; name a file to write.")
    if found.kind is Kind.OTHER:
        raise OutputError(f"{name} is {Kind.OTHER.value}; Hearth will not write to it.")
    if found.kind in (Kind.NEW, Kind.FILE) and found.named.endswith(("/", os.sep)):
        raise OutputError(f"{name} ends with a slash, but it is not a folder.")
    _refuse_protected(found)
    if found.kind is Kind.NEW:
        _require_folder(found)
    return found


def write_output(target: str | os.PathLike, data: bytes | Iterable[bytes]) -> Target:
    """Write `data` (bytes, or chunks of them) where `target` points; see the module's
    docstring. An exception from the chunks' producer passes through unchanged."""
    found = check_output(target)
    chunks = (data,) if isinstance(data, bytes | bytearray | memoryview) else data
    if found.kind is Kind.STDOUT:
        _write_stdout(chunks)
    elif found.kind in (Kind.DEVICE, Kind.FIFO, Kind.OPEN_FILE):
        _write_in_place(found, chunks)
    else:
        _write_replacing(found, chunks)
    return found


def output_folder(target: str | os.PathLike) -> Path:
    """The folder `target` names for one file per entry, created owner-only (0700) when
    missing; a symlink to a folder is followed. Returns `target` as a Path."""
    if is_stdout(target):
        raise OutputError("One file per entry needs a folder, not standard output.")
    found = classify(target)
    _refuse_protected(found)
    if found.kind is Kind.NEW:
        _require_folder(found)
        with _as_output_error(found.named):
            os.mkdir(found.path, FOLDER_MODE)
            os.chmod(found.path, FOLDER_MODE)  # mkdir's mode is cut by the umask
    elif found.kind is not Kind.FOLDER:
        raise OutputError(f"{shown(found.named)} is not a folder; choose a folder for one "
                          "file per entry.")
    return Path(os.fspath(target))


def _require_folder(found: Target) -> None:
    if not found.path.parent.is_dir():
        raise OutputError(f"The folder for {shown(found.named)} does not exist.")


@contextlib.contextmanager
def _as_output_error(named: str) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"{shown(named)} cannot be written: {reason}.") from None


def _write_all(fd: int, chunk: bytes) -> None:
    view = memoryview(chunk)
    while view:
        view = view[os.write(fd, view):]


def _write_stdout(chunks: Iterable[bytes]) -> None:
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        raise OutputError("There is no standard output to write to here.")
    try:
        stream.flush()  # text printed before keeps its place ahead of the bytes
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                # A pipe whose reader leaves mid-write makes write() return a short count
                # instead of raising; only the next call reports the broken pipe.
                view = view[buffer.write(view):]
        buffer.flush()
    except BrokenPipeError:
        # The reader left (`| head`). Point the descriptor at the null device so the
        # interpreter's own flush at exit does not fail a second time with a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
        raise OutputError("Standard output was closed before the export was written.") \
            from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"Standard output cannot be written: {reason}.") from None


def _write_in_place(found: Target, chunks: Iterable[bytes]) -> None:
    # An ordinary file behind a descriptor (`>> log`) is appended to, as the shell would.
    flags = _IN_PLACE_FLAGS | (os.O_APPEND if found.kind is Kind.OPEN_FILE else 0)
    with _as_output_error(found.named):
        fd = os.open(found.path, flags)
    try:
        mode = os.fstat(fd).st_mode
        # Swapped for something else since it was looked at: it was opened without
        # truncating, so nothing has been harmed yet.
        expected = stat.S_ISREG(mode) if found.kind is Kind.OPEN_FILE else (
            stat.S_ISCHR(mode) or stat.S_ISFIFO(mode))
        if not expected:
            raise OutputError(f"{found.named} changed while it was opened; nothing was "
                              "written.")
        for chunk in chunks:
            with _as_output_error(found.named):
                _write_all(fd, chunk)
    finally:
        os.close(fd)


def _write_replacing(found: Target, chunks: Iterable[bytes]) -> None:
    with staged_file(found, chunks):
        pass


@contextlib.contextmanager
def staged_file(found: Target, chunks: Iterable[bytes]) -> Iterator[None]:
    """Write `chunks` for the ordinary (or new) file `found` into an owner-only temporary
    file beside it, fsynced, and rename it into place when the block ends; if the block
    (or the writing) raises, the temporary file is removed and the file named is left as it
    was. So work that must succeed for the file to be worth keeping (a recovery kit's key
    put into effect) runs inside the block."""
    folder = found.path.parent
    with _as_output_error(found.named):
        # mkstemp creates the file 0600 and never follows or reuses an existing name; a
        # short name of its own leaves room for a target name of the longest kind.
        fd, temporary = tempfile.mkstemp(prefix=".hearth-", suffix=".part", dir=folder)
        owner = _owner_to_keep(found.path)
    try:
        with _as_output_error(found.named):
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)
            if owner is not None:
                os.fchown(fd, *owner)
        for chunk in chunks:
            with _as_output_error(found.named):
                _write_all(fd, chunk)
        with _as_output_error(found.named):
            os.fsync(fd)  # some file systems report a full disk only here
            closing, fd = fd, -1
            os.close(closing)
        yield
        with _as_output_error(found.named):
            os.replace(temporary, found.path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        # The new file is in place; a folder that cannot be synced (some network and FUSE
        # file systems) makes the rename less durable, not the export wrong.
        fsync_dir(folder)


def _owner_to_keep(path: Path) -> tuple[int, int] | None:
    """Run as root, replacing someone else's file keeps it theirs (still owner-only)."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    if info.st_uid == 0 and info.st_gid == 0:
        return None
    return info.st_uid, info.st_gid
