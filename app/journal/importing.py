"""Store what an importer read into a journal: one transaction, idempotent, cancellable.

Each imported entry is matched with what an earlier import of the same source made
(`entry_source`): by the source's id, or, for a source without ids, by its time and a hash
of its text, and then by its time alone, so an entry changed in jrnl is recognised.

- not imported before: added, with its pictures stored as attachments and Day One's
  `dayone-moment://` links (or a Markdown file's relative links) rewritten to Hearth's own;
- imported before and unchanged in the source: skipped ("already imported");
- changed in the source and untouched in Hearth since: updated, and named in the report;
- changed in the source and also edited in Hearth: skipped with that reason, Hearth's
  text kept (a changed entry is reported, never silently overwritten);
- deleted in Hearth since it was imported: skipped, not brought back.

Starred entries get the tag STARRED_TAG (Hearth has no star of its own). Everything runs
inside one transaction: a cancel, or an error no entry can be blamed for, stores nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

import peewee

from app.errors import HearthError, ValidationError
from app.journal import attachments
from app.journal.importers.dayone_json import moment_ids
from app.journal.importers.types import ImportedEntry, ImportSourceError, ParsedImport
from app.journal.types import EntryInput

log = logging.getLogger(__name__)

STARRED_TAG = "Starred"


class ImportCancelled(HearthError):
    """The person stopped the import; nothing was stored."""

    def __init__(self, message: str = "The import was cancelled; nothing was added."):
        super().__init__(message)


class TagWriter(Protocol):
    """What the session lends the import: its tag bookkeeping, so tags have one owner."""

    def _tag_ids(self) -> dict[str, int]: ...

    def _set_tags(self, entry_id: int, tags, *, known=None, prune: bool = True) -> None: ...


@dataclass
class ImportReport:
    """What an import did. `skipped` and `problems` hold one line each ("entry 3 (2 May
    2021): already imported"); `updated` names the entries changed from the source."""

    SHOWN: ClassVar[int] = 3

    added: int = 0
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    already: int = 0

    def text(self) -> str:
        """One line, like the calendar import's: "added 2, updated 1, skipped 3: ..."."""
        skipped = self.already + len(self.skipped)
        line = f"added {self.added}, updated {len(self.updated)}, skipped {skipped}"
        reasons = ([f"{self.already} already imported"] if self.already else []) + self.skipped
        if reasons:
            line += ": " + "; ".join(reasons[:self.SHOWN])
            if len(reasons) > self.SHOWN:
                line += f"; and {len(reasons) - self.SHOWN:,} more"
        return line

    def details(self) -> list[str]:
        """Every line behind the summary, for the command line and the dialog."""
        return ([f"updated {label}" for label in self.updated]
                + [f"skipped {reason}" for reason in self.skipped]
                + [f"note: {problem}" for problem in self.problems])


@dataclass(frozen=True)
class _Known:
    key: str
    entry_id: int
    moment: str
    source_hash: str
    entry_hash: str


def entry_hash(title: str, body: str, tags_text: str) -> str:
    """A hash of an entry as Hearth stores it, to see whether it was edited since."""
    return hashlib.sha256(f"{title}\x1f{body}\x1f{tags_text}".encode()).hexdigest()


def run_import(
    db: peewee.Database,
    tags: TagWriter,
    parsed: ParsedImport,
    *,
    now: datetime.datetime,
    validate: Callable[[EntryInput], EntryInput],
    count_words: Callable[[str], int],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    keep_location: bool = False,
) -> ImportReport:
    """Store `parsed` into the journal open as `db`; see the module docstring.

    `progress(done, total)` is called before each entry; when `cancelled()` turns true the
    transaction is rolled back and ImportCancelled raised.
    """
    report = ImportReport(skipped=list(parsed.left_out), problems=list(parsed.problems))
    stamp = now.replace(microsecond=0).isoformat()
    total = len(parsed.entries)
    with db.atomic():
        known = _known(db, parsed.source)
        by_moment: dict[str, list[_Known]] = {}
        for row in known.values():
            by_moment.setdefault(row.moment, []).append(row)
        keys_now = {entry.match_key for entry in parsed.entries}
        tag_ids = tags._tag_ids()
        seen: set[str] = set()
        for done, entry in enumerate(parsed.entries):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            if progress is not None:
                progress(done, total)
            key = entry.match_key
            if key in seen:
                report.skipped.append(f"{entry.label}: it repeats an earlier entry of the "
                                      "export")
                continue
            seen.add(key)
            row = known.get(key)
            if row is None and entry.key is None:
                # jrnl has no ids: an entry at the same minute whose text changed.
                earlier = [r for r in by_moment.get(entry.moment, ()) if r.key not in keys_now]
                row = earlier[0] if len(earlier) == 1 else None
            try:
                with db.atomic():  # a savepoint: one bad entry leaves the rest
                    _one(db, tags, tag_ids, entry, row, parsed.source, report, stamp,
                         validate, count_words, keep_location)
            except ValidationError as exc:
                report.skipped.append(f"{entry.label}: {exc.message}")
        if progress is not None:
            progress(total, total)
    log.info("journal import from %s: added %d, updated %d, skipped %d", parsed.source,
             report.added, len(report.updated), report.already + len(report.skipped))
    return report


def _known(db: peewee.Database, source: str) -> dict[str, _Known]:
    rows = db.execute_sql(
        "SELECT source_key, entry_id, moment, source_hash, entry_hash FROM entry_source"
        " WHERE source = ?", (source,)).fetchall()
    return {r[0]: _Known(*r) for r in rows}


def _one(db, tags: TagWriter, tag_ids, entry: ImportedEntry, row: _Known | None, source: str,
         report: ImportReport, stamp: str, validate, count_words, keep_location) -> None:
    source_hash = entry.content_hash()
    entry_id = None
    if row is not None:
        if row.source_hash == source_hash:
            report.already += 1
            return
        current = db.execute_sql("SELECT title, body, tags_text FROM entry WHERE id = ?",
                                 (row.entry_id,)).fetchone()
        if current is None:
            report.skipped.append(f"{entry.label}: it was deleted in Hearth after an earlier "
                                  "import, so it is not brought back")
            return
        if entry_hash(*current) != row.entry_hash:
            report.skipped.append(f"{entry.label}: it changed in the export and was also "
                                  "edited in Hearth; Hearth's version is kept")
            return
        entry_id = row.entry_id
    entry_tags = entry.tags + ((STARRED_TAG,) if entry.starred else ())
    data = validate(EntryInput(date=entry.date, title=entry.title, body=entry.body,
                               tags=entry_tags))
    body = _store_photos(db, entry, data.body, report, stamp, keep_location)
    data = validate(EntryInput(date=data.date, title=data.title, body=body, tags=data.tags))
    fields = (data.date.isoformat(), data.title, data.body, "\n".join(data.tags),
              count_words(data.body), stamp)
    if entry_id is None:
        entry_id = db.execute_sql(
            "INSERT INTO entry (date, title, body, tags_text, word_count, updated_at,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", (*fields, stamp)).lastrowid
        report.added += 1
    else:
        db.execute_sql("DELETE FROM attachment WHERE entry_id = ?", (entry_id,))
        db.execute_sql("UPDATE entry SET date = ?, title = ?, body = ?, tags_text = ?,"
                       " word_count = ?, updated_at = ? WHERE id = ?", (*fields, entry_id))
        db.execute_sql("DELETE FROM entry_source WHERE source = ? AND source_key = ?",
                       (source, row.key))
        report.updated.append(entry.label)
    # No pruning mid-import: a tag pruned here would leave `tag_ids` naming a row that is
    # gone. A tag an update left unused shows nowhere (lists count tag links).
    tags._set_tags(entry_id, data.tags, known=tag_ids, prune=False)
    attachments.claim(db, entry_id, data.body)
    db.execute_sql(
        "INSERT OR REPLACE INTO entry_source (source, source_key, entry_id, moment,"
        " source_hash, entry_hash, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (source, entry.match_key, entry_id, entry.moment, source_hash,
         entry_hash(data.title, data.body, "\n".join(data.tags)), stamp))


def _not_shown(mime: str) -> str:
    if mime == "image/heic":
        return ("is a HEIC picture, which Hearth cannot show or strip of its location; "
                "stored as a plain file, as it came")
    return ("is not a picture (its bytes are no JPEG, PNG, GIF or WebP); stored as a plain "
            "file")


def _store_photos(db, entry: ImportedEntry, body: str, report: ImportReport, stamp: str,
                  keep_location: bool) -> str:
    now = datetime.datetime.fromisoformat(stamp)
    for photo in entry.photos:
        try:
            stored = attachments.add(db, name=photo.name, data=photo.read(), now=now,
                                     keep_location=keep_location)
        except (ImportSourceError, ValidationError) as exc:
            report.problems.append(f"{entry.label}: picture {photo.name} left out: "
                                   f"{exc.message}")
            continue
        target = f"{attachments.LINK_SCHEME}:{stored.id}"
        if stored.kind != "picture":
            report.problems.append(f"{entry.label}: {photo.name} {_not_shown(stored.mime)}")
            # Not shown inline: `![](link)` becomes a plain link to the file.
            body = re.sub(r"!(\[[^\]\n]*\]\(" + re.escape(photo.link) + r"\))", r"\1", body)
        if photo.link in body:
            body = body.replace(photo.link, target)
        else:
            body = body.rstrip("\n") + f"\n\n{stored.link}"
    for missing in moment_ids(body):
        report.problems.append(f"{entry.label}: picture {missing} is not in the export")
    return body

