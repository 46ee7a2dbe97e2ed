"""One calendar collection on the server, in the few requests a sync needs.

`changes(token)` asks what changed since a sync token (RFC 6578 sync-collection) and
falls back to listing every ETag when the server refuses or has expired the token, or
does not know the report; `fetch` reads resources with calendar-multiget (or GET one by
one); `put` creates with `If-None-Match: *` or replaces with `If-Match`; `delete` removes
with `If-Match`. Nothing is retried here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from app.sync import davxml, errors
from app.sync.transport import Reply, Transport

log = logging.getLogger(__name__)

XML = {"Content-Type": "application/xml; charset=utf-8"}
ICS = {"Content-Type": "text/calendar; charset=utf-8"}
MULTIGET_BATCH = 200
SYNC_PAGES_MAX = 100


@dataclass
class Changes:
    """What the server holds now: `changed` href -> ETag (everything when `full`),
    `removed` hrefs, and the token that covers it (None: the server has no tokens)."""

    changed: dict[str, str | None] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    token: str | None = None
    full: bool = False


class PreconditionFailed(Exception):
    """The resource is not the version the ETag named (HTTP 412)."""


@dataclass(frozen=True)
class Written:
    etag: str | None


class Collection:
    def __init__(self, transport: Transport, url: str):
        self.transport = transport
        self.url = url if url.endswith("/") else url + "/"
        self.path = urlsplit(self.url).path

    def href_for(self, name: str) -> str:
        return self.path + name

    def _refuse(self, reply: Reply, what: str) -> errors.SyncError:
        host = urlsplit(self.url).hostname
        if reply.status == 404:
            return errors.NoCalendar(f"The calendar is no longer at {self.url}.")
        if reply.status == 403:
            return errors.RefusesEvents(f"{host} does not let this user {what} here.")
        if reply.status in (415, 422) or reply.status == 409 and what == "save events":
            return errors.RefusesEvents(f"{host} refuses Hearth's events "
                                        f"(it answered {reply.status}).")
        if reply.status >= 500:
            return errors.ServerError(f"{host} had a problem (it answered {reply.status}).")
        return errors.ServerError(f"{host} answered {reply.status} when asked to {what}.")

    # ----------------------------------------------------------------- reading

    def changes(self, token: str | None) -> Changes:
        if token:
            found = self._sync(token)
            if found is not None:
                return found
            log.info("sync token refused or expired; listing the whole calendar")
        found = self._sync(None)
        if found is not None:
            return found
        return self._listing()

    def _sync(self, token: str | None) -> Changes | None:
        """The sync-collection answer, or None when the token (or report) is refused."""
        result = Changes(full=not token)
        for _page in range(SYNC_PAGES_MAX):
            reply = self.transport.request("REPORT", self.url,
                                           davxml.sync_collection(token), XML)
            if reply.status != 207:
                if reply.status in (400, 403, 409, 410, 412, 501, 405):
                    return None
                raise self._refuse(reply, "read the calendar")
            answer = davxml.read_multistatus(reply.text, self.url)
            truncated = False
            for member in answer.members:
                if member.href.rstrip("/") == self.path.rstrip("/"):
                    truncated = truncated or member.status == 507
                    continue
                if member.status == 404:
                    result.changed.pop(member.href, None)
                    result.removed.add(member.href)
                elif member.status < 300 and not member.href.endswith("/"):
                    result.removed.discard(member.href)
                    result.changed[member.href] = member.etag
            result.token = answer.sync_token or token
            if not truncated or answer.sync_token in (None, token):
                return result
            token = answer.sync_token
        return result

    def _listing(self) -> Changes:
        reply = self.transport.request("PROPFIND", self.url, davxml.etag_listing(),
                                       {**XML, "Depth": "1"})
        if reply.status != 207:
            raise self._refuse(reply, "list the calendar")
        result = Changes(full=True)
        for member in davxml.read_multistatus(reply.text, self.url).members:
            kinds = member.props.get("resourcetype") or []
            if member.href.rstrip("/") == self.path.rstrip("/") or kinds:
                continue
            if member.status < 300:
                result.changed[member.href] = member.etag
        return result

    def fetch(self, hrefs: list[str]) -> dict[str, tuple[str | None, str]]:
        """href -> (ETag, calendar text) of the resources that still exist."""
        found: dict[str, tuple[str | None, str]] = {}
        for first in range(0, len(hrefs), MULTIGET_BATCH):
            batch = hrefs[first:first + MULTIGET_BATCH]
            reply = self.transport.request("REPORT", self.url, davxml.multiget(
                [quote(href) for href in batch]), {**XML, "Depth": "1"})
            if reply.status != 207:
                for href in batch:
                    got = self.get(href)
                    if got is not None:
                        found[href] = got
                continue
            for member in davxml.read_multistatus(reply.text, self.url).members:
                if member.status < 300 and member.calendar_data is not None:
                    found[member.href] = (member.etag, member.calendar_data)
        return found

    def get(self, href: str) -> tuple[str | None, str] | None:
        reply = self.transport.request("GET", quote(href))
        if reply.status == 404:
            return None
        if not reply.ok:
            raise self._refuse(reply, "read an event")
        return reply.header("ETag"), reply.text

    # ----------------------------------------------------------------- writing

    def put(self, href: str, text: str, *, etag: str | None) -> Written:
        """Create (`etag` None: only if nothing is there) or replace the version `etag`."""
        headers = dict(ICS)
        if etag is None:
            headers["If-None-Match"] = "*"
        else:
            headers["If-Match"] = etag
        reply = self.transport.request("PUT", quote(href), text, headers)
        if reply.status == 412:
            raise PreconditionFailed(href)
        if reply.status == 404 and etag is not None:
            raise FileNotFoundError(href)
        if not reply.ok:
            raise self._refuse(reply, "save events")
        new = reply.header("ETag")
        if new is None or new.startswith("W/"):
            new = self._etag(href)
        return Written(new)

    def _etag(self, href: str) -> str | None:
        reply = self.transport.request("PROPFIND", quote(href), davxml.etag_listing(),
                                       {**XML, "Depth": "0"})
        if reply.status != 207:
            return None
        for member in davxml.read_multistatus(reply.text, self.url).members:
            return member.etag
        return None

    def delete(self, href: str, *, etag: str | None) -> None:
        """Remove the version `etag` (any version when None); a resource already gone is
        done."""
        headers = {"If-Match": etag} if etag else {}
        reply = self.transport.request("DELETE", quote(href), "", headers)
        if reply.status == 412:
            raise PreconditionFailed(href)
        if reply.ok or reply.status == 404:
            return
        raise self._refuse(reply, "delete events")

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)
