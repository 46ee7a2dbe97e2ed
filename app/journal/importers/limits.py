"""What an import may cost, and reads that keep to it: files, JSON and zip members.

A hostile export (a zip bomb, a JSON file of endless brackets, a member named
`../../.bashrc`, a FIFO) is refused in one line before it costs more than these bounds.
A zip is never unpacked onto the disk: members are read into memory one at a time, each
at most its limit however large its header says it is, so no name inside can write a file.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from app.journal.attachments import SIZE_MAX
from app.journal.importers.types import ImportSourceError

TEXT_MAX = 64 * 1024 * 1024  # a JSON or text export
ENTRIES_MAX = 100_000
BODY_MAX = 1024 * 1024  # one entry's text, as `hearth journal write` allows
ZIP_MEMBERS_MAX = 100_000
# Real photos and JSON compress at most about 10:1; a bomb compresses a thousandfold.
ZIP_RATIO_MAX = 200
FOLDER_FILES_MAX = 100_000
FOLDER_DEPTH_MAX = 12


def read_bounded(path: Path, limit: int = TEXT_MAX) -> bytes:
    """A regular file's bytes, refused when over `limit` (FIFOs and devices are refused:
    an export is a file)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ImportSourceError(f"{path.name}: cannot be read ({exc.strerror}).") from None
    if not stat.S_ISREG(info.st_mode):
        raise ImportSourceError(f"{path.name}: is not a file Hearth can import.")
    if info.st_size > limit:
        raise ImportSourceError(f"{path.name}: is larger than {limit // (1024 * 1024)} MB.")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ImportSourceError(f"{path.name}: cannot be read ({exc.strerror}).") from None
    if len(data) > limit:
        raise ImportSourceError(f"{path.name}: is larger than {limit // (1024 * 1024)} MB.")
    return data


def decode_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportSourceError(f"{name}: is not UTF-8 text.") from None


def load_json(data: bytes, name: str):
    """Parse JSON; bad syntax and nesting too deep for Python both become one line."""
    text = decode_text(data, name)
    try:
        return json.loads(text)
    except RecursionError:
        raise ImportSourceError(f"{name}: is nested too deeply to be an export.") from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise ImportSourceError(f"{name}: is not valid JSON{where}.") from None


def safe_member_name(name: str) -> str | None:
    """The member's path inside the zip, or None when it would point outside it."""
    if "\\" in name or name.startswith("/") or "\x00" in name:
        return None
    parts = PurePosixPath(name).parts
    if not parts or any(part in ("..", "") for part in parts) or ":" in parts[0]:
        return None
    return "/".join(parts)


class BoundedZip:
    """A zip archive read member by member within the limits above."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ImportSourceError(f"{self.path.name}: is not a readable zip file.") from exc
        infos = self._zip.infolist()
        if len(infos) > ZIP_MEMBERS_MAX:
            self._zip.close()
            raise ImportSourceError(f"{self.path.name}: holds more than "
                                    f"{ZIP_MEMBERS_MAX:,} files.")
        self.members: dict[str, zipfile.ZipInfo] = {}
        self.unsafe: list[str] = []
        self.links: list[str] = []  # symbolic links: their bytes are a path, not a file
        for info in infos:
            if info.is_dir():
                continue
            safe = safe_member_name(info.filename)
            if stat.S_ISLNK(info.external_attr >> 16):
                self.links.append(info.filename)
            elif safe is None:
                self.unsafe.append(info.filename)
            else:
                self.members.setdefault(safe, info)

    def read(self, name: str, limit: int = SIZE_MAX) -> bytes:
        info = self.members.get(name)
        if info is None:
            raise ImportSourceError(f"{name}: is not in {self.path.name}.")
        if info.file_size > limit:
            raise ImportSourceError(f"{name}: is larger than {limit // (1024 * 1024)} MB.")
        if info.compress_size and info.file_size / info.compress_size > ZIP_RATIO_MAX:
            raise ImportSourceError(f"{name}: unpacks to far more than it holds "
                                    "(a zip bomb?).")
        try:
            with self._zip.open(info) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError,
                NotImplementedError, RuntimeError) as exc:
            raise ImportSourceError(f"{name}: cannot be read from {self.path.name}.") from exc
        if len(data) > limit:
            raise ImportSourceError(f"{name}: is larger than {limit // (1024 * 1024)} MB.")
        if len(data) > max(info.compress_size, 1) * ZIP_RATIO_MAX:
            raise ImportSourceError(f"{name}: unpacks to far more than it holds "
                                    "(a zip bomb?).")
        return data

    def close(self) -> None:
        self._zip.close()
