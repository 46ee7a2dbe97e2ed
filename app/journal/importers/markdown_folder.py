"""A folder of Markdown files, one entry each (Obsidian daily notes, exports of other apps).

The entry's day comes from YAML-style front matter (`date: 2021-05-02`, with a time and
an offset if given) or else from the file's name (`2021-05-02.md`, `20210502 walk.md`);
a file with neither is left out with a reason. The title is the front matter's `title` or
the first line when it is a heading. Tags come from the front matter's `tags` (a list or
comma-separated) or else from #hashtags in the text. Pictures the text links to by a
relative path inside the folder come along. The file's path inside the folder is its id.

Front matter is read by a small reader of `key: value` lines and `- item` lists, never a
full YAML parser, so a hostile header cannot expand aliases or build objects. Links are
not followed: neither symlinked files nor folders, nor pictures outside the folder.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from pathlib import Path

from app.journal.attachments import SIZE_MAX
from app.journal.importers.common import (
    EntryProblem,
    check_day,
    clean_tags,
    clean_text,
    hashtags,
    long_day,
)
from app.journal.importers.limits import (
    BODY_MAX,
    FOLDER_DEPTH_MAX,
    FOLDER_FILES_MAX,
    ImportSourceError,
    read_bounded,
)
from app.journal.importers.types import ImportedEntry, ImportedPhoto, ParsedImport

SOURCE = "markdown"
SUFFIXES = (".md", ".markdown")
FRONT_MATTER_MAX = 64 * 1024
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]{0,40})\s*:\s*(.*?)\s*$")
_ITEM = re.compile(r"^\s+-\s+(.*?)\s*$|^-\s+(.*?)\s*$")
_IMAGE = re.compile(r"!\[[^\]\n]{0,200}\]\(\s*<?([^)>\s]{1,500})>?(?:\s+\"[^\"]*\")?\s*\)")
PHOTOS_PER_ENTRY_MAX = 50


def markdown_files(folder: Path) -> list[Path]:
    """The Markdown files under `folder`, sorted, no link followed, within the bounds."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        depth = len(Path(root).relative_to(folder).parts)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if depth < FOLDER_DEPTH_MAX \
            else []
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
                if len(found) > FOLDER_FILES_MAX:
                    raise ImportSourceError(f"{folder.name}: holds more than "
                                            f"{FOLDER_FILES_MAX:,} Markdown files.")
    return found


def parse_folder(folder: Path) -> ParsedImport:
    folder = Path(folder)
    files = markdown_files(folder)
    if not files:
        raise ImportSourceError(f"{folder.name}: holds no Markdown (.md) files.")
    entries, problems = [], []
    for number, path in enumerate(files, start=1):
        relative = path.relative_to(folder).as_posix()
        try:
            if path.is_symlink():
                raise EntryProblem("it is a link, which Hearth does not follow")
            data = read_bounded(path, BODY_MAX + FRONT_MATTER_MAX)
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise EntryProblem("it is not UTF-8 text") from None
            entries.append(parse_file(text, relative, number, folder=folder))
        except EntryProblem as exc:
            problems.append(f"{relative}: left out: {exc}")
        except ImportSourceError as exc:
            problems.append(f"{relative}: left out: {exc.message.split(': ', 1)[-1]}")
    return ParsedImport(source=SOURCE, entries=tuple(entries), left_out=tuple(problems))


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """(fields, the rest) for a text that opens with `---` front matter; ({}, text) else."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return {}, text
    text = text.replace("\r\n", "\n")
    end = -1
    for marker in ("\n---\n", "\n...\n", "\n---"):
        end = text.find(marker, 3, FRONT_MATTER_MAX)
        if end != -1 and (marker != "\n---" or text.endswith("\n---")):
            rest = text[end + len(marker):]
            break
        end = -1
    if end == -1:
        return {}, text
    fields: dict[str, object] = {}
    current: str | None = None
    for line in text[4:end].split("\n"):
        item = _ITEM.match(line)
        if item and current is not None:
            value = _unquote(item.group(1) if item.group(1) is not None else item.group(2))
            existing = fields.get(current)
            fields[current] = ([*existing] if isinstance(existing, list) else []) + [value]
            continue
        key = _KEY.match(line)
        if key:
            current = key.group(1).lower()
            value = key.group(2)
            if value.startswith("[") and value.endswith("]"):
                fields[current] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
            elif value:
                fields[current] = _unquote(value)
            else:
                fields[current] = []
    return fields, rest


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _moment(fields: dict, relative: str) -> datetime.datetime:
    value = fields.get("date") or fields.get("created")
    if isinstance(value, str) and value:
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise EntryProblem(f"its date “{value[:40]}” cannot be read") from None
        return moment.replace(microsecond=0)
    match = _NAME_DATE.search(Path(relative).name)
    if match:
        try:
            return datetime.datetime(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise EntryProblem("it has no date in its name or front matter")


def _front_true(value) -> bool:
    """Front matter is text: `starred: true` (or yes) marks the entry starred."""
    return isinstance(value, str) and value.strip().lower() in ("true", "yes")


def parse_file(text: str, relative: str, number: int, *,
               folder: Path | None = None) -> ImportedEntry:
    fields, body = split_front_matter(text)
    moment = _moment(fields, relative)
    day = check_day(moment.date())
    body = clean_text(body, "text").strip("\n")
    title = fields.get("title") if isinstance(fields.get("title"), str) else ""
    if not title:
        first, _, rest = body.partition("\n")
        heading = _HEADING.match(first)
        if heading:
            title, body = heading.group(1), rest.strip("\n")
    raw_tags = fields.get("tags", fields.get("tag"))
    if isinstance(raw_tags, str):
        raw_tags = [t for t in re.split(r"[,\s]+", raw_tags) if t]
    tags = clean_tags(raw_tags) if raw_tags else hashtags(body)
    starred = any(_front_true(fields.get(name)) for name in ("starred", "favorite", "favourite"))
    photos = _photos(body, relative, folder) if folder is not None else ()
    if not title and not body.strip():
        raise EntryProblem("it is empty")
    return ImportedEntry(
        date=day, moment=moment.isoformat(), title=" ".join(clean_text(title).split())[:200],
        body=body, tags=tags, starred=starred,
        label=f"{relative} ({long_day(day)})", key=relative, photos=photos,
    )


def _photos(body: str, relative: str, folder: Path) -> tuple[ImportedPhoto, ...]:
    base = (folder / relative).parent
    root = folder.resolve()
    found: dict[str, ImportedPhoto] = {}
    for match in _IMAGE.finditer(body):
        link = match.group(1)
        if "://" in link or link.startswith(("/", "data:", "attachment:")) or link in found:
            continue
        candidate = base / link.replace("%20", " ")
        try:
            resolved = candidate.resolve(strict=True)
            info = os.lstat(candidate)
        except (OSError, RuntimeError):
            continue
        if not resolved.is_relative_to(root) or not stat.S_ISREG(info.st_mode):
            continue

        def read(path=candidate):
            return read_bounded(path, SIZE_MAX)

        found[link] = ImportedPhoto(name=candidate.name, link=link, read=read,
                                    digest=f"{info.st_size}:{int(info.st_mtime)}")
        if len(found) >= PHOTOS_PER_ENTRY_MAX:
            break
    return tuple(found.values())
