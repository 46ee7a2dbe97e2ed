"""jrnl's JSON export (`jrnl --export json`): `{"tags": {...}, "entries": [...]}`, each
entry `{"title", "body", "date": "2021-05-02", "time": "18:30", "tags": ["@walk"],
"starred": false}` (newer versions may add "uuid"). Times are the journal's local time, with
no zone; without a uuid, re-imports match on the time and a hash of the text."""

from __future__ import annotations

import datetime

from app.journal.importers.common import (
    EntryProblem,
    as_bool,
    check_day,
    clean_tags,
    clean_text,
    long_day,
)
from app.journal.importers.limits import ENTRIES_MAX
from app.journal.importers.types import ImportedEntry, ImportSourceError, ParsedImport

SOURCE = "jrnl"


def looks_like(data) -> bool:
    entries = data.get("entries") if isinstance(data, dict) else None
    return (isinstance(entries, list) and "metadata" not in data
            and (not entries or isinstance(entries[0], dict) and "date" in entries[0]
                 and "creationDate" not in entries[0]))


def parse(data, name: str) -> ParsedImport:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportSourceError(f"{name}: is not a jrnl export (it has no entries list).")
    raw_entries = data["entries"]
    if len(raw_entries) > ENTRIES_MAX:
        raise ImportSourceError(f"{name}: holds more than {ENTRIES_MAX:,} entries.")
    entries, problems, notes = [], [], []
    for number, raw in enumerate(raw_entries, start=1):
        said: list[str] = []
        try:
            entry = _entry(raw, number, said)
        except EntryProblem as exc:
            problems.append(f"{name}: entry {number} left out: {exc}")
        else:
            entries.append(entry)
            notes += [f"{name}: {entry.label}: {line}" for line in said]
    return ParsedImport(source=SOURCE, entries=tuple(entries), left_out=tuple(problems),
                        problems=tuple(notes))


def _entry(raw, number: int, notes: list[str]) -> ImportedEntry:
    if not isinstance(raw, dict):
        raise EntryProblem("it is not an entry")
    try:
        day = datetime.date.fromisoformat(str(raw.get("date", "")).strip())
    except ValueError:
        raise EntryProblem(f"its date “{str(raw.get('date'))[:40]}” cannot be read") from None
    check_day(day)
    time_text = str(raw.get("time") or "00:00").strip()
    try:
        time = datetime.time.fromisoformat(time_text)
    except ValueError:
        raise EntryProblem(f"its time “{time_text[:20]}” cannot be read") from None
    title = " ".join(clean_text(raw.get("title"), "title").split())
    body = clean_text(raw.get("body"), "text").strip("\n")
    if not title and not body.strip():
        raise EntryProblem("it is empty")
    uuid = raw.get("uuid")
    return ImportedEntry(
        date=day,
        moment=datetime.datetime.combine(day, time.replace(microsecond=0)).isoformat(),
        title=title[:200],
        body=body,
        tags=clean_tags(raw.get("tags"), notes),
        starred=as_bool(raw.get("starred"), notes),
        label=f"entry {number} ({long_day(day)})",
        key=str(uuid)[:100] if isinstance(uuid, str) and uuid.strip() else None,
    )
