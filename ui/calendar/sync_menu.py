"""Calendar sync in the window: the Calendar menu's actions and the place of the tab's
sync line.

Without a calendar server account (most couples) there is no sync line and nothing to
run, so the sync machinery (`ui.calendar.sync_actions`, `app.sync`) is loaded only once an
account is found: at start, when the menu is used, after a local change, or by the same
30-second look the sync line itself takes (an account set up from the command line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from app.sync.presence import account_set_up

if TYPE_CHECKING:
    from PySide6.QtWidgets import QBoxLayout, QWidget

LOOK_MS = 30_000  # as often as the sync line refreshes (ui.calendar.sync_bar)


class CalendarSync(QObject):
    plans_changed = Signal()

    def __init__(self, *, context, parent: QWidget):
        super().__init__(parent)
        self._context = context
        self._widget = parent
        self._layout: QBoxLayout | None = None
        self._controls = None
        self.setup_action = QAction("Sync with a calendar &server…", parent)
        self.setup_action.setData("settings")
        self.setup_action.setToolTip("Share plans with your partner through a calendar server")
        self.setup_action.triggered.connect(self.open_setup)
        self.sync_action = QAction("Sync &now", parent)
        self.sync_action.setData("repeat")
        self.sync_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.sync_action.setToolTip("Sync with the calendar server now")
        self.sync_action.triggered.connect(self.sync_now)
        self.conflicts_action = QAction("Changed in two &places…", parent)
        self.conflicts_action.triggered.connect(self.open_conflicts)
        self._look = QTimer(self)
        self._look.setInterval(LOOK_MS)
        self._look.timeout.connect(self._on_look_timeout)

    def place(self, layout: QBoxLayout) -> None:
        """Put the sync line at the top of `layout` (now when an account is set up, else
        once one is), and begin the schedule: its first sync waits until the window has
        painted."""
        self._layout = layout
        if account_set_up():
            self._wake().runner.start()
        else:
            self._look.start()

    @property
    def runner(self):
        return self._wake().runner

    @property
    def bar(self):
        return self._wake().bar

    def watch(self, changes, files, *, shown_by) -> None:
        """Sync a little after plans are deleted, restored or imported; call `shown_by`
        when the sync changed plans here."""
        for signal in (changes.deleted, changes.restored, files.imported):
            signal.connect(self.local_change)
        self.plans_changed.connect(shown_by)

    def actions(self) -> list[QAction]:
        return [self.setup_action, self.sync_action, self.conflicts_action]

    def shutdown(self) -> None:
        self._look.stop()
        if self._controls is not None:
            self._controls.runner.stop()

    def local_change(self, *_args) -> None:
        if self._controls is None and not account_set_up():
            return  # nothing to sync with
        self.runner.local_change()

    def sync_now(self) -> None:
        self._wake().sync_now()

    def open_setup(self):
        return self._wake().open_setup()

    def open_conflicts(self):
        return self._wake().open_conflicts()

    def _wake(self):
        """The runner, the sync line and the dialogs, built the first time they are needed."""
        if self._controls is None:
            from ui.calendar.sync_actions import SyncControls

            self._look.stop()
            self._controls = SyncControls(context=self._context,
                                          plans_changed=self.plans_changed,
                                          parent=self._widget)
            if self._layout is not None:
                self._layout.insertWidget(0, self._controls.bar)
        return self._controls

    def _on_look_timeout(self) -> None:
        if account_set_up():
            self._wake()
