"""Finding the calendars of an account, and making one called "Hearth".

From whatever address the couple types (a full calendar URL, the server's DAV root, or
just the host), Hearth looks for: a calendar right there; else the current user's
principal there or at `/.well-known/caldav` (RFC 6764); then the principal's
calendar-home-set, whose calendars that hold events are listed. MKCALENDAR makes a new
one where the server allows it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit
from xml.sax.saxutils import escape

from app.sync import davxml, errors
from app.sync.transport import Transport

XML = {"Content-Type": "application/xml; charset=utf-8"}
_CALENDAR = f"{{{davxml.CALDAV}}}calendar"
_COLLECTION = f"{{{davxml.DAV}}}collection"


@dataclass(frozen=True)
class FoundCalendar:
    url: str
    name: str
    holds_events: bool = True
    writable: bool = True


def normalize_address(address: str) -> str:
    """A typed address as a URL: https:// when no scheme is given, a slash at the end."""
    address = address.strip()
    if not address:
        raise errors.NoCalendar("Type the address of the calendar server.")
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", address):
        address = "https://" + address
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise errors.NoCalendar(f"{address[:80]} is not a server address.")
    return address if address.endswith("/") else address + "/"


def _propfind(transport: Transport, url: str, body: str, depth: str) -> davxml.Multistatus:
    reply = transport.request("PROPFIND", url, body, {**XML, "Depth": depth})
    if reply.status != 207:
        return davxml.Multistatus([])
    return davxml.read_multistatus(reply.text, transport.absolute(url))


def _calendar_of(member: davxml.Member, base: str) -> FoundCalendar | None:
    kinds = member.props.get("resourcetype") or []
    if _CALENDAR not in kinds:
        return None
    components = member.props.get("components")
    privileges = member.props.get("privileges")
    writable = privileges is None or any(p.endswith(("}write", "}all", "}write-content"))
                                         for p in privileges)
    url = urljoin(base, member.href)
    name = str(member.props.get("displayname") or "").strip() or \
        urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return FoundCalendar(url=url, name=name,
                         holds_events=not components or "VEVENT" in components,
                         writable=writable)


_PRINCIPAL_BODY = (f'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" '
                   f'xmlns:c="{davxml.CALDAV}"><d:prop><d:current-user-principal/>'
                   "<c:calendar-home-set/><d:resourcetype/></d:prop></d:propfind>")


def _href_prop(transport: Transport, url: str, name: str) -> str | None:
    reply = transport.request("PROPFIND", url, _PRINCIPAL_BODY, {**XML, "Depth": "0"})
    if reply.status != 207:
        return None
    from lxml import etree

    try:
        root = etree.fromstring(reply.text.encode("utf-8"), parser=davxml._parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == name:
            href = element.findtext(f"{{{davxml.DAV}}}href")
            if href:
                return urljoin(transport.absolute(url), href.strip())
    return None


def _principal_and_home(transport: Transport, address: str) -> tuple[str, str]:
    for start in (address, urljoin(address, "/.well-known/caldav")):
        principal = _href_prop(transport, start, "current-user-principal")
        if principal is None:
            continue
        home = _href_prop(transport, principal, "calendar-home-set")
        if home is not None:
            return principal, home
    raise errors.NoCalendar(f"There is no calendar server at {address}.")


def home_set(transport: Transport, address: str) -> str:
    """The calendar-home-set URL of the logged-in user, found from `address`."""
    return _principal_and_home(transport, address)[1]


def _folder(url: str) -> str:
    path = unquote(urlsplit(url).path or "/")
    return path if path.endswith("/") else path + "/"


def _names_the_account(address: str, principal: str, home: str) -> bool:
    """True when `address` is the server (its root, a DAV root, the well-known address),
    the user's principal or calendar home: a place to look for calendars, not one."""
    here = _folder(address)
    return here.rstrip("/") == "/.well-known/caldav" or any(
        _folder(url).startswith(here) for url in (principal, home))


def find_calendars(transport: Transport, address: str) -> list[FoundCalendar]:
    """The calendars at `address`: that one calendar, or every one of the user's when
    `address` names the server or the account. An address naming anything else (a
    misspelt or deleted calendar) is refused, never replaced by another calendar."""
    here = _propfind(transport, address, davxml.collection_props(), "0")
    for member in here.members:
        found = _calendar_of(member, transport.absolute(address))
        if found is not None:
            return [found]
    principal, home = _principal_and_home(transport, address)
    listing = _propfind(transport, home, davxml.collection_props(), "1")
    calendars = []
    for member in listing.members:
        found = _calendar_of(member, home)
        if found is not None:
            calendars.append(found)
    if not _names_the_account(transport.absolute(address), principal, home):
        there = ("; the calendars there are: " + ", ".join(
            f'"{c.name}" ({c.url})' for c in calendars) + ".") if calendars else \
            "; the account has no calendar yet."
        raise errors.NoCalendar(f"There is no calendar at {address[:200]}{there}")
    return calendars


def check_calendar(transport: Transport, url: str) -> FoundCalendar:
    """The calendar at `url`, or the reason it cannot be synced with, in words."""
    listing = _propfind(transport, url, davxml.collection_props(), "0")
    for member in listing.members:
        found = _calendar_of(member, transport.absolute(url))
        if found is None:
            continue
        if not found.holds_events:
            raise errors.RefusesEvents(f'"{found.name}" holds only tasks or notes, not '
                                       "events.")
        if not found.writable:
            raise errors.RefusesEvents(f'"{found.name}" is read-only for this user.')
        return found
    raise errors.NoCalendar(f"There is no calendar at {url}.")


def make_calendar(transport: Transport, address: str, name: str = "Hearth") -> FoundCalendar:
    """Create a calendar named `name` in the user's calendar home (MKCALENDAR)."""
    home = home_set(transport, address)
    for existing in find_calendars(transport, home):
        if existing.name == name:
            return existing
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "hearth"
    url = urljoin(home, f"{slug}/")
    body = (f'<?xml version="1.0" encoding="utf-8"?><c:mkcalendar xmlns:d="DAV:" '
            f'xmlns:c="{davxml.CALDAV}"><d:set><d:prop>'
            f"<d:displayname>{escape(name)}</d:displayname>"
            '<c:supported-calendar-component-set><c:comp name="VEVENT"/>'
            "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>")
    reply = transport.request("MKCALENDAR", url, body, XML)
    if reply.status == 405:  # something is there already: try a fresh name beside it
        url = urljoin(home, f"{slug}-{uuid.uuid4().hex[:8]}/")
        reply = transport.request("MKCALENDAR", url, body, XML)
    if reply.status not in (200, 201, 204):
        raise errors.RefusesEvents(
            f"The server did not let Hearth create a calendar (it answered "
            f"{reply.status}); create one on the server and pick it here.")
    return FoundCalendar(url=url, name=name)
