"""Replies a hostile or broken server sends, from a tiny HTTP server on 127.0.0.1: an
endless body stops at the cap, a trickling one at the deadline, both said in words."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from app.sync import errors
from app.sync.remote import Collection
from app.sync.transport import BODY_MAX_BYTES, Transport


class _Hostile(http.server.BaseHTTPRequestHandler):
    mode = "endless"

    def log_message(self, *args):  # quiet
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(207)
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        if self.mode == "broken-xml":
            body = b"<?xml version='1.0'?><multistatus xmlns='DAV:'><response><href>"
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.end_headers()
        chunk = b"x" * 65536 if self.mode == "endless" else b"x"
        try:
            while not self.server.stopping.is_set():
                self.wfile.write(chunk)
                if self.mode == "trickle":
                    self.wfile.flush()
                    time.sleep(0.05)
        except OSError:
            pass  # the client hung up: what it should do

    do_REPORT = do_PROPFIND = do_GET = _answer


@pytest.fixture
def hostile():
    servers = []

    def start(mode):
        handler = type("Handler", (_Hostile,), {"mode": mode})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        server.stopping = threading.Event()
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/alice/hearth/"

    yield start
    for server in servers:
        server.stopping.set()
        server.shutdown()
        server.server_close()


def test_an_endless_reply_stops_at_the_cap_and_says_so(hostile):
    url = hostile("endless")
    transport = Transport(url, "alice", "pw", auth_type="basic")
    with pytest.raises(errors.ServerError) as refused:
        Collection(transport, url).changes(None)
    transport.close()
    assert f"sent more than {BODY_MAX_BYTES // (1024 * 1024)} MB" in refused.value.message
    assert "nothing was changed" in refused.value.message


def test_a_reply_that_keeps_trickling_meets_the_overall_deadline(hostile):
    url = hostile("trickle")
    transport = Transport(url, "alice", "pw", auth_type="basic", timeout=5, deadline=1)
    with pytest.raises(errors.TimedOut) as refused:
        transport.request("GET", url)
    transport.close()
    assert "more than 1 seconds" in refused.value.message
    assert "nothing was changed" in refused.value.message


def test_a_multistatus_hearth_cannot_parse_is_said_to_be_unreadable(hostile):
    url = hostile("broken-xml")
    transport = Transport(url, "alice", "pw", auth_type="basic")
    with pytest.raises(errors.ServerError) as refused:
        Collection(transport, url).changes(None)
    transport.close()
    assert "answered with something Hearth cannot read" in refused.value.message
    assert "lost" not in refused.value.message
