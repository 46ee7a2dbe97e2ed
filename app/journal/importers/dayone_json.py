"""Day One's JSON export: the .zip (`Journal.json` or `<journal name>.json`, and `photos/`)
or the bare JSON file.

Shape (Day One's export, version 1.0): `{"metadata": {"version": "1.0"}, "entries": [...]}`,
each entry with `uuid`, `creationDate` (UTC, "2021-05-02T16:30:00Z"), `timeZone` (an IANA
name), `text` (Markdown whose special characters Day One escapes: `\\.`, `\\-`...), `tags`,
`starred`, and `photos`: `{"identifier", "md5", "type"}`, stored in the zip as
`photos/<md5>.<type>` and shown in the text as `![](dayone-moment://<identifier>)`. A first
line that is a heading ("# Title") becomes the entry's title.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.journal.importers.common import (
    EntryProblem,
    as_bool,
    check_day,
    clean_tags,
    clean_text,
    local_moment,
    long_day,
)
from app.journal.importers.limits import ENTRIES_MAX, TEXT_MAX, BoundedZip, load_json
from app.journal.importers.types import (
    ImportedEntry,
    ImportedPhoto,
    ImportSourceError,
    ParsedImport,
)

SOURCE = "dayone"
MOMENT_LINK = "dayone-moment://"
# Day One escapes Markdown's punctuation in plain text; the escapes are not the person's.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_MOMENT = re.compile(r"dayone-moment:/*([A-Za-z0-9-]{1,64})")
_MD5 = re.compile(r"[0-9a-f]{1,64}")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def looks_like(data: dict) -> bool:
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return False
    return isinstance(data.get("metadata"), dict) or (
        bool(entries) and isinstance(entries[0], dict) and "creationDate" in entries[0])


def read_zip(path: Path) -> ParsedImport:
    archive = BoundedZip(path)
    try:
        names = sorted(n for n in archive.members if "/" not in n and n.lower().endswith(".json"))
        if not names:
            raise ImportSourceError(f"{path.name}: holds no Day One journal (.json) file.")
        photos = {n.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower(): n
                  for n in archive.members if n.startswith("photos/")}
        entries: list[ImportedEntry] = []
        problems = [f"{name}: left out, its name points outside the zip"
                    for name in archive.unsafe[:20]]
        problems += [f"{name}: left out, it is a symbolic link, which Hearth does not follow"
                     for name in archive.links[:20]]
        left_out: list[str] = []
        for name in names:
            data = load_json(archive.read(name, TEXT_MAX), name)
            found, refused, notes = parse(data, name, photos=photos, archive=archive)
            entries += found
            left_out += refused
            problems += notes
    except BaseException:
        archive.close()
        raise
    return ParsedImport(source=SOURCE, entries=tuple(entries), problems=tuple(problems),
                        left_out=tuple(left_out), close=archive.close)


def parse(data, name: str, *, photos: dict[str, str] | None = None,
          archive: BoundedZip | None = None
          ) -> tuple[list[ImportedEntry], list[str], list[str]]:
    """The entries of one parsed Day One JSON document, a line per entry left out, and a
    note per field of an imported entry left out or assumed."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportSourceError(f"{name}: is not a Day One export (it has no entries list).")
    raw_entries = data["entries"]
    if len(raw_entries) > ENTRIES_MAX:
        raise ImportSourceError(f"{name}: holds more than {ENTRIES_MAX:,} entries.")
    entries, problems, notes = [], [], []
    for number, raw in enumerate(raw_entries, start=1):
        said: list[str] = []
        try:
            entry = _entry(raw, number, photos, archive, said)
        except EntryProblem as exc:
            problems.append(f"{name}: entry {number} left out: {exc}")
        else:
            entries.append(entry)
            notes += [f"{name}: {entry.label}: {line}" for line in said]
    return entries, problems, notes


def _entry(raw, number: int, photos, archive, notes: list[str]) -> ImportedEntry:
    if not isinstance(raw, dict):
        raise EntryProblem("it is not an entry")
    if not raw.get("creationDate"):
        raise EntryProblem("it has no date")
    moment = local_moment(raw["creationDate"], raw.get("timeZone"), notes)
    day = check_day(moment.date())
    text = _ESCAPE.sub(r"\1", clean_text(raw.get("text"), "text")).strip("\n")
    title = ""
    first, _, rest = text.partition("\n")
    heading = _HEADING.match(first)
    if heading:
        title, text = heading.group(1)[:200], rest.strip("\n")
    uuid = raw.get("uuid")
    key = str(uuid)[:100] if isinstance(uuid, str) and uuid.strip() else None
    entry_photos = _photos(raw.get("photos"), photos, archive, notes)
    if not title and not text.strip() and not entry_photos:
        raise EntryProblem("it is empty")
    return ImportedEntry(
        date=day,
        moment=moment.replace(microsecond=0).isoformat(),
        title=" ".join(title.split()),
        body=text,
        tags=clean_tags(raw.get("tags"), notes),
        starred=as_bool(raw.get("starred"), notes),
        label=f"entry {number} ({long_day(day)})",
        key=key,
        photos=entry_photos,
    )


def _photos(raw, photos, archive, notes: list[str]) -> tuple[ImportedPhoto, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        notes.append("its photos were left out: they are not a list")
        return ()
    if len(raw) > 200:
        notes.append(f"{len(raw) - 200:,} of its photos were left out: at most 200 are kept")
    found = []
    for number, item in enumerate(raw[:200], start=1):
        if not isinstance(item, dict):
            notes.append(f"photo {number} was left out: it is not a photo record")
            continue
        identifier = _plain(item.get("identifier"))
        md5 = _plain(item.get("md5")).lower()
        if not _MD5.fullmatch(md5):
            notes.append(f"photo {number} was left out: its md5 is not a file name in the "
                         "export")
            continue
        if archive is None:
            continue  # a bare JSON file: the reader says the pictures are in the zip
        member = photos.get(md5) if photos else None
        kind = _plain(item.get("type"))[:8] or "jpeg"
        if not kind.isalnum():
            kind = "jpeg"
        if member is None:
            continue  # reported by the importer, which sees the link left in the text

        def read(member=member):
            return archive.read(member)

        found.append(ImportedPhoto(name=f"{identifier or md5}.{kind}",
                                   link=f"{MOMENT_LINK}{identifier}", read=read, digest=md5))
    return tuple(found)


def _plain(value) -> str:
    """A short id-like text field ("" when missing or not text)."""
    return value.strip()[:64] if isinstance(value, str) else ""


def moment_ids(text: str) -> list[str]:
    return _MOMENT.findall(text)
