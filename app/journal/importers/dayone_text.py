"""Day One's plain-text export: each entry a block of tab-indented fields, then its text.

    \tDate:\t2 May 2021 at 18:30:00 CEST
    \tTags:\twalk, family
    \tLocation:\tParis, France
    \tStarred

    The text of the entry, as Markdown.

The date is wall-clock time where it was written (the zone's abbreviation after it is
ambiguous, "CST" is three zones, so it is read but not used); both the day-first ("2 May
2021") and month-first ("May 2, 2021 at 6:30:00 PM") spellings are read. The format has no
ids, so re-imports match on the time and a hash of the text.
"""

from __future__ import annotations

import datetime
import re

from app.journal.importers.common import EntryProblem, check_day, clean_tags, clean_text, long_day
from app.journal.importers.limits import ENTRIES_MAX
from app.journal.importers.types import ImportedEntry, ImportSourceError, ParsedImport

SOURCE = "dayone"
_DATE_LINE = re.compile(r"^\s*Date:\s*(.+?)\s*$")
_FIELD = re.compile(r"^\t\s*([A-Z][A-Za-z ]{1,20}):\s*(.*?)\s*$")
_STARRED = re.compile(r"^\t\s*Starred\s*$")
_MONTHS = {name.lower(): n for n, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], start=1)}
_MONTHS.update({name[:3]: n for name, n in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_TIME = r"(?:,?\s*(?:at\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp]\.?[Mm]\.?)?)?"
_DAY_FIRST = re.compile(r"^(\d{1,2})\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})" + _TIME)
_MONTH_FIRST = re.compile(r"^(?:[A-Za-z]+,\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})" + _TIME)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def looks_like(text: str) -> bool:
    head = text[:4000]
    return any(_DATE_LINE.match(line) and line.startswith("\t")
               for line in head.splitlines()[:20])


def parse_date(value: str) -> datetime.datetime:
    for pattern, day_first in ((_DAY_FIRST, True), (_MONTH_FIRST, False)):
        match = pattern.match(value)
        if not match:
            continue
        a, b, year, hour, minute, second, half = match.groups()
        day, month_name = (a, b) if day_first else (b, a)
        month = _MONTHS.get(month_name.lower()) or _MONTHS.get(month_name.lower()[:3])
        if month is None:
            break
        hour_n = int(hour or 0)
        if half and half[0].lower() == "p" and hour_n < 12:
            hour_n += 12
        elif half and half[0].lower() == "a" and hour_n == 12:
            hour_n = 0
        try:
            return datetime.datetime(int(year), month, int(day), hour_n, int(minute or 0),
                                     int(second or 0))
        except ValueError:
            break
    raise EntryProblem(f"its date “{value[:40]}” cannot be read")


def parse(text: str, name: str) -> ParsedImport:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        if _DATE_LINE.match(line) and line.startswith("\t"):
            blocks.append((number, []))
            if len(blocks) > ENTRIES_MAX:
                raise ImportSourceError(f"{name}: holds more than {ENTRIES_MAX:,} entries.")
        if blocks:
            blocks[-1][1].append(line)
    if not blocks:
        raise ImportSourceError(f"{name}: is not a Day One text export (no “Date:” lines).")
    entries, problems = [], []
    for index, (line_number, block) in enumerate(blocks, start=1):
        try:
            entries.append(_entry(block, index))
        except EntryProblem as exc:
            problems.append(f"{name}: entry {index} (line {line_number}) left out: {exc}")
    return ParsedImport(source=SOURCE, entries=tuple(entries), left_out=tuple(problems))


def _entry(block: list[str], index: int) -> ImportedEntry:
    fields: dict[str, str] = {}
    starred = False
    position = 0
    for position, line in enumerate(block):  # noqa: B007 (used after the loop)
        if _STARRED.match(line):
            starred = True
            continue
        field = _FIELD.match(line)
        if field:
            fields.setdefault(field.group(1).strip().lower(), field.group(2))
            continue
        break
    else:
        position = len(block)
    moment = parse_date(fields.get("date", ""))
    day = check_day(moment.date())
    body = clean_text("\n".join(block[position:]).strip("\n"), "text")
    title = ""
    first, _, rest = body.partition("\n")
    heading = _HEADING.match(first)
    if heading:
        title, body = heading.group(1)[:200], rest.strip("\n")
    if not title and not body.strip():
        raise EntryProblem("it is empty")
    tags = clean_tags([t for t in fields.get("tags", "").split(",")])
    return ImportedEntry(
        date=day, moment=moment.isoformat(), title=" ".join(title.split()), body=body,
        tags=tags, starred=starred, label=f"entry {index} ({long_day(day)})",
    )
