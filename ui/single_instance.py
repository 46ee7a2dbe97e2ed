"""One window per data folder: the first launch listens, a second one asks it to come
forward and exits, so there is never a second writer on the same files.

The lock is taken at once; the local server starts listening once the window is up
(`listen()`), so start-up does not wait for the network module. A launch that comes in
between keeps knocking for a few seconds until it is answered.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.errors import AlreadyRunningError, CommandRunningError
from app.instance_lock import InstanceLock

log = logging.getLogger(__name__)

_RAISE = b"raise\n"
KNOCK_SECONDS = 5.0  # how long a second launch keeps trying to reach the first
KNOCK_INTERVAL = 0.1


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    return f"hearth-{digest}"


class SingleInstance(QObject):
    """Hold the data folder's lock and answer later launches by raising the window."""

    activation_requested = Signal()

    def __init__(self, data_dir: Path, *, knock_seconds: float = KNOCK_SECONDS, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._lock = InstanceLock(self.data_dir)
        self._server = None  # a QLocalServer once listening
        self._knock_seconds = knock_seconds
        self.notified = False  # a refused acquire() reached the window that holds the lock

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunningError after asking the holder to show itself."""
        try:
            self._lock.acquire()
        except CommandRunningError:
            raise  # a command, with no window to show
        except AlreadyRunningError:
            self.notified = self._notify_running_instance()
            raise

    def listen(self) -> bool:
        """Answer later launches from now on; False when the socket could not be made."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or not self._lock.held:
            return self._server is not None
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # a stale socket from a crashed run
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            log.warning("cannot listen for later launches: %s", server.errorString())
            return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()

    def _notify_running_instance(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + self._knock_seconds
        while True:
            socket = QLocalSocket()
            socket.connectToServer(server_name(self.data_dir))
            if socket.waitForConnected(1000):
                break
            if time.monotonic() >= deadline:  # the holder is not listening (yet, or at all)
                return False
            time.sleep(KNOCK_INTERVAL)
        socket.write(_RAISE)
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _on_server_new_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._on_connection_ready(c))

    def _on_connection_ready(self, connection) -> None:
        if bytes(connection.readAll()).startswith(_RAISE.strip()):
            self.activation_requested.emit()
        connection.disconnectFromServer()
