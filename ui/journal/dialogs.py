"""The journal's dialogs: passphrase changes, protection, export, preferences, prompts."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from app.services.journal import EXPORT_WARNING, LOST_PASSPHRASE_WARNING
from ui import icons
from ui.journal.forms import error_label, password_field, show_error
from ui.journal.passphrase import estimate
from ui.theme import SPACING
from ui.widgets import FitsHeightToWidth, heading, muted

EXPORT_CHOICES = [
    ("md", "Markdown, one file", "md"),
    ("md-files", "Markdown, one file per entry", ""),
    ("html", "Web page (HTML)", "html"),
    ("pdf", "PDF", "pdf"),
]


class _Dialog(FitsHeightToWidth, QDialog):
    def __init__(self, *, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        self.layout_.setSpacing(SPACING["m"])
        self.error = error_label(parent=self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Working")
        self.progress.hide()

    def finish_layout(self) -> None:
        for button in self.buttons.buttons():
            # The stylesheet sets the primary button in bold, which its size hint ignores.
            font = QFont(button.font())
            font.setBold(True)
            button.setMinimumWidth(QFontMetrics(font).horizontalAdvance(button.text()) + 40)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.progress)
        self.layout_.addWidget(self.buttons)

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def show_error(self, message: str) -> None:
        show_error(self.error, message)

    def set_busy(self, busy: bool) -> None:
        """While work runs on a worker thread: progress shown, the form can't be changed."""
        self.progress.setVisible(busy)
        for child in self.findChildren((QPushButton, QComboBox, QSpinBox, QRadioButton)):
            child.setEnabled(not busy)
        for field in self._secret_fields():
            field.setEnabled(not busy)

    def _secret_fields(self):
        return []

    def _on_buttons_accepted(self) -> None:
        if self.validate():
            self.accept()

    def validate(self) -> bool:
        return True


class _NewPassphraseMixin:
    def _add_new_passphrase(self, layout: QFormLayout) -> None:
        self.new_edit = password_field(placeholder="New passphrase", accessible="New passphrase",
                                       parent=self)
        self.confirm_edit = password_field(placeholder="The same again",
                                           accessible="Repeat new passphrase", parent=self)
        self.strength = QLabel(self)
        self.strength.setProperty("role", "small")
        self.new_edit.textChanged.connect(self._on_new_edit_text_changed)
        layout.addRow("New passphrase", self.new_edit)
        layout.addRow("Repeat it", self.confirm_edit)
        layout.addRow("", self.strength)

    def _on_new_edit_text_changed(self, text: str) -> None:
        result = estimate(text)
        self.strength.setText(f"{result.label}. {result.hint}" if text else "")

    def _check_new(self) -> bool:
        new = self.new_edit.text()
        if not new.strip():
            self.show_error("Choose a new passphrase.")
            return False
        if new != self.confirm_edit.text():
            self.show_error("The two new passphrases are not the same.")
            return False
        if estimate(new).score == 0:
            self.show_error(estimate(new).hint)
            return False
        return True


class ChangePassphraseDialog(_NewPassphraseMixin, _Dialog):
    def __init__(self, *, journal_name: str, parent=None):
        super().__init__(title="Change passphrase", parent=parent)
        self.layout_.addWidget(heading(f"Change the passphrase of {journal_name}", level=3,
                                       parent=self))
        form = QFormLayout()
        self.current_edit = password_field(placeholder="Current passphrase",
                                           accessible="Current passphrase", parent=self)
        form.addRow("Current passphrase", self.current_edit)
        self._add_new_passphrase(form)
        self.layout_.addLayout(form)
        self.new_key_box = QCheckBox("Change the journal's key too", self)
        self.new_key_box.setToolTip(
            "Re-encrypt the whole file under a new key, with a new recovery key. Choose it "
            "if someone may have seen an old passphrase and an old copy of the journal.")
        self.layout_.addWidget(self.new_key_box)
        self.layout_.addWidget(muted(LOST_PASSPHRASE_WARNING, parent=self))
        self.ok_button().setText("Change passphrase")
        self.finish_layout()

    def _secret_fields(self):
        return [self.current_edit, self.new_edit, self.confirm_edit]

    def validate(self) -> bool:
        if not self.current_edit.text():
            self.show_error("Type the current passphrase.")
            return False
        return self._check_new()

    def values(self) -> tuple[str, str, bool]:
        return self.current_edit.text(), self.new_edit.text(), self.new_key_box.isChecked()


class ProtectDialog(_NewPassphraseMixin, _Dialog):
    def __init__(self, *, journal_name: str, parent=None):
        super().__init__(title="Protect with a passphrase", parent=parent)
        self.layout_.addWidget(heading(f"Protect {journal_name}", level=3, parent=self))
        self.layout_.addWidget(muted(
            "The journal is encrypted so nobody can read it without the passphrase.",
            parent=self))
        form = QFormLayout()
        self._add_new_passphrase(form)
        self.layout_.addLayout(form)
        warning = muted(LOST_PASSPHRASE_WARNING, parent=self)
        self.layout_.addWidget(warning)
        self.ok_button().setText("Protect")
        self.finish_layout()

    def _secret_fields(self):
        return [self.new_edit, self.confirm_edit]

    def validate(self) -> bool:
        return self._check_new()

    def passphrase(self) -> str:
        return self.new_edit.text()


class UnprotectDialog(_Dialog):
    def __init__(self, *, journal_name: str, parent=None):
        super().__init__(title="Remove protection", parent=parent)
        self.layout_.addWidget(heading(f"Remove protection from {journal_name}?", level=3,
                                       parent=self))
        self.layout_.addWidget(muted(
            "The journal will be stored unencrypted: anyone who uses this computer can read "
            "it. Type the passphrase to confirm.", parent=self))
        self.current_edit = password_field(placeholder="Passphrase",
                                           accessible="Current passphrase", parent=self)
        self.layout_.addWidget(self.current_edit)
        self.ok_button().setText("Remove protection")
        self.finish_layout()

    def _secret_fields(self):
        return [self.current_edit]

    def validate(self) -> bool:
        if not self.current_edit.text():
            self.show_error("Type the passphrase to confirm.")
            return False
        return True

    def passphrase(self) -> str:
        return self.current_edit.text()


class ExportDialog(_Dialog):
    """Which entries and which format; the tab asks for the destination afterwards."""

    def __init__(self, *, protected: bool, selected_count: int, shown_count: int | None,
                 parent=None):
        super().__init__(title="Export entries", parent=parent)
        self.layout_.addWidget(heading("Export entries", level=3, parent=self))
        self.format_combo = QComboBox(self)
        self.format_combo.setAccessibleName("Export format")
        for key, label, _suffix in EXPORT_CHOICES:
            self.format_combo.addItem(label, key)
        form = QFormLayout()
        form.addRow("Format", self.format_combo)
        self.layout_.addLayout(form)
        self.all_radio = QRadioButton("Every entry", self)
        self.selected_radio = QRadioButton("The selected entry", self)
        self.filtered_radio = QRadioButton(
            "The entries shown by the current filters" if shown_count is None
            else f"The {shown_count:,} entries shown by the current filters", self)
        group = QButtonGroup(self)
        for radio in (self.all_radio, self.selected_radio, self.filtered_radio):
            group.addButton(radio)
            self.layout_.addWidget(radio)
        self.all_radio.setChecked(True)
        self.selected_radio.setEnabled(selected_count > 0)
        self.selected_radio.setVisible(selected_count > 0)
        self.filtered_radio.setVisible(shown_count is not None)
        if protected:
            box = QHBoxLayout()
            icon = QLabel(self)
            icon.setPixmap(icons.icon("warning", accent=True).pixmap(20, 20))
            box.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            self.warning = muted(EXPORT_WARNING, parent=self)
            box.addWidget(self.warning, 1)
            self.layout_.addLayout(box)
        else:
            self.warning = None
        self.ok_button().setText("Export…")
        self.finish_layout()

    def export_format(self) -> str:
        return self.format_combo.currentData()

    def scope(self) -> str:
        if self.selected_radio.isChecked():
            return "selected"
        if self.filtered_radio.isChecked():
            return "filtered"
        return "all"


class PreferencesDialog(_Dialog):
    def __init__(self, *, minutes: int, keep_location: bool = False, parent=None):
        super().__init__(title="Journal preferences", parent=parent)
        form = QFormLayout()
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setRange(0, 240)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setSpecialValueText("Never")
        self.minutes_spin.setValue(minutes)
        self.minutes_spin.setAccessibleName("Auto-lock minutes")
        self.minutes_spin.setToolTip("Lock the journal after this many minutes without use")
        form.addRow("Lock after idle", self.minutes_spin)
        self.location_box = QCheckBox("Keep where photos were taken", self)
        self.location_box.setChecked(keep_location)
        self.location_box.setAccessibleName("Keep photo locations")
        self.location_box.setToolTip("Off: the GPS position is removed from each photo you "
                                     "add, so an export or a shared screen does not show "
                                     "where you were")
        form.addRow("Photos", self.location_box)
        self.layout_.addLayout(form)
        self.layout_.addWidget(muted("A locked journal needs its passphrase again. "
                                     "Journals without a passphrase are only hidden.",
                                     parent=self))
        self.finish_layout()

    def minutes(self) -> int:
        return self.minutes_spin.value()

    def keep_location(self) -> bool:
        return self.location_box.isChecked()


class PromptDialog(_Dialog):
    """Choose a reflection prompt from the deck (or let chance pick one)."""

    def __init__(self, *, prompts, parent=None):
        super().__init__(title="Write from a prompt", parent=parent)
        self.resize(560, 480)
        self.layout_.addWidget(heading("Pick a prompt", level=3, parent=self))
        self.list = QListWidget(self)
        self.list.setAccessibleName("Prompts")
        self.list.setWordWrap(True)
        # Wrapped rows are measured at the view's width: no sideways scrolling, and rows
        # measured again when the dialog is resized, so no prompt ends in "…".
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setAlternatingRowColors(True)
        for prompt in prompts:
            item = QListWidgetItem(prompt.text)
            item.setData(Qt.ItemDataRole.UserRole, prompt)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.layout_.addWidget(self.list, 1)
        self.shuffle_button = QPushButton(icons.icon("shuffle"), "Surprise me", self)
        self.shuffle_button.setToolTip("Pick a prompt at random")
        self.shuffle_button.clicked.connect(self._on_shuffle_button_clicked)
        self.buttons.addButton(self.shuffle_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self.ok_button().setText("Use this prompt")
        self.finish_layout()

    def chosen(self):
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def validate(self) -> bool:
        if self.chosen() is None:
            self.show_error("Choose a prompt first.")
            return False
        return True

    def _on_shuffle_button_clicked(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(random.randrange(self.list.count()))
            self.list.scrollToItem(self.list.currentItem())

    def _on_list_item_double_clicked(self, _item) -> None:
        self._on_buttons_accepted()
