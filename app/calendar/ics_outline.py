"""A calendar file's outline, checked and cut down to what Hearth reads, before parsing.

The parser spends up to ten seconds a megabyte on some lines (a long list of numbers, a
great many short ones), so what it is given is bounded here, on the text, first:

- BEGIN and END pair up (the parser would otherwise guess quietly), components nest at
  most MAX_DEPTH deep, and a file holds at most MAX_LINES lines, MAX_COMPONENTS components,
  MAX_CALENDARS calendars, MAX_EVENTS events, MAX_TIMEZONES time zones and MAX_ZONE_PARTS
  parts of them;
- only the components and properties Hearth reads are kept (`_KEPT`), each property as
  often as Hearth looks at it, and at most MAX_ALARMS alarms an event: a VTODO, an
  attachment or a thousand attendees cost nothing;
- a kept line is at most LINE_MAX characters (LIST_LINE_MAX for dates lists) and names no
  time zone longer than ZONE_ID_MAX, text values are cut at TEXT_MAX characters (Hearth
  keeps fewer), a file cancels or changes at most MAX_CHANGES occurrences and its time
  zones list at most MAX_ZONE_DATES dates.

What is left comes back as the text of each VTIMEZONE and each VEVENT, calendar by
calendar, for the parser to take in pieces. An event with a line past those limits comes
back without it, with the reason it is to be skipped; the same in a time zone or in the
calendar itself refuses the file. Messages quote at most QUOTE_MAX characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.calendar.ics_reading import MAX_FILE_BYTES, IcsError, too_large

MAX_LINES = 500_000
MAX_DEPTH = 8
MAX_COMPONENTS = 50_000
MAX_CALENDARS = 100
MAX_EVENTS = 5000
MAX_ALARMS = 10
MAX_TIMEZONES = 100
MAX_ZONE_PARTS = 200
MAX_CHANGES = 10_000
MAX_ZONE_DATES = 20_000
LINE_MAX = 1000
LIST_LINE_MAX = 200_000
TEXT_MAX = 20_000
# IANA names are at most about 30 characters, Outlook's descriptive ones about 80.
ZONE_ID_MAX = 256
QUOTE_MAX = 40

# Each component Hearth reads, inside which parent, and its properties with how many of
# each it keeps: two of a property that may appear once, so a repeat is still noticed;
# lists of dates without limit here, since their dates are counted (no line is dropped
# unseen before the count refuses the file).
_ALL = 10**9
_KEPT: dict[str, tuple[str | None, dict[str, int]]] = {
    "VCALENDAR": (None, {"X-WR-TIMEZONE": 1}),
    "VTIMEZONE": ("VCALENDAR", {"TZID": 1, "X-LIC-LOCATION": 1}),
    "STANDARD": ("VTIMEZONE", {"DTSTART": 1, "TZOFFSETFROM": 1, "TZOFFSETTO": 1,
                               "TZNAME": 1, "RRULE": 2, "RDATE": _ALL}),
    "DAYLIGHT": ("VTIMEZONE", {"DTSTART": 1, "TZOFFSETFROM": 1, "TZOFFSETTO": 1,
                               "TZNAME": 1, "RRULE": 2, "RDATE": _ALL}),
    "VEVENT": ("VCALENDAR", {
        "UID": 2, "SUMMARY": 2, "DTSTART": 2, "DTEND": 2, "DURATION": 2, "RRULE": 2,
        "RDATE": 1, "EXDATE": _ALL, "RECURRENCE-ID": 2, "STATUS": 2, "LOCATION": 2,
        "DESCRIPTION": 2, "CATEGORIES": 4, "X-HEARTH-STATUS": 2, "X-HEARTH-RATING": 2,
        "X-HEARTH-REFLECTION": 2, "X-HEARTH-CATEGORY": 2}),
    "VALARM": ("VEVENT", {"TRIGGER": 2}),
}
_TEXT = frozenset({"SUMMARY", "LOCATION", "DESCRIPTION", "X-HEARTH-REFLECTION"})
_LISTS = frozenset({"EXDATE", "RDATE"})
_NAME = re.compile(r"[A-Za-z0-9-]+")
# The part of a content line before its value: its name and parameters, where a colon
# inside a quoted parameter value does not end it.
_HEAD = re.compile(r'(?:[^":]++|"[^"]*+")*+')
_TZID_PARAM = re.compile(r';TZID=("[^"]*+"|[^;]*+)', re.IGNORECASE)


def quote(text: str) -> str:
    """At most QUOTE_MAX characters of file content, for a message."""
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…"


@dataclass
class CalendarText:
    """One VCALENDAR as kept: its own property lines, then each VTIMEZONE and VEVENT."""

    header: list[str] = field(default_factory=list)
    timezones: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    # Why an event (by its place in `events`) is to be skipped, for the few that are.
    problems: dict[int, str] = field(default_factory=dict)


@dataclass
class _Open:
    name: str
    line: int
    kept: bool
    lines: list[str] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)
    alarms: int = 0
    problem: str | None = None


def outline(data: bytes, name: str) -> list[CalendarText]:
    """The calendars in `data`, cut down to what Hearth reads; raises IcsError saying
    what is wrong with a file that cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(name, None)
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
    text = _without_trailer(text, name)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise IcsError(f"{name} has {lines:,} lines; Hearth reads calendar files of up to "
                       f"{MAX_LINES:,}.")
    return _Reader(name).read(text)


_CALENDAR_END = re.compile(r"^[ \t]*END:VCALENDAR[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
_CALENDAR_BEGIN = re.compile(r"^[ \t]*BEGIN:VCALENDAR", re.IGNORECASE | re.MULTILINE)


def _without_trailer(text: str, name: str) -> str:
    """`text` up to its last END:VCALENDAR: what mail programs and servers put after it
    (a signature, a MIME boundary) is not calendar data. Without any END:VCALENDAR, or
    with a calendar begun after the last one, the file was cut off."""
    ends = list(_CALENDAR_END.finditer(text))
    last = ends[-1] if ends else None
    if last is None or _CALENDAR_BEGIN.search(text, last.end()):
        raise IcsError(f"{name} is incomplete: it ends before END:VCALENDAR (was it cut off?).")
    return text[:last.end()]


class _Reader:
    """One pass over the unfolded lines, keeping what `_KEPT` names."""

    def __init__(self, name: str):
        self.name = name
        self.stack: list[_Open] = []
        self.calendars: list[CalendarText] = []
        self.counts = {"VEVENT": 0, "VTIMEZONE": 0, "STANDARD": 0, "DAYLIGHT": 0}
        self.components = 0
        self.changes = 0
        self.zone_dates = 0

    def read(self, text: str) -> list[CalendarText]:
        for number, line in _unfolded(text):
            if not line or line[0] in " \t":
                continue
            match = _NAME.match(line)
            word = match.group(0).upper() if match else ""
            if word in ("BEGIN", "END") and line[len(word):len(word) + 1] == ":":
                value = line[len(word) + 1:].strip().upper()
                if word == "BEGIN":
                    self._begin(value, number)
                else:
                    self._end(value, number)
            elif self.stack and self.stack[-1].kept:
                self._property(word, line, number)
        if self.stack:
            opened = self.stack[-1]
            raise IcsError(f"{self.name} is incomplete: BEGIN:{quote(opened.name)} on line "
                           f"{opened.line} is never closed.")
        self._check_counts()
        return self.calendars

    def _begin(self, value: str, number: int) -> None:
        parent = self.stack[-1] if self.stack else None
        self.components += 1
        if value in self.counts:
            self.counts[value] += 1
        if len(self.stack) >= MAX_DEPTH:
            raise IcsError(f"{self.name} is not a valid calendar file: components nest more "
                           f"than {MAX_DEPTH} deep at line {number}.")
        if self.components > MAX_COMPONENTS:
            raise IcsError(f"{self.name} holds more than {MAX_COMPONENTS:,} components "
                           "(events, alarms, time zones); Hearth reads up to that many.")
        wanted = _KEPT.get(value)
        kept = wanted is not None and wanted[0] == (parent.name if parent else None) and (
            parent is None or parent.kept)
        if kept and value == "VALARM":
            parent.alarms += 1
            kept = parent.alarms <= MAX_ALARMS
        if value == "VCALENDAR" and kept:
            if len(self.calendars) >= MAX_CALENDARS:
                raise IcsError(f"{self.name} holds more than {MAX_CALENDARS} calendars; Hearth "
                               "reads files with up to that many.")
            self.calendars.append(CalendarText())
        self.stack.append(_Open(value, number, kept, [f"BEGIN:{value}"] if kept else []))

    def _end(self, value: str, number: int) -> None:
        if not self.stack:
            raise IcsError(f"{self.name} is not a valid calendar file: END:{quote(value)} on "
                           f"line {number} closes nothing.")
        closed = self.stack.pop()
        if closed.name != value:
            raise IcsError(f"{self.name} is not a valid calendar file: BEGIN:"
                           f"{quote(closed.name)} on line {closed.line} is closed by END:"
                           f"{quote(value)} on line {number}.")
        if not closed.kept:
            return
        closed.lines.append(f"END:{value}")
        text = "\r\n".join(closed.lines) + "\r\n"
        if value == "VCALENDAR":
            self.calendars[-1].header = closed.lines[1:-1]
            return
        calendar = self.calendars[-1]
        if value == "VEVENT":
            calendar.events.append(text)
            if closed.problem:
                calendar.problems[len(calendar.events) - 1] = closed.problem
        elif value == "VTIMEZONE":
            calendar.timezones.append(text)
        else:
            self.stack[-1].lines.append(text.rstrip("\r\n"))

    def _property(self, word: str, line: str, number: int) -> None:
        current = self.stack[-1]
        separator = line[len(word):len(word) + 1]
        if not word or separator not in (":", ";"):
            # Not a property line at all: the parser says so, which skips its event; one
            # such line is enough for that.
            if not current.seen.get(""):
                current.seen[""] = 1
                current.lines.append(line[:LINE_MAX])
            return
        limit = _KEPT[current.name][1].get(word)
        if limit is None:
            return
        seen = current.seen.get(word, 0)
        if seen >= limit:
            return
        current.seen[word] = seen + 1
        head = _HEAD.match(line).group(0)
        # The value starts after the head's colon; a line whose quotes do not close has
        # none where expected, and is passed on as it is for the parser to refuse.
        has_value = line[len(head):len(head) + 1] == ":"
        if word in _TEXT and has_value and len(head) <= LINE_MAX:
            line = head + ":" + _cut_text(line[len(head) + 1:], TEXT_MAX)
        longest = LIST_LINE_MAX if word in _LISTS else LINE_MAX
        if len(head) > LINE_MAX or (word not in _TEXT and len(line) > longest):
            self._refuse_line(f"its {word} on line {number} is {len(line):,} characters "
                              "long, far longer than calendar apps write")
            return
        zone_id = _longest_zone_id(word, head, line)
        if zone_id > ZONE_ID_MAX:
            self._refuse_line(f"its {word} on line {number} names a time zone "
                              f"{zone_id:,} characters long (Hearth reads names of up to "
                              f"{ZONE_ID_MAX})")
            return
        if word == "RDATE" and current.name == "VEVENT":
            # An event's extra dates are only mentioned, not imported: one says they exist.
            if has_value:
                line = head + ":" + line[len(head) + 1:].split(",", 1)[0]
        elif word in _LISTS:
            self._count_dates(current.name, line.count(",") + 1)
        elif word == "RECURRENCE-ID":
            self._count_dates("VEVENT", 1)
        current.lines.append(line)

    def _refuse_line(self, reason: str) -> None:
        """Leave out a line past the limits: its event is skipped for it, any other
        component refuses the file."""
        event = next((item for item in reversed(self.stack) if item.name == "VEVENT"), None)
        if event is None:
            raise IcsError(f"{self.name} is not a calendar file Hearth can read: {reason}.")
        event.problem = event.problem or reason

    def _count_dates(self, component: str, count: int) -> None:
        if component == "VEVENT":
            self.changes += count
            if self.changes > MAX_CHANGES:
                raise IcsError(f"{self.name} cancels or changes more than {MAX_CHANGES:,} "
                               "single occurrences of its repeating events; Hearth imports "
                               "up to that many at a time.")
        else:
            self.zone_dates += count
            if self.zone_dates > MAX_ZONE_DATES:
                raise IcsError(f"{self.name} lists more than {MAX_ZONE_DATES:,} dates in its "
                               "time zones; Hearth reads up to that many.")

    def _check_counts(self) -> None:
        name, counts = self.name, self.counts
        if counts["VEVENT"] > MAX_EVENTS:
            raise IcsError(f"{name} holds {counts['VEVENT']:,} events; Hearth imports up to "
                           f"{MAX_EVENTS:,} at a time. Export a shorter span of dates and "
                           "import each file.")
        if counts["VTIMEZONE"] > MAX_TIMEZONES:
            raise IcsError(f"{name} defines {counts['VTIMEZONE']:,} time zones; Hearth reads "
                           f"files with up to {MAX_TIMEZONES}.")
        parts = counts["STANDARD"] + counts["DAYLIGHT"]
        if parts > MAX_ZONE_PARTS:
            raise IcsError(f"{name} defines time zones in {parts:,} parts (STANDARD and "
                           f"DAYLIGHT); Hearth reads files with up to {MAX_ZONE_PARTS}.")


def pieces(components: list[str], size: int) -> Iterator[list[str]]:
    """`components` in runs of about `size` characters, for the parser to take one run at
    a time."""
    piece: list[str] = []
    total = 0
    for text in components:
        piece.append(text)
        total += len(text)
        if total >= size:
            yield piece
            piece, total = [], 0
    if piece:
        yield piece


def _longest_zone_id(word: str, head: str, line: str) -> int:
    """The longest time zone name a line gives: looking a name up costs the parser time in
    proportion to its length times its number of slashes."""
    lengths = [len(match.group(1).strip('"')) for match in _TZID_PARAM.finditer(head)]
    if word == "TZID":
        lengths.append(len(line) - len(head) - 1)
    return max(lengths, default=0)


def _cut_text(value: str, limit: int) -> str:
    """The first `limit` characters of an escaped text value, not ending inside an
    escape ("\\n" cut after its backslash would change what follows)."""
    if len(value) <= limit:
        return value
    value = value[:limit]
    trailing = len(value) - len(value.rstrip("\\"))
    return value[:-1] if trailing % 2 else value


def _unfolded(text: str):
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
