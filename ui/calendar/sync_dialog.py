"""Calendar > Sync with a calendar server…: the address, user and app password, the
calendars found there (or a new one called "Hearth"), a connection test that answers in
words, a plain statement of what leaves the computer, and stopping or forgetting."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ui.background import BackgroundTask
from ui.theme import SPACING

CREATE = "create"
WHAT_LEAVES = ("What leaves this computer: the titles, times, places, notes, kinds and "
               "repeats of your plans, and their reminders when you share them. Never your "
               "journal, how a plan went, ratings or reflections.")
KEPT = {True: "The password is kept in this system's password store.",
        False: "This system has no password store: Hearth keeps the password only while "
               "it runs, and asks for it again next time."}
INTRO = ("Share your plans with your partner and your phones through a calendar server "
         "you already use: Nextcloud, Fastmail, iCloud, mailbox.org, Google or Radicale.")


@dataclass(frozen=True)
class Found:
    calendars: tuple = ()
    auth_type: str | None = None
    problem: str = ""


def _discover(address: str, user: str, password: str) -> Found:
    from app.sync import discovery, errors
    from app.sync.transport import Transport

    try:
        url = discovery.normalize_address(address)
        transport = Transport(url, user, password)
        try:
            found = [c for c in discovery.find_calendars(transport, url) if c.holds_events]
        finally:
            transport.close()
    except errors.SyncError as exc:
        return Found(problem=f"{exc.message} {exc.fix}")
    return Found(calendars=tuple(found), auth_type=transport.auth_type)


def _connect(address: str, user: str, password: str, choice) -> Found:
    from app.sync import discovery, errors
    from app.sync.transport import Transport

    try:
        url = discovery.normalize_address(address)
        transport = Transport(url, user, password)
        try:
            if choice == CREATE:
                made = discovery.make_calendar(transport, url, "Hearth")
            else:
                made = choice
            checked = discovery.check_calendar(transport, made.url)
        finally:
            transport.close()
    except errors.SyncError as exc:
        return Found(problem=f"{exc.message} {exc.fix}")
    return Found(calendars=(checked,), auth_type=transport.auth_type)


class SyncDialog(QDialog):
    saved = Signal()       # an account was set up (or changed): sync now
    forgotten = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        from app.sync import account

        self.setWindowTitle("Sync with a calendar server")
        self.setAccessibleName("Sync with a calendar server")
        self.task: BackgroundTask | None = None
        self.current = account.load()
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING["m"])
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.address_edit = QLineEdit(self)
        self.address_edit.setPlaceholderText("cloud.example.org, or a calendar's full address")
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("an app password made on the server for Hearth")
        for label, edit, tip in (
                ("Server &address", self.address_edit, "The calendar server's address"),
                ("&User name", self.user_edit, "Your user name on the server"),
                ("App &password", self.password_edit,
                 "Make an app password on the server; never your main password")):
            edit.setToolTip(tip)
            edit.setAccessibleName(label.replace("&", ""))
            form.addRow(label, edit)
        self.calendar_box = QComboBox(self)
        self.calendar_box.setAccessibleName("Calendar")
        self.calendar_box.setToolTip("Which of the server's calendars holds your plans")
        form.addRow("&Calendar", self.calendar_box)
        layout.addLayout(form)
        self.reminders_box = QCheckBox("Share reminders with my partner (otherwise they stay "
                                       "on this computer)", self)
        self.reminders_box.setChecked(True)
        layout.addWidget(self.reminders_box)
        test_row = QHBoxLayout()
        self.test_button = QPushButton("&Test connection", self)
        self.test_button.setToolTip("Log in and list the calendars found")
        self.test_button.clicked.connect(self._on_test_button_clicked)
        test_row.addWidget(self.test_button)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setAccessibleName("Connection result")
        test_row.addWidget(self.result_label, 1)
        layout.addLayout(test_row)
        from app.sync import secret

        leaves = QLabel(f"{WHAT_LEAVES} {KEPT[secret.has_store()]}", self)
        leaves.setWordWrap(True)
        leaves.setProperty("role", "hint")
        layout.addWidget(leaves)
        self.setMinimumWidth(560)
        manage = QHBoxLayout()
        self.forget_button = QPushButton("&Forget this account", self)
        self.forget_button.setToolTip("Stop syncing and forget the server, user and password; "
                                      "your plans stay here")
        self.forget_button.clicked.connect(self._on_forget_button_clicked)
        self.stop_button = QPushButton("", self)
        self.stop_button.clicked.connect(self._on_stop_button_clicked)
        manage.addWidget(self.stop_button)
        manage.addWidget(self.forget_button)
        manage.addStretch(1)
        layout.addLayout(manage)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton("&Save and sync", self)
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self._load()

    def _load(self) -> None:
        current = self.current
        self.calendar_box.clear()
        self.calendar_box.addItem("Create a new calendar called “Hearth”", CREATE)
        if current is not None:
            self.address_edit.setText(current.server_url)
            self.user_edit.setText(current.username)
            self.reminders_box.setChecked(current.share_reminders)
            from app.sync.discovery import FoundCalendar

            self.calendar_box.insertItem(0, current.calendar_name or current.calendar_url,
                                         FoundCalendar(current.calendar_url,
                                                       current.calendar_name))
            self.calendar_box.setCurrentIndex(0)
        self.forget_button.setVisible(current is not None)
        self.stop_button.setVisible(current is not None)
        if current is not None:
            self.stop_button.setText("Stop s&yncing" if current.enabled else "Start s&yncing")
            self.stop_button.setToolTip("Pause syncing; nothing is forgotten")

    def _fields(self) -> tuple[str, str, str] | None:
        address, user = self.address_edit.text().strip(), self.user_edit.text().strip()
        password = self.password_edit.text()
        if not password and self.current is not None:
            from app.sync import secret

            password = secret.get(self.current.secret_key) or ""
        missing = [name for name, value in (("the server address", address),
                                            ("the user name", user),
                                            ("the app password", password)) if not value]
        if missing:
            self.result_label.setText("Type " + " and ".join(missing) + ".")
            return None
        return address, user, password

    def _run(self, work, done) -> None:
        self._busy(True)
        self.result_label.setText("Connecting…")
        self.task = BackgroundTask(work, name="calendar server check", parent=self)
        self.task.succeeded.connect(done)
        self.task.failed.connect(self._on_task_failed)
        self.task.finished.connect(lambda: self._busy(False))
        self.task.start()

    def _busy(self, busy: bool) -> None:
        for button in (self.test_button, self.save_button):
            button.setEnabled(not busy)

    def _on_test_button_clicked(self) -> None:
        fields = self._fields()
        if fields is not None:
            self._run(lambda _r: _discover(*fields), self._on_discovered)

    def _on_discovered(self, found: Found) -> None:
        if found.problem:
            self.result_label.setText(found.problem)
            return
        self.calendar_box.clear()
        for calendar in found.calendars:
            self.calendar_box.addItem(calendar.name, calendar)
        self.calendar_box.addItem("Create a new calendar called “Hearth”", CREATE)
        count = len(found.calendars)
        self.result_label.setText(
            f"Connected. {count} calendar{'s' if count != 1 else ''} found." if count else
            "Connected. There is no calendar for events yet: Hearth can create one.")

    def _on_save_button_clicked(self) -> None:
        fields = self._fields()
        if fields is None:
            return
        choice = self.calendar_box.currentData()
        self._run(lambda _r: _connect(*fields, choice), self._on_connected)

    def _on_connected(self, found: Found) -> None:
        from app.sync import account, discovery, secret

        if found.problem:
            self.result_label.setText(found.problem)
            return
        address, user, password = self._fields()
        chosen = found.calendars[0]
        saved = account.save(account.Account(
            server_url=discovery.normalize_address(address), username=user,
            calendar_url=chosen.url, calendar_name=chosen.name, auth_type=found.auth_type,
            share_reminders=self.reminders_box.isChecked()))
        secret.store(saved.secret_key, password)
        self.saved.emit()
        self.accept()

    def _on_task_failed(self, message: str) -> None:
        self.result_label.setText(message)

    def _on_stop_button_clicked(self) -> None:
        from app.sync import account

        account.set_enabled(not self.current.enabled)
        self.current = account.load()
        self._load()
        self.saved.emit()

    def _on_forget_button_clicked(self) -> None:
        from app.sync import account

        account.forget()
        self.forgotten.emit()
        self.accept()
