"""The calendar tab's sync line: how the sync stands, in words, with what to do about it.

"Synced 2 minutes ago", "Syncing…", "Offline: 3 changes waiting", or a problem with its
fix; a Sync now button and, when there are any, the plans changed in two places.
Hidden while no calendar server is set up.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ui import icons
from ui.theme import SPACING

REFRESH_MS = 30_000


class SyncBar(QFrame):
    sync_requested = Signal()
    conflicts_requested = Signal()
    settings_requested = Signal()
    confirm_requested = Signal()

    def __init__(self, *, runner, clock=None, parent=None):
        super().__init__(parent)
        self.runner = runner
        self._clock = clock or datetime.datetime.now
        self.setProperty("role", "card")
        self.setAccessibleName("Calendar sync")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING["m"], SPACING["xs"], SPACING["s"], SPACING["xs"])
        layout.setSpacing(SPACING["m"])
        self.icon_label = QLabel(self)
        layout.addWidget(self.icon_label)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text_label, 1)
        self.confirm_button = self._button("Delete them", "Let this sync delete those plans",
                                           self.confirm_requested)
        self.conflicts_button = self._button("Changed in two places…",
                                             "Pick which version of each change to keep",
                                             self.conflicts_requested)
        self.settings_button = self._button("Settings…", "Server, user and password",
                                            self.settings_requested)
        self.settings_button.hide()
        self.sync_button = self._button("Sync now", "Sync with the calendar server now (F5)",
                                        self.sync_requested)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        runner.status_changed.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, tip: str, signal) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.clicked.connect(signal)
        self.layout().addWidget(button)
        return button

    def refresh(self) -> None:
        from app.sync import status as sync_status

        try:
            current = sync_status.current()
        except Exception:  # the database cannot be read: the tab says so elsewhere
            self.hide()
            return
        if not current.set_up:
            self.hide()
            return
        last = self.runner.last
        offline = bool(last and last.offline)
        icon = "check"
        guard = bool(last and last.guard)
        if self.runner.running:
            text, icon = "Syncing…", "repeat"
        elif guard:
            text, icon = last.problem, "warning"
        elif last is not None and last.problem and not offline:
            text = f"{last.problem} {last.fix}".strip()
            icon = "warning"
        else:
            text = current.line(self._clock(), offline=offline, conflicts=False)
            if offline or current.waiting:
                icon = "clock"
        self.text_label.setText(text)
        self.setAccessibleDescription(text)
        self.icon_label.setPixmap(icons.icon(icon).pixmap(18, 18))
        # Only a problem the couple fixes in the settings brings their button here.
        self.settings_button.setVisible(bool(last and last.problem and not offline
                                             and not guard and not self.runner.running))
        self.conflicts_button.setVisible(bool(current.conflicts))
        self.conflicts_button.setText(f"Changed in two places ({len(current.conflicts)})…")
        self.confirm_button.setVisible(guard and not self.runner.running)
        self.sync_button.setEnabled(current.enabled and not self.runner.running)
        self.show()
