"""The plain values an importer returns: entries as another app kept them, and problems."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from app.errors import HearthError


class ImportSourceError(HearthError):
    """The file or folder cannot be imported at all (not an export Hearth knows, too big,
    damaged); the message names it and says why, in one line."""


@dataclass(frozen=True, slots=True)
class ImportedPhoto:
    """A picture an entry carries. `link` is the text in the body that points at it
    (`dayone-moment://<id>`, or a relative path in a Markdown file), replaced by Hearth's
    own link when stored; `read` returns its bytes, loaded only when it is stored (a
    bounded read: it raises ImportSourceError for a member too big or missing)."""

    name: str
    link: str
    read: Callable[[], bytes] = field(repr=False, compare=False)
    digest: str = ""


@dataclass(frozen=True, slots=True)
class ImportedEntry:
    """One entry of the source. `key` is the source's own id when it has one (Day One's
    uuid, a Markdown file's path), None otherwise (jrnl). `moment` is when it was written
    as the source says it, ISO 8601 (with its UTC offset when the source gives a zone);
    `date` the day in that zone. `label` names it in messages ("entry 3, 2 May 2021")."""

    date: datetime.date
    moment: str
    title: str
    body: str
    tags: tuple[str, ...]
    starred: bool
    label: str
    key: str | None = None
    photos: tuple[ImportedPhoto, ...] = ()

    def content_hash(self) -> str:
        """Stable over re-imports of the same export: what the source says, not Hearth."""
        parts = [self.moment, self.title, self.body, "\n".join(self.tags),
                 "*" if self.starred else "", *(p.digest or p.link for p in self.photos)]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()

    @property
    def match_key(self) -> str:
        """The source's id, or (for a source without ids) the moment and a hash of the text."""
        if self.key is not None:
            return self.key
        text = hashlib.sha256(f"{self.title}\x1f{self.body}".encode("utf-8", "replace"))
        return f"{self.moment}#{text.hexdigest()[:32]}"


@dataclass(frozen=True, slots=True)
class ParsedImport:
    """What a reader found. `source` is "dayone", "jrnl" or "markdown"; `left_out` has
    one line per entry (or file, or text) of the source that is not imported, saying which
    and why (each counts as skipped); `problems` one line per thing imported with a change
    (a field left out or assumed, a picture stored as a plain file)."""

    source: str
    entries: tuple[ImportedEntry, ...]
    problems: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()
    close: Callable[[], None] = field(default=lambda: None, repr=False, compare=False)
