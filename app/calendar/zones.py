"""Time zones: which names are zones, one name for UTC's aliases, this computer's zone,
and conversions between wall-clock times."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

# The longest IANA name is about 30 characters; anything far longer is not a zone.
ZONE_NAME_MAX = 64
# Only names shaped like the zone database's reach the file system: no "..", no leading
# "/", no empty part, so a name can only ever open a file inside the database. (A pattern,
# compiled by `re` the first time a name is checked, as the error is loaded then.)
_ZONE_NAME = r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*"
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
    # The zone database is read only once a time is converted (a month with plans in it),
    # and the repeat rules' error with it.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from app.calendar.rule_parts import RuleError

    if not name or len(name) > ZONE_NAME_MAX or not re.fullmatch(_ZONE_NAME, name):
        raise RuleError(f"{name[:40]!r} is not a known time zone.")
    try:
        return ZoneInfo(name)
    # OSError: a name the file system refuses as a path (too long, odd bytes).
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise RuleError(f"{name!r} is not a known time zone.") from exc


def is_zone(name: str) -> bool:
    from app.calendar.rule_parts import RuleError

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


# The file the C library reads this computer's zone from, on Linux and macOS: a link into
# the zone database (…/zoneinfo/Europe/Paris).
LOCALTIME = Path("/etc/localtime")


@functools.cache
def local_timezone() -> str:
    """This computer's zoneinfo key (falls back to "UTC").

    TZ and the /etc/localtime link name it directly, which is what the C library itself
    goes by; only where neither does (Windows, a copied file) is tzlocal asked, whose
    import and look-up cost more than the rest of the calendar's start."""
    name = _zone_from_tz(os.environ.get("TZ")) or _zone_from_link(LOCALTIME)
    if name is None:
        try:
            import tzlocal

            name = tzlocal.get_localzone_name()
        except Exception:  # an unreadable system setting must not stop the calendar
            log.warning("could not read the local time zone; using UTC")
            name = None
    return name if name and is_zone(name) else "UTC"


def _zone_key(text: str) -> str | None:
    """`text` as a zone key: the key itself, or a path into a zone database."""
    text = text.replace(os.sep, "/")
    _, found, tail = text.rpartition("zoneinfo/")
    key = tail if found else text
    return key if is_zone(key) else None


def _zone_from_tz(value: str | None) -> str | None:
    """The zone TZ names (":Europe/Paris", "Europe/Paris" or a path), or None for none or
    for a POSIX rule such as "CET-1CEST", which names no zone."""
    if not value:
        return None
    return _zone_key(value.removeprefix(":"))


def _zone_from_link(link: Path) -> str | None:
    try:
        target = os.readlink(link)
    except (OSError, ValueError):  # not a link (a copied file), or none at all
        return None
    return _zone_key(target) if "zoneinfo/" in target.replace(os.sep, "/") else None


def zone_or_local(tz: str | None) -> str:
    """`tz`, or this computer's zone when none is given."""
    return tz or local_timezone()
