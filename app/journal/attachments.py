"""Pictures and files kept inside a journal file: store, list, read, claim, verify.

Every function takes the journal's open database (the session's one connection, under its
lock) and returns plain values. The bytes live in `attachment_data` and are read only by
`original()` and `display()`, so listing entries or their attachments never reads a
picture. An entry's Markdown refers to an attachment as `attachment:<id>`
(`![A walk](attachment:12)` for a picture, `[ticket.pdf](attachment:13)` for a file).

Pictures: the original is kept as given, except that the place it was taken (EXIF GPS,
XMP) is removed unless the caller keeps it; its capture date is read from the bytes. The
display copy (at most DISPLAY_MAX_PX across) is made by the window, which has an image
library, and handed in; an attachment stored without one (by the command line) has
`has_display` False and the window makes it the first time the picture is shown.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee

from app.errors import NotFoundError, ValidationError
from app.journal import photo_metadata

SIZE_MAX = 50 * 1024 * 1024
DISPLAY_MAX_PX = 1600
NAME_MAX = 200
LINK_SCHEME = "attachment"
# `attachment:12` inside a Markdown link target, with or without <> around it.
_LINK = re.compile(r"\(<?" + LINK_SCHEME + r":(\d{1,12})>?[)\s]")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


@dataclass(frozen=True, slots=True)
class Attachment:
    """One stored file. `kind` is "picture" (shown inline) or "file" (opened outside);
    `captured_at` is the camera's local time; `location_removed` says a GPS position was
    taken out when it was stored; `has_display` whether a display copy is stored yet."""

    id: int
    entry_id: int | None
    kind: str
    name: str
    mime: str
    size: int
    sha256: str
    width: int | None
    height: int | None
    captured_at: datetime.datetime | None
    location_removed: bool
    has_display: bool

    @property
    def link(self) -> str:
        """The Markdown that shows (a picture) or links to (a file) this attachment."""
        label = self.name.replace("[", "(").replace("]", ")")
        target = f"{LINK_SCHEME}:{self.id}"
        return f"![{label}]({target})" if self.kind == "picture" else f"[{label}]({target})"


def too_large_message(name: str, size: int) -> str:
    megabytes = size / (1024 * 1024)
    return (f"“{name}” is {megabytes:.0f} MB; a picture or file can be at most "
            f"{SIZE_MAX // (1024 * 1024)} MB. Nothing was added.")


def safe_name(name: str) -> str:
    """A file name fit to show and to write beside an export: no folders, no control or
    reserved characters, not empty, at most NAME_MAX characters (extension kept)."""
    base = re.split(r"[/\\]", str(name))[-1]
    base = " ".join(_UNSAFE_NAME.sub("_", base).split()).strip(". ")
    base = base.encode("utf-8", "replace").decode("utf-8")
    if not base:
        base = "file"
    if len(base) > NAME_MAX:
        stem, dot, ext = base.rpartition(".")
        ext = ext[:16] if dot else ""
        base = (stem if dot else base)[: NAME_MAX - len(ext) - 1] + (f".{ext}" if ext else "")
    return base


def referenced_ids(body: str) -> list[int]:
    """The attachment ids an entry's Markdown refers to, in order, each once."""
    return list(dict.fromkeys(int(m.group(1)) for m in _LINK.finditer(body + " ")))


_COLUMNS = ("a.id, a.entry_id, a.kind, a.name, a.mime, a.size, a.sha256, a.width, a.height,"
            " a.captured_at, a.location_removed,"
            " (SELECT d.display IS NOT NULL FROM attachment_data d"
            "  WHERE d.attachment_id = a.id)")


def _row(row) -> Attachment:
    return Attachment(
        id=row[0], entry_id=row[1], kind=row[2], name=row[3], mime=row[4], size=row[5],
        sha256=row[6], width=row[7], height=row[8],
        captured_at=datetime.datetime.fromisoformat(row[9]) if row[9] else None,
        location_removed=bool(row[10]), has_display=bool(row[11]),
    )


def add(
    db: peewee.Database,
    *,
    name: str,
    data: bytes,
    now: datetime.datetime,
    entry_id: int | None = None,
    display: bytes | None = None,
    width: int | None = None,
    height: int | None = None,
    keep_location: bool = False,
) -> Attachment:
    """Store one file (a picture when its bytes are one) in one transaction.

    Raises ValidationError over SIZE_MAX or for an empty file. `display`, `width` and
    `height` come from the window's scaling; without them the picture has no display copy
    yet (see `set_display`).
    """
    name = safe_name(name)
    data = bytes(data)
    if not data:
        raise ValidationError(f"“{name}” is empty. Nothing was added.", field="file")
    if len(data) > SIZE_MAX:
        raise ValidationError(too_large_message(name, len(data)), field="file")
    facts = photo_metadata.facts(data)
    removed = False
    if facts.mime is not None and not keep_location:
        data, removed = photo_metadata.strip_location(data)
    kind = "picture" if facts.mime is not None else "file"
    with db.atomic():
        cursor = db.execute_sql(
            "INSERT INTO attachment (entry_id, kind, name, mime, size, sha256, width, height,"
            " captured_at, location_removed, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (entry_id, kind, name, facts.mime or _file_mime(name, data), len(data),
             hashlib.sha256(data).hexdigest(), width, height,
             facts.captured_at.isoformat() if facts.captured_at else None, int(removed),
             now.replace(microsecond=0).isoformat()),
        )
        attachment_id = cursor.lastrowid
        db.execute_sql(
            "INSERT INTO attachment_data (attachment_id, original, display) VALUES (?, ?, ?)",
            (attachment_id, data, display if kind == "picture" else None),
        )
    return get(db, attachment_id)


def get(db: peewee.Database, attachment_id: int) -> Attachment:
    row = db.execute_sql(f"SELECT {_COLUMNS} FROM attachment a WHERE a.id = ?",
                         (int(attachment_id),)).fetchone()
    if row is None:
        raise NotFoundError("This picture or file is no longer in the journal.")
    return _row(row)


def for_entry(db: peewee.Database, entry_id: int) -> list[Attachment]:
    """An entry's attachments, in the order they were added."""
    rows = db.execute_sql(f"SELECT {_COLUMNS} FROM attachment a WHERE a.entry_id = ?"
                          " ORDER BY a.id", (int(entry_id),)).fetchall()
    return [_row(r) for r in rows]


def for_ids(db: peewee.Database, ids: Iterable[int]) -> list[Attachment]:
    wanted = list(dict.fromkeys(int(i) for i in ids))
    if not wanted:
        return []
    marks = ",".join("?" for _ in wanted)
    rows = db.execute_sql(f"SELECT {_COLUMNS} FROM attachment a WHERE a.id IN ({marks})"
                          " ORDER BY a.id", wanted).fetchall()
    return [_row(r) for r in rows]


def marks(db: peewee.Database, entry_ids: Sequence[int]) -> dict[int, str]:
    """For the entry list: "picture" for entries with a picture, "file" for those with only
    other files; entries without any are left out. Reads no bytes."""
    if not entry_ids:
        return {}
    ids = [int(i) for i in entry_ids]
    marks_sql = ",".join("?" for _ in ids)
    rows = db.execute_sql(
        "SELECT entry_id, max(kind = 'picture') FROM attachment"
        f" WHERE entry_id IN ({marks_sql}) GROUP BY entry_id", ids).fetchall()
    return {entry_id: "picture" if picture else "file" for entry_id, picture in rows}


def original(db: peewee.Database, attachment_id: int) -> bytes:
    """The stored file's bytes, exactly as kept."""
    row = db.execute_sql("SELECT original FROM attachment_data WHERE attachment_id = ?",
                         (int(attachment_id),)).fetchone()
    if row is None:
        raise NotFoundError("This picture or file is no longer in the journal.")
    return bytes(row[0])


def display(db: peewee.Database, attachment_id: int) -> bytes | None:
    """The display copy of a picture, or None when none was made yet."""
    row = db.execute_sql("SELECT display FROM attachment_data WHERE attachment_id = ?",
                         (int(attachment_id),)).fetchone()
    if row is None:
        raise NotFoundError("This picture is no longer in the journal.")
    return None if row[0] is None else bytes(row[0])


def set_display(db: peewee.Database, attachment_id: int, data: bytes, width: int,
                height: int) -> None:
    """Keep the display copy the window made (for a picture stored without one)."""
    if max(width, height) > DISPLAY_MAX_PX or len(data) > SIZE_MAX:
        raise ValidationError("A display copy is at most 1,600 pixels across.", field="file")
    with db.atomic():
        db.execute_sql("UPDATE attachment_data SET display = ? WHERE attachment_id = ?",
                       (bytes(data), int(attachment_id)))
        db.execute_sql("UPDATE attachment SET width = coalesce(width, ?),"
                       " height = coalesce(height, ?) WHERE id = ?",
                       (width, height, int(attachment_id)))


def claim(db: peewee.Database, entry_id: int, body: str) -> list[int]:
    """Give the entry the unclaimed attachments its text refers to; return their ids.

    Called in the transaction that saves the entry. An attachment another entry already
    has stays with that entry (its link in this text still shows it).
    """
    ids = referenced_ids(body)
    if not ids:
        return []
    marks_sql = ",".join("?" for _ in ids)
    with db.atomic():
        db.execute_sql(f"UPDATE attachment SET entry_id = ? WHERE entry_id IS NULL"
                       f" AND id IN ({marks_sql})", [int(entry_id), *ids])
    return ids


def unclaim(db: peewee.Database, entry_id: int) -> None:
    """Let go of an entry's attachments as it is deleted, instead of deleting them with it:
    an undo claims them again, and otherwise they go with the other unclaimed ones at the
    next unlock (`remove_unclaimed`), once the undo window has closed with the lock."""
    with db.atomic():
        db.execute_sql("UPDATE attachment SET entry_id = NULL WHERE entry_id = ?",
                       [int(entry_id)])


def remove(db: peewee.Database, attachment_id: int) -> None:
    with db.atomic():
        db.execute_sql("DELETE FROM attachment WHERE id = ?", (int(attachment_id),))


def remove_unclaimed(db: peewee.Database, before: datetime.datetime,
                     keep: Iterable[int] = ()) -> int:
    """Forget attachments no entry claimed that were added before `before` (a picture
    dropped into an entry that was never saved), except those in `keep` (still in a
    draft). Returns how many went."""
    kept = [int(i) for i in keep]
    # "id NOT IN (NULL)" is never true: with nothing kept, leave the condition out.
    keeping = f" AND id NOT IN ({','.join('?' for _ in kept)})" if kept else ""
    with db.atomic():
        cursor = db.execute_sql(
            "DELETE FROM attachment WHERE entry_id IS NULL AND created_at < ?" + keeping,
            [before.replace(microsecond=0).isoformat(), *kept])
    return cursor.rowcount


def problems(db) -> list[str]:
    """What is wrong with the stored files, one line each (empty when all are sound):
    bytes missing, or not the size and checksum recorded when they were stored. Takes a
    Peewee database or a bare DB-API connection (`hearth check` reads through one)."""
    execute = db.execute_sql if hasattr(db, "execute_sql") else db.execute
    found = []
    rows = execute(
        "SELECT a.id, a.size, a.sha256, d.attachment_id IS NULL FROM attachment a"
        " LEFT JOIN attachment_data d ON d.attachment_id = a.id ORDER BY a.id").fetchall()
    for attachment_id, size, digest, missing in rows:
        if missing:
            found.append(f"attachment {attachment_id}: its bytes are missing")
            continue
        (data,) = execute("SELECT original FROM attachment_data WHERE attachment_id = ?",
                          (attachment_id,)).fetchone()
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            found.append(f"attachment {attachment_id}: its bytes do not match their checksum")
    orphans = execute(
        "SELECT count(*) FROM attachment_data d"
        " WHERE NOT EXISTS (SELECT 1 FROM attachment a WHERE a.id = d.attachment_id)"
    ).fetchone()[0]
    if orphans:
        found.append(f"{orphans} stored file(s) belong to no attachment")
    return found


def _file_mime(name: str, data: bytes) -> str:
    return "image/heic" if photo_metadata.is_heic(data) else _mime_from_name(name)


def _mime_from_name(name: str) -> str:
    """The type a file's name says, but never a picture's: bytes that are not a picture
    (judged by their signature) are not stored as one, whatever they are called."""
    import mimetypes

    mime = mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"
    return "application/octet-stream" if mime.startswith("image/") else mime
