"""The chooser shown when this computer holds several journals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QSizePolicy, QToolButton, QWidget

from ui import icons
from ui.journal.forms import centered_card, icon_label
from ui.widgets import heading, muted


class ChooserPage(QWidget):
    """One button per journal (each partner can have their own) and "New journal"."""

    journal_chosen = Signal(object)  # journal id
    new_journal_requested = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Choose a journal")
        self._layout = centered_card(self)
        self._layout.addWidget(
            icon_label(icons.icon("journal", accent=True).pixmap(44, 44), parent=self))
        self._layout.addWidget(heading("Whose journal?", level=1, parent=self))
        self._layout.addWidget(muted("Each journal has its own passphrase.", parent=self))
        self._buttons_at = self._layout.count()
        self.new_button = QPushButton(icons.icon("add"), "New journal", self)
        self.new_button.setProperty("role", "flat")
        self.new_button.setToolTip("Create another journal, for example for your partner")
        self.new_button.clicked.connect(self.new_journal_requested)
        self._layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.journal_buttons: list[QToolButton] = []

    def set_journals(self, journals) -> None:
        for button in self.journal_buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.journal_buttons = []
        for offset, info in enumerate(journals):
            button = QToolButton(self)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIcon(icons.icon("lock" if info.protected else "journal"))
            state = "protected" if info.protected else "no passphrase"
            button.setText(f"{info.name}  ·  {state}")
            button.setAccessibleName(f"Open {info.name}")
            button.setToolTip(f"Open {info.name}")
            button.setProperty("role", "choice")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(44)
            button.clicked.connect(self._on_journal_button_clicked)
            button.setProperty("journal_id", info.id)
            self._layout.insertWidget(self._buttons_at + offset, button)
            self.journal_buttons.append(button)

    def _on_journal_button_clicked(self) -> None:
        self.journal_chosen.emit(self.sender().property("journal_id"))
