"""A loopback HTTP proxy that misbehaves on purpose, between Hearth and a test server.

Each request is handled by what `plan` says for it (a list consumed one request at a
time, then "pass"; `on(method, action)` instead aims at the next request of that
method): "pass" forwards it and its reply; "swallow" forwards it, lets the
server act and answer, then drops the connection without a word to the client (the
reply lost after the server acted); "cut" forwards the headers and half of the body,
then hangs up on both sides. `refuse()` closes the listening socket, so connections are
refused, until `accept()`.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class FaultProxy:
    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.plan: list[str] = []
        self.rules: dict[str, list[str]] = {}
        self.seen: list[tuple[str, str, str]] = []  # (method, path, what was done)
        self._listener: socket.socket | None = None
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.accept()

    def url_for(self, server_url: str) -> str:
        return server_url.replace(f":{self.upstream_port}/", f":{self.port}/", 1)

    def accept(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._serve, args=(listener,), daemon=True).start()

    def refuse(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def close(self) -> None:
        self.refuse()

    def _serve(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def on(self, method: str, action: str) -> None:
        self.rules.setdefault(method, []).append(action)

    def _next(self, method: str) -> str:
        if self.rules.get(method):
            return self.rules[method].pop(0)
        return self.plan.pop(0) if self.plan else "pass"

    def _handle(self, client: socket.socket) -> None:
        with contextlib.closing(client):
            buffer = b""
            while True:
                request, buffer = _read_request(client, buffer)
                if request is None:
                    return
                head, body = request
                method, path = head.split(b" ", 2)[:2]
                action = self._next(method.decode())
                self.seen.append((method.decode(), path.decode(), action))
                head = _close_after(head)
                if action == "cut":
                    with socket.create_connection(("127.0.0.1", self.upstream_port)) as up:
                        up.sendall(head + body[: len(body) // 2])
                    return
                with socket.create_connection(("127.0.0.1", self.upstream_port)) as up:
                    up.sendall(head + body)
                    reply = _read_all(up)
                if action == "swallow":
                    return
                client.sendall(_close_reply(reply))
                return


def _read_request(sock: socket.socket, buffer: bytes):
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        rest += chunk
    return (head + b"\r\n\r\n", rest[:length]), rest[length:]


def _close_after(head: bytes) -> bytes:
    lines = [line for line in head.rstrip(b"\r\n").split(b"\r\n")
             if not line.lower().startswith(b"connection:")]
    return b"\r\n".join(lines + [b"Connection: close"]) + b"\r\n\r\n"


def _close_reply(reply: bytes) -> bytes:
    if b"\r\n\r\n" not in reply:
        return reply
    head, body = reply.split(b"\r\n\r\n", 1)
    return _close_after(head) + body


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
