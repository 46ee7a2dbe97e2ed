"""HTTP requests to the calendar server, through the `caldav` library's client, with
every failure turned into a `SyncError` that says what happened in words.

A `Transport` counts its requests (the benchmarks and tests read `requests`), never logs
a password or an event's text, and never retries a request on its own: whether a retry
is safe is the engine's decision, made with ETags.

Every reply is streamed and stops at BODY_MAX_BYTES, and a whole request (a server that
keeps trickling data never trips the per-read time-out) ends at DEADLINE_SECONDS: a reply
too large or too slow is refused in words before anything is changed.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from app.sync import errors

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30
DEADLINE_SECONDS = 300
BODY_MAX_BYTES = 50 * 1024 * 1024
CHUNK_BYTES = 64 * 1024


@dataclass
class Reply:
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    text: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def failure_in_words(exc: BaseException, url: str) -> errors.SyncError:
    """The SyncError for an exception the HTTP layer raised while talking to `url`."""
    import niquests.exceptions as http
    from lxml import etree

    host = _host(url)
    chain = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    if any(isinstance(item, (http.SSLError, ssl.SSLError)) for item in chain):
        return errors.CertificateProblem(
            f"The secure connection to {host} failed: its certificate is not trusted or "
            "does not belong to that name.")
    if any(isinstance(item, etree.LxmlError) for item in chain):
        return errors.ServerError(f"{host} answered with something Hearth cannot read.")
    if any(isinstance(item, (http.Timeout, TimeoutError)) for item in chain):
        return errors.TimedOut(f"{host} did not answer in {TIMEOUT_SECONDS} seconds.")
    text = " ".join(str(item) for item in chain).lower()
    if "name or service not known" in text or "nodename nor servname" in text \
            or "getaddrinfo" in text or "name resolution" in text:
        return errors.NoNetwork(f"Hearth cannot find {host}: no network, or the address "
                                "is misspelled.")
    if any(isinstance(item, ConnectionRefusedError) for item in chain) or "refused" in text:
        return errors.NoNetwork(f"{host} refused the connection: the server is not "
                                "running there, or the network is down.")
    return errors.NoNetwork(f"The connection to {host} was lost before it answered.")


def _bounded(request, *, limit: int, deadline: float):
    """Wrap a session's `request` so each reply body is read in chunks, at most `limit`
    bytes and until `deadline` seconds after the request started."""

    def send(method, url, *args, **kwargs):
        kwargs["stream"] = True
        started = time.monotonic()
        response = request(method, url, *args, **kwargs)
        host = _host(url)
        body = bytearray()
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                body += chunk
                if len(body) > limit:
                    raise errors.ServerError(
                        f"{host} sent more than {limit // (1024 * 1024)} MB in one reply; "
                        "nothing was changed.")
                if time.monotonic() - started > deadline:
                    raise errors.TimedOut(
                        f"{host} took more than {deadline:g} seconds to send one reply; "
                        "nothing was changed.")
        except errors.SyncError:
            response.close()
            raise
        response._content = bytes(body)
        response._content_consumed = True
        return response

    return send


class Transport:
    """Requests to one server as one user. `auth_type` ("basic", "digest") skips the
    first unauthenticated round trip once setup has learnt it."""

    def __init__(self, url: str, username: str, password: str, *,
                 auth_type: str | None = None, timeout: int = TIMEOUT_SECONDS,
                 deadline: float = DEADLINE_SECONDS, body_max: int = BODY_MAX_BYTES):
        import caldav

        self.url = url
        self.requests = 0
        self.client = caldav.DAVClient(
            url=url, username=username, password=password, auth_type=auth_type,
            timeout=timeout, enable_rfc6764=False,
        )
        session = self.client.session
        session.request = _bounded(session.request, limit=body_max, deadline=deadline)

    @property
    def auth_type(self) -> str | None:
        return self.client.auth_type or _auth_name(self.client.auth)

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    def request(self, method: str, url: str, body: str = "",
                headers: Mapping[str, str] | None = None) -> Reply:
        """Send one request; a reply of any status comes back, except 401 (the password
        is wrong) and network failures, which raise SyncError."""
        from caldav.lib import error as dav_error

        url = self.absolute(url)
        self.requests += 1
        try:
            response = self.client.request(url, method, body, dict(headers or {}))
        except dav_error.AuthorizationError as exc:
            if exc.status == 401 or exc.status is None:
                raise errors.WrongPassword(
                    f"{_host(url)} did not accept the user name and password.") from None
            body_text = exc.body.decode("utf-8", "replace") if isinstance(
                exc.body, bytes) else (exc.body or "")
            return Reply(exc.status, {}, body_text)
        except errors.SyncError:
            raise  # a reply too large or too slow, already in words
        except dav_error.RateLimitError:
            raise errors.ServerError(f"{_host(url)} asks Hearth to wait before syncing "
                                     "again.") from None
        except dav_error.DAVError as exc:
            raise errors.ServerError(f"{_host(url)} gave an answer Hearth cannot read.",
                                     detail=str(exc)) from None
        except Exception as exc:  # the HTTP layer's many exceptions, said in words
            failure = failure_in_words(exc, url)
            log.info("sync request failed: %s %s: %s", method, urlsplit(url).path,
                     type(exc).__name__)
            raise failure from None
        log.debug("sync %s %s -> %s", method, urlsplit(url).path, response.status)
        return Reply(int(response.status), dict(response.headers or {}), response.raw or "")

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # closing a dead connection must not fail the sync
            log.debug("closing the sync connection failed", exc_info=True)


def _auth_name(auth) -> str | None:
    name = type(auth).__name__.lower() if auth is not None else ""
    if "digest" in name:
        return "digest"
    if "basic" in name:
        return "basic"
    return None
