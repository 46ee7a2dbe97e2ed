"""Time zones: which names are zones, one name for UTC's aliases, this computer's zone,
and conversions between wall-clock times."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.calendar.rule_parts import RuleError

log = logging.getLogger(__name__)

# The longest IANA name is about 30 characters; anything far longer is not a zone.
ZONE_NAME_MAX = 64
# Only names shaped like the zone database's reach the file system: no "..", no leading
# "/", no empty part, so a name can only ever open a file inside the database.
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")
# Names the zone database itself gives to UTC; files from other apps use any of them.
UTC_ALIASES = frozenset({
    "UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu",
    "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "GMT+0", "Etc/GMT+0", "GMT-0", "Etc/GMT-0",
    "Greenwich", "Etc/Greenwich",
})


def canonical_zone(name: str) -> str:
    """One name for zones that are the same clock: "UTC" for each of UTC's aliases."""
    return "UTC" if name in UTC_ALIASES else name


@functools.lru_cache(maxsize=64)
def zone_info(name: str) -> ZoneInfo:
    if not name or len(name) > ZONE_NAME_MAX or not _ZONE_NAME.fullmatch(name):
        raise RuleError(f"{name[:40]!r} is not a known time zone.")
    try:
        return ZoneInfo(name)
    # OSError: a name the file system refuses as a path (too long, odd bytes).
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise RuleError(f"{name!r} is not a known time zone.") from exc


def is_zone(name: str) -> bool:
    try:
        zone_info(name)
    except RuleError:
        return False
    return True


def to_zone(wall: dt.datetime, source: str, target: str) -> dt.datetime:
    """Convert naive wall-clock time in zone `source` to naive wall-clock in `target`."""
    if source == target:
        return wall
    moment = wall.replace(tzinfo=zone_info(source))
    return moment.astimezone(zone_info(target)).replace(tzinfo=None)


@functools.cache
def local_timezone() -> str:
    """This computer's zoneinfo key (falls back to "UTC")."""
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # an unreadable system setting must not stop the calendar
        log.warning("could not read the local time zone; using UTC")
        name = None
    return name if name and is_zone(name) else "UTC"


def zone_or_local(tz: str | None) -> str:
    """`tz`, or this computer's zone when none is given."""
    return tz or local_timezone()
