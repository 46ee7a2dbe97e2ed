"""jrnl's own plain-text journal file.

Each entry starts on a line with its time, in brackets since jrnl 2 (`[2021-05-02 18:30]
Title. Body...`) and without them before (`2021-05-02 18:30 Title.`); the first sentence
is the title, the rest of that line and the lines up to the next entry the body; a " *"
after the title marks it starred; tags are the @names and #words in the text (jrnl's
default tag symbols). The time is the journal's local time, with no zone.
"""

from __future__ import annotations

import datetime
import re

from app.journal.importers.common import EntryProblem, check_day, clean_text, hashtags, long_day
from app.journal.importers.limits import ENTRIES_MAX
from app.journal.importers.types import ImportedEntry, ImportSourceError, ParsedImport

SOURCE = "jrnl"
_START = re.compile(
    r"^(\[)?(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)(?:\s*([AaPp][Mm]))?(?(1)\])(?: |$)(.*)$")
# Lines with text allowed before the first entry line for the file to count as jrnl's.
LEAD_LINES_MAX = 3
# jrnl's title is its first sentence: up to ".", "?" or "!" followed by a space or the end.
_SENTENCE_END = re.compile(r"[.?!](?=\s|$)")


def looks_like(text: str) -> bool:
    """An entry line among the first few lines that hold text: a stray line or two before
    the first entry (reported as skipped) does not hide the journal."""
    lines = [line for line in text[:4000].splitlines()[:20] if line.strip()]
    return any(_START.match(line) for line in lines[:LEAD_LINES_MAX + 1])


def parse(text: str, name: str) -> ParsedImport:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[tuple[int, re.Match, list[str]]] = []
    lead = 0  # lines with text before the first entry
    for number, line in enumerate(lines, start=1):
        match = _START.match(line)
        if match:
            blocks.append((number, match, []))
            if len(blocks) > ENTRIES_MAX:
                raise ImportSourceError(f"{name}: holds more than {ENTRIES_MAX:,} entries.")
        elif blocks:
            blocks[-1][2].append(line)
        elif line.strip():
            lead = number
    if not blocks:
        raise ImportSourceError(f"{name}: is not a jrnl journal (no dated entry lines).")
    entries, problems = [], []
    if lead:
        where = "line 1" if lead == 1 else f"lines 1-{lead}"
        problems.append(f"{name}: {where}, before the first entry, left out: they are not "
                        "part of a dated entry")
    for index, (line_number, match, rest) in enumerate(blocks, start=1):
        try:
            entries.append(_entry(match, rest, index))
        except EntryProblem as exc:
            problems.append(f"{name}: entry {index} (line {line_number}) left out: {exc}")
    return ParsedImport(source=SOURCE, entries=tuple(entries), left_out=tuple(problems))


def _entry(match: re.Match, rest: list[str], index: int) -> ImportedEntry:
    _bracket, day_text, time_text, half, first_line = match.groups()
    try:
        day = check_day(datetime.date.fromisoformat(day_text))
        time = datetime.time.fromisoformat(time_text if len(time_text) > 4
                                           else "0" + time_text)
    except ValueError:
        raise EntryProblem(f"its date “{day_text} {time_text}” cannot be read") from None
    if half:
        hour = time.hour % 12 + (12 if half.lower() == "pm" else 0)
        time = time.replace(hour=hour)
    first_line = clean_text(first_line, "text").rstrip()
    starred = False
    if first_line.endswith(" *") or first_line == "*":
        starred, first_line = True, first_line[:-1].rstrip()
    elif first_line.startswith("* "):
        starred, first_line = True, first_line[2:]
    end = _SENTENCE_END.search(first_line)
    if end:
        title, body_start = first_line[:end.end()], first_line[end.end():].strip()
    else:
        title, body_start = first_line, ""
    body = clean_text("\n".join(([body_start] if body_start else []) + rest), "text").strip("\n")
    title = title.strip()
    if len(title) > 200:
        title, body = "", (first_line + "\n" + body).strip("\n")
    if not title and not body.strip():
        raise EntryProblem("it is empty")
    return ImportedEntry(
        date=day, moment=datetime.datetime.combine(day, time).isoformat(), title=title,
        body=body, tags=hashtags(f"{title}\n{body}"), starred=starred,
        label=f"entry {index} ({long_day(day)})",
    )
