"""Read a calendar file's bytes within bounds, and check its outline before it is parsed.

Reading stops one byte past MAX_FILE_BYTES whatever the file claims to be: `stat` says 0
for a device or a pipe, so the limit is kept while reading, in chunks. Pipes, FIFOs and
devices are opened without blocking and waited on: if nothing arrives for WAIT_SECONDS,
or the whole file has not arrived after READ_SECONDS, the file is refused in words (a
FIFO nobody writes to would otherwise hold the import forever). "-" is standard input.

The outline is checked on the text before the parser sees it, so that the parser's work
stays proportional to what Hearth reads: BEGIN and END pair up, components nest at most
MAX_DEPTH deep, a file holds at most MAX_EVENTS events, MAX_TIMEZONES time zones with
MAX_ZONE_PARTS standard and daylight parts between them, and MAX_COMPONENTS components in
all, and no time zone name is longer than ZONE_ID_MAX.
Messages quote at most QUOTE_MAX characters of what the file holds.
"""

from __future__ import annotations

import os
import re
import select
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from app.errors import HearthError

MAX_FILE_BYTES = 10 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
WAIT_SECONDS = 5.0
READ_SECONDS = 30.0
STDIN = "-"
STDIN_NAME = "standard input"

MAX_DEPTH = 8
MAX_EVENTS = 5000
MAX_TIMEZONES = 100
MAX_ZONE_PARTS = 500
MAX_COMPONENTS = 20_000
# IANA names are at most about 30 characters, Outlook's descriptive ones about 80.
ZONE_ID_MAX = 256
QUOTE_MAX = 40

_MEGABYTE = 1024 * 1024
# The part of a content line before its value: its name and parameters, where a colon
# inside a quoted parameter value does not end it.
_HEAD = re.compile(r'(?:[^":]++|"[^"]*+")*+')
_TZID_PARAM = re.compile(r';TZID=("[^"]*+"|[^;]*+)', re.IGNORECASE)


class IcsError(HearthError):
    """A calendar file that cannot be read or written as a whole."""


def quote(text: str) -> str:
    """At most QUOTE_MAX characters of file content, for a message."""
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…"


# ----------------------------------------------------------------------------- bytes


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
        return _read_fd(fd, path.name, mode, clock)
    except OSError as exc:
        raise IcsError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    finally:
        os.close(fd)


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
            raise _too_large(name, size)
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
        raise _too_large(name, None)
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
        if wait <= 0 or not poller.poll(max(1, int(wait * 1000))):
            if clock() - last < WAIT_SECONDS:
                continue
            what = "Nothing arrived from" if not total else "Nothing more arrived from"
            raise IcsError(f"{what} {name} for {WAIT_SECONDS:.0f} seconds; Hearth stopped "
                           "waiting (is anything writing to it?).")
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
        raise _too_large(name, None)
    return b"".join(chunks)


def _too_large(name: str, size: int | None) -> IcsError:
    limit = MAX_FILE_BYTES // _MEGABYTE
    if size is None:
        return IcsError(f"{name} is larger than {limit} MB; Hearth reads calendar files of "
                        f"up to {limit} MB.")
    return IcsError(f"{name} is {size / _MEGABYTE:.1f} MB; Hearth reads calendar files of "
                    f"up to {limit} MB.")


# ----------------------------------------------------------------------------- outline


def outline(data: bytes, name: str) -> str:
    """The file's text once its outline is sound; raises IcsError saying what is wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name, None)
    if b"\x00" in data:
        raise IcsError(f"{name} is not a calendar (.ics) file: it holds binary data.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Outlook versions wrote the Windows code page.
        text = data.decode("cp1252", errors="replace")
    stripped = text.strip()
    if not stripped[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise IcsError(f"{name} is not a calendar (.ics) file: it does not start with "
                       "BEGIN:VCALENDAR.")
    if not stripped[-13:].upper().endswith("END:VCALENDAR"):
        raise IcsError(f"{name} is incomplete: it ends before END:VCALENDAR (was it cut off?).")
    _check_lines(text, name)
    return text


def _check_lines(text: str, name: str) -> None:
    """Every BEGIN needs its END, in order (the parser would otherwise guess quietly), and
    the counts and sizes stay within the limits above."""
    stack: list[tuple[str, int]] = []
    counts = {"VEVENT": 0, "VTIMEZONE": 0, "STANDARD": 0, "DAYLIGHT": 0}
    components = 0
    for number, line in _unfolded(text):
        if not line or line[0] in " \t":
            continue
        head, _, value = line.partition(":")
        head = head.strip().upper()
        if len(line) > ZONE_ID_MAX:
            _check_zone_names(line, number, name)
        if head == "BEGIN":
            value = value.strip().upper()
            stack.append((value, number))
            components += 1
            if value in counts:
                counts[value] += 1
            if len(stack) > MAX_DEPTH:
                raise IcsError(f"{name} is not a valid calendar file: components nest more "
                               f"than {MAX_DEPTH} deep at line {number}.")
            if components > MAX_COMPONENTS:
                raise IcsError(f"{name} holds more than {MAX_COMPONENTS:,} components "
                               "(events, alarms, time zones); Hearth reads up to that many.")
        elif head == "END":
            value = value.strip().upper()
            if not stack:
                raise IcsError(f"{name} is not a valid calendar file: END:{quote(value)} on "
                               f"line {number} closes nothing.")
            opened, at = stack.pop()
            if opened != value:
                raise IcsError(f"{name} is not a valid calendar file: BEGIN:{quote(opened)} "
                               f"on line {at} is closed by END:{quote(value)} on line "
                               f"{number}.")
    if stack:
        opened, at = stack[-1]
        raise IcsError(f"{name} is incomplete: BEGIN:{quote(opened)} on line {at} is never "
                       "closed.")
    if counts["VEVENT"] > MAX_EVENTS:
        raise IcsError(f"{name} holds {counts['VEVENT']:,} events; Hearth imports up to "
                       f"{MAX_EVENTS:,} at a time. Export a shorter span of dates and import "
                       "each file.")
    if counts["VTIMEZONE"] > MAX_TIMEZONES:
        raise IcsError(f"{name} defines {counts['VTIMEZONE']:,} time zones; Hearth reads "
                       f"files with up to {MAX_TIMEZONES}.")
    parts = counts["STANDARD"] + counts["DAYLIGHT"]
    if parts > MAX_ZONE_PARTS:
        raise IcsError(f"{name} defines time zones in {parts:,} parts (STANDARD and "
                       f"DAYLIGHT); Hearth reads files with up to {MAX_ZONE_PARTS}.")


def _unfolded(text: str) -> Iterator[tuple[int, str]]:
    """Content lines with their folds undone, each numbered by the line it starts on."""
    lines = re.split(r"\r?\n", text)
    index = 0
    while index < len(lines):
        number = index + 1
        line = lines[index]
        index += 1
        if index < len(lines) and lines[index][:1] in (" ", "\t"):
            pieces = [line]
            while index < len(lines) and lines[index][:1] in (" ", "\t"):
                pieces.append(lines[index][1:])
                index += 1
            line = "".join(pieces)
        yield number, line


def _check_zone_names(line: str, number: int, name: str) -> None:
    """Refuse a time zone name no calendar app writes: looking a name up costs the parser
    time in proportion to its length times its number of slashes."""
    head = _HEAD.match(line).group(0)
    lengths = [len(match.group(1).strip('"')) for match in _TZID_PARAM.finditer(head)]
    if head.split(";", 1)[0].strip().upper() == "TZID":
        lengths.append(len(line) - len(head) - 1)
    longest = max(lengths, default=0)
    if longest > ZONE_ID_MAX:
        raise IcsError(f"{name} names a time zone {longest:,} characters long on line "
                       f"{number}; Hearth reads names of up to {ZONE_ID_MAX}.")
