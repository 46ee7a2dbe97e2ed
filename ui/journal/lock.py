"""The lock screen: the passphrase of one journal (the chooser of several is
ui/journal/chooser.py, the page shown while a journal file is rewritten ui/journal/busy.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui import icons
from ui.journal.forms import centered_card, error_label, icon_label, password_field, show_error
from ui.widgets import heading, muted


class LockPage(QWidget):
    """Asks for the passphrase of one journal; emits `unlock_requested(passphrase)`."""

    unlock_requested = Signal(str)
    switch_requested = Signal()
    recovery_requested = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Journal locked")
        layout = centered_card(self)
        self._icon = icon_label(icons.icon("lock", accent=True).pixmap(44, 44), parent=self)
        layout.addWidget(self._icon)
        self.title = heading("Journal locked", level=1, parent=self)
        layout.addWidget(self.title)
        self.subtitle = muted("Enter your passphrase to open it.", parent=self)
        layout.addWidget(self.subtitle)
        self.pass_edit = password_field(placeholder="Passphrase", accessible="Passphrase",
                                        parent=self)
        self.pass_edit.setToolTip("The passphrase you chose for this journal")
        layout.addWidget(self.pass_edit)
        # The error under the passphrase and "Another journal" are hidden until needed, and
        # made then (see `error` and `switch_button`), in their places.
        self._layout = layout
        self._error: QLabel | None = None
        self._switch_button: QPushButton | None = None
        self._row = row = QHBoxLayout()
        self.unlock_button = QPushButton("Unlock", self)
        self.unlock_button.setProperty("role", "primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.setToolTip("Open the journal with this passphrase")
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        self.forgot_button = QPushButton("Forgot your passphrase?", self)
        self.forgot_button.setProperty("role", "flat")
        self.forgot_button.setToolTip("Set a new passphrase with the recovery key from the "
                                      "journal's recovery kit")
        self.forgot_button.setAutoDefault(False)
        layout.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.forgot_button.clicked.connect(self.recovery_requested)
        self.protected = True
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.pass_edit.returnPressed.connect(self._on_unlock_clicked)

    @property
    def error(self) -> QLabel:
        """The error under the passphrase field (hidden while it has nothing to say)."""
        if self._error is None:
            self._error = error_label(parent=self)
            self._layout.insertWidget(self._layout.indexOf(self.pass_edit) + 1, self._error)
            self._error.stackUnder(self._switch_button or self.unlock_button)
        return self._error

    @property
    def switch_button(self) -> QPushButton:
        """"Another journal", shown when this computer holds several."""
        if self._switch_button is None:
            button = self._switch_button = QPushButton("Another journal", self)
            button.setProperty("role", "flat")
            button.setToolTip("Open a different journal on this computer")
            button.hide()
            self._row.insertWidget(0, button)
            button.stackUnder(self.unlock_button)
            QWidget.setTabOrder(self.pass_edit, button)
            QWidget.setTabOrder(button, self.unlock_button)
            button.clicked.connect(self.switch_requested)
        return self._switch_button

    def prepare(self, *, name: str, protected: bool, can_switch: bool) -> None:
        self.title.setText(name)
        self.protected = protected
        self.subtitle.setText("Locked. Enter your passphrase to open it." if protected
                              else "Locked. It has no passphrase, so anyone at this computer can open it.")
        self.pass_edit.setText("")
        self.pass_edit.setVisible(protected)
        self.unlock_button.setText("Unlock" if protected else "Open")
        if can_switch or self._switch_button is not None:
            self.switch_button.setVisible(can_switch)
        self.forgot_button.setVisible(protected)
        self.show_error("")

    def show_error(self, message: str) -> None:
        if message or self._error is not None:
            show_error(self.error, message)
        if message:
            self.pass_edit.selectAll()
            self.pass_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.pass_edit.setEnabled(not busy)
        self.forgot_button.setEnabled(not busy)
        self.unlock_button.setText("Unlocking…" if busy else
                                   "Unlock" if self.protected else "Open")

    def focus_passphrase(self) -> None:
        self.pass_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_unlock_clicked(self) -> None:
        passphrase = self.pass_edit.text()
        if not self.protected:
            self.unlock_requested.emit("")
            return
        if not passphrase:
            self.show_error("Type your passphrase first.")
            return
        self.unlock_requested.emit(passphrase)

    def clear_secrets(self) -> None:
        self.pass_edit.setText("")
