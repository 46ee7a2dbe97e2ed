"""The page that creates a journal: a name and a passphrase, or an explicit "no passphrase"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.journal import LOST_PASSPHRASE_WARNING
from ui import icons
from ui.journal.forms import centered_card, error_label, icon_label, password_field, show_error
from ui.journal.passphrase import estimate
from ui.widgets import heading, muted


class WelcomePage(QWidget):
    """Asks for what a new journal needs and emits `create_requested(name, passphrase)`;
    the passphrase is None when the person chose no passphrase."""

    create_requested = Signal(str, object)
    cancelled = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Create a journal")
        layout = centered_card(self)
        self._icon = icon_label(icons.icon("journal", accent=True).pixmap(44, 44), parent=self)
        layout.addWidget(self._icon)
        self.title = heading("Start your journal", level=1, parent=self)
        layout.addWidget(self.title)
        self.intro = muted("A private place to write, just for you. It never leaves this "
                           "computer.", parent=self)
        layout.addWidget(self.intro)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("Journal name, for example your first name")
        self.name_edit.setAccessibleName("Journal name")
        self.name_edit.setToolTip("Shown on the lock screen so each of you finds your own")
        self.name_edit.setMaxLength(80)
        layout.addWidget(self._field_label("Name"))
        layout.addWidget(self.name_edit)

        self.protect_radio = QRadioButton("Protect it with a passphrase", self)
        self.protect_radio.setToolTip("Recommended: the journal is encrypted on disk")
        self.plain_radio = QRadioButton("No passphrase", self)
        self.plain_radio.setToolTip("Anyone who uses this computer could read the journal")
        self.protect_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.protect_radio)
        group.addButton(self.plain_radio)
        layout.addWidget(self.protect_radio)

        self.pass_box = QWidget(self)
        box = QVBoxLayout(self.pass_box)
        box.setContentsMargins(24, 0, 0, 0)
        box.setSpacing(6)
        self.pass_edit = password_field(placeholder="Passphrase", accessible="Passphrase",
                                        parent=self)
        self.confirm_edit = password_field(placeholder="The same passphrase again",
                                           accessible="Repeat passphrase", parent=self)
        box.addWidget(self.pass_edit)
        box.addWidget(self.confirm_edit)
        meter = QHBoxLayout()
        self.strength_bar = QProgressBar(self)
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setFixedHeight(6)
        self.strength_bar.setAccessibleName("Passphrase strength")
        self.strength_label = QLabel(self)
        self.strength_label.setProperty("role", "small")
        meter.addWidget(self.strength_bar, 1)
        meter.addWidget(self.strength_label)
        box.addLayout(meter)
        self.warning = QLabel(LOST_PASSPHRASE_WARNING, self)
        self.warning.setProperty("role", "small")
        self.warning.setWordWrap(True)
        box.addWidget(self.warning)
        layout.addWidget(self.pass_box)
        layout.addWidget(self.plain_radio)
        self.plain_note = QLabel("Anyone who uses this computer could read it.", self)
        self.plain_note.setProperty("role", "small")
        self.plain_note.setWordWrap(True)
        self.plain_note.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.plain_note)

        self.error = error_label(parent=self)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Back to your journals")
        self.cancel_button.hide()
        self.create_button = QPushButton("Create journal", self)
        self.create_button.setProperty("role", "primary")
        self.create_button.setDefault(True)
        self.create_button.setToolTip("Create the journal and open it")
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)

        self.protect_radio.toggled.connect(self._on_protect_toggled)
        self.pass_edit.textChanged.connect(self._on_pass_text_changed)
        self.confirm_edit.returnPressed.connect(self.create_button.click)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.cancel_button.clicked.connect(self.cancelled)
        self._on_pass_text_changed("")

    @staticmethod
    def _field_label(text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "h3")
        return label

    def reset(self, *, can_cancel: bool, first: bool) -> None:
        self.title.setText("Start your journal" if first else "A new journal")
        self.name_edit.clear()
        self.clear_secrets()
        self.protect_radio.setChecked(True)
        self.cancel_button.setVisible(can_cancel)
        show_error(self.error, "")
        self.create_button.setEnabled(True)

    def clear_secrets(self) -> None:
        self.pass_edit.setText("")
        self.confirm_edit.setText("")

    def set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.create_button.setText("Creating…" if busy else "Create journal")

    def show_error(self, message: str) -> None:
        show_error(self.error, message)

    def _on_protect_toggled(self, checked: bool) -> None:
        self.pass_box.setEnabled(checked)
        if not checked:
            self.clear_secrets()

    def _on_pass_text_changed(self, text: str) -> None:
        strength = estimate(text)
        self.strength_bar.setValue(strength.score if text else 0)
        self.strength_label.setText(strength.label)
        self.strength_bar.setToolTip(strength.hint)
        self.strength_label.setToolTip(strength.hint)

    def _on_create_clicked(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.show_error("Give your journal a name.")
            self.name_edit.setFocus()
            return
        if not self.protect_radio.isChecked():
            self.show_error("")
            self.create_requested.emit(name, None)
            return
        passphrase = self.pass_edit.text()
        if not passphrase.strip():
            self.show_error("Choose a passphrase, or pick “No passphrase”.")
            self.pass_edit.setFocus()
            return
        if passphrase != self.confirm_edit.text():
            self.show_error("The two passphrases are not the same.")
            self.confirm_edit.selectAll()
            self.confirm_edit.setFocus()
            return
        if estimate(passphrase).score == 0:
            self.show_error(estimate(passphrase).hint)
            self.pass_edit.setFocus()
            return
        self.show_error("")
        self.create_requested.emit(name, passphrase)
