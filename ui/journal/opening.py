"""Unlocking a journal: at once for an up-to-date file, on a worker thread for an older one.

The quick way (`open_journal(upgrade=False)`) runs inline: a key derivation takes ~0.15 s,
short enough not to need a thread, and an up-to-date journal opens at once. Only when it
says the file needs a schema step (an index rebuild can take seconds on a large journal)
does the unlock run again off the UI thread, reporting progress; `slow` asks the tab to
show it once the work has taken PROGRESS_DELAY_MS, so a quick upgrade shows nothing.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import HearthError, WrongPassphraseError
from app.services import journal as core
from ui.background import BackgroundTask

PROGRESS_DELAY_MS = 500
UPGRADE_TITLE = "Bringing the journal up to date"
UPGRADE_TEXT = ("Hearth is rebuilding this journal's search index, so that a word also "
                "finds its other forms. Your entries stay as they are; a backup was made "
                "first.")
WRONG_PASSPHRASE = ("That passphrase does not unlock this journal. Check Caps Lock and try "
                    "again.")


def _open(context, journal_id: int, passphrase: str | None, report):
    return core.open_journal(context, journal_id, passphrase, report=report)


class Unlocker(QObject):
    """Opens journals for the tab. Signals: `opened(session)` or `failed(message)`, and
    for an upgrade in between, `slow` (once) and `progressed(done, total)`.

    `cancel()` (the tab locked or closed meanwhile) drops an upgrade still running: the
    session it brings is closed at once instead of being handed over.
    """

    opened = Signal(object)  # JournalSession
    failed = Signal(str)
    slow = Signal()
    progressed = Signal(int, int)

    def __init__(self, *, context, parent=None):
        super().__init__(parent)
        self._context = context
        self._task: BackgroundTask | None = None
        self.progress = (0, 0)  # the upgrade's last (done, total), for a page shown late
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PROGRESS_DELAY_MS)
        self._timer.timeout.connect(self.slow)

    @property
    def upgrading(self) -> bool:
        return self._task is not None

    def unlock(self, journal_id: int, passphrase: str | None) -> bool:
        """Open the journal; True when it opened at once (`opened` has been emitted)."""
        try:
            session = core.open_journal(self._context, journal_id, passphrase, upgrade=False)
        except core.JournalUpgradeNeededError:
            self._start_upgrade(journal_id, passphrase)
            return False
        except core.NoKeyFileError as exc:
            self.failed.emit(exc.message)  # it also says the key file may be missing
            return False
        except WrongPassphraseError:
            self.failed.emit(WRONG_PASSPHRASE)
            return False
        except HearthError as exc:
            self.failed.emit(exc.message)
            return False
        self.opened.emit(session)
        return True

    def cancel(self) -> None:
        task, self._task = self._task, None
        self._timer.stop()
        if task is not None:
            task.succeeded.disconnect(self._on_task_succeeded)
            task.failed.disconnect(self._on_task_failed)
            task.succeeded.connect(_close_session)

    def _start_upgrade(self, journal_id: int, passphrase: str | None) -> None:
        work = functools.partial(_open, self._context, journal_id, passphrase)
        # The worker reads the journal list from the shared database on a connection of
        # its own, closed again when the work is over.
        task = BackgroundTask(work, name="journal upgrade",
                              close_connection=self._context.db.close, parent=self)
        task.progressed.connect(self._on_task_progressed)
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)
        task.finished.connect(task.deleteLater)
        self._task = task
        self.progress = (0, 0)
        self._timer.start()
        task.start()

    def _on_task_progressed(self, done: int, total: int) -> None:
        self.progress = (done, total)
        self.progressed.emit(done, total)

    def _on_task_succeeded(self, session) -> None:
        self._task = None
        self._timer.stop()
        self.opened.emit(session)

    def _on_task_failed(self, message: str) -> None:
        self._task = None
        self._timer.stop()
        self.failed.emit(message)


def _close_session(session) -> None:
    session.close()
