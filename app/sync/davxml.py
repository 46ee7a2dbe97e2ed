"""The WebDAV and CalDAV XML Hearth sends and reads: bodies of PROPFIND and REPORT
requests, and multistatus replies read into plain values.

Replies come from servers Hearth does not control: they are parsed without entities or
network access. An empty reply holds nothing; an unreadable multistatus is a ServerError
said in words (never an exception of the parser, never taken for "nothing there").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit
from xml.sax.saxutils import escape

from lxml import etree

from app.sync import errors

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
_NS = f'xmlns:d="{DAV}" xmlns:c="{CALDAV}"'


@dataclass
class Member:
    """One <response> of a multistatus: its href, status and the properties found."""

    href: str
    status: int = 200
    etag: str | None = None
    calendar_data: str | None = None
    props: dict[str, object] = field(default_factory=dict)


@dataclass
class Multistatus:
    members: list[Member]
    sync_token: str | None = None


def sync_collection(token: str | None) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><d:sync-collection {_NS}>'
            f"<d:sync-token>{escape(token or '')}</d:sync-token>"
            "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
            "</d:sync-collection>")


def etag_listing() -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NS}><d:prop>'
            "<d:getetag/><d:resourcetype/></d:prop></d:propfind>")


def multiget(hrefs: list[str]) -> str:
    items = "".join(f"<d:href>{escape(href)}</d:href>" for href in hrefs)
    return (f'<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget {_NS}>'
            f"<d:prop><d:getetag/><c:calendar-data/></d:prop>{items}"
            "</c:calendar-multiget>")


def collection_props() -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NS}><d:prop>'
            "<d:resourcetype/><d:displayname/><c:supported-calendar-component-set/>"
            "<d:current-user-privilege-set/><d:sync-token/>"
            "</d:prop></d:propfind>")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False)


def _status(text: str | None) -> int:
    parts = (text or "").split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 200


def normalize_href(href: str, base: str) -> str:
    """An href as a path (no scheme or host, %-escapes undone), so the same resource is
    one key whichever way the server spelled it."""
    return unquote(urlsplit(urljoin(base, href.strip())).path)


def read_multistatus(text: str | bytes, base: str) -> Multistatus:
    if isinstance(text, str):
        text = text.encode("utf-8")
    if not text.strip():
        return Multistatus([])
    try:
        root = etree.fromstring(text, parser=_parser())
    except (etree.XMLSyntaxError, ValueError):
        # Read as "nothing there", a broken answer would look like an emptied calendar.
        raise errors.ServerError(f"{urlsplit(base).hostname or base} answered with "
                                 "something Hearth cannot read.") from None
    members = []
    for response in root.iter(f"{{{DAV}}}response"):
        href = response.findtext(f"{{{DAV}}}href")
        if href is None:
            continue
        member = Member(normalize_href(href, base),
                        status=_status(response.findtext(f"{{{DAV}}}status")))
        for propstat in response.iter(f"{{{DAV}}}propstat"):
            if _status(propstat.findtext(f"{{{DAV}}}status")) >= 300:
                continue
            prop = propstat.find(f"{{{DAV}}}prop")
            if prop is None:
                continue
            for child in prop:
                if not isinstance(child.tag, str):
                    continue
                if child.tag == f"{{{DAV}}}getetag":
                    member.etag = (child.text or "").strip() or None
                elif child.tag == f"{{{CALDAV}}}calendar-data":
                    member.calendar_data = child.text or ""
                elif child.tag == f"{{{DAV}}}resourcetype":
                    member.props["resourcetype"] = [c.tag for c in child
                                                    if isinstance(c.tag, str)]
                elif child.tag == f"{{{CALDAV}}}supported-calendar-component-set":
                    member.props["components"] = [c.get("name", "").upper() for c in child]
                elif child.tag == f"{{{DAV}}}current-user-privilege-set":
                    member.props["privileges"] = [p.tag for priv in child for p in priv
                                                  if isinstance(p.tag, str)]
                else:
                    member.props[etree.QName(child).localname] = (child.text or "").strip()
        members.append(member)
    token = root.findtext(f"{{{DAV}}}sync-token")
    return Multistatus(members, token.strip() if token else None)


def error_conditions(text: str | bytes) -> list[str]:
    """The precondition names of a DAV:error body ("valid-sync-token", ...)."""
    if isinstance(text, str):
        text = text.encode("utf-8")
    try:
        root = etree.fromstring(text, parser=_parser())
    except (etree.XMLSyntaxError, ValueError):
        return []
    return [etree.QName(child).localname for child in root if isinstance(child.tag, str)]
