"""Real CalDAV servers on 127.0.0.1 for the sync tests: Radicale in this process (with a
temporary storage folder, plain htpasswd users and no delay after a wrong password) and
Xandikos as a child process. Both can be stopped and started again on the same port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

USERS = {"alice": "alice-app-password", "bob": "bob-app-password"}


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # the test output is not an access log
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class Radicale:
    """Radicale serving `storage` at http://127.0.0.1:<port>/; everyone logged in may use
    every calendar, so the two partners share one."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        users = self.folder / "users"
        users.write_text("".join(f"{name}:{word}\n" for name, word in USERS.items()))
        self.port = _free_port()
        self._server = None
        self._thread = None
        self.users = users

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Radicale:
        import radicale
        from radicale import config

        configuration = config.load()
        configuration.update({
            "server": {"hosts": f"127.0.0.1:{self.port}"},
            "auth": {"type": "htpasswd", "htpasswd_filename": str(self.users),
                     "htpasswd_encryption": "plain", "delay": "0"},
            "rights": {"type": "authenticated"},
            "storage": {"filesystem_folder": str(self.folder / "collections")},
            "logging": {"level": "critical"},
        }, "test")
        app = radicale.Application(configuration)
        self._server = make_server("127.0.0.1", self.port, app, server_class=_ThreadingServer,
                                   handler_class=_Quiet)
        # shutdown() waits for the serving loop to look at its flag, which it does once per
        # poll interval: the default half second was most of each sync test's teardown.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,),
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = None

    def calendar_url(self, owner: str = "alice", name: str = "hearth") -> str:
        return f"{self.url}{owner}/{name}/"


class Xandikos:
    """Xandikos (no authentication of its own) in a child process."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.port = _free_port()
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Xandikos:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "xandikos.web", "--defaults", "-d", str(self.folder),
             "-l", "127.0.0.1", "-p", str(self.port), "--current-user-principal", "/alice/"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONWARNINGS": "ignore"})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(
                    ("127.0.0.1", self.port), timeout=1):
                return self
            if self._process.poll() is not None:
                raise RuntimeError("xandikos did not start")
            time.sleep(0.1)
        raise RuntimeError("xandikos did not listen in time")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None

    def calendar_url(self, owner: str = "alice", name: str = "calendar") -> str:
        return f"{self.url}{owner}/calendars/{name}/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
