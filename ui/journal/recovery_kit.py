"""The recovery kit on screen and on paper, and the dialogs around the recovery key.

`paint_kit` draws the one page (name, day, the key in large groups, its QR code, where to
keep it) on any QPainter: the sheet on screen, a printer, or Qt's own PDF writer. The kit
counts as saved once it was printed or saved and two of its groups were typed back.
"""

from __future__ import annotations

import datetime
import random

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import dates
from app.journal.keys import kit, recovery
from ui.journal.dialogs import _Dialog, _NewPassphraseMixin
from ui.journal.forms import error_label, password_field, show_error
from ui.theme import SPACING
from ui.widgets import heading, muted

# The sheet's own proportions: A4, in points.
PAGE = QSizeF(595, 842)


def paint_kit(painter: QPainter, rect: QRectF, *, name: str, day: datetime.date,
              key: str) -> None:
    """Draw the kit into `rect` (any size; laid out on an A4 page scaled to fit)."""
    painter.save()
    scale = min(rect.width() / PAGE.width(), rect.height() / PAGE.height())
    painter.translate(rect.left() + (rect.width() - PAGE.width() * scale) / 2, rect.top())
    painter.scale(scale, scale)
    painter.fillRect(QRectF(0, 0, PAGE.width(), PAGE.height()), QColor("white"))
    painter.setPen(QColor("black"))
    margin, width = 48.0, PAGE.width() - 96.0
    y = margin
    base = QFont(painter.font())

    def text(words: str, size: float, *, bold=False, mono=False, centre=False,
             gap=6.0) -> None:
        nonlocal y
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont) if mono \
            else QFont(base)
        font.setPointSizeF(size)
        font.setBold(bold)
        painter.setFont(font)
        flags = Qt.TextFlag.TextWordWrap | (Qt.AlignmentFlag.AlignHCenter if centre
                                            else Qt.AlignmentFlag.AlignLeft)
        box = painter.boundingRect(QRectF(margin, y, width, 1000), flags, words)
        painter.drawText(QRectF(margin, y, width, box.height()), flags, words)
        y += box.height() + gap

    text(kit.TITLE, 22, bold=True)
    text(f"Journal: {name}\nMade on {dates.day_text(day)}", 12)
    text(kit.INTRO.format(name=name), 11, gap=18)
    groups = recovery.groups(key)
    for start in range(0, len(groups), 4):
        text("  ".join(groups[start:start + 4]), 24, bold=True, mono=True, centre=True,
             gap=4)
    y += 12
    matrix = kit.qr_matrix(key)
    side = 150.0
    module = side / len(matrix)
    left = (PAGE.width() - side) / 2
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                painter.fillRect(QRectF(left + column * module, y + row * module,
                                        module + 0.02, module + 0.02), QColor("black"))
    y += side + 18
    text("Where to keep it", 12, bold=True, gap=4)
    for line in kit.WHERE:
        text(f"•  {line}", 11, gap=3)
    y += 8
    text(kit.HOW, 11)
    painter.restore()


def _mono(widget: QWidget) -> QFont:
    """A fixed-width font at the widget's own (text size setting) size."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(widget.font().pointSizeF())
    return font


class KitSheet(QWidget):
    """The kit as it will print, scaled to the widget's width."""

    def __init__(self, *, name: str, day: datetime.date, key: str, parent=None):
        super().__init__(parent)
        self._name, self._day, self._key = name, day, key
        self.setAccessibleName("Recovery kit")
        self.setAccessibleDescription(f"Recovery key {key}")
        self.setMinimumSize(420, int(420 * PAGE.height() / PAGE.width()))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def heightForWidth(self, width: int) -> int:
        return int(width * PAGE.height() / PAGE.width())

    def hasHeightForWidth(self) -> bool:
        return True

    def resizeEvent(self, event) -> None:
        self.setFixedHeight(self.heightForWidth(self.width()))
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        paint_kit(painter, QRectF(self.rect()), name=self._name, day=self._day, key=self._key)
        painter.end()


def write_kit_pdf(path: str, *, name: str, day: datetime.date, key: str) -> None:
    """Save the kit as a one-page PDF with Qt's own writer."""
    from PySide6.QtGui import QPdfWriter

    writer = QPdfWriter(path)
    writer.setTitle(kit.TITLE)
    writer.setCreator("Hearth")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setResolution(300)
    painter = QPainter(writer)
    paint_kit(painter, QRectF(0, 0, writer.width(), writer.height()), name=name, day=day,
              key=key)
    painter.end()


class RecoveryKitDialog(QDialog):
    """Shows the kit; Print… or Save as PDF…, then two groups typed back. `saved` says
    whether the kit counts as saved when the dialog closes (Later leaves it unsaved)."""

    kit_saved = Signal()

    def __init__(self, *, name: str, key: str, day: datetime.date | None = None,
                 print_page=None, choose_pdf_path=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Recovery kit")
        self.setModal(True)
        self.setAccessibleName("Recovery kit")
        self.saved = False
        self._name, self._key, self._day = name, key, day or datetime.date.today()
        self._print_page = print_page or self._print_with_dialog
        self._choose_pdf_path = choose_pdf_path or self._ask_pdf_path
        self.asked = sorted(random.sample(range(len(recovery.groups(key))), 2))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        layout.setSpacing(SPACING["m"])
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)

        show = QWidget(self)
        show_layout = QVBoxLayout(show)
        show_layout.setContentsMargins(0, 0, 0, 0)
        show_layout.addWidget(heading("Save your recovery kit", level=2, parent=show))
        show_layout.addWidget(muted(
            "If you forget your passphrase, this key is the only other way into the journal. "
            "Print it or save it as a PDF, then keep it somewhere safe.", parent=show))
        scroll = QScrollArea(show)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Recovery kit preview")
        holder = QWidget(scroll)
        holder_layout = QHBoxLayout(holder)
        self.sheet = KitSheet(name=name, day=self._day, key=key, parent=holder)
        self.sheet.setMaximumWidth(600)
        holder_layout.addWidget(self.sheet)
        scroll.setWidget(holder)
        show_layout.addWidget(scroll, 1)
        self.pages.addWidget(show)

        confirm = QWidget(self)
        confirm_layout = QVBoxLayout(confirm)
        confirm_layout.setContentsMargins(0, 0, 0, 0)
        confirm_layout.addWidget(heading("Check your copy", level=2, parent=confirm))
        confirm_layout.addWidget(muted(
            "Type these two groups from the printed or saved kit, so you know the copy is "
            "whole and readable.", parent=confirm))
        form = QFormLayout()
        self.group_edits: list[QLineEdit] = []
        for index in self.asked:
            edit = QLineEdit(confirm)
            edit.setMaxLength(8)
            edit.setMaximumWidth(200)
            edit.setAccessibleName(f"Group {index + 1}")
            edit.setToolTip(f"Group {index + 1} of the recovery key, as printed on the kit")
            edit.setFont(_mono(edit))
            form.addRow(f"Group {index + 1}", edit)
            self.group_edits.append(edit)
        confirm_layout.addLayout(form)
        confirm_layout.addStretch(1)
        self.pages.addWidget(confirm)

        self.error = error_label(parent=self)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.later_button = QPushButton("Later", self)
        self.later_button.setAutoDefault(False)
        self.later_button.setProperty("role", "flat")
        self.later_button.setToolTip("Close without saving; the Journal menu will remind you")
        self.print_button = QPushButton("Print…", self)
        self.print_button.setToolTip("Print the kit on paper (Ctrl+P)")
        self.print_button.setShortcut("Ctrl+P")
        self.pdf_button = QPushButton("Save as PDF…", self)
        self.pdf_button.setToolTip("Save the kit as a PDF file to print or keep offline")
        self.pdf_button.setProperty("role", "primary")
        self.pdf_button.setDefault(True)
        self.print_button.setAutoDefault(False)
        self.done_button = QPushButton("Done", self)
        self.done_button.setProperty("role", "primary")
        self.done_button.setToolTip("Check the two groups and finish")
        self.done_button.hide()
        self.back_button = QPushButton("Back", self)
        self.back_button.setToolTip("See the kit again")
        self.back_button.hide()
        row.addWidget(self.later_button)
        row.addStretch(1)
        for button in (self.back_button, self.print_button, self.pdf_button, self.done_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.later_button.clicked.connect(self.reject)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.resize(640, 680)

    def _print_with_dialog(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return False
        painter = QPainter(printer)
        paint_kit(painter, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)), name=self._name,
                  day=self._day, key=self._key)
        painter.end()
        return True

    def _ask_pdf_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save the recovery kit",
                                              f"Recovery kit - {self._name}.pdf", "PDF (*.pdf)")
        return path

    def _on_print_button_clicked(self) -> None:
        if self._print_page():
            self._ask_groups()

    def _on_pdf_button_clicked(self) -> None:
        path = self._choose_pdf_path()
        if not path:
            return
        try:
            write_kit_pdf(path, name=self._name, day=self._day, key=self._key)
        except OSError as exc:
            show_error(self.error, f"The kit could not be saved there: {exc.strerror}.")
            return
        self._ask_groups()

    def _ask_groups(self) -> None:
        show_error(self.error, "")
        self.pages.setCurrentIndex(1)
        for button in (self.print_button, self.pdf_button):
            button.hide()
        self.done_button.show()
        self.back_button.show()
        self.back_button.setAutoDefault(False)
        self.done_button.setDefault(True)
        self.group_edits[0].setFocus()

    def _on_back_button_clicked(self) -> None:
        self.pages.setCurrentIndex(0)
        self.done_button.hide()
        self.back_button.hide()
        for button in (self.print_button, self.pdf_button):
            button.show()

    def _on_done_button_clicked(self) -> None:
        wanted = recovery.groups(self._key)
        typed = [recovery.normalise(edit.text()) for edit in self.group_edits]
        if typed != [wanted[i] for i in self.asked]:
            show_error(self.error, "Those groups do not match the kit. Check your copy: is "
                                   "it whole and readable?")
            return
        self.saved = True
        self.kit_saved.emit()
        self.accept()


class RecoverDialog(_NewPassphraseMixin, _Dialog):
    """Forgot your passphrase: the recovery key, then a new passphrase twice. A typo in the
    key is caught here by its checksum, before any work."""

    def __init__(self, *, journal_name: str, parent=None):
        super().__init__(title="Forgot your passphrase?", parent=parent)
        self.setMinimumWidth(600)
        self.layout_.addWidget(heading(f"Open {journal_name} with its recovery key", level=3,
                                       parent=self))
        self.layout_.addWidget(muted(
            "Type the recovery key from the kit you printed or saved (spaces, dashes and "
            "capitals do not matter), then choose a new passphrase.", parent=self))
        form = QFormLayout()
        self.key_edit = QLineEdit(self)
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.key_edit.setAccessibleName("Recovery key")
        self.key_edit.setToolTip("The 28 characters printed on the recovery kit")
        self.key_edit.setFont(_mono(self.key_edit))
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal)
        form.addRow("Recovery key", self.key_edit)
        self._add_new_passphrase(form)
        self.layout_.addLayout(form)
        self.ok_button().setText("Set new passphrase")
        self.finish_layout()

    def _secret_fields(self):
        return [self.key_edit, self.new_edit, self.confirm_edit]

    def validate(self) -> bool:
        from app.errors import ValidationError

        try:
            recovery.parse(self.key_edit.text())
        except ValidationError as exc:
            self.show_error(exc.message)
            self.key_edit.setFocus()
            return False
        return self._check_new()

    def values(self) -> tuple[str, str]:
        return self.key_edit.text(), self.new_edit.text()

    def clear_secrets(self) -> None:
        for field in self._secret_fields():
            field.setText("")


class AskPassphraseDialog(_Dialog):
    """The journal's passphrase, for work that needs it (a new recovery key)."""

    def __init__(self, *, title: str, text: str, button: str, parent=None):
        super().__init__(title=title, parent=parent)
        self.layout_.addWidget(heading(title, level=3, parent=self))
        self.layout_.addWidget(muted(text, parent=self))
        self.pass_edit = password_field(placeholder="Passphrase", accessible="Passphrase",
                                        parent=self)
        self.layout_.addWidget(self.pass_edit)
        self.ok_button().setText(button)
        self.finish_layout()

    def _secret_fields(self):
        return [self.pass_edit]

    def validate(self) -> bool:
        if not self.pass_edit.text():
            self.show_error("Type the journal's passphrase.")
            return False
        return True

    def passphrase(self) -> str:
        return self.pass_edit.text()


def new_kit_dialog(*, parent=None) -> AskPassphraseDialog:
    """Journal > Recovery kit…: the passphrase, for a new key (see Unlocking.ask_new_kit)."""
    return AskPassphraseDialog(
        title="Make a new recovery key",
        text="A new recovery key replaces the old one, and the journal is re-encrypted under "
             "a new key, so the old kit opens nothing you write from now on (backups made "
             "before still open with it). Hearth never keeps the key itself, so a kit can "
             "only be made for a new key.",
        button="Make a new recovery key", parent=parent)


__all__ = ["AskPassphraseDialog", "KitSheet", "RecoverDialog", "RecoveryKitDialog",
           "new_kit_dialog", "paint_kit", "write_kit_pdf"]
