"""Small steps every reader shares: times in a zone, labels, tags and text checks."""

from __future__ import annotations

import datetime
import re
import zoneinfo

from app import dates
from app.journal.importers.limits import BODY_MAX

# jrnl and Markdown journals mark tags in the text: "#beach", "@Anna".
_HASHTAG = re.compile(r"(?<![\w&/#])[#@]([^\W\d_][\w\-]{0,39})")
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class EntryProblem(ValueError):
    """One entry cannot be imported; the message says why, for the report."""


def long_day(day: datetime.date) -> str:
    return dates.day_text(day)


def local_moment(value: str, zone, notes: list[str] | None = None) -> datetime.datetime:
    """An ISO instant ("2021-05-02T16:30:00Z") as wall-clock time in `zone` (an IANA name);
    without a known zone, in UTC, with a line in `notes` when a zone was given but is not
    one. Raises EntryProblem for a date it cannot read."""
    try:
        instant = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise EntryProblem(f"its date “{str(value)[:40]}” cannot be read") from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=datetime.UTC)
    tz: datetime.tzinfo = datetime.UTC
    if zone is not None and zone != "":
        tz = _zone(zone)
        if tz is None:
            tz = datetime.UTC
            if notes is not None:
                notes.append(f"its time zone “{str(zone)[:40]}” is not one Hearth knows; "
                             "its time is taken as UTC")
    try:
        return instant.astimezone(tz)
    except (OverflowError, ValueError):
        raise EntryProblem("its date is out of range") from None


def _zone(name) -> datetime.tzinfo | None:
    """The IANA zone called `name`, or None for anything else (a number, a path)."""
    if not isinstance(name, str) or not _ZONE_NAME.fullmatch(name) or ".." in name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return None


def check_day(day: datetime.date) -> datetime.date:
    if not datetime.date(1900, 1, 1) <= day <= datetime.date(2999, 12, 31):
        raise EntryProblem(f"its date {day.isoformat()} is out of range")
    return day


def clean_text(value, what: str = "text") -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EntryProblem(f"its {what} is not text")
    if len(value) > BODY_MAX:
        raise EntryProblem(f"its {what} is longer than 1 MB")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub("", value)


def clean_tags(values, notes: list[str] | None = None) -> tuple[str, ...]:
    """Tag names without their # or @, trimmed, at most 40 characters, each once; a tag
    that is not text is left out with a line in `notes`."""
    if values is None:
        return ()
    if isinstance(values, str) or not isinstance(values, list | tuple):
        raise EntryProblem("its tags are not a list")
    seen: dict[str, str] = {}
    if len(values) > 30 and notes is not None:
        notes.append(f"{len(values) - 30:,} of its tags were left out: at most 30 are kept")
    bad = 0
    for value in values[:30]:
        if not isinstance(value, str):
            bad += 1
            continue
        name = " ".join(clean_text(value, "tag").split()).lstrip("#@").strip(" ,")[:40]
        if name:
            seen.setdefault(name.casefold(), name)
    if bad and notes is not None:
        notes.append(f"{bad} of its tags were left out: they are not text")
    return tuple(seen.values())


def hashtags(text: str) -> tuple[str, ...]:
    """#hashtags and @names in the text, in order, each once."""
    return clean_tags([m.group(1) for m in _HASHTAG.finditer(text)])


def as_bool(value, notes: list[str] | None = None, what: str = "starred") -> bool:
    """True only for a real JSON true; anything else but false or nothing is noted."""
    if value is not True and value is not False and value is not None and notes is not None:
        notes.append(f"its “{what}” value {str(value)[:20]!r} is not true or false; "
                     f"it is taken as not {what}")
    return value is True
