"""Preferences for the whole window: keep running in the tray, and start at login.

Both are off by default and each says what it does and why: reminders only come while
Hearth runs. The dialog changes nothing until OK; a login entry that cannot be written is
said in one line beside its check box and the dialog stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
)

from app.autostart import Autostart, AutostartError, describe_place
from ui.settings import CLOSE_TO_TRAY, Settings
from ui.theme import SPACING
from ui.widgets import heading, muted

TRAY_TEXT = ("Reminders only come while Hearth runs. With this on, closing the window keeps "
             "Hearth in the tray, so your reminders still arrive. Quit it from the tray icon's "
             "menu or with File > Quit.")
NO_TRAY_TEXT = ("This desktop has no tray, so closing the window always stops Hearth and "
                "its reminders.")
LOGIN_TEXT = ("Hearth opens when you log in to this computer, so reminders come even on days "
              "you forget to open it. This adds a login entry for your account only:")
class PreferencesDialog(QDialog):
    """Two check boxes with their explanations; `accept` applies them."""

    def __init__(self, *, settings: Settings, autostart: Autostart, tray_available: bool,
                 parent=None):
        super().__init__(parent)
        self._settings = settings
        self._autostart = autostart
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        layout.setSpacing(SPACING["s"])
        layout.addWidget(heading("Preferences", level=2, parent=self))

        self.tray_check = QCheckBox("Keep Hearth running in the tray", self)
        self.tray_check.setAccessibleName("Keep running in the tray")
        self.tray_check.setToolTip("Closing the window hides it; reminders keep coming")
        self.tray_check.setChecked(bool(settings.get(CLOSE_TO_TRAY)) and tray_available)
        self.tray_check.setEnabled(tray_available)
        layout.addWidget(self.tray_check)
        self.tray_note = muted(TRAY_TEXT if tray_available else NO_TRAY_TEXT, parent=self)
        layout.addWidget(self.tray_note)
        layout.addSpacing(SPACING["m"])

        self.login_check = QCheckBox("Start Hearth when I log in", self)
        self.login_check.setAccessibleName("Start Hearth when I log in")
        self.login_check.setToolTip("Opens Hearth at login, so reminders are not missed")
        self.login_error = QLabel(self)
        self.login_error.setProperty("role", "error")
        self.login_error.setWordWrap(True)
        self.login_error.setTextFormat(Qt.TextFormat.PlainText)
        self.login_error.hide()
        try:
            enabled = autostart.is_enabled()
        except AutostartError as exc:
            enabled = False
            self._show_login_error(exc.message)
        self.login_check.setChecked(enabled)
        self._login_was = enabled
        layout.addWidget(self.login_check)
        self.login_note = muted(f"{LOGIN_TEXT} {describe_place(autostart)}. Turning this off "
                                "removes it again.", parent=self)
        self.login_note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.login_note)
        layout.addWidget(self.login_error)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        width = max(560, self.tray_check.sizeHint().width(),
                    self.login_check.sizeHint().width()) + 2 * SPACING["xl"]
        self.setMinimumWidth(width)
        self.resize(width, self.heightForWidth(width) if self.hasHeightForWidth()
                    else self.sizeHint().height())

    def accept(self) -> None:
        wanted = self.login_check.isChecked()
        if wanted != self._login_was:
            try:
                if wanted:
                    self._autostart.enable()
                else:
                    self._autostart.disable()
            except AutostartError as exc:
                self._show_login_error(exc.message)
                return
            self._login_was = wanted
        if self.tray_check.isEnabled():
            self._settings.set(CLOSE_TO_TRAY, self.tray_check.isChecked())
        super().accept()

    def _show_login_error(self, message: str) -> None:
        self.login_error.setText(message)
        self.login_error.show()


def open_for(window) -> PreferencesDialog:
    """Open the dialog over the main window; the login entry starts this same Hearth on
    the window's data folder (named only when it is not the default one)."""
    from app.autostart import launch_command
    from app.paths import default_data_dir

    data_dir = window.context.data_dir
    command = launch_command(
        data_dir=None if data_dir == default_data_dir().resolve() else data_dir)
    dialog = PreferencesDialog(settings=window.settings, autostart=Autostart(command=command),
                               tray_available=window.tray.is_available(), parent=window)
    dialog.open()
    return dialog
